"""atrs_record: a full ATRS v4.0 record from earlier lessons' outputs, in the template's layout."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from labkit import LabkitError
from labkit.evaluate import ATRS_MODEL_SPECIFICATION
from labkit.transparency import (
    ATRS_FIELDS,
    ATRS_SECTIONS,
    atrs_record,
    check_record,
    example_answers,
    load_record,
)


def test_record_from_the_lesson04_model_passes_check_record(good_record, lesson04_card):
    result = check_record(good_record, model_card=lesson04_card)
    must = result.findings[result.findings["severity"] == "must fix"]
    assert result.passed, must.to_string()
    assert "passes every required check" in result.summary


def test_model_specification_comes_from_the_model_card(good_record, lesson04_card):
    atrs = lesson04_card.to_atrs()
    for _, name, attr in ATRS_MODEL_SPECIFICATION:
        assert good_record.fields[attr] == atrs[name]
        assert good_record.sources[attr] == "model card"
    assert good_record.sources["detailed_description"] == "problem canvas"
    assert good_record.sources["human_decisions_and_review"] == "answers"


def test_every_field_is_in_the_template_layout_section_by_section(good_record):
    frame = good_record.template()
    assert len(frame) == len(ATRS_FIELDS)
    assert list(dict.fromkeys(frame["section"])) == list(ATRS_SECTIONS)
    new = frame[frame["field"].isin(["System-level input", "System-level output"])]
    assert (new["v3_attribute"] == "none in v4.0").all()
    assert (new["v4_reference"] == ["2.4.1.2", "2.4.1.3"]).all()


def test_saves_html_markdown_json_and_template_csv(good_record, tmp_path):
    html = good_record.save(tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'lang="en-GB"' in html and "Senior responsible owner" in html
    assert "## Deployment Context" in good_record.save(tmp_path / "r.md").read_text(encoding="utf-8")
    data = json.loads(good_record.save(tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["atrs"]["standard_version"] == "4.0"
    assert "v4.0 publishes none" in data["atrs"]["machine_names"]
    csv = pd.read_csv(good_record.save(tmp_path / "r.csv"), keep_default_na=False)
    assert list(csv.columns) == [
        "section",
        "v4_reference",
        "field",
        "v3_attribute",
        "tier",
        "required",
        "entry",
        "source",
    ]
    assert csv.loc[csv["field"] == "Senior responsible owner", "entry"].item() == "Head of Repairs"


def test_json_round_trip_keeps_fields_sources_evidence_and_redactions(tmp_path):
    answers = example_answers() | {"model_name": "Renamed"}
    record = atrs_record(
        answers, redactions={"system_architecture": "Withheld to protect the council's systems."}
    )
    back = load_record(record.save(tmp_path / "r.json"))
    assert back.fields == record.fields
    assert back.redactions == record.redactions
    assert back.sources == record.sources
    assert back.evidence == record.evidence


def test_without_a_supplier_third_party_fields_say_no_and_na():
    record = atrs_record(example_answers())
    assert record.fields["external_supplier_involvement"] == "No"
    assert record.fields["external_supplier"] == "N/A"


def test_supplier_details_fill_the_third_party_fields():
    record = atrs_record(
        example_answers(),
        supplier={
            "name": "Quillon Analytics Ltd",
            "role": "Built the model.",
            "companies_house_number": "N/A",
        },
    )
    assert record.fields["external_supplier_involvement"] == "Yes"
    assert record.fields["external_supplier"] == "Quillon Analytics Ltd"
    assert record.sources["external_supplier_role"] == "supplier details"


def test_fairness_and_eqia_summaries_are_added_to_risks_and_impact_assessments():
    record = atrs_record(example_answers(), fairness="Gaps under 2 points.", eqia="No adverse impact found.")
    assert record.fields["risks_and_mitigations"].endswith("Fairness audit: Gaps under 2 points.")
    assert record.fields["impact_assessment"].endswith("Equality Impact Assessment: No adverse impact found.")


def test_answer_replacing_evidence_is_kept_as_evidence_for_the_check(lesson04_card):
    record = atrs_record({"model_performance": "ROC-AUC 0.99."}, model_card=lesson04_card)
    assert record.evidence["model_performance"] == lesson04_card.to_atrs()["Model performance"]
    assert record.sources["model_performance"].startswith("answers (replacing")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"answers": {"senior_owner": "Head of Repairs"}}, "does not have"),
        ({"answers": {"team": 42}}, "must be text"),
        ({"answers": "Head of Repairs"}, "mapping"),
        ({"model_card": {"Model name": "x"}}, "ModelCard"),
        ({"supplier": {"company": "Quillon Analytics Ltd"}}, "does not know"),
        ({"redactions": {"team": 3}}, "reason"),
        ({"fairness": 0.5}, "report or text"),
    ],
)
def test_bad_input_is_a_clear_labkit_error(kwargs, match):
    with pytest.raises(LabkitError, match=match):
        atrs_record(**kwargs)


@pytest.mark.parametrize(
    ("content", "match"),
    [("{not json", "not valid JSON"), ('{"atrs": {}}', "no 'sections'"), ("[]", "no 'sections'")],
)
def test_loading_a_bad_record_file_is_a_clear_labkit_error(tmp_path, content, match):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LabkitError, match=match):
        load_record(path)


def _problem_canvas():
    """A canvas in the layout of lesson 03's ProblemCanvas.to_dict() (labkit.projects)."""
    return {
        "schema": "labkit-problem-canvas/1",
        "title": "Repairs at risk",
        "council": "Northbrook Borough Council",
        "user_need": "Planners need to know which open repairs will miss their target in time to act.",
        "owner": {"accountable": "Head of Repairs", "team": "Housing Repairs"},
        "decision": {
            "what": "Whether to call the tenant, rebook or escalate a repair",
            "made_by": "Repairs planner",
            "human_involvement": "A planner reviews every flagged job before any action.",
        },
        "current_process": "Planners check overdue jobs at the end of each week.",
        "options": [
            {"name": "A simple rule", "kind": "rule", "description": "Flag every job with a no-access visit"},
            {"name": "A model", "kind": "machine learning", "description": ""},
        ],
        "measures": [
            {"name": "Share of repairs late", "unit": "%", "baseline": 26.9, "target": 22.0, "by_month": 12}
        ],
        "benefits": [{"item": "Fewer repeat visits", "value": 1500.0, "unit": "visits a year"}],
        "risks": [{"risk": "Planners trust the list too much", "mitigation": "Training on its limits"}],
    }


