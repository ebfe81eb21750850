"""Checks of values and collections: a number, a text, one of several answers, a set, a range, a test."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._checks._base import (
    Check,
    _as_items,
    _kind_of_value,
    _normalise_item,
    _numbers_close,
    _text_forms,
    same_answer,
)
from labkit.exercises._context import Context
from labkit.exercises._describe import as_number, is_bool, is_dataframe, is_series, normalise_text

__all__ = ["Equals", "InRange", "OneOf", "Predicate", "SetEquals"]


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
        wrong_format = _date_format_message(answer, expected)
        if wrong_format:
            return wrong_format
        return "That is not the answer yet. Read the question again and check your spelling."


_DATE_FORMATS = (
    (
        re.compile(r"\d{4}-\d{2}"),
        "month",
        "YYYY-MM: four digits for the year, a hyphen, then two for the month",
        ("March 2019 is 2019-03", "November 2018 is 2018-11"),
    ),
    (
        re.compile(r"\d{4}-\d{2}-\d{2}"),
        "date",
        "YYYY-MM-DD: the year, the month and the day, with hyphens between",
        ("5 March 2019 is 2019-03-05", "1 November 2018 is 2018-11-01"),
    ),
)


def _date_format_message(answer: str, expected: str) -> str | None:
    """For a month or date written another way ("May 2022", "05/2022"), say which format is wanted."""
    for pattern, what, form, examples in _DATE_FORMATS:
        if pattern.fullmatch(expected.strip()) and not pattern.fullmatch(answer.strip()):
            example = next(e for e in examples if not e.endswith(expected.strip()))
            return (
                f"Your answer is not written the way the question asks. Write the {what} as {form} "
                f"(for example, {example})."
            )
    return None


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
