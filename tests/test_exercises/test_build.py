"""One master, two editions: markers, determinism, never clobbering work, copies for learners."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from labkit import LabkitError
from labkit.exercises import learner_seed
from labkit.exercises._build import (
    build_editions,
    copy_for_learner,
    edition_name,
    fingerprint,
    make_editions,
    seed_of_copy,
)

ROOT = Path(__file__).resolve().parents[2]
META = {
    "id": "00",
    "title": "Practice",
    "kind": "exercises",
    "tracks": ["consumer"],
    "teaching_minutes": 0,
    "exercise_minutes": 5,
    "objectives": ["o"],
    "keypoints": ["k"],
    "prerequisites": [],
}


def _master(*cells) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.cells = list(cells)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    nb.metadata["labkit"] = dict(META)
    return nb


def _sources(nb) -> list[str]:
    return [c.source for c in nb.cells]


def test_markers_make_two_editions() -> None:
    master = _master(
        new_markdown_cell("# Practice"),
        new_code_cell("from labkit.exercises import ex00\nex00.bind(globals())"),
        new_code_cell("total_requests = 1240 + 1185  # SOLUTION\nq1.check()"),
        new_code_cell("# BEGIN SOLUTION\nx = 1\ny = 2\n# END SOLUTION\nresult['a'] = x + y  # SOLUTION"),
        new_code_cell("    value = 3  # SOLUTION"),
        new_markdown_cell("Trainer note: takes 2 minutes."),
        new_markdown_cell("Only for learners."),
    )
    master.cells[5].metadata["tags"] = ["trainer-only"]
    master.cells[6].metadata["tags"] = ["learner-only", "keep-me"]
    learner, trainer = make_editions(master, "materials/exercises/00_practice.ipynb")
    assert _sources(learner) == [
        "# Practice",
        "from labkit.exercises import ex00\nex00.bind(globals())",
        "total_requests = ____\nq1.check()",
        "# Your code here\nresult['a'] = ____",
        "    value = ____",
        "Only for learners.",
    ]
    assert learner.cells[-1].metadata["tags"] == ["keep-me"]
    assert _sources(trainer)[0] == "# Practice"
    assert trainer.cells[1].source.startswith("**Trainer edition.**")
    assert _sources(trainer)[2:] == [
        "from labkit.exercises import ex00\nex00.bind(globals())",
        "total_requests = 1240 + 1185\nq1.check()",
        "x = 1\ny = 2\nresult['a'] = x + y",
        "    value = 3",
        "Trainer note: takes 2 minutes.",
    ]
    assert [c.id for c in learner.cells] == ["c0", "c1", "c2", "c3", "c4", "c6"]
    for nb, edition in ((learner, "learner"), (trainer, "trainer")):
        meta = nb.metadata["labkit"]
        assert meta["edition"] == edition and meta["fingerprint"] == fingerprint(nb)
        assert {k: meta[k] for k in META} == META
        nbformat.validate(nb)


def test_a_filled_in_answer_box_is_empty_in_the_learner_edition() -> None:
    master = _master(
        new_code_cell("from labkit.exercises import ex00\nex00.bind(globals())"),
        new_code_cell('q5.widget(answer="B")  # SOLUTION'),
        new_code_cell("q3.a.widget(answer=repairs['trade'].mode()[0])  # SOLUTION"),
    )
    learner, trainer = make_editions(master, "materials/exercises/00_practice.ipynb")
    assert _sources(learner)[1:] == ["q5.widget()", "q3.a.widget()"]
    assert _sources(trainer)[2:] == [
        'q5.widget(answer="B")',
        "q3.a.widget(answer=repairs['trade'].mode()[0])",
    ]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("# BEGIN SOLUTION\nx = 1", "without # END SOLUTION"),
        ("x = 1\n# END SOLUTION", "without # BEGIN SOLUTION"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "a second # BEGIN SOLUTION"),
        ("print(1)  # SOLUTION", "neither an assignment"),
    ],
)
def test_broken_markers_say_where(code: str, problem: str) -> None:
    master = _master(
        new_code_cell("from labkit.exercises import ex00\nex00.bind(globals())"), new_code_cell(code)
    )
    with pytest.raises(LabkitError, match=problem) as info:
        make_editions(master, "m.ipynb")
    assert "cell 2" in info.value.where


def test_master_must_bind_and_have_metadata_and_ids() -> None:
    with pytest.raises(LabkitError, match="never binds"):
        make_editions(_master(new_code_cell("x = 1")), "m.ipynb")
    nb = _master(new_code_cell("ex00.bind(globals())"))
    nb.metadata["labkit"]["kind"] = "lesson"
    with pytest.raises(LabkitError, match="kind = 'exercises'"):
        make_editions(nb, "m.ipynb")
    nb = _master(new_code_cell("ex00.bind(globals())"), new_code_cell("x = 1"))
    nb.cells[1]["id"] = "c0"
    with pytest.raises(LabkitError, match="own id"):
        make_editions(nb, "m.ipynb")


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "materials" / "exercises").mkdir(parents=True)
    shutil.copy(
        ROOT / "materials" / "exercises" / "00_start_here.ipynb", tmp_path / "materials" / "exercises"
    )
    return tmp_path


def test_building_twice_gives_identical_files(project: Path) -> None:
    first = build_editions(["00"], root=project, execute=False)
    assert [p.as_posix() for p in first.written] == [
        "exercises/00_practice_start_here.ipynb",
        "trainer/00_trainer_start_here.ipynb",
    ]
    trainer = nbformat.read(project / first.written[1], as_version=4)
    assert "`exercises/00_practice_start_here.ipynb`" in trainer.cells[1].source  # the banner names it
    before = {p: (project / p).read_bytes() for p in first.written}
    build_editions(root=project, execute=False)
    assert {p: (project / p).read_bytes() for p in first.written} == before


@pytest.mark.slow
def test_building_and_executing_twice_gives_identical_files(project: Path) -> None:
    written = build_editions(["00"], root=project).written
    before = {p: (project / p).read_bytes() for p in written}
    build_editions(["00"], root=project)
    assert {p: (project / p).read_bytes() for p in written} == before
    learner = nbformat.read(project / written[0], as_version=4)
    assert "… Not attempted" in str(learner.cells[6].outputs)


def test_build_refuses_to_overwrite_edited_editions(project: Path) -> None:
    build_editions(["00"], root=project, execute=False)
    learner_path = project / "exercises" / "00_practice_start_here.ipynb"
    nb = nbformat.read(learner_path, as_version=4)
    nb.cells[6].source = "total_requests = 2425\nq1.check()"
    nbformat.write(nb, learner_path)
    edited = learner_path.read_bytes()
    with pytest.raises(LabkitError, match="changed since they were built") as info:
        build_editions(["00"], root=project, execute=False)
    assert "labkit exercises copy" in info.value.fix
    assert learner_path.read_bytes() == edited
    build_editions(["00"], root=project, execute=False, force=True)
    assert learner_path.read_bytes() != edited


def test_outputs_do_not_count_as_edits(project: Path) -> None:
    build_editions(["00"], root=project, execute=False)
    path = project / "exercises" / "00_practice_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[4].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nbformat.write(nb, path)
    build_editions(["00"], root=project, execute=False)


def test_editions_are_named_apart_from_the_lesson() -> None:
    lesson = "04_build_and_evaluate_a_model.ipynb"
    learner = edition_name(f"materials/exercises/{lesson}", "learner")
    assert learner == "04_practice_build_and_evaluate_a_model.ipynb"
    assert edition_name(lesson, "trainer") == "04_trainer_build_and_evaluate_a_model.ipynb"
    with pytest.raises(LabkitError, match="no 'master' edition"):
        edition_name(lesson, "master")


def test_unknown_set_says_what_exists(project: Path) -> None:
    with pytest.raises(LabkitError, match=r"00_start_here\.ipynb"):
        build_editions(["42"], root=project, execute=False)


def test_copy_never_overwrites_a_learners_work(project: Path, tmp_path: Path) -> None:
    build_editions(["00"], root=project, execute=False)
    mine = tmp_path / "mine"
    target, created = copy_for_learner("00", mine, root=project)
    assert created and target == mine / "00_practice_start_here.ipynb"
    own = seed_of_copy(target)
    assert own == learner_seed() and 1000 <= own <= 9999  # the learner's own data, not the lessons'
    assert f"ex00.bind(globals(), seed={own})" in target.read_text(encoding="utf-8")
    target.write_text("my own work", encoding="utf-8")
    again, created = copy_for_learner("00", mine, root=project)
    assert again == target and not created
    assert target.read_text(encoding="utf-8") == "my own work"


def test_copy_with_a_learners_seed(project: Path, tmp_path: Path) -> None:
    build_editions(["00"], root=project, execute=False)
    target, created = copy_for_learner("00", tmp_path / "mine", root=project, seed=7)
    nb = nbformat.read(target, as_version=4)
    assert created and "ex00.bind(globals(), seed=7)" in "".join(c.source for c in nb.cells)
    assert nb.metadata["labkit"]["seed"] == 7 and seed_of_copy(target) == 7
    assert learner_seed() == 7  # the trainer's seed is the learner's own from now on
    with pytest.raises(LabkitError, match="seed"):
        copy_for_learner("00", tmp_path / "other", root=project, seed=-1)


@pytest.mark.slow
def test_a_master_that_fails_to_run_gives_a_plain_error(project: Path, monkeypatch) -> None:
    path = project / "materials" / "exercises" / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].source += "\nraise ValueError('broken on purpose')"
    nbformat.write(nb, path)
    monkeypatch.setenv("LABKIT_SEED", "5")
    with pytest.raises(LabkitError, match="broken on purpose") as info:
        build_editions(["00"], root=project)
    assert info.value.where == "exercises/00_practice_start_here.ipynb"
    assert not (project / "exercises" / "00_practice_start_here.ipynb").exists()
    assert __import__("os").environ["LABKIT_SEED"] == "5"
