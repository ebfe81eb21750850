"""Describe any object a learner passes in a few plain words, cheaply.

Used in "not yet" feedback ("your answer is text; the question asks for a
whole number"). Never calls ``repr`` on the object, so a huge DataFrame or a
broken object costs nothing and cannot raise.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

__all__ = ["as_number", "describe", "is_dataframe", "is_series", "normalise_text"]


def _module(obj: Any) -> str:
    return getattr(type(obj), "__module__", "") or ""


def is_dataframe(obj: Any) -> bool:
    """True for a pandas DataFrame, without importing pandas."""
    return type(obj).__name__ == "DataFrame" and _module(obj).startswith("pandas")


def is_series(obj: Any) -> bool:
    """True for a pandas Series, without importing pandas."""
    return type(obj).__name__ == "Series" and _module(obj).startswith("pandas")


def _is_ndarray(obj: Any) -> bool:
    return type(obj).__name__ == "ndarray" and _module(obj).startswith("numpy")


def as_number(obj: Any) -> float | int | None:
    """The answer as a Python number, or None if it is not a single number.

    Accepts int, float, numpy number scalars and 0-dimensional arrays; rejects
    True/False, text and containers.
    """
    if is_bool(obj):
        return None
    if _is_ndarray(obj):
        if getattr(obj, "ndim", 1) != 0:
            return None
        obj = obj.item()
    if isinstance(obj, numbers.Integral):
        return int(obj)
    if isinstance(obj, numbers.Real):
        return float(obj)
    return None


def is_bool(obj: Any) -> bool:
    """True for True/False, including numpy's booleans."""
    return isinstance(obj, bool) or (
        type(obj).__name__ in {"bool", "bool_"} and _module(obj).startswith("numpy")
    )


def normalise_text(text: str) -> str:
    """Compare text loosely: case, surrounding spaces and runs of spaces do not matter."""
    return " ".join(str(text).split()).casefold()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def describe(obj: Any) -> str:
    """A few words saying what kind of object ``obj`` is.

    Examples
    --------
    >>> describe(None)
    'nothing (None)'
    >>> describe(12)
    'a whole number'
    >>> describe(0.25)
    'a decimal number'
    >>> describe(["a", "b"])
    'a list of 2 items'
    """
    try:
        if obj is None:
            return "nothing (None)"
        if obj is Ellipsis:
            return "the placeholder ..."
        if type(obj).__name__ in {"NAType", "NaTType"}:
            return "a missing value (NA)"
        if is_bool(obj):
            return "True or False"
        number = as_number(obj)
        if number is not None:
            if isinstance(number, float) and math.isnan(number):
                return "a missing value (NaN)"
            return "a whole number" if isinstance(number, int) else "a decimal number"
        if isinstance(obj, str):
            return "text" if obj.strip() else "empty text"
        if is_dataframe(obj):
            rows, cols = obj.shape
            return f"a table (DataFrame) with {_plural(rows, 'row')} and {_plural(cols, 'column')}"
        if is_series(obj):
            return f"a column of values (Series) with {_plural(len(obj), 'value')}"
        if _is_ndarray(obj):
            return f"an array of {_plural(int(obj.size), 'value')}"
        if isinstance(obj, dict):
            return f"a dictionary with {_plural(len(obj), 'entry')}".replace("entrys", "entries")
        if isinstance(obj, list):
            return f"a list of {_plural(len(obj), 'item')}"
        if isinstance(obj, tuple):
            return f"a tuple of {_plural(len(obj), 'item')}"
        if isinstance(obj, (set, frozenset)):
            return f"a set of {_plural(len(obj), 'item')}"
        if callable(obj):
            return "a function (did you forget the brackets that call it?)"
        name = type(obj).__name__
        article = "an" if name[:1].lower() in "aeiou" else "a"
        return f"{article} {name} object"
    except Exception:  # a broken object must never break the feedback
        return "an object labkit cannot describe"
