"""The project health dashboard: its logic (health_view, monitor_as_of) without a browser, and the widget."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.projects import example_canvas, health_view, project_health
from labkit.projects._widget import VIEWS, monitor_as_of


@pytest.mark.parametrize(
    ("month", "status"), [("2024-11", "green"), ("2024-12", "amber"), ("2025-08", "red")]
)
def test_status_as_at_the_end_of_a_month(log, month, status):
    report = monitor_as_of(log, example_canvas(), month, plot=False)
    assert report.status == status and report.months["month"].iloc[-1] == month
    assert status.upper() in health_view(report, "Status and decision")


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_shows_its_section(report, view):
    text = health_view(report, view)
    assert "As at the end of 2026-03" in text and "RED" in text
    if view == "Drift":
        assert "PSI by month and input" in text
    if view == "Fairness":
        assert "Recall by month and group" in text


def test_bad_view_or_month(report, log):
    with pytest.raises(LabkitError, match="not a view"):
        health_view(report, "Everything")
    with pytest.raises(LabkitError, match="no month '2030-01'"):
        monitor_as_of(log, example_canvas(), "2030-01")


def test_widget_changes_with_each_control(log):
    small = log[log["month"] <= "2024-12"]
    root = project_health(small)
    assert "labkit-widget-project-health" in root._dom_classes
    month, view = root.children[1].children
    result = root.children[2]
    first = result.value
    assert "AMBER" in first
    month.value = "2024-11"
    assert "GREEN" in result.value and result.value != first
    before = result.value
    view.value = "Drift"
    assert result.value != before and "PSI" in result.value


def test_widget_refuses_what_is_not_a_canvas(log):
    with pytest.raises(LabkitError, match="ProblemCanvas"):
        project_health(log, canvas="canvas.yaml")
