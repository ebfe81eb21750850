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

The checks are in three modules: value checks (``_values``: :class:`Equals`,
:class:`OneOf`, :class:`SetEquals`, :class:`InRange`, :class:`Predicate`), table
checks (``_tables``: :class:`HasColumns`, :class:`HasShape`, :class:`HasDtypes`,
:class:`MatchesRows`) and combinators (``_combinators``: :class:`AllOf`), on the
base in ``_base`` (:class:`Check` and the comparisons they share).
"""

from __future__ import annotations

from labkit.exercises._checks._base import Check, same_answer
from labkit.exercises._checks._combinators import AllOf
from labkit.exercises._checks._tables import HasColumns, HasDtypes, HasShape, MatchesRows
from labkit.exercises._checks._values import Equals, InRange, OneOf, Predicate, SetEquals

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
