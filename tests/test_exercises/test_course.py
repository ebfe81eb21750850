"""Lesson metadata validation and the course outline computed from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.exercises._course import course_outline, lesson_problems, minutes, teaching_minutes

GOOD = {
    "id": "02",
    "title": "Get your data in order",
    "kind": "lesson",
    "tracks": ["consumer", "developer"],
    "teaching_minutes": 35,
    "exercise_minutes": 25,
    "objectives": ["Name the six dimensions of data quality."],
    "keypoints": ["Data quality comes first."],
    "prerequisites": ["00", "01"],
}


def test_complete_metadata_has_no_problems() -> None:
    assert lesson_problems(GOOD) == []


@pytest.mark.parametrize("field", list(GOOD))
def test_each_missing_field_is_named(field: str) -> None:
    meta = {k: v for k, v in GOOD.items() if k != field}
    assert f"'{field}' is missing" in lesson_problems(meta)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("id", "2", "two digits"),
        ("kind", "lecture", "'kind' must be"),
        ("tracks", ["managers"], "'tracks' must be"),
        ("tracks", [], "'tracks' must be"),
        ("teaching_minutes", "35", "whole number of minutes"),
        ("exercise_minutes", -5, "whole number of minutes"),
        ("objectives", [], "one or more sentences"),
        ("keypoints", ["", "x"], "one or more sentences"),
        ("prerequisites", "01", "lesson ids"),
        ("title", "", "'title' must be text"),
    ],
)
def test_malformed_fields_are_named(field, value, words) -> None:
    assert any(words in p for p in lesson_problems({**GOOD, field: value}))


def test_zero_minutes_is_a_problem() -> None:
    assert lesson_problems({**GOOD, "teaching_minutes": 0, "exercise_minutes": 0})


def test_minutes_in_words() -> None:
    assert minutes(5) == "5 minutes"
    assert minutes(60) == "1 hour"
    assert minutes(125) == "2 hours 5 minutes"
    assert minutes(0) == "0 minutes"


def _notebook(path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [], "metadata": {"labkit": meta}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_outline_totals_per_track(tmp_path: Path) -> None:
    _notebook(
        tmp_path / "curriculum" / "01_intro.ipynb",
        {**GOOD, "id": "01", "title": "Intro", "prerequisites": []},
    )
    _notebook(tmp_path / "curriculum" / "02_data.ipynb", {**GOOD, "tracks": ["developer"]})
    _notebook(
        tmp_path / "exercises" / "01_intro.ipynb",
        {
            **GOOD,
            "id": "01",
            "kind": "exercises",
            "teaching_minutes": 0,
            "exercise_minutes": 20,
            "title": "Ex",
        },
    )
    _notebook(tmp_path / "curriculum" / "03_broken.ipynb", {"id": "03"})
    outline = course_outline(tmp_path)
    frame = outline.to_frame()
    consumer = frame[frame["track"] == "consumer"]
    developer = frame[frame["track"] == "developer"]
    assert consumer["total_minutes"].sum() == 60 + 20
    assert developer["total_minutes"].sum() == 60 + 60 + 20
    assert developer["id"].tolist() == ["01", "01", "02"]
    assert developer["kind"].tolist() == ["lesson", "exercises", "lesson"]
    assert outline.summary.startswith(
        "The intelligent consumer track has 1 lesson and 1 exercise set and takes 1 hour 20 minutes "
        "(35 minutes of teaching and 45 minutes of exercises)."
    )
    assert "2 hours 20 minutes" in outline.summary
    assert "curriculum/03_broken.ipynb" in outline.summary
    keypoints = outline.sections[-1]
    assert keypoints.heading == "Key points of each lesson"
    assert keypoints.text.splitlines() == [
        "- Lesson 01: Data quality comes first.",
        "- Lesson 02: Data quality comes first.",
    ]
    assert "## Key points of each lesson" in outline.to_markdown()
    only = course_outline(tmp_path, track="consumer").to_frame()
    assert set(only["track"]) == {"consumer"}
    with pytest.raises(LabkitError, match="'consumer' or 'developer'"):
        course_outline(tmp_path, track="managers")


def test_teaching_minutes_can_differ_by_track(tmp_path: Path) -> None:
    """Reading and using widgets takes less time than also running and changing the code."""
    split = {**GOOD, "teaching_minutes": {"consumer": 40, "developer": 65}, "exercise_minutes": 10}
    assert lesson_problems(split) == []
    assert teaching_minutes(split, "consumer") == 40 and teaching_minutes(split, "developer") == 65
    _notebook(tmp_path / "curriculum" / "02_data.ipynb", split)
    frame = course_outline(tmp_path).to_frame().set_index("track")
    assert frame.loc["consumer", "total_minutes"] == 50
    assert frame.loc["developer", "total_minutes"] == 75


@pytest.mark.parametrize(
    "value",
    [
        {"consumer": 40},  # a track of the notebook is missing
        {"consumer": 40, "developer": 65, "managers": 5},  # a track the notebook does not have
        {"consumer": "40", "developer": 65},
        {"consumer": -1, "developer": 65},
    ],
)
def test_malformed_teaching_minutes_per_track_are_named(value) -> None:
    problems = lesson_problems({**GOOD, "teaching_minutes": value})
    assert any("per track" in p for p in problems), problems


def test_zero_minutes_for_one_track_is_a_problem() -> None:
    meta = {**GOOD, "teaching_minutes": {"consumer": 0, "developer": 30}, "exercise_minutes": 0}
    assert any("must take some time" in p for p in lesson_problems(meta))
