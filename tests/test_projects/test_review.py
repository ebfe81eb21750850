"""review(): each planted failure in a set of bad canvases is flagged, and the good canvas passes."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.projects import FINDING_CODES, ProblemCanvas, example_canvas, review, solution_words


def test_the_good_canvas_passes_with_no_findings():
    result = review(example_canvas())
    assert result.ready and result.findings == [] and "none of the classic failures" in result.summary


def _solution(d):
    d["user_need"] = "We need a chatbot to answer tenants' questions about repairs."


def _no_baseline(d):
    d["baseline"] = {"measure": "share of repair jobs that miss their target"}


def _unmeasurable(d):
    d["measures"][0] = {"name": "tenants are happier", "description": "Better service"}


def _no_measures(d):
    d["measures"] = []
    d["stop_rules"] = [r for r in d["stop_rules"] if r["measure"] != "outcome_rate"]


def _no_stop_rule(d):
    d["stop_rules"] = []


def _only_ai(d):
    d["options"] = [o for o in d["options"] if o["kind"] in ("ai", "do-nothing")]


def _no_owner(d):
    d["owner"]["accountable"] = ""


def _unknown_stop_measure(d):
    d["stop_rules"][0]["measure"] = "happiness"


BAD = {
    "solution_not_problem": _solution,
    "no_baseline": _no_baseline,
    "unmeasurable_measure": _unmeasurable,
    "no_success_measure": _no_measures,
    "no_stop_rule": _no_stop_rule,
    "no_no_ai_option": _only_ai,
    "no_accountable_owner": _no_owner,
    "unknown_stop_measure": _unknown_stop_measure,
}


@pytest.mark.parametrize("code", sorted(BAD))
def test_each_planted_failure_is_flagged_and_nothing_else(good, code):
    BAD[code](good)
    result = review(ProblemCanvas.from_dict(good))
    assert not result.ready
    assert result.codes == {code}
    finding = result.findings[0]
    assert finding.level == "fix" and finding.advice and code in FINDING_CODES


def test_a_canvas_with_every_failure_lists_them_all(good):
    for code, change in BAD.items():
        if code != "unknown_stop_measure":
            change(good)
    result = review(ProblemCanvas.from_dict(good))
    assert result.codes >= {"solution_not_problem", "no_baseline", "no_stop_rule", "no_no_ai_option"}
    assert "not ready" in result.summary


def test_unmeasurable_advice_says_what_is_missing(good):
    _unmeasurable(good)
    advice = review(ProblemCanvas.from_dict(good)).findings[0].advice
    assert "a unit" in advice and "a target" in advice


def test_softer_advice_does_not_block(good):
    good["decision"]["human_involvement"] = ""
    good["benefits"][0]["low"] = None
    good["data"][0]["quality_audit"] = ""
    result = review(ProblemCanvas.from_dict(good))
    assert result.ready
    assert result.codes == {"no_human_involvement", "benefit_without_range", "data_not_audited"}
    assert {f.level for f in result.findings} == {"consider"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("We need a chatbot", ["we need a", "chatbot"]),
        ("Buy an AI triage platform", ["platform", "buy", "AI"]),
        ("Use machine learning to predict late repairs", ["machine learning"]),
        ("Tenants wait too long for repairs and cannot find out when they will be done", []),
        ("I need help with my rent arrears before I am evicted", []),
    ],
)
def test_solution_words(text, words):
    assert sorted(solution_words(text)) == sorted(words)


def test_review_refuses_what_is_not_a_canvas():
    with pytest.raises(LabkitError, match="ProblemCanvas"):
        review({"title": "x"})


def test_review_report_pattern(tmp_path, good):
    _no_stop_rule(good)
    result = review(ProblemCanvas.from_dict(good))
    d = result.to_dict()
    assert d["ready"] is False and d["findings"][0]["code"] == "no_stop_rule"
    assert list(result.to_frame().columns) == ["level", "finding", "where", "advice"]
    assert "<table>" in result.to_html() and result.save(tmp_path / "r.md").read_text().startswith("# Canvas")
