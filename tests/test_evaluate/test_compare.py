"""compare_models(): the paired DeLong test against its definition, and its verdicts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score

from labkit import LabkitError
from labkit.evaluate import compare_models

from .conftest import FEATURES


def _paired_naive(y, a, b):
    """The paired DeLong variance of AUC(a) - AUC(b) from the O(m n) definition."""

    def psi(s):
        pos, neg = s[y], s[~y]
        return (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])

    pa, pb = psi(a), psi(b)
    v10 = np.vstack([pa.mean(axis=1), pb.mean(axis=1)])
    v01 = np.vstack([pa.mean(axis=0), pb.mean(axis=0)])
    cov = np.cov(v10) / y.sum() + np.cov(v01) / (~y).sum()
    return pa.mean() - pb.mean(), cov[0, 0] + cov[1, 1] - 2 * cov[0, 1]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(8, 80),
    seed=st.integers(0, 10_000),
    levels=st.integers(2, 20),
)
def test_paired_difference_matches_the_definition(n, seed, levels):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.5
    y[:2], y[2:4] = True, False
    a = rng.integers(0, levels, n) / levels
    b = np.clip(a + rng.integers(-2, 3, n) / levels, 0, 1)
    result = compare_models(y, {"a": a, "b": b}, reference="b")
    diff, var = _paired_naive(y, a, b)
    row = result.differences.iloc[0]
    assert row["difference"] == pytest.approx(diff, abs=1e-12)
    assert row["difference"] == pytest.approx(roc_auc_score(y, a) - roc_auc_score(y, b), abs=1e-12)
    half = (row["upper"] - row["lower"]) / 2
    assert half == pytest.approx(1.959964 * np.sqrt(max(var, 0)), rel=1e-6, abs=1e-12)


def test_a_real_improvement_is_called_clearly_better():
    rng = np.random.default_rng(0)
    y = rng.random(4000) < 0.3
    weak = 1 / (1 + np.exp(-(0.3 * y + rng.normal(size=4000))))
    strong = 1 / (1 + np.exp(-(1.5 * y + rng.normal(size=4000))))
    result = compare_models(y, {"weak": weak, "strong": strong})
    assert result.differences["verdict"].iloc[0] == "clearly better than weak"
    same = compare_models(y, {"weak": weak, "weak again": weak.copy()})
    assert same.differences["verdict"].iloc[0] == "not clearly different from weak"
    assert "paired test" in result.summary


def test_models_can_be_fitted_classifiers(fitted):
    model, _, test = fitted
    scores = model.predict_proba(test[FEATURES])[:, 1]
    result = compare_models(test["target_missed"], {"pipeline": model, "scores": scores}, X=test[FEATURES])
    assert result.differences["difference"].iloc[0] == pytest.approx(0.0, abs=1e-12)


def test_bad_input():
    with pytest.raises(LabkitError, match="at least two models"):
        compare_models([1, 0], {"a": [0.2, 0.1]})
    with pytest.raises(LabkitError, match="reference"):
        compare_models([1, 0], {"a": [0.2, 0.1], "b": [0.3, 0.1]}, reference="c")
    with pytest.raises(LabkitError, match="must match"):
        compare_models([1, 0, 1], {"a": [0.2, 0.1], "b": [0.3, 0.1]})
    with pytest.raises(LabkitError, match="nothing to tell"):
        compare_models([1, 1], {"a": [0.2, 0.1], "b": [0.3, 0.1]})
