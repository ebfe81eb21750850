"""Every objective a lesson states is tested by at least one question of its exercise set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labkit.exercises import exercise_set, list_exercise_sets

ROOT = Path(__file__).resolve().parents[2]
SETS = list_exercise_sets()


def _lesson_objectives(exercise_id: str) -> list[str]:
    found = sorted((ROOT / "curriculum").glob(f"{exercise_id}_*.ipynb"))
    if not found:
        pytest.skip(f"no lesson {exercise_id} in curriculum/")
    return json.loads(found[0].read_text(encoding="utf-8"))["metadata"]["labkit"]["objectives"]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_the_reviewed_sets_map_their_lessons_objectives() -> None:
    for exercise_id in ("00", "01", "02", "03", "04", "05", "06", "08"):
        assert exercise_set(exercise_id).covers, f"set {exercise_id} has no covers={{...}}"


@pytest.mark.parametrize("exercise_id", SETS)
def test_every_lesson_objective_has_a_question(exercise_id: str) -> None:
    covers = exercise_set(exercise_id).covers
    if not covers:
        pytest.skip(f"set {exercise_id} does not map its lesson's objectives to questions yet (covers=...)")
    for objective in _lesson_objectives(exercise_id):
        keys = [k for k in covers if _norm(objective).startswith(_norm(k))]
        assert keys and all(covers[k] for k in keys), (
            f"set {exercise_id}: no question covers lesson {exercise_id}'s objective {objective!r}. Add one, "
            "and map the objective to it in the set's covers={...}"
        )


@pytest.mark.parametrize("exercise_id", SETS)
def test_every_objective_has_a_question_for_everyone(exercise_id: str) -> None:
    """The intelligent consumer track answers every objective too, not only the developer track."""
    exercise = exercise_set(exercise_id)
    for key, paths in exercise.covers.items():
        tracks = {exercise.question(p).track for p in paths}
        assert "everyone" in tracks, f"set {exercise_id}: objective {key!r} has no question for everyone"
