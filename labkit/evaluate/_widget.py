"""The threshold explorer: a thin widget over ThresholdCurve and choose_threshold.

With no data it loads its own: the synthetic Northbrook housing repairs and the logistic regression of
lesson 04, so a learner who never runs a code cell can still use it.
"""

from __future__ import annotations

import html
import math
from typing import Any

from labkit._text import count, pct
from labkit.evaluate._evaluation import EvaluationReport, confusion_words
from labkit.evaluate._metrics import Counts, ThresholdCurve
from labkit.evaluate._threshold import CostModel, _curve_from, amount, choose_threshold, money, share
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
    cost_action: float = 0.0,
    cost_harm: float = 0.0,
    prevented: float = 0.5,
    capacity: int | None = None,
) -> tuple[Counts, str, str]:
    """What the explorer shows at one threshold: the counts, plain text and HTML.

    All of the explorer's logic is here, so it is tested without a browser. One
    call is a binary search in the sorted scores: fast at a million rows. Costs
    follow :func:`choose_threshold`: acting is paid for on every flagged case, and
    prevents the stated share of harms in flagged cases.
    """
    c = curve.counts(threshold)
    shown = _threshold_text(threshold)
    lines = [f"Threshold {shown}: {confusion_words(c, words)}"]
    lines.append(f"False alarms (flagged, outcome did not happen): {count(c.fp)}.")
    costs = CostModel.make(cost_action, cost_harm, prevented) if cost_action or cost_harm else None
    if costs is not None:
        total = costs.counts_cost(c)
        nobody = costs.total(0, 0, c.positives)
        everyone = costs.total(c.positives, c.total, c.positives)
        lines.append(
            f"Expected total cost: {money(total)} ({count(c.flagged)} acted on × {money(cost_action)} + "
            f"{amount(costs.harms(c))} harms not prevented × {money(cost_harm)}, if acting prevents "
            f"{share(prevented)} of harms)."
        )
        lines.append(
            f"Acting on no {words.plural_form}: {money(nobody)}; acting on every {words.singular}: "
            f"{money(everyone)}. Saving against acting on no {words.plural_form}: {money(nobody - total)}."
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


def lesson_scores() -> tuple[Any, Any]:
    """The true outcomes and scores of lesson 04's test year, for an explorer started without data.

    The synthetic Northbrook housing repairs, split by financial year, and the lesson's logistic
    regression (numbers scaled, categories one-hot encoded) trained on the earlier years and scored
    on the latest. Deterministic: the same scores as the lesson's ``honest`` model.
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from labkit import data
    from labkit.evaluate._splits import temporal_split

    numeric = ["no_access_visits", "imd_decile", "target_working_days"]
    categories = ["priority", "trade", "channel", "hazard_flag"]
    repairs = data.load("housing_repairs", clean=True)
    train, test = temporal_split(repairs, "financial_year")
    prepare = ColumnTransformer(
        [
            ("numbers", StandardScaler(), numeric),
            ("categories", OneHotEncoder(handle_unknown="ignore"), categories),
        ]
    )
    model = make_pipeline(prepare, LogisticRegression(max_iter=1000))
    model.fit(train[numeric + categories], train["target_missed"])
    return test["target_missed"].to_numpy(), model.predict_proba(test[numeric + categories])[:, 1]


def threshold_explorer(
    y_true: Any = None,
    y_score: Any = None,
    *,
    report: EvaluationReport | None = None,
    threshold: float = 0.5,
    cost_action: float = 0.0,
    cost_harm: float = 0.0,
    prevented: float = 0.5,
    capacity: int | None = None,
    pos_label: Any = None,
    noun: str | tuple[str, str] | None = None,
    outcome: str | None = None,
) -> Any:
    """A widget: move the threshold, or set costs and capacity, and see who is flagged.

    Every update calls :func:`threshold_view` (and the button calls
    :func:`choose_threshold`), the same functions a coder would use. Called with
    no data, it loads lesson 04's synthetic repairs and model scores itself
    (:func:`lesson_scores`), so it works in a fresh kernel.

    Parameters
    ----------
    y_true, y_score : array-like, optional
        True outcomes and predicted probabilities (or pass ``report``, or neither
        for lesson 04's repairs).
    report : EvaluationReport, optional
        From :func:`evaluate`; its sorted scores are reused.
    threshold : float, default 0.5
    cost_action : float, default 0
        Cost of acting on one flagged case, true or false, in pounds.
    cost_harm : float, default 0
        Cost of one case with the outcome that is not prevented, in pounds.
    prevented : float, default 0.5
        Share of harms in flagged cases that acting prevents (an assumption; the
        widget has a slider for it).
    capacity : int, optional
        How many cases can be acted on in these data.
    pos_label, noun, outcome
        As in :func:`evaluate` (default "case" and "had the outcome"; "repair" and
        "missed the target" for lesson 04's repairs).

    Returns
    -------
    ipywidgets.VBox
        With attributes ``slider``, ``cost_action``, ``cost_harm``, ``prevented``,
        ``capacity``, ``use_capacity``, ``button`` and ``output`` (an HTML widget).

    Examples
    --------
    >>> from labkit.evaluate import threshold_explorer
    >>> box = threshold_explorer(cost_action=40, cost_harm=300, prevented=0.5, capacity=1300)
    >>> box.slider.value = 0.3
    >>> "Confusion matrix at threshold 0.30" in box.output.value
    True
    """
    import ipywidgets as widgets

    from labkit._widgets import mark_output, mark_widget
    from labkit.evaluate import _validate as v

    if y_true is None and y_score is None and report is None:
        y_true, y_score = lesson_scores()
        noun = "repair" if noun is None else noun
        outcome = "missed the target" if outcome is None else outcome
    noun = "case" if noun is None else noun
    outcome = "had the outcome" if outcome is None else outcome
    curve, words = _curve_from(y_true, y_score, report, pos_label, noun, outcome)
    t0 = v.threshold_value(threshold)
    a0 = v.non_negative(cost_action, "cost_action", allow_none=False)
    h0 = v.non_negative(cost_harm, "cost_harm", allow_none=False)
    p0 = v.threshold_value(prevented, "prevented")
    cap0 = v.non_negative(capacity, "capacity", whole=True)

    slider, action_box, harm_box, prevented_slider, use_cap, cap_box, button = _controls(
        widgets, curve, words, t0, a0, h0, p0, cap0
    )
    message = widgets.HTML(value="")
    output = mark_output(widgets.HTML(value=""))

    def refresh(*_change: Any) -> None:
        cap = cap_box.value if use_cap.value else None
        _, _, page = threshold_view(
            curve,
            slider.value,
            words,
            cost_action=action_box.value,
            cost_harm=harm_box.value,
            prevented=prevented_slider.value / 100,
            capacity=cap,
        )
        output.value = page

    def choose(*_: Any) -> None:
        cap = cap_box.value if use_cap.value else None
        has_costs = action_box.value > 0 or harm_box.value > 0
        if not has_costs and cap is None:
            message.value = "<p>Set a cost or a capacity first.</p>"
            return
        choice = choose_threshold(
            report=report,
            y_true=None if report is not None else y_true,
            y_score=None if report is not None else y_score,
            cost_action=action_box.value if has_costs else None,
            cost_harm=harm_box.value if has_costs else None,
            prevented=prevented_slider.value / 100 if has_costs else None,
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
        paragraphs = choice.summary.split("\n\n")
        keep = [paragraphs[0] + note] + [p for p in paragraphs[1:] if p.startswith("How often")]
        message.value = "".join(f"<p>{html.escape(p)}</p>" for p in keep)
        refresh()

    def capacity_changed(*_: Any) -> None:
        # Typing a capacity means "use it": tick the box (which refreshes), or refresh if already ticked.
        if use_cap.value:
            refresh()
        else:
            use_cap.value = True

    for w in (slider, action_box, harm_box, prevented_slider, use_cap):
        w.observe(refresh, names="value")
    cap_box.observe(capacity_changed, names="value")
    button.on_click(choose)
    refresh()
    box = widgets.VBox(
        [
            slider,
            widgets.HBox([action_box, harm_box], layout=widgets.Layout(flex_flow="row wrap")),
            prevented_slider,
            widgets.HBox([use_cap, cap_box], layout=widgets.Layout(flex_flow="row wrap")),
            button,
            message,
            output,
        ]
    )
    box.slider, box.cost_action, box.cost_harm, box.prevented = slider, action_box, harm_box, prevented_slider
    box.capacity, box.use_capacity = cap_box, use_cap
    box.button, box.output, box.message, box.choose = button, output, message, choose
    return mark_widget(box, "threshold_explorer")


def _controls(
    widgets: Any,
    curve: ThresholdCurve,
    words: Words,
    t0: float,
    a0: float,
    h0: float,
    p0: float,
    cap0: int | None,
) -> tuple[Any, ...]:
    """The explorer's labelled controls, set to their starting values (no callbacks)."""
    style = {"description_width": "initial"}
    # No max_width here: the shared widget CSS caps it at the space less the margins (an inline
    # max-width of 100% would win over that and run 4 px off a narrow screen).
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
        description=f"Threshold (flag {words.plural_form} scoring at least this)",
        style=style,
        layout=layout,
    )
    action_box = widgets.BoundedFloatText(
        value=a0,
        min=0,
        max=1e9,
        step=10,
        description=f"Cost of acting on one flagged {words.singular} (£)",
        style=style,
    )
    harm_box = widgets.BoundedFloatText(
        value=h0,
        min=0,
        max=1e9,
        step=10,
        description=f"Cost of each {words.singular} that {words.outcome}, if not prevented (£)",
        style=style,
    )
    prevented_slider = widgets.IntSlider(
        value=round(100 * p0),
        min=0,
        max=100,
        step=5,
        description="Share of those harms that acting prevents (%)",
        style=style,
        layout=layout,
    )
    use_cap = widgets.Checkbox(value=cap0 is not None, description="Limit to a capacity", indent=False)
    cap_box = widgets.BoundedIntText(
        value=cap0 if cap0 is not None else max(1, curve.n // 10),
        min=0,
        max=curve.n,
        description=f"Capacity ({words.plural_form})",
        style=style,
    )
    button = widgets.Button(
        description="Choose the best threshold",
        tooltip="Find the threshold with the lowest expected total cost within the capacity",
        button_style="primary",
        layout=widgets.Layout(width="auto"),
    )
    return slider, action_box, harm_box, prevented_slider, use_cap, cap_box, button
