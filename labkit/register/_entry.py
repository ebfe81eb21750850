"""A register entry from a lesson-03 problem canvas and its monitor.

The register's ``problem_statement``, ``contact_role`` and ``rag_status`` come from work a project has
already done: the canvas's user need and accountable owner (``labkit.projects.ProblemCanvas``) and the
monitor's red, amber or green status (``labkit.projects.monitor(...).status``). Duck-typed: anything with
the same attributes works, and ``labkit.projects`` is not imported here.
"""

from __future__ import annotations

from typing import Any

from labkit._errors import LabkitError
from labkit.register._store import validate_entry

__all__ = ["entry_from_canvas"]


def entry_from_canvas(
    canvas: Any,
    *,
    id: str,
    service: str,
    status: str,
    phase: str,
    monitor: Any = None,
    contact_email: str | None = None,
    canvas_link: str | None = None,
    **other: Any,
) -> dict[str, Any]:
    """A checked register entry for a project, from its problem canvas and (optionally) its monitor.

    Parameters
    ----------
    canvas : ProblemCanvas
        Lesson 03's canvas: its ``title``, ``council``, ``user_need`` and ``owner.accountable`` give the
        entry's title, council, problem statement and contact role.
    id, service, status, phase : str
        As in the register layout (see ``COLUMNS``).
    monitor : MonitorReport, optional
        ``labkit.projects.monitor(...)``: its ``status`` ("red", "amber" or "green") is the RAG status.
    contact_email, canvas_link : str, optional
    **other
        Any other register column (``supplier``, ``cost_gbp``, ``model_card_link`` ...).

    Returns
    -------
    dict
        The entry, checked against the register layout; pass it to ``Register.add``.

    Examples
    --------
    >>> from labkit.projects import example_canvas
    >>> from labkit.register import entry_from_canvas
    >>> entry = entry_from_canvas(example_canvas(), id="northbrook-early-check", service="Housing",
    ...                           status="active", phase="alpha")
    >>> entry["contact_role"]
    'Head of Repairs'
    """
    for name in ("title", "council", "user_need", "owner"):
        if not hasattr(canvas, name):
            raise LabkitError(
                f"canvas must be a problem canvas from lesson 03 (it has no {name!r}).",
                where="parameter canvas",
                fix="Pass labkit.projects.read_canvas('my-canvas.yaml').",
            )
    rag = None
    if monitor is not None:
        rag = getattr(monitor, "status", None)
        if rag not in ("red", "amber", "green"):
            raise LabkitError(
                "monitor must be a report from labkit.projects.monitor(...), with a red, amber or green "
                "status.",
                where="parameter monitor",
            )
    council = str(canvas.council).replace("(fictional)", "").strip()
    entry = {
        "id": id,
        "title": canvas.title,
        "council": council,
        "service": service,
        "problem_statement": canvas.user_need,
        "status": status,
        "phase": phase,
        "rag_status": rag,
        "contact_role": getattr(canvas.owner, "accountable", None),
        "contact_email": contact_email,
        "canvas_link": canvas_link,
        **other,
    }
    clean, problems = validate_entry(entry)
    if problems:
        raise LabkitError(
            "The entry made from the canvas does not fit the register: " + "; ".join(problems) + ".",
            where="parameter canvas",
            fix="Fill the canvas's title, council, user need and accountable owner; check the other values.",
        )
    return clean
