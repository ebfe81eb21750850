"""The statistics every labkit capability shares, each written once.

- :func:`z_value` and :func:`wilson_interval`: the normal quantile and the
  Wilson score interval for a proportion (Wilson 1927; Brown, Cai and
  DasGupta 2001), used by ``evaluate`` for precision, recall and calibration
  bands and by ``fairness`` for every group's rates;
- :data:`RATES` and :func:`rates_from_counts`: the one table of rate
  definitions (each a numerator and a denominator over the confusion counts
  TN, FP, FN, TP) and the rates it gives, with :func:`rate_intervals` for
  their Wilson intervals;
- :func:`contingency_table`, :func:`cramers_v` (plain, as in most textbooks)
  and :func:`cramers_v_corrected` (Bergsma 2013's bias correction, which
  stops columns with many categories looking strong by chance);
- :func:`categorical_log_likelihoods`: the add-one (Laplace) smoothed
  per-category probabilities of a categorical naive Bayes guess, the same as
  scikit-learn's ``CategoricalNB(alpha=1)``.

numpy only: importing this module is cheap. The tests check the Wilson
interval against scipy and the naive Bayes smoothing against scikit-learn.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np

__all__ = [
    "CONFUSION",
    "RATES",
    "categorical_log_likelihoods",
    "contingency_table",
    "cramers_v",
    "cramers_v_corrected",
    "rate_intervals",
    "rates_from_counts",
    "wilson_interval",
    "z_value",
]

CONFUSION: tuple[str, ...] = ("TN", "FP", "FN", "TP")
"""The order of the four confusion counts in every counts array: true negatives, false positives, ..."""

RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "selection_rate": (("FP", "TP"), ("TN", "FP", "FN", "TP")),
    "base_rate": (("FN", "TP"), ("TN", "FP", "FN", "TP")),
    "true_positive_rate": (("TP",), ("TP", "FN")),
    "false_positive_rate": (("FP",), ("FP", "TN")),
    "false_negative_rate": (("FN",), ("TP", "FN")),
    "true_negative_rate": (("TN",), ("FP", "TN")),
    "precision": (("TP",), ("TP", "FP")),
    "accuracy": (("TP", "TN"), ("TN", "FP", "FN", "TP")),
}
"""Each rate as (numerator counts, denominator counts) over :data:`CONFUSION`."""

# Rates whose denominator can be zero in a non-empty group; fairlearn (through
# scikit-learn) reports 0 there, labkit reports "not defined" (NaN).
CONDITIONAL_RATES = frozenset(
    {"true_positive_rate", "false_positive_rate", "false_negative_rate", "true_negative_rate", "precision"}
)


def z_value(confidence: float) -> float:
    """The normal quantile for a two-sided interval at ``confidence``.

    Examples
    --------
    >>> round(z_value(0.95), 4)
    1.96
    """
    return NormalDist().inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def wilson_interval(successes: Any, trials: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for proportions; NaN where there are no trials.

    The Wilson interval stays inside 0-1 and behaves well for small groups and
    rates near 0 or 1, where the usual "plus or minus 1.96 standard errors"
    does not. It always contains the observed proportion: exactly 0 at its
    lower end when there are no successes, exactly 1 at its upper end when
    every trial is a success. Numbers or arrays of any shape are accepted.

    Parameters
    ----------
    successes, trials : number or array-like
        Counts of successes and of trials (for example, repairs flagged that
        missed the target, and repairs flagged).
    confidence : float, default 0.95
        The level of the interval.

    Returns
    -------
    (low, high) : tuple of numpy.ndarray
        Float arrays of the broadcast shape of the inputs (0-dimensional for numbers).

    Examples
    --------
    >>> low, high = wilson_interval(8, 40)
    >>> round(float(low), 4), round(float(high), 4)
    (0.105, 0.3476)
    >>> [round(float(v), 4) for v in wilson_interval([0, 5], [10, 0])[1]]
    [0.2775, nan]
    """
    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
        # Rounding can put an end a hair past p when p is 0 or 1: the interval always holds p.
        low = np.clip(np.minimum(p, centre - half), 0, 1)
        high = np.clip(np.maximum(p, centre + half), 0, 1)
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


