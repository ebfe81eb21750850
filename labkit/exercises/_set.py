"""Exercise sets, binding questions into a notebook, and the registry of sets."""

from __future__ import annotations

import copy
import importlib
import os
import pkgutil
import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any

from labkit._errors import LabkitError
from labkit._text import listing, plural
from labkit.exercises._cohort import offer_switch, update_shared
from labkit.exercises._context import Context
from labkit.exercises._outcome import CORRECT, NOT_ATTEMPTED, NOT_YET, Hint, Outcome, Solution
from labkit.exercises._progress import record
from labkit.exercises._question import BLANK, Question

__all__ = [
    "DEFAULT_SEED",
    "BoundQuestion",
    "ExerciseSet",
    "all_questions",
    "exercise_set",
    "learner_seed",
    "list_exercise_sets",
]

SEED_VAR = "LABKIT_SEED"
COUNCIL_VAR = "LABKIT_COUNCIL"
DEFAULT_SEED = 2
"""The shared editions' example data outside a learner's session: not seed 0, which the lessons show."""
SESSION_VAR = "JPY_SESSION_NAME"
"""Set by Jupyter for a kernel it starts for a notebook: a learner is working in it."""
_CONTENT_PACKAGE = "labkit.exercises.content"


def _copy(value: Any) -> Any:
    if hasattr(value, "copy") and callable(value.copy) and type(value).__module__.startswith("pandas"):
        return value.copy(deep=True)
    return copy.deepcopy(value)


