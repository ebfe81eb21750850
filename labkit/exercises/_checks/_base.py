"""The base of every check, and the comparisons checks share (numbers close, text loosely equal)."""

from __future__ import annotations

import math
from typing import Any

from labkit.exercises._context import Context
from labkit.exercises._describe import (
    as_number,
    describe,
    is_bool,
    is_dataframe,
    is_series,
    normalise_text,
)

__all__ = ["Check", "same_answer"]


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
