"""The lesson's documented workflow finds every planted flaw, and flags nothing on the honest bid."""

from __future__ import annotations

import pytest

from labkit.suppliers import check_claims, clarification_questions, lock_in_risks, scorecard

# What each kind of planted flaw must produce in check_claims' findings.
EXPECTED_CODE = {
    "accuracy_paradox": "accuracy_paradox",
    "other_population": "other_population",
    "leakage": "leakage",
    "proxy": "proxy",
}
SLUGS = ["quillfield", "brackenwick", "tallowmere", "corvane", "haldor", "merrowgate"]


def _routes(bid):
    routes = [("scores", {"scores": bid.scores_path})]
    if bid.model_path is not None:
        routes.append(("model", {"model": bid.model_path}))
    return routes


@pytest.mark.parametrize("slug", SLUGS)
def test_workflow_finds_every_planted_flaw_and_no_other(tender, slug):
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
        slug: check_claims(bid.claims, tender.local, scores=bid.scores_path, **tender.check_kwargs())
        for slug, bid in tender.bids.items()
    }
    card = scorecard(tender.bids, checks=checks)
    honest = [s for s, b in tender.ground_truth["bids"].items() if b["honest"]]
    assert card.ranking[0] == tender.bids[honest[0]].supplier
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
