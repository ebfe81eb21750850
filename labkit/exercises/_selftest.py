"""Materials that test themselves: run an edition and read every question's outcome.

Used by the project's self-test (``tests/test_exercises/test_all_questions.py``)
and by ``labkit exercises test``. An edition's code cells run in this Python
process, one after the other, in a fresh namespace (exercise notebooks are
plain Python: no ``%magics`` or ``!shell`` lines). Then every question is
checked against the variables the notebook left behind, without logging.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._context import Context
from labkit.exercises._outcome import Outcome
from labkit.exercises._question import BLANK, Question
from labkit.exercises._set import COUNCIL_VAR, SEED_VAR, BoundQuestion, ExerciseSet

__all__ = [
    "PROFILES",
    "Run",
    "checked_in_notebook",
    "leaks",
    "run_edition",
    "verify_set",
    "widget_outcomes",
    "wrong_answer_outcomes",
]

PROFILES: tuple[tuple[int, str], ...] = ((0, "northbrook"), (1, "eastmere"))
"""The learners the self-test imitates: (seed, council). Expected answers must follow each one's data."""

_CHECK_CALL = re.compile(r"\b(q\d+(?:\.[A-Za-z_]\w*)?)\.(?:check\(\)|widget\()")


@contextlib.contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@dataclass
class Run:
    """The result of running an edition: its namespace, checking context and printed text."""

    namespace: dict[str, Any]
    context: Context
    stdout: str

    def outcome(self, question: Question) -> Outcome:
        """The outcome of ``question`` for the answers the notebook left behind (nothing is logged)."""
        answer = self.namespace.get(question.variable, BLANK) if question.variable else BLANK
        return question.evaluate(self.context, answer)


def _code_cells(nb: Any) -> list[str]:
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = cell["source"]
        cells.append("".join(src) if isinstance(src, list) else src)
    return cells


