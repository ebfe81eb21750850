"""The lesson's documented workflow finds every planted flaw, and flags nothing on the honest bid.

On the lesson's tender (seed 0) and on the held-out years of learners' own seeds 1 to 9 (the exercises use
a learner's own, so the workflow must hold for every one).
"""

from __future__ import annotations

from functools import cache

import pytest

from labkit import LabkitError
from labkit.suppliers import check_claims, clarification_questions, load_tender, lock_in_risks, scorecard

# What each kind of planted flaw must produce in check_claims' findings.
EXPECTED_CODE = {
    "accuracy_paradox": "accuracy_paradox",
    "other_population": "other_population",
    "leakage": "leakage",
    "proxy": "proxy",
}
SLUGS = ["quillfield", "brackenwick", "tallowmere", "corvane", "haldor", "merrowgate"]


@cache
def _tender(seed: int):
    return load_tender(seed=seed)


def _routes(bid):
    routes = [("scores", {"scores": bid.scores})]
    if bid.model_path is not None:
        routes.append(("model", {"model": bid.model_path}))
    return routes


@pytest.mark.parametrize("slug", SLUGS)
def test_workflow_finds_every_planted_flaw_and_no_other(tender, slug):
    _finds_every_planted_flaw_and_no_other(tender, slug)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1, 10))
@pytest.mark.parametrize("slug", SLUGS)
def test_workflow_finds_every_planted_flaw_on_a_learners_own_held_out_year(seed, slug):
    _finds_every_planted_flaw_and_no_other(_tender(seed), slug)


def test_a_learners_tender_is_the_same_bids_on_another_year(tender):
    own = _tender(7)
    assert own.seed == 7 and tender.seed == 0
    assert list(own.bids) == list(tender.bids)
    assert own.ground_truth["bids"] == tender.ground_truth["bids"]
    assert not set(own.local["repair_id"]) >= set(tender.local["repair_id"]) or len(own.local) != len(
        tender.local
    )
    assert (own.local["financial_year"] == "2024-25").all()
    assert list(own.sample.columns) == list(tender.sample.columns)
    scores = own.bids["quillfield"].scores
    assert scores["repair_id"].tolist() == own.local["repair_id"].tolist()
    with pytest.raises(LabkitError, match=r"bid\.scores"):
        own.bids["quillfield"].scores_path  # noqa: B018 (the file holds the lesson's scores, not these)
    assert load_tender(seed=7).local.equals(own.local)  # the same seed gives the same year
    with pytest.raises(LabkitError, match="seed"):
        load_tender(seed=-1)


def _finds_every_planted_flaw_and_no_other(tender, slug):
    bid = tender.bids[slug]
    truth = tender.ground_truth["bids"][slug]
    planted = truth["flaws"]
    for route, source in _routes(bid):
        check = check_claims(bid.claims, tender.local, **source, **tender.check_kwargs())
        expected = {EXPECTED_CODE[f["code"]] for f in planted if f["code"] in EXPECTED_CODE}
        assert check.codes - {"not_supported"} == expected, (route, check.findings)
        for flaw in planted:
            if flaw["code"] in EXPECTED_CODE and flaw.get("claim"):
                claim = flaw["claim"]
                flagged = set(check.findings.loc[check.findings["claim"] == claim, "code"])
                assert flagged or check.verdict(claim) == "not supported", (route, claim)
        risky = set(lock_in_risks(bid).risky_terms)
        assert risky == {f["term"] for f in planted if f["code"] == "lock_in"}
        if truth["honest"]:
            assert check.findings.empty
            assert set(check.verdicts["verdict"]) <= {"supported", "cannot be checked"}


def test_the_honest_bid_ranks_first_and_flawed_claims_score_nothing(tender):
    checks = {
        slug: check_claims(bid.claims, tender.local, scores=bid.scores, **tender.check_kwargs())
        for slug, bid in tender.bids.items()
    }
    card = scorecard(tender.bids, checks=checks)
    honest = [s for s, b in tender.ground_truth["bids"].items() if b["honest"]]
    assert card.ranking == [tender.bids[honest[0]].supplier]  # every planted flaw fails a minimum standard
    by_supplier = card.matrix.set_index("supplier")
    for slug, bid in tender.bids.items():
        has_claim_flaw = any(f["code"] != "lock_in" for f in tender.ground_truth["bids"][slug]["flaws"])
        assert (by_supplier.loc[bid.supplier, "claims_hold"] == 0) == has_claim_flaw
    questions = clarification_questions(*checks.values(), *(lock_in_risks(b) for b in tender.bids.values()))
    # Every supplier with a planted flaw gets at least one question about it.
    for slug, bid in tender.bids.items():
        abouts = " ".join(questions.questions.loc[questions.questions["supplier"] == bid.supplier, "about"])
        for flaw in tender.ground_truth["bids"][slug]["flaws"]:
            key = "contract" if flaw["code"] == "lock_in" else flaw["code"]
            assert key in abouts or f"claim {flaw.get('claim')}" in abouts


def test_model_and_scores_routes_agree(tender):
    bid = tender.bids["quillfield"]
    a = check_claims(bid.claims, tender.local, model=bid.model_path, **tender.check_kwargs())
    b = check_claims(bid.claims, tender.local, scores=bid.scores_path, **tender.check_kwargs())
    # The returned scores are rounded to 4 decimal places; the metrics agree closely.
    diff = (a.verdicts["on_your_data"] - b.verdicts["on_your_data"]).abs().dropna()
    assert (diff < 0.01).all()
    assert list(a.verdicts["verdict"]) == list(b.verdicts["verdict"])


def test_the_leaky_model_shines_only_with_the_after_outcome_column(tender):
    bid = tender.bids["corvane"]
    kwargs = tender.check_kwargs()
    live = check_claims(bid.claims, tender.local, model=bid.model_path, **kwargs)
    kwargs["after_outcome"] = []  # pretend complaints were known at decision time, as in the demo
    demo = check_claims(bid.claims, tender.local, model=bid.model_path, **kwargs)
    auc = {r.claim: r.on_your_data for r in demo.verdicts.itertuples()}["C1"]
    live_auc = {r.claim: r.on_your_data for r in live.verdicts.itertuples()}["C1"]
    assert auc > live_auc + 0.05
    assert "leakage" not in demo.codes and "leakage" in live.codes


def test_check_claims_does_not_change_the_data(tender):
    local = tender.local.copy()
    bid = tender.bids["corvane"]
    check_claims(bid.claims, local, model=bid.model_path, **tender.check_kwargs())
    assert local.equals(tender.local)
