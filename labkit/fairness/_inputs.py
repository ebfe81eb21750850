"""Checking and converting the inputs of every fairness helper.

Each public function calls these at its boundary, so that bad input becomes
one plain-English :class:`~labkit.LabkitError` and nothing below has to
defend itself. Labels, scores, lengths and thresholds come from the shared
layer :mod:`labkit._inputs` (the same words as ``evaluate`` and ``quality``);
the sensitive features are checked here. Nothing here changes the caller's
objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import as_1d, check_length, labels, preview, threshold_value
from labkit._inputs import scores as _scores
from labkit._text import count, listing, plural

__all__ = [
    "MISSING_CHOICES",
    "NOT_RECORDED",
    "Feature",
    "as_1d",
    "binary",
    "check_length",
    "combine",
    "scores",
    "sensitive",
    "threshold_value",
]

NOT_RECORDED = "Not recorded"
MISSING_CHOICES = ("group", "drop", "error")
# Above this many intersectional groups an audit stops being readable (and memory grows).
MAX_GROUPS = 100_000


def _show_values(values: Any, limit: int = 5) -> str:
    return preview(values, limit)


def binary(values: Any, name: str, n: int | None = None, pos_label: Any = None) -> np.ndarray:
    """Return 0/1 labels as ``uint8``; refuse missing or non-binary values (see ``labels``)."""
    return labels(values, name, n=n, pos_label=pos_label).astype(np.uint8)


def scores(values: Any, name: str, n: int) -> np.ndarray:
    """Return model scores as ``float64`` in [0, 1]; refuse missing or out-of-range values."""
    return _scores(values, name, n=n)


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
        check_length(col, n, where)
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
    check_length(values, n, where)
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
