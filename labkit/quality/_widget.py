"""The quality explorer: pick a dataset, a dimension and a column; see the findings and example rows.

The widget only displays: every number comes from :func:`labkit.quality.audit`
through :func:`explorer_view`, which is tested without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._text import listing, plural
from labkit.quality._checks import DIMENSIONS

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets
    import pandas as pd

    from labkit.quality._audit import QualityReport

__all__ = ["ExplorerView", "explorer_view", "quality_explorer"]

ALL_DIMENSIONS = "All dimensions"
ALL_COLUMNS = "All columns"


@dataclass
class ExplorerView:
    """What the explorer shows for one choice: a sentence, the findings and example rows."""

    text: str
    findings: pd.DataFrame
    examples: pd.DataFrame


def explorer_view(
    report: QualityReport, dimension: str | None = None, column: str | None = None, n_examples: int = 5
) -> ExplorerView:
    """The findings of ``report`` for one dimension and one column, with example rows.

    ``None`` (or "All dimensions" / "All columns") means no filter.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import audit
    >>> from labkit.quality._widget import explorer_view
    >>> df = pd.DataFrame({"priority": ["Urgent", "Soon", None]})
    >>> report = audit(df, {"columns": {"priority": {"required": True,
    ...                                              "allowed": ["Emergency", "Urgent", "Routine"]}}})
    >>> print(explorer_view(report, "Completeness").text)  # doctest: +ELLIPSIS
    Completeness (the records and values that should be there are there), all columns: 1 problem. ...
    """
    import pandas as pd

    dimension = None if dimension in (None, ALL_DIMENSIONS) else dimension
    column = None if column in (None, ALL_COLUMNS) else column
    if dimension is not None and dimension not in DIMENSIONS:
        raise LabkitError(
            f"{dimension!r} is not a Data Quality Framework dimension.",
            where="parameter dimension",
            fix=f"Use one of: {listing(list(DIMENSIONS))}.",
        )
    found = report.findings
    if dimension is not None:
        found = found[found["dimension"] == dimension]
    if column is not None:
        found = found[found["column"] == column]
    found = found.reset_index(drop=True)
    scope = f"{dimension} ({DIMENSIONS[dimension]})" if dimension else "All dimensions"
    scope += f", column {column}" if column else ", all columns"
    if found.empty:
        text = f"{scope}: no problems found."
        if dimension and report.dimensions.set_index("dimension").loc[dimension, "checks"] == 0:
            text += " The data standard has no checks in this dimension, so it was not measured."
        return ExplorerView(text, found, pd.DataFrame())
    text = f"{scope}: {plural(len(found), 'problem')}. " + " ".join(
        f if f.endswith(".") else f + "." for f in found["finding"]
    )
    rows = report.rows(dimension=dimension, column=column)
    return ExplorerView(text, found, rows.head(n_examples))


def view_html(report: QualityReport, view: ExplorerView) -> str:
    """The explorer's result area as HTML: the summary, the sentence, findings and example rows.

    Tables are the report pattern's accessible tables (a caption, header scopes), and long text wraps
    inside the widget rather than running off the page.
    """
    import html

    from labkit._report import Table
    from labkit._widgets import scroll_box

    parts = [f"<p><strong>{html.escape(report.summary)}</strong></p>", f"<p>{html.escape(view.text)}</p>"]
    if not view.findings.empty:
        table = view.findings[["finding", "dimension", "severity", "fix"]]
        parts.append(scroll_box(Table("Problems found", table).to_html(), "Problems found"))
    if not view.examples.empty:
        import pandas as pd

        place = report.locate(report._data.index.get_indexer(view.examples.index).tolist())
        rest = view.examples.drop(columns=[c for c in place.columns if c in view.examples.columns])
        examples = pd.concat([place, rest.reset_index(drop=True)], axis=1)
        caption = "Example rows, each named by its key (and its line in the file when known)"
        label = "Example rows, scroll sideways to see every column"
        parts.append(scroll_box(Table(caption, examples).to_html(), label))
    return f'<div style="white-space:normal;overflow-wrap:break-word;max-width:100%">{"".join(parts)}</div>'


def quality_explorer(
    data: pd.DataFrame | None = None, standard: Any = None, *, datasets: list[str] | None = None
) -> ipywidgets.VBox:
    """A widget to explore a data-quality audit without writing code.

    Parameters
    ----------
    data : DataFrame, optional
        Your own table. Without it, the explorer offers the sandbox datasets,
        each as received (with defects) and clean.
    standard : optional
        The data standard for ``data`` (see :func:`labkit.quality.read_standard`).
    datasets : list of str, optional
        The sandbox datasets to offer (default: every one with a data standard).

    Returns
    -------
    ipywidgets.VBox
        Drop-down lists for the dataset, the dimension and the column, and an
        area (an ``HTML`` widget) showing the findings and example rows in words
        and tables.
    """
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_widget
    from labkit.quality._audit import audit
    from labkit.quality._sandbox import standard_names
    from labkit.quality._standard import sandbox_standard

    sources: dict[str, tuple[Any, Any]] = {}
    if data is not None:
        from labkit.quality._validate import require_frame

        require_frame(data, "data")
        sources["Your table"] = (lambda: data, standard)
    else:
        from labkit import data as sandbox

        ready = set(standard_names())
        for name in datasets or [n for n in sandbox.list_datasets() if n in ready]:
            label = sandbox_standard(name).name
            sources[f"{label}: as received"] = (lambda n=name: sandbox.load(n), f"sandbox:{name}")
            sources[f"{label}: clean"] = (lambda n=name: sandbox.load(n, clean=True), f"sandbox:{name}")
    reports: dict[str, QualityReport] = {}

    def report_for(label: str) -> QualityReport:
        if label not in reports:
            load, std = sources[label]
            std = (
                sandbox_standard(std.split(":", 1)[1])
                if isinstance(std, str) and std.startswith("sandbox:")
                else std
            )
            reports[label] = audit(load(), std)
        return reports[label]

    style = {"description_width": "initial"}
    dataset = w.Dropdown(options=list(sources), description="Dataset", style=style)
    dimension = w.Dropdown(options=[ALL_DIMENSIONS, *DIMENSIONS], description="Dimension", style=style)
    column = w.Dropdown(options=[ALL_COLUMNS], description="Column", style=style)
    result = mark_output(w.HTML())

    def columns_for(report: QualityReport) -> list[str]:
        return [ALL_COLUMNS, *report.standard.column_names]

    def show(*_: Any) -> None:
        report = report_for(dataset.value)
        result.value = view_html(report, explorer_view(report, dimension.value, column.value))

    def dataset_changed(change: dict[str, Any]) -> None:
        report = report_for(change["new"])
        options = columns_for(report)
        if column.options != tuple(options):
            column.unobserve(show, names="value")
            column.options = options
            column.value = ALL_COLUMNS
            column.observe(show, names="value")
        show()

    column.options = columns_for(report_for(dataset.value))
    dataset.observe(dataset_changed, names="value")
    dimension.observe(show, names="value")
    column.observe(show, names="value")
    show()
    root = w.VBox(
        [
            w.HTML("<p>Choose a dataset, a dimension and a column to see what the audit found.</p>"),
            w.HBox([dataset, dimension, column]),
            result,
        ]
    )
    return mark_widget(root, "quality_explorer")
