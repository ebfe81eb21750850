"""The progress log: safe appends, corrupt and unwritable files never break a check, the summary."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from labkit.exercises import exercise_set, progress_path, read_progress
from labkit.exercises._progress import record
from labkit.exercises._progress_report import progress_summary


def test_default_location_is_in_the_home_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("LABKIT_PROGRESS_FILE")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress_path() == tmp_path / ".labkit" / "progress.jsonl"


def test_events_are_appended_as_json_lines(_private_progress_log) -> None:
    assert record("01", "q1", "check", outcome="correct") == ""
    assert record("01", "q2", "hint", hint=2) == ""
    lines = _private_progress_log.read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["exercise"] == "01" and first["question"] == "q1" and first["outcome"] == "correct"
    assert first["time"].endswith("+00:00")
    assert second["event"] == "hint" and second["hint"] == 2


def test_concurrent_writers_do_not_mix_lines(_private_progress_log) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(
                lambda i: record("01", f"q{i % 7}", "check", outcome="not yet", padding="x" * 500), range(400)
            )
        )
    log = read_progress()
    assert len(log.events) == 400 and log.unreadable_lines == 0


def test_corrupt_lines_are_skipped_and_counted(_private_progress_log) -> None:
    record("01", "q1", "check", outcome="not yet")
    with _private_progress_log.open("ab") as handle:
        handle.write(b"{not json\n\xff\xfe\n[1, 2]\n{}\n")
    record("01", "q1", "check", outcome="correct")
    log = read_progress()
    assert len(log.events) == 2 and log.unreadable_lines == 4
    report = progress_summary()
    assert "4 lines could not be read and were skipped." in report.summary
    assert report.to_frame().loc[0, "status"] == "correct"


def test_unwritable_log_never_breaks_a_check(monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(blocker / "progress.jsonl"))
    ns: dict = {}
    exercise_set("00").bind(ns)
    ns["total_requests"] = 2425
    outcome = ns["q1"].check()
    assert outcome.correct
    assert outcome.note.startswith("(Progress was not saved:")
    assert str(outcome).splitlines()[-1] == outcome.note
    assert len(str(outcome).splitlines()) == 2
    assert ns["q1"].hint().note.startswith("(Progress was not saved:")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_log(monkeypatch, tmp_path) -> None:
    path = tmp_path / "progress.jsonl"
    path.write_text("", encoding="utf-8")
    path.chmod(0o400)
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(path))
    assert record("00", "q1", "check").startswith("(Progress was not saved")


def test_summary(_private_progress_log) -> None:
    ns: dict = {}
    exercise_set("00").bind(ns)
    ns["q1"].check()
    ns["q1"].hint()
    ns["total_requests"] = 55
    ns["q1"].check()
    ns["total_requests"] = 2425
    ns["q1"].check()
    ns["q1"].solution()
    report = progress_summary()
    assert report.summary == (
        "You have checked 1 question in 1 exercise set and got 1 right. You asked for 1 hint and 1 solution."
    )
    row = report.to_frame().iloc[0]
    assert (row["exercise"], row["question"], row["checks"], row["status"]) == ("00", "q1", 3, "correct")
    assert report.to_dict()["kind"] == "ProgressReport"
    assert "Nothing is sent anywhere" in report.to_markdown()


def test_summary_without_a_log(tmp_path) -> None:
    report = progress_summary(tmp_path / "none.jsonl")
    assert report.summary.startswith("No progress recorded yet: the file does not exist yet")
    assert report.to_frame().empty


def test_cohort_summary(tmp_path, capsys) -> None:
    from labkit import LabkitError
    from labkit.cli import main
    from labkit.exercises._progress_report import cohort_summary

    def event(question, outcome, event="check"):
        return json.dumps(
            {
                "time": "2026-01-01T00:00:00+00:00",
                "exercise": "01",
                "question": question,
                "event": event,
                "outcome": outcome,
            }
        )

    (tmp_path / "a.jsonl").write_text(
        "\n".join([event("q1", "not yet"), event("q1", "correct"), event("q2", "not yet")]) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "b.jsonl").write_text(
        "\n".join([event("q1", "correct"), event("q2", None, "hint"), "garbage"]) + "\n", encoding="utf-8"
    )
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    report = cohort_summary(tmp_path)
    frame = report.to_frame().set_index("question")
    assert frame.loc["q1", "learners"] == 2 and frame.loc["q1", "correct"] == 2
    assert (
        frame.loc["q2", "learners"] == 2
        and frame.loc["q2", "correct"] == 0
        and frame.loc["q2", "used_hints"] == 1
    )
    assert report.summary == (
        "3 progress files read, 2 with progress. The question fewest learners got right is 01 q2: 0 of 2. "
        "1 line could not be read and was skipped."
    )
    assert main(["progress", "--cohort", str(tmp_path)]) == 0
    assert "01 q2: 0 of 2" in capsys.readouterr().out
    with pytest.raises(LabkitError, match="no folder"):
        cohort_summary(tmp_path / "missing")
