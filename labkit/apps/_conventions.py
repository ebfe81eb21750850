"""CSS class names that make labkit widgets findable by people, tests and assistive tools.

Every labkit widget marks its root with :data:`WIDGET_CLASS` and
``labkit-widget-<name>``, and the area where it shows its result with
:data:`OUTPUT_CLASS`. The browser tests find widgets by these classes, operate
every control inside the root and check that the result area changes. A
control whose value only takes effect when another control is used (for
example, the answers of a wizard step that apply when you press "Next")
carries :data:`STAGED_CLASS`, so the tests do not expect the result to change
when that control alone is used.

The convention is described in ``docs/browser-testing.md``.

Examples
--------
>>> import ipywidgets as w
>>> from labkit.apps import mark_output, mark_staged, mark_widget
>>> out = mark_output(w.Output())
>>> choice = mark_staged(w.RadioButtons(options=["Yes", "No"], description="Answer"))
>>> root = mark_widget(w.VBox([choice, out]), "measure_wizard")
>>> root._dom_classes
('labkit-widget', 'labkit-widget-measure-wizard')
>>> out._dom_classes
('labkit-output',)
"""

from __future__ import annotations

import re
from typing import TypeVar

from labkit._errors import LabkitError

__all__ = [
    "OUTPUT_CLASS",
    "STAGED_CLASS",
    "WIDGET_CLASS",
    "mark_output",
    "mark_staged",
    "mark_widget",
    "widget_class",
]

WIDGET_CLASS = "labkit-widget"
"""CSS class on the root of every labkit widget."""

OUTPUT_CLASS = "labkit-output"
"""CSS class on the area where a labkit widget shows its result (usually an ``Output``)."""

STAGED_CLASS = "labkit-staged"
"""CSS class on a control whose value takes effect only when another control is used."""

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")

W = TypeVar("W")


def widget_class(name: str) -> str:
    """The CSS class that names one kind of labkit widget: ``labkit-widget-<name>``.

    Underscores become hyphens, so the class matches the app's name.

    Examples
    --------
    >>> widget_class("threshold_explorer")
    'labkit-widget-threshold-explorer'
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise LabkitError(
            f"A widget name must be lower-case letters and digits joined by '_' or '-', not {name!r}.",
            where="parameter name",
            fix="Use the name of the public function that builds the widget, for example 'quality_explorer'.",
        )
    return f"{WIDGET_CLASS}-{name.replace('_', '-')}"


def _add_class(widget: W, css_class: str, parameter: str) -> W:
    add = getattr(widget, "add_class", None)
    if not callable(add):
        raise LabkitError(
            f"Expected an ipywidgets widget, got {type(widget).__name__}.",
            where=f"parameter {parameter}",
            fix="Pass the widget object itself, for example an ipywidgets VBox or Output.",
        )
    add(css_class)
    return widget


def mark_widget(widget: W, name: str) -> W:
    """Mark ``widget`` as the root of the labkit widget called ``name`` and return it.

    Adds the classes ``labkit-widget`` and ``labkit-widget-<name>``.
    """
    css = widget_class(name)
    _add_class(widget, WIDGET_CLASS, "widget")
    return _add_class(widget, css, "widget")


def mark_output(widget: W) -> W:
    """Mark ``widget`` as the area where a labkit widget shows its result, and return it."""
    return _add_class(widget, OUTPUT_CLASS, "widget")


def mark_staged(widget: W) -> W:
    """Mark a control whose value takes effect only when another control is used, and return it."""
    return _add_class(widget, STAGED_CLASS, "widget")
