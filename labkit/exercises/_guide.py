"""The facilitator guide of a lesson, generated from lesson metadata, exercise content and trainer notes.

``labkit course guide 03`` builds it for lesson 03: a timed schedule with breaks
for each track, the objectives, the misconceptions each question's known-wrong
answers reveal, discussion prompts, the trainer notes and a pre-workshop
checklist. Nothing is written by hand for one lesson: a new lesson gets a guide
as soon as its notebooks carry their metadata.

Where each part comes from:

- schedule: ``teaching_minutes`` and ``exercise_minutes`` of the lesson and of its
  exercise notebook (``metadata.labkit``), with the breaks added by :func:`schedule`;
- objectives, key points and prerequisites: the lesson's ``metadata.labkit``;
- discussion prompts: ``metadata.labkit.discussion`` of the lesson (a list of questions);
- misconceptions: each question's ``Wrong(value, reason)`` in ``labkit/exercises/content/exNN.py``;
- trainer notes: the cells tagged ``trainer-only`` in the exercise master ``materials/exercises/NN_*.ipynb``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, plural
from labkit.exercises._course import (
    TRACKS,
    course_notebooks,
    lesson_metadata,
    lesson_problems,
    minutes,
    teaching_minutes,
)

__all__ = ["FacilitatorGuide", "facilitator_guide", "guide_lessons", "schedule"]

WELCOME_MINUTES = 5
"""Opening: what the session is for, and everyone's notebook open."""
DISCUSSION_MINUTES = 10
"""Group discussion, when the lesson has discussion prompts."""
CLOSE_MINUTES = 5
"""Closing: the key points, and what to do at work."""
BREAK_MINUTES = 10
MAX_STRETCH = 60
"""A break comes before an activity that would take the time since the last break beyond this ..."""
MIN_STRETCH = 30
"""... once the group has worked at least this long since the last one (never straight after a break or the
welcome); a short closing activity never waits for a break."""
PRINT_CSS = """
@media print{
  body{max-width:none;margin:0;font-size:11pt}
  .labkit-report h2{break-after:avoid;page-break-after:avoid}
  .labkit-report h2.labkit-new-page{break-before:page;page-break-before:always}
  table,figure{break-inside:auto}
  tr,li{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  a{color:inherit;text-decoration:underline}
}
"""


class FacilitatorGuide(Report):
    """A lesson's facilitator guide: schedule per track, objectives, misconceptions, prompts, checklist.

    ``to_frame()`` is the schedule of every track; ``save("guide.html")`` gives a
    printable page (``@media print`` rules keep table rows and list items whole).
    """

    kind = "FacilitatorGuide"

    def to_html(self) -> str:
        """The guide as a complete, accessible and printable HTML page."""
        page = super().to_html()
        return page.replace("</style></head>", f"{PRINT_CSS}</style></head>", 1)


def _clock(start: int, offset: int) -> str:
    hours, mins = divmod(start + offset, 60)
    return f"{hours % 24:02d}:{mins:02d}"


def _start_minutes(start: str) -> int:
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", start.strip())
    if not match:
        raise LabkitError(
            f"The start time {start!r} is not a time of day.",
            where="parameter start",
            fix="Give it as hours and minutes on the 24-hour clock, for example '09:30' or '13:45'.",
        )
    return int(match.group(1)) * 60 + int(match.group(2))


def schedule(activities: list[tuple[str, int, str]], start: str = "09:30") -> list[dict[str, Any]]:
    """Times for a list of activities, with a break before any that would run past an hour without one.

    A break comes only after at least half an hour of work, and never before a short closing activity.

    Parameters
    ----------
    activities : list of (activity, minutes, notes)
        In order. Activities of 0 minutes are left out.
    start : str
        The start time on the 24-hour clock.

    Examples
    --------
    >>> rows = schedule([("Lesson", 40, ""), ("Exercises", 30, ""), ("Close", 5, "")])
    >>> [(r["start"], r["activity"]) for r in rows]
    [('09:30', 'Lesson'), ('10:10', 'Break'), ('10:20', 'Exercises'), ('10:50', 'Close')]
    """
    begin = _start_minutes(start)
    rows: list[dict[str, Any]] = []
    elapsed = since_break = 0
    timed = [a for a in activities if a[1] > 0]
    for number, (activity, length, notes) in enumerate(timed, start=1):
        closing = number == len(timed) and length <= CLOSE_MINUTES
        if since_break >= MIN_STRETCH and since_break + length > MAX_STRETCH and not closing:
            rows.append(_row(begin, elapsed, "Break", BREAK_MINUTES, "Stretch, rest your eyes, get a drink."))
            elapsed += BREAK_MINUTES
            since_break = 0
        rows.append(_row(begin, elapsed, activity, length, notes))
        elapsed += length
        since_break += length
    return rows


def _row(begin: int, elapsed: int, activity: str, length: int, notes: str) -> dict[str, Any]:
    return {
        "start": _clock(begin, elapsed),
        "end": _clock(begin, elapsed + length),
        "minutes": length,
        "activity": activity,
        "notes": notes,
    }


