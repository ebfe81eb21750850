"""A lesson's exercise_minutes counts only the activities inside the lesson notebook itself.

The exercise set's time lives in the exercise notebook's own metadata, so a lesson that repeated it would be
counted twice by ``labkit course outline``. Each lesson's first line states its times ("about 40 minutes
(intelligent consumer) or 60 minutes (capable developer), plus 5 minutes with the quality explorer and 25
minutes of exercises"); the teaching and in-lesson figures there must be the metadata's (one per track where
the tracks differ), and the exercise set's figure must be the exercise notebook's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "curriculum").glob("[0-9][0-9]_*.ipynb"))


def _notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _first_line(nb: dict) -> str:
    source = "".join(nb["cells"][0]["source"])
    return next(line for line in source.splitlines() if "minute" in line)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_exercise_minutes_are_the_activities_in_the_lesson(path: Path) -> None:
    nb = _notebook(path)
    meta = nb["metadata"]["labkit"]
    line = _first_line(nb)
    set_minutes = [int(n) for n in re.findall(r"(\d+) minutes of exercises", line)]
    exercise_book = ROOT / "materials" / "exercises" / path.name
    if set_minutes:
        assert exercise_book.exists(), f"{path.name} mentions exercises but has no exercise notebook"
        assert set_minutes == [_notebook(exercise_book)["metadata"]["labkit"]["exercise_minutes"]], line
    teaching = meta["teaching_minutes"]
    if isinstance(teaching, dict):
        for track, words in (("consumer", "intelligent consumer"), ("developer", "capable developer")):
            if track in teaching:
                assert f"{teaching[track]} minutes ({words})" in line, (track, line)
        line = re.sub(r"\d+ minutes \((intelligent consumer|capable developer)\)", "", line)
        in_lesson = [-1, *[int(n) for n in re.findall(r"(\d+)[ -]minutes?\b(?! of exercises)", line)]]
    else:
        in_lesson = [int(n) for n in re.findall(r"(\d+)[ -]minutes?\b(?! of exercises)", line)]
        assert in_lesson[0] == teaching, line
    if meta["exercise_minutes"]:
        assert meta["exercise_minutes"] in in_lesson[1:], (
            f"{path.name}: exercise_minutes is {meta['exercise_minutes']}, but the lesson's first line gives "
            f"its own activities as {in_lesson[1:]} minutes: {line!r}"
        )
    else:
        assert in_lesson[1:] == [], line
