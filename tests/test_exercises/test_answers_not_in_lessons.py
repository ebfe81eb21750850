"""The lessons never give away the answers to a learner's exercises.

The lessons' stored outputs are worked out from the sandbox's seed 0 of Northbrook. A learner's exercises
use their own data: the course's example data (``DEFAULT_SEED``) outside JupyterLab, or a seed of their
own, from 1000 to 9999, in JupyterLab and in their copies.

For every question whose answer is a number worked out from data that changes with the seed, this test
works out the answer for the lessons' data (the number a lesson could print) and checks it as if a
learner had copied it into their exercise: it must get "not yet" for the learner's data, within the
check's tolerance. So wherever a lesson prints that quantity, copying it does not pass, and a number in a
lesson's output that matches a learner's answer is a coincidence of digits, not the answer. It also
proves that the test finds the lessons' answers where a lesson prints them.

Answers that are names (a trade, a column, a dimension) are planted truths that every learner's data
shares by design, and answers worked out from a fixed table (lesson 01's example projects) are not
per-learner data; neither is covered here. Every other set's data moves with the learner's seed, set 05's
tender included (a held-out year of the learner's own, scored by the suppliers' products).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from labkit.exercises import BLANK, DEFAULT_SEED, exercise_set, list_exercise_sets
from labkit.exercises._context import is_reference
from labkit.exercises._describe import as_number

ROOT = Path(__file__).resolve().parents[2]
LESSON_DATA = (0, "northbrook")
LEARNERS = [(DEFAULT_SEED, "northbrook"), (1000, "northbrook"), (5821, "eastmere")]
# Sets with questions on a table that is the same for every learner, by design: lesson 01's example
# projects, lesson 07's visit transcripts and lesson 08's project register.
FIXED_TABLES = {"01", "07", "08"}


@cache
def _context(exercise_id: str, seed: int, council: str):
    return exercise_set(exercise_id).context(seed=seed, council=council)


def _numeric_data_questions(exercise_id: str):
    exercise = exercise_set(exercise_id)
    lesson = _context(exercise_id, *LESSON_DATA)
    for leaf in exercise.leaves():
        if not any(is_reference(v) and lesson.is_data_only(v) for v in leaf.check.references()):
            continue
        answer = leaf.right_answer(lesson)
        if answer is not BLANK and as_number(answer) is not None:
            yield leaf, answer


@pytest.mark.parametrize("exercise_id", list_exercise_sets())
def test_copying_a_number_from_a_lesson_does_not_answer_an_exercise(exercise_id: str) -> None:
    for leaf, lesson_answer in _numeric_data_questions(exercise_id):
        learners = [_context(exercise_id, seed, council) for seed, council in LEARNERS]
        same = all(leaf.right_answer(learner) == lesson_answer for learner in learners)
        if same and exercise_id in FIXED_TABLES:
            continue  # the same for every learner: worked out from a fixed table, not seeded data
        for (seed, council), learner in zip(LEARNERS, learners, strict=True):
            outcome = leaf.evaluate(learner, lesson_answer)
            assert not outcome.correct, (
                f"set {exercise_id} {leaf.path}: the lessons' answer {lesson_answer!r} is accepted for the "
                f"data of seed {seed} of {council}"
            )


def test_the_comparison_covers_numeric_questions_of_every_data_set() -> None:
    covered = {e: [leaf.path for leaf, _ in _numeric_data_questions(e)] for e in list_exercise_sets()}
    assert sum(len(paths) for paths in covered.values()) >= 10, covered
    assert {"q1", "q4", "q8", "q9"} <= set(covered["05"]), covered["05"]  # the tender's numbers too


def test_a_lesson_prints_numbers_of_its_own_data() -> None:
    """A sanity check of the premise: lesson 02 prints its data's count of repair jobs with no UPRN."""
    from labkit import data

    repairs = data.generate("housing_repairs", seed=0, council="northbrook").dirty
    missing = int(repairs["uprn"].isna().sum())
    nb = json.loads((ROOT / "curriculum" / "02_get_your_data_in_order.ipynb").read_text(encoding="utf-8"))
    outputs = json.dumps([cell.get("outputs", []) for cell in nb["cells"]])
    assert f"{missing:,}" in outputs or str(missing) in outputs
