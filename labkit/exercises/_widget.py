"""Answer a question without code: an answer box built from the question's declaration.

``q1.widget()`` shows the question, a control suited to its answer (radio
buttons, checkboxes, a box for a number, text or a date), and three buttons:
"Check", "Show a hint" and "Show the answer". The box is thin: "Check" puts the
answer in the question's variable and checks it with the same engine as
``q1.check()``, with the same feedback and the same progress log (the event
records ``via: "widget"``). Nothing here decides whether an answer is right.

Turning what a control holds into an answer (:func:`read_answer`) and an answer
into what a control shows (:func:`control_value`) are plain functions, so they
are tested without a browser.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from labkit._errors import LabkitError
from labkit._widgets import mark_output, mark_staged, mark_widget
from labkit.exercises._checks import same_answer
from labkit.exercises._describe import as_number, is_bool
from labkit.exercises._outcome import NOT_ATTEMPTED, NOT_YET, Outcome
from labkit.exercises._question import BLANK

if TYPE_CHECKING:  # pragma: no cover
    from labkit.exercises._set import BoundQuestion

__all__ = [
    "AnswerBox",
    "Unreadable",
    "answer_box",
    "control_value",
    "parse_number",
    "parts_box",
    "read_answer",
]

_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")

_PLACEHOLDER = {
    "number": "A number, for example 12 or 0.25",
    "text": "Type your answer",
    "month": "YYYY-MM, for example 2019-01",
}

_INSTRUCTION = {
    "choice": "Choose one answer, then press Check.",
    "choices": "Tick every answer that applies, then press Check.",
    "number": "Type a number, then press Check.",
    "text": "Type your answer, then press Check.",
    "truefalse": "Choose True or False, then press Check.",
    "date": "Choose a date, then press Check.",
    "month": "Type a month as YYYY-MM (for example 2019-01), then press Check.",
}


@dataclass(frozen=True)
class Unreadable:
    """What a control holds cannot be an answer of this kind; ``message`` says what to type instead."""

    message: str


def parse_number(text: str) -> int | float | None:
    """A number typed in a box, or None if the text is not a number.

    Accepts thousands separators, a leading pound sign, and a percentage
    (``"25%"`` is 0.25).

    Examples
    --------
    >>> parse_number("1,250"), parse_number(" 0.25 "), parse_number("25%"), parse_number("£3.50")
    (1250, 0.25, 0.25, 3.5)
    >>> parse_number("about 12") is None
    True
    """
    raw = str(text).strip().replace(" ", "")
    percent = raw.endswith("%")
    raw = raw.removesuffix("%")
    sign = "-" if raw.startswith("-") else ""
    raw = sign + raw.lstrip("+-").removeprefix("£")
    if not raw or raw in {"+", "-", "."} or not _NUMBER.match(raw):
        return None
    digits = raw.replace(",", "")
    number: int | float = float(digits) if "." in digits else int(digits)
    if percent:
        return number / 100
    return number


def read_answer(kind: str, raw: Any) -> Any:
    """The answer a control's value stands for: the answer, :data:`BLANK` if empty, or :class:`Unreadable`.

    Examples
    --------
    >>> read_answer("number", "1,250")
    1250
    >>> read_answer("number", "")
    ____
    >>> read_answer("choices", ("A", "C"))
    ['A', 'C']
    """
    if kind in ("choice", "truefalse"):
        return BLANK if raw is None else raw
    if kind == "choices":
        return list(raw) if raw else BLANK
    if kind == "date":
        return raw.isoformat() if isinstance(raw, _dt.date) else BLANK
    text = "" if raw is None else str(raw).strip()
    if not text:
        return BLANK
    if kind == "number":
        number = parse_number(text)
        if number is None:
            return Unreadable(
                "Type a number only, with no words, for example 12, 1,250 or 0.25. "
                "A percentage such as 25% counts as 0.25."
            )
        return number
    return " ".join(text.split())


def _key(value: Any, options: Mapping[Any, str]) -> Any:
    for key in options:
        if same_answer(value, key):
            return key
    raise LabkitError(
        f"{value!r} is not one of the options.",
        where="the answer box",
        fix=f"Use one of: {', '.join(repr(k) for k in options)}.",
    )


def control_value(kind: str, answer: Any, options: Mapping[Any, str] | None = None) -> Any:
    """What a control shows for ``answer``; raises LabkitError if the control cannot show it.

    Examples
    --------
    >>> control_value("choices", ["c", "a"], {"A": "One", "B": "Two", "C": "Three"})
    ('A', 'C')
    >>> control_value("number", 0.25)
    '0.25'
    """
    options = options or {}
    if answer is BLANK:
        return {"choice": None, "truefalse": None, "choices": (), "date": None}.get(kind, "")
    if kind == "choice":
        return _key(answer, options)
    if kind == "choices":
        if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
            raise LabkitError(
                "A choices box needs a list of options.", where="the answer box", fix='Pass ["A", "C"].'
            )
        keys = {_key(item, options) for item in answer}
        return tuple(key for key in options if key in keys)
    if kind == "truefalse":
        if not is_bool(answer):
            raise LabkitError(
                "A True/False box needs True or False.", where="the answer box", fix="Pass True."
            )
        return bool(answer)
    if kind == "number":
        number = as_number(answer)
        if number is None:
            raise LabkitError("A number box needs a number.", where="the answer box", fix="Pass 12 or 0.25.")
        return repr(number) if isinstance(number, float) else str(number)
    if kind == "date":
        try:
            return _dt.date.fromisoformat(str(answer))
        except ValueError:
            raise LabkitError(
                "A date box needs a date written YYYY-MM-DD.",
                where="the answer box",
                fix="Pass '2024-04-01'.",
            ) from None
    if not isinstance(answer, str):
        raise LabkitError("A text box needs text.", where="the answer box", fix="Pass the answer in quotes.")
    return answer


def _heading(label: str, prompt: str, instruction: str) -> w.HTML:
    paragraphs = "".join(f"<p style='margin:0.2rem 0'>{html.escape(p)}</p>" for p in prompt.split("\n") if p)
    return w.HTML(
        f"<div class='labkit-question'><p style='margin:0.2rem 0'><strong>{html.escape(label)}</strong></p>"
        f"{paragraphs}<p style='margin:0.2rem 0'><em>{html.escape(instruction)}</em></p></div>",
        layout=w.Layout(width="100%"),
    )


class AnswerBox(w.VBox):
    """The answer box of one question (or part): its control, three buttons and the feedback area.

    Built by ``q1.widget()``. For tests and trainers: :meth:`set_answer` fills it in,
    :meth:`check` (or ``check_button.click()``) checks it, and :attr:`outcome` is the
    last outcome.
    """

    def __init__(self, bound: BoundQuestion, kind: str) -> None:
        question = bound._question
        self.bound = bound
        self.kind = kind
        self.options = question.choice_options() if kind in ("choice", "choices") else dict(question.options)
        self.outcome: Outcome | None = None
        self._hints_shown = 0
        self.control, self._checkboxes = self._make_control(question.label)
        self.check_button = w.Button(description="Check", tooltip=f"Check your answer to {question.label}")
        self.hint_button = w.Button(description="Show a hint", tooltip=f"A hint for {question.label}")
        self.solution_button = w.Button(
            description="Show the answer", tooltip=f"The answer to {question.label}, and why"
        )
        for button in (self.check_button, self.hint_button, self.solution_button):
            button.layout = w.Layout(width="auto")
        self.output = mark_output(w.Output())
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.show_hint())
        self.solution_button.on_click(lambda _: self.show_solution())
        buttons = w.HBox(
            [self.check_button, self.hint_button, self.solution_button], layout=w.Layout(flex_flow="row wrap")
        )
        prompt = question.prompt if kind in ("choice", "choices") else _with_options(question)
        super().__init__(
            [_heading(question.label, prompt, _INSTRUCTION[kind]), self.control, buttons, self.output],
            layout=w.Layout(margin="0.3rem 0 0.8rem 0"),
        )
        mark_widget(self, "question")

    def _make_control(self, label: str) -> tuple[Any, list[Any]]:
        described = {"description": "Your answer", "style": {"description_width": "initial"}}
        if self.kind == "choice":
            options = [(self._label(key), key) for key in self.options]
            control = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto"), **described)
            return mark_staged(control), []
        if self.kind == "truefalse":
            names = self.options or {True: "True", False: "False"}
            control = w.RadioButtons(
                options=[(names.get(True, "True"), True), (names.get(False, "False"), False)],
                value=None,
                layout=w.Layout(width="auto"),
                **described,
            )
            return mark_staged(control), []
        if self.kind == "choices":
            boxes = [
                mark_staged(
                    w.Checkbox(
                        value=False, description=self._label(key), indent=False, layout=w.Layout(width="auto")
                    )
                )
                for key in self.options
            ]
            return w.VBox(boxes, layout=w.Layout(width="100%")), boxes
        if self.kind == "date":
            return mark_staged(w.DatePicker(value=None, **described)), []
        control = w.Text(
            value="", placeholder=_PLACEHOLDER.get(self.kind, ""), layout=w.Layout(width="24rem"), **described
        )
        return mark_staged(control), []

    def _label(self, key: Any) -> str:
        """An option as the box shows it (see ``Question.shown_label``)."""
        return self.bound._question.shown_label(key)

    # -- reading and filling in -----------------------------------------------------------
    @property
    def raw(self) -> Any:
        """What the control holds now."""
        if self.kind == "choices":
            return tuple(key for key, box in zip(self.options, self._checkboxes, strict=True) if box.value)
        return self.control.value

    @property
    def answer(self) -> Any:
        """The answer the control holds: a value, BLANK when empty, or :class:`Unreadable`."""
        return read_answer(self.kind, self.raw)

    def set_answer(self, answer: Any) -> None:
        """Fill in the control with ``answer`` (raises LabkitError if this box cannot show it)."""
        value = control_value(self.kind, answer, self.options)
        if self.kind == "choices":
            for key, box in zip(self.options, self._checkboxes, strict=True):
                box.value = key in value
        else:
            self.control.value = value

    # -- the buttons ----------------------------------------------------------------------
    def check(self) -> Outcome:
        """Check the answer in the box, as the "Check" button does, and show the outcome."""
        question = self.bound._question
        answer = self.answer
        if isinstance(answer, Unreadable):
            outcome = Outcome(NOT_YET, answer.message, question.label)
        else:
            self.bound._ctx.namespace[question.variable] = answer  # type: ignore[index]
            outcome = question.evaluate(self.bound._ctx, answer)
            if outcome.status == NOT_ATTEMPTED:
                # The engine's words are for code ("replace ____ ..."); in a box, say what to do in it.
                outcome = replace(outcome, message=f"Nothing is in the box yet. {_INSTRUCTION[self.kind]}")
        self.outcome = self.bound._logged(outcome, via="widget")
        self._show(self.outcome)
        return self.outcome

    def show_hint(self) -> Any:
        """Show one hint more than before (with the earlier ones), as "Show a hint" does."""
        tiers = len(self.bound._question.hints)
        self._hints_shown = min(self._hints_shown + 1, tiers)
        hint = self.bound.hint(self._hints_shown)
        hint = replace(hint, next_call="")
        if self._hints_shown >= tiers:
            self.hint_button.description = "No more hints"
            self.hint_button.disabled = True
        else:
            self.hint_button.description = "Show a bigger hint"
        self._show(hint)
        return hint

    def show_solution(self) -> Any:
        """Show the answer in words (and why), as "Show the answer" does."""
        solution = self.bound.solution()
        words = self.bound._question.right_answer_text(self.bound._ctx)
        if words:
            solution = replace(solution, answer=words)
        self._show(solution)
        return solution

    def _show(self, shown: Any) -> None:
        self.output.outputs = ()
        self.output.append_display_data(shown)

    def __repr__(self) -> str:
        label = self.bound._question.label
        if self.outcome is None:
            return f"Answer box for {label}. {_INSTRUCTION[self.kind]}"
        return f"Answer box for {label}, checked: {self.outcome.label}."


def _with_options(question: Any) -> str:
    options = question.options_text()
    return f"{question.prompt}\n{options}" if options else question.prompt


def answer_box(bound: BoundQuestion, answer: Any = BLANK) -> AnswerBox:
    """The answer box of one question; filled in and checked if ``answer`` is given."""
    question = bound._question
    kind = question.widget_kind(bound._ctx)
    if kind is None:
        raise LabkitError(
            f"{question.label} is answered in code, so it has no answer box.",
            where=f"{question.path}.widget()",
            fix=f"Put your answer in {question.variable}, then run {question.path}.check().",
        )
    box = AnswerBox(bound, kind)
    if answer is not BLANK:
        box.set_answer(answer)
        box.check()
        return box
    earlier = bound._ctx.namespace.get(question.variable, BLANK)  # type: ignore[arg-type]
    if earlier is not BLANK:
        # An answer typed in code that this box cannot show (text for a number, ...) leaves it empty.
        with contextlib.suppress(LabkitError):
            box.set_answer(earlier)
    return box


class PartsBox(w.VBox):
    """The answer boxes of a question in parts, under the question's prompt."""

    def __init__(self, bound: BoundQuestion, boxes: list[AnswerBox]) -> None:
        question = bound._question
        self.boxes = boxes
        intro = _heading(question.label, question.prompt, "Answer each part and press its Check button.")
        super().__init__([intro, *boxes])
        mark_widget(self, "question")

    def __repr__(self) -> str:
        parent = self.boxes[0].bound._question.parent
        return f"Answer boxes for the {len(self.boxes)} parts of {parent.label if parent else 'a question'}."


def parts_box(bound: BoundQuestion, boxes: list[AnswerBox]) -> PartsBox:
    """The answer boxes of a question in parts."""
    return PartsBox(bound, boxes)
