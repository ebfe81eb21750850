"""check_record: every planted defect in a set of bad records is caught, with the right field and check."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.transparency import atrs_record, check_record, example_answers, example_canvas

LONG = " ".join(["This sentence keeps going with more and more words about the repairs service"] * 4) + "."

# (name, change to the answers, redactions, expected field key, expected check, severity)
DEFECTS = [
    ("missing required field", {"team": ""}, None, "team", "required", "must fix"),
    ("personal name as owner", {"senior_responsible_owner": "Dr Priya Sharma"}, None,
     "senior_responsible_owner", "role not name", "must fix"),
    ("name and role as owner", {"senior_responsible_owner": "Mark Jones, Head of Repairs"}, None,
     "senior_responsible_owner", "role not name", "must fix"),
    ("personal email", {"contact_email": "priya.sharma@northbrook.example"}, None, "contact_email",
     "team email", "must fix"),
    ("not an email", {"contact_email": "repairs team"}, None, "contact_email", "email", "must fix"),
    ("redacted without reason", {"system_architecture": "Redacted"}, None, "system_architecture", "redaction",
     "must fix"),
    ("redaction with empty reason", {}, {"system_architecture": ""}, "system_architecture", "redaction",
     "must fix"),
    ("N/A with no sentence", {"appeals_and_review": "N/A"}, None, "appeals_and_review", "not applicable",
     "must fix"),
    ("over-long field", {"detailed_description": "Repairs. " * 600}, None, "detailed_description", "length",
     "must fix"),
    ("description of five sentences", {"description": "One. Two. Three. Four. Five."}, None, "description",
     "length", "must fix"),
    ("two-sentence one-sentence description", {"one_sentence_description": "A list. For planners."}, None,
     "one_sentence_description", "length", "must fix"),
    ("phase removed in v4.0", {"phase": "Pilot/beta"}, None, "phase", "phase", "must fix"),
    ("internal link", {"website_url": "https://intranet.northbrook.example/repairs"}, None, "website_url",
     "link", "must fix"),
    ("figure not in the evidence", {"model_performance": "ROC-AUC 0.991 on the test data."}, None,
     "model_performance", "consistency", "must fix"),
    ("model renamed", {"model_name": "Repairs predictor"}, None, "model_name", "consistency", "must fix"),
    ("third party named but involvement No", {"external_supplier": "Quillon Analytics Ltd"}, None,
     "external_supplier_involvement", "consistency", "must fix"),
    ("long sentence", {"benefit": LONG}, None, "benefit", "plain English", "should fix"),
    ("jargon in Tier 1", {"description": "A logistic regression ranks repairs by ROC-AUC."}, None,
     "description", "plain English", "should fix"),
    ("two organisation names", {"organisation_or_department": "Northbrook Council"}, None,
     "organisation_or_department", "consistency", "should fix"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "redactions", "key", "check", "severity"),
    [d[1:] for d in DEFECTS],
    ids=[d[0] for d in DEFECTS],
)
def test_each_planted_defect_is_caught(lesson04_card, change, redactions, key, check, severity):
    record = atrs_record(
        example_answers() | change, model_card=lesson04_card, canvas=example_canvas(), redactions=redactions
    )
    result = check_record(record)
    hits = result.findings[(result.findings["key"] == key) & (result.findings["check"] == check)]
    assert len(hits) == 1, result.findings.to_string()
    assert hits["severity"].item() == severity
    assert result.passed is (severity != "must fix")


def test_redaction_with_a_reason_is_accepted(lesson04_card):
    record = atrs_record(
        example_answers(),
        model_card=lesson04_card,
        canvas=example_canvas(),
        redactions={
            "system_architecture": "Withheld: detail could help an attacker find the repairs system."
        },
    )
    result = check_record(record)
    assert result.passed
    assert "Redacted: Withheld" in record.template().set_index("field").loc["System architecture", "entry"]


def test_explained_jargon_in_tier_1_is_not_flagged(lesson04_card):
    text = "The tool uses a logistic regression (a standard way to estimate a chance) to rank repairs."
    record = atrs_record(
        example_answers() | {"description": text}, model_card=lesson04_card, canvas=example_canvas()
    )
    assert not (check_record(record).findings["check"] == "plain English").any()


def test_an_empty_record_lists_every_required_field():
    result = check_record(atrs_record())
    required = result.findings[result.findings["check"] == "required"]
    assert len(required) >= 40
    assert not result.passed
    with pytest.raises(LabkitError, match="not ready to publish"):
        result.raise_if_failed()


def test_check_reads_a_saved_record(good_record, tmp_path):
    path = good_record.save(tmp_path / "record.json")
    assert check_record(path).passed
    assert check_record(str(path)).passed


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"max_sentence_words": 0}, "max_sentence_words"), ({"max_chars": "long"}, "max_chars"),
     ({"model_card": "card"}, "ModelCard")],
)  # fmt: skip
def test_bad_settings_are_clear_errors(good_record, kwargs, match):
    with pytest.raises(LabkitError, match=match):
        check_record(good_record, **kwargs)


def test_a_record_of_the_wrong_type_is_a_clear_error():
    with pytest.raises(LabkitError, match="AtrsRecord"):
        check_record(42)


def test_check_report_has_the_report_face(good_record, tmp_path):
    result = check_record(good_record)
    assert result.to_dict()["passed"] is True
    assert result.save(tmp_path / "check.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