def run_edition(
    nb: Any, exercise: ExerciseSet, *, seed: int = 0, council: str = "northbrook", name: str = "edition"
) -> Run:
    """Run every code cell of an edition in a fresh namespace, as a learner with this seed and council."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    out = io.StringIO()
    with _environment(**{SEED_VAR: str(seed), COUNCIL_VAR: council}), contextlib.redirect_stdout(out):
        for index, source in enumerate(_code_cells(nb), start=1):
            if any(line.lstrip().startswith(("%", "!")) for line in source.splitlines()):
                raise LabkitError(
                    "Exercise notebooks must be plain Python; this cell has a %magic or !shell line.",
                    where=f"{name}, code cell {index}",
                    fix="Remove the line, or do the same in Python.",
                )
            exec(compile(source, f"<{name} code cell {index}>", "exec"), namespace)
    bound = namespace.get(exercise.questions[0].name)
    if not isinstance(bound, BoundQuestion):
        raise LabkitError(
            f"Running {name} did not bind exercise set {exercise.id}.",
            where=name,
            fix=f"Start the notebook with ex{exercise.id}.bind(globals()).",
        )
    return Run(namespace, bound._ctx, out.getvalue())


def checked_in_notebook(nb: Any) -> set[str]:
    """Every question path the notebook checks, with ``check()`` or an answer box ``widget(...)``.

    ``q1``, ``q3.a``; ``q3`` covers all its parts.
    """
    found: set[str] = set()
    for source in _code_cells(nb):
        found.update(_CHECK_CALL.findall(source))
    return found


def leaks(message: str, forbidden: list[str]) -> list[str]:
    """The forbidden texts (forms of the expected answer) that appear in ``message``."""
    hits = []
    for form in forbidden:
        if not form.strip():
            continue
        pattern = r"(?<![\w.])" + re.escape(form) + r"(?![\w]|\.\d)"
        if re.search(pattern, message, flags=re.IGNORECASE):
            hits.append(form)
    return hits


def wrong_answer_outcomes(question: Question, ctx: Context) -> list[tuple[Any, Outcome, list[str]]]:
    """For each known-wrong answer: the value, its outcome, and any forbidden text in the feedback."""
    assert question.check is not None
    forbidden = question.check.forbidden(ctx)
    results = []
    for wrong in question.wrong:
        value = ctx.resolve(wrong.value)
        outcome = question.evaluate(ctx, value)
        results.append((value, outcome, leaks(outcome.message, forbidden)))
    return results


def widget_outcomes(
    exercise: ExerciseSet, question: Question, ctx: Context, answer: Any = BLANK
) -> list[tuple[str, str, Outcome]]:
    """Answer ``question`` with its answer box, as a learner would, and read each outcome.

    Returns (what was put in the box, the status it should get, the outcome) for: the empty box
    ("not attempted"); ``answer`` (the trainer edition's answer) and the check's own right answer
    ("correct"); and every known-wrong answer the box can show ("not yet"). Empty if the question
    has no answer box. Nothing is written to the learner's progress log.
    """
    from labkit.exercises._outcome import CORRECT, NOT_ATTEMPTED, NOT_YET

    kind = question.widget_kind(ctx)
    if kind is None:
        return []
    trials: list[tuple[str, str, Any]] = [("the empty box", NOT_ATTEMPTED, BLANK)]
    if answer is not BLANK:
        trials.append((f"the trainer's answer {answer!r}", CORRECT, answer))
    right = question.right_answer(ctx)
    if right is not BLANK:
        trials.append((f"the check's right answer {right!r}", CORRECT, right))
    trials += [
        (f"the known-wrong answer {value!r}", NOT_YET, value) for value in _wrong_values(question, ctx)
    ]
    results = []
    with _environment(LABKIT_PROGRESS_FILE=os.devnull):
        for described, status, value in trials:
            private = Context(ctx.data, dict(ctx.namespace), ctx.seed, ctx.council)
            private._cache = ctx._cache
            box = BoundQuestion(exercise, question, private).widget()
            try:
                box.set_answer(value)
            except LabkitError:
                continue  # a mistake only code can make (text in quotes, letters not in a list, ...)
            results.append((described, status, box.check()))
    return results


def _wrong_values(question: Question, ctx: Context) -> list[Any]:
    values = []
    for wrong in question.wrong:
        try:
            values.append(ctx.resolve(wrong.value))
        except Exception:
            continue
    return values


def verify_set(
    exercise_id: str, root: Any = None, profiles: tuple[tuple[int, str], ...] = PROFILES
) -> list[str]:
    """Every problem the self-test would find in one exercise set, as plain-English lines."""
    import nbformat

    from labkit.exercises._build import find_master, make_editions, project_root
    from labkit.exercises._outcome import NOT_ATTEMPTED, NOT_YET
    from labkit.exercises._set import exercise_set

    exercise = exercise_set(exercise_id)
    base = project_root(root)
    path = find_master(exercise.id, base)
    learner, trainer = make_editions(nbformat.read(path, as_version=4), path.relative_to(base).as_posix())
    problems: list[str] = []
    checked = checked_in_notebook(learner)
    for question in exercise.questions:
        wanted = {question.path} if not question.parts else {question.path} | {p.path for p in question.parts}
        if not checked & wanted:
            problems.append(f"{question.path}: the notebook never runs {question.path}.check()")
    try:
        run = run_edition(
            learner, exercise, seed=profiles[0][0], council=profiles[0][1], name="learner edition"
        )
    except Exception as exc:
        return [*problems, f"the learner edition fails to run: {type(exc).__name__}: {exc}"]
    for leaf in exercise.leaves():
        outcome = run.outcome(leaf)
        if outcome.status != NOT_ATTEMPTED:
            problems.append(f"{leaf.path}: the learner edition is '{outcome.status}', not 'not attempted'")
    for seed, council in profiles:
        who = f"seed {seed}, council {council}"
        try:
            run = run_edition(trainer, exercise, seed=seed, council=council, name="trainer edition")
        except Exception as exc:
            problems.append(f"the trainer edition fails to run with {who}: {type(exc).__name__}: {exc}")
            continue
        for leaf in exercise.leaves():
            outcome = run.outcome(leaf)
            if not outcome.correct:
                problems.append(f"{leaf.path}: the trainer edition is '{outcome.status}' with {who}")
            for value, wrong, leaked in wrong_answer_outcomes(leaf, run.context):
                if wrong.status != NOT_YET:
                    problems.append(f"{leaf.path}: the known-wrong answer {value!r} gets '{wrong.status}'")
                if leaked:
                    problems.append(f"{leaf.path}: feedback for {value!r} reveals the answer")
            answer = run.namespace.get(leaf.variable, BLANK)  # type: ignore[arg-type]
            for described, status, outcome in widget_outcomes(exercise, leaf, run.context, answer):
                if outcome.status != status:
                    problems.append(
                        f"{leaf.path}: its answer box with {described} is '{outcome.status}', not '{status}' "
                        f"with {who}"
                    )
    return problems
