"""monitor(): each planted event is found in the month it was planted; bad logs are reported, not fatal."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.projects import ProblemCanvas, example_canvas, monitor, psi


def test_drift_found_in_its_month_on_the_changed_input_only(report, truth):
    event = truth["events"]["drift"]
    assert report.events["drift"][event["input"]]["month"] == event["month"]
    for name in event["stable_inputs"]:
        assert report.events["drift"][name] is None


def test_performance_fall_found_in_its_month(report, truth):
    assert report.events["performance_fall"]["month"] == truth["events"]["performance_fall"]["month"]


def test_fairness_gap_found_in_its_month_for_disabled_tenants(report, truth):
    event = report.events["fairness_gap"]
    assert event["month"] == truth["events"]["fairness_gap"]["month"]
    assert event["group"].startswith("Disabled under the Equality Act")


def test_benefit_arrives_in_its_month_later_and_smaller_than_promised(report, truth):
    planted = truth["events"]["benefit"]
    found = report.events["benefits"]["outcome_rate"]
    assert found["arrived_month"] == planted["month"]
    assert found["later_than_promised"] and found["smaller_than_promised"]
    assert found["target_met_month"] is None
    assert planted["promised_target"] < found["latest_level"] < found["baseline"]


def test_stop_rules_fire_in_the_expected_months(report):
    fired = dict(zip(report.rules["measure"], report.rules["first fired"], strict=True))
    # drift rule: 1 month (the drift month); fairness and performance rules: 2 months in a row.
    assert fired == {"max_psi": "2024-12", "recall_gap": "2025-04", "roc_auc": "2025-08"}
    status = dict(zip(report.months["month"], report.months["status"], strict=True))
    assert status["2024-11"] == "green" and status["2024-12"] == "amber" and status["2025-08"] == "red"
    assert report.status == "red" and report.decision.startswith("stop")


def test_months_have_intervals_around_their_values(report):
    m = report.months.dropna(subset=["recall"])
    for name in ("outcome_rate", "recall", "precision", "roc_auc"):
        assert (m[f"{name} low"] <= m[name]).all() and (m[name] <= m[f"{name} high"]).all()
    assert len(report.months) == 24 and report.months["month number"].tolist() == list(range(1, 25))


def test_the_latest_month_has_no_outcomes_yet_and_counts_for_drift_only(report):
    last = report.months.iloc[-1]
    assert last["outcomes known"] == 0 and np.isnan(last["recall"]) and last["max_psi"] > 0.25
    assert any("No outcomes yet for 2026-03" in f for f in report.findings)


def test_fairness_table_uses_group_metrics_counts(report, log):
    f = report.fairness
    row = f[(f["month"] == "2024-04") & (f["group"] == "Not disabled under the Equality Act")].iloc[0]
    part = log[(log["month"] == "2024-04") & (log["disability"] == "Not disabled under the Equality Act")]
    late = part[part["target_missed"].astype(bool)]
    assert row["with outcome"] == len(late)
    assert row["recall"] == pytest.approx(late["flagged"].mean())


def test_recall_and_auc_match_scikit_learn(report, log):
    from sklearn.metrics import recall_score, roc_auc_score

    part = log[log["month"] == "2025-07"]
    y = part["target_missed"].astype(bool)
    row = report.months.set_index("month").loc["2025-07"]
    assert row["recall"] == pytest.approx(recall_score(y, part["flagged"]))
    assert row["roc_auc"] == pytest.approx(roc_auc_score(y, part["risk_score"]))


def test_psi_by_hand():
    assert psi([70, 30], [40, 60]) == pytest.approx(0.3 * np.log(0.6 / 0.3) + 0.3 * np.log(0.7 / 0.4))
    assert psi([1, 0], [1, 0]) == 0
    with pytest.raises(LabkitError):
        psi([1, 2], [1, 2, 3])


def test_report_pattern(report, tmp_path):
    d = json.loads(report.save(tmp_path / "m.json").read_text())
    assert d["status"] == "red" and len(d["months"]) == 24
    assert report.to_frame().shape[0] == 24
    html = report.save(tmp_path / "m.html").read_text()
    assert 'lang="en-GB"' in html and "Stop rules" in html
    assert "Status: RED" in report.summary


def test_charts_have_text_alternatives(log):
    small = log[log["month"] <= "2025-08"]
    r = monitor(small, example_canvas())
    figures = [f for s in r.sections for f in s.figures]
    assert len(figures) == 4 and all(f.alt and f.png.startswith(b"\x89PNG") for f in figures)


def test_input_is_not_modified(log):
    before = log.copy()
    monitor(log, example_canvas(), plot=False)
    pd.testing.assert_frame_equal(log, before)


# -- bad input: a clear LabkitError, or a finding with the other months still reported ---------------
def _small(log, months=("2024-04", "2024-05", "2024-06", "2024-07", "2024-08")):
    return log[log["month"].isin(months)].reset_index(drop=True)


def test_gap_in_months_is_reported_and_shown(log):
    r = monitor(_small(log, ("2024-04", "2024-05", "2024-06", "2024-08")), example_canvas(), plot=False)
    assert r.months["month"].tolist() == ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]
    assert r.months.set_index("month").loc["2024-07", "status"] == "no records"
    assert any("No records for 2024-07" in f for f in r.findings)


def test_months_out_of_order_are_sorted_and_reported(log):
    small = _small(log)
    shuffled = small.sample(frac=1.0, random_state=0)
    r = monitor(shuffled, example_canvas(), plot=False)
    assert any("not in month order" in f for f in r.findings)
    ordered = monitor(small, example_canvas(), plot=False)
    pd.testing.assert_frame_equal(r.months, ordered.months)


def test_changed_column_set_between_monthly_files(log):
    parts = [part for _, part in _small(log).groupby("month")]
    parts[3] = parts[3].drop(columns=["channel"]).assign(new_code=1)
    r = monitor(parts, example_canvas(), plot=False)
    assert any("column set changed in part 4" in f and "'channel'" in f for f in r.findings)
    assert any("'channel' was not recorded in 2024-07" in f for f in r.findings)
    assert np.isnan(r.drift.set_index("month").loc["2024-07", "psi_channel"])
    assert r.months["recall"].notna().all()


def test_recent_months_without_outcomes(log):
    small = _small(log).copy()
    small.loc[small["month"] >= "2024-07", "target_missed"] = pd.NA
    r = monitor(small, example_canvas(), plot=False)
    assert any("No outcomes yet for 2024-07 and 2024-08" in f for f in r.findings)
    assert r.months["recall"].notna().sum() == 3


def test_partly_known_outcomes(log):
    small = _small(log).copy()
    small.loc[small.index[:10], "target_missed"] = pd.NA
    r = monitor(small, example_canvas(), plot=False)
    assert any("still missing in 2024-04" in f for f in r.findings)


def test_outcomes_as_text_and_numbers_are_read(log):
    small = _small(log)
    as_text = small.assign(target_missed=small["target_missed"].map({True: "True", False: "False"}))
    as_int = small.assign(target_missed=small["target_missed"].astype(int))
    a = monitor(as_text, example_canvas(), plot=False).months
    b = monitor(as_int, example_canvas(), plot=False).months
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.drop(columns=["month"]), "no month column"),
        (lambda d: d.drop(columns=["risk_score"]), "no score column"),
        (lambda d: d.assign(risk_score=d["risk_score"] * 100), "outside 0 to 1"),
        (lambda d: d.assign(risk_score="high"), "not a number"),
        (lambda d: d.assign(month="April"), "not a month"),
        (lambda d: d.assign(month=None), "no month"),
        (lambda d: d.assign(target_missed="maybe"), "not a yes/no value"),
        (lambda d: d.iloc[0:0], "no rows"),
    ],
)
def test_bad_logs_raise_a_clear_error(log, change, match):
    with pytest.raises(LabkitError, match=match) as info:
        monitor(change(_small(log).copy()), example_canvas(), plot=False)
    assert info.value.fix


def test_not_a_table_or_not_a_canvas(log):
    with pytest.raises(LabkitError, match="table"):
        monitor("monitoring.csv", example_canvas())
    with pytest.raises(LabkitError, match="ProblemCanvas"):
        monitor(log, {"title": "x"})
    with pytest.raises(LabkitError, match="confidence"):
        monitor(log, example_canvas(), confidence=95)


def test_missing_outcome_or_group_column_still_reports_drift(log, good):
    small = _small(log).drop(columns=["target_missed", "disability"])
    r = monitor(small, example_canvas(), plot=False)
    assert any("no outcome column" in f for f in r.findings)
    assert r.months["recall"].isna().all() and r.months["max_psi"].notna().all()
    assert len(r.fairness) == 0


def test_unknown_stop_measure_is_a_finding(log, good):
    good["stop_rules"][0]["measure"] = "happiness"
    r = monitor(_small(log), ProblemCanvas.from_dict(good), plot=False)
    assert any("'happiness'" in f for f in r.findings)
    assert r.rules["first fired"].iloc[0] == "not computed"


def test_flagged_from_the_threshold_when_no_flag_column(log, good):
    good["monitor"]["flagged"] = ""
    r = monitor(_small(log), ProblemCanvas.from_dict(good), plot=False)
    expected = monitor(_small(log), example_canvas(), plot=False)
    pd.testing.assert_series_equal(r.months["recall"], expected.months["recall"])
    good["monitor"]["threshold"] = None
    with pytest.raises(LabkitError, match="which cases were flagged"):
        monitor(_small(log), ProblemCanvas.from_dict(good), plot=False)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_events_are_found_in_their_months_for_other_seeds(seed):
    """The planted events are strong enough that other random draws put them in the same months."""
    from labkit.data._monitoring import generate_monitoring, monitoring_truth

    r = monitor(generate_monitoring(seed=seed), example_canvas(), plot=False)
    events = monitoring_truth()["events"]
    assert r.events["drift"]["channel"]["month"] == events["drift"]["month"]
    assert r.events["performance_fall"]["month"] == events["performance_fall"]["month"]
    assert r.events["fairness_gap"]["month"] == events["fairness_gap"]["month"]
    assert r.events["benefits"]["outcome_rate"]["arrived_month"] == events["benefit"]["month"]


def test_months_given_as_dates_are_grouped_by_calendar_month(log):
    small = _small(log).copy()
    small["month"] = pd.to_datetime(small["month"] + "-15") + pd.to_timedelta(small.index % 10, unit="D")
    r = monitor(small, example_canvas(), plot=False)
    expected = monitor(_small(log), example_canvas(), plot=False)
    pd.testing.assert_frame_equal(r.months, expected.months)


def test_chart_labels_are_plain_and_never_cut_short(report):
    """A tester found two long group names cut to the same legend text, and a title reading outcome_rate."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fairness = report._draw_fairness()
    labels = [t.get_text() for t in fairness.axes[0].get_legend().get_texts()]
    groups = sorted(report.fairness["group"].astype(str).unique())
    assert [label.replace("\n", " ") for label in labels] == groups  # every name in full, each once
    benefits = report._draw_benefits()
    title = benefits.axes[0].get_title()
    assert "_" not in title and title.startswith("Share of cases with the outcome")
    plt.close("all")
