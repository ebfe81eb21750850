"""What a check, a hint or a solution shows: plain text for code and tests, HTML for Jupyter.

Outcomes never rely on colour alone: each carries a word and a symbol
("✓ Correct", "✗ Not yet", "… Not attempted"), and the HTML uses text colours
with at least 4.5:1 contrast on white.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from labkit._style import BORDER, DARK_GREEN, FOCUS_BLUE, GREEN, LIGHT_GREY, TEXT

__all__ = ["CORRECT", "NOT_ATTEMPTED", "NOT_YET", "Hint", "Outcome", "Solution"]

CORRECT = "correct"
NOT_YET = "not yet"
NOT_ATTEMPTED = "not attempted"

# (symbol and label, border colour, label colour). Label colours are GOV.UK colours with AA contrast on
# white; the border only repeats what the words say.
_LOOK = {
    CORRECT: ("✓ Correct", GREEN, DARK_GREEN),
    NOT_YET: ("✗ Not yet", FOCUS_BLUE, TEXT),
    NOT_ATTEMPTED: ("… Not attempted", BORDER, TEXT),
}

_BOX = (
    f"border-left:5px solid {{border}};padding:0.4rem 0.8rem;margin:0.3rem 0;background:{LIGHT_GREY};"
    f"color:{TEXT};font-family:Arial,Helvetica,sans-serif;line-height:1.4"
)


def _paragraphs(text: str) -> str:
    return "".join(f"<p style='margin:0.2rem 0'>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())


@dataclass(frozen=True)
class Outcome:
    """The result of checking one answer.

    Attributes
    ----------
    status : str
        ``"correct"``, ``"not yet"`` or ``"not attempted"``.
    message : str
        Plain-English feedback. A "not yet" message says what is wrong without
        giving the expected answer away.
    question : str
        The question's label, for example ``"Question 3 (a)"``.
    note : str
        One extra line, for example that progress was not saved. Empty if none.
    parts : tuple of Outcome
        For a question in parts, the outcome of each part.
    known_wrong : int
        For a "not yet", which of the question's known-wrong answers it was (1 for the first), or 0 if
        none. The progress log keeps it, so a trainer can see which mistakes are common.

    Examples
    --------
    >>> o = Outcome("not yet", "Your answer is text; the question asks for a number.", "Question 1")
    >>> o.status, bool(o)
    ('not yet', False)
    >>> print(o)
    ✗ Not yet. Question 1: Your answer is text; the question asks for a number.
    """

    status: str
    message: str
    question: str = ""
    note: str = ""
    parts: tuple[Outcome, ...] = field(default=())
    known_wrong: int = 0

    @property
    def correct(self) -> bool:
        """True when the answer is correct."""
        return self.status == CORRECT

    def __bool__(self) -> bool:
        return self.correct

    @property
    def label(self) -> str:
        """The symbol and word shown for the status, for example ``"✓ Correct"``."""
        return _LOOK[self.status][0]

    def __str__(self) -> str:
        head = f"{self.label}. {self.question}: " if self.question else f"{self.label}. "
        lines = [head + self.message]
        lines += [f"  {part}" for part in self.parts]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        label, border, colour = _LOOK[self.status]
        title = f"{html.escape(self.question)}: " if self.question else ""
        body = _paragraphs(self.message)
        parts = "".join(p._repr_html_() for p in self.parts)
        note = (
            f"<p style='margin:0.2rem 0;font-style:italic'>{html.escape(self.note)}</p>" if self.note else ""
        )
        return (
            f"<div class='labkit-outcome' role='status' style='{_BOX.format(border=border)}'>"
            f"<p style='margin:0.2rem 0'><strong style='color:{colour}'>{html.escape(label)}.</strong> "
            f"{title}</p>{body}{parts}{note}</div>"
        )


@dataclass(frozen=True)
class Hint:
    """A hint, with where it sits among the question's hints, and the gentler hints before it.

    ``q1.hint(2)`` shows hints 1 and 2, so a learner who asks for a bigger hint
    still sees the first (and a cell with ``q1.hint()`` then ``q1.hint(2)``,
    which shows only its last value, loses nothing).

    Examples
    --------
    >>> print(Hint("Question 1", "Add them.", 2, 2, earlier=("Look at both months.",)))
    Hint 1 of 2 for Question 1: Look at both months.
    Hint 2 of 2 for Question 1: Add them.
    """

    question: str
    text: str
    tier: int
    tiers: int
    next_call: str = ""
    note: str = ""
    earlier: tuple[str, ...] = ()

    def _numbered(self) -> list[tuple[int, str]]:
        return [*enumerate(self.earlier, start=1), (self.tier, self.text)]

    def __str__(self) -> str:
        lines = [f"Hint {n} of {self.tiers} for {self.question}: {text}" for n, text in self._numbered()]
        if self.next_call:
            lines.append(f"For a bigger hint, run {self.next_call}")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        more = (
            "<p style='margin:0.2rem 0'>For a bigger hint, run "
            f"<code>{html.escape(self.next_call)}</code></p>"
            if self.next_call
            else ""
        )
        note = (
            f"<p style='margin:0.2rem 0;font-style:italic'>{html.escape(self.note)}</p>" if self.note else ""
        )
        hints = "".join(
            f"<p style='margin:0.2rem 0'><strong>Hint {n} of {self.tiers}</strong> "
            f"for {html.escape(self.question)}</p>{_paragraphs(text)}"
            for n, text in self._numbered()
        )
        return f"<div class='labkit-hint' style='{_BOX.format(border=BORDER)}'>{hints}{more}{note}</div>"


@dataclass(frozen=True)
class Solution:
    """A worked solution: the code (or, for a widget, the answer in words) and, optionally, why it works."""

    question: str
    code: str
    explanation: str = ""
    note: str = ""
    answer: str = ""

    def __str__(self) -> str:
        lines = [f"Solution for {self.question}:", "", self.answer.strip() or self.code.strip()]
        if self.explanation:
            lines += ["", self.explanation]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        expl = _paragraphs(self.explanation) if self.explanation else ""
        note = (
            f"<p style='margin:0.2rem 0;font-style:italic'>{html.escape(self.note)}</p>" if self.note else ""
        )
        shown = (
            _paragraphs(self.answer)
            if self.answer.strip()
            else f"<pre style='background:#fff;color:{TEXT};padding:0.4rem;white-space:pre-wrap'>"
            f"{html.escape(self.code.strip())}</pre>"
        )
        return (
            f"<div class='labkit-solution' style='{_BOX.format(border=BORDER)}'>"
            f"<p style='margin:0.2rem 0'><strong>Solution</strong> for {html.escape(self.question)}</p>"
            f"{shown}{expl}{note}</div>"
        )
