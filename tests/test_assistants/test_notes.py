"""check_notes: statements nobody made, key facts left out, from objects, files and plain text."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.assistants import check_notes, get_product, load_transcripts, read_transcript


@pytest.fixture(scope="module")
def visit():
    return load_transcripts()["V02"]


def test_invented_risk_statement_is_found_with_its_reason(visit):
    check = check_notes(visit, get_product("embellio")(visit))
    risky = check.unsupported[check.unsupported["risk_statement"]]
    assert list(risky["statement"]) == ["Mr Okafor said they have had thoughts of ending their life."]
    action = check.unsupported[~check.unsupported["risk_statement"]]
    assert (
        "25/02/2026" in action["statement"].iloc[0]
        and "2026-02-25 is not in the transcript" in action["reason"].iloc[0]
    )
    assert "of them a risk statement" in check.summary


def test_dropped_disclosure_is_found(visit):
    check = check_notes(visit, get_product("brevis")(visit))
    assert list(check.missing["kind"]) == ["safeguarding"]
    assert "A safeguarding disclosure is missing" in check.summary


def test_a_changed_date_is_not_supported(visit):
    notes = get_product("truenote")(load_transcripts()["V01"]).replace("14/01/2026", "15/01/2026")
    check = check_notes(load_transcripts()["V01"], notes)
    assert list(check.unsupported["reason"]) == ["2026-01-15 is not in the transcript"]
    assert list(check.missing["fact_id"]) == ["V01-F1"]


def test_key_facts_given_by_hand_and_notes_as_a_list():
    transcript = "Social worker: How is the new bed?\nMrs Lee: Lovely. My son hits me when he is drunk."
    facts = [{"text": "Mrs Lee said her son hits her when he is drunk.", "kind": "safeguarding"}]
    check = check_notes(transcript, ["Mrs Lee likes the new bed."], key_facts=facts)
    assert check.flagged == ["missing_safeguarding", "missing_key_fact"]
    check = check_notes(transcript, ["Mrs Lee said her son hits her when he is drunk."], key_facts=facts)
    assert check.flagged == []


def test_files(tmp_path, visit):
    transcript = tmp_path / "visit.txt"
    transcript.write_text(visit.text, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text(get_product("truenote")(visit), encoding="utf-8")
    check = check_notes(transcript, str(notes))
    assert check.unsupported.empty and check.key_facts.empty
    assert "No key facts were given" in check.summary


def test_report_faces(tmp_path, visit):
    check = check_notes(visit, get_product("embellio")(visit))
    assert check.to_dict()["flagged"] == check.flagged
    assert check.save(tmp_path / "n.html").read_text(encoding="utf-8").count("<table") == 2


@pytest.mark.parametrize(
    ("transcript", "notes", "words"),
    [
        ("V02", "", "The notes are empty"),
        ("V02", 42, "notes must be text"),
        ({"lines": []}, "x", "The transcript has no lines"),
        (3.5, "x", "transcript must be a file path"),
        ({"lines": ["a"], "key_facts": [{"kind": "x"}]}, "x", "Key fact 1 has no text"),
    ],
)
def test_bad_input_is_a_plain_error(transcript, notes, words):
    if transcript == "V02":
        transcript = load_transcripts()["V02"]
    with pytest.raises(LabkitError, match=words):
        check_notes(transcript, notes)


def test_missing_transcript_file(tmp_path):
    with pytest.raises(LabkitError, match="There is no file"):
        read_transcript(tmp_path / "nope.txt")
