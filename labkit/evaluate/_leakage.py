"""Catching leaky features: recorded after the outcome, or too good to be true on their own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, listing, num
from labkit.evaluate import _validate as v
from labkit.evaluate._metrics import ThresholdCurve
from labkit.evaluate._splits import _column, _frame

_TIMINGS = {"before", "after"}


def single_feature_auc(values: pd.Series, y: np.ndarray, seed: int = 0) -> tuple[float, str]:
    """How well one column alone separates the outcomes (ROC-AUC, direction-free), and its kind.

    Numbers, dates and yes/no columns are used as scores directly (missing values
    form their own lowest level). Categories are replaced by their outcome rate
    learned on the other half of the rows (out-of-fold), so that an identifier
    with one row per value cannot look predictive by memorising.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        kind = "date"
        stamps = pd.to_datetime(values)
        arr = np.where(stamps.isna(), np.nan, stamps.to_numpy().astype("datetime64[ns]").astype("int64"))
        scores = _fill_low(arr.astype(float))
    elif pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        kind = "yes/no" if pd.api.types.is_bool_dtype(values) else "number"
        scores = _fill_low(values.astype("float64").to_numpy(dtype=float, na_value=np.nan))
    else:
        kind = "category"
        codes, _ = pd.factorize(values.astype("string").fillna("(missing)"))
        rng = np.random.default_rng(seed)
        fold = rng.integers(0, 2, size=codes.size)
        prior = float(y.mean())
        scores = np.empty(codes.size, dtype=float)
        n_codes = int(codes.max()) + 1 if codes.size else 0
        for f in (0, 1):
            learn = fold != f
            hits = np.bincount(codes[learn], weights=y[learn].astype(float), minlength=n_codes)
            seen = np.bincount(codes[learn], minlength=n_codes)
            # A little smoothing towards the overall rate keeps rare categories honest.
            rate = (hits + 10 * prior) / (seen + 10)
            scores[~learn] = rate[codes[~learn]]
    auc, _ = ThresholdCurve(y, scores).roc_auc()
    return float(max(auc, 1.0 - auc)), kind


def _fill_low(arr: np.ndarray) -> np.ndarray:
    """Missing values become their own level, below every real value."""
    missing = np.isnan(arr)
    if missing.any():
        low = np.nanmin(arr) - 1.0 if (~missing).any() else 0.0
        arr = np.where(missing, low, arr)
    return arr


class LeakageReport(Report):
    """Which features leak the outcome, and why. ``leaky`` lists the columns to drop."""

    kind = "LeakageReport"

    def __init__(self, title: str, summary: str, sections: list[Section], table: pd.DataFrame) -> None:
        self.table = table
        self.leaky: list[str] = table.loc[table["leak"], "feature"].tolist()
        super().__init__(title, summary, sections, frame=table)

    def _extra_dict(self) -> dict[str, Any]:
        return {"leaky": self.leaky, "features": self.table}


def leakage_check(
    data: pd.DataFrame,
    target: str,
    *,
    features: Iterable[str] | None = None,
    recorded_after: Iterable[str] | None = None,
    timing: Mapping[str, str] | None = None,
    schema: Mapping[str, Any] | None = None,
    suspicious_auc: float = 0.9,
    pos_label: Any = None,
    seed: int = 0,
) -> LeakageReport:
    """Flag features that would not be known when the prediction is made.

    A *leaky* feature carries information from after the outcome (a complaint
    logged because the repair was late, the date the job was completed). A model
    trained with it looks excellent in testing and fails in use. Two checks:

    1. timing: columns you say are recorded after the outcome (``recorded_after``,
       or ``timing={"complaint_logged": "after", "priority": "before"}``), from the
       data dictionary;
    2. strength: a column that predicts the outcome on its own with ROC-AUC of at
       least ``suspicious_auc``. Few honest single facts are that good; check when
       it is recorded.

    Parameters
    ----------
    data : pandas.DataFrame
        Features and the outcome. Not changed.
    target : str
        The outcome column, e.g. ``"target_missed"``.
    features : list of str, optional
        The columns to check; by default every column except the target.
    recorded_after : list of str, optional
        Columns recorded after the outcome.
    timing : dict, optional
        Column -> ``"before"`` or ``"after"`` the outcome.
    schema : dict, optional
        A Frictionless Table Schema (``{"fields": [...]}``), such as the sandbox's
        ``datapackage.json`` entry. A field whose ``"labkit:role"`` is ``"leaky"``
        counts as recorded after the outcome; ``"feature"`` as before it.
        ``recorded_after`` and ``timing`` take precedence.
    suspicious_auc : float, default 0.9
        Single-feature ROC-AUC at or above which a column is flagged.
    pos_label : optional
        The outcome label when the target is not True/False or 1/0.
    seed : int, default 0
        Seed for the out-of-fold encoding of category columns.

    Returns
    -------
    LeakageReport

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"late": [1, 0, 1, 0, 1, 0, 1, 0],
    ...                    "complaint": [1, 0, 1, 0, 1, 0, 1, 0],
    ...                    "visits": [2, 0, 0, 1, 1, 0, 2, 1]})
    >>> leakage_check(df, "late", recorded_after=["complaint"]).leaky
    ['complaint']

    With the sandbox's data dictionary:

    >>> from labkit import data
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> schema = next(r["schema"] for r in data.datapackage()["resources"]
    ...               if r["name"] == "northbrook-housing-repairs-clean")
    >>> sorted(leakage_check(repairs[["priority", "complaint_logged", "target_missed"]],
    ...                      "target_missed", schema=schema).leaky)
    ['complaint_logged']
    """
    data = _frame(data)
    y, cols, limit, when = _check_inputs(
        data, target, features, recorded_after, timing, schema, suspicious_auc, pos_label
    )
    rows = [_judge(c, *single_feature_auc(data[c], y, seed), when.get(c, "not stated"), limit) for c in cols]
    table = (
        pd.DataFrame(rows)
        .sort_values(["leak", "single-feature ROC-AUC"], ascending=[False, False], kind="stable")
        .reset_index(drop=True)
    )
    section = Section(
        "Features checked",
        "Single-feature ROC-AUC shows how well each column alone separates the outcomes (0.5 is "
        "chance). Category columns are scored out of fold, so identifiers cannot memorise the answer.",
        tables=[Table("Leakage check", table)],
    )
    return LeakageReport(f"Leakage check: {target}", _summary(table, len(cols)), [section], table)


