"""The standard builder: write a data standard by choosing settings, without code, and check data with it.

The widget only collects choices. :func:`standard_from_choices` turns them into a
:class:`~labkit.quality.DataStandard` (through the same reader a YAML file goes
through), and :func:`labkit.quality.audit` checks the data, so everything the
widget shows is tested without a browser.
"""

from __future__ import annotations

from typing import Any

from labkit._errors import LabkitError
from labkit.quality._standard import TYPES, DataStandard

__all__ = ["standard_builder", "standard_from_choices"]

#: The type choices offered, in words, and the standard's name for each.
TYPE_CHOICES = [("not stated", ""), *[(words, name) for name, words in TYPES.items()]]
#: The named formats offered, in words.
FORMAT_CHOICES = [
    ("none", ""),
    ("a UK postcode", "uk_postcode"),
    ("a UPRN (up to 12 digits)", "uprn"),
    ("a GSS area code", "gss_code"),
    ("an LSOA code (E01 and 6 digits)", "lsoa_code"),
]


def standard_from_choices(
    columns: dict[str, dict[str, Any]], *, name: str = "My data standard", entity: str = "row"
) -> DataStandard:
    """A data standard from plain choices for each column.

    Parameters
    ----------
    columns : dict
        For each column, any of: ``type`` (``"string"``, ``"integer"``, ``"number"``,
        ``"boolean"``, ``"date"``, ``"datetime"``), ``required`` and ``unique`` (True or
        False), ``allowed`` (a list, or text with values separated by commas) and
        ``format`` (``"uk_postcode"``, ``"uprn"``, ``"gss_code"``, ``"lsoa_code"``).
        Empty choices are left out.
    name, entity : str
        The standard's title, and what one row is ("repair").

    Returns
    -------
    DataStandard

    Examples
    --------
    >>> std = standard_from_choices(
    ...     {"priority": {"required": True, "allowed": "Emergency, Urgent, Routine"}}, entity="repair"
    ... )
    >>> print(std.to_yaml().splitlines()[3:6])
    ['  priority:', '    required: true', '    allowed:']
    """
    if not isinstance(columns, dict) or not columns:
        raise LabkitError(
            "The standard has no columns yet.",
            where="parameter columns",
            fix="Choose a column and its settings, then add it to the standard.",
        )
    spec: dict[str, Any] = {"name": name, "entity": entity, "columns": {}}
    for column, choices in columns.items():
        settings: dict[str, Any] = {}
        for key in ("type", "format"):
            if choices.get(key):
                settings[key] = choices[key]
        for key in ("required", "unique"):
            if choices.get(key):
                settings[key] = True
        allowed = choices.get("allowed")
        if isinstance(allowed, str):
            allowed = [v.strip() for v in allowed.split(",") if v.strip()]
        if allowed:
            settings["allowed"] = list(allowed)
        spec["columns"][str(column)] = settings
    return DataStandard.from_dict(spec, source="the standard builder")


