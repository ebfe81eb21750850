"""``screen(canvas)``: the legal screening built into the canvas.

Data protection (UK GDPR Art. 35 DPIA screening, Art. 6 lawful basis, Art. 9 special category data,
automated decisions under Art. 22 and under Articles 22A-22D as substituted by the Data (Use and Access)
Act 2025), the Public Sector Equality Duty (Equality Act 2010 s.149) and the Algorithmic Transparency
Recording Standard. The wording follows the course reference (``uk-public-sector.md``, section "Data
protection", and ``atrs/README.md``). It is a screening, not legal advice: the data protection officer
decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from labkit._report import Report, Section, Table
from labkit._text import listing
from labkit.projects._canvas import Legal, ProblemCanvas, require_canvas

__all__ = ["SAFEGUARDS", "LegalScreening", "ScreeningAnswer", "screen"]

SAFEGUARDS = ("inform", "representations", "contest", "human intervention")
"""Safeguards Articles 22A-22D require for significant, solely automated decisions: tell the person, let
them make representations and contest the decision, and provide human intervention."""

_DPIA_QUESTIONS = (
    ("innovative_technology", "Does it use innovative technology (AI is one of the ICO's examples)?"),
    (
        "automated_decisions_about_access",
        "Does it profile people, or make automated decisions about their access to a service?",
    ),
    ("combines_datasets", "Does it match or combine datasets from different sources?"),
)


@dataclass(frozen=True)
class ScreeningAnswer:
    """One screening question: the canvas's answer, what it means and what to do."""

    area: str
    question: str
    answer: str
    meaning: str
    action: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "question": self.question,
            "answer": self.answer,
            "meaning": self.meaning,
            "action": self.action,
        }


def _yn(value: bool | None) -> str:
    return "not answered" if value is None else ("yes" if value else "no")


class LegalScreening(Report):
    """The result of :func:`screen`: each question, its answer, what it means and what to do.

    Attributes
    ----------
    answers : list of ScreeningAnswer
    dpia_needed : bool or None
        True when any DPIA screening question is answered yes; None when some are unanswered and none yes.
    actions : list of str
        Everything the project still has to do, in order.
    """

    kind = "LegalScreening"

    def __init__(
        self, canvas: ProblemCanvas, answers: list[ScreeningAnswer], dpia_needed: bool | None
    ) -> None:
        import pandas as pd

        self.canvas = canvas
        self.answers = answers
        self.dpia_needed = dpia_needed
        self.actions = [a.action for a in answers if a.action]
        dpia_words: dict[bool | None, str] = {
            True: "a full DPIA is needed",
            False: "the screening does not call for a full DPIA",
        }
        dpia = dpia_words.get(
            dpia_needed, "the DPIA screening is not finished (some questions are unanswered)"
        )
        summary = (
            f"Legal screening of '{canvas.title}': {dpia}. "
            + (
                f"{len(self.actions)} action(s) before go-live."
                if self.actions
                else "No outstanding actions from the screening."
            )
            + " This is a screening, not legal advice: consult your data protection officer, and check the "
            "ICO's current guidance on automated decisions, because the Data (Use and Access) Act 2025 "
            "commences in stages."
        )
        frame = pd.DataFrame([a.to_dict() for a in answers])
        areas = list(dict.fromkeys(a.area for a in answers))
        sections = [
            Section(
                area,
                tables=[
                    Table(
                        f"{area}: questions and answers",
                        frame[frame["area"] == area].drop(columns="area").reset_index(drop=True),
                    )
                ],
            )
            for area in areas
        ]
        if self.actions:
            sections.append(Section("Actions", "\n".join(f"- {a}" for a in self.actions)))
        super().__init__(f"Legal screening: {canvas.title}", summary, sections, frame)

    def _extra_dict(self) -> dict[str, Any]:
        return {"dpia_needed": self.dpia_needed, "actions": self.actions}


