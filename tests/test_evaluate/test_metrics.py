"""The metrics equal scikit-learn's, and the intervals cover the truth at about their nominal rate."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from labkit.evaluate._metrics import ThresholdCurve, metric_table


@st.composite
def labelled_scores(draw, min_size: int = 2, max_size: int = 300):
    n = draw(st.integers(min_size, max_size))
    y = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    # Few distinct values, so that ties (the hard case) are common.
    levels = draw(st.integers(1, 30))
    s = draw(st.lists(st.integers(0, levels), min_size=n, max_size=n))
    y = np.array(y, dtype=bool)
    if y.all() or not y.any():
        y[0] = not y[0]
    return y, np.array(s, dtype=float) / levels


@settings(max_examples=150, deadline=None)
@given(data=labelled_scores(), threshold=st.floats(0, 1))
def test_metrics_equal_scikit_learn(data, threshold):
    y, s = data
    curve = ThresholdCurve(y, s)
    c, rows = metric_table(y, s, threshold, 0.95, curve)
    values = {k: val for k, val, _, _ in rows}
    pred = s >= threshold
    tn, fp, fn, tp = skm.confusion_matrix(y, pred, labels=[False, True]).ravel()
    assert (c.tp, c.fp, c.fn, c.tn) == (tp, fp, fn, tn)
    assert values["roc_auc"] == pytest.approx(skm.roc_auc_score(y, s), abs=1e-12)
    assert values["pr_auc"] == pytest.approx(skm.average_precision_score(y, s), abs=1e-12)
    assert values["brier"] == pytest.approx(skm.brier_score_loss(y, s), abs=1e-12)
    assert values["recall"] == pytest.approx(skm.recall_score(y, pred, zero_division=np.nan), nan_ok=True)
    if pred.any():
        assert values["precision"] == pytest.approx(skm.precision_score(y, pred))
    assert values["f1"] == pytest.approx(skm.f1_score(y, pred, zero_division=0.0))
    assert values["balanced_accuracy"] == pytest.approx(skm.balanced_accuracy_score(y, pred))
    assert values["accuracy"] == pytest.approx(skm.accuracy_score(y, pred))
    for _, value, lo, hi in rows:
        if np.isfinite(lo):
            assert lo <= value + 1e-12 and value <= hi + 1e-12


def _delong_naive(y: np.ndarray, s: np.ndarray) -> tuple[float, float]:
    """DeLong's variance straight from its definition, O(m n): the reference for the fast version."""
    pos, neg = s[y], s[~y]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    auc = psi.mean()
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    return auc, float(np.sqrt(v10.var(ddof=1) / pos.size + v01.var(ddof=1) / neg.size))


@settings(max_examples=80, deadline=None)
@given(data=labelled_scores(min_size=6, max_size=120))
def test_delong_standard_error_matches_definition(data):
    y, s = data
    if y.sum() < 2 or (~y).sum() < 2:
        y[:2], y[2:4] = True, False
    auc, se = ThresholdCurve(y, s).roc_auc()
    ref_auc, ref_se = _delong_naive(y, s)
    assert auc == pytest.approx(ref_auc, abs=1e-12)
    assert se == pytest.approx(ref_se, abs=1e-9)


def _population(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = rng.random(n) < 0.3
    latent = rng.normal(size=n) + 1.2 * y - 1.0
    return y, 1.0 / (1.0 + np.exp(-latent))


@pytest.mark.slow
def test_intervals_cover_the_true_value_at_about_the_nominal_rate():
    rng = np.random.default_rng(2024)
    y_big, s_big = _population(2_000_000, rng)
    curve = ThresholdCurve(y_big, s_big)
    _, truth_rows = metric_table(y_big, s_big, 0.4, 0.95, curve)
    truth = {k: val for k, val, _, _ in truth_rows}
    reps, n = 400, 1000
    hits = {k: 0 for k in truth}
    for _ in range(reps):
        y, s = _population(n, rng)
        _, rows = metric_table(y, s, 0.4, 0.95, ThresholdCurve(y, s))
        for k, _, lo, hi in rows:
            hits[k] += lo <= truth[k] <= hi
    coverage = {k: h / reps for k, h in hits.items()}
    # 400 replicates: a true 95% rate lands in [0.92, 0.98] with probability above 99%.
    for key, rate in coverage.items():
        assert 0.915 <= rate <= 0.985, f"{key} interval covers {rate:.1%} of the time, not about 95%"


def test_a_subset_curve_is_the_curve_of_the_subset():
    """subset() reuses the sorted order; ties (scores rounded to 2 places) keep the cases' order."""
    rng = np.random.default_rng(3)
    y = rng.random(5_000) < 0.3
    s = np.round(rng.random(5_000), 2)
    keep = rng.random(5_000) < 0.4
    part, fresh = ThresholdCurve(y, s).subset(keep), ThresholdCurve(y[keep], s[keep])
    assert np.array_equal(part.scores, fresh.scores) and np.array_equal(part.cum_pos, fresh.cum_pos)
    assert part.roc_auc() == fresh.roc_auc()
    assert part.average_precision() == fresh.average_precision()
    assert part.counts(0.5) == fresh.counts(0.5)