def _sum_of(counts: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    return sum((counts[..., CONFUSION.index(c)] for c in names), np.zeros_like(counts[..., 0]))


def rates_from_counts(
    counts: Any, metrics: tuple[str, ...] = ("count", *RATES), undefined: str = "nan"
) -> dict[str, np.ndarray]:
    """Each metric for each row of ``counts`` (TN, FP, FN, TP), as float arrays.

    ``"count"`` is the number of rows in the group. Groups with no rows get
    NaN for every metric. With ``undefined="zero"`` a rate whose denominator
    is zero in a non-empty group is 0, as in fairlearn; by default it is NaN.

    Examples
    --------
    >>> out = rates_from_counts([[5, 1, 2, 2], [0, 0, 0, 0]], ("count", "precision"))
    >>> out["count"].tolist(), [round(v, 3) for v in out["precision"].tolist()]
    ([10.0, nan], [0.667, nan])
    """
    counts = np.asarray(counts, dtype=np.float64)
    n = counts.sum(axis=-1)
    out: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for metric in metrics:
            if metric == "count":
                out[metric] = np.where(n > 0, n, np.nan)
                continue
            numerator, denominator = RATES[metric]
            den = _sum_of(counts, denominator)
            value = _sum_of(counts, numerator) / den
            if undefined == "zero" and metric in CONDITIONAL_RATES:
                value = np.where((den == 0) & (n > 0), 0.0, value)
            out[metric] = np.where(n > 0, value, np.nan)
    return out


def rate_intervals(counts: Any, metric: str, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson interval of ``metric`` (a key of :data:`RATES`) for each row of ``counts``.

    Examples
    --------
    >>> low, high = rate_intervals([[30, 2, 0, 8]], "selection_rate")
    >>> round(float(low[0]), 3), round(float(high[0]), 3)
    (0.142, 0.402)
    """
    counts = np.asarray(counts, dtype=np.float64)
    numerator, denominator = RATES[metric]
    return wilson_interval(_sum_of(counts, numerator), _sum_of(counts, denominator), confidence)


def contingency_table(x: np.ndarray, kx: int, y: np.ndarray, ky: int) -> np.ndarray:
    """Counts of each pair of codes: ``x`` in ``0..kx-1`` against ``y`` in ``0..ky-1``, shape ``(kx, ky)``.

    Examples
    --------
    >>> contingency_table(np.array([0, 0, 1]), 2, np.array([1, 1, 0]), 2).tolist()
    [[0.0, 2.0], [1.0, 0.0]]
    """
    x = np.asarray(x, dtype=np.int64)
    y = np.asarray(y, dtype=np.int64)
    return np.bincount(x * ky + y, minlength=kx * ky).reshape(kx, ky).astype(np.float64)


def _chi2_parts(table: Any) -> tuple[float, int, int, float]:
    """Chi-squared, rows, columns and n of a table, after dropping empty rows and columns."""
    table = np.asarray(table, dtype=np.float64)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = float(table.sum())
    r, c = table.shape
    if r < 2 or c < 2:
        return float("nan"), r, c, n
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    return float(((table - expected) ** 2 / expected).sum()), r, c, n


def cramers_v(table: Any) -> float:
    """Plain Cramér's V of a contingency table: sqrt(chi2 / (n (min(r, c) - 1))).

    0 means no association; 1 means one column determines the other. Empty
    rows and columns are dropped first; NaN when fewer than two rows or
    columns are left. With many categories and few rows it runs high by
    chance: :func:`cramers_v_corrected` corrects that.

    Examples
    --------
    >>> cramers_v([[10, 0], [0, 10]]), round(cramers_v([[6, 4], [4, 6]]), 3)
    (1.0, 0.2)
    """
    chi2, r, c, n = _chi2_parts(table)
    if np.isnan(chi2):
        return float("nan")
    return float(np.sqrt(chi2 / (n * (min(r, c) - 1))))


def cramers_v_corrected(table: Any) -> float:
    """Bias-corrected Cramér's V (Bergsma 2013) of a contingency table.

    The same scale as :func:`cramers_v`, but the chi-squared expected by
    chance with this many categories is taken away first, so a column with
    hundreds of areas does not look linked to a characteristic just because
    it has many values. NaN when fewer than two rows or columns are left.

    Examples
    --------
    >>> round(cramers_v_corrected([[10, 0], [0, 10]]), 3), cramers_v_corrected([[5, 5], [5, 5]])
    (1.0, 0.0)
    """
    chi2, r, c, n = _chi2_parts(table)
    if np.isnan(chi2) or n < 2:
        return float("nan")
    phi2 = max(0.0, chi2 / n - (r - 1) * (c - 1) / (n - 1))
    rc = r - (r - 1) ** 2 / (n - 1)
    cc = c - (c - 1) ** 2 / (n - 1)
    denom = min(rc - 1, cc - 1)
    return float(np.sqrt(phi2 / denom)) if denom > 0 else float("nan")


def categorical_log_likelihoods(table: Any, alpha: float = 1.0) -> np.ndarray:
    """log P(category | class) from a (categories x classes) count table, with additive smoothing.

    Each class's counts get ``alpha`` added to every category before dividing,
    so a category never seen with a class has a small probability, not zero:
    the estimate of scikit-learn's ``CategoricalNB(alpha=alpha)``
    (``feature_log_prob_``, transposed).

    Examples
    --------
    >>> np.exp(categorical_log_likelihoods([[3, 0], [1, 2]])).round(3).tolist()
    [[0.667, 0.25], [0.333, 0.75]]
    """
    table = np.asarray(table, dtype=np.float64)
    return np.log((table + alpha) / (table.sum(axis=0) + alpha * table.shape[0]))
