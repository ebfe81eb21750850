"""The learner's progress summary, read from their progress log."""

from __future__ import annotations

from pathlib import Path

from labkit._report import Report, Section, Table
from labkit._text import plural
from labkit.exercises._outcome import CORRECT
from labkit.exercises._progress import read_progress

__all__ = ["ProgressReport", "progress_summary"]


class ProgressReport(Report):
    """A learner's progress: per question, checks, whether it is correct, hints and solutions used."""

    kind = "ProgressReport"


def progress_summary(path: str | Path | None = None) -> ProgressReport:
    """Summarise a progress log (by default the learner's own, see ``progress_path``).

    Examples
    --------
    >>> report = progress_summary("/nonexistent/progress.jsonl")
    >>> report.summary.startswith("No progress recorded yet")
    True
    """
    import pandas as pd

    log = read_progress(path)
    columns = ["exercise", "question", "checks", "status", "hints", "solutions", "last_activity"]
    if not log.events:
        why = "the file does not exist yet" if not log.exists else "the file has no readable events"
        summary = (
            f"No progress recorded yet: {why} ({log.path.as_posix()}). Run a check in an exercise "
            "notebook, for example q1.check(), and it will appear here."
        )
        if log.unreadable_lines:
            summary += f" {plural(log.unreadable_lines, 'line')} could not be read and were skipped."
        return ProgressReport("Your progress", summary, [], pd.DataFrame(columns=columns))
    events = pd.DataFrame(log.events)
    for col in ("outcome", "hint"):
        if col not in events:
            events[col] = None
    rows = []
    for (exercise, question), group in events.groupby(["exercise", "question"], sort=True):
        checks = group[group["event"] == "check"]
        outcomes = checks["outcome"].dropna().tolist()
        if CORRECT in outcomes:
            status = CORRECT
        elif outcomes:
            status = outcomes[-1]
        else:
            status = "not checked"
        rows.append(
            {
                "exercise": exercise,
                "question": question,
                "checks": len(checks),
                "status": status,
                "hints": int((group["event"] == "hint").sum()),
                "solutions": int((group["event"] == "solution").sum()),
                "last_activity": str(group["time"].max()),
            }
        )
    frame = pd.DataFrame(rows, columns=columns)
    tried = frame[frame["checks"] > 0]
    right = int((frame["status"] == CORRECT).sum())
    sets = plural(frame["exercise"].nunique(), "exercise set")
    summary = (
        f"You have checked {plural(len(tried), 'question')} in {sets} "
        f"and got {right} right. You asked for {plural(int(frame['hints'].sum()), 'hint')} and "
        f"{plural(int(frame['solutions'].sum()), 'solution')}."
    )
    if log.unreadable_lines:
        summary += f" {plural(log.unreadable_lines, 'line')} of the log could not be read and were skipped."
    sections = []
    for exercise, part in frame.groupby("exercise", sort=True):
        done = int((part["status"] == CORRECT).sum())
        sections.append(
            Section(
                f"Exercise set {exercise}",
                f"{done} of {plural(len(part), 'question')} you worked on are correct.",
                tables=[
                    Table(
                        f"Progress in exercise set {exercise}",
                        part.drop(columns="exercise").reset_index(drop=True),
                    )
                ],
            )
        )
    sections.append(
        Section("Where this comes from", f"Read from {log.path.as_posix()}. Nothing is sent anywhere.")
    )
    return ProgressReport("Your progress", summary, sections, frame)
