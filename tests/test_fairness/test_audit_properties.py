"""Property: every row of an audit equals the fast path run on that feature alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit.fairness import audit, group_metrics

RATES = ["selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate", "precision"]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), n=st.integers(20, 400), k1=st.integers(2, 4), k2=st.integers(2, 3))
def test_each_feature_and_the_intersection_match_group_metrics(seed, n, k1, k2) -> None:
    rng = np.random.default_rng(seed)
    sf = pd.DataFrame({"a": rng.integers(0, k1, n), "b": rng.choice(["x", "y", "z"][:k2], n)})
    if sf["a"].nunique() < 2 or sf["b"].nunique() < 2:
        return
    y, p = rng.integers(0, 2, n), rng.integers(0, 2, n)
    r = audit(y, p, sensitive_features=sf, min_n=1, figures=False)
    for feature in ("a", "b"):
        ours = r.groups[r.groups["feature"] == feature].set_index("group")
        theirs = group_metrics(y, p, sensitive_features=sf[feature]).by_group
        np.testing.assert_allclose(ours["n"].to_numpy(), theirs["count"].to_numpy())
        for metric in RATES:
            np.testing.assert_allclose(ours[metric].to_numpy(), theirs[metric].to_numpy(), equal_nan=True)
    inter = r.groups[r.groups["feature"] == "a x b"]
    both = group_metrics(y, p, sensitive_features=sf).by_group
    assert len(inter) == len(both)
    np.testing.assert_allclose(
        inter["selection_rate"].to_numpy(), both["selection_rate"].to_numpy(), equal_nan=True
    )
    assert int(inter["n"].sum()) == n
