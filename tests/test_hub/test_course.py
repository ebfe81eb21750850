"""The course repository and nbgitpuller's merge rules, tested for real (not assumed).

A learner's copy is made by nbgitpuller's own ``GitPuller`` from the workshop's ``course.git``, as the
hub's git-pull link does; then the trainer publishes a fix and the learner pulls again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from nbgitpuller.pull import GitPuller

from labkit import LabkitError
from labkit.hub import COURSE_FOLDER, lesson_link, publish_course
from labkit.hub._course import lesson_path

from .conftest import ROOT

EXERCISE = "00_practice.ipynb"


def _course(tmp_path: Path) -> Path:
    """A small course folder: two lessons and an exercise notebook, plus the JupyterLab settings."""
    course = tmp_path / "course"
    (course / "curriculum").mkdir(parents=True)
    (course / "exercises").mkdir()
    for name in ("00_start_here.ipynb", "01_ai_in_local_government.ipynb"):
        shutil.copyfile(ROOT / "curriculum" / name, course / "curriculum" / name)
    exercise = next((ROOT / "exercises").glob("00_*.ipynb"))
    shutil.copyfile(exercise, course / "exercises" / EXERCISE)
    return course


def _pull(workshop, home: Path) -> Path:
    target = home / COURSE_FOLDER
    for _line in GitPuller(workshop.course_repo.as_uri(), str(target), branch="main").pull():
        pass
    return target


def _edit(path: Path, cell: int, text: str) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"][cell]["source"] = text
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _cell(path: Path, cell: int) -> str:
    source = json.loads(path.read_text(encoding="utf-8"))["cells"][cell]["source"]
    return "".join(source) if isinstance(source, list) else source


def test_publish_then_pull_keeps_answers_updates_the_rest_and_restores_deleted(workshop, tmp_path) -> None:
    course = _course(tmp_path)
    assert publish_course(workshop, course, "First")
    learner = _pull(workshop, tmp_path / "learner")
    lesson = learner / "curriculum" / "00_start_here.ipynb"
    exercise = learner / "exercises" / EXERCISE
    other = learner / "curriculum" / "01_ai_in_local_government.ipynb"
    # The learner answers in the exercise notebook (its last cell) and deletes lesson 01 by mistake.
    last = len(json.loads(exercise.read_text())["cells"]) - 1
    _edit(exercise, last, "answer = 'B'  # my answer")
    other.unlink()
    # The trainer fixes a typo in lesson 00 (untouched by the learner) and in the exercise's first cell.
    _edit(course / "curriculum" / "00_start_here.ipynb", 0, "# Start here (fixed)")
    _edit(course / "exercises" / EXERCISE, 0, "# Practice (fixed)")
    assert publish_course(workshop, course, "Fix typos")
    _pull(workshop, tmp_path / "learner")
    assert _cell(exercise, last) == "answer = 'B'  # my answer"  # the learner's edit is kept
    assert _cell(exercise, 0) == "# Practice (fixed)"  # the trainer's fix in another cell merges in
    assert _cell(lesson, 0) == "# Start here (fixed)"  # an untouched file updates
    assert other.exists()  # a deleted file comes back


def test_both_changed_the_same_cell_the_learner_wins(workshop, tmp_path) -> None:
    course = _course(tmp_path)
    publish_course(workshop, course)
    learner = _pull(workshop, tmp_path / "learner")
    exercise = learner / "exercises" / EXERCISE
    _edit(exercise, 0, "my own notes in the first cell")
    _edit(course / "exercises" / EXERCISE, 0, "# The trainer's new title")
    publish_course(workshop, course)
    _pull(workshop, tmp_path / "learner")
    assert _cell(exercise, 0) == "my own notes in the first cell"


def test_publishing_nothing_new_makes_no_commit(workshop, tmp_path) -> None:
    course = _course(tmp_path)
    assert publish_course(workshop, course) is not None
    assert publish_course(workshop, course) is None


def test_lesson_links_and_paths(workshop, tmp_path) -> None:
    publish_course(workshop, _course(tmp_path))
    assert lesson_path(workshop, "0") == "curriculum/00_start_here.ipynb"
    link = lesson_link(workshop, "01", base_url="https://hub.example.org/")
    assert link.startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2F")
    assert "targetPath=labkit-course" in link
    assert "urlpath=lab%2Ftree%2Flabkit-course%2Fcurriculum%2F01_ai_in_local_government.ipynb" in link
    with pytest.raises(LabkitError, match="no lesson '07'") as caught:
        lesson_link(workshop, "07")
    assert "00, 01" in caught.value.fix


def test_publishing_a_folder_that_is_not_the_course_is_refused(workshop, tmp_path) -> None:
    with pytest.raises(LabkitError, match="not the labkit course folder"):
        publish_course(workshop, tmp_path)
