"""Lock-in: a checklist over a supplier's contract terms, with the clause to ask for instead.

The Guidelines for AI procurement (Office for AI, 2020) ask councils to avoid black-box algorithms and vendor
lock-in (consideration 8), to consider the lifecycle of the system (consideration 10) and to define
end-of-contract roles and processes for the system and the data in the contract. The briefing note this course
answers (Vogl 2021) proposes minimum supplier standards and flexible procurement that avoids lock-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import plural

__all__ = ["LOCK_IN_TERMS", "LockInReport", "LockInTerm", "lock_in_risks"]


@dataclass(frozen=True)
class LockInTerm:
    """One contract term to check: the acceptable options, why it matters and the clause to ask for."""

    term: str
    title: str
    options: dict[str, bool]  # option -> is it a lock-in risk?
    why: str
    ask_for: str
    source: str


_G8 = "Guidelines for AI procurement, consideration 8 (avoid black-box algorithms and vendor lock-in)"
_G10 = "Guidelines for AI procurement, consideration 10 (lifecycle management) and end-of-contract terms"

LOCK_IN_TERMS: dict[str, LockInTerm] = {
    t.term: t
    for t in (
        LockInTerm(
            "data_export",
            "Export of data and scores",
            {"any_time_open_format": False, "on_request_with_fee": True, "none": True},
            "Without exports the council cannot check the product, move to another supplier or keep its "
            "records.",
            "The council may export all its data and every score, at any time, in an open format (such "
            "as CSV), "
            "at no extra charge.",
            _G8,
        ),
        LockInTerm(
            "audit_access",
            "Audit access to the model",
            {"full": False, "documentation_only": True, "none": True},
            "Without access nobody outside the supplier can check the model or explain its decisions: the "
            "Hackney early-help system's supplier refused outside access on commercial grounds (Guardian, "
            "15 October 2019).",
            "The council, or an auditor it appoints, may inspect the model, its documentation and a "
            "summary of its "
            "training data, and test it on the council's data.",
            _G8,
        ),
        LockInTerm(
            "price_change",
            "Price changes",
            {"fixed_or_capped": False, "uncapped": True, "per_seat_uncapped": True},
            "Uncapped rises make the council pay more once it depends on the product.",
            "Prices are fixed for the initial term and any later rise is capped (for example at the Consumer "
            "Prices Index).",
            _G10,
        ),
        LockInTerm(
            "renewal",
            "Renewal",
            {"council_option": False, "automatic": True},
            "Automatic renewal with a long notice period binds the council before it has reviewed the "
            "product.",
            "No automatic renewal: the council may extend by written notice after a review of the product's "
            "results.",
            _G10,
        ),
        LockInTerm(
            "derived_data",
            "Ownership of derived data",
            {"council": False, "supplier": True},
            "If the supplier owns the scores and data derived from council records, the council cannot reuse "
            "them or take them to another supplier.",
            "The council owns its data and everything derived from it, including scores and any model "
            "trained "
            "on its data.",
            _G8,
        ),
        LockInTerm(
            "exit_support",
            "Exit support",
            {"plan_and_handover": False, "none": True},
            "Without an exit plan the council loses its data and the service at the end of the contract.",
            "An exit plan: return of all data and scores, the model documentation and a handover period to a "
            "new supplier or the council.",
            _G10,
        ),
    )
}


class LockInReport(Report):
    """The lock-in checklist for one contract.

    Attributes
    ----------
    risks : pandas.DataFrame
        One row per term: term, title, contract_says, risk ("yes", "no" or "not stated"),
        why, ask_for, source.
    """

    kind = "LockInReport"

    def __init__(self, title: str, summary: str, sections: list[Section], risks: pd.DataFrame, supplier: str):
        self.risks = risks
        self.supplier = supplier
        super().__init__(title, summary, sections, frame=risks)

    @property
    def risky_terms(self) -> list[str]:
        """The terms that create lock-in or are not stated."""
        return self.risks.loc[self.risks["risk"] != "no", "term"].tolist()

    def _extra_dict(self) -> dict[str, Any]:
        return {"supplier": self.supplier, "risks": self.risks}


def lock_in_risks(terms: Any, supplier: str = "The supplier") -> LockInReport:
    """Check contract terms for lock-in and say which clause to ask for instead.

    Parameters
    ----------
    terms : dict or Bid
        Term -> option (for example ``{"renewal": "automatic"}``), or term -> ``{"option": ..., "says": ...}``
        as in a bid's ``bid.yaml``, or a :class:`Bid`. Terms left out are reported as "not stated".
    supplier : str
        Used in the report's wording.

    Returns
    -------
    LockInReport

    Examples
    --------
    >>> from labkit.suppliers import lock_in_risks
    >>> report = lock_in_risks({"renewal": "automatic", "data_export": "any_time_open_format"})
    >>> report.risky_terms[:2]
    ['audit_access', 'price_change']
    >>> "renewal" in report.risky_terms
    True
    """
    if hasattr(terms, "contract") and hasattr(terms, "supplier"):
        supplier, terms = terms.supplier, terms.contract
    if not isinstance(terms, dict):
        raise LabkitError(
            f"The contract terms must be a set of term: option pairs, not {type(terms).__name__}.",
            where="parameter terms",
            fix='Pass e.g. {"renewal": "automatic"}, or a bid from load_bid().',
        )
    unknown = [t for t in terms if t not in LOCK_IN_TERMS]
    if unknown:
        raise LabkitError(
            f"labkit does not know the contract term(s) {', '.join(map(repr, unknown))}.",
            where="parameter terms",
            fix=f"Use the terms: {', '.join(LOCK_IN_TERMS)}.",
        )
    rows = []
    for key, spec in LOCK_IN_TERMS.items():
        value = terms.get(key)
        says = ""
        if isinstance(value, dict):
            says = str(value.get("says", ""))
            value = value.get("option")
        if value is None:
            risk = "not stated"
            says = says or "Not stated."
        elif value in spec.options:
            risk = "yes" if spec.options[value] else "no"
            says = says or str(value).replace("_", " ")
        else:
            raise LabkitError(
                f"The option {value!r} is not one labkit knows for {key!r}.",
                where=f"contract term {key!r}",
                fix=f"Use one of: {', '.join(spec.options)}.",
            )
        rows.append(
            {
                "term": key,
                "title": spec.title,
                "contract_says": says,
                "risk": risk,
                "why": spec.why if risk != "no" else "",
                "ask_for": spec.ask_for if risk != "no" else "",
                "source": spec.source,
            }
        )
    risks = pd.DataFrame(rows)
    bad = risks[risks["risk"] != "no"]
    if bad.empty:
        summary = f"{supplier}'s contract terms pass all {len(risks)} lock-in checks."
    else:
        summary = (
            f"{supplier}'s contract has {plural(len(bad), 'lock-in risk')} out of {len(risks)} checks: "
            + ", ".join(bad["title"].str.lower())
            + ". Ask for the clauses listed."
        )
    sections = [
        Section(
            "Lock-in checklist",
            "Each contract term against the checklist, from the Guidelines for AI procurement.",
            tables=[Table("Contract terms", risks[["title", "contract_says", "risk"]])],
        )
    ]
    if not bad.empty:
        sections.append(
            Section(
                "Clauses to ask for",
                "\n".join(f"- {r.title}: {r.ask_for} ({r.why})" for r in bad.itertuples()),
            )
        )
    return LockInReport(f"Lock-in check: {supplier}", summary, sections, risks, supplier)
