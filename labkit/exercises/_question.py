"""Questions: what the learner is asked, how the answer is checked, hints, solution, known-wrong answers."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from labkit._errors import LabkitError
from labkit._text import listing
from labkit.exercises._checks import Check, same_answer
from labkit.exercises._context import Context, MissingVariable
from labkit.exercises._outcome import CORRECT, NOT_ATTEMPTED, NOT_YET, Outcome

__all__ = ["BLANK", "TRACKS", "WIDGETS", "Blank", "Question", "Wrong"]

WIDGETS = ("choice", "choices", "number", "text", "truefalse", "date", "month")
"""The answer boxes a question can be answered with, without code (see :meth:`Question.widget_kind`)."""

TRACKS = ("everyone", "developer")
"""Who a question is for: everyone (answered without code, with a widget) or the capable developer track."""


class Blank:
    """The placeholder ``____`` a learner replaces with their answer.

    Any answer that is still the placeholder counts as "not attempted".
    """

    _instance: Blank | None = None

    def __new__(cls) -> Blank:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


BLANK = Blank()


@dataclass(frozen=True)
class Wrong:
    """A known-wrong answer, and optionally what to tell a learner who gives it.

    Parameters
    ----------
    value : object or function of the data
        The wrong answer, or a function returning it for this learner's data
        (for example ``lambda repairs: len(repairs)`` for "counted every row").
    reason : str, optional
        Specific, kind feedback for a learner who gives this answer. Never put
        the right answer in it. Without a reason the check's own feedback is used.

    Examples
    --------
    >>> w = Wrong(lambda repairs: len(repairs), "That counts every repair, not only those without a UPRN.")
    >>> w.reason.startswith("That counts")
    True
    """

    value: Any
    reason: str = ""


def _options(options: Any, where: str) -> dict[Any, str]:
    if options is None:
        return {}
    if isinstance(options, Mapping):
        found = {key: str(label) for key, label in options.items()}
    elif isinstance(options, Sequence) and not isinstance(options, (str, bytes)):
        found = {option: str(option) for option in options}
    else:
        found = {}
    if len(found) < 2 or not all(str(label).strip() for label in found.values()):
        raise LabkitError(
            "options must list two or more options, each with a label.",
            where=where,
            fix='Pass a mapping such as {"A": "Get their data in order", "B": "..."} or a list of options.',
        )
    return found


def _kind_of_constant(value: Any) -> str | None:
    from labkit.exercises._describe import as_number, is_bool

    if is_bool(value):
        return "truefalse"
    if as_number(value) is not None:
        return "number"
    if isinstance(value, str):
        return "text"
    return None


def _number_text(value: Any) -> str:
    from labkit.exercises._describe import as_number

    number = as_number(value)
    if number is None:
        return str(value)
    if isinstance(number, int) or float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,.4g}" if abs(number) < 1000 else f"{number:,.2f}"


def _option_key(value: Any, options: Mapping[Any, str]) -> Any:
    """The option key that ``value`` stands for (text compared loosely), or ``value`` itself."""
    from labkit.exercises._checks import same_answer

    return next((key for key in options if same_answer(value, key)), value)


def _is_name(text: Any) -> bool:
    return isinstance(text, str) and text.isidentifier() and not keyword.iskeyword(text)


class Question:
    """One question of an exercise set, or a question in parts.

    Parameters
    ----------
    name : str
        ``"q1"``, ``"q2"``, ...; for a part, a short name such as ``"a"``.
    prompt : str
        The question as the learner reads it, in plain English.
    variable : str
        The notebook variable the learner puts their answer in.
    check : Check
        How the answer is checked, for example ``Equals(lambda repairs: len(repairs))``.
    hints : sequence of str
        One or more hints, from a gentle nudge to nearly the answer.
    solution : str
        Code that answers the question (shown by ``solution()``).
    wrong : sequence of Wrong or values
        At least one known-wrong answer. The self-test proves each gets "not
        yet" and that its feedback never contains the right answer.
    explanation : str, optional
        Why the solution is right, shown under it.
    parts : sequence of Question, optional
        For a question in parts (``q3.a``, ``q3.b``): the parts. A question with
        parts has no variable, check, hints, solution or wrong answers itself.
    options : mapping or sequence, optional
        The options of a multiple-choice question: a mapping of key to label
        (``{"A": "Get their data in order", ...}``), or a list of options that
        are their own labels (``["Accuracy", "Validity", ...]``). The learner
        answers with a key. They are listed under the prompt, and become the
        radio buttons or checkboxes of the question's widget.
    widget : str, optional
        The answer box of :meth:`BoundQuestion.widget`: ``"choice"`` (one
        option), ``"choices"`` (a set of options), ``"number"``, ``"text"``,
        ``"truefalse"``, ``"date"`` (YYYY-MM-DD) or ``"month"`` (YYYY-MM). By
        default it follows the options and the check (see :meth:`widget_kind`).
    track : str, default "everyone"
        ``"everyone"`` for a question anyone can answer without code, with its
        widget, or ``"developer"`` for the capable developer track.

    Examples
    --------
    >>> from labkit.exercises import Equals
    >>> q = Question("q1", "How many repairs are there?", variable="n_repairs",
    ...              check=Equals(lambda repairs: len(repairs), kind="a count of repairs"),
    ...              hints=["len() counts rows."], solution="n_repairs = len(repairs)",
    ...              wrong=[Wrong(0, "Zero means no repairs were counted.")])
    >>> q.evaluate(Context(data={"repairs": [1, 2, 3]}), 3).status
    'correct'
    """

    def __init__(
        self,
        name: str,
        prompt: str,
        *,
        variable: str | None = None,
        check: Check | None = None,
        hints: Sequence[str] = (),
        solution: str = "",
        wrong: Sequence[Any] = (),
        explanation: str = "",
        parts: Sequence[Question] = (),
        options: Mapping[Any, str] | Sequence[Any] | None = None,
        widget: str | None = None,
        track: str = "everyone",
    ) -> None:
        where = f"question {name!r}"
        if not _is_name(name):
            raise LabkitError(
                f"A question name must be a short Python name such as 'q1' or 'a', not {name!r}.",
                where=where,
                fix="Name questions q1, q2, ... and parts a, b, ...",
            )
        if not isinstance(prompt, str) or not prompt.strip():
            raise LabkitError("Every question needs a prompt.", where=where, fix="Pass prompt='...'.")
        self.name = name
        self.prompt = prompt.strip()
        self.parts: tuple[Question, ...] = tuple(parts)
        self.parent: Question | None = None
        if track not in TRACKS:
            raise LabkitError(
                f"track must be one of {listing([repr(t) for t in TRACKS], 'or')}, not {track!r}.",
                where=where,
                fix='Use track="developer" for a capable developer question; leave it out otherwise.',
            )
        self.track = track
        self.options = _options(options, where)
        if widget is not None and widget not in WIDGETS:
            raise LabkitError(
                f"{widget!r} is not a kind of answer box.",
                where=where,
                fix=f"Use one of: {listing([repr(k) for k in WIDGETS], 'or')}; or leave widget out.",
            )
        if widget in ("choice", "choices") and not self.options:
            raise LabkitError(
                f"A {widget!r} answer box needs the options to choose from.",
                where=where,
                fix='Pass options={"A": "...", "B": "..."}, or a list of options.',
            )
        self._widget = widget
        if self.parts:
            if any(v for v in (variable, check, hints, solution, wrong, options, widget)):
                raise LabkitError(
                    "A question in parts keeps its variable, check, hints, solution and wrong answers "
                    "in its parts.",
                    where=where,
                    fix="Move them (and any options or widget) into the Question objects passed as parts.",
                )
            seen: set[str] = set()
            for part in self.parts:
                if not isinstance(part, Question) or part.parts:
                    raise LabkitError(
                        "Each part must be a Question without parts of its own.",
                        where=where,
                        fix="Use one level.",
                    )
                if part.name in seen:
                    raise LabkitError(
                        f"Two parts are named {part.name!r}.", where=where, fix="Name parts a, b, c."
                    )
                seen.add(part.name)
                part.parent = self
            self.variable = None
            self.check = None
            self.hints: tuple[str, ...] = ()
            self.solution = ""
            self.wrong: tuple[Wrong, ...] = ()
            self.explanation = ""
            return
        if not _is_name(variable):
            raise LabkitError(
                f"The answer variable must be a Python name, not {variable!r}.",
                where=where,
                fix="Pass variable='missing_uprn' (the name the learner assigns their answer to).",
            )
        if not isinstance(check, Check):
            raise LabkitError(
                "Every question needs a check.",
                where=where,
                fix="Pass check=Equals(...), SetEquals(...), InRange(...), ... (see docs/exercises.md).",
            )
        if isinstance(hints, str) or not hints or not all(isinstance(h, str) and h.strip() for h in hints):
            raise LabkitError(
                "Every question needs at least one hint, as a list of text.",
                where=where,
                fix='Pass hints=["A gentle nudge.", "A bigger hint."].',
            )
        if not isinstance(solution, str) or not solution.strip():
            raise LabkitError(
                "Every question needs a solution (code).", where=where, fix="Pass solution='...'."
            )
        if isinstance(wrong, (str, bytes)) or not isinstance(wrong, Sequence) or len(wrong) == 0:
            raise LabkitError(
                "Every question needs at least one known-wrong answer, so the self-test can prove that "
                "wrong answers get 'not yet' without giving the answer away.",
                where=where,
                fix="Pass wrong=[Wrong(value, 'why it is wrong')], a mistake a learner is likely to make.",
            )
        self.variable = variable
        self.check = check
        self.hints = tuple(h.strip() for h in hints)
        self.solution = solution.strip()
        self.wrong = tuple(w if isinstance(w, Wrong) else Wrong(w) for w in wrong)
        self.explanation = explanation.strip()

    # -- naming -----------------------------------------------------------------------
    @property
    def path(self) -> str:
        """The full name: ``"q3"`` or ``"q3.a"``."""
        return f"{self.parent.name}.{self.name}" if self.parent else self.name

    @property
    def label(self) -> str:
        """A readable label: ``"Question 3"`` or ``"Question 3 (a)"``."""
        if self.parent:
            return f"{self.parent.label} ({self.name})"
        number = self.name[1:] if self.name.startswith("q") and self.name[1:].isdigit() else self.name
        return f"Question {number}"

    def leaves(self) -> list[Question]:
        """This question, or its parts."""
        return list(self.parts) if self.parts else [self]

    # -- answering without code -------------------------------------------------------
    def _static_widget_kind(self) -> str | None:
        from labkit.exercises._checks import Equals, InRange, OneOf, SetEquals

        if self._widget:
            return self._widget
        if self.options:
            if isinstance(self.check, SetEquals):
                return "choices"
            if isinstance(self.check, Equals) and _kind_of_constant(self.check.expected) == "truefalse":
                return "truefalse"
            return "choice"
        if isinstance(self.check, InRange):
            return "number"
        if isinstance(self.check, OneOf) and self.check.choices:
            return "choice"
        if isinstance(self.check, Equals) and not callable(self.check.expected):
            return _kind_of_constant(self.check.expected)
        return None

    def widget_kind(self, ctx: Context | None = None) -> str | None:
        """The answer box this question is answered with, or None if it can only be answered in code.

        Declared with ``widget=``; otherwise ``"choices"`` for options checked with
        :class:`SetEquals`, ``"choice"`` for other options, and for an :class:`Equals`
        check the kind of its expected value (worked out for this learner's data).

        Examples
        --------
        >>> from labkit.exercises import Equals
        >>> Question("q1", "How many?", variable="n", check=Equals(3), hints=["Count."],
        ...          solution="n = 3", wrong=[2]).widget_kind()
        'number'
        """
        from labkit.exercises._checks import Equals, OneOf

        if self.parts:
            return None
        kind = self._static_widget_kind()
        if kind is None and ctx is not None and isinstance(self.check, Equals):
            try:
                kind = _kind_of_constant(ctx.resolve(self.check.expected))
            except Exception:
                kind = None
        if kind is None and isinstance(self.check, OneOf):
            kind = "text"
        return kind

    def choice_options(self) -> dict[Any, str]:
        """The options of a choice or choices answer box: the declared options, else the check's choices."""
        if self.options:
            return dict(self.options)
        choices = getattr(self.check, "choices", None) or []
        return {choice: str(choice) for choice in choices}

    def right_answer(self, ctx: Context) -> Any:
        """One right answer for this learner's data, or BLANK if the check cannot give one.

        Used to show the answer in a widget's "Show the answer" and by the self-test.
        """
        if self.check is None:
            return BLANK
        try:
            return self.check.right_answer(ctx)
        except Exception:
            return BLANK

    def right_answer_text(self, ctx: Context) -> str:
        """The right answer in words, for someone who answered with the widget (empty if unknown)."""
        from labkit.exercises._checks import InRange

        if isinstance(self.check, InRange):
            try:
                low, high = ctx.resolve(self.check.low), ctx.resolve(self.check.high)
            except Exception:
                return ""
            return f"Any number from {_number_text(low)} to {_number_text(high)}."
        answer = self.right_answer(ctx)
        if answer is BLANK:
            return ""
        kind = self.widget_kind(ctx)
        if kind == "choices":
            labels = [self.shown_label(_option_key(item, self.choice_options())) for item in answer]
            return "\n".join(["The right options are:", *labels])
        if kind == "choice":
            label = self.shown_label(_option_key(answer, self.choice_options()))
            return f"The right answer is {label.rstrip('.')}."
        if kind == "truefalse":
            label = self.options.get(bool(answer), str(bool(answer))) if self.options else str(bool(answer))
            return f"The right answer is {label.rstrip('.')}."
        if kind == "number":
            return f"The right answer is {_number_text(answer)}."
        return f"The right answer is {answer}."

    def options_text(self) -> str:
        """The options, one a line (``A. Get their data in order``), or empty text if there are none."""
        return "\n".join(self.option_label(key) for key in self.options)

    def option_label(self, key: Any) -> str:
        """How one option reads: ``"A. Get their data in order"``, or the option itself."""
        label = self.options.get(key, str(key))
        return label if label == str(key) else f"{key}. {label}"

    def shown_label(self, key: Any) -> str:
        """An option as an answer box shows it: "A. text" for a letter, the text alone otherwise.

        A key like "yes", "T1" or "primword" is for code; a learner using the box reads the option's
        words only, so it never reads "yes. Yes: ..." or "primword. Primword Answers".
        """
        text = str(self.options.get(key, key))
        shown = str(key)
        if len(shown) <= 2 and not re.match(rf"{re.escape(shown)}\b", text, flags=re.IGNORECASE):
            return self.option_label(key)
        return text

    # -- checking ---------------------------------------------------------------------
    def evaluate(self, ctx: Context, answer: Any = BLANK) -> Outcome:
        """Check ``answer`` (a leaf question) for this context, without logging anything.

        Never raises: anything unexpected becomes a "not yet" that says what kind
        of answer the question asks for.
        """
        if self.parts:
            raise LabkitError(
                f"{self.label} has parts; evaluate each part.",
                where=f"question {self.path}",
                fix="Use .parts.",
            )
        assert self.check is not None and self.variable is not None
        if answer is BLANK or answer is Ellipsis:
            return Outcome(NOT_ATTEMPTED, self._not_attempted(ctx), self.label)
        try:
            message = self.check.verify(answer, ctx)
        except MissingVariable as missing:
            return Outcome(
                NOT_ATTEMPTED,
                f"This question uses your variable {missing.name!r}, which is not set yet. "
                "Run the cells above this one first.",
                self.label,
            )
        except Exception:
            message = self._fallback(answer, ctx)
        if message is None:
            return Outcome(CORRECT, self._praise(), self.label)
        matched = 0  # which known-wrong answer this is (its reason wins over one without a reason)
        for number, known in enumerate(self.wrong, start=1):
            try:
                hit = same_answer(answer, ctx.resolve(known.value))
            except Exception:
                continue
            if hit and known.reason:
                matched, message = number, known.reason
                break
            if hit and not matched:
                matched = number
        return Outcome(NOT_YET, message, self.label, known_wrong=matched)

    def prepare(self, ctx: Context) -> None:
        """Work out now, and cache, the expected and known-wrong answers that depend on the data alone.

        Called when a set is bound, so that checks answer quickly later. Never raises.
        """
        for leaf in self.leaves():
            for value in leaf.check.references():  # type: ignore[union-attr]
                ctx.prepare(value)
            for known in leaf.wrong:
                ctx.prepare(known.value)

    def _kind(self, ctx: Context) -> str:
        try:
            return self.check.describe_kind(ctx)  # type: ignore[union-attr]
        except Exception:
            return "an answer"

    def _fallback(self, answer: Any, ctx: Context) -> str:
        from labkit.exercises._describe import describe

        return (
            f"labkit could not check this answer. The question asks for {self._kind(ctx)}; "
            f"your answer is {describe(answer)}."
        )

    def _not_attempted(self, ctx: Context) -> str:
        return (
            f"Put your answer in {self.variable}: replace ____ with {self._kind(ctx)}, "
            "then run this cell again."
        )

    def _praise(self) -> str:
        return "Well done." if not self.explanation else f"Well done. {self.explanation}"

    def __repr__(self) -> str:
        return f"Question({self.path!r}, {self.prompt[:60]!r})"
