"""The audit's second step: every number, from one confusion-count pass, with no words.

:func:`compute_audit` counts true and false positives and negatives for every
intersectional group in one :func:`numpy.bincount`, sums them up to each single
feature, and derives each rate with its Wilson interval (from
:mod:`labkit._stats`), the comparisons with each reference group, the largest
gaps, the four-fifths check and calibration within groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit._stats import rate_intervals, rates_from_counts
from labkit.fairness._audit_checks import AuditInputs, label, resolve_references
from labkit.fairness._fast import GroupMetrics, confusion_counts
from labkit.fairness._inputs import combine

__all__ = [
    "AUDIT_METRICS",
    "FOUR_FIFTHS",
    "INTERSECTION_SEP",
    "AuditNumbers",
    "Grouping",
    "compute_audit",
    "readable",
]

# The rates the audit reports (with base_rate, the true rate of the outcome).
AUDIT_METRICS: tuple[str, ...] = (
    "selection_rate",
    "true_positive_rate",
    "false_positive_rate",
    "false_negative_rate",
    "precision",
    "accuracy",
)
FOUR_FIFTHS = 0.8
INTERSECTION_SEP = " / "
_COMPARISON_COLUMNS = [
    "feature",
    "group",
    "reference",
    "metric",
    "value",
    "reference_value",
    "difference",
    "ratio",
]


@dataclass(frozen=True)
class Grouping:
    """One way of splitting people: a single feature, or the intersection of several."""

    name: str
    characteristic: str
    labels: list[str]
    counts: np.ndarray  # (k, 4): TN, FP, FN, TP
    reference: str | None

    @property
    def is_intersection(self) -> bool:
        return " x " in self.name


@dataclass(frozen=True)
class AuditNumbers:
    """The audit's numbers: one table per grouping, and every table stacked."""

    groupings: list[Grouping]
    tables: list[pd.DataFrame]
    groups: pd.DataFrame
    comparisons: pd.DataFrame
    gaps: pd.DataFrame
    four_fifths: pd.DataFrame
    calibration: pd.DataFrame | None
    overall: pd.Series
    metrics: GroupMetrics
    references: dict[str, str]
    characteristics: dict[str, str]


def _rate_table(grouping: Grouping, confidence: float) -> pd.DataFrame:
    counts = grouping.counts
    columns: dict[str, Any] = {
        "characteristic": grouping.characteristic,
        "feature": grouping.name,
        "group": grouping.labels,
        "n": counts.sum(axis=1),
        "positives": counts[:, 2] + counts[:, 3],
        "predicted_positive": counts[:, 1] + counts[:, 3],
    }
    values = rates_from_counts(counts, ("base_rate", *AUDIT_METRICS))
    for metric in ("base_rate", *AUDIT_METRICS):
        low, high = rate_intervals(counts, metric, confidence)
        columns.update({metric: values[metric], f"{metric}_low": low, f"{metric}_high": high})
    columns["is_reference"] = [g == grouping.reference for g in grouping.labels]
    return pd.DataFrame(columns)


def _comparisons(grouping: Grouping, table: pd.DataFrame) -> pd.DataFrame:
    """Each group against the reference group, one row per group and rate."""
    is_ref = (table["group"] == grouping.reference).to_numpy()
    values = table[list(AUDIT_METRICS)].to_numpy(dtype=np.float64)
    ref = values[is_ref][0] if is_ref.any() else np.full(len(AUDIT_METRICS), np.nan)
    others = values[~is_ref]
    if not len(others):
        return pd.DataFrame([], columns=_COMPARISON_COLUMNS)
    k = len(AUDIT_METRICS)
    refs = np.tile(ref, len(others))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(refs != 0, others.ravel() / refs, np.nan)
    return pd.DataFrame(
        {
            "feature": grouping.name,
            "group": np.repeat(table["group"].to_numpy()[~is_ref], k),
            "reference": grouping.reference,
            "metric": np.tile(np.array(AUDIT_METRICS, dtype=object), len(others)),
            "value": others.ravel(),
            "reference_value": refs,
            "difference": others.ravel() - refs,
            "ratio": ratio,
        },
        columns=_COMPARISON_COLUMNS,
    )


