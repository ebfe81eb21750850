"""labkit._stats: each shared statistic against an independent reference (scipy, scikit-learn, a formula)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest
from scipy.stats.contingency import association
from sklearn.naive_bayes import CategoricalNB

from labkit import _stats
from labkit.data._measure import cramers_v as ground_truth_cramers_v
from labkit.fairness._proxy import nb_guess


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 5_000),
    share=st.floats(0, 1),
    confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_wilson_interval_equals_scipy(n: int, share: float, confidence: float) -> None:
    k = round(share * n)
    low, high = _stats.wilson_interval(k, n, confidence)
    ref = binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    assert float(low) == pytest.approx(ref.low, abs=1e-12)
    assert float(high) == pytest.approx(ref.high, abs=1e-12)
    assert float(low) <= k / n <= float(high)


def test_wilson_interval_known_values_and_edges() -> None:
    low, high = _stats.wilson_interval([8, 0, 10, 5], [40, 10, 10, 0])
    # 0 of 10 at 95%: the upper limit is z^2 / (n + z^2) = 0.27753.
    assert high[1] == pytest.approx(1.959964**2 / (10 + 1.959964**2), abs=1e-6)
    assert high[1] == pytest.approx(0.27753, abs=1e-5)
    assert (low[0], high[0]) == (pytest.approx(0.10500, abs=1e-5), pytest.approx(0.34757, abs=1e-5))
    assert low[1] == 0.0 and high[2] == 1.0  # exact ends when no trial or every trial succeeds
    assert np.isnan(low[3]) and np.isnan(high[3])  # no trials: not defined


def test_z_value_is_the_normal_quantile() -> None:
    assert _stats.z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert _stats.z_value(0.9) == pytest.approx(1.644854, abs=1e-6)


def test_rates_and_their_intervals_share_one_definition() -> None:
    counts = np.array([[50, 10, 5, 35], [0, 0, 3, 0], [0, 0, 0, 0]])  # TN, FP, FN, TP
    rates = _stats.rates_from_counts(counts)
    tn, fp, fn, tp = counts[0]
    expected = {
        "selection_rate": (fp + tp) / 100,
        "base_rate": (fn + tp) / 100,
        "true_positive_rate": tp / (tp + fn),
        "false_positive_rate": fp / (fp + tn),
        "false_negative_rate": fn / (fn + tp),
        "true_negative_rate": tn / (tn + fp),
        "precision": tp / (tp + fp),
        "accuracy": (tp + tn) / 100,
    }
    for metric, value in expected.items():
        assert rates[metric][0] == pytest.approx(value)
        low, high = _stats.rate_intervals(counts, metric)
        assert low[0] <= rates[metric][0] <= high[0]
        assert np.isnan(rates[metric][2]) and np.isnan(low[2])  # an empty group has no rates
    assert np.isnan(rates["precision"][1])  # nobody picked out: precision is not defined ...
    zero = _stats.rates_from_counts(counts, ("precision",), undefined="zero")
    assert zero["precision"][1] == 0.0  # ... unless asked for fairlearn's 0
    assert rates["count"].tolist()[:2] == [100.0, 3.0]


def _random_table(rng: np.random.Generator, r: int, c: int) -> np.ndarray:
    return rng.integers(1, 60, size=(r, c))


@pytest.mark.parametrize("shape", [(2, 2), (3, 5), (6, 2), (10, 4)])
def test_plain_cramers_v_equals_scipy(shape) -> None:
    rng = np.random.default_rng(sum(shape))
    table = _random_table(rng, *shape)
    assert _stats.cramers_v(table) == pytest.approx(association(table, method="cramer"), abs=1e-12)


def test_corrected_cramers_v_follows_bergsma_and_removes_chance() -> None:
    rng = np.random.default_rng(1)
    table = _random_table(rng, 4, 3)
    n, (r, c) = table.sum(), table.shape
    phi2 = association(table, method="cramer") ** 2 * min(r - 1, c - 1)  # chi2 / n
    phi2c = max(0.0, phi2 - (r - 1) * (c - 1) / (n - 1))
    rc, cc = r - (r - 1) ** 2 / (n - 1), c - (c - 1) ** 2 / (n - 1)
    assert _stats.cramers_v_corrected(table) == pytest.approx(np.sqrt(phi2c / min(rc - 1, cc - 1)))
    # Two unrelated columns, one with 200 categories: the plain V looks "weak", the corrected one ~0.
    x, y = rng.integers(0, 200, 3_000), rng.integers(0, 2, 3_000)
    unrelated = _stats.contingency_table(x, 200, y, 2)
    assert _stats.cramers_v(unrelated) > 0.2
    assert _stats.cramers_v_corrected(unrelated) < 0.1


def test_cramers_v_extremes_and_undefined() -> None:
    x = np.array([0, 1] * 100)
    same = _stats.contingency_table(x, 2, x, 2)
    assert _stats.cramers_v(same) == pytest.approx(1.0)
    assert _stats.cramers_v_corrected(same) == pytest.approx(1.0, abs=0.02)
    one_row = [[5, 5], [0, 0]]  # the empty row is dropped, leaving one: not defined
    assert np.isnan(_stats.cramers_v(one_row)) and np.isnan(_stats.cramers_v_corrected(one_row))


def test_ground_truth_cramers_v_is_the_plain_statistic() -> None:
    rng = np.random.default_rng(4)
    a = pd.Series(rng.choice(["N", "S", "E", None], 500))
    b = pd.Series(rng.choice(["x", "y", "z"], 500))
    ok = a.notna()
    table = pd.crosstab(a[ok], b[ok]).to_numpy()
    assert ground_truth_cramers_v(a, b) == round(association(table, method="cramer"), 4)
    assert ground_truth_cramers_v(a, pd.Series(["x"] * 500)) == 0.0


def test_naive_bayes_smoothing_equals_scikit_learn() -> None:
    rng = np.random.default_rng(5)
    k, ky, n = 7, 3, 400
    codes, y = rng.integers(0, k - 1, n), rng.integers(0, ky, n)  # the last category is never seen
    table = _stats.contingency_table(codes, k, y, ky)
    model = CategoricalNB(alpha=1.0, min_categories=k).fit(codes.reshape(-1, 1), y)
    np.testing.assert_allclose(_stats.categorical_log_likelihoods(table), model.feature_log_prob_[0].T)


def test_proxy_guess_equals_categorical_nb_with_equal_priors() -> None:
    rng = np.random.default_rng(6)
    n, ky = 2_000, 3
    y = rng.integers(0, ky, n)
    area = (y * 3 + rng.integers(0, 4, n)) % 10  # goes with y
    trade = rng.integers(0, 4, n)  # does not
    train, test = np.arange(n) < 1_500, np.arange(n) >= 1_500
    guess = nb_guess([(area[train], 10), (trade[train], 4)], y[train], ky, [area[test], trade[test]])
    X = np.column_stack([area, trade])
    model = CategoricalNB(alpha=1.0, min_categories=[10, 4], class_prior=[1 / ky] * ky).fit(
        X[train], y[train]
    )
    np.testing.assert_array_equal(guess, model.predict(X[test]))