def standard_builder(datasets: list[str] | None = None) -> Any:
    """A widget to write a data standard without code, and check a sandbox dataset against it.

    Choose a dataset and a column, say what the column must hold (its type,
    whether it is required or unique, the allowed values, a format) and add it.
    The standard so far is shown as YAML, the plain-text format a computer can
    check (select it and copy it into a file to keep it); "Check the data"
    audits the dataset against it with :func:`labkit.quality.audit`.

    Parameters
    ----------
    datasets : list of str, optional
        The sandbox datasets to offer (default: every one).

    Returns
    -------
    ipywidgets.VBox
        With attributes ``dataset``, ``column``, ``type``, ``required``, ``unique``,
        ``allowed``, ``format``, ``add``, ``check``, ``restart``, ``yaml`` and ``output``.

    Examples
    --------
    >>> box = standard_builder(["housing_repairs"])
    >>> box.column.value = "priority"
    >>> box.required.value = True
    >>> box.add.click()
    >>> "priority" in box.yaml.value
    True
    """
    import html

    from labkit import data as sandbox
    from labkit.quality._audit import audit
    from labkit.quality._standard import sandbox_standard

    names = datasets or list(sandbox.list_datasets())
    frames: dict[str, Any] = {}

    def table(name: str) -> Any:
        if name not in frames:
            frames[name] = sandbox.load(name)
        return frames[name]

    box = _layout(names, list(table(names[0]).columns))
    dataset, column, yaml_box, output = box.dataset, box.column, box.yaml, box.output
    chosen: dict[str, dict[str, Any]] = {}

    def current() -> DataStandard:
        entity = sandbox_standard(dataset.value).entity  # what one row is: "repair", "case"
        return standard_from_choices(chosen, name=f"My standard for {dataset.value}", entity=entity)

    def say(text: str) -> None:
        output.value = f"<p>{html.escape(text)}</p>"

    def on_dataset(_change: Any = None) -> None:
        column.options = list(table(dataset.value).columns)
        chosen.clear()
        yaml_box.value = ""
        say(f"Now describing {dataset.value}. Choose a column and say what it must hold.")

    def on_add(_button: Any = None) -> None:
        choice = {
            "type": box.type.value,
            "required": box.required.value,
            "unique": box.unique.value,
            "allowed": box.allowed.value,
            "format": box.format.value,
        }
        previous = chosen.get(column.value)
        chosen[column.value] = choice
        try:
            yaml_box.value = f"<pre>{html.escape(current().to_yaml())}</pre>"
        except LabkitError as exc:
            if previous is None:
                chosen.pop(column.value)
            else:
                chosen[column.value] = previous
            say(f"That setting cannot be used: {exc}")
            return
        say(f"Added {column.value}. Add another column, or check the data against your standard.")

    def on_check(_button: Any = None) -> None:
        if not chosen:
            say("Add at least one column to your standard first.")
            return
        report = audit(table(dataset.value), current())
        rows = "".join(
            f"<li>{html.escape(str(f))} ({html.escape(str(d))})</li>"
            for f, d in zip(report.findings["finding"], report.findings["dimension"], strict=True)
        )
        output.value = f"<p>{html.escape(report.summary.split(chr(10))[0])}</p>" + (
            f"<ul>{rows}</ul>" if rows else "<p>No problems found against your standard.</p>"
        )

    def on_restart(_button: Any = None) -> None:
        chosen.clear()
        yaml_box.value = ""
        say("Your standard is empty again.")

    dataset.observe(on_dataset, names="value")
    box.add.on_click(on_add)
    box.check.on_click(on_check)
    box.restart.on_click(on_restart)
    return box


def _layout(names: list[str], columns: list[str]) -> Any:
    """The builder's controls, labelled and marked with labkit's widget classes (no callbacks)."""
    import ipywidgets as w

    from labkit._widgets import mark_output, mark_staged, mark_widget

    style = {"description_width": "12rem"}
    wide = w.Layout(width="36rem", max_width="100%")
    auto = w.Layout(width="auto")
    dataset = w.Dropdown(options=names, value=names[0], description="Dataset (as received)", style=style)
    column = w.Dropdown(options=columns, description="Column", style=style)
    kind = w.Dropdown(options=TYPE_CHOICES, value="", description="It holds", style=style)
    required = w.Checkbox(description="It must always have a value", indent=False)
    unique = w.Checkbox(description="No two rows may share a value", indent=False)
    allowed = w.Text(
        description="Allowed values",
        placeholder="values separated by commas, e.g. Emergency, Urgent, Routine",
        style=style,
        layout=wide,
    )
    fmt = w.Dropdown(options=FORMAT_CHOICES, value="", description="Format", style=style)
    add = w.Button(description="Add this column to my standard", button_style="primary", layout=auto)
    check = w.Button(description="Check the data against my standard", layout=auto)
    restart = w.Button(description="Start again", layout=auto)
    yaml_box = w.HTML(value="", description="My standard (YAML)", style=style)
    output = mark_output(w.HTML(value=""))
    for staged in (column, kind, required, unique, allowed, fmt):
        mark_staged(staged)  # takes effect when "Add this column" is pressed
    buttons = w.HBox([add, check, restart], layout=w.Layout(flex_flow="row wrap"))
    box = w.VBox([dataset, column, kind, required, unique, allowed, fmt, buttons, yaml_box, output])
    mark_widget(box, "standard_builder")  # labkit's classes, wrapping CSS and keyboard guard
    box.dataset, box.column, box.type, box.required, box.unique = dataset, column, kind, required, unique
    box.allowed, box.format, box.add, box.check = allowed, fmt, add, check
    box.restart, box.yaml, box.output = restart, yaml_box, output
    return box