class ExerciseSet:
    """A set of questions that go with one lesson.

    Parameters
    ----------
    id : str
        Two digits, the same as the lesson's (``"02"``).
    title : str
        The set's title, for example ``"Get your data in order: exercises"``.
    questions : sequence of Question
        The questions, named ``q1``, ``q2``, ... in order.
    covers : mapping of str to list of str, optional
        Which questions test each objective of the lesson: the objective's text (or
        its start) in the lesson's metadata, to question paths such as ``["q3.a"]``.
        ``tests/test_exercises/test_objectives.py`` proves every lesson objective is covered.
    data : mapping of str to function, optional
        The datasets the questions use. Each function is called with the
        learner's ``seed`` and ``council`` (by parameter name) when the set is
        bound, and its result is put in the notebook under that name.

    Examples
    --------
    >>> from labkit.exercises import Equals, Question, Wrong
    >>> demo = ExerciseSet("99", "Demo", [
    ...     Question("q1", "How many numbers are there?", variable="how_many",
    ...              check=Equals(lambda numbers: len(numbers)), hints=["Use len()."],
    ...              solution="how_many = len(numbers)", wrong=[Wrong(0)]),
    ... ], data={"numbers": lambda seed: list(range(seed + 3))})
    >>> ns = {}
    >>> demo.bind(ns, seed=2)
    Exercise set 99 is ready: 1 question (q1). Data: numbers (seed 2, council northbrook).
    >>> ns["how_many"] = 5
    >>> ns["q1"].check().status
    'correct'
    """

    def __init__(
        self,
        id: str,
        title: str,
        questions: Sequence[Question],
        *,
        data: Mapping[str, Callable[..., Any]] | None = None,
        covers: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        if not (isinstance(id, str) and re.fullmatch(r"\d\d", id)):
            raise LabkitError(
                f"An exercise set id must be two digits such as '02', not {id!r}.",
                where="parameter id of ExerciseSet",
                fix="Use the lesson number, for example id='02'.",
            )
        self.id = id
        self.title = title
        self.questions: tuple[Question, ...] = tuple(questions)
        self.data_loaders = dict(data or {})
        names = [q.name for q in self.questions]
        expected_names = [f"q{i}" for i in range(1, len(names) + 1)]
        if names != expected_names:
            raise LabkitError(
                f"The questions of exercise set {id} must be named q1, q2, ... in order; they are "
                f"{listing(names) or 'none'}.",
                where=f"exercise set {id}",
                fix="Rename the questions, or add the missing ones.",
            )
        variables = [
            leaf.variable for q in self.questions for leaf in q.leaves() if leaf.variable is not None
        ]
        dupes = sorted({v for v in variables if variables.count(v) > 1})
        if dupes:
            raise LabkitError(
                f"Two questions use the same answer variable {dupes[0]!r}.",
                where=f"exercise set {id}",
                fix="Give every question its own variable, so later answers do not overwrite earlier ones.",
            )
        self.covers = {str(k): tuple(v) for k, v in (covers or {}).items()}
        paths = {q.path for q in self.questions} | {leaf.path for leaf in self.leaves()}
        unknown = sorted({p for ps in self.covers.values() for p in ps} - paths)
        if unknown or any(not ps for ps in self.covers.values()):
            raise LabkitError(
                f"covers names questions that do not exist ({listing(unknown) or 'an empty list'}).",
                where=f"exercise set {id}",
                fix="Map each lesson objective to the questions that test it: {'Name the ...': ['q1']}.",
            )
        clash = sorted(set(variables) & (set(self.data_loaders) | set(names)))
        if clash:
            raise LabkitError(
                f"The answer variable {clash[0]!r} has the same name as a dataset or a question.",
                where=f"exercise set {id}",
                fix="Rename the answer variable.",
            )

    # -- finding questions --------------------------------------------------------------
    def leaves(self) -> list[Question]:
        """Every question that is checked on its own (questions, or their parts)."""
        return [leaf for q in self.questions for leaf in q.leaves()]

    def question(self, name: str) -> Question:
        """The question called ``name`` (``"q3"`` or ``"q3.a"``).

        Raises
        ------
        LabkitError
            If there is no such question; the message lists the questions there are.
        """
        head, _, part = str(name).partition(".")
        for q in self.questions:
            if q.name == head:
                if not part:
                    return q
                for p in q.parts:
                    if p.name == part:
                        return p
                parts = listing([p.path for p in q.parts], "or") if q.parts else "none: it has no parts"
                raise LabkitError(
                    f"{q.label} has no part {part!r}.",
                    where=f"exercise set {self.id}",
                    fix=f"Use one of its parts: {parts}.",
                )
        raise LabkitError(
            f"Exercise set {self.id} has no question {name!r}.",
            where=f"exercise set {self.id}",
            fix=f"Use one of: {listing([q.name for q in self.questions], 'or')}.",
        )

    # -- data -------------------------------------------------------------------------
    def load_data(self, seed: int = 0, council: str = "northbrook") -> dict[str, Any]:
        """The set's datasets for this seed and council."""
        ctx = Context(seed=seed, council=council)
        return {name: ctx.call(loader) for name, loader in self.data_loaders.items()}

    def context(
        self, namespace: Mapping[str, Any] | None = None, *, seed: int = 0, council: str = "northbrook"
    ) -> Context:
        """A checking context with this set's data loaded for ``seed`` and ``council``."""
        return Context(self.load_data(seed, council), namespace or {}, seed, council)

    # -- the notebook -----------------------------------------------------------------
    def bind(
        self,
        namespace: MutableMapping[str, Any],
        *,
        seed: int | None = None,
        council: str | None = None,
    ) -> None:
        """Put the questions (``q1`` ...), the placeholder ``____`` and the data into a notebook.

        Call it once at the top of an exercise notebook: ``ex02.bind(globals())``.

        Parameters
        ----------
        namespace : dict
            The notebook's ``globals()``.
        seed : int, optional
            Which version of the synthetic data to use; every expected answer
            follows the learner's data. Default: the environment variable
            ``LABKIT_SEED``; otherwise, in a notebook opened in Jupyter, the
            learner's own seed (see :func:`learner_seed`); otherwise (builds,
            scripts, tests) :data:`DEFAULT_SEED`. The seed is printed, so a
            trainer can reproduce the learner's data with ``seed=...``.
        council : str, optional
            Which fictional council's data to use. Default: the environment
            variable ``LABKIT_COUNCIL``, or ``"northbrook"``.
        """
        if not isinstance(namespace, MutableMapping):
            raise LabkitError(
                "bind needs the notebook's variables.",
                where="parameter namespace of bind",
                fix="Call it as bind(globals()).",
            )
        seed, whose = _resolve_seed(seed)
        council = council if council is not None else os.environ.get(COUNCIL_VAR, "").strip() or "northbrook"
        if not isinstance(council, str):
            raise LabkitError(
                f"council must be a name such as 'northbrook', not {council!r}.",
                where="parameter council of bind",
                fix="Pass council='northbrook' or council='eastmere'.",
            )
        pristine = self.load_data(seed, council)
        ctx = Context(pristine, namespace, seed, council)
        namespace["____"] = BLANK
        for name, value in pristine.items():
            namespace[name] = _copy(value)
        for q in self.questions:
            q.prepare(ctx)
            namespace[q.name] = BoundQuestion(self, q, ctx)
        first, last = self.questions[0].name, self.questions[-1].name
        span = first if first == last else f"{first} to {last}"
        data = f" Data: {listing(list(pristine))} (seed {seed}, council {council})." if pristine else ""
        print(f"Exercise set {self.id} is ready: {plural(len(self.questions), 'question')} ({span}).{data}")
        if pristine and whose:
            print(whose)
        offer_switch()

    def __repr__(self) -> str:
        return f"ExerciseSet({self.id!r}, {self.title!r}, {len(self.questions)} questions)"


def _record(exercise: str, question: str, event: str, **fields: Any) -> str:
    """Log one event, then update the learner's shared file if they share with their trainer."""
    note = record(exercise, question, event, **fields)
    shared = update_shared()
    return " ".join(n for n in (note, shared) if n)


def learner_seed(*, save: int | None = None) -> int:
    """The learner's own seed: chosen at random the first time, then kept beside their progress log.

    It lives in ``learner.json`` in the folder of the progress log (``~/.labkit/`` by default),
    on the learner's own computer. ``save=N`` replaces it (a trainer gave the learner seed N).
    Seeds chosen at random are from 1000 to 9999, never the lessons' seed 0. If the file
    cannot be written the seed still works for this session.

    Examples
    --------
    >>> learner_seed() == learner_seed()
    True
    """
    import secrets

    from labkit.exercises._progress import learner_settings, save_learner_setting

    if save is None:
        found = learner_settings().get("seed")
        if isinstance(found, int) and not isinstance(found, bool) and found >= 0:
            return found
    seed = save if save is not None else 1000 + secrets.randbelow(9000)
    save_learner_setting("seed", seed)  # if it cannot be saved, the seed still works for this session
    return seed


def _resolve_seed(seed: Any) -> tuple[int, str]:
    """The seed to use, and a line saying whose data it is (empty when the caller chose the seed)."""
    if seed is None:
        raw = os.environ.get(SEED_VAR, "").strip()
        if not raw:
            if os.environ.get(SESSION_VAR):
                return learner_seed(), (
                    "This is your own version of the data: your seed is kept on your computer, so you get "
                    "the same data next time. A trainer can reproduce it from the seed above."
                )
            return DEFAULT_SEED, (
                f"This is the course's example data (seed {DEFAULT_SEED}). Opened in JupyterLab, the "
                "exercises use your own seed instead."
            )
        try:
            seed = int(raw)
        except ValueError:
            raise LabkitError(
                f"The environment variable {SEED_VAR} must be a whole number, not {raw!r}.",
                where=f"environment variable {SEED_VAR}",
                fix=f"Set {SEED_VAR}=7 (any whole number of 0 or more), or unset it.",
            ) from None
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise LabkitError(
            f"seed must be a whole number of 0 or more, not {seed!r}.",
            where="parameter seed of bind",
            fix="Pass for example seed=7; your trainer may give you one.",
        )
    return seed, ""


class BoundQuestion:
    """A question as it appears in a notebook: ``q1.check()``, ``q1.hint()``, ``q1.solution()``.

    For a question in parts, each part is an attribute (``q3.a.check()``) and
    ``q3.check()`` checks every part.
    """

    def __init__(self, exercise: ExerciseSet, question: Question, ctx: Context) -> None:
        self._exercise = exercise
        self._question = question
        self._ctx = ctx
        self._parts = {p.name: BoundQuestion(exercise, p, ctx) for p in question.parts}

    def __getattr__(self, name: str) -> BoundQuestion:
        if name.startswith("_"):
            raise AttributeError(name)
        parts = self.__dict__.get("_parts", {})
        if name in parts:
            return parts[name]
        q = self.__dict__["_question"]
        if parts:
            fix = f"Use one of its parts: {listing([f'{q.name}.{p}' for p in parts], 'or')}."
        else:
            fix = f"{q.label} has check(), hint(), solution() and widget()."
        raise _NoSuchAttribute(f"{q.label} has no part or method called {name!r}.", where=q.path, fix=fix)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._parts))

    # -- what the learner calls -------------------------------------------------------
    def check(self) -> Outcome:
        """Check your answer. Returns the outcome: ``correct``, ``not yet`` or ``not attempted``."""
        return self._logged(self._outcome())

    def _logged(self, outcome: Outcome, **fields: Any) -> Outcome:
        if outcome.known_wrong:
            fields["wrong"] = outcome.known_wrong
        note = _record(self._exercise.id, self._question.path, "check", outcome=outcome.status, **fields)
        return Outcome(
            outcome.status, outcome.message, outcome.question, note, outcome.parts, outcome.known_wrong
        )

    def _outcome(self) -> Outcome:
        q = self._question
        if self._parts:
            parts = tuple(p._outcome() for p in self._parts.values())
            statuses = {p.status for p in parts}
            if statuses == {CORRECT}:
                return Outcome(CORRECT, "Every part is correct. Well done.", q.label, parts=parts)
            if statuses == {NOT_ATTEMPTED}:
                return Outcome(NOT_ATTEMPTED, "No part is answered yet.", q.label, parts=parts)
            done = sum(p.status == CORRECT for p in parts)
            return Outcome(NOT_YET, f"{done} of {len(parts)} parts are correct so far.", q.label, parts=parts)
        answer = self._ctx.namespace.get(q.variable, BLANK)  # type: ignore[arg-type]
        return q.evaluate(self._ctx, answer)

    def hint(self, tier: int = 1) -> Hint:
        """Show a hint. ``hint()`` is the gentlest; ``hint(2)`` and up give more away."""
        q = self._question
        if self._parts:
            raise LabkitError(
                f"{q.label} has parts, and each part has its own hints.",
                where=f"{q.path}.hint()",
                fix=f"Ask a part, for example {q.name}.{q.parts[0].name}.hint().",
            )
        n = len(q.hints)
        if isinstance(tier, bool) or not isinstance(tier, int) or not 1 <= tier <= n:
            choices = f"{q.path}.hint()" if n == 1 else f"{q.path}.hint(1) to {q.path}.hint({n})"
            raise LabkitError(
                f"{q.label} has {plural(n, 'hint')}, so there is no hint {tier!r}.",
                where=f"{q.path}.hint({tier!r})",
                fix=f"Use {choices}.",
            )
        note = _record(self._exercise.id, q.path, "hint", hint=tier)
        next_call = f"{q.path}.hint({tier + 1})" if tier < n else ""
        return Hint(q.label, q.hints[tier - 1], tier, n, next_call, note, earlier=q.hints[: tier - 1])

    def widget(self, answer: Any = BLANK) -> Any:
        """An answer box for this question, to answer it without writing code.

        It suits the question: radio buttons to choose one option, checkboxes to
        choose several, a box for a number, a text or a date. "Check" checks your
        answer with the same check as ``check()`` (and puts it in the question's
        variable); "Show a hint" gives one hint more each time; "Show the answer"
        shows the answer. For a question in parts, one box for each part.

        Parameters
        ----------
        answer : optional
            An answer to fill in and check straight away (trainer editions use this).

        Returns
        -------
        ipywidgets.VBox
            The answer box. ``.outcome`` is the last check's outcome.

        Raises
        ------
        LabkitError
            If the question can only be answered in code.
        """
        from labkit.exercises._widget import answer_box, parts_box

        if self._parts:
            if answer is not BLANK:
                raise LabkitError(
                    f"{self._question.label} has parts; fill in each part's box.",
                    where=f"{self._question.path}.widget()",
                    fix=f"Use {self._question.name}.{self._question.parts[0].name}.widget(answer=...).",
                )
            return parts_box(self, [p.widget() for p in self._parts.values()])
        return answer_box(self, answer)

    def solution(self) -> Solution:
        """Show a worked solution. Try the hints first: you learn more by getting there yourself."""
        q = self._question
        if self._parts:
            raise LabkitError(
                f"{q.label} has parts, and each part has its own solution.",
                where=f"{q.path}.solution()",
                fix=f"Ask a part, for example {q.name}.{q.parts[0].name}.solution().",
            )
        note = _record(self._exercise.id, q.path, "solution")
        return Solution(q.label, q.solution, q.explanation, note)

    @property
    def prompt(self) -> str:
        """The question as text."""
        return self._question.prompt

    def __repr__(self) -> str:
        q = self._question
        if self._parts:
            parts = "\n".join(f"  ({p.name}) {_with_options(p)}" for p in q.parts)
            calls = listing([f"{q.name}.{p.name}.check()" for p in q.parts])
            return f"{q.label}: {q.prompt}\n{parts}\nCheck each part with {calls}."
        return f"{q.label}: {_with_options(q)}\nPut your answer in {q.variable}, then run {q.path}.check()."


