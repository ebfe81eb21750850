"""The project health dashboard: the monitor as it stood at the end of any month, without code.

The widget only displays. What it shows comes from :func:`labkit.projects.monitor` through
:func:`health_view`, which is tested without a browser.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._style import AMBER, BORDER, GREEN, RED
from labkit._text import listing

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets
    import pandas as pd

    from labkit.projects._canvas import ProblemCanvas
    from labkit.projects._monitor import MonitorReport

__all__ = ["VIEWS", "health_view", "monitor_as_of", "project_health"]

VIEWS = ("Status and decision", "Performance", "Drift", "Fairness", "Benefits", "Data checks")
"""What the dashboard can show, one at a time."""

_COLOURS = {"green": GREEN, "amber": AMBER, "red": RED, "no records": BORDER}


def monitor_as_of(
    log: pd.DataFrame, canvas: ProblemCanvas, month: str, *, plot: bool = True
) -> MonitorReport:
    """The monitor as it stood at the end of ``month``: only the rows up to that month.

    Examples
    --------
    >>> from labkit.projects import example_canvas, load_monitoring_log
    >>> from labkit.projects._widget import monitor_as_of
    >>> monitor_as_of(load_monitoring_log(), example_canvas(), "2024-11", plot=False).status
    'green'
    """
    from labkit.projects._monitor import monitor

    column = canvas.monitor.month
    if column not in log.columns:
        raise LabkitError(
            f"The log has no month column {column!r}.",
            where="canvas monitor.month",
            fix="Name the log's month column in the canvas.",
        )
    months = log[column].astype(str)
    if month not in set(months):
        raise LabkitError(
            f"The log has no month {month!r}.",
            where="parameter month",
            fix=f"Choose one of the log's months, from {months.min()} to {months.max()}.",
        )
    return monitor(log[months <= month], canvas, plot=plot)


def _status_badge(status: str) -> str:
    colour = _COLOURS.get(status, BORDER)
    return (
        f'<span style="display:inline-block;padding:0.1rem 0.5rem;border:2px solid {colour};color:{colour};'
        f'font-weight:bold">{html.escape(status.upper())}</span>'
    )


def health_view(report: MonitorReport, view: str) -> str:
    """The dashboard's result area as HTML, for one of :data:`VIEWS`.

    The status is written as a word (GREEN, AMBER, RED) as well as shown in colour.

    Examples
    --------
    >>> from labkit.projects import example_canvas, load_monitoring_log, monitor
    >>> from labkit.projects._widget import health_view
    >>> report = monitor(load_monitoring_log(), example_canvas(), plot=False)
    >>> "RED" in health_view(report, "Status and decision")
    True
    """
    from labkit._report import Section, Table
    from labkit._widgets import scroll_box

    if view not in VIEWS:
        raise LabkitError(
            f"{view!r} is not a view of the dashboard.",
            where="parameter view",
            fix=f"Choose one of {listing([repr(v) for v in VIEWS])}.",
        )
    last = report.months.iloc[-1]["month"]
    parts = [
        f"<p>As at the end of {html.escape(last)}: {_status_badge(report.status)} "
        f"Decision: {html.escape(report.decision)}.</p>"
    ]
    sections = {s.heading: s for s in report.sections}
    if view == "Status and decision":
        parts.append(f"<p>{html.escape(report.summary)}</p>")
        parts.append(scroll_box(Table("Stop rules", report.rules).to_html(), "Stop rules"))
        status = report.months[["month", "month number", "status"]]
        parts.append(scroll_box(Table("Status by month", status).to_html(), "Status by month"))
    else:
        heading = {
            "Performance": "Performance by month",
            "Drift": "Drift by input",
            "Fairness": "Fairness by month",
            "Benefits": "Benefits against the baseline and the target",
            "Data checks": "Data checks",
        }[view]
        section = sections.get(heading)
        if section is None:
            parts.append(f"<p>No {view.lower()} results: the log has no columns for them.</p>")
        else:
            # Wide tables scroll sideways in their own box, so the page reflows at 400% zoom.
            parts.append(Section(section.heading, section.text).to_html(level=3))
            for table in section.tables:
                label = f"{table.title}, scroll sideways to see every column"
                parts.append(scroll_box(table.to_html(), label))
            parts += [figure.to_html() for figure in section.figures]
    return f'<div style="white-space:normal;overflow-wrap:break-word;max-width:100%">{"".join(parts)}</div>'


def project_health(log: pd.DataFrame | None = None, canvas: ProblemCanvas | None = None) -> ipywidgets.VBox:
    """A dashboard of a deployed tool's health: choose a month and a view.

    Parameters
    ----------
    log : DataFrame, optional
        A monitoring log; the sandbox's repairs-model log by default.
    canvas : ProblemCanvas, optional
        Its canvas; the example canvas by default.

    Returns
    -------
    ipywidgets.VBox
        A month list (the monitor as it stood at the end of that month), a view list and the result area.
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_widget
    from labkit.projects._canvas import require_canvas
    from labkit.projects._examples import example_canvas

    if log is None:
        from labkit.data._monitoring import load_monitoring_log

        log = load_monitoring_log()
    canvas = example_canvas() if canvas is None else canvas
    require_canvas(canvas, "project_health()")
    months = sorted(set(log[canvas.monitor.month].astype(str))) if canvas.monitor.month in log else []
    if not months:
        raise LabkitError(
            "The log has no months to show.",
            where="parameter log",
            fix=f"Pass a log with a {canvas.monitor.month!r} column.",
        )
    reports: dict[str, Any] = {}

    def report_for(month: str):
        if month not in reports:
            reports[month] = monitor_as_of(log, canvas, month)
        return reports[month]

    style = {"description_width": "initial"}
    month = w.Dropdown(options=months, value=months[-1], description="As at the end of", style=style)
    view = w.Dropdown(options=list(VIEWS), description="Show", style=style)
    result = mark_output(w.HTML())

    def show(*_: Any) -> None:
        result.value = health_view(report_for(month.value), view.value)

    month.observe(show, names="value")
    view.observe(show, names="value")
    show()
    intro = w.HTML(
        f"<p>Project health for <strong>{html.escape(canvas.title)}</strong>. Choose a month to see what the "
        "monitor said at the end of it, and what to show.</p>"
    )
    return mark_widget(w.VBox([intro, w.HBox([month, view]), result]), "project_health")
