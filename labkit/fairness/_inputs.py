"""Checking and converting the inputs of every fairness helper.

Each public function calls these at its boundary, so that bad input becomes
one plain-English :class:`~labkit.LabkitError` and nothing below has to
defend itself. Nothing here changes the caller's objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._text import count, listing, plural

NOT_RECORDED = "Not recorded"
MISSING_CHOICES = ("group", "drop", "error")
# Above this many intersectional groups an audit stops being readable (and memory grows).
MAX_GROUPS = 100_000


def _show_values(values: Any, limit: int = 5) -> str:
    shown = [repr(v) for v in list(values)[:limit]]
    more = len(values) - limit if len(values) > limit else 0
    return ", ".join(shown) + (f" and {count(more)} more" if more else "")


def as_1d(values: Any, name: str) -> np.ndarray:
    """Return ``values`` as a new one-dimensional numpy array (never a view on the caller's data)."""
    if values is None:
        raise LabkitError(f"{name} is missing.", where=f"parameter {name}", fix=f"Pass {name}=... .")
    if isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise LabkitError(
                f"{name} must be one column, but a table with {values.shape[1]} columns was given.",
                where=f"parameter {name}",
                fix=f"Pass a single column, for example df['{values.columns[0]}'].",
            )
        values = values.iloc[:, 0]
    if isinstance(values, pd.Series):
        arr = values.to_numpy(copy=True)
    else:
        try:
            arr = np.array(values, copy=True)
        except (TypeError, ValueError) as exc:
            raise LabkitError(
                f"{name} could not be read as a list of values ({exc}).",
                where=f"parameter {name}",
                fix="Pass a column of a DataFrame, a list or a numpy array.",
            ) from exc
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.reshape(-1)
    if arr.ndim != 1:
        raise LabkitError(
            f"{name} must be one-dimensional, but it has shape {arr.shape}.",
            where=f"parameter {name}",
            fix="Pass one value per person (one column).",
        )
    if arr.size == 0:
        raise LabkitError(f"{name} is empty.", where=f"parameter {name}", fix="Pass at least one row.")
    return arr


def check_length(arr: np.ndarray, n: int, name: str, first: str = "y_true") -> None:
    if len(arr) != n:
        raise LabkitError(
            f"{name} has {plural(len(arr), 'value')} but {first} has {count(n)}; they must match row "
            "for row.",
            where=f"parameter {name}",
            fix="Pass columns from the same table, after the same filtering.",
        )


def binary(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """Return 0/1 labels as ``uint8``; refuse missing or non-binary values."""
    arr = as_1d(values, name)
    if n is not None:
        check_length(arr, n, name)
    missing = pd.isna(arr) if arr.dtype == object else np.zeros(len(arr), dtype=bool)
    if arr.dtype.kind == "f":
        missing = np.isnan(arr)
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        raise LabkitError(
            f"{name} has {plural(int(missing.sum()), 'missing value')} (the first at row {first}).",
            where=f"parameter {name}",
            fix="Decide what a missing outcome means and fill it, or drop those rows from every input.",
        )
    if arr.dtype.kind == "b":
        return arr.astype(np.uint8)
    try:
        uniq = pd.unique(arr)
    except TypeError:
        uniq = np.unique(arr.astype(str))
    allowed = {0, 1}  # True == 1 and False == 0 in Python
    try:
        ok = all(u in allowed for u in uniq)
    except TypeError:
        ok = False
    if not ok:
        raise LabkitError(
            f"{name} must hold two classes coded 0 and 1 (or True and False), but it holds "
            f"{_show_values(uniq)}.",
            where=f"parameter {name}",
            fix="Turn the outcome into 0/1 first, for example (df['outcome'] == 'Missed').astype(int).",
        )
    return arr.astype(np.uint8)


def scores(values: Any, name: str, n: int) -> np.ndarray:
    """Return model scores as ``float64`` in [0, 1]; refuse missing or out-of-range values."""
    arr = as_1d(values, name)
    check_length(arr, n, name)
    try:
        arr = arr.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{name} must be numbers between 0 and 1, but some values are not numbers.",
            where=f"parameter {name}",
            fix="Pass the model's predicted probabilities, for example model.predict_proba(X)[:, 1].",
        ) from exc
    bad = ~np.isfinite(arr)
    if bad.any():
        raise LabkitError(
            f"{name} has {plural(int(bad.sum()), 'missing or infinite value')} "
            f"(the first at row {int(np.flatnonzero(bad)[0])}).",
            where=f"parameter {name}",
            fix="Score every row, or drop the unscored rows from every input.",
        )
    out = (arr < 0) | (arr > 1)
    if out.any():
        raise LabkitError(
            f"{name} must be between 0 and 1, but {plural(int(out.sum()), 'value')} "
            f"{'is' if int(out.sum()) == 1 else 'are'} outside "
            f"(from {arr.min():.3g} to {arr.max():.3g}).",
            where=f"parameter {name}",
            fix="Pass probabilities (predict_proba), not raw decision scores; or rescale them to 0-1.",
        )
    return arr


def threshold_value(threshold: Any, name: str = "threshold") -> float:
    try:
        value = float(threshold)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{name} must be a number between 0 and 1, not {threshold!r}.",
            where=f"parameter {name}",
            fix="Pass for example threshold=0.5.",
        ) from exc
    if not 0 <= value <= 1:
        raise LabkitError(
            f"{name} must be between 0 and 1, not {value:g}.",
            where=f"parameter {name}",
            fix="Pass for example threshold=0.5.",
        )
    return value


