"""The learner's progress log: one JSON line per check, hint or solution request.

The log lives on the learner's own computer (``~/.labkit/progress.jsonl`` by
default, or the file named by the environment variable
``LABKIT_PROGRESS_FILE``) and is never sent anywhere. A trainer can collect
the files by hand.

Writing is safe: each event is one ``write`` of one line to a file opened
for appending, so two notebooks logging at once do not mix their lines. A
log that cannot be written never breaks a check: :func:`record` returns one
line saying progress was not saved, and the check still answers. Reading
skips lines that are not valid events and counts them.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "ENV_VAR",
    "LEARNER_FILE",
    "ProgressLog",
    "learner_settings",
    "progress_path",
    "read_progress",
    "record",
    "save_learner_setting",
]

ENV_VAR = "LABKIT_PROGRESS_FILE"
LEARNER_FILE = "learner.json"
"""The learner's own settings (their seed, whether they share progress), beside their progress log."""
_FIELDS = ("time", "exercise", "question", "event")


def progress_path() -> Path:
    """Where progress is logged: ``$LABKIT_PROGRESS_FILE`` or ``~/.labkit/progress.jsonl``.

    Examples
    --------
    >>> progress_path().name.endswith(".jsonl")
    True
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return Path.home() / ".labkit" / "progress.jsonl"


def learner_settings() -> dict[str, Any]:
    """The learner's own settings from ``learner.json`` beside the progress log (empty if none or unreadable).

    Examples
    --------
    >>> isinstance(learner_settings(), dict)
    True
    """
    try:
        found = json.loads((progress_path().parent / LEARNER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def save_learner_setting(key: str, value: Any) -> bool:
    """Keep one setting in ``learner.json``, keeping the others; True when saved. Never raises."""
    settings = {**learner_settings(), key: value}
    path = progress_path().parent / LEARNER_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, sort_keys=True) + "\n", encoding="utf-8")
    except OSError:
        return False
    return True


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def record(exercise: str, question: str, event: str, **fields: Any) -> str:
    """Append one event to the progress log.

    Returns an empty string when the event was saved, or one plain-English line
    saying progress was not saved (and why) when it was not. Never raises.
    """
    entry = {"time": _now(), "exercise": exercise, "question": question, "event": event, **fields}
    try:
        line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        path = progress_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except Exception as exc:  # the log is a nicety; the check must still answer
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return f"(Progress was not saved: {reason}. Your answer was still checked.)"
    return ""


@dataclass(frozen=True)
class ProgressLog:
    """Events read from a progress log, and how many lines could not be read."""

    path: Path
    events: list[dict[str, Any]]
    unreadable_lines: int
    exists: bool


def read_progress(path: str | Path | None = None) -> ProgressLog:
    """Read a progress log, skipping (and counting) lines that are not valid events.

    Parameters
    ----------
    path : str or Path, optional
        The log to read; by default :func:`progress_path`.
    """
    path = Path(path).expanduser() if path is not None else progress_path()
    if not path.is_file():
        return ProgressLog(path, [], 0, exists=False)
    events: list[dict[str, Any]] = []
    bad = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                bad += 1
                continue
            if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in _FIELDS):
                bad += 1
                continue
            events.append(entry)
    return ProgressLog(path, events, bad, exists=True)
