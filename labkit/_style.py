"""Colours and CSS shared by every labkit report, chart and table: one place to change them.

The text colours are GOV.UK's and keep WCAG 2.2 AA contrast on white; the
chart colours are the Okabe-Ito palette, which people with the common kinds
of colour blindness can tell apart.

Examples
--------
>>> from labkit._style import OKABE_ITO, TEXT
>>> TEXT, OKABE_ITO[0]
('#0b0c0c', '#0072B2')
"""

from __future__ import annotations

__all__ = [
    "AMBER",
    "BORDER",
    "DARK_GREEN",
    "FOCUS_BLUE",
    "FOCUS_YELLOW",
    "GREEN",
    "GRID",
    "LIGHT_GREY",
    "OKABE_ITO",
    "RED",
    "REPORT_CSS",
    "TABLE_CSS",
    "TEXT",
]

TEXT = "#0b0c0c"
"""Body text (GOV.UK black)."""
BORDER = "#505a5f"
"""Table borders, secondary lines and reference lines in charts (GOV.UK dark grey)."""
LIGHT_GREY = "#f3f2f1"
"""Table headers and summary boxes (GOV.UK light grey)."""
FOCUS_BLUE = "#1d70b8"
"""The summary box's edge (GOV.UK blue)."""
GRID = "#dddddd"
"""Chart grid lines."""
GREEN = "#00703c"
"""Success and "green" status (GOV.UK green)."""
DARK_GREEN = "#005a30"
"""Text that says something succeeded, with AA contrast on white."""
AMBER = "#8a4b00"
"""An "amber" status, dark enough for AA contrast on white."""
RED = "#d4351c"
"""A "red" status (GOV.UK red)."""
FOCUS_YELLOW = "#ffdd00"
"""The keyboard focus outline (GOV.UK focus colour)."""

OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
"""Chart colours in labkit's order: blue, orange, green, purple, sky blue, vermilion, yellow, black."""

_SUMMARY_BG = f"background:{LIGHT_GREY}"
REPORT_CSS = f"""
body{{font-family:Arial,Helvetica,sans-serif;color:{TEXT};background:#fff;line-height:1.5;
max-width:60rem;margin:1rem auto;padding:0 1rem}}
.labkit-report h1,.labkit-report h2,.labkit-report h3{{color:{TEXT};line-height:1.25}}
.labkit-report h2{{font-size:1.3rem;margin-top:1.5rem}}
.labkit-report h3{{font-size:1.1rem}}
.labkit-report table{{border-collapse:collapse;margin:0.5rem 0 1rem 0;font-size:0.95rem}}
.labkit-report caption{{text-align:left;font-weight:bold;padding:0.25rem 0;color:{TEXT}}}
.labkit-report th,.labkit-report td{{border:1px solid {BORDER};padding:0.25rem 0.5rem;text-align:left;
color:{TEXT};background:#fff}}
.labkit-report th{{background:{LIGHT_GREY}}}
.labkit-report .labkit-summary{{border-left:5px solid {FOCUS_BLUE};padding:0.5rem 1rem;{_SUMMARY_BG}}}
.labkit-report figure{{margin:0.5rem 0 1rem 0}}
.labkit-report figcaption{{color:{TEXT}}}
.labkit-report .labkit-note{{color:{TEXT};font-style:italic}}
"""
"""The stylesheet of a report page (``Report.to_html``); in Jupyter ``body`` becomes ``.labkit-report``."""

TABLE_CSS = (
    f".labkit-explorer{{border-collapse:collapse}}.labkit-explorer th,.labkit-explorer td"
    f"{{border:1px solid {BORDER};padding:2px 6px;color:{TEXT};background:#fff}}"
    f".labkit-explorer th{{background:{LIGHT_GREY}}}.labkit-explorer "
    "caption{text-align:left;font-weight:bold}"
)
"""The stylesheet of the small live tables in labkit's explorers (class ``labkit-explorer``)."""
