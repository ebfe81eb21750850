"""Train/test splits that fit council data: by time and by household or property."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._text import count, listing, pct


class Split(tuple):
    """A train/test pair that unpacks like a tuple and explains itself.

    >>> import pandas as pd
    >>> from labkit.evaluate import temporal_split
    >>> df = pd.DataFrame({"year": ["2023-24", "2024-25", "2023-24"], "x": [1, 2, 3]})
    >>> train, test = temporal_split(df, "year")
    >>> len(train), len(test)
    (2, 1)
    """

    train: pd.DataFrame
    test: pd.DataFrame
    summary: str

    def __new__(cls, train: pd.DataFrame, test: pd.DataFrame, summary: str) -> Split:
        obj = super().__new__(cls, (train, test))
        obj.train = train
        obj.test = test
        obj.summary = summary
        return obj

    def __repr__(self) -> str:
        return f"Split(train={len(self.train):,} rows, test={len(self.test):,} rows)\n{self.summary}"


def _frame(data: Any, where: str = "data") -> pd.DataFrame:
    from labkit._inputs import require_frame

    return require_frame(data, where)


def _column(data: pd.DataFrame, column: Any, param: str) -> pd.Series:
    if column not in data.columns:
        raise LabkitError(
            f"There is no column {column!r} in the data.",
            where=f"parameter {param}",
            fix=f"Use one of {listing([repr(c) for c in data.columns[:12]], 'or')}"
            + (" (and more)." if len(data.columns) > 12 else "."),
        )
    values = data[column]
    missing = int(values.isna().sum())
    if missing:
        raise LabkitError(
            f"Column {column!r} has {count(missing)} missing values, so those rows cannot be placed.",
            where=f"column {column!r}",
            fix="Fill or drop the rows with a missing value before splitting.",
        )
    return values


def temporal_split(data: pd.DataFrame, time_column: str, *, test_periods: int = 1) -> Split:
    """Train on earlier periods, test on the latest, as the model will be used.

    A random split lets the model learn from the future and hides drift; a
    temporal split asks the honest question: trained on the past, how well does
    it predict the next period?

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case. Not changed.
    time_column : str
        A column that sorts in time order, such as ``"financial_year"``
        ("2021-22" < "2022-23") or a date.
    test_periods : int, default 1
        How many of the latest periods to test on.

    Returns
    -------
    Split
        ``train, test = temporal_split(...)``; ``.summary`` says what went where.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"financial_year": ["2022-23", "2023-24", "2024-25", "2024-25"]})
    >>> split = temporal_split(df, "financial_year")
    >>> print(split.summary)
    Training on 2 rows from 2022-23 to 2023-24; testing on 2 rows from 2024-25.
    """
    data = _frame(data)
    values = _column(data, time_column, "time_column")
    if isinstance(test_periods, bool) or not isinstance(test_periods, int | np.integer) or test_periods < 1:
        raise LabkitError(
            f"test_periods must be a whole number of 1 or more, not {test_periods!r}.",
            where="parameter test_periods",
            fix="Use test_periods=1 to test on the latest period.",
        )
    try:
        periods = sorted(pd.unique(values.astype(object)).tolist())
    except TypeError as exc:
        raise LabkitError(
            f"The values in column {time_column!r} cannot be put in time order.",
            where=f"column {time_column!r}",
            fix="Use one kind of value, such as financial years '2023-24' or dates.",
        ) from exc
    if len(periods) <= test_periods:
        raise LabkitError(
            f"Column {time_column!r} holds {count(len(periods))} period(s), so nothing would be left to "
            f"train on after testing on {count(test_periods)}.",
            where="parameter test_periods",
            fix="Use data covering more periods, or a smaller test_periods.",
        )
    is_test = values.astype(object).isin(periods[-test_periods:]).to_numpy()
    train, test = data.loc[~is_test].copy(), data.loc[is_test].copy()
    train_p, test_p = periods[:-test_periods], periods[-test_periods:]

    def span(ps: list[Any]) -> str:
        return f"from {ps[0]}" + (f" to {ps[-1]}" if len(ps) > 1 else "")

    summary = (
        f"Training on {count(len(train))} rows {span(train_p)}; testing on {count(len(test))} rows "
        f"{span(test_p)}."
    )
    return Split(train, test, summary)


def group_split(data: pd.DataFrame, group_column: str, *, test_size: float = 0.25, seed: int = 0) -> Split:
    """Split so that every household (or property) is wholly in train or wholly in test.

    If one property's repairs sit on both sides, the model can recognise the
    property rather than learn anything general, and the test score flatters it.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case. Not changed.
    group_column : str
        The household or property identifier, e.g. ``"property_id"``.
    test_size : float, default 0.25
        Share of the groups (not rows) put in the test set.
    seed : int, default 0
        Seed of the random choice of groups.

    Returns
    -------
    Split

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"property_id": ["P1", "P1", "P2", "P3", "P4"], "x": range(5)})
    >>> train, test = group_split(df, "property_id", test_size=0.5, seed=1)
    >>> set(train["property_id"]) & set(test["property_id"])
    set()
    """
    data = _frame(data)
    groups = _column(data, group_column, "group_column")
    if isinstance(test_size, bool) or not isinstance(test_size, float | int) or not 0 < test_size < 1:
        raise LabkitError(
            f"test_size must be a share between 0 and 1, not {test_size!r}.",
            where="parameter test_size",
            fix="Use test_size=0.25 to test on a quarter of the groups.",
        )
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise LabkitError(f"seed must be a whole number of 0 or more, not {seed!r}.", where="parameter seed")
    codes, uniques = pd.factorize(groups, sort=True)
    n_groups = len(uniques)
    if n_groups < 2:
        raise LabkitError(
            f"Column {group_column!r} has only one group, so it cannot be split.",
            where=f"column {group_column!r}",
            fix="Split by a column with many values, such as property_id or tenant_id.",
        )
    rng = np.random.default_rng(seed)
    n_test = min(n_groups - 1, max(1, round(test_size * n_groups)))
    test_groups = np.zeros(n_groups, dtype=bool)
    test_groups[rng.choice(n_groups, size=n_test, replace=False)] = True
    is_test = test_groups[codes]
    train, test = data.loc[~is_test].copy(), data.loc[is_test].copy()
    summary = (
        f"{count(n_groups)} groups in {group_column!r}: {count(n_groups - n_test)} "
        f"({count(len(train))} rows) for training and {count(n_test)} ({count(len(test))} rows, "
        f"{pct(len(test) / len(data))} of rows) for testing. No group is on both sides."
    )
    return Split(train, test, summary)
