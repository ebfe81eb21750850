"""Lesson metadata and the course outline computed from it.

Every notebook in ``curriculum/`` and ``exercises/`` carries ``metadata.labkit``
(Carpentries-style: timings, objectives, key points). :func:`lesson_problems`
says what is missing; :func:`course_outline` builds the schedule of each track.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, plural

__all__ = [
    "TRACKS",
    "CourseOutline",
    "course_outline",
    "lesson_metadata",
    "lesson_problems",
    "minutes",
    "teaching_minutes",
]

TRACKS = {"consumer": "Intelligent consumer", "developer": "Capable developer"}
KINDS = ("lesson", "exercises")
REQUIRED = (
    "id",
    "title",
    "kind",
    "tracks",
    "teaching_minutes",
    "exercise_minutes",
    "objectives",
    "keypoints",
    "prerequisites",
)
FOLDERS = ("curriculum", "exercises")


def minutes(total: int) -> str:
    """Minutes in words: ``minutes(125) -> '2 hours 5 minutes'``."""
    hours, mins = divmod(int(total), 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if mins or not hours:
        parts.append(plural(mins, "minute"))
    return " ".join(parts)


def lesson_metadata(path: str | Path) -> dict[str, Any]:
    """The ``metadata.labkit`` of a notebook (empty if it has none)."""
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LabkitError(
            f"The notebook could not be read: {exc}.", where=f"file {path.as_posix()}", fix="Check the file."
        ) from exc
    meta = nb.get("metadata", {}).get("labkit", {})
    return dict(meta) if isinstance(meta, dict) else {}


def teaching_minutes(meta: dict[str, Any], track: str) -> int:
    """A notebook's teaching minutes for one track.

    ``teaching_minutes`` is either one whole number for every track, or one per
    track (``{"consumer": 40, "developer": 65}``): reading and using the widgets
    takes less time than also running and changing the code.

    >>> teaching_minutes({"teaching_minutes": {"consumer": 40, "developer": 65}}, "developer")
    65
    >>> teaching_minutes({"teaching_minutes": 30}, "consumer")
    30
    """
    value = meta["teaching_minutes"]
    return int(value[track]) if isinstance(value, dict) else int(value)


def _whole(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= 0


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)


def lesson_problems(meta: dict[str, Any]) -> list[str]:
    """What is missing or malformed in one notebook's lesson metadata (empty when complete)."""
    problems = [f"'{field}' is missing" for field in REQUIRED if field not in meta]
    if not re.fullmatch(r"\d\d", str(meta.get("id", ""))) and "id" in meta:
        problems.append("'id' must be two digits, such as '02'")
    if "title" in meta and not (isinstance(meta["title"], str) and meta["title"].strip()):
        problems.append("'title' must be text")
    if "kind" in meta and meta["kind"] not in KINDS:
        problems.append(f"'kind' must be {listing([repr(k) for k in KINDS], 'or')}")
    tracks = meta.get("tracks")
    if "tracks" in meta and not (isinstance(tracks, list) and tracks and set(tracks) <= set(TRACKS)):
        problems.append(f"'tracks' must be a list holding {listing([repr(t) for t in TRACKS], 'and/or')}")
    if "exercise_minutes" in meta and not _whole(meta["exercise_minutes"]):
        problems.append("'exercise_minutes' must be a whole number of minutes")
    teach = meta.get("teaching_minutes")
    if isinstance(teach, dict):
        if not (isinstance(tracks, list) and set(teach) == set(tracks)) or not all(
            map(_whole, teach.values())
        ):
            problems.append(
                "'teaching_minutes' per track must give a whole number of minutes for each of the notebook's "
                "tracks, such as {'consumer': 40, 'developer': 65}"
            )
    elif "teaching_minutes" in meta and not _whole(teach):
        problems.append("'teaching_minutes' must be a whole number of minutes, or one per track")
    timed = "teaching_minutes" in meta and "exercise_minutes" in meta and not problems
    if timed and any(teaching_minutes(meta, t) + meta["exercise_minutes"] <= 0 for t in meta["tracks"]):
        problems.append("a notebook must take some time: teaching_minutes + exercise_minutes is 0")
    for field in ("objectives", "keypoints"):
        if field in meta and not _texts(meta[field]):
            problems.append(f"'{field}' must be a list of one or more sentences")
    if "discussion" in meta and not _texts(meta["discussion"]):
        problems.append("'discussion' (optional) must be a list of one or more questions for the group")
    prereq = meta.get("prerequisites")
    if "prerequisites" in meta and not (
        isinstance(prereq, list) and all(isinstance(p, str) and re.fullmatch(r"\d\d", p) for p in prereq)
    ):
        problems.append("'prerequisites' must be a list of lesson ids such as ['00', '01'] (it may be empty)")
    return problems