def _check_inputs(
    data: pd.DataFrame,
    target: str,
    features: Iterable[str] | None,
    recorded_after: Iterable[str] | None,
    timing: Mapping[str, str] | None,
    schema: Mapping[str, Any] | None,
    suspicious_auc: Any,
    pos_label: Any,
) -> tuple[np.ndarray, list[str], float, dict[str, str]]:
    """The labels, the columns to check, the ROC-AUC limit and what is known of each column's timing."""
    y = v.as_labels(_column(data, target, "target"), f"column {target!r}", pos_label)
    v.both_classes(y, f"column {target!r}")
    if features is None:
        cols = [c for c in data.columns if c != target]
    else:
        cols = list(features)
        for c in cols:
            _column_exists(data, c, "features")
    if target in cols:
        raise LabkitError(
            f"The target {target!r} is listed as a feature.",
            where="parameter features",
            fix="Leave the target out of the features.",
        )
    try:
        limit = float(suspicious_auc)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"suspicious_auc must be a number between 0.5 and 1, not {suspicious_auc!r}.",
            where="parameter suspicious_auc",
        ) from exc
    if not 0.5 < limit <= 1.0:
        raise LabkitError(
            f"suspicious_auc must be above 0.5 and at most 1, not {suspicious_auc!r}.",
            where="parameter suspicious_auc",
            fix="Use suspicious_auc=0.9.",
        )
    when: dict[str, str] = _timing_from_schema(schema, data)
    for c in recorded_after or []:
        _column_exists(data, c, "recorded_after")
        when[c] = "after"
    for c, t in (timing or {}).items():
        _column_exists(data, c, "timing")
        if t not in _TIMINGS:
            raise LabkitError(
                f"timing for {c!r} must be 'before' or 'after', not {t!r}.",
                where="parameter timing",
                fix="Say whether the value is recorded before or after the outcome.",
            )
        when[c] = t

    return y, cols, limit, when


def _judge(column: str, auc: float, kind: str, recorded: str, limit: float) -> dict[str, Any]:
    """One column's verdict: leaky if recorded after the outcome or suspiciously predictive alone."""
    if recorded == "after":
        leak, why = True, "recorded after the outcome, so it is not known when the prediction is made"
    elif auc >= limit:
        leak, why = (
            True,
            f"predicts the outcome on its own with ROC-AUC {num(auc, 3)}: check when it is recorded",
        )
    elif auc >= 0.75:
        leak, why = False, f"strong on its own (ROC-AUC {num(auc, 3)}); fine if known before the outcome"
    else:
        leak, why = False, "no sign of leakage"
    return {
        "feature": column,
        "kind": kind,
        "single-feature ROC-AUC": auc,
        "recorded": recorded,
        "leak": leak,
        "why": why,
    }


def _summary(table: pd.DataFrame, n_columns: int) -> str:
    leaky = table.loc[table["leak"], "feature"].tolist()
    if leaky:
        summary = (
            f"{count(len(leaky))} of {count(n_columns)} features look like leaks: {listing(leaky)}. "
            "Drop them before training: a model that uses them will look better in testing than it "
            "can ever be in use."
        )
    else:
        summary = (
            f"None of the {count(n_columns)} features is recorded after the outcome or predicts it "
            "suspiciously well on its own (the strongest has ROC-AUC "
            f"{num(table['single-feature ROC-AUC'].max(), 3)})."
        )
    not_stated = int((table["recorded"] == "not stated").sum())
    if not_stated:
        summary += (
            f" The timing of {count(not_stated)} features was not stated: check the data dictionary for "
            "when each is recorded; strength alone cannot catch a weak leak."
        )
    return summary


def _timing_from_schema(schema: Mapping[str, Any] | None, data: pd.DataFrame) -> dict[str, str]:
    if schema is None:
        return {}
    fields = schema.get("fields") if isinstance(schema, Mapping) else None
    if not isinstance(fields, list):
        raise LabkitError(
            "schema must be a Table Schema: a dict with a list of 'fields'.",
            where="parameter schema",
            fix="Pass the 'schema' of a resource in datapackage.json, e.g. labkit.data.datapackage().",
        )
    roles = {"leaky": "after", "feature": "before"}
    return {
        f["name"]: roles[f["labkit:role"]]
        for f in fields
        if isinstance(f, Mapping) and f.get("name") in data.columns and f.get("labkit:role") in roles
    }


def _column_exists(data: pd.DataFrame, column: str, param: str) -> None:
    if column not in data.columns:
        raise LabkitError(
            f"There is no column {column!r} in the data.",
            where=f"parameter {param}",
            fix="Check the spelling against data.columns.",
        )
