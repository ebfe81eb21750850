"""Scoring bids against declared criteria: a tender evaluation matrix where every score cites its evidence.

First a gate: minimum standards each bid must pass before it is scored (the briefing note, Vogl 2021, proposes
minimum supplier standards and procurement that avoids lock-in). A bid that fails one is not ranked, however
many points it would score, because points on other criteria cannot make up for a product the council cannot
check, a claim that fails on its own data, or a contract it cannot leave. The competitive flexible procedure
of the Procurement Act 2023 allows staged evaluation, so a gate can come before the score.

Then the criteria, from the Guidelines for AI procurement (Office for AI, 2020), the AI Playbook for the UK
Government (2025) and the minimum supplier standards. Each criterion is scored 0, 1 or 2 from evidence: what
the bid offers (``bid.yaml``), what :func:`check_claims` found on the council's data, and what
:func:`lock_in_risks` found in the contract. Award is to the most advantageous tender (Procurement Act 2023)
on a published price/quality split, among the bids that pass the gate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, plural

__all__ = ["CRITERIA", "DISQUALIFYING_TERMS", "GATE", "Criterion", "Scorecard", "Standard", "scorecard"]


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


@dataclass(frozen=True)
class Standard:
    """A minimum standard: pass or fail, checked before any bid is scored.

    Attributes
    ----------
    id : str
    title : str
    fails_when : str
        What makes a bid fail, in plain words.
    evidence : str
        ``"offer:local_validation"`` (a model file or scores for the council's sample), ``"claims"`` (what
        check_claims found) or ``"lock_in"`` (the contract's disqualifying terms).
    source : str
        The guidance the standard comes from.
    """

    id: str
    title: str
    fails_when: str
    evidence: str
    source: str


DISQUALIFYING_TERMS: tuple[str, ...] = ("data_export", "audit_access", "derived_data", "exit_support")
"""Lock-in terms that fail the gate: without them the council cannot check the product, leave it, or take
its data and scores elsewhere. Uncapped prices and automatic renewal cost points instead (no_lock_in)."""

GATE: tuple[Standard, ...] = (
    Standard(
        "can_be_checked",
        "The council can check the product",
        "it offers neither a model file nor scores for the council's held-out sample",
        "offer:local_validation",
        "Guidelines for AI procurement 3 (data assessment) and 9 (technical and ethical limitations in "
        "evaluation); briefing note: minimum supplier standards",
    ),
    Standard(
        "claims_hold",
        "No claim fails on the council's own data",
        "a claim is not supported on the held-out data, or its accuracy is no better than flagging no case",
        "claims",
        "Guidelines for AI procurement 9 (technical and ethical limitations in evaluation); briefing note "
        "challenge 3 (suppliers lack local context)",
    ),
    Standard(
        "no_disqualifying_lock_in",
        "No disqualifying lock-in",
        "the contract allows no export of data and scores, no audit access, supplier-owned derived data or "
        "no exit support",
        "lock_in",
        "Guidelines for AI procurement 8 (avoid black-box algorithms and vendor lock-in) and 10 (lifecycle "
        "management); define end-of-contract roles for the system and the data",
    ),
)


def _gate_result(standard: Standard, bid: Any, checks: Mapping[str, Any]) -> tuple[str, str]:
    """``("pass" | "fail" | "not checked", evidence)`` for one bid against one minimum standard."""
    from labkit.suppliers._lock_in import lock_in_risks

    if standard.evidence == "claims":
        check = checks.get(bid.slug)
        if check is None:
            return "not checked", "No check_claims result was given: check the claims before you rank."
        failed = check.verdicts.loc[check.verdicts["verdict"] == "not supported", "claim"].tolist()
        paradox = check.findings.loc[check.findings["code"] == "accuracy_paradox", "claim"].tolist()
        if not failed and not paradox:
            return "pass", "check_claims on the held-out data: no claim failed."
        words = [f"not supported: {', '.join(failed)}"] if failed else []
        words += [f"accuracy no better than flagging nothing: {', '.join(paradox)}"] if paradox else []
        return "fail", "check_claims on the held-out data: " + "; ".join(words) + "."
    if standard.evidence == "lock_in":
        from labkit.suppliers._lock_in import LOCK_IN_TERMS

        risky = [t for t in lock_in_risks(bid).risky_terms if t in DISQUALIFYING_TERMS]
        if not risky:
            return "pass", "lock_in_risks: no disqualifying term."
        return "fail", "lock_in_risks: " + ", ".join(LOCK_IN_TERMS[t].title.lower() for t in risky) + "."
    if standard.evidence.startswith("offer:"):
        key = standard.evidence.split(":", 1)[1]
        stated = bid.offer.get(key)
        option = stated.get("option") if isinstance(stated, dict) else stated
        if option in (None, "none"):
            return "fail", f"bid.yaml offer.{key}: {option or 'not stated'}."
        return "pass", f"bid.yaml offer.{key}: {option}."
    raise LabkitError(
        f"Minimum standard {standard.id!r} has evidence {standard.evidence!r}, which labkit does not know.",
        where="parameter gate",
        fix="Use 'claims', 'lock_in' or 'offer:KEY'.",
    )


def _apply_gate(bids: list[Any], gate: Sequence[Standard], checks: Mapping[str, Any]) -> pd.DataFrame:
    rows = []
    for b in bids:
        for standard in gate:
            result, why = _gate_result(standard, b, checks)
            rows.append(
                {
                    "supplier": b.supplier,
                    "standard": standard.title,
                    "result": result,
                    "evidence": why,
                    "source": standard.source,
                }
            )
    return pd.DataFrame(rows, columns=["supplier", "standard", "result", "evidence", "source"])


class Scorecard(Report):
    """A tender evaluation matrix.

    Attributes
    ----------
    gate : pandas.DataFrame
        One row per bid and minimum standard: result ("pass", "fail" or "not checked") and its evidence.
    matrix : pandas.DataFrame
        One row per bid: whether it passed the gate, quality points per criterion, quality and price points,
        and the total. Bids that pass come first, from the highest total to the lowest, then those that fail.
    evidence : pandas.DataFrame
        One row per bid and criterion: score (0-2), points and the evidence it rests on.
    ranking : list of str
        Suppliers that pass the gate, from the highest total to the lowest.
    excluded : list of str
        Suppliers that fail at least one minimum standard, so are not ranked.
    """

    kind = "Scorecard"

    def __init__(self, title: str, summary: str, sections: list[Section], **fields: Any) -> None:
        self.gate: pd.DataFrame = fields.pop("gate")
        self.matrix: pd.DataFrame = fields.pop("matrix")
        self.evidence: pd.DataFrame = fields.pop("evidence")
        self.ranking: list[str] = fields.pop("ranking")
        self.excluded: list[str] = fields.pop("excluded")
        self.details = fields
        super().__init__(title, summary, sections, frame=self.matrix)

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "gate": self.gate,
            "matrix": self.matrix,
            "evidence": self.evidence,
            "ranking": self.ranking,
            "excluded": self.excluded,
            **self.details,
        }


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


def _score(c: Criterion, b: Any, checks: Mapping[str, Any]) -> tuple[int, str]:
    """One criterion's score (0, 1 or 2) for one bid, and the evidence it rests on."""
    from labkit.suppliers._lock_in import lock_in_risks

    if c.evidence == "claims":
        return _score_claims(checks.get(b.slug))
    elif c.evidence == "lock_in":
        risky = lock_in_risks(b).risky_terms
        score = 2 if not risky else (1 if len(risky) <= 2 else 0)
        return score, "lock_in_risks: " + (
            f"{plural(len(risky), 'risk')}: {', '.join(risky)}." if risky else "no risk."
        )
    elif c.evidence.startswith("offer:"):
        key = c.evidence.split(":", 1)[1]
        stated = b.offer.get(key)
        option = stated.get("option") if isinstance(stated, dict) else stated
        says = stated.get("says", "") if isinstance(stated, dict) else ""
        if option is None:
            return 0, f"bid.yaml offer.{key}: not stated."
        elif option not in c.scores:
            raise LabkitError(
                f"The offer {option!r} is not one criterion {c.id!r} knows.",
                where=f"bid {b.slug!r}, offer.{key}",
                fix=f"Use one of: {', '.join(c.scores)}.",
            )
        else:
            return c.scores[option], f"bid.yaml offer.{key}: {option} ({says})"
    else:
        raise LabkitError(
            f"Criterion {c.id!r} has evidence {c.evidence!r}, which labkit does not know.",
            where="parameter criteria",
            fix="Use 'claims', 'lock_in' or 'offer:KEY'.",
        )


def scorecard(
    bids: Any,
    *,
    checks: Mapping[str, Any] | None = None,
    criteria: Sequence[Criterion] = CRITERIA,
    quality_weight: float = 0.7,
    gate: Sequence[Standard] = GATE,
) -> Scorecard:
    """Check bids against minimum standards, then score those that pass in a tender evaluation matrix.

    A bid that fails a minimum standard (:data:`GATE`) is scored, so you can see what it would have got, but
    not ranked: points on other criteria cannot make up for it. A claims standard with no ``checks`` for a
    bid is "not checked" and does not exclude it; the summary says so.

    Parameters
    ----------
    bids : Bid, list of Bid or dict of Bid
    checks : dict, optional
        The :func:`check_claims` result of each bid, keyed by the bid's slug (folder name). A bid without one
        scores 0 on "claims hold", with the evidence saying it was not checked.
    criteria : sequence of Criterion
        The quality criteria (default :data:`CRITERIA`). Their weights are scaled to 100 quality points.
    quality_weight : float, default 0.7
        The share of the total for quality; price gets the rest (the lowest price among the bids that pass
        the gate gets full price points, others in proportion).
    gate : sequence of Standard, default GATE
        The minimum standards, pass or fail, applied before ranking. Pass ``gate=()`` to rank on points alone.

    Returns
    -------
    Scorecard

    Examples
    --------
    >>> from labkit.suppliers import load_tender, scorecard
    >>> card = scorecard(load_tender().bids)
    >>> card.matrix.columns[-1]
    'total'
    >>> card.excluded  # fail the gate on their contracts: no audit access, or every lock-in term
    ['Merrowgate Cloud', 'Tallowmere Data Services']
    """
    bids = _as_bids(bids)
    checks = dict(checks or {})
    criteria, gate = _checked_settings(bids, checks, criteria, quality_weight, gate)
    gate_table = _apply_gate(bids, gate, checks)
    failed = set(gate_table.loc[gate_table["result"] == "fail", "supplier"])
    matrix_rows, evidence_rows = _score_bids(bids, checks, criteria, quality_weight, failed)
    matrix = (
        pd.DataFrame(matrix_rows)
        .assign(_order=lambda m: m["gate"] == "fail")
        .sort_values(["_order", "total"], ascending=[True, False], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    evidence = pd.DataFrame(evidence_rows)
    ranking = matrix.loc[matrix["gate"] == "pass", "supplier"].tolist()
    excluded = matrix.loc[matrix["gate"] == "fail", "supplier"].tolist()
    summary = _scorecard_summary(matrix, gate_table, ranking, excluded, len(criteria), quality_weight)
    sections = _scorecard_sections(matrix, gate_table, evidence, criteria, gate)
    return Scorecard(
        "Tender evaluation matrix",
        summary,
        sections,
        matrix=matrix,
        evidence=evidence,
        ranking=ranking,
        excluded=excluded,
        gate=gate_table,
        quality_weight=quality_weight,
    )


def _checked_settings(
    bids: list[Any],
    checks: Mapping[str, Any],
    criteria: Sequence[Criterion],
    quality_weight: Any,
    gate: Sequence[Standard],
) -> tuple[list[Criterion], list[Standard]]:
    """The scorecard's settings, checked: a plain error for each one that cannot be used."""
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
            f"checks names {'a bid' if len(unknown_checks) == 1 else 'bids'} that are not being scored: "
            f"{', '.join(sorted(unknown_checks))}.",
            where="parameter checks",
            fix=f"Key checks by the bids' slugs: {', '.join(b.slug for b in bids)}.",
        )
    gate = list(gate)
    if not all(isinstance(g, Standard) for g in gate):
        raise LabkitError(
            "gate must be a list of Standard (minimum standards).",
            where="parameter gate",
            fix="Use the default GATE, your own list of Standard, or gate=() to rank on points alone.",
        )
    return criteria, gate


def _score_bids(
    bids: list[Any],
    checks: Mapping[str, Any],
    criteria: list[Criterion],
    quality_weight: float,
    failed: set[str],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each bid's row of the matrix, and one row of evidence per bid and criterion."""
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
    passing = [prices[b.slug] for b in bids if b.supplier not in failed]
    lowest = min(passing or prices.values())
    evidence_rows, matrix_rows = [], []
    for b in bids:
        quality = 0.0
        row: dict[str, Any] = {"supplier": b.supplier, "gate": "fail" if b.supplier in failed else "pass"}
        for c in criteria:
            score, why = _score(c, b, checks)
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
    return matrix_rows, evidence_rows


def _scorecard_sections(
    matrix: pd.DataFrame,
    gate_table: pd.DataFrame,
    evidence: pd.DataFrame,
    criteria: list[Criterion],
    gate: list[Standard],
) -> list[Section]:
    shown = matrix[["supplier", "gate", "quality", "price_3yr", "quality_points", "price_points", "total"]]
    return [
        Section(
            "Minimum standards: pass or fail, before any score",
            "A bid that fails one is not ranked, whatever its points: points cannot make up for a product "
            "the council cannot check, a claim that fails on its own data, or a contract it cannot leave.",
            tables=[Table("Minimum standards", gate_table[["supplier", "standard", "result", "evidence"]])],
        ),
        Section(
            "Tender evaluation matrix",
            "Quality points out of 100 and price in pounds over three years; the total weights them by the "
            "published split. Bids that fail the minimum standards are shown last, and not ranked.",
            tables=[Table("Bids that pass, ranked by total; then bids that fail", shown)],
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
            "Minimum standards and criteria, and their sources",
            "\n".join(
                [f"- Minimum standard: {g.title} (fails when {g.fails_when}): {g.source}" for g in gate]
                + [f"- {c.title} ({c.weight:g}): {c.source}" for c in criteria]
            ),
        ),
    ]


def _scorecard_summary(
    matrix: pd.DataFrame,
    gate_table: pd.DataFrame,
    ranking: list[str],
    excluded: list[str],
    n_criteria: int,
    quality_weight: float,
) -> str:
    n = len(matrix)
    n_standards = gate_table["standard"].nunique()
    if not n_standards:
        head = f"{plural(n, 'bid')} scored, with no minimum standards."
    elif excluded:
        why = {
            s: listing(
                [
                    f"'{title}'"
                    for title in gate_table.loc[
                        (gate_table["supplier"] == s) & (gate_table["result"] == "fail"), "standard"
                    ]
                ]
            )
            for s in excluded
        }
        head = (
            f"{plural(n, 'bid')} checked against {plural(n_standards, 'minimum standard')}: "
            f"{len(ranking)} {'passes' if len(ranking) == 1 else 'pass'}. Not ranked: "
            + "; ".join(f"{s}, which fails {why[s]}" for s in excluded)
            + "."
        )
    else:
        head = f"{plural(n, 'bid')} checked against {plural(n_standards, 'minimum standard')}: all pass."
    unchecked = sorted(set(gate_table.loc[gate_table["result"] == "not checked", "supplier"]))
    if unchecked:
        head += f" Claims not checked, so not yet known to hold: {listing(unchecked)}."
    if not ranking:
        return head + " No bid passes, so none is ranked."
    top = matrix[matrix["supplier"] == ranking[0]].iloc[0]
    summary = (
        f"{head} Scored on {plural(n_criteria, 'quality criterion', 'quality criteria')} "
        f"({quality_weight:.0%} of the total) and price ({1 - quality_weight:.0%}). Highest total of those "
        f"that pass: {top['supplier']} with {top['total']:.1f} of 100 (quality {top['quality']:.1f} of 100, "
        f"three-year price £{top['price_3yr']:,.0f})."
    )
    weak = matrix[(matrix["quality"] < 50) & matrix["supplier"].isin(ranking)]["supplier"].tolist()
    if weak:
        summary += " Below half the quality points: " + listing(weak) + "."
    return summary
