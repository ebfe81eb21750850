"""Small measurements used in ground truth files (rates by group, association strength)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit import _stats


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
    """Plain Cramér's V (:func:`labkit._stats.cramers_v`) between two categorical columns, to 4 places.

    0 means no association, 1 that one column determines the other; missing
    values are left out, and 0.0 is returned when either column has fewer
    than two values.
    """
    codes_a, uniq_a = pd.factorize(a, sort=True)
    codes_b, uniq_b = pd.factorize(b, sort=True)
    ok = (codes_a >= 0) & (codes_b >= 0)
    v = _stats.cramers_v(_stats.contingency_table(codes_a[ok], len(uniq_a), codes_b[ok], len(uniq_b)))
    return 0.0 if np.isnan(v) else round(v, 4)
