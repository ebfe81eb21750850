"""``labkit projects ...``: summaries on stdout, plain one-line errors (exit 2), saved reports."""

from __future__ import annotations

import json

import pytest

from labkit.cli import main
from labkit.projects import load_monitoring_log


@pytest.fixture
def canvas_file(tmp_path):
    path = tmp_path / "canvas.yaml"
    assert main(["projects", "example", "--out", str(path)]) == 0
    return path


def test_example_then_review_and_screen(canvas_file, tmp_path, capsys):
    assert main(["projects", "review", str(canvas_file)]) == 0
    assert "none of the classic failures" in capsys.readouterr().out
    out = tmp_path / "screen.json"
    assert main(["projects", "screen", str(canvas_file), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "a full DPIA is needed" in text and "- Complete a full DPIA" in text
    assert json.loads(out.read_text())["dpia_needed"] is True


def test_review_lists_findings(canvas_file, capsys):
    text = canvas_file.read_text().replace(
        "user_need: As a council tenant", "user_need: We need a chatbot. As"
    )
    canvas_file.write_text(text)
    assert main(["projects", "review", str(canvas_file)]) == 0
    assert "- [fix] user_need:" in capsys.readouterr().out


def test_baseline_from_csv(tmp_path, capsys):
    path = tmp_path / "jobs.csv"
    path.write_text("late,year\nTrue,2023\nFalse,2023\nFalse,2024\nTrue,2024\n", encoding="utf-8")
    assert main(["projects", "baseline", str(path), "--outcome", "late", "--period", "year"]) == 0
    assert capsys.readouterr().out.startswith("Of 4 cases, 2 had the outcome (50.0%")


def test_monitor_one_file_and_monthly_files(canvas_file, tmp_path, capsys):
    log = load_monitoring_log()
    small = log[log["month"] <= "2024-12"]
    one = tmp_path / "log.csv"
    small.to_csv(one, index=False)
    report = tmp_path / "health.html"
    assert main(["projects", "monitor", str(one), "--canvas", str(canvas_file), "--out", str(report)]) == 0
    text = capsys.readouterr().out
    assert "Status: AMBER" in text and "'channel' drifted from 2024-12" in text
    assert "<img" in report.read_text()
    files = []
    for month, part in small.groupby("month"):
        files.append(tmp_path / f"{month}.csv")
        part.to_csv(files[-1], index=False)
    assert main(["projects", "monitor", *map(str, files), "--canvas", str(canvas_file)]) == 0
    assert "Status: AMBER" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["projects", "review", "nope.yaml"], "no canvas file"),
        (["projects", "monitor", "nope.csv", "--canvas", "CANVAS"], "no file"),
        (["projects", "baseline", "nope.csv", "--outcome", "x"], "no file"),
    ],
)
def test_errors_are_one_plain_line(argv, message, canvas_file, capsys):
    argv = [str(canvas_file) if a == "CANVAS" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: ") and message in err and "Traceback" not in err


def test_bad_canvas_field_on_the_command_line(canvas_file, capsys):
    canvas_file.write_text(canvas_file.read_text().replace("stop_rules:", "stop_rule:"))
    assert main(["projects", "review", str(canvas_file)]) == 2
    assert "unknown field 'stop_rule'" in capsys.readouterr().err


def test_baseline_uses_the_shared_reader(tmp_path, capsys):
    path = tmp_path / "jobs.csv"
    path.write_text("late;year\nTrue;2023\nFalse;2023\nFalse;2024\n", encoding="utf-8")
    assert main(["projects", "baseline", str(path), "--outcome", "late"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "semicolons" in out[0] and out[1].startswith("Of 3 cases, 1 had the outcome")
    assert main(["projects", "baseline", str(path), "--outcome", "missed"]) == 2
    err = capsys.readouterr().err
    assert "no column 'missed'" in err and "option --outcome" in err
