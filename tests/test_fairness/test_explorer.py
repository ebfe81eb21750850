"""ThresholdExplorer gives the same counts as thresholding by hand, and the widget shows them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.fairness import ThresholdExplorer, fairness_explorer, group_metrics


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 300),
    t=st.floats(0, 1),
)
def test_explorer_equals_thresholding_then_group_metrics(seed, n, t) -> None:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    s = np.round(rng.random(n), 2)  # ties on purpose
    g = rng.choice(["a", "b", "c"], n)
    ex = ThresholdExplorer(y, s, g)
    got = ex.outcomes(t).set_index("group")
    expected = group_metrics(y, (s >= t).astype(int), sensitive_features=g).by_group
    for metric in ("selection_rate", "true_positive_rate", "false_positive_rate", "precision"):
        np.testing.assert_allclose(got[metric].to_numpy(), expected[metric].to_numpy(), atol=1e-12)


def test_per_group_thresholds() -> None:
    ex = ThresholdExplorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    out = ex.outcomes({"a": 0.3, "b": 0.7}).set_index("group")
    assert out.loc["a", "selection_rate"] == 1.0
    assert out.loc["b", "selection_rate"] == 0.0
    assert "gap of 100.0 percentage points" in ex.describe({"a": 0.3, "b": 0.7})


@pytest.mark.parametrize(
    ("thresholds", "match"),
    [({"z": 0.5, "a": 0.5, "b": 0.5}, "not a group"), ({"a": 0.5}, "No threshold"), (1.5, "between 0 and 1")],
)
def test_bad_thresholds(thresholds, match) -> None:
    ex = ThresholdExplorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    with pytest.raises(LabkitError, match=match):
        ex.outcomes(thresholds)


def test_widget_updates_through_the_explorer() -> None:
    y, s, g = [1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"]
    w = fairness_explorer(y, s, g)
    common, slider_a, slider_b, output = w.children
    assert slider_a.description == "Threshold for a"
    common.value = 0.95
    assert slider_a.value == 0.95 and slider_b.value == 0.95
    assert ThresholdExplorer(y, s, g).describe(0.95) in output.value
    slider_b.value = 0.5
    assert ThresholdExplorer(y, s, g).describe({"a": 0.95, "b": 0.5}) in output.value
    assert "not defined" in output.value  # precision of a group with no one picked out


def test_when_every_group_is_picked_out_at_the_same_rate_no_group_is_named_as_lowest_or_highest() -> None:
    ex = ThresholdExplorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["Asian", "Asian", "White", "White"])
    nobody = ex.describe(0.99)
    assert nobody.startswith("Picked out: 0.0% in every group, so no gap.")
    assert "Asian" not in nobody and "from" not in nobody
    everybody = ex.describe(0.1)
    assert everybody.startswith("Picked out: 100.0% in every group, so no gap.")
    assert "from 50.0% (Asian) to 50.0% (White)" not in ex.describe({"Asian": 0.5, "White": 0.5})
