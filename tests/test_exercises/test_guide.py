"""The facilitator guide builds for every lesson the course has, from metadata, content and trainer notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.cli import main
from labkit.exercises import exercise_set, list_exercise_sets
from labkit.exercises._guide import MAX_STRETCH, MIN_STRETCH, facilitator_guide, guide_lessons, schedule

LESSONS = guide_lessons()  # found from the notebooks, so a new lesson (07) is tested as soon as it lands


def test_every_lesson_of_the_course_has_a_guide() -> None:
    root = Path(__file__).resolve().parents[2]
    lessons = sorted(
        json.loads(p.read_text(encoding="utf-8"))["metadata"]["labkit"]["id"]
        for p in root.glob("curriculum/*.ipynb")
    )
    assert lessons == LESSONS


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_guide_builds_with_every_part(lesson: str, tmp_path: Path) -> None:
    guide = facilitator_guide(lesson)
    headings = [s.heading for s in guide.sections]
    for heading in ("Schedule", "Objectives", "Misconceptions the exercises reveal", "Discussion prompts"):
        assert heading in headings
    assert headings[-2:] == ["Key points to close on", "Before the workshop"]
    frame = guide.to_frame()
    assert set(frame["track"]) >= {"consumer"} and frame["minutes"].gt(0).all()
    text = guide.to_markdown()
    assert "nan" not in text.split() and "None" not in text.split()
    assert "labkit doctor" in text
    if lesson in list_exercise_sets():
        for question in exercise_set(lesson).leaves():
            for known in question.wrong:
                if known.reason:
                    assert known.reason.replace("|", "\\|") in text, (question.path, known.reason)
        assert f"labkit exercises test {lesson}" in text
    page = guide.save(tmp_path / "guide.html").read_text(encoding="utf-8")
    assert '<html lang="en-GB">' in page and "@media print" in page and "break-inside:avoid" in page


def test_the_prompts_and_trainer_notes_come_from_the_notebooks() -> None:
    guide = facilitator_guide("03")
    text = guide.to_markdown()
    root = Path(__file__).resolve().parents[2]
    meta = json.loads((root / "curriculum/03_define_the_problem.ipynb").read_text(encoding="utf-8"))
    for prompt in meta["metadata"]["labkit"]["discussion"]:
        assert f"- {prompt}" in text
    assert "Trainer notes" in [s.heading for s in guide.sections]
    assert "rubber-stamping" in text  # a trainer-only cell of materials/exercises/03_*.ipynb
    assert "00 (Start here" in text  # prerequisites, with their titles


def test_the_schedule_has_a_break_before_any_stretch_over_an_hour() -> None:
    rows = schedule([("A", 5, ""), ("B", 40, ""), ("C", 15, ""), ("D", 30, ""), ("E", 75, ""), ("F", 5, "")])
    assert [r["activity"] for r in rows] == ["A", "B", "C", "Break", "D", "Break", "E", "F"]
    assert (rows[0]["start"], rows[-1]["end"]) == ("09:30", "12:40")  # 170 minutes of activities, 2 breaks
    assert [r["activity"] for r in schedule([("A", 5, ""), ("B", 70, ""), ("C", 20, "")])] == [
        "A",
        "B",
        "Break",
        "C",
    ]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_guide_keeps_to_the_break_rules(lesson: str) -> None:
    for _, part in facilitator_guide(lesson).to_frame().groupby("track"):
        rows = list(part.itertuples())
        assert rows[0].activity == "Welcome" and rows[-1].activity == "Close"
        stretch = 0
        for number, row in enumerate(rows):
            if row.activity == "Break":
                assert stretch >= MIN_STRETCH, (lesson, row)
                stretch = 0
                continue
            last = number == len(rows) - 1
            assert stretch < MIN_STRETCH or stretch + row.minutes <= MAX_STRETCH or last, (lesson, row)
            stretch += row.minutes


def test_the_start_time_moves_the_schedule() -> None:
    rows = facilitator_guide("00", start="13:45").to_frame()
    assert rows.iloc[0]["start"] == "13:45"
    with pytest.raises(LabkitError, match="not a time of day"):
        facilitator_guide("00", start="quarter past")


def test_an_unknown_lesson_lists_the_lessons_there_are() -> None:
    with pytest.raises(LabkitError) as err:
        facilitator_guide("42")
    assert "00" in err.value.fix and err.value.where == "parameter lesson"


def _notebook(path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"cells": [], "metadata": {"labkit": meta}, "nbformat": 4, "nbformat_minor": 5})
    )


def test_a_new_lesson_gets_a_guide_from_its_metadata_alone(tmp_path: Path) -> None:
    meta = {
        "id": "09",
        "title": "A lesson still being written",
        "kind": "lesson",
        "tracks": ["consumer"],
        "teaching_minutes": 70,
        "exercise_minutes": 0,
        "objectives": ["Do one thing"],
        "keypoints": ["One thing matters"],
        "prerequisites": ["00"],
    }
    _notebook(tmp_path / "curriculum" / "09_new.ipynb", meta)
    assert guide_lessons(tmp_path) == ["09"]
    guide = facilitator_guide("9", tmp_path)
    text = guide.to_markdown()
    assert "Lesson 09 has no exercise set." in text
    assert "no discussion prompts yet" in text
    assert list(guide.to_frame()["activity"]) == [
        "Welcome",
        "Lesson 09: A lesson still being written",
        "Close",
    ]
    _notebook(tmp_path / "curriculum" / "09_new.ipynb", {**meta, "keypoints": []})
    with pytest.raises(LabkitError, match=r"metadata of 09_new\.ipynb is incomplete"):
        facilitator_guide("09", tmp_path)


def test_the_command_prints_markdown_and_saves_pages(tmp_path: Path, capsys) -> None:
    assert main(["course", "guide", "02"]) == 0
    assert capsys.readouterr().out.startswith("# Facilitator guide: lesson 02, Get your data in order")
    assert main(["course", "guide", "02", "--out", str(tmp_path / "02.md")]) == 0
    assert (tmp_path / "02.md").read_text(encoding="utf-8").startswith("# Facilitator guide")
    assert main(["course", "guide", "--all", "--out", str(tmp_path / "guides")]) == 0
    assert sorted(p.name for p in (tmp_path / "guides").iterdir()) == [f"{n}-guide.html" for n in LESSONS]
    assert main(["course", "guide", "--all", "--out", str(tmp_path / "one.html")]) == 2
    assert main(["course", "guide"]) == 2
    assert "Which lesson's guide?" in capsys.readouterr().err
