"""Prepare a committed notebook for the website: widgets and charts as static, accessible HTML.

The site shows each notebook's stored outputs; nothing is executed. Two kinds
of output need help to make sense on a page with no kernel and no internet:

- **Widgets.** A widget output holds only a reference to a widget model. The
  stored widget state has every model, so :func:`widget_snapshot` draws the
  widget as it was when the notebook ran, as plain HTML: its text, each
  control's label and setting, and its result area. No script, no CDN.
- **Charts.** A chart is a PNG whose text alternative the notebook prints
  beside it (``print(figure.alt)``). :func:`prepare_notebook` puts the PNG in a
  ``<figure>`` with that sentence as both its ``alt`` and its caption, and
  refuses a chart that has none.
"""

from __future__ import annotations

import copy
import html
import re
from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL | re.IGNORECASE)
# A widget's text/plain is either written for people ("Answer box for Question 1 ...") or the
# default repr ("VBox(children=(...") that means nothing to a reader.
_REPR = re.compile(r"^[A-Z]\w*\(")
_BOXES = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel", "AccordionModel", "TabModel"}
_CHOICES = {"DropdownModel", "RadioButtonsModel", "SelectModel", "ToggleButtonsModel", "SelectionSliderModel"}
_SKIPPED = {"AnyModel", "ButtonModel"}

NOTE = (
    "<strong>Interactive tool.</strong> Open this notebook in JupyterLab (<code>make lab</code>) to use it. "
    "Here it is shown as it was when the notebook was run, with its first settings."
)


class SiteError(ValueError):
    """A notebook cannot be shown on the website as it is; the message says where and why."""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _strip_styles(markup: str) -> str:
    return _STYLE.sub("", markup).strip()


def _setting(label: str, shown: str, extra: str = "") -> str:
    return f"<p class='labkit-site-setting'>{label}: <strong>{shown}</strong>{extra}</p>"


def _control(name: str, state: dict[str, Any]) -> str:
    """A control in words: its label and its setting (and, for a choice, the other choices)."""
    label = html.escape(str(state.get("description") or "Setting"))
    if name in _CHOICES:
        labels = [str(x) for x in state.get("_options_labels", [])]
        index = state.get("index")
        chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else "nothing chosen"
        others = ", ".join(html.escape(x) for x in labels)
        return _setting(label, html.escape(chosen), f" (choices: {others})")
    if name == "CheckboxModel":
        return _setting(label, "ticked" if state.get("value") else "not ticked")
    value = state.get("value")
    if value in (None, ""):
        hint = str(state.get("placeholder") or "").strip("\u200b")
        return _setting(label, "empty", f" (for example: {html.escape(hint)})" if hint else "")
    if isinstance(value, list | tuple):
        value = " to ".join(str(v) for v in value)
    return _setting(label, html.escape(str(value)))


def _outputs(outputs: list[dict[str, Any]]) -> str:
    parts = []
    for out in outputs:
        data = out.get("data", {})
        if "text/html" in data:
            parts.append(_strip_styles(_text(data["text/html"])))
        elif "text/plain" in data:
            parts.append(f"<pre>{html.escape(_text(data['text/plain']))}</pre>")
        elif out.get("output_type") == "stream":
            parts.append(f"<pre>{html.escape(_text(out.get('text', '')))}</pre>")
    return "\n".join(p for p in parts if p)


def _render(model_id: str, state: dict[str, Any], seen: set[str]) -> str:
    if model_id in seen or model_id not in state:
        return ""
    seen.add(model_id)
    model = state[model_id]
    name, attrs = model["model_name"], model["state"]
    if name in _BOXES:
        children = [c.removeprefix("IPY_MODEL_") for c in attrs.get("children", [])]
        inner = "\n".join(filter(None, (_render(c, state, seen) for c in children)))
        return f"<div>{inner}</div>" if inner else ""
    if name in {"HTMLModel", "HTMLMathModel"}:
        return _strip_styles(str(attrs.get("value", "")))
    if name == "LabelModel":
        return f"<p>{html.escape(str(attrs.get('value', '')))}</p>"
    if name == "OutputModel":
        return _outputs(attrs.get("outputs", []))
    if name in _SKIPPED or not name.endswith("Model") or "description" not in attrs:
        return ""
    return _control(name, attrs)


