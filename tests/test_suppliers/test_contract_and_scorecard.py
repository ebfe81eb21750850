"""lock_in_risks, scorecard and clarification_questions."""

from __future__ import annotations

from dataclasses import replace

import pytest

from labkit import LabkitError
from labkit.suppliers import (
    CRITERIA,
    DISQUALIFYING_TERMS,
    GATE,
    LOCK_IN_TERMS,
    Criterion,
    Standard,
    check_claims,
    clarification_questions,
    lock_in_risks,
    scorecard,
)


def test_lock_in_checklist_flags_risky_and_unstated_terms():
    report = lock_in_risks({"renewal": "automatic", "data_export": {"option": "none", "says": "No exports."}})
    risks = report.risks.set_index("term")
    assert risks.loc["renewal", "risk"] == "yes"
    assert risks.loc["data_export", "contract_says"] == "No exports."
    assert risks.loc["audit_access", "risk"] == "not stated"
    assert set(report.risky_terms) == set(LOCK_IN_TERMS)
    good = lock_in_risks(
        {t: next(o for o, bad in spec.options.items() if not bad) for t, spec in LOCK_IN_TERMS.items()}
    )
    assert good.risky_terms == [] and "pass all" in good.summary


def test_lock_in_bad_input():
    with pytest.raises(LabkitError, match="does not know the contract term"):
        lock_in_risks({"free_lunch": "yes"})
    with pytest.raises(LabkitError, match="not one labkit knows for 'renewal'"):
        lock_in_risks({"renewal": "sometimes"})
    with pytest.raises(LabkitError, match="term: option pairs"):
        lock_in_risks(["renewal"])


def test_every_lock_in_term_says_what_to_ask_for():
    for spec in LOCK_IN_TERMS.values():
        assert spec.ask_for and spec.why and "Guidelines for AI procurement" in spec.source
        assert any(spec.options.values()) and not all(spec.options.values())


def test_scorecard_cites_evidence_for_every_score(tender):
    card = scorecard(tender.bids)
    assert len(card.evidence) == len(tender.bids) * len(CRITERIA)
    assert card.evidence["evidence"].str.len().gt(10).all()
    # Without claim checks nobody gets the "claims hold" points, and the evidence says why.
    assert (card.matrix["claims_hold"] == 0).all()
    assert (
        card.evidence.loc[card.evidence["criterion"].str.startswith("Claims"), "evidence"]
        .str.contains("Not checked")
        .all()
    )
    for _, bids in card.matrix.groupby("gate"):  # ranked by total within those that pass, and those that fail
        assert (bids["total"].diff().dropna() <= 0).all()
    assert card.matrix["gate"].tolist() == sorted(card.matrix["gate"], key=lambda g: g == "fail")
    assert card.matrix["price_points"].max() == pytest.approx(30.0)


def test_the_gate_comes_before_the_score(tender):
    checks = {
        slug: check_claims(bid.claims, tender.local, scores=bid.scores, **tender.check_kwargs())
        for slug, bid in tender.bids.items()
    }
    card = scorecard(tender.bids, checks=checks)
    honest = tender.bids["quillfield"].supplier
    assert card.ranking == [honest]  # every other bid has a planted flaw that fails a minimum standard
    assert set(card.excluded) == {b.supplier for s, b in tender.bids.items() if s != "quillfield"}
    merrowgate = card.gate[card.gate["supplier"] == "Merrowgate Cloud"].set_index("standard")["result"]
    assert merrowgate.to_dict() == {
        "The council can check the product": "pass",
        "No claim fails on the council's own data": "pass",
        "No disqualifying lock-in": "fail",
    }
    # On points alone, Merrowgate's locked-in contract would still rank second: the gate is what stops it.
    points_only = scorecard(tender.bids, checks=checks, gate=())
    assert points_only.ranking[:2] == [honest, "Merrowgate Cloud"] and not points_only.excluded
    assert "Merrowgate Cloud, which fails 'No disqualifying lock-in'" in card.summary
    assert "Minimum standards" in card.to_markdown()
    assert card.to_dict()["excluded"] == card.excluded


def test_the_gate_without_checks_and_with_no_way_to_check(tender):
    card = scorecard(tender.bids)  # claims not checked: not a failure, but said
    assert "Claims not checked" in card.summary
    assert set(card.gate.loc[card.gate["standard"].str.startswith("No claim"), "result"]) == {"not checked"}
    quillfield = tender.bids["quillfield"]
    offer = {**quillfield.offer, "local_validation": {"option": "none", "says": "No model, no scores."}}
    blind = replace(quillfield, details={**quillfield.details, "offer": offer})
    gate = scorecard([blind]).gate.set_index("standard")["result"]
    assert gate["The council can check the product"] == "fail"
    assert scorecard([blind]).ranking == [] and "No bid passes" in scorecard([blind]).summary
    with pytest.raises(LabkitError, match="list of Standard"):
        scorecard(tender.bids, gate=["no_lock_in"])
    odd = Standard("x", "X", "never", "vibes", "none")
    with pytest.raises(LabkitError, match="does not know"):
        scorecard(tender.bids, gate=[odd])
    assert set(DISQUALIFYING_TERMS) <= set(LOCK_IN_TERMS) and GATE


def test_scorecard_price_quality_split_and_bad_input(tender):
    bids = tender.bids
    price_only = scorecard(bids, quality_weight=0.0)
    cheapest = min(bids.values(), key=lambda b: b.price).supplier
    assert price_only.ranking[0] == cheapest
    with pytest.raises(LabkitError, match="share from 0 to 1"):
        scorecard(bids, quality_weight=70)
    with pytest.raises(LabkitError, match="not being scored"):
        scorecard(bids, checks={"nobody": None})
    with pytest.raises(LabkitError, match="one or more bids"):
        scorecard("quillfield")
    with pytest.raises(LabkitError, match="weight above 0"):
        scorecard(bids, criteria=[Criterion("x", "X", 0, "claims", "none")])
    with pytest.raises(LabkitError, match="does not know"):
        scorecard(bids, criteria=[Criterion("x", "X", 1, "vibes", "none")])


def test_questions_from_checks_and_contracts(tender):
    merrowgate = lock_in_risks(tender.bids["merrowgate"])
    qs = clarification_questions(merrowgate)
    assert len(qs.for_supplier("Merrowgate Cloud")) == 6
    assert all(q.startswith("Will you agree") for q in qs.questions["question"])
    with pytest.raises(LabkitError, match="at least one report"):
        clarification_questions()
    with pytest.raises(LabkitError, match="not a claims check"):
        clarification_questions("report")
