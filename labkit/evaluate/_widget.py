"""The threshold explorer: a thin widget over ThresholdCurve and choose_threshold."""

from __future__ import annotations

import html
import math
from typing import Any

from labkit._text import count, pct
from labkit.evaluate._evaluation import EvaluationReport, confusion_words
from labkit.evaluate._metrics import Counts, ThresholdCurve
from labkit.evaluate._threshold import _curve_from, choose_threshold, money
from labkit.evaluate._words import Words


def _threshold_text(threshold: float) -> str:
    """Two decimals when that is exact (0.30), three otherwise (0.467), so the text matches the slider."""
    return f"{threshold:.2f}" if abs(threshold * 100 - round(threshold * 100)) < 1e-9 else f"{threshold:.3f}"


def slider_value_for(curve: ThresholdCurve, threshold: float, step: float) -> float:
    """The value on the slider's scale that flags the same cases as ``threshold``, if there is one.

    A browser slider rounds its value to its step, which could silently flag a different set of cases
    from the threshold :func:`choose_threshold` picked. This returns the lowest step value that flags
    exactly the same cases; where none does, the nearest step above (which flags fewer cases, so it never
    goes over a capacity).
    """
    steps = round(1 / step)
    target = curve.counts(threshold).flagged
    low = math.floor(threshold * steps + 1e-9) / steps
    high = min(1.0, math.ceil(threshold * steps - 1e-9) / steps)
    for candidate in (low, high):
        if curve.counts(candidate).flagged == target:
            return candidate
    return high


def threshold_view(
    curve: ThresholdCurve,
    threshold: float,
    words: Words,
    *,
    cost_fp: float = 0.0,
    cost_fn: float = 0.0,
    capacity: int | None = None,
) -> tuple[Counts, str, str]:
    """What the explorer shows at one threshold: the counts, plain text and HTML.

    All of the explorer's logic is here, so it is tested without a browser. One
    call is a binary search in the sorted scores: fast at a million rows.
    """
    c = curve.counts(threshold)
    shown = _threshold_text(threshold)
    lines = [f"Threshold {shown}: {confusion_words(c, words)}"]
    lines.append(f"False alarms (flagged, outcome did not happen): {count(c.fp)}.")
    if cost_fp or cost_fn:
        lines.append(
            f"Expected cost of errors: {money(c.cost(cost_fp, cost_fn))} "
            f"({count(c.fp)} × {money(cost_fp)} + {count(c.fn)} × {money(cost_fn)})."
        )
    if capacity is not None:
        if c.flagged > capacity:
            lines.append(
                f"Over capacity: {words.n(c.flagged)} flagged but only {count(capacity)} can be handled "
                f"({count(c.flagged - capacity)} too many)."
            )
        else:
            lines.append(f"Within capacity: {count(c.flagged)} of {count(capacity)} places used.")
    text = "\n".join(lines)
    rows = [
        ("", f"{words.outcome[:1].upper()}{words.outcome[1:]}", "Did not", "Total"),
        ("Flagged", count(c.tp), count(c.fp), count(c.flagged)),
        ("Not flagged", count(c.fn), count(c.tn), count(c.fn + c.tn)),
    ]
    head = "".join(f'<th scope="col">{html.escape(x)}</th>' for x in rows[0])
    body = "".join(
        f'<tr><th scope="row">{html.escape(r[0])}</th>'
        + "".join(f"<td>{html.escape(x)}</td>" for x in r[1:])
        + "</tr>"
        for r in rows[1:]
    )
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        '<div class="labkit-threshold" role="status" aria-live="polite">'
        f"<table><caption>Confusion matrix at threshold {shown}</caption>"
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{paras}"
        f"<p>Precision {pct(c.precision)}; recall {pct(c.recall)}.</p></div>"
    )
    return c, text, page


