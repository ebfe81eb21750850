"""labkit assistants: bad test sets, transcripts, marks and endpoints give plain errors or findings."""

from __future__ import annotations

import pytest

from labkit.assistants import evaluate_assistant, get_product, load_test_set
from tests.test_bad_input.conftest import assert_plain_cli_error, raises_plain

HEADER = "question_id,question,kind,reference_answer,passage_ids\n"
GOOD = "Q1,How much is a blue badge?,fact,A blue badge costs £10.,blue-badge-apply-1\n"


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (GOOD + GOOD, ("'Q1' is used more than once", "row 3")),
        (GOOD + 'Q2,"  ",fact,x,blue-badge-apply-1\n', ("The question is empty", "row 3", "question Q2")),
        ("Q1,How much?,fact,£10.,no-such-passage\n", ("'no-such-passage' is not in the service pages",)),
        ("Q1,How much?,fact,£10.,\n", ("no reference passage",)),
        ("Q1,How much?,opinion,£10.,blue-badge-apply-1\n", ("'opinion' is not one labkit knows",)),
    ],
)
def test_bad_test_set_files(cli, tmp_path, rows, words):
    path = tmp_path / "tests.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    raises_plain(load_test_set, path, words=words)
    assert_plain_cli_error(*cli(["assistants", "test", "clearpath", "--test-set", path]), *words)


def test_test_set_missing_a_column(cli, tmp_path):
    path = tmp_path / "tests.csv"
    path.write_text("question_id,question\nQ1,Hello?\n", encoding="utf-8")
    assert_plain_cli_error(*cli(["assistants", "test", "clearpath", "--test-set", path]), "kind")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("Social worker: Café?\n".encode("cp1252"), ("not UTF-8", "line 1")),
        ("Social worker: Hello\n".encode("utf-16"), ("UTF-16",)),
        (b"   \n", ("The file is empty",)),
    ],
)
def test_transcript_files(cli, tmp_path, content, words):
    path = tmp_path / "visit.txt"
    path.write_bytes(content)
    assert_plain_cli_error(*cli(["assistants", "notes", path, "truenote"]), *words)


def test_transcript_json_that_is_not_json(cli, tmp_path):
    path = tmp_path / "visit.json"
    path.write_text("{'lines': oops", encoding="utf-8")
    assert_plain_cli_error(*cli(["assistants", "notes", path, "truenote"]), "not valid JSON")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["assistants", "serve", "nosuchbot"], ("no simulated product called 'nosuchbot'",)),
        (["assistants", "serve", "clearpath", "--port", "70000"], ("port must be a whole number",)),
        (["assistants", "test", "clearpath", "--timeout", "0"], ()),
        (["assistants", "test", "ftp://example.org"], ("There is no simulated product",)),
        (["assistants", "test", "http://127.0.0.1:9", "--timeout", "-1"], ("timeout must be",)),
        (["assistants", "test", "clearpath", "--price-in", "-2"], ("0 or more",)),
    ],
)
def test_bad_options(cli, argv, words):
    if argv[-1] == "0":  # a timeout of 0 only matters for an address: the simulated product runs
        code, out, _err = cli(argv)
        assert code == 0 and "clearpath" in out
        return
    assert_plain_cli_error(*cli(argv), *words)


def test_review_files(cli, tmp_path):
    results = tmp_path / "results.csv"
    results.write_text("question_id,kind\nQ1,fact\n", encoding="utf-8")
    assert_plain_cli_error(
        *cli(["assistants", "review-sample", results, "--out", tmp_path / "s.csv"]),
        "no column called 'question'",
    )
    report = evaluate_assistant(get_product("clearpath"), load_test_set().subset(n=6))
    report.results.drop(columns=["traces"]).to_csv(results, index=False)
    marks = tmp_path / "marks.csv"
    marks.write_text("question_id,mark\nQ001,perhaps\n", encoding="utf-8")
    assert_plain_cli_error(*cli(["assistants", "review-import", results, marks]), "'perhaps'")


def test_endpoint_faults_are_findings_not_errors():
    """An endpoint nobody answers at: every question is a finding, and the run completes."""
    report = evaluate_assistant("http://127.0.0.1:9", load_test_set().subset(n=3), timeout=1)
    assert list(report.results["outcome"]) == ["no_answer"] * 3
    assert "the product gave no answer" in set(report.results["outcome_text"])