@dataclass(frozen=True)
class Feature:
    """One sensitive feature, coded as integers 0..k-1 (one code per group)."""

    name: str
    codes: np.ndarray
    labels: list[Any]
    n_missing: int
    empty_categories: list[Any]

    @property
    def k(self) -> int:
        return len(self.labels)


def _named_columns(sensitive_features: Any) -> list[tuple[str, Any]]:
    if sensitive_features is None:
        raise LabkitError(
            "sensitive_features is missing: an audit needs at least one protected characteristic.",
            where="parameter sensitive_features",
            fix="Pass a column, for example sensitive_features=df['tenant_ethnic_group_5'].",
        )
    if isinstance(sensitive_features, pd.DataFrame):
        if sensitive_features.shape[1] == 0:
            raise LabkitError(
                "sensitive_features is a table with no columns.",
                where="parameter sensitive_features",
                fix="Pass at least one column, for example df[['tenant_sex']].",
            )
        return [(str(c), sensitive_features[c]) for c in sensitive_features.columns]
    if isinstance(sensitive_features, dict):
        if not sensitive_features:
            raise LabkitError(
                "sensitive_features is an empty dictionary.",
                where="parameter sensitive_features",
                fix="Pass {'name': column, ...} with at least one column.",
            )
        return [(str(k), v) for k, v in sensitive_features.items()]
    if isinstance(sensitive_features, pd.Series):
        name = sensitive_features.name
        return [(str(name) if name is not None else "sensitive_feature_0", sensitive_features)]
    arr = np.asarray(sensitive_features, dtype=object)
    if arr.ndim == 2:
        return [(f"sensitive_feature_{i}", arr[:, i]) for i in range(arr.shape[1])]
    return [("sensitive_feature_0", sensitive_features)]


def _factorize(col: Any, n: int, name: str) -> tuple[np.ndarray, list[Any], list[Any]]:
    """Integer codes (-1 for missing), the observed groups in order, and categories with no rows."""
    where = f"sensitive_features[{name!r}]"
    if isinstance(col, pd.Series) and isinstance(col.dtype, pd.CategoricalDtype):
        check_length(col.to_numpy(), n, where)
        raw = col.cat.codes.to_numpy().astype(np.int64)
        categories = list(col.cat.categories)
        seen = np.bincount(raw[raw >= 0], minlength=len(categories)) > 0
        remap = np.cumsum(seen) - 1
        codes = np.where(raw >= 0, remap[np.maximum(raw, 0)], -1)
        labels = [c for c, s in zip(categories, seen, strict=True) if s]
        empty = [c for c, s in zip(categories, seen, strict=True) if not s]
        return codes, labels, empty
    values = col if isinstance(col, pd.Series) else as_1d(col, where)
    if isinstance(values, pd.Series) and values.ndim != 1:
        values = as_1d(values, where)
    check_length(np.asarray(values), n, where)
    try:
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
    except TypeError:  # values that cannot be sorted together keep their order of appearance
        codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=True)
    return codes.astype(np.int64), list(np.asarray(uniques, dtype=object).tolist()), []


