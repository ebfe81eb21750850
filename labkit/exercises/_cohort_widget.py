"""The trainer's cohort dashboard: a thin widget over :func:`cohort_progress`."""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path
from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._cohort import cohort_folder
from labkit.exercises._cohort_report import cohort_progress, learners_html

__all__ = ["cohort_dashboard"]

EVERY_SECONDS = 30
"""How often the dashboard reads the folder again when "Refresh every 30 seconds" is ticked."""


def _later(seconds: float, callback: Any) -> Any:
    """Run ``callback`` after ``seconds`` on the kernel's event loop, between messages (safe for widgets)."""
    import asyncio

    return asyncio.get_event_loop().call_later(seconds, callback)


def cohort_dashboard(folder: str | Path | None = None, *, every: float = EVERY_SECONDS) -> Any:
    """The trainer's dashboard of a workshop: who is sharing, progress per question, common mistakes.

    It reads only the workshop's cohort folder (by default ``LABKIT_COHORT_DIR``,
    which ``labkit hub`` sets), when it opens, each time you press "Refresh", and
    every ``every`` seconds while "Refresh every 30 seconds" is ticked. Another
    folder can be typed in the box (press Enter to read it).

    Parameters
    ----------
    folder : str or Path, optional
        The cohort folder to read.
    every : float
        Seconds between reads while the automatic refresh is ticked.

    Returns
    -------
    ipywidgets.VBox
        The dashboard; ``.folder`` is the folder box, ``.refresh_button`` the button, ``.automatic`` the
        tick box of the automatic refresh, ``.result`` the result.
    """
    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_staged, mark_widget, scroll_box

    start = folder if folder not in (None, "") else cohort_folder()
    # Staged: typing reads nothing; Enter (or Refresh) reads the folder typed.
    folder_box = mark_staged(
        widgets.Text(
            value="" if start is None else str(start),
            description="Cohort folder",
            placeholder="the folder labkit hub printed",
            continuous_update=False,
            layout=widgets.Layout(width="auto"),
            style={"description_width": "initial"},
        )
    )
    refresh = widgets.Button(description="Refresh", tooltip="Read the cohort folder again")
    automatic = widgets.Checkbox(
        value=False,
        description=f"Refresh every {every:g} seconds",
        indent=False,
        layout=widgets.Layout(width="auto"),
    )
    timer: list[Any] = []
    result = mark_output(widgets.HTML())
    reads = [0]

    def show(_: Any = None) -> None:
        reads[0] += 1
        when = _dt.datetime.now().strftime("%H:%M:%S")
        stamp = f"<p class='labkit-cohort-read'>Read at {when} (read {reads[0]} since this page opened). " + (
            "It reads again by itself while the box is ticked.</p>"
            if automatic.value
            else "Press Refresh to read again.</p>"
        )
        text = folder_box.value.strip()
        if not text:
            result.value = stamp + (
                "<p>Type the workshop's cohort folder in the box and press Enter or Refresh. "
                "In the workshop hub it is filled in for you.</p>"
            )
            return
        try:
            report = cohort_progress(text)
        except LabkitError as err:
            result.value = stamp + f"<p role='alert'>{html.escape(str(err))}</p>"
            return
        body = scroll_box(report.body_html(), "Workshop progress, scroll sideways")
        result.value = learners_html(report) + stamp + body

    def tick() -> None:
        timer.clear()
        if automatic.value:
            show()
            timer.append(_later(every, tick))

    def switched(change: dict[str, Any]) -> None:
        while timer:
            timer.pop().cancel()
        show()
        if change["new"]:
            timer.append(_later(every, tick))

    folder_box.observe(show, names="value")
    refresh.on_click(show)
    automatic.observe(switched, names="value")
    show()
    controls = widgets.HBox([folder_box, refresh, automatic])
    box = mark_widget(widgets.VBox([controls, result]), "cohort_dashboard")
    box.folder = folder_box
    box.refresh_button = refresh
    box.automatic = automatic
    box.result = result
    return box