def screen(canvas: ProblemCanvas) -> LegalScreening:
    """Screen a canvas against data protection law, the equality duty and the ATRS.

    Parameters
    ----------
    canvas : ProblemCanvas
        Its ``legal`` part holds the answers; unanswered questions are reported as such.

    Returns
    -------
    LegalScreening

    Examples
    --------
    >>> from labkit.projects import example_canvas, screen
    >>> result = screen(example_canvas())
    >>> result.dpia_needed
    True
    """
    require_canvas(canvas, "screen()")
    answers, dpia_needed = _dpia_answers(canvas.legal)
    answers += _lawful_basis_answers(canvas.legal)
    answers += _automated_decision_answers(canvas)
    answers += _equality_answers(canvas.legal)
    answers += _transparency_answers(canvas.legal)
    return LegalScreening(canvas, answers, dpia_needed)


def _dpia_answers(legal: Legal) -> tuple[list[ScreeningAnswer], bool | None]:
    """The DPIA screening questions (UK GDPR Art. 35), and whether a full DPIA is needed."""
    out: list[ScreeningAnswer] = []
    dp = "Data protection impact assessment (UK GDPR Art. 35)"
    yes: list[str] = []
    unanswered = False
    for name, question in _DPIA_QUESTIONS:
        value = getattr(legal, name)
        unanswered |= value is None
        if value:
            yes.append(question)
        out.append(
            ScreeningAnswer(
                dp,
                question,
                _yn(value),
                "On the ICO's list of processing likely to need a DPIA." if value else "",
                f"Answer it: legal.{name}." if value is None else "",
            )
        )
    special = legal.special_category_data
    at_scale = bool(special) and bool(legal.large_scale)
    if legal.large_scale is None and special:
        unanswered = True
    out.append(
        ScreeningAnswer(
            dp,
            "Does it process special category data at scale?",
            "not answered" if special and legal.large_scale is None else ("yes" if at_scale else "no"),
            f"Special category data ({listing(special)}) at scale is on the ICO's list." if at_scale else "",
            "Answer it: legal.large_scale." if special and legal.large_scale is None else "",
        )
    )
    if at_scale:
        yes.append("special category data at scale")
    dpia_needed: bool | None = True if yes else (None if unanswered else False)
    if dpia_needed:
        action = (
            ""
            if legal.dpo_consulted
            else "Consult the data protection officer, who must be consulted on a DPIA."
        )
        out.append(
            ScreeningAnswer(
                dp,
                "Is a full DPIA needed, and has the DPO been consulted?",
                f"DPIA needed; DPO consulted: {_yn(legal.dpo_consulted)}",
                "A DPIA is required before processing likely to result in a high risk to individuals; a "
                "screening question answered yes means a full DPIA follows.",
                ("Complete a full DPIA before the processing starts. " + action).strip(),
            )
        )
    return out, dpia_needed


def _lawful_basis_answers(legal: Legal) -> list[ScreeningAnswer]:
    """Personal data, its lawful basis (Art. 6) and special category data (Art. 9)."""
    lb = "Lawful basis and special category data (UK GDPR Arts. 6 and 9)"
    special = legal.special_category_data
    if legal.personal_data is None:
        return [
            ScreeningAnswer(
                lb, "Does it use personal data?", "not answered", "", "Answer it: legal.personal_data."
            )
        ]
    if not legal.personal_data:
        return [ScreeningAnswer(lb, "Does it use personal data?", "no", "UK GDPR does not apply.", "")]
    return [
        ScreeningAnswer(
            lb,
            "What is the lawful basis (Art. 6)?",
            legal.lawful_basis or "not given",
            "Councils usually rely on public task (Art. 6(1)(e)) for statutory services."
            if legal.lawful_basis == "public task"
            else "",
            "" if legal.lawful_basis else "Record the lawful basis with the DPO (legal.lawful_basis).",
        ),
        ScreeningAnswer(
            lb,
            "Does it use special category data (Art. 9)?",
            listing(special) if special else "no",
            "Special category data also needs an Art. 9 condition." if special else "",
            "Record the Art. 9 condition (legal.article_9_condition)."
            if special and not legal.article_9_condition
            else "",
        ),
    ]


