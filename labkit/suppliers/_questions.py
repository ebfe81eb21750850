"""Clarification questions: what a council should send each supplier, from what could not be checked."""

from __future__ import annotations

from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import plural

__all__ = ["ClarificationQuestions", "clarification_questions"]


class ClarificationQuestions(Report):
    """Questions to send suppliers, each with what prompted it.

    Attributes
    ----------
    questions : pandas.DataFrame
        One row per question: supplier, about, question, because.
    """

    kind = "ClarificationQuestions"

    def __init__(self, title: str, summary: str, sections: list[Section], questions: pd.DataFrame) -> None:
        self.questions = questions
        super().__init__(title, summary, sections, frame=questions)

    def for_supplier(self, supplier: str) -> list[str]:
        """The questions for one supplier."""
        return self.questions.loc[self.questions["supplier"] == supplier, "question"].tolist()

    def _extra_dict(self) -> dict[str, Any]:
        return {"questions": self.questions}


def clarification_questions(*reports: Any) -> ClarificationQuestions:
    """Turn claim checks and lock-in checks into the questions to send each supplier.

    Parameters
    ----------
    *reports : ClaimsCheck or LockInReport
        Any number, for one or several suppliers (results of :func:`check_claims` and :func:`lock_in_risks`).

    Returns
    -------
    ClarificationQuestions

    Examples
    --------
    >>> from labkit.suppliers import clarification_questions, lock_in_risks
    >>> qs = clarification_questions(lock_in_risks({"renewal": "automatic"}, supplier="Acme"))
    >>> qs.for_supplier("Acme")[0].startswith("Will you agree")
    True
    """
    from labkit.suppliers._claims import ClaimsCheck
    from labkit.suppliers._lock_in import LockInReport

    if not reports:
        raise LabkitError(
            "Give at least one report to turn into questions.",
            where="parameters",
            fix="Pass the results of check_claims(...) and lock_in_risks(...).",
        )
    rows = []
    for i, report in enumerate(reports, 1):
        if isinstance(report, ClaimsCheck):
            for r in report.verdicts.itertuples():
                if r.verdict != "supported":
                    rows.append((report.supplier, f"claim {r.claim} ({r.verdict})", r.question, r.reason))
            for f in report.findings.itertuples():
                if f.code != "not_supported":
                    about = f"claim {f.claim}: {f.code}" if f.claim else f.code
                    rows.append((report.supplier, about, f.question, f.what))
        elif isinstance(report, LockInReport):
            for r in report.risks.itertuples():
                if r.risk != "no":
                    rows.append(
                        (
                            report.supplier,
                            f"contract: {r.title.lower()}",
                            f"Will you agree to this clause: {r.ask_for}",
                            f"The contract says: {r.contract_says} {r.why}",
                        )
                    )
        else:
            raise LabkitError(
                f"Report {i} is a {type(report).__name__}, not a claims check or lock-in check.",
                where=f"report {i}",
                fix="Pass the results of check_claims(...) and lock_in_risks(...).",
            )
    questions = pd.DataFrame(rows, columns=["supplier", "about", "question", "because"]).drop_duplicates(
        subset=["supplier", "question"], ignore_index=True
    )
    n_sup = questions["supplier"].nunique()
    summary = (
        f"{plural(len(questions), 'question')} for {plural(n_sup, 'supplier')}, from claims that could not "
        "be checked or did not hold, problems flagged, and contract terms that lock the council in."
        if len(questions)
        else "No questions: every claim held and no contract term creates lock-in."
    )
    sections = [
        Section(
            f"Questions for {supplier}",
            "\n".join(f"- {q.question}" for q in group.itertuples()),
            tables=[Table(f"Why we ask {supplier}", group[["about", "because"]])],
        )
        for supplier, group in questions.groupby("supplier", sort=False)
    ]
    return ClarificationQuestions("Clarification questions for suppliers", summary, sections, questions)
