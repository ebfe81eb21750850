"""The CSS class convention that makes labkit widgets findable in a browser."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.apps import (
    OUTPUT_CLASS,
    STAGED_CLASS,
    WIDGET_CLASS,
    mark_output,
    mark_staged,
    mark_widget,
    widget_class,
)


def test_class_names_are_stable() -> None:
    # The browser tests and docs/browser-testing.md rely on these exact names.
    assert (WIDGET_CLASS, OUTPUT_CLASS, STAGED_CLASS) == ("labkit-widget", "labkit-output", "labkit-staged")


@pytest.mark.parametrize(
    ("name", "css"),
    [
        ("quality_explorer", "labkit-widget-quality-explorer"),
        ("measure-wizard", "labkit-widget-measure-wizard"),
        ("x2", "labkit-widget-x2"),
    ],
)
def test_widget_class_matches_the_app_name(name: str, css: str) -> None:
    assert widget_class(name) == css


@pytest.mark.parametrize("name", ["", "Quality", "two words", "a__b", "_a", "a-", 3, None])
def test_bad_widget_names_are_refused(name) -> None:
    with pytest.raises(LabkitError, match="parameter name"):
        widget_class(name)


def test_marking_adds_classes_and_returns_the_same_widget() -> None:
    import ipywidgets as w

    out = w.Output()
    button = w.Button(description="Next")
    root = w.VBox([button, out])
    assert mark_output(out) is out
    assert mark_staged(button) is button
    assert mark_widget(root, "measure_wizard") is root
    assert root._dom_classes == ("labkit-widget", "labkit-widget-measure-wizard")
    assert out._dom_classes == ("labkit-output",)
    assert button._dom_classes == ("labkit-staged",)


def test_marking_something_that_is_not_a_widget_is_a_clear_error() -> None:
    with pytest.raises(LabkitError, match="Expected an ipywidgets widget, got dict"):
        mark_output({})
    with pytest.raises(LabkitError, match="parameter name"):
        mark_widget(object(), "Bad Name")
