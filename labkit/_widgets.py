"""What every labkit widget shares: CSS class names, keyboard safety in JupyterLab, and text that wraps.

This module sits below every capability (quality, evaluate, fairness,
exercises), so their widgets use it without importing the apps layer.

**Class names.** Every labkit widget marks its root with :data:`WIDGET_CLASS`
and ``labkit-widget-<name>``, and the area where it shows its result with
:data:`OUTPUT_CLASS`. The browser tests find widgets by these classes, operate
every control inside the root and check that the result area changes. A
control whose value only takes effect when another control is used (for
example, the answers of a wizard step that apply when you press "Next")
carries :data:`STAGED_CLASS`, so the tests do not expect the result to change
when that control alone is used.

**Keyboard.** JupyterLab's notebook shortcuts listen to every key pressed in a
notebook: without protection, ArrowDown on a drop-down list moves to the next
cell, and a letter typed on a radio button can insert a cell. A widget marked with
:func:`mark_widget` is shown with a small, invisible helper (:func:`keyboard_guard`) that marks
keys pressed inside any labkit widget with Lumino's ``data-lm-suppress-shortcuts``
attribute, so JupyterLab leaves them to the widget. Keys held with Ctrl, Alt or
Cmd (Ctrl+S to save, for example) still reach JupyterLab.

**Layout.** :data:`WIDGET_CSS` makes labels and long text wrap instead of being
cut off, and wide tables scroll inside their own box rather than widening the
page (WCAG 2.2 reflow: usable at 320 CSS pixels wide, that is 400% zoom).

The convention is described in ``docs/browser-testing.md``.

Examples
--------
>>> import ipywidgets as w
>>> from labkit._widgets import mark_output, mark_staged, mark_widget
>>> out = mark_output(w.Output())
>>> choice = mark_staged(w.RadioButtons(options=["Yes", "No"], description="Answer"))
>>> root = mark_widget(w.VBox([choice, out]), "measure_wizard")
>>> root._dom_classes
('labkit-widget', 'labkit-widget-measure-wizard')
>>> out._dom_classes
('labkit-output',)
>>> root.children == (choice, out)
True
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from labkit._errors import LabkitError
from labkit._style import FOCUS_YELLOW

__all__ = [
    "OUTPUT_CLASS",
    "STAGED_CLASS",
    "SUPPRESS_SHORTCUTS",
    "WIDGET_CLASS",
    "WIDGET_CSS",
    "keyboard_guard",
    "mark_output",
    "mark_staged",
    "mark_widget",
    "scroll_box",
    "widget_class",
]

WIDGET_CLASS = "labkit-widget"
"""CSS class on the root of every labkit widget."""

OUTPUT_CLASS = "labkit-output"
"""CSS class on the area where a labkit widget shows its result (usually an ``Output``)."""

STAGED_CLASS = "labkit-staged"
"""CSS class on a control whose value takes effect only when another control is used."""

SUPPRESS_SHORTCUTS = "data-lm-suppress-shortcuts"
"""The attribute that tells JupyterLab (Lumino) not to treat a key press as a shortcut."""

SCROLL_CLASS = "labkit-scroll"
"""CSS class on a box that scrolls sideways on its own (a wide table), so the page does not."""

WIDGET_CSS = (
    "<style>"
    # Nothing inside a labkit widget may be wider than the space it is given: boxes shrink, and a label
    # and its control share a line when they fit and go on two lines when they do not.
    f".{WIDGET_CLASS}, .{WIDGET_CLASS} .widget-box{{max-width:100%;min-width:0;overflow-wrap:break-word}}"
    f".{WIDGET_CLASS} .widget-hbox, .{WIDGET_CLASS} .widget-inline-hbox{{flex-wrap:wrap;height:auto}}"
    # (less the widget's own margins, which width and max-width do not include)
    f".{WIDGET_CLASS} .widget-inline-hbox, .{WIDGET_CLASS} .widget-inline-vbox, .{WIDGET_CLASS} button"
    "{max-width:calc(100% - 2 * var(--jp-widgets-margin, 2px));min-width:0}"
    f".{WIDGET_CLASS} .widget-inline-hbox > *{{max-width:100%;min-width:0}}"
    f".{WIDGET_CLASS} .widget-dropdown > select{{min-width:0;max-width:100%}}"
    f".{WIDGET_CLASS} .widget-hslider .slider-container{{min-width:8em}}"
    # Labels and descriptions wrap onto more lines instead of being cut off with an ellipsis.
    f".{WIDGET_CLASS} .widget-label, .{WIDGET_CLASS} .widget-label-basic,"
    f" .{WIDGET_CLASS} .widget-checkbox label, .{WIDGET_CLASS} .widget-radio-box label"
    "{white-space:normal;overflow:visible;text-overflow:clip;height:auto;line-height:1.3}"
    # A long choice wraps beside its radio button or tick box, not under it (ipywidgets puts a radio
    # button after its text and floats it left; a flex row keeps it first). Centred, so the circle sits
    # level with its words (at the top it sat lower than a one-line label).
    f".{WIDGET_CLASS} .widget-radio-box label{{display:flex;flex-direction:row-reverse;"
    "justify-content:flex-end;align-items:center}"
    f".{WIDGET_CLASS} .widget-checkbox{{height:auto;width:auto}}"
    f".{WIDGET_CLASS} .widget-checkbox label{{display:flex;align-items:flex-start}}"
    f".{WIDGET_CLASS} button.widget-button{{white-space:normal;height:auto;width:auto;"
    "min-height:var(--jp-widgets-inline-height,28px);overflow:visible;text-overflow:clip}"
    # Results wrap; a table wider than the space scrolls inside the result, not the page.
    f".{WIDGET_CLASS} .widget-html-content{{white-space:normal;overflow-wrap:break-word;min-width:0;"
    "overflow-x:auto}"
    # A wide table scrolls inside its own box, which keyboard users can focus and scroll.
    f".{SCROLL_CLASS}{{overflow-x:auto;max-width:100%}}"
    f".{SCROLL_CLASS}:focus{{outline:3px solid {FOCUS_YELLOW};outline-offset:0}}"
    "</style>"
)
"""CSS shared by every labkit widget (see the module's description)."""

# Runs in the browser. One listener for the whole page, added when the first guard is drawn. It runs
# before JupyterLab's own (window, capture phase) and marks the element a key was pressed in, when that
# element is inside a labkit widget and no Ctrl, Alt or Cmd key is held; otherwise it removes the mark.
_GUARD_ESM = f"""
const ATTRIBUTE = "{SUPPRESS_SHORTCUTS}";
function guard(event) {{
  const target = event.target;
  if (!(target instanceof Element) || !target.closest(".{WIDGET_CLASS}")) return;
  if (event.ctrlKey || event.metaKey || event.altKey) target.removeAttribute(ATTRIBUTE);
  else target.setAttribute(ATTRIBUTE, "true");
}}
export default {{
  render({{ el }}) {{
    el.classList.add("labkit-keyboard-guard");
    if (!globalThis.labkitKeyboardGuard) {{
      window.addEventListener("keydown", guard, true);
      globalThis.labkitKeyboardGuard = true;
    }}
  }},
}};
"""

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


def keyboard_guard() -> Any:
    """An invisible widget that keeps JupyterLab's notebook shortcuts out of labkit widgets.

    One is enough for a whole page, but each labkit widget carries its own, so
    any one of them shown alone is protected. In Voila, which has no notebook
    shortcuts, it does nothing.

    Examples
    --------
    >>> keyboard_guard().layout.display
    'none'
    """
    import anywidget
    import traitlets

    global _KeyboardGuard
    if _KeyboardGuard is None:

        class KeyboardGuard(anywidget.AnyWidget):
            """Marks keys pressed in labkit widgets so that JupyterLab does not treat them as shortcuts."""

            _esm = traitlets.Unicode(_GUARD_ESM).tag(sync=True)

        _KeyboardGuard = KeyboardGuard
    return _KeyboardGuard(layout={"display": "none"})


_KeyboardGuard: Any = None


_VIEW = "application/vnd.jupyter.widget-view+json"


def _show_with_conventions(widget: Any) -> None:
    """Make ``widget`` show itself with the shared styling and the keyboard guard beside it.

    Displaying the widget (as the last line of a cell, or with ``display``)
    shows an invisible box holding the widget, :data:`WIDGET_CSS` and a
    :func:`keyboard_guard`. The widget itself, its children and its plain-text
    form (which notebooks store) stay exactly as they were.
    """
    import ipywidgets

    own = widget._repr_mimebundle_

    def _repr_mimebundle_(**kwargs: Any) -> Any:
        data = own(**kwargs)
        if not isinstance(data, dict) or _VIEW not in data:
            return data
        style = ipywidgets.HTML(WIDGET_CSS, layout={"display": "none"})
        shown = ipywidgets.VBox([widget, style, keyboard_guard()])
        return {**data, _VIEW: shown._repr_mimebundle_(**kwargs)[_VIEW]}

    widget._repr_mimebundle_ = _repr_mimebundle_


def mark_widget(widget: W, name: str) -> W:
    """Mark ``widget`` as the root of the labkit widget called ``name`` and return it.

    Adds the classes ``labkit-widget`` and ``labkit-widget-<name>``. When the
    widget is shown, the shared styling (:data:`WIDGET_CSS`) and the
    :func:`keyboard_guard` are shown beside it, invisible; the widget and its
    children are not changed.
    """
    css = widget_class(name)
    _add_class(widget, WIDGET_CLASS, "widget")
    _add_class(widget, css, "widget")
    if callable(getattr(widget, "_repr_mimebundle_", None)):
        _show_with_conventions(widget)
    return widget


def mark_output(widget: W) -> W:
    """Mark ``widget`` as the area where a labkit widget shows its result, and return it."""
    return _add_class(widget, OUTPUT_CLASS, "widget")


def mark_staged(widget: W) -> W:
    """Mark a control whose value takes effect only when another control is used, and return it."""
    return _add_class(widget, STAGED_CLASS, "widget")


def scroll_box(html: str, label: str) -> str:
    """Wrap wide HTML (a table) in a box that scrolls sideways on its own, reachable by keyboard.

    ``label`` names the box for screen readers ("Example rows, scroll sideways").

    Examples
    --------
    >>> scroll_box("<table></table>", "Example rows")
    '<div class="labkit-scroll" tabindex="0" role="region" aria-label="Example rows"><table></table></div>'
    """
    import html as _html

    return (
        f'<div class="{SCROLL_CLASS}" tabindex="0" role="region" aria-label="{_html.escape(label)}">'
        f"{html}</div>"
    )
