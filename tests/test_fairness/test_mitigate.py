"""mitigate(): fairlearn does the work; the report shows every gap before and after."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from labkit import LabkitError
from labkit.fairness import fairness_gaps, group_metrics, mitigate


@pytest.fixture
def split():
    rng = np.random.default_rng(0)
    n = 3_000
    g = rng.choice(["A", "B"], n, p=[0.7, 0.3])
    x1 = rng.normal(size=n) + (g == "B") * 0.8
    x2 = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-(x1 + 0.5 * x2 - 0.5)))).astype(int)
    X = pd.DataFrame({"x1": x1, "x2": x2})
    return X[:2000], y[:2000], X[2000:], y[2000:], g[:2000], g[2000:]


def test_fairness_gaps_match_group_metrics() -> None:
    rng = np.random.default_rng(1)
    y, p, s = rng.integers(0, 2, 400), rng.integers(0, 2, 400), rng.choice(["a", "b", "c"], 400)
    gaps = fairness_gaps(y, p, s)
    diff = group_metrics(y, p, sensitive_features=s).difference()
    assert gaps["demographic_parity"] == pytest.approx(diff["selection_rate"])
    assert gaps["true_positive_rate_parity"] == pytest.approx(diff["true_positive_rate"])
    assert gaps["equalized_odds"] == pytest.approx(
        max(diff["true_positive_rate"], diff["false_positive_rate"])
    )


def test_threshold_optimiser_closes_the_chosen_gap_and_reports_the_others(split) -> None:
    X_train, y_train, X_test, y_test, s_train, s_test = split
    est = LogisticRegression()
    r = mitigate(est, X_train, y_train, X_test, y_test, sensitive_train=s_train, sensitive_test=s_test)
    c = r.comparison
    assert c.loc["demographic_parity", "threshold optimiser"] < c.loc["demographic_parity", "before"] / 2
    for measure in (
        "accuracy",
        "true_positive_rate_parity",
        "false_positive_rate_parity",
        "equalized_odds",
        "precision",
    ):
        assert not np.isnan(c.loc[measure, "threshold optimiser"])
    assert "accuracy" in r.summary
    assert not hasattr(est, "coef_")  # the caller's estimator is not fitted
    # The report's numbers are the numbers of its own predictions.
    again = fairness_gaps(y_test, r.predictions["threshold optimiser"], s_test)
    assert again["demographic_parity"] == pytest.approx(c.loc["demographic_parity", "threshold optimiser"])
    assert "direct discrimination" in r.to_markdown()


@pytest.mark.slow
def test_reduction_runs_and_is_deterministic(split) -> None:
    X_train, y_train, X_test, y_test, s_train, s_test = split
    kw = {
        "sensitive_train": s_train,
        "sensitive_test": s_test,
        "constraint": "equalized_odds",
        "method": "reduction",
        "seed": 3,
    }
    a = mitigate(LogisticRegression(), X_train, y_train, X_test, y_test, **kw)
    b = mitigate(LogisticRegression(), X_train, y_train, X_test, y_test, **kw)
    np.testing.assert_array_equal(
        a.predictions["exponentiated gradient"], b.predictions["exponentiated gradient"]
    )
    assert (
        a.comparison.loc["equalized_odds", "exponentiated gradient"]
        < a.comparison.loc["equalized_odds", "before"]
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"constraint": "fairness"}, "constraint must be"),
        ({"method": "magic"}, "method must be"),
        ({"estimator": "not a model"}, "scikit-learn classifier"),
    ],
)
def test_bad_input(split, kwargs, match) -> None:
    X_train, y_train, X_test, y_test, s_train, s_test = split
    est = kwargs.pop("estimator", LogisticRegression())
    with pytest.raises(LabkitError, match=match):
        mitigate(
            est, X_train, y_train, X_test, y_test, sensitive_train=s_train, sensitive_test=s_test, **kwargs
        )


def test_single_group_in_test_data_is_refused(split) -> None:
    X_train, y_train, X_test, y_test, s_train, _ = split
    with pytest.raises(LabkitError, match="only one group"):
        mitigate(
            LogisticRegression(),
            X_train,
            y_train,
            X_test,
            y_test,
            sensitive_train=s_train,
            sensitive_test=["A"] * len(y_test),
        )
