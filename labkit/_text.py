"""Plain-English number formatting shared by every report and message."""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = ["count", "listing", "num", "pct", "plural", "plural_of"]


def count(n: int | float) -> str:
    """Format a count with thousands separators: ``count(1234) -> '1,234'``."""
    return f"{round(n):,}"


def pct(x: float, digits: int = 1) -> str:
    """Format a proportion in [0, 1] as a percentage: ``pct(0.016) -> '1.6%'``."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "not available"
    return f"{100 * x:.{digits}f}%"


def num(x: float, digits: int = 2) -> str:
    """Format a number with a fixed number of decimals, or 'not available' for NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "not available"
    return f"{x:,.{digits}f}"


_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women", "case": "cases"}


def plural_of(word: str) -> str:
    """The plural of an English noun: ``plural_of('charity') -> 'charities'``, ``'box' -> 'boxes'``.

    Covers the regular rules and a few irregular nouns (person, child); for any
    other word, give the plural yourself (``entity_plural`` in a data standard).
    """
    head, _, last = word.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR:
        plural_word = _IRREGULAR[lower]
        if last[:1].isupper():
            plural_word = plural_word.capitalize()
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        plural_word = last[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        plural_word = last + "es"
    else:
        plural_word = last + "s"
    return f"{head} {plural_word}" if head else plural_word


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, 'repair') -> '1 repair'``; ``plural(3, 'repair') -> '3 repairs'``."""
    word = singular if n == 1 else (plural_form or plural_of(singular))
    return f"{count(n)} {word}"


def listing(items: Iterable[object], conjunction: str = "and") -> str:
    """Join words as a sentence does: ``listing(['a', 'b', 'c']) -> 'a, b and c'``."""
    words = [str(i) for i in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