def _notebooks(
    base: Path, lesson: str
) -> tuple[tuple[Path, dict[str, Any]], tuple[Path, dict[str, Any]] | None]:
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path in course_notebooks(base):
        meta = lesson_metadata(path)
        if str(meta.get("id")) == lesson and meta.get("kind") in ("lesson", "exercises"):
            found.setdefault(str(meta["kind"]), (path, meta))
    if "lesson" not in found:
        have = listing(guide_lessons(base)) or "none"
        raise LabkitError(
            f"There is no lesson {lesson!r} in the course.",
            where="parameter lesson",
            fix=f"Use one of the lessons there are: {have}.",
        )
    path, meta = found["lesson"]
    problems = lesson_problems(meta)
    if problems:
        raise LabkitError(
            f"The lesson metadata of {path.name} is incomplete: {'; '.join(problems)}.",
            where=f"file {path.as_posix()}",
            fix="Complete metadata.labkit as docs/exercises.md ('Lesson metadata') shows.",
        )
    exercises = found.get("exercises")
    if exercises is not None and lesson_problems(exercises[1]):
        exercises = None
    return found["lesson"], exercises


def guide_lessons(root: str | Path | None = None) -> list[str]:
    """The ids of every lesson a guide can be built for (every lesson notebook with complete metadata).

    Examples
    --------
    >>> "03" in guide_lessons()
    True
    """
    from labkit.exercises._build import project_root

    base = project_root(root)
    ids = set()
    for path in course_notebooks(base):
        meta = lesson_metadata(path)
        if meta.get("kind") == "lesson" and not lesson_problems(meta):
            ids.add(str(meta["id"]))
    return sorted(ids)


def _activities(
    lesson: dict[str, Any], exercises: dict[str, Any] | None, track: str, prompts: list[str]
) -> list[tuple[str, int, str]]:
    number = lesson["id"]
    items = [
        ("Welcome", WELCOME_MINUTES, "What the session is for; everyone opens the lesson notebook."),
        (f"Lesson {number}: {lesson['title']}", teaching_minutes(lesson, track), "Teach from the notebook."),
        (
            "Activities in the lesson",
            int(lesson["exercise_minutes"]),
            "The lesson's own widgets and questions.",
        ),
    ]
    if exercises is not None and track in exercises["tracks"]:
        items.append(
            (
                f"Exercise set {number}",
                teaching_minutes(exercises, track) + int(exercises["exercise_minutes"]),
                "Learners work in their own copy; see the trainer notes.",
            )
        )
    if prompts:
        items.append(("Discussion", DISCUSSION_MINUTES, "Use the discussion prompts below."))
    items.append(("Close", CLOSE_MINUTES, "The key points below, and what each person will do at work."))
    return items


def _misconceptions(lesson: str) -> list[dict[str, Any]]:
    from labkit.exercises._cohort_report import answer_text
    from labkit.exercises._set import exercise_set

    try:
        found = exercise_set(lesson)
    except LabkitError:
        return []
    rows = []
    for question in found.leaves():
        for number, known in enumerate(question.wrong, start=1):
            if not known.reason:
                continue
            rows.append(
                {
                    "question": question.path,
                    "prompt": question.prompt,
                    "mistake": number,
                    "wrong_answer": answer_text(question, known.value),
                    "what_it_reveals": known.reason,
                }
            )
    return rows


