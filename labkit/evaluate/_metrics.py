"""Vectorised metrics and analytic confidence intervals for binary scores.

One sort of the scores gives everything: the counts at any threshold (for the
threshold explorer and :func:`choose_threshold`), ROC-AUC with the DeLong
standard error, and average precision (PR-AUC). No bootstrap loop, so a
million rows take well under a second.

Intervals (all two-sided, at the chosen confidence level):

- proportions (precision, recall, specificity, accuracy): Wilson score interval
  (Wilson 1927; Brown, Cai and DasGupta 2001);
- F1: delta method on the multinomial counts of the confusion matrix;
- balanced accuracy: normal approximation, the two rates being independent;
- ROC-AUC: DeLong, DeLong and Clarke-Pearson (1988), computed with midranks
  as in Sun and Xu (2014);
- PR-AUC (average precision): logit interval of Boyd, Eng and Page (2013);
- Brier score: normal approximation to the mean of squared errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from labkit._stats import wilson_interval, z_value

__all__ = ["Counts", "ThresholdCurve", "metric_table"]


def _safe_div(a: float, b: float) -> float:
    return float(a) / float(b) if b else float("nan")


@dataclass(frozen=True)
class Counts:
    """The confusion matrix at one threshold (a case is flagged when score >= threshold)."""

    threshold: float
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def flagged(self) -> int:
        return self.tp + self.fp

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return _safe_div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _safe_div(self.tp, self.tp + self.fn)

    @property
    def specificity(self) -> float:
        return _safe_div(self.tn, self.tn + self.fp)

    @property
    def accuracy(self) -> float:
        return _safe_div(self.tp + self.tn, self.total)

    @property
    def f1(self) -> float:
        return _safe_div(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def balanced_accuracy(self) -> float:
        return (self.recall + self.specificity) / 2.0

    def cost(self, cost_fp: float, cost_fn: float) -> float:
        return float(cost_fp) * self.fp + float(cost_fn) * self.fn


class ThresholdCurve:
    """Sorted scores and cumulative counts: the confusion matrix at any threshold in O(log n).

    Parameters
    ----------
    y : numpy.ndarray of bool
        True outcomes (already validated).
    s : numpy.ndarray of float
        Scores (already validated).
    """

    def __init__(self, y: np.ndarray, s: np.ndarray) -> None:
        self._order: np.ndarray | None = np.argsort(s, kind="stable")
        self._sorted(y[self._order], s[self._order])

    def subset(self, keep: np.ndarray) -> ThresholdCurve:
        """The curve of the cases where ``keep`` (one flag a case) is True, without sorting again.

        The same as ``ThresholdCurve(y[keep], s[keep])``: a stable sort keeps tied cases in their order.
        """
        if self._order is None:
            raise ValueError("subset() needs a curve built from the cases themselves")
        picked = keep[self._order]
        curve = ThresholdCurve.__new__(ThresholdCurve)
        curve._order = None
        curve._sorted(self._y_sorted[picked], self.scores[picked])
        return curve

    def _sorted(self, y_sorted: np.ndarray, s_sorted: np.ndarray) -> None:
        s = self.scores = s_sorted  # ascending
        self._y_sorted = y_sorted
        self._auc: tuple[float, float] | None = None
        self.n = int(s.size)
        self.cum_pos = np.concatenate(([0], np.cumsum(y_sorted, dtype=np.int64)))
        self.n_pos = int(self.cum_pos[-1])
        self.n_neg = self.n - self.n_pos
        change = np.empty(self.n, dtype=bool)
        if self.n:
            change[0] = True
            np.not_equal(self.scores[1:], self.scores[:-1], out=change[1:])
        # Start index (in ascending order) of each run of equal scores.
        self.starts = np.flatnonzero(change)
        self.ends = np.append(self.starts[1:], self.n)

    # -- counts ----------------------------------------------------------------------
    def counts(self, threshold: float) -> Counts:
        """The confusion matrix when every case scoring at least ``threshold`` is flagged."""
        idx = int(np.searchsorted(self.scores, threshold, side="left"))
        flagged = self.n - idx
        tp = self.n_pos - int(self.cum_pos[idx])
        fp = flagged - tp
        return Counts(float(threshold), tp, fp, self.n_pos - tp, self.n_neg - fp)

    def candidates(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every distinct way to flag cases: thresholds, true positives and flagged counts.

        The first candidate flags nobody (threshold +inf); then one candidate per
        distinct score, from the highest down, flagging every case at or above it.
        """
        thresholds = np.concatenate(([np.inf], self.scores[self.starts][::-1]))
        idx = np.concatenate(([self.n], self.starts[::-1]))
        flagged = self.n - idx
        tp = self.n_pos - self.cum_pos[idx]
        return thresholds, tp.astype(np.int64), flagged.astype(np.int64)

    # -- ranking metrics -------------------------------------------------------------
    def roc_auc(self) -> tuple[float, float]:
        """ROC-AUC and its DeLong standard error (midranks; ties count one half)."""
        if self._auc is None:
            self._auc = self._roc_auc()
        return self._auc

    def _roc_auc(self) -> tuple[float, float]:
        m, n = self.n_pos, self.n_neg
        if m == 0 or n == 0:
            return (float("nan"), float("nan"))
        cp = self.cum_pos
        pos_before = cp[self.starts]
        pos_in = cp[self.ends] - pos_before
        neg_before = self.starts - pos_before
        neg_in = (self.ends - self.starts) - pos_in
        # Per group of tied scores: the structural components of DeLong.
        v10_group = (neg_before + 0.5 * neg_in) / n  # for each positive in the group
        v01_group = (m - pos_before - pos_in + 0.5 * pos_in) / m  # for each negative in the group
        auc = float(np.dot(v10_group, pos_in) / m)
        var10 = float(np.dot(pos_in, (v10_group - auc) ** 2) / (m - 1)) if m > 1 else 0.0
        var01 = float(np.dot(neg_in, (v01_group - auc) ** 2) / (n - 1)) if n > 1 else 0.0
        return auc, float(np.sqrt(var10 / m + var01 / n))

    def average_precision(self) -> float:
        """Average precision, the step-wise area under the precision-recall curve (as scikit-learn)."""
        if self.n_pos == 0:
            return float("nan")
        _, tp, flagged = self.candidates()
        tp, flagged = tp[1:], flagged[1:]
        precision = tp / flagged
        recall = tp / self.n_pos
        return float(np.sum(np.diff(recall, prepend=0.0) * precision))


