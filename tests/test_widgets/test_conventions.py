"""The widget conventions: CSS classes that make labkit widgets findable, the keyboard guard, wrapping."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit._widgets import (
    OUTPUT_CLASS,
    STAGED_CLASS,
    WIDGET_CLASS,
    WIDGET_CSS,
    keyboard_guard,
    mark_output,
    mark_staged,
    mark_widget,
    scroll_box,
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
    assert root.children == (button, out)
    assert out._dom_classes == ("labkit-output",)
    assert button._dom_classes == ("labkit-staged",)


def test_a_marked_widget_is_shown_with_the_shared_styling_and_the_keyboard_guard() -> None:
    import ipywidgets as w

    root = mark_widget(w.VBox([w.Button(description="Next"), w.Output()]), "measure_wizard")
    bundle = root._repr_mimebundle_()
    # What notebooks store as text is what it was before; the view shown is a box around the widget.
    assert bundle["text/plain"] == w.VBox._repr_mimebundle_(root)["text/plain"]
    shown = w.Widget.widgets[bundle["application/vnd.jupyter.widget-view+json"]["model_id"]]
    assert shown is not root and shown.children[0] is root
    style, guard = shown.children[1:]
    assert WIDGET_CSS in style.value and style.layout.display == "none"
    assert type(guard).__name__ == "KeyboardGuard" and guard.layout.display == "none"


def test_marking_something_that_is_not_a_widget_is_a_clear_error() -> None:
    with pytest.raises(LabkitError, match="Expected an ipywidgets widget, got dict"):
        mark_output({})
    with pytest.raises(LabkitError, match="parameter name"):
        mark_widget(object(), "Bad Name")


def test_a_widget_that_is_not_a_box_gets_only_its_classes() -> None:
    import ipywidgets as w

    html = w.HTML("<p>Result</p>")
    assert mark_widget(html, "x") is html
    assert html._dom_classes == ("labkit-widget", "labkit-widget-x")


def test_the_keyboard_guard_marks_keys_inside_labkit_widgets_only() -> None:
    guard = keyboard_guard()
    script = guard._esm
    # It uses Lumino's attribute, only inside labkit widgets, and lets Ctrl, Alt and Cmd combinations through.
    assert 'const ATTRIBUTE = "data-lm-suppress-shortcuts"' in script
    assert 'closest(".labkit-widget")' in script
    assert "event.ctrlKey || event.metaKey || event.altKey" in script
    # It listens before JupyterLab does: on the window, in the capture phase, once per page.
    assert 'window.addEventListener("keydown", guard, true)' in script
    from labkit import _widgets

    # The widget class is made once, on first use (anywidget is imported only then).
    assert isinstance(keyboard_guard(), _widgets._KeyboardGuard)
    assert isinstance(guard, _widgets._KeyboardGuard)


def test_scroll_box_is_a_named_focusable_region() -> None:
    box = scroll_box("<table></table>", 'Rows "A" & B')
    opening = '<div class="labkit-scroll" tabindex="0" role="region" aria-label="Rows &quot;A&quot; &amp; B">'
    assert box.startswith(opening)
    assert ".labkit-scroll{overflow-x:auto" in WIDGET_CSS


def test_labkit_apps_still_offers_the_conventions() -> None:
    from labkit import _widgets, apps

    assert apps.mark_widget is _widgets.mark_widget
    assert apps.WIDGET_CLASS == WIDGET_CLASS
