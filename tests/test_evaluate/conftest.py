"""Shared synthetic data for the evaluate tests: a small housing-repairs-like frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def make_repairs(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    years = rng.choice(["2021-22", "2022-23", "2023-24", "2024-25"], size=n)
    trade = rng.choice(["Plumbing", "Electrical", "Roofing", "Carpentry"], size=n)
    visits = rng.poisson(0.4, size=n)
    imd = rng.integers(1, 11, size=n)
    logit = -1.6 + 0.9 * visits + 0.6 * (trade == "Roofing") - 0.08 * imd
    missed = rng.random(n) < 1 / (1 + np.exp(-logit))
    complaint = missed & (rng.random(n) < 0.7)
    return pd.DataFrame(
        {
            "property_id": [f"P{i % 700:04d}" for i in range(n)],
            "financial_year": years,
            "trade": trade,
            "no_access_visits": visits,
            "imd_decile": imd,
            "complaint_logged": complaint,
            "target_missed": missed,
        }
    )


FEATURES = ["trade", "no_access_visits", "imd_decile"]


@pytest.fixture(scope="session")
def repairs() -> pd.DataFrame:
    return make_repairs()


@pytest.fixture(scope="session")
def fitted(repairs: pd.DataFrame):
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from labkit.evaluate import temporal_split

    train, test = temporal_split(repairs, "financial_year")
    pre = ColumnTransformer(
        [
            ("cat", OneHotEncoder(handle_unknown="ignore"), ["trade"]),
            ("num", StandardScaler(), ["no_access_visits", "imd_decile"]),
        ]
    )
    model = make_pipeline(pre, LogisticRegression(max_iter=500))
    model.fit(train[FEATURES], train["target_missed"])
    return model, train, test