def _wilson(k: int, n: int, confidence: float) -> tuple[float, float]:
    low, high = wilson_interval(k, n, confidence)
    return float(low), float(high)


def _ci_clip(value: float, se: float, z: float) -> tuple[float, float]:
    if not np.isfinite(value) or not np.isfinite(se):
        return (float("nan"), float("nan"))
    return (float(max(0.0, value - z * se)), float(min(1.0, value + z * se)))


def f1_interval(c: Counts, z: float) -> tuple[float, float]:
    """Delta-method interval for F1 = 2TP / (2TP + FP + FN) under the multinomial model."""
    a, b = c.tp, c.fp + c.fn
    d = 2 * a + b
    if d == 0:
        return (float("nan"), float("nan"))
    var = 4.0 * a * b * (a + b) / d**4
    return _ci_clip(c.f1, float(np.sqrt(var)), z)


def balanced_accuracy_interval(c: Counts, z: float) -> tuple[float, float]:
    tpr, tnr = c.recall, c.specificity
    if not (np.isfinite(tpr) and np.isfinite(tnr)):
        return (float("nan"), float("nan"))
    var = (tpr * (1 - tpr) / c.positives + tnr * (1 - tnr) / (c.tn + c.fp)) / 4.0
    return _ci_clip(c.balanced_accuracy, float(np.sqrt(var)), z)


def average_precision_interval(ap: float, n_pos: int, z: float) -> tuple[float, float]:
    """Logit interval for average precision (Boyd, Eng and Page 2013)."""
    if not np.isfinite(ap) or n_pos == 0:
        return (float("nan"), float("nan"))
    if ap <= 0.0 or ap >= 1.0:
        return (ap, ap)
    eta = np.log(ap / (1 - ap))
    tau = 1.0 / np.sqrt(n_pos * ap * (1 - ap))
    lo, hi = eta - z * tau, eta + z * tau
    return (float(1 / (1 + np.exp(-lo))), float(1 / (1 + np.exp(-hi))))


def brier(y: np.ndarray, s: np.ndarray, z: float) -> tuple[float, float, float]:
    """Brier score (mean squared error of the probabilities) with a normal interval."""
    err = (s - y) ** 2
    value = float(err.mean())
    se = float(err.std(ddof=1) / np.sqrt(err.size)) if err.size > 1 else float("nan")
    lo, hi = _ci_clip(value, se, z)
    return value, lo, hi


def metric_table(y: np.ndarray, s: np.ndarray, threshold: float, confidence: float, curve: ThresholdCurve):
    """Every headline metric with its interval, as rows of (key, value, lower, upper)."""
    z = z_value(confidence)
    c = curve.counts(threshold)
    auc, auc_se = curve.roc_auc()
    ap = curve.average_precision()
    b, b_lo, b_hi = brier(y, s, z)
    rows = [
        ("precision", c.precision, *_wilson(c.tp, c.flagged, confidence)),
        ("recall", c.recall, *_wilson(c.tp, c.positives, confidence)),
        ("f1", c.f1, *f1_interval(c, z)),
        ("balanced_accuracy", c.balanced_accuracy, *balanced_accuracy_interval(c, z)),
        ("specificity", c.specificity, *_wilson(c.tn, c.tn + c.fp, confidence)),
        ("accuracy", c.accuracy, *_wilson(c.tp + c.tn, c.total, confidence)),
        ("roc_auc", auc, *_ci_clip(auc, auc_se, z)),
        ("pr_auc", ap, *average_precision_interval(ap, curve.n_pos, z)),
        ("brier", b, b_lo, b_hi),
    ]
    return c, rows


def delong_components(y: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """DeLong's structural components: one value per positive and per negative, in their original order.

    For a positive, the share of negatives scoring below it (ties count one half);
    for a negative, the share of positives scoring above it. Their means are the
    ROC-AUC; their covariances across two models give the paired test of DeLong,
    DeLong and Clarke-Pearson (1988).
    """
    order = np.argsort(s, kind="stable")
    ss, ys = s[order], y[order]
    n_all = s.size
    change = np.empty(n_all, dtype=bool)
    change[0] = True
    np.not_equal(ss[1:], ss[:-1], out=change[1:])
    group = np.cumsum(change) - 1
    starts = np.flatnonzero(change)
    ends = np.append(starts[1:], n_all)
    cp = np.concatenate(([0], np.cumsum(ys, dtype=np.int64)))
    m = int(cp[-1])
    n = n_all - m
    pos_before = cp[starts]
    pos_in = cp[ends] - pos_before
    neg_before = starts - pos_before
    neg_in = (ends - starts) - pos_in
    v10 = (neg_before + 0.5 * neg_in) / n
    v01 = (m - pos_before - 0.5 * pos_in) / m
    comp = np.empty(n_all)
    comp[order] = np.where(ys, v10[group], v01[group])
    return comp[y], comp[~y]
