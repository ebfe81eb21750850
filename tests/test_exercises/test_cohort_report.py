"""The trainer's dashboard reads only the cohort folder, and bad files never stop it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.exercises import cohort_dashboard, cohort_progress, exercise_set
from labkit.exercises._cohort import FORMAT


def _entry(question: str = "q1", status: str = "correct", mistakes: list | None = None, **counts) -> dict:
    base = {"exercise": "00", "question": question, "checks": 1, "status": status, "hints": 0, "solutions": 0}
    return {**base, **counts, "mistakes": mistakes or []}


def _share(folder: Path, name: str, *entries: dict) -> Path:
    path = folder / f"{name}.json"
    document = {"format": FORMAT, "learner": name, "updated": "2026-11-29T10:00:00+00:00"}
    document["questions"] = list(entries)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two learners sharing (alice right, bob stuck on a known mistake); carol is not sharing."""
    base = tmp_path / "cohort"
    base.mkdir()
    _share(base, "alice", _entry(hints=1, mistakes=[1], checks=2))
    _share(base, "bob", _entry(status="not yet", mistakes=[1, 3], checks=3, solutions=1))
    return base


def test_it_shows_who_is_sharing_and_per_question_progress(folder: Path) -> None:
    report = cohort_progress(folder)
    assert report.learners == ["alice", "bob"]
    assert "carol" not in report.to_markdown()
    row = report.to_frame().iloc[0]
    assert (row["exercise"], row["question"]) == ("00", "q1")
    assert row["prompt"] == exercise_set("00").questions[0].prompt
    assert (row["learners"], row["checked"], row["correct"], row["not_yet"]) == (2, 2, 1, 1)
    assert (row["used_hints"], row["saw_answer"]) == (1, 1)
    assert report.summary.startswith("2 learners are sharing: alice and bob.")
    assert report.problems == []


def test_the_progress_chart_has_its_numbers_in_words(folder: Path) -> None:
    _share(folder, "cara", _entry(status="not attempted", checks=1))
    report = cohort_progress(folder)
    (figure,) = next(s for s in report.sections if s.heading == "Progress per question").figures
    assert figure.alt == "Learners sharing, per question. 00 q1: 1 right, 1 not yet, 1 no answer yet."
    page = report.to_html()
    assert page.count("<img") == 1 and f'alt="{figure.alt}"' in page and "<figcaption>" in page


def test_common_mistakes_come_with_what_they_reveal(folder: Path) -> None:
    mistakes = cohort_progress(folder).mistakes
    first = mistakes.iloc[0]
    known = exercise_set("00").questions[0].wrong
    assert (first["mistake"], first["learners"]) == (1, 2)
    assert first["what_it_reveals"] == known[0].reason
    assert first["wrong_answer"] == str(known[0].value)
    assert mistakes["learners"].tolist() == [2, 1]
    assert "The most common mistake is in 00 q1, made by 2 learners" in cohort_progress(folder).summary


def test_answers_are_described_in_words_for_option_questions(tmp_path: Path) -> None:
    from labkit.exercises import all_questions

    exercise, question, number = next(
        (s.id, q, i)
        for s, q in all_questions()
        for i, w in enumerate(q.wrong, start=1)
        if q.options and isinstance(w.value, str) and w.value in q.options
    )
    _share(tmp_path, "dee", {**_entry(question.path, "not yet", [number]), "exercise": exercise})
    answer = cohort_progress(tmp_path).mistakes.iloc[0]["wrong_answer"]
    value = question.wrong[number - 1].value
    words = question.options[value]
    assert answer in (
        words,
        f"{value}. {words}",
    )  # as the answer box shows it: "A. words", or the words alone
    assert not answer.lower().startswith(f"{value}. {value}".lower())


def _doc(learner: str, questions) -> str:
    return json.dumps({"format": FORMAT, "learner": learner, "questions": questions})


BAD_FILES = {
    "cut.json": ('{"format": ', "not valid JSON"),
    "other.json": (json.dumps({"format": "something else", "learner": "other"}), "not a labkit"),
    "mallory.json": (_doc("alice", []), "not the file's name"),
    "nolist.json": (_doc("nolist", {}), "no list of questions"),
    "count.json": (
        json.dumps({"format": FORMAT, "learner": "count", "questions": [_entry(checks=-1)]}),
        "'checks' of 00 q1 is not a whole number",
    ),
    "status.json": (
        json.dumps({"format": FORMAT, "learner": "status", "questions": [_entry(status="done")]}),
        "'status' of 00 q1",
    ),
    "notes.txt": ("my notes", "not a shared progress file"),
    "bad name!.json": ("{}", "not a user name"),
    "latin.json": (b"\xff\xfe".decode("latin-1"), "not valid JSON"),
}


