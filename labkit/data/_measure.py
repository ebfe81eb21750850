"""Small measurements used in ground truth files (rates by group, association strength)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rate_by(values: pd.Series, groups: pd.Series, *, share: bool = False) -> dict[str, float]:
    """Mean of ``values`` per group (or each group's share of rows when ``share``), rounded to 4 places."""
    values = values.astype(float)
    if share:
        counts = groups.value_counts(sort=False)
        out = counts / counts.sum()
    else:
        out = values.groupby(groups, observed=True, sort=True).mean()
    return {str(k): round(float(v), 4) for k, v in out.items() if not np.isnan(v)}


def cramers_v(a: pd.Series, b: pd.Series) -> float:
    """Cramér's V between two categorical columns (0 = no association, 1 = one determines the other)."""
    codes_a, uniq_a = pd.factorize(a, sort=True)
    codes_b, uniq_b = pd.factorize(b, sort=True)
    ok = (codes_a >= 0) & (codes_b >= 0)
    shape = (len(uniq_a), len(uniq_b))
    table = np.bincount(codes_a[ok] * shape[1] + codes_b[ok], minlength=shape[0] * shape[1]).reshape(shape)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0].astype(float)
    n = table.sum()
    if n == 0 or min(table.shape) < 2:
        return 0.0
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return round(float(np.sqrt(chi2 / (n * (min(table.shape) - 1)))), 4)
