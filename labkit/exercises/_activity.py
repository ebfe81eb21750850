"""Lesson 01's activity: sort example council AI projects by kind and by risk to residents.

The logic is :func:`sort_projects`, which compares a learner's sorting with the
course's and explains each project; :func:`project_sorter` is a thin widget
that collects the choices and shows the report.

The projects themselves are content, in :mod:`labkit.exercises.content.projects`:
invented examples of the kinds of work UK councils have done or considered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing
from labkit.exercises.content.projects import KINDS, PROJECTS, RISKS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["KINDS", "RISKS", "SortingReport", "example_projects", "project_sorter", "sort_projects"]


def example_projects() -> pd.DataFrame:
    """The example projects of the sorting activity, with the course's answers and reasons.

    Examples
    --------
    >>> projects = example_projects()
    >>> projects.columns.tolist()
    ['id', 'description', 'kind', 'risk', 'why_kind', 'why_risk']
    >>> len(projects)
    10
    """
    import pandas as pd

    return pd.DataFrame([p.__dict__ for p in PROJECTS])


class SortingReport(Report):
    """How a learner's sorting of the example projects compares with the course's, and why."""

    kind = "SortingReport"

    def __init__(
        self, *args: Any, kind_agreed: int, risk_agreed: int, sorted_count: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind_agreed = kind_agreed
        self.risk_agreed = risk_agreed
        self.sorted_count = sorted_count

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "kind_agreed": self.kind_agreed,
            "risk_agreed": self.risk_agreed,
            "sorted_count": self.sorted_count,
        }


def _choice(value: Any, allowed: tuple[str, ...], what: str, project: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = " ".join(str(value).split()).lower()
    if text not in allowed:
        raise LabkitError(
            f"{value!r} is not a {what}.",
            where=f"project {project}",
            fix=f"Use one of: {listing([repr(a) for a in allowed], 'or')}.",
        )
    return text


def sort_projects(choices: Mapping[str, Any]) -> SortingReport:
    """Compare your sorting of the example projects with the course's, with the reasons.

    Parameters
    ----------
    choices : mapping of project id to (kind, risk)
        For example ``{"P1": ("back-office automation", "lower")}``. A kind or
        risk may be None for "not decided yet". Projects you leave out count as
        not sorted. Kinds are those in :data:`KINDS`; risks those in :data:`RISKS`.

    Returns
    -------
    SortingReport
        A summary, a table of your choices beside the course's, and why.

    Examples
    --------
    >>> report = sort_projects({"P2": ("chatbot", "lower"), "P7": ("predictive analytics", "medium")})
    >>> report.summary.splitlines()[0]
    'You sorted 2 of 10 projects. Your kind matches the course for 2 and your risk for 1.'
    """
    if not isinstance(choices, Mapping):
        raise LabkitError(
            f"choices must be a dictionary of project ids, not {type(choices).__name__}.",
            where="parameter choices",
            fix='Pass for example {"P1": ("back-office automation", "lower")}.',
        )
    known = {p.id: p for p in PROJECTS}
    unknown = [str(k) for k in choices if k not in known]
    if unknown:
        raise LabkitError(
            f"There is no example project {unknown[0]!r}.",
            where="parameter choices",
            fix=f"Use the ids {PROJECTS[0].id} to {PROJECTS[-1].id}.",
        )
    import pandas as pd

    rows = []
    reasons = []
    for project in PROJECTS:
        raw = choices.get(project.id)
        if raw is None:
            kind = risk = None
        else:
            if isinstance(raw, str) or not hasattr(raw, "__len__") or len(raw) != 2:
                raise LabkitError(
                    "Each choice must be a pair: (kind, risk).",
                    where=f"project {project.id}",
                    fix=f'Pass for example "{project.id}": ("chatbot", "lower").',
                )
            kind = _choice(raw[0], KINDS, "kind of AI use", project.id)
            risk = _choice(raw[1], RISKS, "risk level", project.id)
        kind_result = "not sorted" if kind is None else ("same" if kind == project.kind else "different")
        risk_result = "not sorted" if risk is None else ("same" if risk == project.risk else "different")
        rows.append(
            {
                "project": f"{project.id}. {project.description}",
                "your kind": kind or "",
                "course's kind": project.kind if kind is not None else "(sort it first)",
                "kind": kind_result,
                "your risk": risk or "",
                "course's risk": project.risk if risk is not None else "(sort it first)",
                "risk": risk_result,
            }
        )
        if kind is not None:
            reasons.append(f"- {project.id}, kind ({project.kind}): {project.why_kind}")
        if risk is not None:
            reasons.append(f"- {project.id}, risk ({project.risk}): {project.why_risk}")
    frame = pd.DataFrame(rows)
    sorted_count = int(((frame["kind"] != "not sorted") | (frame["risk"] != "not sorted")).sum())
    kind_agreed = int((frame["kind"] == "same").sum())
    risk_agreed = int((frame["risk"] == "same").sum())
    summary = (
        f"You sorted {sorted_count} of {len(PROJECTS)} projects. Your kind matches the course for "
        f"{kind_agreed} and your risk for {risk_agreed}."
    )
    if sorted_count:
        summary += (
            "\n\nWhere you differ, read the reasons below: risk depends on who could be harmed, how badly, "
            "and whether a person checks the output. Reasonable people can disagree about medium risk."
        )
    sections = [
        Section(
            "Your sorting beside the course's", tables=[Table("Kind and risk of each example project", frame)]
        ),
    ]
    if reasons:
        sections.append(Section("Why the course sorts them this way", "\n".join(reasons)))
    return SortingReport(
        "Sorting council AI projects",
        summary,
        sections,
        frame,
        kind_agreed=kind_agreed,
        risk_agreed=risk_agreed,
        sorted_count=sorted_count,
    )


def project_sorter() -> Any:
    """A no-code activity: sort the example projects by kind and by risk, then check.

    Each project has two drop-down lists (kind and risk). "Check my sorting"
    calls :func:`sort_projects` and shows its report below, in words.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> widget = project_sorter()
    >>> "labkit-widget-project-sorter" in widget._dom_classes
    True
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_staged, mark_widget

    rows = []
    controls: dict[str, tuple[Any, Any]] = {}
    for project in PROJECTS:
        kind = mark_staged(
            w.Dropdown(
                options=[("Choose a kind", None)] + [(k, k) for k in KINDS],
                value=None,
                description=f"Kind, {project.id}",
                style={"description_width": "5.5rem"},
                layout=w.Layout(width="20rem"),
            )
        )
        risk = mark_staged(
            w.Dropdown(
                options=[("Choose a risk", None)] + [(r, r) for r in RISKS],
                value=None,
                description=f"Risk, {project.id}",
                style={"description_width": "5.5rem"},
                layout=w.Layout(width="14rem"),
            )
        )
        controls[project.id] = (kind, risk)
        label = w.HTML(f"<strong>{project.id}.</strong> {project.description}", layout=w.Layout(width="auto"))
        rows.append(w.VBox([label, w.HBox([kind, risk])], layout=w.Layout(margin="0 0 0.6rem 0")))
    button = w.Button(
        description="Check my sorting", button_style="", tooltip="Compare with the course's sorting"
    )
    output = mark_output(w.Output())

    def on_check(_: Any) -> None:
        report = sort_projects({pid: (k.value, r.value) for pid, (k, r) in controls.items()})
        output.outputs = ()
        output.append_display_data(report)

    button.on_click(on_check)
    intro = w.HTML(
        "<p>For each project choose its kind and its risk to residents, then press "
        "<strong>Check my sorting</strong>. You can change your choices and check again.</p>"
    )
    return mark_widget(w.VBox([intro, *rows, button, output]), "project_sorter")
