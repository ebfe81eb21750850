"""find_proxies(): finds a planted proxy, ignores noise, explains bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.fairness import find_proxies


@pytest.fixture
def tenants() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 3_000
    area = rng.integers(0, 40, n)
    # Ethnic group clusters by area (the planted proxy); trade is unrelated noise.
    p_b = np.where(area < 10, 0.6, 0.1)
    group = np.where(rng.random(n) < p_b, "B", "A")
    return pd.DataFrame(
        {
            "lsoa": [f"E019{a:05d}" for a in area],
            "ethnic_group": group,
            "trade": rng.choice(["Plumbing", "Roofing", "Glazing"], n),
            "cost": rng.gamma(2.0, 100.0, n),
            "repair_id": np.arange(n),
        }
    )


def test_planted_proxy_ranks_first(tenants) -> None:
    before = tenants.copy()
    r = find_proxies(tenants, "ethnic_group")
    pd.testing.assert_frame_equal(tenants, before)
    assert r.table["column"].iloc[0] == "lsoa"
    assert r.table["strength"].iloc[0] in ("moderate", "strong")
    assert "repair_id" not in set(r.table["column"])  # identifiers are left out
    trade = r.table.set_index("column").loc["trade"]
    assert trade["strength"] == "negligible"
    assert trade["balanced_accuracy"] < 0.56
    assert r.table.set_index("column").loc["lsoa", "balanced_accuracy"] > 0.7
    assert "lsoa" in r.summary
    assert r.to_dict()["protected"] == "ethnic_group"
    assert r.table.set_index("column").loc["cost", "treated_as"].startswith("number")


def test_results_are_deterministic(tenants) -> None:
    a = find_proxies(tenants, "ethnic_group", ["lsoa", "trade"], seed=1)
    b = find_proxies(tenants, "ethnic_group", ["lsoa", "trade"], seed=1)
    pd.testing.assert_frame_equal(a.table, b.table)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (("nope",), {}, "no column 'nope'"),
        (("ethnic_group",), {"columns": ["nope"]}, "no column 'nope'"),
        (("ethnic_group",), {"columns": ["ethnic_group"]}, "protected characteristic"),
        (("ethnic_group",), {"folds": 1}, "folds"),
    ],
)
def test_bad_input(tenants, args, kwargs, match) -> None:
    with pytest.raises(LabkitError, match=match):
        find_proxies(tenants, *args, **kwargs)


def test_single_group_is_refused(tenants) -> None:
    with pytest.raises(LabkitError, match="only one group"):
        find_proxies(tenants.assign(ethnic_group="A"), "ethnic_group")
