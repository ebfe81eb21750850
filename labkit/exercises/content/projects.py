"""Lesson 01's example council AI projects, sorted by kind of AI use and by risk to residents.

Content for the sorting activity (:func:`labkit.exercises.project_sorter`) and
exercise set 01. The projects are invented examples of the kinds of work UK
councils have done or considered; some echo the case studies in lesson 01,
which cites its sources. Edit them here; the activity's logic is in
``labkit/exercises/_activity.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "PROJECTS", "RISKS", "Project"]

KINDS = ("back-office automation", "predictive analytics", "chatbot")
"""The three kinds of council AI use named in the briefing note (Vogl 2021)."""

RISKS = ("lower", "medium", "higher")
"""Risk to residents if the project goes wrong."""


@dataclass(frozen=True)
class Project:
    """One example project: what it does, the course's kind and risk, and the reasons for each."""

    id: str
    description: str
    kind: str
    risk: str
    why_kind: str
    why_risk: str


PROJECTS = (
    Project(
        "P1",
        "Read scanned supplier invoices and fill in the finance system",
        "back-office automation",
        "lower",
        "It automates a routine office task; no one is advised or predicted about.",
        "A mistake affects a payment to a business, which staff can spot and correct; no resident is judged.",
    ),
    Project(
        "P2",
        "Answer residents' questions about bin collection days on the council website",
        "chatbot",
        "lower",
        "Residents talk to it in their own words and it answers.",
        "A wrong answer is a nuisance, easy to check and correct; it decides nothing about anyone.",
    ),
    Project(
        "P3",
        "Predict which roads will need gritting tomorrow from weather forecasts",
        "predictive analytics",
        "lower",
        "It predicts an outcome to help managers decide where to send crews.",
        "It uses no personal data and a person plans the routes; a miss is costly but visible to all.",
    ),
    Project(
        "P4",
        "Sort incoming emails to the right service team",
        "back-office automation",
        "medium",
        "It automates routing work that staff did by hand.",
        "Most errors only delay a reply, but an urgent safeguarding email sent to the wrong team could harm "
        "someone, so urgent words need a safety net.",
    ),
    Project(
        "P5",
        "Rank housing repair jobs by their chance of missing the target time, so supervisors can plan",
        "predictive analytics",
        "medium",
        "It predicts an outcome (a missed target) to support supervisors' decisions.",
        "Supervisors decide, and it does not decide who gets a repair; but if the model is worse for some "
        "tenants, their repairs could be delayed, including dangerous damp and mould.",
    ),
    Project(
        "P6",
        "Find the same resident in council tax and housing records, to merge duplicates",
        "back-office automation",
        "medium",
        "It automates record matching, a back-office data task.",
        "A wrong match can merge two people's records, with wrong bills or letters; matches need checks and "
        "a way for residents to correct them.",
    ),
    Project(
        "P7",
        "Score benefit claims for fraud risk before they are paid",
        "predictive analytics",
        "higher",
        "It predicts a risk to steer staff's decisions about individual claims.",
        "It affects people's income; a false flag delays payment to someone who is entitled to it (North "
        "Tyneside dropped such a system, reported by the Guardian, 2019).",
    ),
    Project(
        "P8",
        "Flag families who may need early help, using data linked from several services",
        "predictive analytics",
        "higher",
        "It predicts which families may need help, to support social workers' decisions.",
        "It uses sensitive data about children and families and can stigmatise them; errors miss children "
        "at risk or bring unwanted attention (see the Hackney and What Works for Children's Social Care "
        "case studies).",
    ),
    Project(
        "P9",
        "A chat window where residents who are homeless, or at risk of it, describe their situation in "
        "their own words and get help to start an application",
        "chatbot",
        "higher",
        "Residents talk to it in their own words, and it guides them.",
        "Users are often in crisis, and the council has legal duties to them; a wrong or confusing answer "
        "could stop someone getting help they are entitled to, so a person must always be one step away.",
    ),
    Project(
        "P10",
        "Transcribe and summarise social workers' visit notes",
        "back-office automation",
        "higher",
        "It automates writing up records, an office task.",
        "The notes are sensitive records about vulnerable people; a summary that drops or invents a detail "
        "can change decisions about a child, so every summary needs checking by the social worker.",
    ),
)
