"""generate(), list_datasets(), councils() and their input checks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.data import DEFECT_KINDS, Dataset, councils, default_rates, generate, list_datasets
from labkit.data._housing_repairs import FIELDS

REPAIRS_COLUMNS = [
    "repair_id", "property_id", "uprn", "tenant_id", "tenant_name", "tenant_date_of_birth", "address",
    "postcode", "lsoa_code", "imd_decile", "reported_at", "financial_year", "channel", "trade", "priority",
    "target_working_days", "no_access_visits", "completed_at", "first_time_fix", "hazard_flag",
    "complaint_logged", "tenant_age", "tenant_sex", "tenant_ethnic_group", "tenant_ethnic_group_5",
    "tenant_disability", "target_missed",
]  # fmt: skip


def test_list_datasets_starts_with_housing_repairs():
    names = list_datasets()
    assert names == [
        "housing_repairs",
        "homelessness",
        "council_tax",
        "contact_centre",
        "childrens_social_care",
    ]
    assert len(names) == len(set(names))


def test_councils_are_the_two_fictional_profiles():
    assert councils() == ["northbrook", "eastmere"]


def test_housing_repairs_has_the_contract_columns_and_types(repairs_small):
    clean = repairs_small.clean
    assert list(clean.columns) == REPAIRS_COLUMNS
    assert [f.name for f in FIELDS] == REPAIRS_COLUMNS
    assert clean["reported_at"].dtype == "datetime64[us]"
    assert clean["tenant_date_of_birth"].dtype == "datetime64[us]"
    assert clean["uprn"].dtype == "Int64"
    assert clean["target_missed"].dtype == bool
    assert isinstance(clean["priority"].dtype, pd.CategoricalDtype)
    assert clean["priority"].cat.ordered
    assert len(clean["tenant_ethnic_group"].cat.categories) == 19
    assert all(": " in c for c in clean["tenant_ethnic_group"].cat.categories)
    assert len(clean["tenant_disability"].cat.categories) == 3
    assert clean["repair_id"].is_unique
    assert clean.notna().all().all()
    assert set(clean["financial_year"].unique()) == {"2021-22", "2022-23", "2023-24", "2024-25"}


def test_clean_data_is_internally_consistent(repairs):
    clean = repairs.clean
    assert (clean["completed_at"] > clean["reported_at"]).all()
    assert clean["reported_at"].is_monotonic_increasing
    age = (clean["reported_at"] - clean["tenant_date_of_birth"]).dt.days / 365.25
    assert ((age - clean["tenant_age"].astype(float)).abs() < 1.01).all()
    # The label rule in the ground truth holds exactly.
    emergency = clean["priority"] == "Emergency"
    day = clean["reported_at"].to_numpy().astype("datetime64[D]")
    end = np.busday_offset(day, clean["target_working_days"].to_numpy(dtype=int), roll="forward")
    deadline = pd.Series(end.astype("datetime64[us]")) + pd.Timedelta(seconds=86_399)
    deadline[emergency] = clean.loc[emergency, "reported_at"] + pd.Timedelta(hours=24)
    assert ((clean["completed_at"] > deadline) == clean["target_missed"]).all()


def test_base_rate_and_priority_split_are_as_documented(repairs):
    rate = repairs.clean["target_missed"].mean()
    assert 0.20 <= rate <= 0.30
    shares = repairs.clean["priority"].value_counts(normalize=True)
    assert abs(shares["Emergency"] - 0.10) < 0.03
    assert abs(shares["Urgent"] - 0.25) < 0.05
    assert abs(shares["Routine"] - 0.65) < 0.07


def test_same_arguments_give_identical_data():
    a = generate("housing_repairs", rows=1_500, seed=3)
    b = generate("housing_repairs", rows=1_500, seed=3)
    pd.testing.assert_frame_equal(a.clean, b.clean)
    pd.testing.assert_frame_equal(a.dirty, b.dirty)
    pd.testing.assert_frame_equal(a.defect_log, b.defect_log)
    assert a.ground_truth == b.ground_truth


def test_different_seeds_give_different_data():
    a = generate("housing_repairs", rows=1_500, seed=3)
    b = generate("housing_repairs", rows=1_500, seed=4)
    assert not a.clean["tenant_id"].equals(b.clean["tenant_id"])


def test_defects_never_change_the_clean_data():
    with_defects = generate("housing_repairs", rows=2_000, seed=5)
    without = generate("housing_repairs", rows=2_000, seed=5, defects=None)
    pd.testing.assert_frame_equal(with_defects.clean, without.clean)
    assert without.dirty is None
    assert len(without.defect_log) == 0
    assert list(without.defect_log.columns) == list(with_defects.defect_log.columns)


def test_councils_differ_in_people_and_service(repairs):
    east = generate("housing_repairs", council="eastmere")
    north = repairs.clean
    white = "White"
    assert (east.clean["tenant_ethnic_group_5"] == white).mean() > (
        north["tenant_ethnic_group_5"] == white
    ).mean() + 0.2
    assert east.clean["imd_decile"].mean() > north["imd_decile"].mean() + 1.2
    assert east.clean["tenant_age"].mean() > north["tenant_age"].mean()
    assert set(east.clean["target_working_days"]) != set(north["target_working_days"])
    assert set(east.clean["postcode"].str.split().str[0]).isdisjoint(
        set(north["postcode"].str.split().str[0])
    )
    assert east.clean["lsoa_code"].iloc[0][:6] != north["lsoa_code"].iloc[0][:6]


def test_dataset_repr_is_short(repairs_small):
    text = repr(repairs_small)
    assert text.startswith("Dataset('housing_repairs'")
    assert "\n" not in text
    assert isinstance(repairs_small, Dataset)


def test_rows_beyond_the_population_size_still_work():
    ds = generate("housing_repairs", rows=250_000, seed=1, defects=None)
    assert len(ds.clean) == 250_000
    # More people are made so each tenancy keeps a realistic number of repairs.
    assert ds.clean["tenant_id"].nunique() > 15_000


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"name": "housing"}, ["housing_repairs", "parameter name"]),
        ({"name": 3}, ["no dataset", "housing_repairs"]),
        ({"council": "Northbrook"}, ["northbrook", "eastmere", "parameter council"]),
        ({"rows": 0}, ["at least 10", "parameter rows"]),
        ({"rows": 1}, ["at least 10", "parameter rows"]),
        ({"rows": -5}, ["at least 10"]),
        ({"rows": 2.5}, ["whole number"]),
        ({"rows": True}, ["whole number"]),
        ({"rows": 10**9}, ["at most 5,000,000"]),
        ({"seed": -1}, ["0 or more", "parameter seed"]),
        ({"seed": "1"}, ["whole number"]),
        ({"defects": "all"}, ["'default'", "None"]),
        ({"defects": ["missing_uprn"]}, ["dict"]),
        ({"defects": {"missing_uprns": 0.1}}, ["missing_uprns", "missing_uprn", "duplicate_person"]),
        ({"defects": {"missing_uprn": 1.5}}, ["from 0 to 1", "1.5"]),
        ({"defects": {"missing_uprn": -0.1}}, ["from 0 to 1"]),
        ({"defects": {"missing_uprn": float("nan")}}, ["from 0 to 1"]),
        ({"defects": {"missing_uprn": "0.1"}}, ["from 0 to 1"]),
    ],
)
def test_bad_input_raises_plain_english_labkit_error(kwargs, words):
    args = {"name": "housing_repairs", "rows": 100, **kwargs}
    name = args.pop("name")
    with pytest.raises(LabkitError) as info:
        generate(name, **args)
    assert isinstance(info.value, ValueError)
    for word in words:
        assert word in str(info.value)


def test_default_rates_cover_every_kind():
    assert set(default_rates()) == set(DEFECT_KINDS)
    assert all(0 < r <= 1 for r in default_rates().values())