def widget_snapshot(model_id: str, state: dict[str, Any], text: str = "") -> str:
    """The widget ``model_id`` as static HTML, from a notebook's stored widget ``state``.

    Parameters
    ----------
    model_id : str
        The model a widget output shows.
    state : dict
        The notebook's ``metadata.widgets[...]["state"]``.
    text : str, optional
        The output's ``text/plain``; shown when it is written for people, not a repr.

    Examples
    --------
    >>> state = {"a": {"model_name": "HTMLModel", "state": {"value": "<p>Hello</p>"}}}
    >>> "<p>Hello</p>" in widget_snapshot("a", state)
    True
    """
    body = _render(model_id, state, set())
    said = "" if not text.strip() or _REPR.match(text.strip()) else f" {html.escape(text.strip())}"
    return f'<div class="labkit-site-widget"><p class="labkit-site-widget-note">{NOTE}{said}</p>{body}</div>'


def _alt_for(outputs: list[dict[str, Any]], index: int) -> tuple[int, str] | None:
    """The stream output that says in words what the chart at ``index`` shows, and its position.

    The first printed text after the chart and before the next chart; failing
    that, the last printed text before it and after the chart before it.
    """
    for steps in (range(index + 1, len(outputs)), range(index - 1, -1, -1)):
        for i in steps:
            out = outputs[i]
            if "image/png" in out.get("data", {}):
                break
            if out.get("output_type") == "stream" and _text(out.get("text", "")).strip():
                return i, _text(out["text"]).strip()
    return None


def _figure(png: str, words: str) -> str:
    alt = html.escape(words.removeprefix("Text alternative:").strip(), quote=True)
    caption = html.escape(words)
    return (
        f'<figure class="labkit-site-chart"><img src="data:image/png;base64,{png.strip()}" alt="{alt}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _charts(outputs: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    charts = [i for i, out in enumerate(outputs) if "image/png" in out.get("data", {})]
    words = {i: _alt_for(outputs, i) for i in charts}
    used: set[int] = set()
    for index in charts:
        found = words[index]
        if found is None or found[0] in used:
            raise SiteError(
                f"{where}: a chart has no text alternative printed beside it. "
                "Print the figure's alt text in the same cell (print(figure.alt))."
            )
        used.add(found[0])
        out = outputs[index]
        out["data"] = {
            "text/html": _figure(_text(out["data"]["image/png"]), found[1]),
            "text/plain": found[1],
        }
        out.get("metadata", {}).pop("image/png", None)
    return [out for i, out in enumerate(outputs) if i not in used]


def prepare_notebook(nb: dict[str, Any], name: str = "notebook") -> dict[str, Any]:
    """A copy of notebook ``nb`` ready for the site: widgets as snapshots, charts as figures.

    The widget state is taken out of the metadata afterwards, so the page loads
    no widget scripts. The notebook passed in is not changed.

    Parameters
    ----------
    nb : dict
        A notebook as read from JSON.
    name : str, optional
        Its name, for error messages.

    Raises
    ------
    SiteError
        When a chart has no text alternative printed beside it.
    """
    nb = copy.deepcopy(nb)
    widgets = nb.get("metadata", {}).pop("widgets", {})
    state = widgets.get(WIDGET_STATE, {}).get("state", {})
    for number, cell in enumerate(nb.get("cells", []), start=1):
        outputs = cell.get("outputs")
        if not outputs:
            continue
        for out in outputs:
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                text = _text(data.get("text/plain", ""))
                snapshot = widget_snapshot(data[WIDGET_VIEW]["model_id"], state, text)
                out["data"] = {"text/html": snapshot, "text/plain": text}
        cell["outputs"] = _charts(outputs, f"{name}, cell {number}")
    return nb
