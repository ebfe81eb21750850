"""Scoring bids against declared criteria: a tender evaluation matrix where every score cites its evidence.

The criteria come from the Guidelines for AI procurement (Office for AI, 2020), the AI Playbook for the UK
Government (2025) and the minimum supplier standards the briefing note (Vogl 2021) proposes. Each criterion
is scored 0, 1 or 2 from evidence: what the bid offers (``bid.yaml``), what :func:`check_claims` found on the
council's data, and what :func:`lock_in_risks` found in the contract. Award is to the most advantageous
tender (Procurement Act 2023) on a published price/quality split.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table

__all__ = ["CRITERIA", "Criterion", "Scorecard", "scorecard"]


@dataclass(frozen=True)
class Criterion:
    """One award criterion.

    Attributes
    ----------
    id : str
    title : str
    weight : float
        Quality points available (the weights of the quality criteria are scaled to 100).
    evidence : str
        Where the score comes from: ``"offer:KEY"`` (the bid's offer against a minimum standard), ``"claims"``
        (what check_claims found) or ``"lock_in"`` (what lock_in_risks found).
    source : str
        The guidance the criterion comes from.
    scores : mapping of option to 0, 1 or 2
        For offer criteria: the score of each option a bid may state.
    """

    id: str
    title: str
    weight: float
    evidence: str
    source: str
    scores: Mapping[str, int] = field(default_factory=dict)


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "claims_hold",
        "Claims hold on the council's own data",
        25,
        "claims",
        "Guidelines for AI procurement 3 (data assessment) and 9 (technical and ethical limitations in "
        "evaluation); minimum standard: local validation",
    ),
    Criterion(
        "local_validation",
        "Validation on local data",
        10,
        "offer:local_validation",
        "Briefing note challenge 3 (suppliers lack local context); minimum standard: local validation",
        {"model_and_scores": 2, "scores_only": 1, "none": 0},
    ),
    Criterion(
        "explainability",
        "Explanations of decisions",
        10,
        "offer:explainability",
        "Guidelines for AI procurement 8 (explainability as a design criterion); ICO and Alan Turing "
        "Institute, "
        "Explaining decisions made with AI",
        {"per_case": 2, "global_only": 1, "none": 0},
    ),
    Criterion(
        "transparency_record",
        "Information for a transparency record",
        5,
        "offer:transparency_record",
        "Briefing note enabler: project transparency; AI Playbook principle 7 (open and collaborative)",
        {"full": 2, "summary": 1, "none": 0},
    ),
    Criterion(
        "no_lock_in",
        "Audit access, data return, exit and fair terms",
        15,
        "lock_in",
        "Guidelines for AI procurement 8 (avoid black boxes and lock-in) and 10 (lifecycle management)",
    ),
    Criterion(
        "monitoring",
        "Monitoring once live",
        10,
        "offer:monitoring",
        "Guidelines for AI procurement (agree how efficacy will be monitored) and 10; AI Playbook "
        "principle 5 "
        "(manage the AI life cycle)",
        {"agreed_measures": 2, "supplier_reports": 1, "none": 0},
    ),
    Criterion(
        "equality_evidence",
        "Equality evidence",
        15,
        "offer:equality_evidence",
        "Equality Act 2010 s.149 (Public Sector Equality Duty); R (Bridges) v Chief Constable of South Wales "
        "Police [2020]",
        {"measured_by_group": 2, "statement_only": 1, "none": 0},
    ),
    Criterion(
        "data_protection",
        "Data protection as processor",
        10,
        "offer:data_protection",
        "UK GDPR Article 28 (processor contract) and Article 35 (DPIA); AI Playbook principle 2 (lawful, "
        "ethical and responsible)",
        {"processor_contract_and_dpia": 2, "processor_contract": 1, "none": 0},
    ),
)


class Scorecard(Report):
    """A tender evaluation matrix.

    Attributes
    ----------
    matrix : pandas.DataFrame
        One row per bid: quality points per criterion, quality and price points, and the total.
    evidence : pandas.DataFrame
        One row per bid and criterion: score (0-2), points and the evidence it rests on.
    ranking : list of str
        Suppliers from the highest total to the lowest.
    """

    kind = "Scorecard"

    def __init__(self, title: str, summary: str, sections: list[Section], **fields: Any) -> None:
        self.matrix: pd.DataFrame = fields.pop("matrix")
        self.evidence: pd.DataFrame = fields.pop("evidence")
        self.ranking: list[str] = fields.pop("ranking")
        self.details = fields
        super().__init__(title, summary, sections, frame=self.matrix)

    def _extra_dict(self) -> dict[str, Any]:
        return {"matrix": self.matrix, "evidence": self.evidence, "ranking": self.ranking, **self.details}


def _as_bids(bids: Any) -> list[Any]:
    if isinstance(bids, Mapping):
        bids = list(bids.values())
    elif not isinstance(bids, Sequence) or isinstance(bids, str):
        bids = [bids]
    bids = list(bids)
    if not bids or not all(hasattr(b, "offer") and hasattr(b, "contract") for b in bids):
        raise LabkitError(
            "scorecard needs one or more bids (from load_bid or load_tender().bids).",
            where="parameter bids",
            fix="Pass e.g. scorecard(tender.bids, checks=...).",
        )
    return bids


def _score_claims(check: Any) -> tuple[int, str]:
    if check is None:
        return 0, "Not checked: no check_claims result was given, so no claim is known to hold."
    v = check.verdicts["verdict"].value_counts()
    found = check.findings
    counts = (
        f"{int(v.get('supported', 0))} supported, {int(v.get('not supported', 0))} not supported, "
        f"{int(v.get('cannot be checked', 0))} cannot be checked"
    )
    if found.empty:
        return 2, f"check_claims on the held-out data: {counts}; no problem flagged."
    codes = ", ".join(dict.fromkeys(found["code"]))
    return 0, f"check_claims on the held-out data: {counts}; flagged: {codes}."


def scorecard(
    bids: Any,
    *,
    checks: Mapping[str, Any] | None = None,
    criteria: Sequence[Criterion] = CRITERIA,
    quality_weight: float = 0.7,
) -> Scorecard:
    """Score bids against award criteria and compare them in a tender evaluation matrix.

    Parameters
    ----------
    bids : Bid, list of Bid or dict of Bid
    checks : dict, optional
        The :func:`check_claims` result of each bid, keyed by the bid's slug (folder name). A bid without one
        scores 0 on "claims hold", with the evidence saying it was not checked.
    criteria : sequence of Criterion
        The quality criteria (default :data:`CRITERIA`). Their weights are scaled to 100 quality points.
    quality_weight : float, default 0.7
        The share of the total for quality; price gets the rest (lowest price gets full price points, others
        in proportion).

    Returns
    -------
    Scorecard

    Examples
    --------
    >>> from labkit.suppliers import load_tender, scorecard
    >>> card = scorecard(load_tender().bids)
    >>> card.matrix.columns[-1]
    'total'
    """
    from labkit.suppliers._lock_in import lock_in_risks

    bids = _as_bids(bids)
    checks = dict(checks or {})
    if (
        isinstance(quality_weight, bool)
        or not isinstance(quality_weight, (int, float))
        or not 0 <= quality_weight <= 1
    ):
        raise LabkitError(
            f"quality_weight must be a share from 0 to 1, not {quality_weight!r}.",
            where="parameter quality_weight",
            fix="Use the split published in the invitation to tender, e.g. 0.7 for 70% quality, 30% price.",
        )
    criteria = list(criteria)
    if not criteria or any(c.weight <= 0 for c in criteria):
        raise LabkitError(
            "Every criterion needs a weight above 0.",
            where="parameter criteria",
            fix="Give positive weights.",
        )
    unknown_checks = set(checks) - {b.slug for b in bids}
    if unknown_checks:
        raise LabkitError(
            f"checks names bid(s) that are not being scored: {', '.join(sorted(unknown_checks))}.",
            where="parameter checks",
            fix=f"Key checks by the bids' slugs: {', '.join(b.slug for b in bids)}.",
        )
    scale = 100.0 / sum(c.weight for c in criteria)
    prices = {}
    for b in bids:
        if not b.price > 0:
            raise LabkitError(
                f"{b.supplier}'s bid gives no three-year price.",
                where=f"bid {b.slug!r}, price.three_year_total",
                fix="Add the total price over the contract to bid.yaml.",
            )
        prices[b.slug] = b.price
    lowest = min(prices.values())
    evidence_rows, matrix_rows = [], []
    for b in bids:
        quality = 0.0
        row: dict[str, Any] = {"supplier": b.supplier}
        for c in criteria:
            if c.evidence == "claims":
                score, why = _score_claims(checks.get(b.slug))
            elif c.evidence == "lock_in":
                risky = lock_in_risks(b).risky_terms
                score = 2 if not risky else (1 if len(risky) <= 2 else 0)
                why = "lock_in_risks: " + (
                    f"{len(risky)} risk(s): {', '.join(risky)}." if risky else "no risk."
                )
            elif c.evidence.startswith("offer:"):
                key = c.evidence.split(":", 1)[1]
                stated = b.offer.get(key)
                option = stated.get("option") if isinstance(stated, dict) else stated
                says = stated.get("says", "") if isinstance(stated, dict) else ""
                if option is None:
                    score, why = 0, f"bid.yaml offer.{key}: not stated."
                elif option not in c.scores:
                    raise LabkitError(
                        f"The offer {option!r} is not one criterion {c.id!r} knows.",
                        where=f"bid {b.slug!r}, offer.{key}",
                        fix=f"Use one of: {', '.join(c.scores)}.",
                    )
                else:
                    score, why = c.scores[option], f"bid.yaml offer.{key}: {option} ({says})"
            else:
                raise LabkitError(
                    f"Criterion {c.id!r} has evidence {c.evidence!r}, which labkit does not know.",
                    where="parameter criteria",
                    fix="Use 'claims', 'lock_in' or 'offer:KEY'.",
                )
            points = c.weight * scale * score / 2
            quality += points
            row[c.id] = round(points, 1)
            evidence_rows.append(
                {
                    "supplier": b.supplier,
                    "criterion": c.title,
                    "score": score,
                    "points": round(points, 1),
                    "evidence": why,
                    "source": c.source,
                }
            )
        row["quality"] = round(quality, 1)
        row["price_3yr"] = round(prices[b.slug])
        price_points = 100.0 * lowest / prices[b.slug]
        row["quality_points"] = round(quality * quality_weight, 1)
        row["price_points"] = round(price_points * (1 - quality_weight), 1)
        row["total"] = round(row["quality_points"] + row["price_points"], 1)
        matrix_rows.append(row)
    matrix = (
        pd.DataFrame(matrix_rows).sort_values("total", ascending=False, kind="stable").reset_index(drop=True)
    )
    evidence = pd.DataFrame(evidence_rows)
    ranking = matrix["supplier"].tolist()
    top = matrix.iloc[0]
    summary = (
        f"{len(bids)} bid(s) scored on {len(criteria)} quality criteria ({quality_weight:.0%} of the "
        "total) and "
        f"price ({1 - quality_weight:.0%}). Highest total: {top['supplier']} with {top['total']:.1f} of 100 "
        f"(quality {top['quality']:.1f} of 100, three-year price £{top['price_3yr']:,.0f})."
    )
    weak = matrix[matrix["quality"] < 50]["supplier"].tolist()
    if weak:
        summary += " Below half the quality points: " + ", ".join(weak) + "."
    shown = matrix[["supplier", "quality", "price_3yr", "quality_points", "price_points", "total"]]
    sections = [
        Section(
            "Tender evaluation matrix",
            "Quality points out of 100 and price in pounds over three years; the total weights them by the "
            "published split.",
            tables=[Table("Bids ranked by total", shown)],
        ),
        Section(
            "Quality points by criterion",
            "Each criterion is scored 0 (not met), 1 (partly met) or 2 (met) from the evidence in the "
            "next section.",
            tables=[Table("Points by criterion", matrix[["supplier", *[c.id for c in criteria]]])],
        ),
        Section(
            "Evidence for every score",
            "",
            tables=[
                Table("Scores and their evidence", evidence[["supplier", "criterion", "score", "evidence"]])
            ],
        ),
        Section(
            "Criteria and their sources",
            "\n".join(f"- {c.title} ({c.weight:g}): {c.source}" for c in criteria),
        ),
    ]
    return Scorecard(
        "Tender evaluation matrix",
        summary,
        sections,
        matrix=matrix,
        evidence=evidence,
        ranking=ranking,
        quality_weight=quality_weight,
    )