def course_notebooks(root: Path) -> list[Path]:
    """Every curriculum and exercise notebook under ``root``."""
    return sorted(
        p
        for folder in FOLDERS
        for p in (root / folder).glob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


class CourseOutline(Report):
    """The course schedule per track, computed from lesson metadata."""

    kind = "CourseOutline"


def course_outline(root: str | Path | None = None, *, track: str | None = None) -> CourseOutline:
    """The schedule of each track (or one track), with total times, from the notebooks' metadata.

    Parameters
    ----------
    root : str or Path, optional
        The labkit folder; found automatically by default.
    track : {"consumer", "developer"}, optional
        Only this track.

    Examples
    --------
    >>> outline = course_outline(track="consumer")
    >>> outline.to_frame().columns.tolist()[:3]
    ['track', 'id', 'kind']
    """
    import pandas as pd

    from labkit.exercises._build import project_root

    if track is not None and track not in TRACKS:
        raise LabkitError(
            f"There is no track {track!r}.",
            where="parameter track",
            fix=f"Use {listing([repr(t) for t in TRACKS], 'or')}, or leave it out for both.",
        )
    base = project_root(root)
    rows = []
    incomplete = []
    keypoints: dict[str, list[str]] = {}
    for path in course_notebooks(base):
        meta = lesson_metadata(path)
        if lesson_problems(meta):
            incomplete.append(path.relative_to(base).as_posix())
            continue
        if meta["kind"] == "lesson":
            keypoints[f"Lesson {meta['id']}"] = list(meta["keypoints"])
        for t in meta["tracks"]:
            rows.append(
                {
                    "track": t,
                    "id": meta["id"],
                    "kind": meta["kind"],
                    "title": meta["title"],
                    "teaching_minutes": teaching_minutes(meta, t),
                    "exercise_minutes": meta["exercise_minutes"],
                    "total_minutes": teaching_minutes(meta, t) + meta["exercise_minutes"],
                    "notebook": path.relative_to(base).as_posix(),
                }
            )
    columns = [
        "track",
        "id",
        "kind",
        "title",
        "teaching_minutes",
        "exercise_minutes",
        "total_minutes",
        "notebook",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    if not frame.empty:
        frame["order"] = frame["kind"].map({"lesson": 0, "exercises": 1})
        frame = frame.sort_values(["track", "id", "order"]).drop(columns="order").reset_index(drop=True)
    wanted = [track] if track else list(TRACKS)
    frame = frame[frame["track"].isin(wanted)].reset_index(drop=True)
    sentences = []
    sections = []
    for t in wanted:
        part = frame[frame["track"] == t]
        total = int(part["total_minutes"].sum())
        lessons = int((part["kind"] == "lesson").sum())
        sets = int((part["kind"] == "exercises").sum())
        sentences.append(
            f"The {TRACKS[t].lower()} track has {plural(lessons, 'lesson')} and "
            f"{plural(sets, 'exercise set')} and takes {minutes(total)} "
            f"({minutes(int(part['teaching_minutes'].sum()))} of teaching and "
            f"{minutes(int(part['exercise_minutes'].sum()))} of exercises)."
        )
        table = part.loc[:, ["id", "kind", "title", "teaching_minutes", "exercise_minutes", "total_minutes"]]
        sections.append(
            Section(
                f"{TRACKS[t]} track",
                f"Total: {minutes(total)}.",
                tables=[Table(f"Schedule of the {TRACKS[t].lower()} track", table.reset_index(drop=True))],
            )
        )
    if keypoints:
        lines = [
            f"- {lesson}: {point.rstrip('.')}."
            for lesson, points in sorted(keypoints.items())
            for point in points
        ]
        sections.append(Section("Key points of each lesson", "\n".join(lines)))
    summary = " ".join(sentences)
    if incomplete:
        summary += (
            f" Left out because their lesson metadata is incomplete: {listing(incomplete)}"
            " (see docs/exercises.md, 'Lesson metadata')."
        )
    return CourseOutline("Course outline", summary, sections, frame)
