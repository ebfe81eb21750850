"""``labkit evaluate report|threshold|leakage``: summaries on stdout, plain errors, saved reports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from labkit.cli import main

from .conftest import make_repairs


@pytest.fixture
def scores_csv(tmp_path):
    frame = make_repairs(n=1500, seed=2)
    frame["score"] = (0.1 + 0.15 * frame["no_access_visits"]).clip(upper=0.95)
    frame["has_visit"] = frame["no_access_visits"] >= 1
    path = tmp_path / "scores.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    return path


def test_report_prints_the_summary_and_saves(scores_csv, tmp_path, capsys):
    out = tmp_path / "eval.json"
    code = main(
        [
            "evaluate", "report", str(scores_csv), "--label", "target_missed", "--score", "score",
            "--period", "financial_year", "--rule", "has_visit", "--noun", "repair",
            "--outcome", "missed the target", "--out", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    text = capsys.readouterr().out
    assert "The model was tested on 1,500 repairs" in text
    assert "flag where has_visit is true" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "EvaluationReport" and len(data["by_period"]) == 4


def test_threshold_command(scores_csv, capsys):
    code = main(
        ["evaluate", "threshold", str(scores_csv), "--label", "target_missed", "--score", "score",
         "--cost-action", "40", "--cost-harm", "300", "--prevented", "0.5", "--capacity", "200"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "you can act on at most 200 cases" in out
    assert "acting prevents 50% of those harms" in out
    assert "the choice was repeated at 10%, 25%, 50%, 75% and 100%" in out


def test_threshold_command_asks_for_the_share_prevented(scores_csv, capsys):
    code = main(
        ["evaluate", "threshold", str(scores_csv), "--label", "target_missed", "--score", "score",
         "--cost-action", "40", "--cost-harm", "300"]
    )  # fmt: skip
    assert code == 2
    assert "prevented is missing" in capsys.readouterr().err


def test_leakage_command(scores_csv, capsys):
    code = main(
        ["evaluate", "leakage", str(scores_csv), "--label", "target_missed",
         "--recorded-after", "complaint_logged"]
    )  # fmt: skip
    assert code == 0
    assert "complaint_logged" in capsys.readouterr().out


def test_bad_input_is_one_plain_line(scores_csv, tmp_path, capsys):
    assert main(["evaluate", "report", str(tmp_path / "nope.csv"), "--label", "a", "--score", "b"]) == 2
    assert "There is no file" in capsys.readouterr().err
    assert main(["evaluate", "report", str(scores_csv), "--label", "target_missed", "--score", "nope"]) == 2
    assert "no column 'nope'" in capsys.readouterr().err
    code = main(["evaluate", "threshold", str(scores_csv), "--label", "target_missed", "--score", "score"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: ") and "Traceback" not in err


def test_group_alone_prints_help(capsys):
    assert main(["evaluate"]) == 2
    assert "report" in capsys.readouterr().out


def test_registering_the_command_stays_cheap():
    code = (
        "import sys, argparse; import labkit.evaluate._cli as c; "
        "c.register(argparse.ArgumentParser().add_subparsers()); "
        "print(any(m in sys.modules for m in ('pandas', 'numpy', 'sklearn')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