def _with_options(question: Question) -> str:
    options = question.options_text()
    return f"{question.prompt}\n{options}" if options else question.prompt


class _NoSuchAttribute(LabkitError, AttributeError):
    """A LabkitError that is also an AttributeError, so hasattr() keeps working."""


# -- the registry of exercise sets ----------------------------------------------------------
def _normalise_id(exercise: Any) -> str:
    text = str(exercise).strip().lower()
    text = text.removeprefix("ex")
    if text.isdigit() and not isinstance(exercise, bool):
        return f"{int(text):02d}"
    return text


def list_exercise_sets() -> list[str]:
    """The ids of every exercise set in labkit, in order.

    Examples
    --------
    >>> "00" in list_exercise_sets()
    True
    """
    package = importlib.import_module(_CONTENT_PACKAGE)
    ids = []
    for info in pkgutil.iter_modules(package.__path__):
        match = re.fullmatch(r"ex(\d\d)", info.name)
        if match:
            ids.append(match.group(1))
    return sorted(ids)


def exercise_set(exercise: str | int) -> ExerciseSet:
    """The exercise set with this id (``"02"``, ``"ex02"`` or ``2``).

    Raises
    ------
    LabkitError
        If there is no such set; the message lists the sets there are.

    Examples
    --------
    >>> exercise_set("00").id
    '00'
    """
    wanted = _normalise_id(exercise)
    available = list_exercise_sets()
    if wanted not in available:
        raise LabkitError(
            f"There is no exercise set {exercise!r}.",
            where="exercise set id",
            fix=f"Use one of: {listing(available, 'or')}.",
        )
    module = importlib.import_module(f"{_CONTENT_PACKAGE}.ex{wanted}")
    found = getattr(module, "EXERCISES", None)
    if not isinstance(found, ExerciseSet) or found.id != wanted:
        raise LabkitError(
            f"The module {module.__name__} must define EXERCISES = ExerciseSet({wanted!r}, ...).",
            where=f"module {module.__name__}",
            fix="See docs/exercises.md, 'Add an exercise set'.",
        )
    return found


def all_questions() -> list[tuple[ExerciseSet, Question]]:
    """Every checkable question (or part) in every exercise set, for self-tests and benchmarks."""
    return [(s, leaf) for s in (exercise_set(i) for i in list_exercise_sets()) for leaf in s.leaves()]