def test_bad_files_are_reported_and_never_stop_the_dashboard(folder: Path) -> None:
    for name, (text, _) in BAD_FILES.items():
        (folder / name).write_text(text, encoding="latin-1" if name == "latin.json" else "utf-8")
    (folder / "adir.json").mkdir()
    (folder / "link.json").symlink_to(folder / "alice.json")
    (folder / "huge.json").write_bytes(b" " * 1_000_001)
    (folder / ".alice.json.123.tmp").write_text("{half", encoding="utf-8")  # a write in progress
    report = cohort_progress(folder)
    assert report.learners == ["alice", "bob"]
    problems = "\n".join(report.problems)
    for name, (_, why) in BAD_FILES.items():
        assert f"{name}: " in problems and why in problems.split(f"{name}: ")[1].split("\n")[0], name
    assert "adir.json: not a plain file" in problems
    assert "link.json: a link, not a file" in problems
    assert "huge.json: larger than" in problems
    assert ".tmp" not in problems
    assert len(report.problems) == len(BAD_FILES) + 3
    assert "12 files in the folder could not be used" in report.summary
    assert "Files not read" in report.to_markdown()


@pytest.mark.skipif(os.geteuid() != 0 or not hasattr(os, "chown"), reason="needs root to give a file away")
def test_a_file_in_another_learners_name_is_left_out(folder: Path) -> None:
    import pwd

    someone = next(p for p in pwd.getpwall() if p.pw_uid not in (0,) and p.pw_name.isalnum())
    other = next(p for p in pwd.getpwall() if p.pw_uid not in (0, someone.pw_uid))
    path = _share(folder, someone.pw_name, _entry())
    os.chown(path, other.pw_uid, -1)
    report = cohort_progress(folder)
    assert someone.pw_name not in report.learners
    assert f"it belongs to another user, not to {someone.pw_name}" in "\n".join(report.problems)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs Unix file owners")
def test_in_a_hub_the_owner_must_be_the_learners_account(folder: Path, monkeypatch) -> None:
    import pwd

    me = pwd.getpwuid(os.getuid()).pw_name
    monkeypatch.setenv("LABKIT_COHORT_ACCOUNT_PREFIX", "lkt-")
    report = cohort_progress(folder)  # alice.json and bob.json are owned by this test's user, not lkt-alice
    assert report.learners == []
    assert "alice.json: it belongs to another user, not to alice" in report.problems[0]
    monkeypatch.setenv("LABKIT_COHORT_ACCOUNT_PREFIX", me[:1])
    _share(folder, me[1:], _entry())
    assert cohort_progress(folder).learners == [me[1:]]


def test_an_empty_folder_says_how_learners_share(tmp_path: Path) -> None:
    report = cohort_progress(tmp_path)
    assert report.learners == [] and report.to_frame().empty and report.mistakes.empty
    assert "No learner is sharing their progress yet" in report.summary
    assert "Share my exercise progress with my trainer" in report.summary


def test_the_folder_comes_from_the_environment(folder: Path, monkeypatch) -> None:
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(folder))
    assert cohort_progress().learners == ["alice", "bob"]


def test_no_folder_or_a_missing_one_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LabkitError) as no_folder:
        cohort_progress()
    assert no_folder.value.where == "parameter folder" and "LABKIT_COHORT_DIR" in no_folder.value.fix
    with pytest.raises(LabkitError, match="There is no folder"):
        cohort_progress(tmp_path / "missing")


def test_the_report_saves_in_every_format(folder: Path, tmp_path: Path) -> None:
    report = cohort_progress(folder)
    assert report.to_dict()["learners"] == ["alice", "bob"]
    for suffix in ("html", "md", "json"):
        assert report.save(tmp_path / f"out.{suffix}").stat().st_size > 0


def test_the_dashboard_shows_learners_and_refreshes(folder: Path) -> None:
    dashboard = cohort_dashboard(folder)
    first = dashboard.result.value
    assert "labkit-cohort-learners" in first and "<li>alice</li>" in first and "<li>bob</li>" in first
    _share(folder, "carol", _entry())
    dashboard.refresh_button.click()
    assert "<li>carol</li>" in dashboard.result.value
    assert "read 2 since this page opened" in dashboard.result.value


def test_the_dashboard_says_what_is_wrong_instead_of_failing(tmp_path: Path) -> None:
    dashboard = cohort_dashboard()
    assert "Type the workshop's cohort folder" in dashboard.result.value
    dashboard.folder.value = str(tmp_path / "missing")
    assert "There is no folder" in dashboard.result.value and "Traceback" not in dashboard.result.value


def test_the_automatic_refresh_reads_on_a_timer_while_ticked(folder: Path, monkeypatch) -> None:
    from labkit.exercises import _cohort_widget

    scheduled = []

    class Handle:
        def __init__(self, seconds, callback):
            self.seconds, self.callback, self.cancelled = seconds, callback, False
            scheduled.append(self)

        def cancel(self):
            self.cancelled = True

    monkeypatch.setattr(_cohort_widget, "_later", Handle)
    dashboard = cohort_dashboard(folder, every=5)
    assert scheduled == [] and "Press Refresh" in dashboard.result.value
    dashboard.automatic.value = True
    assert [h.seconds for h in scheduled] == [5] and "reads again by itself" in dashboard.result.value
    _share(folder, "carol", _entry())
    scheduled[0].callback()  # the timer fires: the folder is read again and the next read is set
    assert "<li>carol</li>" in dashboard.result.value and len(scheduled) == 2
    dashboard.automatic.value = False
    assert scheduled[1].cancelled
    scheduled[1].callback()  # a late tick after unticking reads nothing and sets no more
    assert len(scheduled) == 2 and "Press Refresh" in dashboard.result.value
