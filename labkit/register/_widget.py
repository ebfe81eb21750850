"""The register explorer: search the shared register and find whom to talk to, without code.

Thin: :func:`register_view` does all the work (it calls :func:`~labkit.register.who_to_talk_to`,
:meth:`~labkit.register.Register.search` and :func:`~labkit.register.find_duplicates`) and returns what to
show, so it is tested without a browser; :func:`register_explorer` only wires controls to it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Table
from labkit._text import plural
from labkit.register._collab import find_duplicates, who_to_talk_to
from labkit.register._store import Register

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets

__all__ = ["MODES", "register_explorer", "register_view"]

WHO = "Who to talk to"
SEARCH = "Search the register"
DUPLICATES = "Likely duplicated effort"
MODES: tuple[str, ...] = (WHO, SEARCH, DUPLICATES)
ALL_COUNCILS = "None (show every council)"


def register_view(register: Register, text: str, mode: str = WHO, leave_out: str = ALL_COUNCILS) -> str:
    """The explorer's result for these settings, as accessible HTML (headings, captions, sentences).

    Parameters
    ----------
    register : Register
    text : str
        The idea in your own words (who to talk to) or the words to search for.
    mode : str
        One of :data:`MODES`.
    leave_out : str
        A council whose own projects are left out (your council), or "None (show every council)".

    Examples
    --------
    >>> from labkit.register import sandbox_register
    >>> from labkit.register._widget import register_view
    >>> "Ottercombe City Council" in register_view(sandbox_register(), "score families for early help")
    True
    """
    if mode not in MODES:
        raise LabkitError(f"mode must be one of {', '.join(MODES)}, not {mode!r}.", where="parameter mode")
    frame = register.to_frame()
    if leave_out != ALL_COUNCILS:
        frame = frame[frame["council"] != leave_out].reset_index(drop=True)
    settings = f"{mode}" + (f", leaving out {leave_out}'s own projects" if leave_out != ALL_COUNCILS else "")
    words = text.strip()
    parts = [f"<p><strong>Showing:</strong> {html.escape(settings)}.</p>"]
    if mode == DUPLICATES:
        pairs = find_duplicates(frame) if len(frame) > 1 else frame.iloc[0:0]
        parts.append(
            f"<p>{html.escape(plural(len(pairs), 'pair'))} of projects in different councils "
            f"{'looks' if len(pairs) == 1 else 'look'} like the same effort. Each pair should talk.</p>"
        )
        if len(pairs):
            parts.append(Table("Similar projects in different councils", pairs).to_html())
    elif not words:
        parts.append("<p>Type your idea, or some words to search for, in the box above.</p>")
    elif mode == WHO:
        report = who_to_talk_to(frame, words)
        parts.append(f"<p>{html.escape(report.summary)}</p>")
        if len(report.contacts):
            shown = report.contacts[["council", "title", "phase", "contact_role", "contact_email", "why"]]
            parts.append(Table(f"Who to talk to about: {words}", shown).to_html())
    else:
        try:
            found = register.search(words, limit=50)
        except LabkitError as problem:
            parts.append(f"<p>{html.escape(problem.what)}</p>")
        else:
            found = found[found["id"].isin(set(frame["id"]))]
            parts.append(
                f"<p>{html.escape(plural(len(found), 'project'))} "
                f"{'matches' if len(found) == 1 else 'match'} every word of "
                f"&lsquo;{html.escape(words)}&rsquo;.</p>"
            )
            if len(found):
                parts.append(
                    Table(f"Projects matching: {words}", found.drop(columns=["id"]).fillna("")).to_html()
                )
    return f'<div style="white-space:normal;overflow-wrap:break-word;max-width:100%">{"".join(parts)}</div>'


def register_explorer(register: Register | None = None) -> ipywidgets.VBox:
    """A widget to search a shared project register and find whom to talk to, without writing code.

    Parameters
    ----------
    register : Register, optional
        Your register. Without it, the sandbox register of six fictional councils.

    Returns
    -------
    ipywidgets.VBox
        A text box for your idea or search words, a choice of what to show, a council to leave out, and
        an area showing the result in sentences and tables.
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_widget
    from labkit.register._sandbox import sandbox_register

    if register is None:
        register = sandbox_register()
    elif not isinstance(register, Register):
        raise LabkitError(
            f"register must be a Register, not {type(register).__name__}.",
            where="parameter register",
            fix="Pass Register('my-register.sqlite'), or nothing for the sandbox register.",
        )
    councils = sorted(set(register.to_frame()["council"]))
    style = {"description_width": "initial"}
    layout = w.Layout(width="95%")
    text = w.Text(
        value="Find council homes at risk of damp and mould",
        description="Your idea, or words to search for",
        continuous_update=False,
        style=style,
        layout=layout,
    )
    mode = w.Dropdown(options=list(MODES), value=WHO, description="Show", style=style)
    leave_out = w.Dropdown(
        options=[ALL_COUNCILS, *councils],
        value=ALL_COUNCILS,
        description="Leave out the projects of",
        style=style,
    )
    result = mark_output(w.HTML())

    def show(*_: Any) -> None:
        result.value = register_view(register, text.value, mode.value, leave_out.value)

    for control in (text, mode, leave_out):
        control.observe(show, names="value")
    show()
    return mark_widget(w.VBox([text, mode, leave_out, result]), "register_explorer")
