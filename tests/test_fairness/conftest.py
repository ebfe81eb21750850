"""Small synthetic data for the fairness tests (the sandbox data has its own tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def repairs_like() -> pd.DataFrame:
    """2,000 rows where group 'B' is picked out more often and missed more often."""
    rng = np.random.default_rng(7)
    n = 2_000
    group = rng.choice(["A", "B", "C"], size=n, p=[0.6, 0.3, 0.1])
    sex = rng.choice(["Female", "Male"], size=n)
    y = (rng.random(n) < np.where(group == "B", 0.4, 0.25)).astype(int)
    score = np.clip(0.25 * y + 0.55 * rng.random(n) + np.where(group == "B", 0.1, 0.0), 0, 1)
    return pd.DataFrame({"ethnic_group": group, "sex": sex, "y": y, "score": score})