def readable(table: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """Groups of at least ``min_n`` people, or every non-empty group if fewer than two are that large."""
    big = table[table["n"] >= min_n]
    return big if len(big) >= 2 else table[table["n"] > 0]


def _gaps(grouping: Grouping, table: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """For each rate: the lowest and highest readable group, their difference and ratio."""
    shown = readable(table, min_n)
    groups = shown["group"].to_numpy()
    rows = []
    for metric in AUDIT_METRICS:
        values = shown[metric].to_numpy(dtype=np.float64)
        ok = ~np.isnan(values)
        row: dict[str, Any] = {"feature": grouping.name, "metric": metric}
        if ok.sum() < 2:
            row.update(lowest_group=None, lowest=np.nan, highest_group=None, highest=np.nan)
            row.update(difference=np.nan, ratio=np.nan, groups_compared=int(ok.sum()))
            rows.append(row)
            continue
        lo, hi = int(np.nanargmin(values)), int(np.nanargmax(values))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = float(values[lo] / values[hi]) if values[hi] else np.nan
        row.update(lowest_group=groups[lo], lowest=float(values[lo]), highest_group=groups[hi])
        row.update(highest=float(values[hi]), difference=float(values[hi] - values[lo]), ratio=ratio)
        row.update(groups_compared=int(ok.sum()))
        rows.append(row)
    return pd.DataFrame(rows)


def _four_fifths(grouping: Grouping, table: pd.DataFrame, min_n: int) -> pd.DataFrame:
    nonempty = table[table["n"] > 0]
    top = readable(table, min_n)["selection_rate"].max()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = nonempty["selection_rate"] / top if top > 0 else nonempty["selection_rate"] * np.nan
    return pd.DataFrame(
        {
            "feature": grouping.name,
            "group": nonempty["group"].to_numpy(),
            "n": nonempty["n"].to_numpy(),
            "selection_rate": nonempty["selection_rate"].to_numpy(),
            "ratio_to_highest": ratio.to_numpy(),
            "below_four_fifths": (ratio < FOUR_FIFTHS).to_numpy(),
        }
    )


def _calibration(
    y_score: np.ndarray,
    y_true: np.ndarray,
    codes: np.ndarray,
    grouping_labels: list[str],
    feature: str,
    bins: int = 10,
) -> pd.DataFrame:
    k = len(grouping_labels)
    b = np.minimum((y_score * bins).astype(np.int64), bins - 1)
    key = codes * bins + b
    n = np.bincount(key, minlength=k * bins).reshape(k, bins).astype(np.float64)
    s = np.bincount(key, weights=y_score, minlength=k * bins).reshape(k, bins)
    y = np.bincount(key, weights=y_true.astype(np.float64), minlength=k * bins).reshape(k, bins)
    group_n = n.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.abs(s - y) / group_n[:, None]  # n_b/n * |mean score_b - observed_b|
        ece = np.where(group_n > 0, gap.sum(axis=1), np.nan)
        mean_score = s.sum(axis=1) / group_n
        observed = y.sum(axis=1) / group_n
    return pd.DataFrame(
        {
            "feature": feature,
            "group": grouping_labels,
            "n": group_n.astype(np.int64),
            "mean_score": mean_score,
            "observed_rate": observed,
            "calibration_error": ece,
        }
    )


def _groupings(
    inputs: AuditInputs, counts: np.ndarray, references: dict[str, str], chars: dict[str, str]
) -> list[Grouping]:
    """One grouping per feature (counts summed over the others), then their intersection."""
    features = inputs.features
    cube = counts.reshape(*[f.k for f in features], 4)
    out = []
    for i, f in enumerate(features):
        summed = cube.sum(axis=tuple(j for j in range(len(features)) if j != i))
        out.append(Grouping(f.name, chars[f.name], [label(v) for v in f.labels], summed, references[f.name]))
    if len(features) > 1:
        index = pd.MultiIndex.from_product([f.labels for f in features])
        labels = [INTERSECTION_SEP.join(label(v) for v in combo) for combo in index]
        ref_combo = INTERSECTION_SEP.join(references[f.name] for f in features)
        if ref_combo not in labels or counts[labels.index(ref_combo)].sum() == 0:
            ref_combo = labels[int(np.argmax(counts.sum(axis=1)))]
        name = " x ".join(f.name for f in features)
        out.append(Grouping(name, " x ".join(chars[f.name] for f in features), labels, counts, ref_combo))
    return out


def _metric_frame(counts: np.ndarray, inputs: AuditInputs) -> GroupMetrics:
    features = inputs.features
    if len(features) > 1:
        index = pd.MultiIndex.from_product([f.labels for f in features], names=[f.name for f in features])
    else:
        index = pd.Index(features[0].labels, name=features[0].name, tupleize_cols=False)
    frame = pd.DataFrame(counts, index=index, columns=["TN", "FP", "FN", "TP"])
    return GroupMetrics(frame, ("count", "base_rate", *AUDIT_METRICS), [f.name for f in features], "nan")


def compute_audit(inputs: AuditInputs, reference: Any, characteristics: dict[str, str]) -> AuditNumbers:
    """Every number of the audit, from one count of TN, FP, FN and TP per intersectional group."""
    features = inputs.features
    codes, n_groups = combine(features)
    counts = confusion_counts(codes, n_groups, inputs.y_true, inputs.y_pred)
    cube = counts.reshape(*[f.k for f in features], 4)
    by_feature = [
        cube.sum(axis=tuple(j for j in range(len(features)) if j != i)) for i in range(len(features))
    ]
    references = resolve_references(reference, features, by_feature)
    groupings = _groupings(inputs, counts, references, characteristics)
    tables = [_rate_table(g, inputs.confidence) for g in groupings]
    pairs = list(zip(groupings, tables, strict=True))
    calibration = None
    if inputs.score is not None:
        calibration = pd.concat(
            [
                _calibration(inputs.score, inputs.y_true, f.codes, [label(v) for v in f.labels], f.name)
                for f in features
            ],
            ignore_index=True,
        )
    overall = rates_from_counts(counts.sum(axis=0, keepdims=True), ("count", "base_rate", *AUDIT_METRICS))
    return AuditNumbers(
        groupings=groupings,
        tables=tables,
        groups=pd.concat(tables, ignore_index=True),
        comparisons=pd.concat([_comparisons(g, t) for g, t in pairs], ignore_index=True),
        gaps=pd.concat([_gaps(g, t, inputs.min_n) for g, t in pairs], ignore_index=True),
        four_fifths=pd.concat([_four_fifths(g, t, inputs.min_n) for g, t in pairs], ignore_index=True),
        calibration=calibration,
        overall=pd.Series({k: float(v[0]) for k, v in overall.items()}),
        metrics=_metric_frame(counts, inputs),
        references=references,
        characteristics=characteristics,
    )
