"""Reading pages, test sets and transcripts: the sandbox's, a council's own, and bad ones."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from labkit import LabkitError
from labkit.assistants import load_pages, load_test_set, load_transcripts, read_transcript
from labkit.data._genai import FOLDER, sandbox_files


def test_sandbox_material_sizes():
    pages = load_pages()
    current = pages.passages.query("status == 'current'")["page_id"].nunique()
    assert current >= 30
    assert (
        pages.passages.query("status == 'superseded'")["superseded_by"].isin(pages.passages["page_id"]).all()
    )
    ts = load_test_set()
    assert set(ts.questions["kind"]) == {"fact", "signpost", "decline", "red_team"}
    assert set(ts.questions["group"]) == {"plain", "paraphrase", "typos", "non_native", "text_speak"}
    every_passage = {p for ps in ts.questions["passage_ids"] for p in ps}
    assert every_passage <= set(pages.passages["passage_id"])
    assert all(len(t.key_facts) >= 4 for t in load_transcripts().values())


def test_committed_files_are_what_the_generator_writes():
    from labkit.data._sandbox import sandbox_dir

    for rel, data in sandbox_files().items():
        assert (sandbox_dir() / rel).read_bytes() == data, rel
    assert rel.startswith(FOLDER)


def test_every_fact_question_has_facts_in_its_reference_and_its_passage():
    from labkit.assistants._facts import fact_keys

    ts = load_test_set()
    for q in ts.questions.query("kind == 'fact'").itertuples():
        ref = fact_keys(q.reference_answer)
        assert ref, q.question_id
        held = set().union(*(fact_keys(ts.pages.text(p)) for p in q.passage_ids))
        assert ref <= held, q.question_id


def _frame(**change):
    rows = load_test_set().questions.head(3).copy()
    rows["passage_ids"] = [";".join(p) for p in rows["passage_ids"]]
    rows["must_not_contain"] = ""
    for column, (row, value) in change.items():
        rows.loc[row, column] = value
    return rows


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"question_id": (1, "Q001")}, ("Q001", "more than once", "row 3")),
        ({"question": (2, "   ")}, ("question is empty", "row 4")),
        ({"passage_ids": (0, "no-such-page-1")}, ("'no-such-page-1'", "not in the service pages")),
        ({"passage_ids": (0, "")}, ("no reference passage",)),
        ({"kind": (0, "chit-chat")}, ("'chit-chat'", "fact, signpost")),
        ({"reference_answer": (0, "")}, ("no reference answer",)),
        ({"question_id": (0, "")}, ("has no ID",)),
    ],
)
def test_bad_test_sets_are_plain_errors(change, words):
    with pytest.raises(LabkitError) as info:
        load_test_set(_frame(**change))
    for word in words:
        assert word in str(info.value)


def test_missing_column_is_a_plain_error():
    with pytest.raises(LabkitError, match="reference_answer"):
        load_test_set(_frame().drop(columns=["reference_answer"]))


def test_own_test_set_from_csv_with_own_pages(tmp_path):
    pages = tmp_path / "pages.csv"
    pages.write_text(
        "passage_id,page_id,text\nbins-1,bins,Bins are emptied every 7 days.\n", encoding="utf-8"
    )
    ts_file = tmp_path / "ts.csv"
    ts_file.write_text(
        "question_id,question,kind,reference_answer,passage_ids\nA1,How often are bins emptied?,fact,"
        "Every 7 days.,bins-1\n",
        encoding="utf-8",
    )
    ts = load_test_set(ts_file, pages=load_pages(pages))
    assert ts.questions.loc[0, "group"] == "plain" and ts.questions.loc[0, "topic"] == "A1"


def test_pages_json_with_duplicate_passage_is_a_plain_error(tmp_path):
    path = tmp_path / "pages.json"
    page = {
        "page_id": "p",
        "passages": [{"passage_id": "p-1", "text": "a"}, {"passage_id": "p-1", "text": "b"}],
    }
    path.write_text(json.dumps([page]), encoding="utf-8")
    with pytest.raises(LabkitError, match="used twice"):
        load_pages(path)


def test_transcript_in_the_wrong_encoding_is_a_plain_error(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_bytes("Social worker: Café at 3pm?\nMr Ash: Yes, £5.".encode("cp1252"))
    with pytest.raises(LabkitError) as info:
        read_transcript(path)
    assert "not UTF-8" in str(info.value) and "line 1" in str(info.value)
    utf16 = tmp_path / "visit16.txt"
    utf16.write_bytes("Social worker: Hello".encode("utf-16"))
    with pytest.raises(LabkitError, match="UTF-16"):
        read_transcript(utf16)


def test_transcript_from_text_file(tmp_path):
    path = tmp_path / "visit.txt"
    path.write_text("Social worker: How are you?\n\nMrs Lee: Fine, thanks.\n", encoding="utf-8")
    t = read_transcript(path)
    assert t.lines == (("Social worker", "How are you?"), ("Mrs Lee", "Fine, thanks."))
    assert t.key_facts.empty


def test_subset():
    ts = load_test_set()
    assert len(ts.subset(kind="red_team")) == 6
    assert set(ts.subset(group="typos").questions["group"]) == {"typos"}
    assert isinstance(ts.subset(n=5).questions, pd.DataFrame) and len(ts.subset(n=5)) == 5


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([], "no passages"),
        ([{"passage_id": "a-1", "page_id": "a", "text": "x", "status": "superseded"}], "no current passage"),
        ([{"passage_id": "a-1", "page_id": "a", "text": "x", "status": "old"}], "'old'"),
        ([{"passage_id": "a-1", "page_id": "a", "text": " "}], "no ID or no text"),
    ],
)
def test_bad_pages_are_plain_errors(rows, words):
    frame = pd.DataFrame(rows, columns=["passage_id", "page_id", "text", "status"])
    with pytest.raises(LabkitError, match=words):
        load_pages(frame)
