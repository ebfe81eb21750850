"""Temporal and grouped splits, and the leakage check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.evaluate import group_split, leakage_check, temporal_split


def test_temporal_split_tests_on_the_latest_period(repairs):
    before = repairs.copy()
    split = temporal_split(repairs, "financial_year")
    train, test = split
    assert set(test["financial_year"]) == {"2024-25"}
    assert set(train["financial_year"]) == {"2021-22", "2022-23", "2023-24"}
    assert len(train) + len(test) == len(repairs)
    assert "testing on" in split.summary and "from 2024-25" in split.summary
    train.loc[train.index[0], "imd_decile"] = 99  # a copy: the caller's frame is untouched
    pd.testing.assert_frame_equal(repairs, before)


def test_temporal_split_with_two_test_periods_and_dates():
    df = pd.DataFrame({"when": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"])})
    train, test = temporal_split(df, "when", test_periods=2)
    assert train["when"].max() < test["when"].min()
    assert len(test) == 2


def test_temporal_split_with_unordered_categories(repairs):
    df = repairs.assign(financial_year=repairs["financial_year"].astype("category"))
    train, test = temporal_split(df, "financial_year")
    assert set(test["financial_year"].astype(str)) == {"2024-25"}
    assert len(train) == (repairs["financial_year"] != "2024-25").sum()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"time_column": "year"}, "no column 'year'"),
        ({"time_column": "financial_year", "test_periods": 4}, "nothing would be left"),
        ({"time_column": "financial_year", "test_periods": 0}, "whole number of 1 or more"),
    ],
)
def test_temporal_split_bad_input(repairs, kwargs, message):
    with pytest.raises(LabkitError, match=message):
        temporal_split(repairs, **kwargs)


def test_temporal_split_needs_a_frame_and_no_missing_times():
    with pytest.raises(LabkitError, match="DataFrame"):
        temporal_split([1, 2, 3], "x")
    with pytest.raises(LabkitError, match="missing values"):
        temporal_split(pd.DataFrame({"y": ["2023-24", None]}), "y")


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_group_split_keeps_each_property_on_one_side(repairs, seed):
    train, test = group_split(repairs, "property_id", test_size=0.3, seed=seed)
    assert not set(train["property_id"]) & set(test["property_id"])
    assert len(train) + len(test) == len(repairs)
    n_groups = repairs["property_id"].nunique()
    assert test["property_id"].nunique() == round(0.3 * n_groups)


def test_group_split_is_deterministic_and_validates(repairs):
    a = group_split(repairs, "property_id", seed=3)
    b = group_split(repairs, "property_id", seed=3)
    pd.testing.assert_frame_equal(a.test, b.test)
    with pytest.raises(LabkitError, match="test_size"):
        group_split(repairs, "property_id", test_size=1.5)
    with pytest.raises(LabkitError, match="only one group"):
        group_split(repairs.assign(one="x"), "one")
    with pytest.raises(LabkitError, match="seed"):
        group_split(repairs, "property_id", seed=-1)


def test_leakage_check_flags_timing_and_strength(repairs):
    df = repairs.assign(days_late=np.where(repairs["target_missed"], 5.0, 0.0))
    before = df.copy()
    report = leakage_check(
        df.drop(columns=["property_id"]),
        "target_missed",
        recorded_after=["complaint_logged"],
        timing={"trade": "before"},
    )
    assert set(report.leaky) == {"complaint_logged", "days_late"}
    table = report.table.set_index("feature")
    assert table.loc["days_late", "single-feature ROC-AUC"] == pytest.approx(1.0)
    assert "recorded after the outcome" in table.loc["complaint_logged", "why"]
    assert table.loc["trade", "recorded"] == "before"
    assert not table.loc["imd_decile", "leak"]
    assert "2 of 6 features look like leaks" in report.summary
    pd.testing.assert_frame_equal(df, before)


def test_identifiers_cannot_look_predictive_by_memorising(repairs):
    df = repairs.assign(repair_id=[f"R{i}" for i in range(len(repairs))])
    table = leakage_check(df, "target_missed", features=["repair_id"]).table
    assert table["single-feature ROC-AUC"].iloc[0] < 0.6
    assert not table["leak"].iloc[0]


def test_leakage_check_handles_missing_values_and_dates():
    rng = np.random.default_rng(0)
    y = rng.random(400) < 0.4
    df = pd.DataFrame(
        {
            "y": y,
            "completed_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.where(y, 30, 5), unit="D"),
            "visits": np.where(rng.random(400) < 0.1, np.nan, rng.poisson(1, 400)),
        }
    )
    table = leakage_check(df, "y").table.set_index("feature")
    assert table.loc["completed_at", "kind"] == "date"
    assert table.loc["completed_at", "leak"]
    assert table.loc["visits", "kind"] == "number"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": "nope"}, "no column 'nope'"),
        ({"target": "target_missed", "recorded_after": ["nope"]}, "no column 'nope'"),
        ({"target": "target_missed", "timing": {"trade": "later"}}, "'before' or 'after'"),
        ({"target": "target_missed", "suspicious_auc": 0.4}, "above 0.5"),
        ({"target": "target_missed", "features": ["target_missed"]}, "listed as a feature"),
        ({"target": "trade"}, "binary"),
    ],
)
def test_leakage_check_bad_input(repairs, kwargs, message):
    with pytest.raises(LabkitError, match=message):
        leakage_check(repairs, **kwargs)


def test_leakage_check_reads_timing_from_a_table_schema(repairs):
    schema = {
        "fields": [
            {"name": "complaint_logged", "labkit:role": "leaky"},
            {"name": "trade", "labkit:role": "feature"},
            {"name": "not_in_data", "labkit:role": "leaky"},
        ]
    }
    report = leakage_check(repairs.drop(columns=["property_id"]), "target_missed", schema=schema)
    table = report.table.set_index("feature")
    assert table.loc["complaint_logged", "recorded"] == "after"
    assert table.loc["trade", "recorded"] == "before"
    assert "complaint_logged" in report.leaky
    with pytest.raises(LabkitError, match="Table Schema"):
        leakage_check(repairs, "target_missed", schema={"columns": []})