def threshold_explorer(
    y_true: Any = None,
    y_score: Any = None,
    *,
    report: EvaluationReport | None = None,
    threshold: float = 0.5,
    cost_fp: float = 0.0,
    cost_fn: float = 0.0,
    capacity: int | None = None,
    pos_label: Any = None,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
) -> Any:
    """A widget: move the threshold, or set costs and capacity, and see who is flagged.

    Every update calls :func:`threshold_view` (and the button calls
    :func:`choose_threshold`), the same functions a coder would use.

    Parameters
    ----------
    y_true, y_score : array-like, optional
        True outcomes and predicted probabilities (or pass ``report``).
    report : EvaluationReport, optional
        From :func:`evaluate`; its sorted scores are reused.
    threshold : float, default 0.5
    cost_fp, cost_fn : float, default 0
        Cost of a false alarm and of a missed case, in pounds.
    capacity : int, optional
        How many cases can be acted on in these data.
    pos_label, noun, outcome
        As in :func:`evaluate`.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider``, ``cost_fp``, ``cost_fn``, ``capacity``,
        ``use_capacity``, ``button`` and ``output`` (an HTML widget).

    Examples
    --------
    >>> from labkit import data
    >>> from labkit.evaluate import evaluate, temporal_split
    >>> from sklearn.linear_model import LogisticRegression
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> train, test = temporal_split(repairs, "financial_year")
    >>> cols = ["no_access_visits", "imd_decile", "target_working_days"]
    >>> model = LogisticRegression().fit(train[cols], train["target_missed"])
    >>> from labkit.evaluate import threshold_explorer
    >>> report = evaluate(model, test[cols], test["target_missed"], plot=False)
    >>> box = threshold_explorer(report=report, cost_fp=40, cost_fn=300, capacity=1040)
    >>> box.slider.value = 0.3
    >>> "Confusion matrix at threshold 0.30" in box.output.value
    True
    """
    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_widget
    from labkit.evaluate import _validate as v

    curve, words = _curve_from(y_true, y_score, report, pos_label, noun, outcome)
    t0 = v.threshold_value(threshold)
    fp0 = v.non_negative(cost_fp, "cost_fp", allow_none=False)
    fn0 = v.non_negative(cost_fn, "cost_fn", allow_none=False)
    cap0 = v.non_negative(capacity, "capacity", whole=True)

    style = {"description_width": "initial"}
    layout = widgets.Layout(width="32rem")
    slider = widgets.FloatSlider(
        value=t0,
        min=0.0,
        max=1.0,
        # Fine steps, so the threshold chosen from costs or capacity (for example 0.467) is exactly
        # the one shown: rounding it to 0.47 could flag a different set of cases.
        step=0.001,
        readout_format=".3f",
        continuous_update=True,
        description="Threshold (flag cases scoring at least this)",
        style=style,
        layout=layout,
    )
    fp_box = widgets.BoundedFloatText(
        value=fp0, min=0, max=1e9, step=10, description="Cost of a false alarm (£)", style=style
    )
    fn_box = widgets.BoundedFloatText(
        value=fn0, min=0, max=1e9, step=10, description="Cost of a missed case (£)", style=style
    )
    use_cap = widgets.Checkbox(value=cap0 is not None, description="Limit to a capacity", indent=False)
    cap_box = widgets.BoundedIntText(
        value=cap0 if cap0 is not None else max(1, curve.n // 10),
        min=0,
        max=curve.n,
        description="Capacity (cases)",
        style=style,
    )
    button = widgets.Button(
        description="Choose the best threshold", tooltip="Uses choose_threshold()", button_style="primary"
    )
    message = widgets.HTML(value="")
    output = mark_output(widgets.HTML(value=""))

    def refresh(*_: Any) -> None:
        cap = cap_box.value if use_cap.value else None
        _, _, page = threshold_view(
            curve, slider.value, words, cost_fp=fp_box.value, cost_fn=fn_box.value, capacity=cap
        )
        output.value = page

    def choose(*_: Any) -> None:
        cap = cap_box.value if use_cap.value else None
        has_costs = fp_box.value > 0 or fn_box.value > 0
        if not has_costs and cap is None:
            message.value = "<p>Set a cost or a capacity first.</p>"
            return
        choice = choose_threshold(
            report=report if report is not None else None,
            y_true=None if report is not None else y_true,
            y_score=None if report is not None else y_score,
            cost_fp=fp_box.value if has_costs else None,
            cost_fn=fn_box.value if has_costs else None,
            capacity=cap,
            pos_label=pos_label,
            noun=noun,
            outcome=outcome,
            plot=False,
        )
        best = 1.0 if math.isinf(choice.threshold) else float(choice.threshold)
        shown = slider_value_for(curve, best, slider.step)
        slider.value = shown
        note = ""
        if curve.counts(shown).flagged != curve.counts(best).flagged:
            note = (
                f" The slider moves in steps of {slider.step:g}, so it shows {_threshold_text(shown)}, "
                f"the nearest step that flags no more {words.plural_form}; "
                f"the exact best threshold is {best:.4f}."
            )
        message.value = f"<p>{html.escape(choice.summary.split(chr(10))[0] + note)}</p>"
        refresh()

    def capacity_changed(*_: Any) -> None:
        # Typing a capacity means "use it": tick the box (which refreshes), or refresh if already ticked.
        if use_cap.value:
            refresh()
        else:
            use_cap.value = True

    for w in (slider, fp_box, fn_box, use_cap):
        w.observe(refresh, names="value")
    cap_box.observe(capacity_changed, names="value")
    button.on_click(choose)
    refresh()
    box = widgets.VBox(
        [slider, widgets.HBox([fp_box, fn_box]), widgets.HBox([use_cap, cap_box]), button, message, output]
    )
    box.slider, box.cost_fp, box.cost_fn, box.capacity, box.use_capacity = (
        slider,
        fp_box,
        fn_box,
        cap_box,
        use_cap,
    )
    box.button, box.output, box.message, box.choose = button, output, message, choose
    return mark_widget(box, "threshold_explorer")
