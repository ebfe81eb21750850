"""audit(): every kind of check, the report, and bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.quality import DIMENSIONS, DataStandard, QualityReport, audit


def _finding(report: QualityReport, check: str) -> pd.Series:
    rows = report.findings[report.findings["check"] == check]
    assert len(rows) == 1, f"expected one finding for {check}; findings: {report.findings['check'].tolist()}"
    return rows.iloc[0]


def _failed_rows(report: QualityReport, check: str) -> list[int]:
    return sorted(report.failures.loc[report.failures["check"] == check, "row"].tolist())


@pytest.fixture
def report(repairs: pd.DataFrame, standard_yaml: str) -> QualityReport:
    return audit(repairs, DataStandard.from_yaml(standard_yaml))


def test_each_planted_problem_is_found_in_its_row_and_dimension(report: QualityReport) -> None:
    expected = {
        "unique:repair_id": ([6, 7], "Uniqueness"),
        "required:uprn": ([2], "Completeness"),
        "required:priority": ([6], "Completeness"),
        "allowed:priority": ([3], "Validity"),
        "legacy:ethnic_group": ([1, 4, 7], "Consistency"),
        "allowed:ethnic_group": ([6], "Validity"),
        "placeholder:dob": ([5], "Accuracy"),
        "format:postcode": ([5], "Validity"),
        "minimum:visits": ([5], "Validity"),
        "maximum:visits": ([3], "Validity"),
        "date_format:reported_at": ([2], "Validity"),
        "rule:completed_at is not before reported_at": ([1], "Consistency"),
        "consistent:property_id:address": ([2], "Consistency"),
        "recoverable:property_id:uprn": ([2], "Completeness"),
    }
    for check, (rows, dimension) in expected.items():
        assert _failed_rows(report, check) == rows, check
        assert _finding(report, check)["dimension"] == dimension


def test_duplicate_person_flags_both_ids(report: QualityReport) -> None:
    rows = _failed_rows(report, "duplicate_person")
    assert rows == [0, 1, 2, 7]  # T1 and T9 are the same person
    assert _finding(report, "duplicate_person")["values"] == "1 likely pair of IDs"


def test_findings_are_plain_english_with_counts_and_percentages(report: QualityReport) -> None:
    f = _finding(report, "rule:completed_at is not before reported_at")
    # Row 2 writes reported_at as 03/04/2024, which could be two days: left unknown, so 6 rows have both.
    assert f["finding"] == "1 repair (16.7%) has a completed_at before the reported_at"
    legacy = _finding(report, "legacy:ethnic_group")
    assert legacy["finding"].startswith("3 repairs (42.9%) use an old code in ethnic_group")
    assert "WIRI (1)" in legacy["values"]
    assert "fix_codes" in legacy["fix"]


def test_severity_follows_share_and_kind(report: QualityReport) -> None:
    assert _finding(report, "unique:repair_id")["severity"] == "high"
    assert set(report.findings["severity"]) <= {"high", "medium", "low"}
    order = report.findings["severity"].map({"high": 0, "medium": 1, "low": 2}).tolist()
    assert order == sorted(order)


def test_scores_per_dimension_and_column(report: QualityReport) -> None:
    dims = report.dimensions.set_index("dimension")
    assert list(dims.index) == list(DIMENSIONS)
    assert dims.loc["Timeliness", "score"] is None or np.isnan(dims.loc["Timeliness", "score"])
    checks = report.checks[report.checks["dimension"] == "Accuracy"]
    expected = round(100 * (1 - checks["failed"].sum() / checks["checked"].sum()), 1)
    assert dims.loc["Accuracy", "score"] == expected
    cols = report.columns.set_index("column")
    assert cols.loc["repair_id", "failing rows"] == 2
    assert 0 <= cols["score"].min() <= cols["score"].max() <= 100


def test_summary_names_weakest_dimension_and_top_problem(report: QualityReport) -> None:
    assert report.summary.startswith("labkit checked 8 repairs against")
    worst = report.dimensions.dropna(subset=["score"]).sort_values("score").iloc[0]["dimension"]
    assert f"The weakest dimension is {worst}" in report.summary


def test_report_pattern_outputs(report: QualityReport, tmp_path) -> None:
    data = report.to_dict()
    json.dumps(data)  # JSON-safe
    assert data["kind"] == "QualityReport"
    assert len(data["findings"]) == len(report.findings)
    html = report.to_html()
    assert 'lang="en-GB"' in html and "Scores by dimension" in html and "<img" in html
    assert "Example rows" in report.to_markdown()
    for suffix in (".html", ".md", ".json"):
        assert report.save(tmp_path / f"r{suffix}").stat().st_size > 0
    assert report.to_frame().equals(report.findings)
    assert "Scores out of 100" in report.figure().alt


def test_rows_lookup(report: QualityReport, repairs: pd.DataFrame) -> None:
    assert report.rows("placeholder:dob")["repair_id"].tolist() == ["R6"]
    assert report.rows(dimension="Accuracy").index.tolist() == [5]
    assert set(report.rows(column="priority")["repair_id"]) == {"R4", "R7"}
    with pytest.raises(LabkitError, match="no check called"):
        report.rows("nonsense")
    with pytest.raises(LabkitError, match="not a Data Quality Framework dimension"):
        report.rows(dimension="Beauty")


def test_audit_never_modifies_input(repairs: pd.DataFrame, standard_yaml: str) -> None:
    before = repairs.copy(deep=True)
    audit(repairs, standard_yaml)
    pd.testing.assert_frame_equal(repairs, before)


def test_clean_table_passes(standard_yaml: str) -> None:
    df = pd.DataFrame(
        {
            "repair_id": ["R1", "R2"],
            "property_id": ["P1", "P2"],
            "tenant_id": ["T1", "T2"],
            "tenant_name": ["Amina Khan", "Joe Bloggs"],
            "dob": pd.to_datetime(["1980-02-01", "1975-06-30"]),
            "postcode": ["ZX1 2AB", "ZX3 4DE"],
            "uprn": [990001, 990002],
            "address": ["1 High Street", "2 Low Road"],
            "priority": pd.Categorical(["Urgent", "Routine"]),
            "ethnic_group": ["White: Irish", None],
            "visits": pd.array([0, 3], dtype="Int64"),
            "reported_at": pd.to_datetime(["2024-04-01 09:00", "2024-04-02 10:00"]),
            "completed_at": pd.to_datetime(["2024-04-03 09:00", None]),
        }
    )
    report = audit(df, standard_yaml)
    assert report.findings.empty, report.findings
    assert report.summary.endswith("Every check passed.")


def test_missing_and_extra_columns(repairs: pd.DataFrame, standard_yaml: str) -> None:
    df = repairs.drop(columns=["visits"]).assign(notes="x")
    report = audit(df, standard_yaml)
    f = _finding(report, "missing_column:visits")
    assert f["severity"] == "high" and f["dimension"] == "Completeness"
    assert report.extra_columns == ["notes"]
    assert "notes" in report.to_markdown()


def test_table_level_timeliness_checks() -> None:
    dates = pd.date_range("2024-01-01", "2024-06-30", freq="D")
    dates = dates[dates.month != 3]  # March is missing
    df = pd.DataFrame({"reported_at": dates})
    std = {
        "columns": {"reported_at": {"type": "date"}},
        "freshness": {"column": "reported_at", "within_days": 30, "as_of": "2024-09-30"},
        "monthly_records": {"column": "reported_at"},
    }
    report = audit(df, std)
    periods = _finding(report, "periods:reported_at")
    assert "2024-03 (0 rows)" in periods["finding"]
    assert periods["dimension"] == "Timeliness"
    fresh = _finding(report, "freshness:reported_at")
    assert "92 days before 2024-09-30" in fresh["finding"]
    ok = audit(df, {**std, "freshness": {"column": "reported_at", "within_days": 120, "as_of": "2024-09-30"}})
    assert "freshness:reported_at" not in set(ok.findings["check"])


_MONTHLY = {"columns": {"reported_at": {"type": "date"}}, "monthly_records": {"column": "reported_at"}}


def _monthly_rows(per_month: dict[str, int]) -> pd.DataFrame:
    dates = [f"{month}-15" for month, n in per_month.items() for _ in range(n)]
    return pd.DataFrame({"reported_at": pd.to_datetime(dates)})


def test_one_low_month_is_worded_in_the_singular() -> None:
    df = _monthly_rows({"2024-01": 10, "2024-02": 12, "2024-04": 14, "2024-05": 16})
    finding = _finding(audit(df, _MONTHLY), "periods:reported_at")["finding"]
    assert finding.startswith("1 of 5 months has far fewer rows than usual: 2024-03 (0 rows).")
    assert "Records for this month may be missing" in finding
    assert "months have" not in finding


def test_several_low_months_are_worded_in_the_plural() -> None:
    df = _monthly_rows({"2024-01": 10, "2024-02": 1, "2024-04": 14, "2024-05": 16, "2024-06": 12})
    finding = _finding(audit(df, _MONTHLY), "periods:reported_at")["finding"]
    assert finding.startswith(
        "2 of 6 months have far fewer rows than usual: 2024-02 (1 row) and 2024-03 (0 rows)."
    )
    assert "Records for these months may be missing" in finding


def test_typical_month_is_the_median_of_the_main_run_and_ignores_stray_months() -> None:
    main = {"2024-01": 100, "2024-02": 110, "2024-03": 0, "2024-04": 120, "2024-05": 130, "2024-06": 140}
    finding = _finding(audit(_monthly_rows(main), _MONTHLY), "periods:reported_at")["finding"]
    # Median of 100, 110, 0, 120, 130, 140 (the empty month included) is 115.
    assert "From 2024-01 to 2024-06 the median month has 115 rows" in finding
    assert "fewer than 50% of that is flagged" in finding
    # Mistyped dates far outside the main run (one row a month) must not change the figure.
    strays = {"2020-01": 1, "2020-07": 1, **main, "2026-02": 1, "2026-05": 1}
    again = _finding(audit(_monthly_rows(strays), _MONTHLY), "periods:reported_at")["finding"]
    assert again == finding


def test_typical_month_with_a_half_is_shown_exactly() -> None:
    df = _monthly_rows({"2024-01": 100, "2024-02": 0, "2024-03": 101, "2024-04": 120})
    finding = _finding(audit(df, _MONTHLY), "periods:reported_at")["finding"]
    assert "the median month has 100.5 rows" in finding


def test_audit_without_standard_drafts_one() -> None:
    df = pd.DataFrame({"repair_id": ["R1", "R2", "R3"], "postcode": ["ZX1 2AB", "ZX3 4DE", "ZX5 5EF"]})
    report = audit(df)
    assert report.findings.empty
    assert report.standard.column("postcode").format == "uk_postcode"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("repairs.csv", "must be a pandas DataFrame"),
        ([1, 2], "must be a pandas DataFrame"),
        (pd.DataFrame(), "no rows"),
        (pd.DataFrame({"a": []}), "no rows"),
    ],
)
def test_bad_tables_raise_labkit_errors(bad: object, message: str) -> None:
    with pytest.raises(LabkitError, match=message):
        audit(bad)


def test_bad_standard_raises_labkit_error(repairs: pd.DataFrame) -> None:
    with pytest.raises(LabkitError, match="type 'colour'"):
        audit(repairs, {"columns": {"priority": {"type": "colour"}}})


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.sampled_from(["Urgent", "Routine", "Soon", "WIRI", None, ""]), min_size=1, max_size=40)
)
def test_counts_match_a_direct_count(values: list[str | None]) -> None:
    df = pd.DataFrame({"priority": values})
    before = df.copy()
    std = {
        "columns": {
            "priority": {"required": True, "allowed": ["Urgent", "Routine"], "legacy_codes": ["WIRI"]}
        }
    }
    report = audit(df, std)
    s = df["priority"]
    present = s.notna() & s.ne("")
    n_missing = int((~present).sum())
    n_invalid = int((present & ~s.isin(["Urgent", "Routine", "WIRI"])).sum())
    n_legacy = int((s == "WIRI").sum())
    checks = report.checks.set_index("check")
    assert checks.loc["required:priority", "failed"] == n_missing
    assert checks.loc["allowed:priority", "failed"] == n_invalid + int((s == "").sum())
    assert checks.loc["legacy:priority", "failed"] == n_legacy
    pd.testing.assert_frame_equal(df, before)
