"""The exercise materials test themselves, for every question in the project, now and in future.

Every exercise set in ``labkit/exercises/content/`` is found automatically, and
for each one this proves:

- its master notebook exists, builds, and checks every question;
- the learner edition leaves every question "not attempted";
- the trainer edition answers every question correctly for two learners with
  different data (seed 0 of Northbrook, seed 1 of Eastmere), so expected answers
  follow each learner's data;
- every question declares at least one known-wrong answer, each gets "not yet",
  and the feedback never contains the expected answer;
- every question with an answer box (``q1.widget()``) works through it too: empty
  is "not attempted", the trainer's answer and the check's own right answer are
  "correct", and each known-wrong answer the box can hold is "not yet";
- the committed editions in ``exercises/`` and ``trainer/`` are up to date with
  their master (so nobody edits an edition by hand and loses it at the next build).
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import nbformat
import pytest

from labkit.exercises import BLANK, NOT_ATTEMPTED, NOT_YET, all_questions, exercise_set, list_exercise_sets
from labkit.exercises._build import LEARNER_DIR, TRAINER_DIR, edition_name, find_master, make_editions
from labkit.exercises._selftest import (
    PROFILES,
    checked_in_notebook,
    leaks,
    run_edition,
    widget_outcomes,
    wrong_answer_outcomes,
)

ROOT = Path(__file__).resolve().parents[2]
SETS = list_exercise_sets()
QUESTIONS = [(s.id, q.path) for s, q in all_questions()]


@pytest.fixture(autouse=True)
def _private_progress_log(tmp_path, monkeypatch):
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(tmp_path / "progress.jsonl"))


@functools.cache
def _editions(exercise_id: str):
    path = find_master(exercise_id, ROOT)
    master = nbformat.read(path, as_version=4)
    return make_editions(master, path.relative_to(ROOT).as_posix())


@functools.cache
def _run(exercise_id: str, edition: str, profile: tuple[int, str] = PROFILES[0]):
    learner, trainer = _editions(exercise_id)
    nb = learner if edition == "learner" else trainer
    return run_edition(
        nb,
        exercise_set(exercise_id),
        seed=profile[0],
        council=profile[1],
        name=f"{edition} edition of set {exercise_id}",
    )


def test_there_are_exercise_sets_and_questions() -> None:
    assert "00" in SETS
    assert QUESTIONS


@pytest.mark.parametrize("exercise_id", SETS)
def test_master_checks_every_question(exercise_id: str) -> None:
    exercise = exercise_set(exercise_id)
    learner, _ = _editions(exercise_id)
    checked = checked_in_notebook(learner)
    for question in exercise.questions:
        paths = {question.path} | {p.path for p in question.parts}
        assert checked & paths, f"set {exercise_id}: the notebook never runs {question.path}.check()"
        if question.parts and question.path not in checked:
            for part in question.parts:
                assert part.path in checked, f"set {exercise_id}: the notebook never runs {part.path}.check()"
    known = {q.path for q in exercise.questions} | {leaf.path for leaf in exercise.leaves()}
    assert checked <= known, (
        f"set {exercise_id}: the notebook checks questions that do not exist: {checked - known}"
    )


@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_learner_edition_is_not_attempted(exercise_id: str, question: str) -> None:
    run = _run(exercise_id, "learner")
    outcome = run.outcome(exercise_set(exercise_id).question(question))
    assert outcome.status == NOT_ATTEMPTED, f"{exercise_id} {question}: {outcome}"


@pytest.mark.parametrize("profile", PROFILES, ids=[f"seed{s}-{c}" for s, c in PROFILES])
@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_trainer_edition_is_correct(exercise_id: str, question: str, profile: tuple[int, str]) -> None:
    run = _run(exercise_id, "trainer", profile)
    assert (run.context.seed, run.context.council) == profile
    outcome = run.outcome(exercise_set(exercise_id).question(question))
    assert outcome.correct, f"{exercise_id} {question} for seed {profile[0]} of {profile[1]}: {outcome}"


@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_known_wrong_answers_are_not_yet_and_do_not_leak(exercise_id: str, question: str) -> None:
    q = exercise_set(exercise_id).question(question)
    assert len(q.wrong) >= 1, f"{exercise_id} {question} declares no known-wrong answer"
    for profile in PROFILES:
        ctx = _run(exercise_id, "trainer", profile).context
        for value, outcome, leaked in wrong_answer_outcomes(q, ctx):
            assert outcome.status == NOT_YET, (
                f"{exercise_id} {question}: wrong answer {value!r} got {outcome}"
            )
            assert not leaked, (
                f"{exercise_id} {question}: feedback for {value!r} reveals the answer: {outcome}"
            )


@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_answer_boxes_give_the_same_outcomes(exercise_id: str, question: str) -> None:
    exercise = exercise_set(exercise_id)
    q = exercise.question(question)
    for profile in PROFILES:
        run = _run(exercise_id, "trainer", profile)
        answer = run.namespace.get(q.variable, BLANK)
        for described, status, outcome in widget_outcomes(exercise, q, run.context, answer):
            assert outcome.status == status, (
                f"{exercise_id} {question}, answer box with {described}, seed {profile[0]}: {outcome}"
            )


@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_questions_for_everyone_are_answered_without_code(exercise_id: str, question: str) -> None:
    """Every question on the intelligent consumer track has an answer box, and its notebook shows it."""
    q = exercise_set(exercise_id).question(question)
    if q.track != "everyone":
        return
    ctx = _run(exercise_id, "trainer").context
    assert q.widget_kind(ctx) is not None, f"{exercise_id} {question} is for everyone but has no answer box"
    learner, _ = _editions(exercise_id)
    shown = {match.group(1) for cell in learner.cells if cell.cell_type == "code"
             for match in re.finditer(r"\b(q\d+(?:\.\w+)?)\.widget\(\)", cell.source)}  # fmt: skip
    assert q.path in shown or (q.parent is not None and q.parent.path in shown), (
        f"{exercise_id} {question} is for everyone, but the learner edition never shows {q.path}.widget()"
    )
    # The reason for the answer is never hidden: said when it is right, or for each known mistake.
    assert q.explanation or all(w.reason for w in q.wrong), (
        f"{exercise_id} {question}: a question for everyone must explain its answer (explanation=...) "
        "or give a reason for each known-wrong answer"
    )


@pytest.mark.parametrize(("exercise_id", "question"), QUESTIONS, ids=[f"{e}-{q}" for e, q in QUESTIONS])
def test_hints_never_state_the_answer(exercise_id: str, question: str) -> None:
    """Hints never state a numeric answer (a text answer such as "stop" may be an ordinary word in a hint)."""
    q = exercise_set(exercise_id).question(question)
    for profile in PROFILES:
        ctx = _run(exercise_id, "trainer", profile).context
        forbidden = [form for form in q.check.forbidden(ctx) if any(ch.isdigit() for ch in form)]
        for hint in q.hints:
            assert not leaks(hint, forbidden), f"{exercise_id} {question}: a hint states the answer: {hint}"


@pytest.mark.parametrize("exercise_id", SETS)
def test_no_value_is_silently_thrown_away(exercise_id: str) -> None:
    """A bare expression before a cell's last line shows nothing (lesson 02 q3's table did that)."""
    learner, _ = _editions(exercise_id)
    for index, cell in enumerate(learner.cells):
        if cell.cell_type != "code":
            continue
        body = ast.parse(cell.source).body
        for statement in body[:-1]:
            if isinstance(statement, ast.Expr):
                call = statement.value
                name = getattr(getattr(call, "func", None), "id", "") if isinstance(call, ast.Call) else ""
                assert name in {"print", "display"}, (
                    f"set {exercise_id}, code cell {index}, line {statement.lineno}: this value is never "
                    "shown; make it the cell's last line or put it in its own cell"
                )


@pytest.mark.parametrize("exercise_id", SETS)
def test_committed_editions_are_built_from_the_master(exercise_id: str) -> None:
    master = find_master(exercise_id, ROOT)
    editions = zip((LEARNER_DIR, TRAINER_DIR), ("learner", "trainer"), _editions(exercise_id), strict=True)
    for folder, edition, built in editions:
        path = ROOT / folder / edition_name(master, edition)
        assert path.is_file(), (
            f"{path.relative_to(ROOT)} is missing: run `labkit exercises build {exercise_id}`"
        )
        committed = nbformat.read(path, as_version=4)
        assert [(c.cell_type, c.source) for c in committed.cells] == [
            (c.cell_type, c.source) for c in built.cells
        ], (
            f"{path.relative_to(ROOT)} is out of date with {master.relative_to(ROOT)}: "
            f"run `labkit exercises build {exercise_id} --force`"
        )
        assert committed.metadata["labkit"] == built.metadata["labkit"]


def test_every_master_notebook_has_a_content_module() -> None:
    masters = sorted((ROOT / "materials" / "exercises").glob("*.ipynb"))
    assert masters
    for path in masters:
        assert path.name[:2] in SETS, (
            f"{path.relative_to(ROOT)} has no content module: "
            f"add labkit/exercises/content/ex{path.name[:2]}.py (see docs/exercises.md)"
        )


def test_every_learner_edition_comes_from_a_master() -> None:
    masters = sorted((ROOT / "materials" / "exercises").glob("*.ipynb"))
    for folder, edition in ((LEARNER_DIR, "learner"), (TRAINER_DIR, "trainer")):
        names = {edition_name(master, edition) for master in masters}
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            assert path.name in names, (
                f"{path.relative_to(ROOT)} has no master in materials/exercises/: write the master there and "
                "run `labkit exercises build` (see docs/exercises.md)"
            )