def _automated_decision_answers(canvas: ProblemCanvas) -> list[ScreeningAnswer]:
    """Solely automated, significant decisions: Art. 22 and Articles 22A-22D."""
    legal = canvas.legal
    adm = "Automated decisions (UK GDPR Art. 22; Arts. 22A-22D from the Data (Use and Access) Act 2025)"
    solely, significant = legal.solely_automated, legal.significant_effect
    out = [
        ScreeningAnswer(
            adm,
            "Is the decision based solely on automated processing (no meaningful human involvement)?",
            _yn(solely),
            "Token human involvement ('rubber stamping') is not meaningful human involvement."
            if solely is False
            else "",
            "Answer it: legal.solely_automated."
            if solely is None
            else (
                "Describe how the person deciding is meaningfully involved (decision.human_involvement)."
                if solely is False and not canvas.decision.human_involvement.strip()
                else ""
            ),
        ),
        ScreeningAnswer(
            adm,
            "Does the decision have a legal or similarly significant effect?",
            _yn(significant),
            "",
            "Answer it: legal.significant_effect." if significant is None else "",
        ),
    ]
    if not (solely and significant):
        return out
    out.append(
        ScreeningAnswer(
            adm,
            "Under the original Art. 22?",
            "restricted",
            "A right not to be subject to a decision based solely on automated processing with legal or "
            "similarly significant effects, with narrow exceptions.",
            "",
        )
    )
    if legal.special_category_data:
        out.append(
            ScreeningAnswer(
                adm,
                "Under Articles 22A-22D, with special category data?",
                "restricted",
                "Such decisions using special category data stay restricted: explicit consent, or "
                "contract or law plus substantial public interest.",
                "Take advice from the DPO before going further: a significant, solely automated decision "
                "using special category data is restricted.",
            )
        )
    else:
        missing = [s for s in SAFEGUARDS if s not in legal.safeguards]
        out.append(
            ScreeningAnswer(
                adm,
                "Under Articles 22A-22D, are the safeguards in place?",
                f"missing: {listing(missing)}" if missing else "all in place",
                "Allowed with safeguards: tell the person, let them make representations and contest the "
                "decision, and provide human intervention.",
                f"Put the missing safeguards in place ({listing(missing)})." if missing else "",
            )
        )
    return out


def _equality_answers(legal: Legal) -> list[ScreeningAnswer]:
    """The Public Sector Equality Duty: characteristics considered and the Equality Impact Assessment."""
    eq = "Public Sector Equality Duty (Equality Act 2010 s.149)"
    considered = legal.protected_characteristics_considered
    eqia = legal.equality_impact_assessment or "not answered"
    return [
        ScreeningAnswer(
            eq,
            "Which protected characteristics has the project considered?",
            listing(considered) if considered else "none recorded",
            "A council must have due regard to eliminating discrimination, advancing equality of opportunity "
            "and fostering good relations; the duty is continuing (Bridges).",
            "" if considered else "Consider each protected characteristic the tool could affect.",
        ),
        ScreeningAnswer(
            eq,
            "Is there an Equality Impact Assessment?",
            eqia,
            "An EqIA is the usual way to evidence due regard; no statute in England requires one by "
            "that name.",
            ""
            if eqia == "done"
            else "Complete the Equality Impact Assessment before go-live, and review it "
            "with the monitor's fairness results.",
        ),
    ]


def _transparency_answers(legal: Legal) -> list[ScreeningAnswer]:
    """Whether an Algorithmic Transparency Recording Standard record is expected."""
    atrs = "Algorithmic Transparency Recording Standard"
    expected = bool(legal.affects_public) or bool(legal.automated_decisions_about_access)
    return [
        ScreeningAnswer(
            atrs,
            "Does the tool affect decisions about members of the public?",
            _yn(legal.affects_public),
            "An ATRS record is expected: for local government the standard is recommended (by the Data "
            "Standards Authority), not mandatory."
            if expected
            else "",
            "Prepare an ATRS record (lesson 08 builds one from this canvas)."
            if expected
            else ("Answer it: legal.affects_public." if legal.affects_public is None else ""),
        )
    ]
