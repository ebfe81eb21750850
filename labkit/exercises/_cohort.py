"""Sharing a learner's exercise progress with their trainer, in a workshop hub, only when they agree.

In a workshop hub (``labkit hub``) every learner's server has the environment
variable ``LABKIT_COHORT_DIR`` naming a drop folder: learners can put a file
in it but cannot list or read it; only the trainers can. A learner who ticks
the switch (:func:`cohort_switch`, off by default) shares one file,
``<folder>/<user name>.json`` (readable by the learner and the trainers only),
holding per question of the exercise sets: how many checks, the latest outcome,
hints and answers seen, and which of the question's known mistakes a wrong
answer matched. Nothing else: not their notebooks, not the text of their
answers. The file is rewritten after every check, hint or answer while the
switch is on, and deleted when it is turned off. The choice is kept in the
learner's settings (``learner.json``, beside their progress log).

Outside a hub there is no folder and nothing is ever shared.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import json
import os
import re
from pathlib import Path
from typing import Any

from labkit.exercises._outcome import CORRECT
from labkit.exercises._progress import learner_settings, read_progress, save_learner_setting

__all__ = [
    "COHORT_VAR",
    "FORMAT",
    "SETTING",
    "cohort_folder",
    "cohort_switch",
    "learner_name",
    "share_progress",
    "shared_progress",
    "sharing_on",
]

COHORT_VAR = "LABKIT_COHORT_DIR"
"""The environment variable naming the workshop's cohort drop folder (set by ``labkit hub``)."""
SETTING = "share_with_trainer"
"""The learner setting that keeps the learner's choice."""
FORMAT = "labkit-cohort/1"
"""The format name every shared file carries."""
USER_VAR = "JUPYTERHUB_USER"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
"""A user name that is safe as a file name (no folders, no hidden files)."""
FILE_MODE = 0o640
NOT_IN_HUB = (
    "Sharing is only available in a workshop hub, where your trainer has set up a place for it. "
    "Here nothing is shared: your progress stays on your own computer."
)
WHAT_IS_SHARED = (
    "If you tick the box, your trainer's dashboard shows your user name among those sharing, and adds your "
    "results to the group's counts: for each exercise question, how many times you checked it, whether you "
    "got it right, whether you used hints or looked at the answer, and which common mistake a wrong answer "
    "matched. Nothing else is shared: not your notebooks, not what you typed, nothing else from your folder."
)
HOW_TO_STOP = "You can stop at any time: untick the box and your shared file is deleted straight away."


def cohort_folder() -> Path | None:
    """The workshop's cohort folder from ``LABKIT_COHORT_DIR``, or None outside a workshop hub.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"LABKIT_COHORT_DIR": "/srv/workshop/cohort"}):
    ...     print(cohort_folder().as_posix())
    /srv/workshop/cohort
    """
    raw = os.environ.get(COHORT_VAR, "").strip()
    return Path(raw).expanduser() if raw else None