def trainer_notes(root: Path, lesson: str) -> list[str]:
    """The text of the cells tagged ``trainer-only`` in the lesson's exercise master, in order."""
    notes = []
    for path in sorted((root / "materials" / "exercises").glob(f"{lesson}_*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if "trainer-only" in cell.get("metadata", {}).get("tags", []):
                source = cell.get("source", "")
                text = "".join(source) if isinstance(source, list) else str(source)
                notes.append(text.replace("**Trainer note.**", "").replace("**", "").strip())
    return [n for n in notes if n]


def _titles(base: Path) -> dict[str, str]:
    titles = {}
    for path in course_notebooks(base):
        meta = lesson_metadata(path)
        if meta.get("kind") == "lesson" and "id" in meta and "title" in meta:
            titles[str(meta["id"])] = str(meta["title"])
    return titles


def _checklist(base: Path, lesson: dict[str, Any], exercises: Path | None) -> list[str]:
    number = lesson["id"]
    titles = _titles(base)
    items = [
        "Run `labkit doctor` on the computer or workshop hub you will teach from; every check should pass, "
        "and each failure names its fix.",
    ]
    if exercises is not None:
        trainer = sorted((base / "trainer").glob(f"{number}_*.ipynb"))
        edition = trainer[0].relative_to(base).as_posix() if trainer else "the trainer edition in trainer/"
        items += [
            f"Run `labkit exercises test {number}`: it proves every question of exercise set {number} still "
            "works (blank, solved and known-wrong answers).",
            f"Read the trainer edition, `{edition}`: its solutions and the trainer notes below.",
            f"Decide whether learners get their own data: `labkit exercises copy {number} --seed N` gives a "
            "learner seed N, so you can reproduce what they see.",
        ]
    if lesson["prerequisites"]:
        done = listing([f"{p} ({titles.get(p, 'lesson ' + p)})" for p in lesson["prerequisites"]])
        items.append(f"Check that learners have done the lessons this one builds on: {done}.")
    items += [
        "In a workshop hub: tell learners they may tick 'Share my exercise progress with my trainer' under "
        "the first exercise cell (it is their choice), and open `labkit app cohort-dashboard` to follow "
        "progress and common mistakes (see docs/cohorts.md).",
        "Print or open this guide, and have the discussion prompts to hand.",
    ]
    return items


def facilitator_guide(
    lesson: str | int, root: str | Path | None = None, *, start: str = "09:30"
) -> FacilitatorGuide:
    """The facilitator guide of one lesson, for trainers running it with a group.

    Parameters
    ----------
    lesson : str or int
        The lesson's id, ``"03"`` or ``3``.
    root : str or Path, optional
        The labkit folder; found automatically by default.
    start : str
        The session's start time on the 24-hour clock, for the schedule.

    Returns
    -------
    FacilitatorGuide
        ``to_frame()`` is the schedule of every track; ``save()`` writes HTML (printable) or Markdown.

    Examples
    --------
    >>> guide = facilitator_guide("03")
    >>> guide.to_frame().columns.tolist()
    ['track', 'start', 'end', 'minutes', 'activity', 'notes']
    >>> guide.title
    'Facilitator guide: lesson 03, Define the problem before the technology'
    """
    import pandas as pd

    from labkit.exercises._build import project_root

    number = f"{int(lesson):02d}" if str(lesson).strip().isdigit() else str(lesson)
    base = project_root(root)
    (lesson_path, meta), exercises = _notebooks(base, number)
    prompts = [p for p in meta.get("discussion", []) if isinstance(p, str) and p.strip()]
    tables, sentences, rows = [], [], []
    for track in meta["tracks"]:
        times = schedule(_activities(meta, exercises[1] if exercises else None, track, prompts), start)
        total = sum(r["minutes"] for r in times)
        breaks = sum(r["activity"] == "Break" for r in times)
        sentences.append(f"{TRACKS[track].lower()}: {minutes(total)} with {plural(breaks, 'break')}")
        frame = pd.DataFrame(times, columns=["start", "end", "minutes", "activity", "notes"])
        tables.append(Table(f"Schedule of the {TRACKS[track].lower()} track", frame))
        rows += [{"track": track, **r} for r in times]
    sections = [
        Section(
            "Schedule",
            f"From {start}. A {BREAK_MINUTES}-minute break comes before any activity that would run past "
            f"{MAX_STRETCH} minutes without one, once the group has worked for {MIN_STRETCH} minutes. "
            "Timings come from the notebooks' metadata.",
            tables=tables,
        ),
        Section(
            "Objectives", "By the end, learners can:\n\n" + "\n".join(f"- {o}" for o in meta["objectives"])
        ),
    ]
    sections += _content_sections(base, number, meta, prompts, exercises)
    summary = (
        f"Lesson {number}, {meta['title']}, for a group. Session length: {listing(sentences)}. "
        f"Lesson notebook: {lesson_path.relative_to(base).as_posix()}."
    )
    title = f"Facilitator guide: lesson {number}, {meta['title']}"
    columns = ["track", "start", "end", "minutes", "activity", "notes"]
    return FacilitatorGuide(title, summary, sections, pd.DataFrame(rows, columns=columns))


def _content_sections(
    base: Path, number: str, meta: dict[str, Any], prompts: list[str], exercises: tuple[Path, Any] | None
) -> list[Section]:
    import pandas as pd

    sections = []
    mistakes = _misconceptions(number)
    if mistakes:
        frame = pd.DataFrame(mistakes).rename(
            columns={"wrong_answer": "wrong answer", "what_it_reveals": "what it reveals"}
        )
        questions = frame.loc[:, ["question", "prompt"]].drop_duplicates().reset_index(drop=True)
        sections.append(
            Section(
                "Misconceptions the exercises reveal",
                f"Each known-wrong answer of exercise set {number} that has a reason, and the "
                "misunderstanding it shows. Learners who give one get that reason as feedback; the cohort "
                "dashboard counts them live.",
                tables=[
                    Table(f"The questions of exercise set {number}", questions),
                    Table(
                        f"Known mistakes in exercise set {number}", frame.drop(columns=["mistake", "prompt"])
                    ),
                ],
            )
        )
    else:
        sections.append(
            Section("Misconceptions the exercises reveal", f"Lesson {number} has no exercise set.")
        )
    sections.append(
        Section(
            "Discussion prompts",
            "\n".join(f"- {p}" for p in prompts)
            if prompts
            else "This lesson's metadata has no discussion prompts yet (metadata.labkit.discussion).",
        )
    )
    notes = trainer_notes(base, number)
    if notes:
        sections.append(Section("Trainer notes", "\n\n".join(notes)))
    sections.append(Section("Key points to close on", "\n".join(f"- {k}" for k in meta["keypoints"])))
    checklist = _checklist(base, meta, exercises[0] if exercises else None)
    sections.append(Section("Before the workshop", "\n".join(f"- [ ] {item}" for item in checklist)))
    return sections
