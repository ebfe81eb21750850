"""baseline() from sandbox data, and the committed monitoring log (generator, ground truth, manifest)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.data import load
from labkit.data._monitoring import FIELDS, generate_monitoring, monitoring_truth
from labkit.fairness import wilson_interval
from labkit.projects import baseline, example_canvas, load_monitoring_log, load_monitoring_truth


@pytest.fixture(scope="module")
def repairs():
    return load("housing_repairs", clean=True)


def test_baseline_matches_a_count_and_the_wilson_interval(repairs):
    year = repairs[repairs["financial_year"] == "2023-24"]
    b = baseline(year, "target_missed", noun="repair jobs", outcome_words="missed their target")
    k, n = int(year["target_missed"].sum()), len(year)
    low, high = wilson_interval(k, n)
    assert (b.events, b.cases, b.value) == (k, n, k / n)
    assert (b.low, b.high) == (pytest.approx(float(low)), pytest.approx(float(high)))
    assert b.summary.startswith(f"Of {n:,} repair jobs, {k:,} missed their target")


def test_the_example_canvas_baseline_is_the_measured_one(repairs):
    b = baseline(repairs[repairs["financial_year"] == "2023-24"], "target_missed").to_canvas()
    canvas = example_canvas()
    assert (canvas.baseline.value, canvas.baseline.low, canvas.baseline.high) == (b.value, b.low, b.high)
    assert canvas.measures[0].baseline == b.value


def test_baseline_by_period(repairs):
    b = baseline(repairs, "target_missed", period="financial_year")
    assert b.by_period["period"].tolist() == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert b.by_period["cases"].sum() == len(repairs)


def test_prevention_duty_success_rate():
    cases = load("homelessness", clean=True)
    b = baseline(cases, "accommodation_secured", noun="households", outcome_words="secured accommodation")
    assert 0.55 < b.value < 0.65 and b.low < b.value < b.high


def test_blank_outcomes_are_left_out_and_counted():
    data = pd.DataFrame({"late": [True, False, None, True]})
    b = baseline(data, "late")
    assert (b.cases, b.events, b.missing) == (3, 2, 1) and "1 cases with no recorded outcome" in b.summary


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        ("file.csv", {}, "DataFrame"),
        (pd.DataFrame({"a": [1]}), {}, "no column 'late'"),
        (pd.DataFrame({"late": ["soon", "never"]}), {}, "not a yes/no"),
        (pd.DataFrame({"late": [None, None]}), {}, "No row has a recorded outcome"),
        (pd.DataFrame({"late": [True], "p": [None]}), {"period": "p"}, "have no 'p'"),
        (pd.DataFrame({"late": [True]}), {"confidence": 95}, "confidence"),
    ],
)
def test_baseline_bad_input(data, kwargs, match):
    with pytest.raises(LabkitError, match=match):
        baseline(data, "late", **kwargs)


def test_committed_log_equals_the_generator():
    pd.testing.assert_frame_equal(load_monitoring_log(), generate_monitoring())
    assert load_monitoring_truth() == monitoring_truth()


def test_generator_is_deterministic_and_seeded():
    a = generate_monitoring(rows_per_month=300)
    pd.testing.assert_frame_equal(a, generate_monitoring(rows_per_month=300))
    assert not generate_monitoring(rows_per_month=300, seed=1).equals(a)


def test_log_schema_and_planted_shape():
    log = load_monitoring_log()
    assert list(log.columns) == [f.name for f in FIELDS]
    assert log["job_id"].is_unique and log["month"].nunique() == 24
    last = log["month"] == "2026-03"
    assert log.loc[last, "target_missed"].isna().all() and log.loc[~last, "target_missed"].notna().all()
    assert (log["flagged"] == (log["risk_score"] >= 0.3)).all()
    app = log.groupby("month")["channel"].apply(lambda c: (c == "App").mean())
    assert app.loc[:"2024-11"].eq(0).all() and app.loc["2024-12":].gt(0.1).all()


def test_truth_months_follow_the_go_live_month():
    events = monitoring_truth()["events"]
    months = pd.period_range("2024-04", periods=24, freq="M").astype(str)
    for event in events.values():
        assert months[event["month_number"] - 1] == event["month"]
    order = ("drift", "benefit", "fairness_gap", "performance_fall")
    assert np.diff([events[k]["month_number"] for k in order]).min() > 0
