"""The fast path gives fairlearn's MetricFrame numbers, to 1e-9, on random data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import (
    MetricFrame,
    count,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_negative_rate,
    true_positive_rate,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import accuracy_score, precision_score

from labkit import LabkitError
from labkit.fairness import group_metrics

FAIRLEARN = {
    "count": count,
    "selection_rate": selection_rate,
    "true_positive_rate": true_positive_rate,
    "false_positive_rate": false_positive_rate,
    "false_negative_rate": false_negative_rate,
    "true_negative_rate": true_negative_rate,
    "precision": precision_score,
    "accuracy": accuracy_score,
}
METRICS = list(FAIRLEARN)


def _metric_frame(y_true, y_pred, sf) -> MetricFrame:
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore"
        )  # scikit-learn warns on undefined precision; we compare the 0 it returns
        return MetricFrame(metrics=FAIRLEARN, y_true=y_true, y_pred=y_pred, sensitive_features=sf)


@st.composite
def audit_data(draw, max_features: int = 3):
    n = draw(st.integers(min_value=2, max_value=250))
    n_features = draw(st.integers(min_value=1, max_value=max_features))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    p_true = draw(st.floats(min_value=0.0, max_value=1.0))
    p_pred = draw(st.floats(min_value=0.0, max_value=1.0))
    y_true = (rng.random(n) < p_true).astype(int)
    y_pred = (rng.random(n) < p_pred).astype(int)
    columns = {}
    for i in range(n_features):
        k = draw(st.integers(min_value=1, max_value=5))
        columns[f"f{i}"] = rng.choice([f"g{j}" for j in range(k)], size=n)
    return y_true, y_pred, pd.DataFrame(columns)


def _assert_close(ours: pd.Series | pd.DataFrame, theirs: pd.Series | pd.DataFrame) -> None:
    np.testing.assert_allclose(
        np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float), rtol=0, atol=1e-9, equal_nan=True
    )


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(audit_data())
def test_same_numbers_as_metricframe_with_fairlearn_zeros(data) -> None:
    y_true, y_pred, sf = data
    mf = _metric_frame(y_true, y_pred, sf)
    gm = group_metrics(y_true, y_pred, sensitive_features=sf, metrics=METRICS, undefined="zero")
    theirs = mf.by_group[METRICS].reindex(gm.by_group.index)
    _assert_close(gm.by_group[METRICS], theirs)
    _assert_close(gm.overall[METRICS], mf.overall[METRICS])
    for method in ("between_groups", "to_overall"):
        _assert_close(gm.difference(method)[METRICS], mf.difference(method=method)[METRICS])
        _assert_close(gm.ratio(method)[METRICS], mf.ratio(method=method)[METRICS])
    _assert_close(gm.group_min()[METRICS], mf.group_min()[METRICS])
    _assert_close(gm.group_max()[METRICS], mf.group_max()[METRICS])


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(audit_data())
def test_labkit_default_differs_only_where_a_rate_is_not_defined(data) -> None:
    y_true, y_pred, sf = data
    mf = _metric_frame(y_true, y_pred, sf)
    gm = group_metrics(y_true, y_pred, sensitive_features=sf, metrics=METRICS)
    theirs = mf.by_group[METRICS].reindex(gm.by_group.index).astype(float)
    ours = gm.by_group[METRICS]
    defined = ours.notna()
    _assert_close(ours[defined].fillna(-1), theirs[defined].fillna(-1))
    # Where labkit says "not defined" in a non-empty group, fairlearn silently shows 0.
    nonempty = gm.counts.sum(axis=1) > 0
    undefined_cells = (~defined).to_numpy() & nonempty.to_numpy()[:, None]
    assert (theirs.to_numpy()[undefined_cells] == 0).all()
    # Where every group is defined, the gaps agree too.
    for metric in METRICS:
        if ours.loc[nonempty, metric].notna().all():
            assert gm.difference()[metric] == pytest.approx(mf.difference()[metric], abs=1e-9, nan_ok=True)
            assert gm.ratio()[metric] == pytest.approx(mf.ratio()[metric], abs=1e-9, nan_ok=True)


def test_group_with_no_positives_is_not_defined_where_fairlearn_says_zero() -> None:
    y_true = [0, 0, 1, 1]
    y_pred = [1, 0, 1, 0]
    gm = group_metrics(y_true, y_pred, sensitive_features=["a", "a", "b", "b"])
    assert np.isnan(gm.by_group.loc["a", "false_negative_rate"])
    assert np.isnan(gm.by_group.loc["a", "true_positive_rate"])
    assert gm.by_group.loc["b", "false_negative_rate"] == 0.5
    fl = group_metrics(y_true, y_pred, sensitive_features=["a", "a", "b", "b"], undefined="zero")
    assert fl.by_group.loc["a", "false_negative_rate"] == 0.0


def test_integer_and_boolean_inputs_give_the_same_answer() -> None:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 500)
    p = rng.integers(0, 2, 500)
    s = rng.integers(0, 3, 500)
    a = group_metrics(y, p, sensitive_features=s)
    b = group_metrics(y.astype(bool), p.astype(bool), sensitive_features=pd.Series(s, name="grp"))
    _assert_close(a.by_group, b.by_group)
    assert b.by_group.index.name == "grp"
    assert list(a.by_group.index) == [0, 1, 2]


def test_inputs_are_not_modified() -> None:
    y = pd.Series([0, 1, 1, 0, 1])
    p = np.array([0, 1, 0, 0, 1])
    sf = pd.DataFrame({"sex": ["F", "M", None, "F", "M"], "age": ["<65", "65+", "<65", "65+", "<65"]})
    before = (y.copy(), p.copy(), sf.copy())
    group_metrics(y, p, sensitive_features=sf, missing="group")
    pd.testing.assert_series_equal(y, before[0])
    np.testing.assert_array_equal(p, before[1])
    pd.testing.assert_frame_equal(sf, before[2])


def test_missing_sensitive_values_need_a_choice() -> None:
    sf = pd.Series(["F", None, "M", "M"], name="sex")
    with pytest.raises(LabkitError, match=r"has 1 missing value \(the first at row 1\)") as err:
        group_metrics([0, 1, 1, 0], [0, 1, 0, 0], sensitive_features=sf)
    assert err.value.where == "sensitive feature 'sex'"
    grouped = group_metrics([0, 1, 1, 0], [0, 1, 0, 0], sensitive_features=sf, missing="group")
    assert "Not recorded" in grouped.by_group.index
    assert grouped.by_group.loc["Not recorded", "count"] == 1
    dropped = group_metrics([0, 1, 1, 0], [0, 1, 0, 0], sensitive_features=sf, missing="drop")
    assert dropped.overall["count"] == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"y_true": [0, 1, 2], "y_pred": [0, 1, 1]}, "two classes"),
        ({"y_true": ["yes", "no", "no"], "y_pred": [0, 1, 1]}, "two classes"),
        ({"y_true": [0, 1, 1], "y_pred": [0, 1]}, "must match row for row"),
        ({"y_true": [0.0, np.nan, 1.0], "y_pred": [0, 1, 1]}, "has 1 missing value "),
        ({"y_true": [0, 1, 1], "y_pred": [0, 1, 1], "metrics": ["recall"]}, "Unknown metric"),
        ({"y_true": [0, 1, 1], "y_pred": [0, 1, 1], "undefined": "zeros"}, "undefined must be"),
        ({"y_true": [], "y_pred": []}, "empty"),
    ],
)
def test_bad_input_is_a_plain_error(kwargs, match) -> None:
    kwargs.setdefault("sensitive_features", ["a", "b", "a"][: len(kwargs["y_true"])] or ["a"])
    with pytest.raises(LabkitError, match=match):
        group_metrics(**kwargs)


def test_bad_method_is_a_plain_error() -> None:
    gm = group_metrics([0, 1], [0, 1], sensitive_features=["a", "b"])
    with pytest.raises(LabkitError, match="between_groups"):
        gm.difference("largest")


def test_dropping_missing_rows_can_empty_a_group_of_another_feature() -> None:
    sf = pd.DataFrame(
        {"sex": ["F", None, "M", "M", "F"], "band": ["young", "old", "young", "young", "young"]}
    )
    gm = group_metrics([0, 1, 1, 0, 1], [0, 1, 0, 0, 1], sensitive_features=sf, missing="drop")
    # The only 'old' row had no recorded sex, so 'old' disappears rather than showing an empty group.
    assert list(gm.by_group.index.get_level_values("band").unique()) == ["young"]
    assert gm.overall["count"] == 4
    assert gm.by_group.loc[("F", "young"), "count"] == 2
