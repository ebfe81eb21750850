"""Define the problem before the technology, then check the benefits arrive (``labkit.projects``).

A **problem canvas** (:class:`ProblemCanvas`, read and written as YAML) holds a project's user need, the
decision it supports, today's baseline, the options (including one without AI), success measures and
stop rules fixed in advance, data, risks, costs and benefits, the legal screening answers and the plan
for monitoring. ``review`` finds the classic failures; ``screen`` runs the legal screening; ``baseline``
measures today's process from data; ``monitor`` checks a deployed tool month by month against the canvas
and gives a red, amber or green status with the decision it points to.

>>> from labkit.projects import example_canvas, review
>>> review(example_canvas()).ready
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

# Public name -> private module, loaded on first use so `labkit projects --help` stays quick.
_PUBLIC = {
    "MONITOR_MEASURES": "labkit.projects._canvas",
    "SCHEMA": "labkit.projects._canvas",
    "UNITS": "labkit.projects._canvas",
    "Amount": "labkit.projects._canvas",
    "Baseline": "labkit.projects._canvas",
    "DataNeed": "labkit.projects._canvas",
    "Dates": "labkit.projects._canvas",
    "Decision": "labkit.projects._canvas",
    "Legal": "labkit.projects._canvas",
    "Measure": "labkit.projects._canvas",
    "MonitorPlan": "labkit.projects._canvas",
    "Option": "labkit.projects._canvas",
    "Owner": "labkit.projects._canvas",
    "ProblemCanvas": "labkit.projects._canvas",
    "Risk": "labkit.projects._canvas",
    "StopRule": "labkit.projects._canvas",
    "read_canvas": "labkit.projects._canvas",
    "example_canvas": "labkit.projects._examples",
    "load_monitoring_log": "labkit.data._monitoring",
    "load_monitoring_truth": "labkit.data._monitoring",
    "BaselineReport": "labkit.projects._baseline",
    "baseline": "labkit.projects._baseline",
    "FINDING_CODES": "labkit.projects._review",
    "CanvasReview": "labkit.projects._review",
    "Finding": "labkit.projects._review",
    "review": "labkit.projects._review",
    "solution_words": "labkit.projects._review",
    "SAFEGUARDS": "labkit.projects._screen",
    "LegalScreening": "labkit.projects._screen",
    "screen": "labkit.projects._screen",
    "MonitorReport": "labkit.projects._monitor",
    "monitor": "labkit.projects._monitor",
    "psi": "labkit.projects._monitor",
    "health_view": "labkit.projects._widget",
    "project_health": "labkit.projects._widget",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.data._monitoring import load_monitoring_log, load_monitoring_truth
    from labkit.projects._baseline import BaselineReport, baseline
    from labkit.projects._canvas import (
        MONITOR_MEASURES,
        SCHEMA,
        UNITS,
        Amount,
        Baseline,
        DataNeed,
        Dates,
        Decision,
        Legal,
        Measure,
        MonitorPlan,
        Option,
        Owner,
        ProblemCanvas,
        Risk,
        StopRule,
        read_canvas,
    )
    from labkit.projects._examples import example_canvas
    from labkit.projects._monitor import MonitorReport, monitor, psi
    from labkit.projects._review import FINDING_CODES, CanvasReview, Finding, review, solution_words
    from labkit.projects._screen import SAFEGUARDS, LegalScreening, screen
    from labkit.projects._widget import health_view, project_health


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "FINDING_CODES",
    "MONITOR_MEASURES",
    "SAFEGUARDS",
    "SCHEMA",
    "UNITS",
    "Amount",
    "Baseline",
    "BaselineReport",
    "CanvasReview",
    "DataNeed",
    "Dates",
    "Decision",
    "Finding",
    "Legal",
    "LegalScreening",
    "Measure",
    "MonitorPlan",
    "MonitorReport",
    "Option",
    "Owner",
    "ProblemCanvas",
    "Risk",
    "StopRule",
    "baseline",
    "example_canvas",
    "health_view",
    "load_monitoring_log",
    "load_monitoring_truth",
    "monitor",
    "project_health",
    "psi",
    "read_canvas",
    "review",
    "screen",
    "solution_words",
]
