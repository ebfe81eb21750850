"""Property-based tests: whatever the rates and seed, defects are logged exactly; the truth is kept."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.data import DEFECT_KINDS, generate
from labkit.data._generate import get_spec
from labkit.data._schema import _to_text

rates = st.dictionaries(
    st.sampled_from(sorted(DEFECT_KINDS)), st.floats(min_value=0, max_value=1, allow_nan=False), max_size=8
)


def _cell(value) -> str:
    return "<missing>" if pd.isna(value) else str(value)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    defects=rates,
    seed=st.integers(min_value=0, max_value=2**31),
    name=st.sampled_from(["housing_repairs", "homelessness"]),
)
def test_every_logged_defect_is_in_the_dirty_copy(defects, seed, name):
    before = copy.deepcopy(defects)
    ds = generate(name, rows=600, seed=seed, defects=defects)
    assert defects == before  # the caller's dict is not changed
    clean_again = generate(name, rows=600, seed=seed, defects=None).clean
    pd.testing.assert_frame_equal(ds.clean, clean_again)
    spec = get_spec(name)
    truth = pd.DataFrame({f.name: _to_text(ds.clean[f.name], f) for f in spec.dirty_fields})
    truth = truth.set_index(spec.primary_key).loc[ds.dirty[spec.primary_key]].reset_index()
    assert set(ds.defect_log["kind"]) <= {k for k, r in defects.items() if r > 0}
    logged = ds.defect_log.dropna(subset=["row"])
    for row, column, original, injected in logged[["row", "column", "original", "injected"]].itertuples(
        index=False
    ):
        assert _cell(ds.dirty.at[int(row), column]) == _cell(injected)
        assert _cell(truth.at[int(row), column]) == original
    # Each logged (row, column) cell is changed by one kind only.
    assert not logged.duplicated(["row", "column"]).any()


@settings(max_examples=10, deadline=None)
@given(rate=st.one_of(st.floats(max_value=-1e-9), st.floats(min_value=1 + 1e-9), st.just(float("nan"))))
def test_rates_outside_0_to_1_are_refused(rate):
    with pytest.raises(LabkitError, match="from 0 to 1"):
        generate("housing_repairs", rows=50, defects={"missing_uprn": rate})


def test_rows_beyond_free_memory_are_refused(monkeypatch):
    from labkit.data import _generate

    monkeypatch.setattr(_generate, "_available_memory", lambda: 100_000_000)
    with pytest.raises(LabkitError, match="memory") as info:
        generate("housing_repairs", rows=1_000_000)
    assert "rows" in str(info.value)


@pytest.mark.parametrize("seed", [0, 1, np.int64(2)])
def test_numpy_integers_are_accepted_as_seeds(seed):
    assert generate("housing_repairs", rows=100, seed=seed, defects=None).seed == int(seed)
