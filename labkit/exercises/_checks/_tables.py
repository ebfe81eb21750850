"""Checks of tables (DataFrames): columns, shape, kinds of values, and the rows themselves."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._checks._base import Check, _text_forms
from labkit.exercises._context import Context
from labkit.exercises._describe import describe, is_dataframe, is_series

__all__ = ["HasColumns", "HasDtypes", "HasShape", "MatchesRows"]


def _need_frame(answer: Any) -> str | None:
    if is_dataframe(answer):
        return None
    extra = " Turn it into a table with .to_frame() or .reset_index()." if is_series(answer) else ""
    return f"Your answer is {describe(answer)}; the question asks for a table (DataFrame).{extra}"


class HasColumns(Check):
    """The answer is a table (DataFrame) with these columns.

    Parameters
    ----------
    columns : list of str or function of the data
        Columns the table must have.
    only : bool, default False
        If True, the table must have no other columns.

    Examples
    --------
    >>> import pandas as pd
    >>> HasColumns(["trade", "jobs"]).verify(pd.DataFrame({"trade": ["Roofing"]}), Context())
    "Your table is missing the column 'jobs'."
    """

    kind = "a table (DataFrame)"

    def __init__(self, columns: Any, *, only: bool = False) -> None:
        self.columns = columns
        self.only = only

    def verify(self, answer: Any, ctx: Context) -> str | None:
        problem = _need_frame(answer)
        if problem:
            return problem
        wanted = [str(c) for c in ctx.resolve(self.columns)]
        have = [str(c) for c in answer.columns]
        missing = [c for c in wanted if c not in have]
        if missing:
            names = ", ".join(repr(c) for c in missing)
            return f"Your table is missing the column{'s' if len(missing) > 1 else ''} {names}."
        if self.only:
            extra = [c for c in have if c not in wanted]
            if extra:
                names = ", ".join(repr(c) for c in extra[:5])
                return f"Your table has columns the question did not ask for: {names}."
        return None


class HasShape(Check):
    """The answer is a table with this many rows and/or columns.

    Parameters
    ----------
    rows, columns : int or function of the data, optional
        The number of rows and of columns expected. Leave one out to not check it.
    """

    kind = "a table (DataFrame)"

    def __init__(self, rows: Any = None, columns: Any = None) -> None:
        self.rows = rows
        self.columns = columns

    def forbidden(self, ctx: Context) -> list[str]:
        return [f for v in (self.rows, self.columns) if v is not None for f in _text_forms(ctx.resolve(v))]

    def verify(self, answer: Any, ctx: Context) -> str | None:
        problem = _need_frame(answer)
        if problem:
            return problem
        n_rows, n_cols = answer.shape
        for have, want, what in ((n_rows, self.rows, "rows"), (n_cols, self.columns, "columns")):
            if want is None:
                continue
            want = int(ctx.resolve(want))
            if have != want:
                more = "more" if have > want else "fewer"
                return f"Your table has {more} {what} than the answer."
        return None


_DTYPE_WORDS = {
    "number": "numbers",
    "integer": "whole numbers",
    "decimal": "decimal numbers",
    "text": "text",
    "datetime": "dates and times",
    "bool": "True/False values",
    "category": "categories",
}


def _dtype_family(series: Any) -> set[str]:
    from pandas.api import types as t

    dtype = series.dtype
    fam: set[str] = set()
    if t.is_bool_dtype(dtype):
        return {"bool"}
    if t.is_numeric_dtype(dtype):
        fam.add("number")
        fam.add("integer" if t.is_integer_dtype(dtype) else "decimal")
    if t.is_datetime64_any_dtype(dtype):
        fam.add("datetime")
    if isinstance(dtype, __import__("pandas").CategoricalDtype):
        fam.add("category")
    if t.is_string_dtype(dtype) or t.is_object_dtype(dtype):
        fam.add("text")
    return fam


class HasDtypes(Check):
    """The answer is a table whose columns hold the right kinds of values.

    Parameters
    ----------
    dtypes : mapping of column name to kind
        Kinds are ``"number"``, ``"integer"``, ``"decimal"``, ``"text"``,
        ``"datetime"``, ``"bool"`` and ``"category"``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"reported_at": ["2024-04-01"]})
    >>> message = HasDtypes({"reported_at": "datetime"}).verify(frame, Context())
    >>> message.startswith("Column 'reported_at' holds text; the question asks for dates and times.")
    True
    """

    kind = "a table (DataFrame)"

    def __init__(self, dtypes: Mapping[str, str]) -> None:
        unknown = sorted(set(dtypes.values()) - set(_DTYPE_WORDS))
        if unknown:
            raise LabkitError(
                f"HasDtypes does not know the kind {unknown[0]!r}.",
                where="parameter dtypes of HasDtypes",
                fix=f"Use one of: {', '.join(_DTYPE_WORDS)}.",
            )
        self.dtypes = dict(dtypes)

    def verify(self, answer: Any, ctx: Context) -> str | None:
        problem = _need_frame(answer)
        if problem:
            return problem
        for column, want in self.dtypes.items():
            if column not in answer.columns:
                return f"Your table is missing the column {column!r}."
            family = _dtype_family(answer[column])
            if want not in family:
                holds = next(
                    (
                        _DTYPE_WORDS[f]
                        for f in ("bool", "datetime", "category", "text", "integer", "decimal")
                        if f in family
                    ),
                    "values of another kind",
                )
                fix = {
                    "datetime": " Convert it first, for example with pd.to_datetime.",
                    "number": " Convert it first, for example with pd.to_numeric.",
                    "integer": " Convert it first, for example with .astype('Int64').",
                    "category": " Convert it first with .astype('category').",
                }.get(want, "")
                return f"Column {column!r} holds {holds}; the question asks for {_DTYPE_WORDS[want]}.{fix}"
        return None


class MatchesRows(Check):
    """The answer is a table with the same rows as the expected table (in any order).

    Parameters
    ----------
    expected : DataFrame or function of the data
        The right table.
    key : str, optional
        A column that identifies rows (for example ``"repair_id"``). With a key,
        feedback names a row that should not be there or differs.
    columns : list of str, optional
        The columns to compare; by default every column of the expected table.
        Other columns in the learner's table are ignored.
    tolerance : float, default 1e-6
        Relative tolerance for numbers.
    """

    kind = "a table (DataFrame)"

    def __init__(
        self,
        expected: Any,
        *,
        key: str | None = None,
        columns: list[str] | None = None,
        tolerance: float = 1e-6,
    ) -> None:
        self.expected = expected
        self.key = key
        self.columns = columns
        self.tolerance = tolerance

    def verify(self, answer: Any, ctx: Context) -> str | None:
        import pandas as pd

        problem = _need_frame(answer)
        if problem:
            return problem
        expected = ctx.resolve(self.expected)
        columns = list(self.columns or expected.columns)
        missing = [c for c in columns if c not in answer.columns]
        if missing:
            names = ", ".join(repr(str(c)) for c in missing)
            return f"Your table is missing the column{'s' if len(missing) > 1 else ''} {names}."
        mine = answer.loc[:, columns].reset_index(drop=True)
        theirs = expected.loc[:, columns].reset_index(drop=True)
        if self.key is not None:
            if mine[self.key].duplicated().any():
                return f"Some values of {self.key!r} appear in more than one row of your table."
            mine_keys, their_keys = set(mine[self.key].tolist()), set(theirs[self.key].tolist())
            extra = mine_keys - their_keys
            if extra:
                example = sorted(map(str, extra))[0]
                return (
                    f"{len(extra):,} row{'s' if len(extra) > 1 else ''} in your table should not be there "
                    f"(for example {self.key} {example})."
                )
            lost = their_keys - mine_keys
            if lost:
                return f"{len(lost):,} row{'s are' if len(lost) > 1 else ' is'} missing from your table."
            mine = mine.sort_values(self.key).reset_index(drop=True)
            theirs = theirs.sort_values(self.key).reset_index(drop=True)
        else:
            if len(mine) != len(theirs):
                return (
                    f"Your table has {'more' if len(mine) > len(theirs) else 'fewer'} rows than the answer."
                )
            try:
                mine = mine.sort_values(columns).reset_index(drop=True)
                theirs = theirs.sort_values(columns).reset_index(drop=True)
            except TypeError:
                return self.wrong_kind(answer, ctx) + " Some columns mix kinds of values."
        for column in columns:
            try:
                pd.testing.assert_series_equal(
                    mine[column],
                    theirs[column],
                    check_dtype=False,
                    check_names=False,
                    check_exact=False,
                    rtol=self.tolerance,
                    check_categorical=False,
                )
            except AssertionError:
                return f"Column {column!r} has values that differ from the answer in some rows."
            except (TypeError, ValueError):
                return f"Column {column!r} holds a different kind of values from the answer."
        return None
