"""screen(): the legal screening (DPIA, lawful basis, Art. 22 and Arts. 22A-22D, PSED, ATRS)."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.projects import ProblemCanvas, example_canvas, screen


def _screen(d):
    return screen(ProblemCanvas.from_dict(d))


def test_example_needs_a_dpia_and_an_atrs_record():
    result = screen(example_canvas())
    assert result.dpia_needed is True
    assert result.actions == [
        "Complete a full DPIA before the processing starts.",
        "Prepare an ATRS record (lesson 08 builds one from this canvas).",
    ]
    assert "not legal advice" in result.summary


@pytest.mark.parametrize(
    "question", ["innovative_technology", "automated_decisions_about_access", "combines_datasets"]
)
def test_any_ico_list_item_means_a_dpia(good, question):
    for q in ("innovative_technology", "automated_decisions_about_access", "combines_datasets"):
        good["legal"][q] = q == question
    good["legal"]["special_category_data"] = []
    assert _screen(good).dpia_needed is True


def test_special_category_at_scale_means_a_dpia(good):
    for q in ("innovative_technology", "automated_decisions_about_access", "combines_datasets"):
        good["legal"][q] = False
    assert _screen(good).dpia_needed is True
    good["legal"]["large_scale"] = False
    assert _screen(good).dpia_needed is False


def test_unanswered_questions_leave_the_screening_unfinished(good):
    for q in ("innovative_technology", "automated_decisions_about_access", "combines_datasets"):
        good["legal"][q] = None
    good["legal"]["special_category_data"] = []
    result = _screen(good)
    assert result.dpia_needed is None
    assert "Answer it: legal.innovative_technology." in result.actions


def test_dpo_not_consulted_is_an_action(good):
    good["legal"]["dpo_consulted"] = False
    assert any("data protection officer" in a for a in _screen(good).actions)


def test_missing_lawful_basis_and_article_9_condition(good):
    good["legal"]["lawful_basis"] = ""
    good["legal"]["article_9_condition"] = ""
    actions = " ".join(_screen(good).actions)
    assert "lawful basis" in actions and "Art. 9 condition" in actions


def test_solely_automated_significant_decision_with_special_category_data_is_restricted(good):
    good["legal"].update(solely_automated=True, significant_effect=True)
    frame = _screen(good).to_frame()
    answers = dict(zip(frame["question"], frame["answer"], strict=True))
    assert answers["Under the original Art. 22?"] == "restricted"
    assert answers["Under Articles 22A-22D, with special category data?"] == "restricted"


def test_without_special_category_data_22a_to_22d_need_the_safeguards(good):
    good["legal"].update(
        solely_automated=True, significant_effect=True, special_category_data=[], safeguards=["inform"]
    )
    result = _screen(good)
    row = result.to_frame().query("question == 'Under Articles 22A-22D, are the safeguards in place?'")
    assert row["answer"].item() == "missing: representations, contest and human intervention"
    good["legal"]["safeguards"] = ["inform", "representations", "contest", "human intervention"]
    row = _screen(good).to_frame().query("question == 'Under Articles 22A-22D, are the safeguards in place?'")
    assert row["answer"].item() == "all in place" and row["action"].item() == ""


def test_human_involvement_must_be_described_when_not_solely_automated(good):
    good["decision"]["human_involvement"] = ""
    assert any("meaningfully involved" in a for a in _screen(good).actions)


def test_equality_duty_needs_characteristics_and_an_eqia(good):
    good["legal"].update(protected_characteristics_considered=[], equality_impact_assessment="planned")
    actions = " ".join(_screen(good).actions)
    assert "protected characteristic" in actions and "Equality Impact Assessment" in actions


def test_no_personal_data(good):
    good["legal"].update(
        personal_data=False,
        special_category_data=[],
        innovative_technology=False,
        automated_decisions_about_access=False,
        combines_datasets=False,
        affects_public=False,
    )
    result = _screen(good)
    assert result.dpia_needed is False
    assert not any("ATRS" in a for a in result.actions)


def test_screen_refuses_what_is_not_a_canvas():
    with pytest.raises(LabkitError, match="ProblemCanvas"):
        screen("canvas.yaml")


def test_screening_report_is_json_safe(tmp_path):
    path = screen(example_canvas()).save(tmp_path / "s.json")
    assert '"dpia_needed": true' in path.read_text()