def test_a_lesson03_problem_canvas_fills_its_fields():
    record = atrs_record({}, canvas=_problem_canvas())
    f = record.fields
    assert f["senior_responsible_owner"] == "Head of Repairs"
    assert f["detailed_description"].endswith(
        "The decision it supports: whether to call the tenant, rebook or escalate a repair."
    )
    assert f["alternatives_considered"] == (
        "A simple rule (rule): Flag every job with a no-access visit. A model (machine learning)."
    )
    assert (
        f["benefit"]
        == "Share of repairs late from 26.9% to 22% by month 12. Fewer repeat visits: 1,500 visits a year."
    )
    assert f["risks_and_mitigations"] == "Planners trust the list too much: Training on its limits."
    assert record.sources["human_decisions_and_review"] == "problem canvas"


def test_the_lesson03_example_canvas_and_lesson04_card_make_a_record_that_passes(lesson04_card):
    """Integration with labkit.projects: its own example canvas object, not a copy of its layout."""
    from labkit.projects import example_canvas

    canvas = example_canvas()
    record = atrs_record(example_answers(), model_card=lesson04_card, canvas=canvas)
    assert record.fields["senior_responsible_owner"] == canvas.owner.accountable
    assert canvas.user_need in record.fields["detailed_description"]
    assert "from 25.9% to 18.0% by month 6" in record.fields["benefit"]
    assert check_record(record, model_card=lesson04_card).passed


def test_a_lesson05_bid_fills_the_third_party_fields():
    from labkit.suppliers import load_tender

    bid = load_tender().bids["quillfield"]
    record = atrs_record(example_answers(), supplier=bid)
    assert record.fields["external_supplier_involvement"] == "Yes"
    assert record.fields["external_supplier"] == bid.supplier
    assert record.fields["external_supplier_role"].startswith(f"Supplies {bid.product}: ")
    assert bid.contract["audit_access"]["says"] in record.fields["data_access_terms"]
    assert record.sources["data_access_terms"] == "supplier details"