def sensitive(sensitive_features: Any, n: int, missing: str = "group") -> tuple[list[Feature], np.ndarray]:
    """Code each sensitive feature as integers and decide what to do with missing values.

    Returns the features and a boolean mask of the rows to keep (all rows unless
    ``missing="drop"``). Group labels are sorted where the values can be sorted,
    as fairlearn sorts them; categories keep their own order.
    """
    if missing not in MISSING_CHOICES:
        raise LabkitError(
            f"missing must be one of {listing([repr(m) for m in MISSING_CHOICES], 'or')}, not {missing!r}.",
            where="parameter missing",
            fix="Use missing='group' to keep people with no recorded value as their own group.",
        )
    columns = _named_columns(sensitive_features)
    names = [c[0] for c in columns]
    if len(set(names)) != len(names):
        raise LabkitError(
            f"Two sensitive features have the same name ({_show_values(names)}).",
            where="parameter sensitive_features",
            fix="Give each sensitive feature its own name.",
        )
    coded: list[tuple[str, np.ndarray, list[Any], list[Any]]] = []
    keep = np.ones(n, dtype=bool)
    for name, col in columns:
        codes, labels, empty = _factorize(col, n, name)
        isna = codes < 0
        if isna.any() and missing == "error":
            raise LabkitError(
                f"The sensitive feature {name!r} has {plural(int(isna.sum()), 'missing value')} "
                f"(the first at row {int(np.flatnonzero(isna)[0])}).",
                where=f"sensitive feature {name!r}",
                fix="Choose what to do: missing='group' audits them as a group of their own "
                "(recommended: people with no recorded value are often treated differently); "
                "missing='drop' leaves them out (and the audit says how many).",
            )
        if missing == "drop":
            keep &= ~isna
        coded.append((name, codes, labels, empty))
    if not keep.any():
        raise LabkitError(
            "Every row has a missing sensitive value, so nothing is left to audit.",
            where="parameter sensitive_features",
            fix="Use missing='group', or check that the right columns were passed.",
        )
    features: list[Feature] = []
    for name, codes, labels, empty in coded:
        n_missing = int((codes < 0).sum())
        if not keep.all():
            codes = codes[keep]
            present = np.bincount(codes[codes >= 0], minlength=len(labels)) > 0
            if not present.all():  # groups that only had rows dropped for another feature's missing value
                remap = np.cumsum(present) - 1
                codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], codes)
                labels = [v for v, p in zip(labels, present, strict=True) if p]
        if (codes < 0).any():
            label = NOT_RECORDED if NOT_RECORDED not in labels else f"{NOT_RECORDED} (missing)"
            codes = np.where(codes < 0, len(labels), codes)
            labels = [*labels, label]
        features.append(
            Feature(name=name, codes=codes, labels=labels, n_missing=n_missing, empty_categories=empty)
        )
    total = int(np.prod([f.k for f in features], dtype=np.float64))
    if total > MAX_GROUPS:
        raise LabkitError(
            f"These sensitive features make {count(total)} combinations, too many to audit together.",
            where="parameter sensitive_features",
            fix="Audit fewer features at once, or a coarser version (for example 5 ethnic groups, not 19).",
        )
    return features, keep


def combine(features: list[Feature]) -> tuple[np.ndarray, int]:
    """One integer code per row for the intersection of all features (mixed radix)."""
    code = np.zeros(len(features[0].codes), dtype=np.int64)
    for f in features:
        code *= f.k
        code += f.codes
    return code, int(np.prod([f.k for f in features]))
