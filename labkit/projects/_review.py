"""``review(canvas)``: find the classic failures of a problem canvas, worded as advice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from labkit._report import Report, Section, Table
from labkit._text import listing
from labkit.projects._canvas import MONITOR_MEASURES, ProblemCanvas, require_canvas

__all__ = ["FINDING_CODES", "CanvasReview", "Finding", "review"]

# Words that name a technology rather than a need. Matched as whole words; "AI" only in capitals.
_SOLUTION_WORDS = (
    "chatbot",
    "chat bot",
    "artificial intelligence",
    "machine learning",
    "algorithm",
    "model",
    "app",
    "software",
    "platform",
    "dashboard",
    "predictive",
    "automation",
    "automate",
    "robot",
    "portal",
    "system",
    "tool",
    "we need a",
    "buy",
    "procure",
)
_SOLUTION_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in _SOLUTION_WORDS) + r")s?\b", re.IGNORECASE)
_AI_RE = re.compile(r"\b(AI|ML|LLM|GPT|RPA)\b")

FINDING_CODES = {
    "solution_not_problem": "the need names a solution, not a problem",
    "no_baseline": "no measured baseline",
    "no_success_measure": "no success measure",
    "unmeasurable_measure": "a success measure that cannot be measured",
    "no_stop_rule": "no stop rule",
    "no_no_ai_option": "no option without AI",
    "no_accountable_owner": "no one accountable",
    "unknown_stop_measure": "a stop rule on a measure nobody computes",
    "no_human_involvement": "human involvement not described",
    "benefit_without_range": "a benefit without its uncertainty",
    "data_not_audited": "data with no quality audit",
}
"""Every finding ``review`` can make, by code."""


@dataclass(frozen=True)
class Finding:
    """One piece of advice about a canvas.

    ``level`` is ``"fix"`` (a classic failure: fix before going further) or ``"consider"``.
    """

    code: str
    level: str
    where: str
    advice: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "level": self.level, "where": self.where, "advice": self.advice}


class CanvasReview(Report):
    """The result of :func:`review`: findings worded as advice, and whether the canvas is ready.

    Attributes
    ----------
    findings : list of Finding
    ready : bool
        True when no finding is at level "fix".
    codes : set of str
        The codes of the findings (see :data:`FINDING_CODES`).
    """

    kind = "CanvasReview"

    def __init__(self, canvas: ProblemCanvas, findings: list[Finding]) -> None:
        import pandas as pd

        self.canvas = canvas
        self.findings = findings
        self.ready = not any(f.level == "fix" for f in findings)
        self.codes = {f.code for f in findings}
        fixes = [f for f in findings if f.level == "fix"]
        considers = [f for f in findings if f.level == "consider"]
        if not findings:
            summary = (
                f"The canvas '{canvas.title}' has none of the classic failures: the need is stated as a "
                "problem, with a measured baseline, measurable targets, stop rules, an option without AI "
                "and an accountable owner."
            )
        elif self.ready:
            summary = (
                f"The canvas '{canvas.title}' has none of the classic failures. "
                f"{len(considers)} point(s) to consider: "
                f"{listing([FINDING_CODES[f.code] for f in considers])}."
            )
        else:
            summary = (
                f"The canvas '{canvas.title}' is not ready: fix {len(fixes)} point(s) before going further "
                f"({listing(sorted({FINDING_CODES[f.code] for f in fixes}))})."
                + (f" Also consider {len(considers)} more." if considers else "")
            )
        frame = pd.DataFrame(
            [
                {"level": f.level, "finding": FINDING_CODES[f.code], "where": f.where, "advice": f.advice}
                for f in findings
            ],
            columns=["level", "finding", "where", "advice"],
        )
        sections = [
            Section(
                "Findings",
                "Each finding says what to change. 'fix' marks a classic failure; 'consider' marks advice."
                if findings
                else "No findings.",
                tables=[Table("Findings about the canvas", frame)] if findings else [],
            )
        ]
        super().__init__(f"Canvas review: {canvas.title}", summary, sections, frame)

    def _extra_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, "findings": [f.to_dict() for f in self.findings]}


def solution_words(text: str) -> list[str]:
    """The words in ``text`` that name a technology rather than a need (empty when none).

    Examples
    --------
    >>> solution_words("We need a chatbot to answer council tax questions.")
    ['we need a', 'chatbot']
    >>> solution_words("Tenants cannot find out when their repair will be done.")
    []
    """
    found = [m.group(1).lower() for m in _SOLUTION_RE.finditer(text)]
    found += [m.group(1) for m in _AI_RE.finditer(text)]
    return list(dict.fromkeys(found))


def review(canvas: ProblemCanvas) -> CanvasReview:
    """Check a problem canvas for the classic failures of council technology projects.

    It looks for a solution stated instead of a problem ("we need a chatbot"), no measured baseline, no
    success measure or one that cannot be measured (no unit, baseline, target or way to measure it), no
    stop rule, no option without AI, no one accountable, and a stop rule on a measure nobody computes.
    Softer advice ("consider") covers human involvement, benefits without a range and data without a
    quality audit.

    Parameters
    ----------
    canvas : ProblemCanvas
        For example from :func:`read_canvas`.

    Returns
    -------
    CanvasReview

    Examples
    --------
    >>> from labkit.projects import example_canvas, review
    >>> review(example_canvas()).ready
    True
    """
    require_canvas(canvas, "review()")
    findings = _problem_findings(canvas) + _measure_findings(canvas) + _plan_findings(canvas)
    return CanvasReview(canvas, findings + _advice(canvas))


def _problem_findings(canvas: ProblemCanvas) -> list[Finding]:
    """The need stated as a solution, and no measured baseline."""
    out: list[Finding] = []
    words = solution_words(canvas.user_need)
    if words:
        out.append(
            Finding(
                "solution_not_problem",
                "fix",
                "user_need",
                f"The need names a solution ({listing([repr(w) for w in words])}). Say what the resident "
                "needs and what goes wrong today, in their words, and leave the technology to the options.",
            )
        )
    if canvas.baseline.value is None:
        out.append(
            Finding(
                "no_baseline",
                "fix",
                "baseline",
                "Measure how well today's process works before changing it (for example the share of "
                "repairs that miss their target, with its interval): without it no one can tell whether "
                "the project helped. labkit.projects.baseline() measures one from data.",
            )
        )
    return out


def _measure_findings(canvas: ProblemCanvas) -> list[Finding]:
    """No success measure, or one that cannot be measured as written."""
    out: list[Finding] = []
    if not canvas.measures:
        out.append(
            Finding(
                "no_success_measure",
                "fix",
                "measures",
                "Fix at least one success measure before buying: what will be counted, in which unit, from "
                "which baseline to which target, by when.",
            )
        )
    for i, m in enumerate(canvas.measures):
        lacks = [
            what
            for what, missing in (
                ("a unit", not m.unit),
                ("a baseline", m.baseline is None),
                ("a target", m.target is None),
                ("a way to measure it", not m.how_measured and m.name not in MONITOR_MEASURES),
            )
            if missing
        ]
        if lacks:
            out.append(
                Finding(
                    "unmeasurable_measure",
                    "fix",
                    f"measures[{i}] ({m.name})",
                    f"'{m.name}' cannot be measured as written: it has no {listing(lacks, 'or')}. Turn it "
                    "into something counted, with a number to start from and a number to reach.",
                )
            )
    return out


def _plan_findings(canvas: ProblemCanvas) -> list[Finding]:
    """No stop rule, no option without AI, no one accountable, a stop rule on a measure nobody computes."""
    out: list[Finding] = []
    if not canvas.stop_rules:
        out.append(
            Finding(
                "no_stop_rule",
                "fix",
                "stop_rules",
                "Set stop rules before go-live: which measure, what value, for how many months, and what "
                "happens then (fix, or stop and decide). Set afterwards, they bend to fit the results.",
            )
        )
    if not any(o.kind in ("process", "form", "rule") for o in canvas.options):
        out.append(
            Finding(
                "no_no_ai_option",
                "fix",
                "options",
                "Add at least one option without AI (a process change, a better form or a simple rule) and "
                "compare it fairly: Enfield's IT lead said one task 'could have done with a form with eight "
                "questions'.",
            )
        )
    if not canvas.owner.accountable.strip():
        out.append(
            Finding(
                "no_accountable_owner",
                "fix",
                "owner.accountable",
                "Name the role accountable for the project and its results (a role title such as 'Head of "
                "Repairs', not a person's name). Without one, stop rules are nobody's job.",
            )
        )
    names = {m.name for m in canvas.measures} | set(MONITOR_MEASURES)
    for i, rule in enumerate(canvas.stop_rules):
        if rule.measure not in names and not rule.measure.startswith("psi_"):
            out.append(
                Finding(
                    "unknown_stop_measure",
                    "fix",
                    f"stop_rules[{i}].measure",
                    f"The stop rule watches {rule.measure!r}, which is neither a measure on the canvas nor "
                    "one "
                    f"the monitor computes ({listing(sorted(MONITOR_MEASURES))}, or psi_ and an input name).",
                )
            )
    return out


def _advice(canvas: ProblemCanvas) -> list[Finding]:
    """The softer points to consider: human involvement, benefits without a range, data not audited."""
    out: list[Finding] = []
    if any(o.kind == "ai" for o in canvas.options) and not canvas.decision.human_involvement.strip():
        out.append(
            Finding(
                "no_human_involvement",
                "consider",
                "decision.human_involvement",
                "Say how a person is meaningfully involved in each decision (what they see, what they can "
                "change, how long they have). Rubber-stamping is not meaningful human involvement.",
            )
        )
    for i, b in enumerate(canvas.benefits):
        if b.value is not None and (b.low is None or b.high is None):
            out.append(
                Finding(
                    "benefit_without_range",
                    "consider",
                    f"benefits[{i}] ({b.item})",
                    "Give a low and a high estimate beside the expected benefit: promised benefits are often "
                    "later and smaller than expected.",
                )
            )
    for i, d in enumerate(canvas.data):
        if not d.quality_audit.strip():
            out.append(
                Finding(
                    "data_not_audited",
                    "consider",
                    f"data[{i}] ({d.name})",
                    "Audit this data's quality before relying on it (labkit quality audit), and link the "
                    "report here.",
                )
            )
    return out
