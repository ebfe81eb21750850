"""The exercise, progress and course commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from labkit.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_exercises_alone_prints_help(capsys) -> None:
    main(["exercises"])
    assert "build" in capsys.readouterr().out


def test_list(capsys) -> None:
    assert main(["exercises", "list"]) == 0
    assert "00  Start here: practice questions (5 questions: q1, q2, q3, q4, q5)" in capsys.readouterr().out


def test_unknown_set_is_one_plain_line(capsys) -> None:
    assert main(["exercises", "test", "42"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: There is no exercise set '42'.") and "Use one of:" in err
    assert len(err.strip().splitlines()) == 1


def test_self_test_command(capsys) -> None:
    assert main(["exercises", "test", "00"]) == 0
    assert "00: 5 questions, all pass the self-test" in capsys.readouterr().out


def test_build_and_copy(tmp_path: Path, capsys) -> None:
    (tmp_path / "materials" / "exercises").mkdir(parents=True)
    shutil.copy(
        ROOT / "materials" / "exercises" / "00_start_here.ipynb", tmp_path / "materials" / "exercises"
    )
    assert main(["exercises", "build", "--no-execute", "--root", str(tmp_path)]) == 0
    assert "wrote exercises/00_practice_start_here.ipynb" in capsys.readouterr().out
    assert main(["exercises", "copy", "00", "--root", str(tmp_path)]) == 0
    assert "Copied to" in capsys.readouterr().out
    assert (tmp_path / "my-work" / "exercises" / "00_practice_start_here.ipynb").is_file()
    assert main(["exercises", "copy", "0", "--root", str(tmp_path)]) == 0
    assert "left exactly as it was" in capsys.readouterr().out
    assert main(["exercises", "copy", "00", "--seed", "7", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "left exactly as it was" in out and "does not use seed 7" in out and "--to" in out
    assert (
        main(
            ["exercises", "copy", "00", "--seed", "7", "--to", str(tmp_path / "s7"), "--root", str(tmp_path)]
        )
        == 0
    )
    assert "seed 7" in capsys.readouterr().out


def test_progress(tmp_path: Path, capsys, _private_progress_log) -> None:
    assert main(["progress"]) == 0
    assert capsys.readouterr().out.startswith("No progress recorded yet")
    log = tmp_path / "other.jsonl"
    log.write_text(
        json.dumps(
            {
                "time": "2026-01-01T00:00:00+00:00",
                "exercise": "01",
                "question": "q2",
                "event": "check",
                "outcome": "not yet",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["progress", "--file", str(log)]) == 0
    out = capsys.readouterr().out
    assert "You have checked 1 question in 1 exercise set and got 0 right." in out and "not yet" in out
    assert main(["progress", "--file", str(log), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "ProgressReport"


def test_course_outline(capsys) -> None:
    assert main(["course", "outline", "--track", "developer"]) == 0
    out = capsys.readouterr().out
    assert "Capable developer track" in out and "Intelligent consumer track" not in out
    assert main(["course"]) == 2
    assert "outline" in capsys.readouterr().out
    assert main(["course", "outline", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Course outline") and "## Key points of each lesson" in out
