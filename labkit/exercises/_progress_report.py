"""The learner's progress summary, read from their progress log."""

from __future__ import annotations

from pathlib import Path

from labkit._report import Report, Section, Table
from labkit._text import plural
from labkit.exercises._outcome import CORRECT
from labkit.exercises._progress import read_progress

__all__ = ["ProgressReport", "cohort_summary", "progress_summary"]


def _skipped(lines: int) -> str:
    return f"{plural(lines, 'line')} could not be read and {'was' if lines == 1 else 'were'} skipped."


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
            summary += f" {_skipped(log.unreadable_lines)}"
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
        summary += f" {_skipped(log.unreadable_lines)}"
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


def cohort_summary(folder: str | Path) -> ProgressReport:
    """Summarise the progress logs a trainer collected from a group, one ``.jsonl`` file per learner.

    Per question: how many learners checked it, how many got it right, and how
    many used hints or the solution. Learners are counted by file, never named.

    Examples
    --------
    >>> from labkit import LabkitError
    >>> try:
    ...     cohort_summary("/nonexistent")
    ... except LabkitError as err:
    ...     print(err.where)
    parameter folder
    """
    import pandas as pd

    from labkit._errors import LabkitError

    base = Path(folder).expanduser()
    if not base.is_dir():
        raise LabkitError(
            f"There is no folder {str(folder)!r}.",
            where="parameter folder",
            fix="Pass the folder holding the learners' progress files (one .jsonl file each).",
        )
    files = sorted(base.glob("*.jsonl"))
    columns = ["exercise", "question", "learners", "correct", "used_hints", "saw_solution"]
    per_learner = []
    unreadable = 0
    for number, path in enumerate(files, start=1):
        frame = progress_summary(path).to_frame()
        unreadable += read_progress(path).unreadable_lines
        if not frame.empty:
            per_learner.append(frame.assign(learner=number))
    if not per_learner:
        summary = f"No progress found in {plural(len(files), 'progress file')} in {base.as_posix()}."
        return ProgressReport("Group progress", summary, [], pd.DataFrame(columns=columns))
    rows = pd.concat(per_learner, ignore_index=True)
    grouped = rows.groupby(["exercise", "question"], sort=True)
    frame = pd.DataFrame(
        {
            "learners": grouped["learner"].nunique(),
            "correct": grouped["status"].apply(lambda s: int((s == CORRECT).sum())),
            "used_hints": grouped["hints"].apply(lambda s: int((s > 0).sum())),
            "saw_solution": grouped["solutions"].apply(lambda s: int((s > 0).sum())),
        }
    ).reset_index()
    frame = frame.loc[:, columns]
    frame["share_correct"] = frame["correct"] / frame["learners"]
    hardest = frame.sort_values(["share_correct", "exercise", "question"]).iloc[0]
    summary = (
        f"{plural(len(files), 'progress file')} read, {len(per_learner)} with progress. "
        f"The question fewest learners got right is {hardest['exercise']} {hardest['question']}: "
        f"{int(hardest['correct'])} of {int(hardest['learners'])}."
    )
    if unreadable:
        summary += f" {_skipped(unreadable)}"
    sections = [
        Section(
            "Per question",
            "Learners are counted by file; no names are read or shown.",
            tables=[Table("Group progress per question", frame.drop(columns="share_correct"))],
        )
    ]
    return ProgressReport("Group progress", summary, sections, frame)
