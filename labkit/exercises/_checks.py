"""Declarative checks: most questions need no hand-written checking code.

A check answers one question: is this answer right for this learner's data?
:meth:`Check.verify` returns ``None`` when the answer is correct, or a short,
kind, specific message saying what is wrong — never the expected value.

Every value a check compares against may be a constant or a function of the
learner's data (see :class:`labkit.exercises.Context`): ``Equals(lambda
repairs: len(repairs))`` expects the number of rows in *this learner's*
``repairs`` table, whatever seed or council they chose.

To write your own check, subclass :class:`Check`, set ``kind`` and implement
``verify``; or pass a function to :class:`Predicate`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._context import Context
from labkit.exercises._describe import (
    as_number,
    describe,
    is_bool,
    is_dataframe,
    is_series,
    normalise_text,
)

__all__ = [
    "AllOf",
    "Check",
    "Equals",
    "HasColumns",
    "HasDtypes",
    "HasShape",
    "InRange",
    "MatchesRows",
    "OneOf",
    "Predicate",
    "SetEquals",
    "same_answer",
]


def _wrong_kind(answer: Any, kind: str) -> str:
    return f"Your answer is {describe(answer)}; the question asks for {kind}."


def _kind_of_value(value: Any) -> str:
    if is_bool(value):
        return "True or False"
    number = as_number(value)
    if number is not None:
        return "a whole number" if isinstance(number, int) else "a number"
    if isinstance(value, str):
        return "text (in quotes)"
    if is_dataframe(value):
        return "a table (DataFrame)"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    return describe(value)


def _numbers_close(a: float, b: float, tolerance: float | None, relative: float | None) -> bool:
    if isinstance(a, int) and isinstance(b, int) and tolerance is None and relative is None:
        return a == b
    if math.isnan(a) or math.isnan(b):
        return False
    abs_tol = 1e-9 if tolerance is None else tolerance
    rel_tol = 1e-6 if relative is None else relative
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)


def _text_forms(value: Any) -> list[str]:
    """How an expected value could appear in a message (the self-test forbids these)."""
    if is_bool(value) or value is None:
        return []
    number = as_number(value)
    if number is not None:
        if isinstance(number, int) or float(number).is_integer():
            return [f"{int(number)}", f"{int(number):,}"]
        forms = {repr(float(number))}
        forms |= {f"{number:.{d}f}" for d in (1, 2, 3)}
        forms |= {f"{100 * number:.{d}f}%" for d in (0, 1)}
        return sorted(forms)
    if isinstance(value, str):
        return [value] if len(value.strip()) >= 3 else []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [form for item in value for form in _text_forms(item)]
    return []


def _normalise_item(item: Any) -> Any:
    if isinstance(item, str):
        return ("text", normalise_text(item))
    if is_bool(item):
        return ("bool", bool(item))
    number = as_number(item)
    if number is not None:
        return ("number", float(number))
    return ("other", item)


def _as_items(answer: Any) -> list[Any] | None:
    """The answer as a list of items, or None if it is not a collection of items."""
    if isinstance(answer, (str, bytes, dict)) or is_dataframe(answer):
        return None
    if isinstance(answer, (list, tuple, set, frozenset)):
        return list(answer)
    if is_series(answer) or type(answer).__name__ in {"ndarray", "Index", "Categorical"}:
        return list(answer.tolist())
    return None


def same_answer(answer: Any, other: Any) -> bool:
    """True when two answers are the same for feedback purposes (numbers close, text loosely equal)."""
    try:
        if is_bool(answer) or is_bool(other):
            return is_bool(answer) and is_bool(other) and bool(answer) == bool(other)
        a, b = as_number(answer), as_number(other)
        if a is not None and b is not None:
            return _numbers_close(a, b, None, None)
        if isinstance(answer, str) and isinstance(other, str):
            return normalise_text(answer) == normalise_text(other)
        if is_dataframe(answer) or is_dataframe(other):
            return is_dataframe(answer) and is_dataframe(other) and bool(answer.equals(other))
        items_a, items_b = _as_items(answer), _as_items(other)
        if items_a is not None and items_b is not None:
            return {_normalise_item(i) for i in items_a} == {_normalise_item(i) for i in items_b}
        return type(answer) is type(other) and bool(answer == other)
    except Exception:
        return False


class Check:
    """Base class of every check.

    Subclasses set :attr:`kind` (what kind of answer the question asks for, in
    plain words, used in feedback) and implement :meth:`verify`.

    Examples
    --------
    A hand-written check that accepts any even number:

    >>> class Even(Check):
    ...     kind = "an even whole number"
    ...     def verify(self, answer, ctx):
    ...         number = as_number(answer)
    ...         if not isinstance(number, int):
    ...             return self.wrong_kind(answer, ctx)
    ...         return None if number % 2 == 0 else "Your number is odd."
    >>> Even().verify(3, Context())
    'Your number is odd.'
    """

    kind: str = "an answer"

    def describe_kind(self, ctx: Context) -> str:
        """What kind of answer the question asks for, in plain words."""
        return self.kind

    def wrong_kind(self, answer: Any, ctx: Context) -> str:
        """The standard message for an answer of the wrong kind."""
        return _wrong_kind(answer, self.describe_kind(ctx))

    def verify(self, answer: Any, ctx: Context) -> str | None:
        """``None`` if ``answer`` is correct, otherwise a message saying what is wrong."""
        raise NotImplementedError

    def forbidden(self, ctx: Context) -> list[str]:
        """Text that feedback must never contain (the expected value in its usual forms)."""
        return []

    def right_answer(self, ctx: Context) -> Any:
        """One answer this check accepts, for this learner's data (for "show the answer" and self-tests).

        Raises ``NotImplementedError`` for checks that cannot give one, such as a hand-written test.
        """
        raise NotImplementedError

    def references(self) -> list[Any]:
        """The values this check compares against (constants or functions of the data)."""
        found = []
        for value in vars(self).values():
            if isinstance(value, Check):
                found += value.references()
            elif isinstance(value, tuple) and all(isinstance(v, Check) for v in value):
                found += [r for v in value for r in v.references()]
            else:
                found.append(value)
        return found


class Equals(Check):
    """The answer equals an expected value.

    Numbers compare within a tolerance; text compares ignoring case and
    extra spaces (unless ``case_sensitive``); True/False must be exactly that.

    Parameters
    ----------
    expected : object or function of the data
        The right answer, or a function returning it for this learner's data.
    tolerance : float, optional
        Largest absolute difference accepted for numbers. By default whole
        numbers must match exactly and decimals to about six significant figures.
    relative : float, optional
        Largest relative difference accepted for numbers (0.01 means 1%).
    kind : str, optional
        What the question asks for, in plain words (for example ``"a count of
        repair jobs"``). By default it is worked out from the expected value.
    case_sensitive : bool, default False
        Whether text must match in upper and lower case too.

    Examples
    --------
    >>> ctx = Context(data={"rows": [3, 1, 2]})
    >>> check = Equals(lambda rows: len(rows), kind="a count of rows")
    >>> check.verify(3, ctx) is None
    True
    >>> check.verify("3", ctx)
    'Your answer is text; the question asks for a count of rows. Remove the quotes around the number.'
    """

    def __init__(
        self,
        expected: Any,
        *,
        tolerance: float | None = None,
        relative: float | None = None,
        kind: str | None = None,
        case_sensitive: bool = False,
    ) -> None:
        if tolerance is not None and (not isinstance(tolerance, (int, float)) or tolerance < 0):
            raise LabkitError(
                f"tolerance must be a number of 0 or more, not {tolerance!r}.",
                where="parameter tolerance of Equals",
                fix="Pass for example tolerance=0.01, or leave it out.",
            )
        self.expected = expected
        self.tolerance = tolerance
        self.relative = relative
        self._kind = kind
        self.case_sensitive = case_sensitive

    def describe_kind(self, ctx: Context) -> str:
        return self._kind or _kind_of_value(ctx.resolve(self.expected))

    def forbidden(self, ctx: Context) -> list[str]:
        return _text_forms(ctx.resolve(self.expected))

    def right_answer(self, ctx: Context) -> Any:
        return ctx.resolve(self.expected)

    def verify(self, answer: Any, ctx: Context) -> str | None:
        expected = ctx.resolve(self.expected)
        if is_bool(expected):
            return self._verify_bool(answer, bool(expected), ctx)
        number = as_number(expected)
        if number is not None:
            return self._verify_number(answer, number, ctx)
        if isinstance(expected, str):
            return self._verify_text(answer, expected, ctx)
        if same_answer(answer, expected):
            return None
        if type(answer) is not type(expected):
            return self.wrong_kind(answer, ctx)
        return "Your answer does not match yet. Read the question again and check each part of it."

    def _verify_bool(self, answer: Any, expected: bool, ctx: Context) -> str | None:
        if not is_bool(answer):
            if isinstance(answer, str) and normalise_text(answer) in {"true", "false", "yes", "no"}:
                return "Your answer is text. Use True or False without quotes."
            return self.wrong_kind(answer, ctx)
        if bool(answer) == expected:
            return None
        return "That is not right yet. Look again at the evidence the question points to."

    def _verify_number(self, answer: Any, expected: float, ctx: Context) -> str | None:
        value = as_number(answer)
        if value is None:
            if isinstance(answer, str) and as_number(_try_float(answer)) is not None:
                return self.wrong_kind(answer, ctx) + " Remove the quotes around the number."
            size = getattr(answer, "size", None)
            if (
                is_series(answer) or is_dataframe(answer) or type(answer).__name__ == "ndarray"
            ) and size == 1:
                return (
                    self.wrong_kind(answer, ctx) + " Take the single number out with .item(), or use "
                    "a function such as .sum() that returns one number."
                )
            return self.wrong_kind(answer, ctx)
        if isinstance(value, float) and math.isnan(value):
            return (
                "Your answer is a missing value (NaN). This often means a calculation ran on empty or "
                "missing cells; check the rows and column you used."
            )
        if _numbers_close(value, expected, self.tolerance, self.relative):
            return None
        scale_close = (
            _numbers_close(value / 100, expected, self.tolerance, self.relative)
            if 0 <= abs(expected) <= 1
            else False
        )
        if scale_close:
            return (
                "Your answer looks like a percentage; the question asks for a proportion between 0 and 1. "
                "Divide by 100."
            )
        if 1 < abs(expected) <= 100 and _numbers_close(value * 100, expected, self.tolerance, self.relative):
            return (
                "Your answer looks like a proportion between 0 and 1; the question asks for a percentage. "
                "Multiply by 100."
            )
        if isinstance(expected, int) and isinstance(value, float) and not value.is_integer():
            return (
                f"Your answer has a fractional part; the question asks for {self.describe_kind(ctx)}, "
                "which is a whole number."
            )
        direction = "higher" if value > expected else "lower"
        return f"Your number is {direction} than the answer. Look again at how you worked it out."

    def _verify_text(self, answer: Any, expected: str, ctx: Context) -> str | None:
        if not isinstance(answer, str):
            return self.wrong_kind(answer, ctx)
        if self.case_sensitive:
            ok = " ".join(answer.split()) == " ".join(expected.split())
        else:
            ok = normalise_text(answer) == normalise_text(expected)
        if ok:
            return None
        return "That is not the answer yet. Read the question again and check your spelling."


def _try_float(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


class OneOf(Check):
    """The answer is one of several acceptable answers.

    Parameters
    ----------
    accepted : iterable or function of the data
        Every answer that counts as correct (for example ``["chatbot", "chat bot"]``).
    choices : iterable, optional
        All the choices the question offers, right and wrong. An answer that is
        none of them gets "copy one of the choices exactly".
    kind : str, optional
        What the question asks for, in plain words.

    Examples
    --------
    >>> check = OneOf(["B"], choices=["A", "B", "C"], kind="one letter: A, B or C")
    >>> check.verify("b", Context()) is None
    True
    >>> check.verify("D", Context())
    'Your answer is not one of the choices in the question. Copy one of them exactly.'
    """

    def __init__(
        self, accepted: Any, *, choices: Iterable[Any] | None = None, kind: str | None = None
    ) -> None:
        if not callable(accepted) and (isinstance(accepted, str) or not isinstance(accepted, Iterable)):
            raise LabkitError(
                "OneOf needs a list of accepted answers.",
                where="parameter accepted of OneOf",
                fix='Pass a list, for example OneOf(["chatbot", "chat bot"]).',
            )
        self.accepted = accepted if callable(accepted) else list(accepted)
        self.choices = list(choices) if choices is not None else None
        self._kind = kind

    def describe_kind(self, ctx: Context) -> str:
        if self._kind:
            return self._kind
        accepted = list(ctx.resolve(self.accepted))
        return _kind_of_value(accepted[0]) if accepted else "an answer"

    def forbidden(self, ctx: Context) -> list[str]:
        return [form for value in ctx.resolve(self.accepted) for form in _text_forms(value)]

    def right_answer(self, ctx: Context) -> Any:
        return next(iter(ctx.resolve(self.accepted)))

    def verify(self, answer: Any, ctx: Context) -> str | None:
        accepted = list(ctx.resolve(self.accepted))
        if any(same_answer(answer, value) for value in accepted):
            return None
        kinds = {_kind_of_value(v) for v in accepted}
        if _kind_of_value(answer) not in kinds:
            return self.wrong_kind(answer, ctx)
        if self.choices is not None and not any(same_answer(answer, c) for c in self.choices):
            return "Your answer is not one of the choices in the question. Copy one of them exactly."
        return "That is not the best answer yet. Read the question again and weigh each choice."


class SetEquals(Check):
    """The answer holds exactly the expected items, in any order.

    Accepts a list, tuple, set, pandas Series or Index, or array. Text items
    compare ignoring case and extra spaces; repeated items count once.

    Parameters
    ----------
    expected : iterable or function of the data
        The items of the right answer.
    kind : str, optional
        What the question asks for, in plain words (for example ``"a list of
        column names"``).

    Examples
    --------
    >>> check = SetEquals(["uprn", "postcode"], kind="a list of column names")
    >>> check.verify(["Postcode", "uprn"], Context()) is None
    True
    >>> check.verify(["uprn", "address"], Context())
    "These items are not part of the answer: 'address'. You have 1 of the items right; 1 is missing."
    """

    def __init__(self, expected: Any, *, kind: str | None = None) -> None:
        self.expected = expected
        self._kind = kind or "a list of items"

    def describe_kind(self, ctx: Context) -> str:
        return self._kind

    def forbidden(self, ctx: Context) -> list[str]:
        return _text_forms(list(ctx.resolve(self.expected)))

    def right_answer(self, ctx: Context) -> Any:
        return list(ctx.resolve(self.expected))

    def verify(self, answer: Any, ctx: Context) -> str | None:
        items = _as_items(answer)
        if items is None:
            if isinstance(answer, str):
                return self.wrong_kind(answer, ctx) + ' Put the items in a list, like ["a", "b"].'
            return self.wrong_kind(answer, ctx)
        try:
            given = {_normalise_item(i): i for i in items}
        except TypeError:
            return self.wrong_kind(answer, ctx) + " Some of its items are themselves lists or tables."
        wanted = {_normalise_item(i) for i in ctx.resolve(self.expected)}
        extra = [given[k] for k in given if k not in wanted]
        missing = len(wanted - set(given))
        if not extra and not missing:
            return None
        parts = []
        if extra:
            shown = ", ".join(repr(i) if isinstance(i, str) else str(i) for i in extra[:5])
            more = f" and {len(extra) - 5} more" if len(extra) > 5 else ""
            parts.append(f"These items are not part of the answer: {shown}{more}.")
        right = len(wanted & set(given))
        if missing:
            parts.append(
                f"You have {right} of the items right; {missing} {'is' if missing == 1 else 'are'} missing."
            )
        return " ".join(parts)


class InRange(Check):
    """The answer is a number between ``low`` and ``high`` (inclusive).

    Use it for estimates, where any answer in a sensible range is right.

    Examples
    --------
    >>> InRange(0.2, 0.3, kind="a proportion").verify(0.5, Context())
    'Your number is too high: it is above the range of answers the question accepts.'
    """

    def __init__(self, low: Any, high: Any, *, kind: str | None = None) -> None:
        self.low = low
        self.high = high
        self._kind = kind or "a number"

    def describe_kind(self, ctx: Context) -> str:
        return self._kind

    def forbidden(self, ctx: Context) -> list[str]:
        return _text_forms(ctx.resolve(self.low)) + _text_forms(ctx.resolve(self.high))

    def right_answer(self, ctx: Context) -> Any:
        low, high = ctx.resolve(self.low), ctx.resolve(self.high)
        return (float(low) + float(high)) / 2

    def verify(self, answer: Any, ctx: Context) -> str | None:
        value = as_number(answer)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return self.wrong_kind(answer, ctx)
        low, high = float(ctx.resolve(self.low)), float(ctx.resolve(self.high))
        if value < low:
            return "Your number is too low: it is below the range of answers the question accepts."
        if value > high:
            return "Your number is too high: it is above the range of answers the question accepts."
        return None


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


class Predicate(Check):
    """The answer passes a test you write as a function.

    Parameters
    ----------
    test : function
        Called as ``test(answer, ...)``; its other parameters are filled by name
        from the learner's data (see :class:`Context`). Return True if correct.
    message : str
        What to say when the test fails. Do not put the answer in it.
    kind : str, optional
        What the question asks for, in plain words.

    Examples
    --------
    >>> ctx = Context(data={"rows": [1, 2, 3]})
    >>> check = Predicate(lambda answer, rows: answer in rows, "Pick a value from rows.", kind="a number")
    >>> check.verify(5, ctx)
    'Pick a value from rows.'
    """

    def __init__(self, test: Callable[..., Any], message: str, *, kind: str | None = None) -> None:
        if not callable(test):
            raise LabkitError(
                "Predicate needs a function as its test.",
                where="parameter test of Predicate",
                fix="Pass a function such as lambda answer: answer > 0.",
            )
        self.test = test
        self.message = message
        self.kind = kind or "an answer"

    def verify(self, answer: Any, ctx: Context) -> str | None:
        return None if bool(ctx.call(self.test, answer)) else self.message


class AllOf(Check):
    """Every one of several checks passes; feedback comes from the first that fails.

    Examples
    --------
    >>> import pandas as pd
    >>> check = AllOf(HasColumns(["trade"]), HasShape(rows=2))
    >>> check.verify(pd.DataFrame({"trade": ["Roofing"]}), Context())
    'Your table has fewer rows than the answer.'
    """

    def __init__(self, *checks: Check) -> None:
        if not checks or not all(isinstance(c, Check) for c in checks):
            raise LabkitError(
                "AllOf needs one or more checks.",
                where="arguments of AllOf",
                fix="Pass checks, for example AllOf(HasColumns([...]), HasShape(rows=10)).",
            )
        self.checks = checks
        self.kind = checks[0].kind

    def describe_kind(self, ctx: Context) -> str:
        return self.checks[0].describe_kind(ctx)

    def right_answer(self, ctx: Context) -> Any:
        return self.checks[0].right_answer(ctx)

    def forbidden(self, ctx: Context) -> list[str]:
        return [f for c in self.checks for f in c.forbidden(ctx)]

    def verify(self, answer: Any, ctx: Context) -> str | None:
        for check in self.checks:
            message = check.verify(answer, ctx)
            if message is not None:
                return message
        return None
