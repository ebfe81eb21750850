"""match_people(): blocking, scores, one-to-one matches, precision and recall."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.quality import match_people


@pytest.fixture
def housing() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tenant_id": ["T1", "T2", "T3", "T4"],
            "tenant_name": ["Amina Khan", "Joe Bloggs", "Sam Patel", "Lee Wong"],
            "tenant_date_of_birth": ["1980-02-01", "1975-06-30", "1990-01-01", "1962-11-11"],
            "postcode": ["ZX1 2AB", "ZX3 4DE", "ZX5 5EF", "ZX7 7GH"],
        }
    )


@pytest.fixture
def tax() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["C1", "C2", "C3", "C4"],
            "name": ["KHAN, Amina", "J Bloggs", "Samuel Pattel", "Ann Other"],
            "dob": ["01/02/1980", "30/06/1975", "1900-01-01", "1962-11-11"],
            "postcode": ["zx1 2ab", "ZX3 4DE", "ZX5 5EF", "ZX9 9ZZ"],
        }
    )


def test_matches_across_systems_with_truth(housing: pd.DataFrame, tax: pd.DataFrame) -> None:
    truth = pd.DataFrame({"left_id": ["T1", "T2", "T3"], "right_id": ["C1", "C2", "C3"]})
    before = (housing.copy(), tax.copy())
    report = match_people(housing, tax, right_columns={"id": "account_id"}, truth=truth)
    matches = report.matches
    assert set(zip(matches["left_id"], matches["right_id"], strict=True)) >= {("T1", "C1"), ("T2", "C2")}
    assert ("T4", "C4") not in set(zip(matches["left_id"], matches["right_id"], strict=True))
    assert report.precision == 1.0
    assert report.recall == pytest.approx(len(matches) / 3)
    assert "precision is 100.0%" in report.summary
    assert report.n_candidates < 16
    pd.testing.assert_frame_equal(housing, before[0])
    pd.testing.assert_frame_equal(tax, before[1])
    assert report.to_dict()["n_matches"] == len(matches)


def test_each_person_matched_at_most_once(housing: pd.DataFrame) -> None:
    twin = housing.iloc[[0, 0]].assign(tenant_id=["X1", "X2"])
    report = match_people(housing, twin)
    assert report.matches["left_id"].is_unique and report.matches["right_id"].is_unique


def test_dedupe_within_one_table(housing: pd.DataFrame) -> None:
    again = pd.concat([housing, housing.iloc[[0]].assign(tenant_id="T9", tenant_name="Amina Kahn")])
    report = match_people(again)
    pairs = {
        tuple(sorted(p)) for p in zip(report.matches["left_id"], report.matches["right_id"], strict=True)
    }
    assert pairs == {("T1", "T9")}


def test_errors(housing: pd.DataFrame) -> None:
    with pytest.raises(LabkitError, match="could not tell which column holds each person's name"):
        match_people(housing.drop(columns="tenant_name"))
    with pytest.raises(LabkitError, match="not a role"):
        match_people(housing, left_columns={"surname": "tenant_name"})
    with pytest.raises(LabkitError, match="no column called 'nom'"):
        match_people(housing, left_columns={"name": "nom"})
    with pytest.raises(LabkitError, match="threshold must be a number from 0 to 1"):
        match_people(housing, threshold=2)
    with pytest.raises(LabkitError, match="no column called 'left_id'"):
        match_people(housing, truth=pd.DataFrame({"a": [1]}))


@pytest.mark.slow
def test_precision_and_recall_on_planted_duplicates() -> None:
    rng = np.random.default_rng(1)
    n = 3000
    first = rng.choice(["Amina", "Joe", "Sam", "Lee", "Priya", "Tom", "Ewa", "Kofi", "Mary", "Ali"], n)
    last = rng.choice(
        ["Khan", "Bloggs", "Patel", "Wong", "Smith", "Nowak", "Mensah", "Jones", "Brown", "Ali"], n
    )
    dob = pd.Timestamp("1940-01-01") + pd.to_timedelta(rng.integers(0, 25000, n), unit="D")
    people = pd.DataFrame(
        {
            "id": [f"P{i}" for i in range(n)],
            "name": [f"{a} {b}" for a, b in zip(first, last, strict=True)],
            "date_of_birth": dob,
            "postcode": [f"ZX{i % 9 + 1} {i % 7 + 1}AB" for i in range(n)],
        }
    )
    pick = rng.choice(n, 600, replace=False)
    other = people.iloc[pick].copy()
    other["id"] = [f"Q{i}" for i in range(len(other))]
    other["name"] = other["name"].str.upper().str.replace("A", "AA", n=1)
    truth = pd.DataFrame({"left_id": people["id"].iloc[pick].to_numpy(), "right_id": other["id"].to_numpy()})
    report = match_people(people, other, truth=truth)
    assert report.precision >= 0.95 and report.recall >= 0.95


def test_summary_agrees_in_number_with_its_counts() -> None:
    left = pd.DataFrame(
        {
            "tenant_id": ["T1"],
            "tenant_name": ["Amina Khan"],
            "tenant_date_of_birth": ["1980-02-01"],
            "postcode": ["ZX1 2AB"],
        }
    )
    right = left.rename(columns={"tenant_id": "account_id"})
    truth = pd.DataFrame({"left_id": ["T1"], "right_id": ["T1"]})
    report = match_people(left, right, right_columns={"id": "account_id"}, truth=truth)
    assert report.summary.startswith("labkit compared 1 person with 1 person.")
    assert "1 pair scored" in report.summary and "and is treated as the same person" in report.summary
    assert "Against the 1 known true pair, precision" in report.summary
