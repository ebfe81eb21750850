"""Exercises with instant, kind feedback: checks, tiered hints and solutions.

An exercise notebook starts with one line that binds its questions::

    from labkit.exercises import ex01
    ex01.bind(globals())

Then each question is an object in the notebook: ``q1.check()``,
``q1.hint()``, ``q1.hint(2)``, ``q1.solution()``; a question in parts has
``q3.a.check()``. A check gives one of three outcomes, in words and symbols,
never colour alone: "✓ Correct", "✗ Not yet" (with a specific pointer, never
the answer) or "… Not attempted" (the placeholder ``____`` is still there).

Authors declare questions in a content module per exercise set
(``labkit/exercises/content/exNN.py``) with declarative checks; expected
answers are functions of the learner's own data. See ``docs/exercises.md``.

>>> from labkit.exercises import Equals, Context
>>> Equals(12).verify(12, Context()) is None
True
"""

from __future__ import annotations

import re
from typing import Any

from labkit.exercises._activity import SortingReport, example_projects, project_sorter, sort_projects
from labkit.exercises._checks import (
    AllOf,
    Check,
    Equals,
    HasColumns,
    HasDtypes,
    HasShape,
    InRange,
    MatchesRows,
    OneOf,
    Predicate,
    SetEquals,
)
from labkit.exercises._cohort import COHORT_VAR, cohort_switch, share_progress
from labkit.exercises._cohort_report import CohortReport, cohort_progress
from labkit.exercises._cohort_widget import cohort_dashboard
from labkit.exercises._context import Context
from labkit.exercises._outcome import CORRECT, NOT_ATTEMPTED, NOT_YET, Hint, Outcome, Solution
from labkit.exercises._progress import progress_path, read_progress
from labkit.exercises._question import BLANK, Question, Wrong
from labkit.exercises._set import (
    DEFAULT_SEED,
    BoundQuestion,
    ExerciseSet,
    all_questions,
    exercise_set,
    learner_seed,
    list_exercise_sets,
)

__all__ = [
    "BLANK",
    "COHORT_VAR",
    "CORRECT",
    "DEFAULT_SEED",
    "NOT_ATTEMPTED",
    "NOT_YET",
    "AllOf",
    "BoundQuestion",
    "Check",
    "CohortReport",
    "Context",
    "Equals",
    "ExerciseSet",
    "HasColumns",
    "HasDtypes",
    "HasShape",
    "Hint",
    "InRange",
    "MatchesRows",
    "OneOf",
    "Outcome",
    "Predicate",
    "Question",
    "SetEquals",
    "Solution",
    "SortingReport",
    "Wrong",
    "all_questions",
    "cohort_dashboard",
    "cohort_progress",
    "cohort_switch",
    "example_projects",
    "exercise_set",
    "learner_seed",
    "list_exercise_sets",
    "progress_path",
    "project_sorter",
    "read_progress",
    "share_progress",
    "sort_projects",
]


def __getattr__(name: str) -> Any:
    # ``from labkit.exercises import ex02`` gives exercise set 02.
    if re.fullmatch(r"ex\d\d", name):
        return exercise_set(name)
    raise AttributeError(f"module 'labkit.exercises' has no attribute {name!r}")