def learner_name() -> str | None:
    """The learner's user name in the hub (``JUPYTERHUB_USER``, else the system's), or None if unsafe."""
    name = os.environ.get(USER_VAR, "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            return None
    return name if NAME_PATTERN.fullmatch(name) and ".." not in name else None


def sharing_on() -> bool:
    """True when the learner has chosen to share their progress (kept in their settings)."""
    return learner_settings().get(SETTING) is True


def shared_progress(events: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """What a learner shares, per question, worked out from their progress log.

    Parameters
    ----------
    events : list of dict, optional
        Progress events; by default those in the learner's own progress log.

    Returns
    -------
    list of dict
        One entry per question, in order: ``exercise``, ``question``, ``checks``,
        ``status`` (``"correct"`` once right, else the latest outcome, or ``"not checked"``),
        ``hints``, ``solutions`` and ``mistakes`` (the numbers of the known mistakes made).

    Examples
    --------
    >>> shared_progress([{"exercise": "02", "question": "q1", "event": "check", "outcome": "not yet",
    ...                   "wrong": 2, "time": "2026-11-29T10:00:00+00:00"}])[0]["mistakes"]
    [2]
    """
    if events is None:
        events = read_progress().events
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for event in events:
        key = (event["exercise"], event["question"])
        row = rows.setdefault(
            key,
            {
                "exercise": key[0],
                "question": key[1],
                "checks": 0,
                "status": "not checked",
                "hints": 0,
                "solutions": 0,
                "mistakes": [],
            },
        )
        kind = event["event"]
        if kind == "check":
            row["checks"] += 1
            outcome = event.get("outcome")
            if isinstance(outcome, str) and row["status"] != CORRECT:
                row["status"] = outcome
            wrong = event.get("wrong")
            if (
                isinstance(wrong, int)
                and not isinstance(wrong, bool)
                and wrong > 0
                and wrong not in row["mistakes"]
            ):
                row["mistakes"].append(wrong)
        elif kind == "hint":
            row["hints"] += 1
        elif kind == "solution":
            row["solutions"] += 1
    for row in rows.values():
        row["mistakes"].sort()
    return [rows[key] for key in sorted(rows)]


def _document(name: str) -> bytes:
    document = {
        "format": FORMAT,
        "learner": name,
        "updated": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "questions": shared_progress(),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _write(folder: Path, name: str) -> None:
    """Write ``<folder>/<name>.json`` (mode 0640) through a temporary file, so a reader never sees half."""
    temporary = folder / f".{name}.json.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()  # left by a session that stopped half-way
    fd = os.open(temporary, flags, FILE_MODE)
    try:
        try:
            if hasattr(os, "fchmod"):  # Unix: whatever the umask
                os.fchmod(fd, FILE_MODE)
            os.write(fd, _document(name))
        finally:
            os.close(fd)
        os.replace(temporary, folder / f"{name}.json")
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def share_progress(on: bool) -> str:
    """Start (``True``) or stop (``False``) sharing your exercise progress with your trainer.

    Starting writes your file in the workshop's cohort folder; stopping deletes
    it. Your choice is kept in your settings, so it holds in your next session.
    Outside a workshop hub nothing is shared. Never raises: returns one or two
    plain-English sentences saying what happened.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"LABKIT_COHORT_DIR": ""}):
    ...     print(share_progress(True)[:43])
    Sharing is only available in a workshop hub
    """
    folder = cohort_folder()
    if not on:
        save_learner_setting(SETTING, False)
        name = learner_name()
        if folder is None or name is None:
            return "You are not sharing your progress. Nothing is shared."
        try:
            (folder / f"{name}.json").unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            return (
                f"You are no longer sharing, but your shared file could not be deleted ({_reason(exc)}). "
                "Ask your trainer to delete it."
            )
        return (
            "You are not sharing your progress. Your shared file is deleted; your trainer no longer sees you."
        )
    if folder is None:
        return NOT_IN_HUB
    name = learner_name()
    if name is None:
        return (
            "Your user name cannot be used as a file name, so your progress cannot be shared. "
            "Tell your trainer."
        )
    if not save_learner_setting(SETTING, True):
        return "Your choice could not be saved in your settings, so nothing is shared. Tell your trainer."
    try:
        _write(folder, name)
    except Exception as exc:  # never a traceback under the switch
        save_learner_setting(SETTING, False)
        return (
            f"Your progress could not be shared ({_reason(exc)}), so nothing is shared. Tell your trainer; "
            "`labkit doctor` checks the cohort folder."
        )
    return (
        f"You are sharing your progress with your trainer, as {name}. It updates as you answer. {HOW_TO_STOP}"
    )


def update_shared() -> str:
    """Rewrite the learner's shared file after a new progress event, if they share. Never raises.

    Returns an empty string, or one line saying the progress was not shared.
    """
    folder = cohort_folder()
    if folder is None or not sharing_on():
        return ""
    name = learner_name()
    try:
        if name is None:
            raise OSError(0, "your user name cannot be a file name")
        _write(folder, name)
    except Exception as exc:  # sharing is a nicety; the check must still answer
        return f"(Your progress was not shared with your trainer: {_reason(exc)}.)"
    return ""


def cohort_switch() -> Any:
    """The switch a learner ticks to share their exercise progress with their trainer (off by default).

    It says what is shared and how to stop. Outside a workshop hub it says that
    sharing is only available there, and the box cannot be ticked.

    Returns
    -------
    ipywidgets.VBox
        The switch; ``.checkbox`` is the tick box and ``.status`` the line saying what is happening.
    """
    import html

    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_widget

    folder = cohort_folder()
    intro = widgets.HTML(
        "<h3 style='margin:0.2rem 0'>Share your progress with your trainer (optional)</h3>"
        f"<p>{html.escape(WHAT_IS_SHARED)}</p><p>{html.escape(HOW_TO_STOP)}</p>"
    )
    checkbox = widgets.Checkbox(
        value=folder is not None and sharing_on(),
        description="Share my exercise progress with my trainer",
        disabled=folder is None,
        indent=False,
        layout=widgets.Layout(width="auto"),
    )
    status = mark_output(widgets.HTML())

    def say(text: str) -> None:
        status.value = f"<p role='status'>{html.escape(text)}</p>"

    if folder is None:
        say(NOT_IN_HUB)
    elif checkbox.value:
        say(f"You are sharing your progress with your trainer. {HOW_TO_STOP}")
    else:
        say("You are not sharing your progress. Nothing is shared unless you tick the box.")

    undoing: list[bool] = []

    def changed(change: dict[str, Any]) -> None:
        if undoing:
            undoing.clear()
            return
        say(share_progress(bool(change["new"])))
        if change["new"] and not sharing_on():  # it could not be shared: show the box as it really is
            undoing.append(True)
            checkbox.value = False

    checkbox.observe(changed, names="value")
    box = mark_widget(widgets.VBox([intro, checkbox, status]), "cohort_switch")
    box.checkbox = checkbox
    box.status = status
    return box


def offer_switch() -> None:
    """In a workshop hub, show the switch under a bound exercise set (in a notebook only). Never raises."""
    if cohort_folder() is None:
        return
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is None:
            return
        display(cohort_switch())
    except Exception:
        return
