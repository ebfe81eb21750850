"""Defect injection: every logged defect is really in the dirty copy, and nothing else changed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit.data import DEFECT_KINDS, generate, list_datasets
from labkit.data._schema import _to_text

DIMENSIONS = {"Accuracy", "Completeness", "Consistency", "Timeliness", "Uniqueness", "Validity"}


def _as_text(ds) -> pd.DataFrame:
    """The clean records, as text like the dirty file, aligned to the dirty rows."""
    from labkit.data._generate import get_spec

    spec = get_spec(ds.name)
    text = pd.DataFrame({f.name: _to_text(ds.clean[f.name], f) for f in spec.dirty_fields})
    return text.set_index(spec.primary_key).loc[ds.dirty[spec.primary_key]].reset_index()


def _cell(value) -> str:
    return "<missing>" if pd.isna(value) else str(value)


def test_every_kind_is_logged_with_its_dimension(repairs):
    log = repairs.defect_log
    assert set(log["kind"]) == set(DEFECT_KINDS)
    for kind, d in DEFECT_KINDS.items():
        assert set(log.loc[log["kind"] == kind, "dimension"]) == {d.dimension}
    assert set(log["dimension"]) == DIMENSIONS


@pytest.fixture(scope="module", params=list_datasets())
def any_dataset(request):
    return generate(request.param, seed=0)


def test_log_matches_the_dirty_cells_exactly(any_dataset):
    repairs = any_dataset
    dirty = repairs.dirty
    truth = _as_text(repairs)
    log = repairs.defect_log.dropna(subset=["row"])
    for row, column, original, injected in log[["row", "column", "original", "injected"]].itertuples(
        index=False
    ):
        now = dirty.at[int(row), column]
        assert (pd.isna(now) and pd.isna(injected)) or str(now) == injected, (row, column)
        assert str(truth.at[int(row), column]) == original, (row, column)


def test_cells_not_in_the_log_are_unchanged(any_dataset):
    repairs = any_dataset
    dirty = repairs.dirty
    truth = _as_text(repairs)
    log = repairs.defect_log.dropna(subset=["row"])
    logged = set(zip(log["row"].astype(int), log["column"], strict=True))
    # Duplicates also vary names and addresses; those cells are described in the log's detail.
    dup_rows = set(
        repairs.defect_log.loc[repairs.defect_log["kind"] == "duplicate_person", "row"].astype(int)
    )
    for column in dirty.columns:
        a = np.asarray([_cell(v) for v in dirty[column].astype(object)], dtype=object)
        b = np.asarray([_cell(v) for v in truth[column].astype(object)], dtype=object)
        for row in np.flatnonzero(a != b):
            assert (int(row), column) in logged or int(row) in dup_rows, (row, column)


def test_late_period_drops_whole_months(repairs):
    entries = repairs.defect_log[repairs.defect_log["kind"] == "late_period"]
    assert len(entries) >= 1
    dirty_months = set(
        repairs.clean.set_index("repair_id")
        .loc[repairs.dirty["repair_id"], "reported_at"]
        .dt.strftime("%Y-%m")
    )
    for text in entries["original"]:
        month = text.split(" in ")[1]
        assert month not in dirty_months
    assert len(repairs.dirty) < len(repairs.clean)


def test_duplicates_point_to_the_same_resident(repairs):
    cw = repairs.crosswalk
    second = cw[cw["second_id"]]
    assert len(second) > 0
    first_ids = cw[~cw["second_id"]].set_index("service_id")["resident_id"]
    dups = repairs.defect_log[repairs.defect_log["kind"] == "duplicate_person"]
    pairs = dict(zip(dups["injected"], dups["original"], strict=False))
    for new_id, resident in second[["service_id", "resident_id"]].itertuples(index=False):
        assert first_ids[pairs[new_id]] == resident
    assert not set(second["service_id"]) & set(repairs.clean["tenant_id"])


@pytest.mark.parametrize("kind", sorted(DEFECT_KINDS))
def test_a_single_kind_applies_only_that_kind(kind):
    ds = generate("housing_repairs", rows=3_000, seed=2, defects={kind: 0.2})
    assert set(ds.defect_log["kind"]) == {kind}


def test_rates_are_respected_roughly():
    ds = generate(
        "housing_repairs", rows=10_000, seed=4, defects={"missing_uprn": 0.1, "address_variant": 0.02}
    )
    counts = ds.defect_log["kind"].value_counts()
    assert counts["missing_uprn"] == pytest.approx(1_000, rel=0.15)
    assert counts["address_variant"] == pytest.approx(200, rel=0.3)
    assert ds.dirty["uprn"].isna().sum() == counts["missing_uprn"]


def test_zero_rates_give_an_identical_text_copy():
    ds = generate("housing_repairs", rows=2_000, seed=4, defects={})
    assert len(ds.defect_log) == 0
    pd.testing.assert_frame_equal(
        ds.dirty.astype(str),
        _as_text(ds).astype(object).where(_as_text(ds).notna(), None).astype(str),
        check_dtype=False,
    )


def test_dirty_dates_are_text_in_mixed_formats(repairs):
    col = repairs.dirty["reported_at"]
    assert col.dtype == "str"
    iso = col.str.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
    slash = col.str.match(r"^\d{2}/\d{2}/\d{4}")
    assert (iso | slash).all()
    assert slash.sum() > 0
