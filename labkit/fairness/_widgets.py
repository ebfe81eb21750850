"""Thin ipywidgets front ends: each calls a public labkit function and shows its result."""

from __future__ import annotations

from typing import Any

from labkit._style import TABLE_CSS
from labkit.fairness._explorer import ThresholdExplorer, lesson_data
from labkit.fairness._guide import recommend_measures

__all__ = ["fairness_explorer", "measure_wizard"]


def measure_wizard() -> Any:
    """A step-by-step form that recommends fairness measures for your decision.

    It asks the questions of :func:`~labkit.fairness.recommend_measures` and shows
    its advice, updating as you change an answer.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> w = measure_wizard()
    >>> w.children[0].description
    'Being picked out'
    """
    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_widget

    style = {"description_width": "initial"}
    layout = widgets.Layout(width="auto")
    kind = widgets.RadioButtons(
        options=[
            ("helps the resident (for example a priority repair)", "assistive"),
            ("burdens the resident (for example a fraud check)", "punitive"),
        ],
        value="assistive",
        description="Being picked out",
        style=style,
        layout=layout,
    )
    worse = widgets.RadioButtons(
        options=[
            ("missing someone who needed it", "missed"),
            ("picking out someone who did not", "wrongly_flagged"),
            ("both, about equally", "both"),
        ],
        value="missed",
        description="The worse mistake is",
        style=style,
        layout=layout,
    )
    scarce = widgets.Checkbox(
        value=False, description="There is a fixed amount to share out", style=style, indent=False
    )
    trusted = widgets.Checkbox(
        value=True,
        description="The recorded outcome is equally reliable for every group",
        style=style,
        indent=False,
    )
    shown = widgets.Checkbox(
        value=False, description="Staff will see the score itself", style=style, indent=False
    )
    advice = mark_output(widgets.HTML(description="Advice", style=style))

    def update(_change: Any = None) -> None:
        result = recommend_measures(
            kind=kind.value,
            worse_error=worse.value,
            scarce=scarce.value,
            label_trusted=trusted.value,
            scores_shown=shown.value,
        )
        advice.value = result.body_html()

    for w in (kind, worse, scarce, trusted, shown):
        w.observe(update, names="value")
    update()
    return mark_widget(widgets.VBox([kind, worse, scarce, trusted, shown, advice]), "measure_wizard")


def fairness_explorer(
    y_true: Any = None, y_score: Any = None, sensitive_feature: Any = None, *, threshold: float = 0.5
) -> Any:
    """Move thresholds and watch each group's outcomes change.

    One slider sets the threshold for everyone; the per-group sliders let you
    try a different threshold for each group (which in practice means treating
    people differently by a protected characteristic: see the lesson). The
    table and the sentence above it come from :class:`ThresholdExplorer`.

    Parameters
    ----------
    y_true, y_score, sensitive_feature
        As for :class:`ThresholdExplorer`. Give none of them to explore lesson 06's
        model on the synthetic repairs by tenants' ethnic group (loaded by
        :func:`lesson_data`), so it works in a fresh kernel.
    threshold : float, default 0.5
        The starting threshold.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> w = fairness_explorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    >>> w.children[0].description
    'Threshold for everyone'
    """
    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_widget

    if y_true is None and y_score is None and sensitive_feature is None:
        y_true, y_score, sensitive_feature = lesson_data()
    explorer = ThresholdExplorer(y_true, y_score, sensitive_feature)
    # Group names can be long ("Black, Black British, Black Welsh, Caribbean or African"): a fixed label
    # width and a wide slider keep every track usable and lined up.
    longest = max(len(f"Threshold for {g}") for g in explorer.groups)
    style = {"description_width": f"{min(max(longest, 22), 60) * 0.6:.1f}em"}
    slider_layout = {"width": f"{min(max(longest, 22), 60) * 0.6 + 20:.1f}em"}
    common = widgets.FloatSlider(
        value=threshold,
        min=0.0,
        max=1.0,
        step=0.01,
        description="Threshold for everyone",
        style=style,
        layout=widgets.Layout(**slider_layout),
        continuous_update=True,
    )
    per_group = [
        widgets.FloatSlider(
            value=threshold,
            min=0.0,
            max=1.0,
            step=0.01,
            description=f"Threshold for {g}",
            style=style,
            layout=widgets.Layout(**slider_layout),
            continuous_update=True,
        )
        for g in explorer.groups
    ]
    output = mark_output(widgets.HTML(description="Outcomes", style={"description_width": "initial"}))
    syncing = {"on": False}

    def render(_change: Any = None) -> None:
        if syncing["on"]:
            return
        output.value = f"<style>{TABLE_CSS}</style>" + explorer.to_html(
            {g: s.value for g, s in zip(explorer.groups, per_group, strict=True)}
        )

    def move_all(change: Any) -> None:
        syncing["on"] = True
        for s in per_group:
            s.value = change["new"]
        syncing["on"] = False
        render()

    common.observe(move_all, names="value")
    for s in per_group:
        s.observe(render, names="value")
    render()
    return mark_widget(widgets.VBox([common, *per_group, output]), "fairness_explorer")
