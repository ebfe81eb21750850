"""``labkit assistants ...`` from the command line."""

from __future__ import annotations

import pandas as pd

from labkit.cli import main


def test_list(capsys):
    assert main(["assistants", "list"]) == 0
    out = capsys.readouterr().out
    assert "clearpath" in out and "note_taker" in out


def test_test_review_sample_and_import(tmp_path, capsys):
    results, report = tmp_path / "results.csv", tmp_path / "report.json"
    prices = ["--price-in", "0.5", "--price-out", "1.5"]
    files = ["--results", str(results), "--out", str(report), "--resume", str(tmp_path / "run.jsonl")]
    code = main(["assistants", "test", "fluentia", *prices, *files])
    out = capsys.readouterr()
    assert code == 0
    assert "made-up facts" in out.out and "asked 126 of 126" in out.err
    assert report.exists() and len(pd.read_csv(results)) == 126
    sample = tmp_path / "sample.csv"
    assert main(["assistants", "review-sample", str(results), "--n", "12", "--out", str(sample)]) == 0
    marked = pd.read_csv(sample, keep_default_na=False)
    marked["mark"] = "acceptable"
    marked.to_csv(sample, index=False)
    assert main(["assistants", "review-import", str(results), str(sample)]) == 0
    assert "Cohen's kappa" in capsys.readouterr().out


def test_notes_with_a_simulated_note_taker(capsys):
    assert main(["assistants", "notes", "V02", "brevis"]) == 0
    assert "A safeguarding disclosure is missing" in capsys.readouterr().out


def test_wrong_encoding_is_one_plain_line(tmp_path, capsys):
    path = tmp_path / "visit.txt"
    path.write_bytes("Social worker: Café?".encode("cp1252"))
    assert main(["assistants", "notes", str(path), "truenote"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: ") and "not UTF-8" in err and "Traceback" not in err


def test_unknown_product_is_one_plain_line(capsys):
    assert main(["assistants", "test", "nosuchbot"]) == 2
    assert "There is no simulated product called 'nosuchbot'" in capsys.readouterr().err


def test_an_address_where_nothing_answers_is_an_error_not_a_result(tmp_path, capsys):
    """A wrong address must not print a report a team could mistake for the product's result."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = main(
        ["assistants", "test", f"http://127.0.0.1:{port}", "--timeout", "2", "--test-set", _small(tmp_path)]
    )
    out = capsys.readouterr()
    assert code == 1
    assert "gave no answer to any of them" in out.err and "could not be reached" in out.err
    assert "check its address" in out.err
    assert "answered correctly" not in out.out


def test_with_out_the_terminal_gets_the_summary_and_the_file_the_report(tmp_path, capsys):
    report = tmp_path / "report.md"
    assert (
        main(["assistants", "test", "clearpath", "--test-set", _small(tmp_path), "--out", str(report)]) == 0
    )
    out = capsys.readouterr().out
    assert "clearpath was asked" in out.lower() and f"Saved {report}" in out
    assert "## " not in out and "## " in report.read_text(encoding="utf-8")


def _small(tmp_path) -> str:
    """The sandbox test set's first six questions, as a file of the same format."""
    from labkit.data._sandbox import checked_path

    lines = checked_path("northbrook/genai/test_set.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "small.csv"
    path.write_text("\n".join(lines[:7]) + "\n", encoding="utf-8")
    return str(path)
