"""Choosing a threshold from the costs of errors and the capacity to act."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._text import count, pct
from labkit.evaluate import _validate as v
from labkit.evaluate._evaluation import OKABE_ITO, EvaluationReport, confusion_frame, confusion_words
from labkit.evaluate._metrics import Counts, ThresholdCurve
from labkit.evaluate._words import Words

_PLOT_POINTS = 400


def money(x: float) -> str:
    """``money(1234.5) -> '£1,235'``; costs are in pounds, rounded to the pound."""
    return f"£{x:,.0f}"


def _curve_from(
    y_true: Any, y_score: Any, report: EvaluationReport | None, pos_label: Any, noun: Any, outcome: str
) -> tuple[ThresholdCurve, Words]:
    if report is not None:
        if not isinstance(report, EvaluationReport):
            raise LabkitError(
                f"report must be an EvaluationReport from evaluate(), not {type(report).__name__}.",
                where="parameter report",
                fix="Pass report=evaluate(model, X_test, y_test), or pass y_true and y_score.",
            )
        if y_true is not None or y_score is not None:
            raise LabkitError(
                "Give either report or y_true and y_score, not both.",
                where="parameters report and y_score",
            )
        return report.curve, report.words
    if y_true is None or y_score is None:
        raise LabkitError(
            "labkit needs the true outcomes and the scores (or an evaluation report).",
            where="parameters y_true and y_score",
            fix="Pass y_true=y_test, y_score=model.predict_proba(X_test)[:, 1], or report=evaluate(...).",
        )
    labels = v.as_labels(y_true, "y_true", pos_label)
    scores = v.as_scores(y_score, "y_score")
    v.same_length(labels, scores, "y_true", "y_score")
    words = Words.make(noun, outcome)
    v.both_classes(labels, "y_true", words.singular)
    return ThresholdCurve(labels, scores), words


def _midpoint_thresholds(curve: ThresholdCurve) -> np.ndarray:
    """A threshold per candidate that sits halfway to the next lower score, so it flags the same cases."""
    raw, _, _ = curve.candidates()
    distinct = raw[1:]  # descending distinct scores
    lower = np.append(distinct[1:], 0.0)
    mids = (distinct + lower) / 2.0
    # Rounding can put the midpoint of two neighbouring floats on the lower one; keep the score then.
    mids = np.where((mids > lower) | (np.arange(mids.size) == mids.size - 1), mids, distinct)
    top = distinct[0]
    nobody = (top + 1.0) / 2.0 if top < 1.0 else math.inf
    return np.concatenate(([nobody], mids))


def best_option(
    curve: ThresholdCurve, cost_fp: float | None, cost_fn: float | None, capacity: int | None
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Index of the best candidate, and the candidates' thresholds, true positives, flagged and costs.

    Every threshold flags exactly the cases scoring at or above it, so the
    candidates (one per distinct score, plus "flag nobody") cover every possible
    threshold: the minimum over them is the minimum over all thresholds.
    """
    thresholds = _midpoint_thresholds(curve)
    _, tp, flagged = curve.candidates()
    fp = flagged - tp
    fn = curve.n_pos - tp
    feasible = np.ones(tp.size, dtype=bool) if capacity is None else flagged <= capacity
    if cost_fp is not None and cost_fn is not None:
        costs = cost_fp * fp + cost_fn * fn
        masked = np.where(feasible, costs, np.inf)
        best = int(np.argmin(masked))  # first minimum: the fewest cases flagged among equal costs
    else:
        costs = np.full(tp.size, np.nan)
        best = int(np.flatnonzero(feasible)[-1])  # most cases within capacity = most found
    return best, thresholds, tp, flagged, costs


class ThresholdChoice(Report):
    """The threshold that fits your costs and capacity, and what it means in people.

    Made by :func:`labkit.evaluate.choose_threshold`. ``threshold`` is the chosen
    value (flag a case when its score is at least this), ``counts`` its confusion
    matrix, ``expected_cost`` the cost of its errors and ``options`` a comparison
    with flagging nobody, flagging everyone and the default of 0.5.
    """

    kind = "ThresholdChoice"

    def __init__(self, **parts: Any) -> None:
        self.threshold: float = parts["threshold"]
        self.counts: Counts = parts["counts"]
        self.expected_cost: float = parts["expected_cost"]
        self.cost_fp: float | None = parts["cost_fp"]
        self.cost_fn: float | None = parts["cost_fn"]
        self.capacity: int | None = parts["capacity"]
        self.options: pd.DataFrame = parts["options"]
        self.cost_curve: pd.DataFrame = parts["cost_curve"]
        #: The cost (or cases found) chart, or None when ``plot=False``.
        self.figure = next((f for s in parts["sections"] for f in s.figures), None)
        super().__init__(parts["title"], parts["summary"], parts["sections"], frame=self.options)

    def _extra_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "threshold": self.threshold,
            "expected_cost": self.expected_cost,
            "cost_fp": self.cost_fp,
            "cost_fn": self.cost_fn,
            "capacity": self.capacity,
            "confusion": {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn},
            "options": self.options,
        }


def choose_threshold(
    y_true: Any = None,
    y_score: Any = None,
    *,
    report: EvaluationReport | None = None,
    cost_fp: float | None = None,
    cost_fn: float | None = None,
    capacity: int | None = None,
    pos_label: Any = None,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
    plot: bool = True,
) -> ThresholdChoice:
    """Choose the threshold that minimises the cost of errors, within your capacity.

    A *false positive* is a case flagged that did not have the outcome (a wasted
    visit); a *false negative* is a case with the outcome that was not flagged (a
    missed repair). Give what each costs, a capacity, or both:

    - costs only: the threshold with the lowest total cost
      ``cost_fp * false positives + cost_fn * false negatives``;
    - capacity only: flag as many as you can handle, the highest scores first;
    - both: the lowest cost among thresholds that flag no more than ``capacity``.

    The search covers every distinct score, so no other threshold has a lower
    cost on these data. Among equal costs the threshold flagging fewer cases wins.

    Parameters
    ----------
    y_true, y_score : array-like, optional
        True outcomes and predicted probabilities (or pass ``report``).
    report : EvaluationReport, optional
        The result of :func:`evaluate`, whose sorted scores are reused.
    cost_fp : float, optional
        Cost of one false alarm, in pounds or any unit (0 or more).
    cost_fn : float, optional
        Cost of one missed case, in the same unit (0 or more).
    capacity : int, optional
        The most cases you can act on in these data. For a test year and "200 homes
        a week", that is 200 times the number of weeks.
    pos_label, noun, outcome
        As in :func:`evaluate`.
    plot : bool, default True
        Draw the cost curve.

    Returns
    -------
    ThresholdChoice

    Examples
    --------
    >>> from labkit.evaluate import choose_threshold
    >>> choice = choose_threshold([1, 0, 1, 0, 1, 0], [0.9, 0.2, 0.7, 0.6, 0.4, 0.1],
    ...                           cost_fp=50, cost_fn=300, plot=False)
    >>> choice.counts.flagged, choice.expected_cost
    (4, 50.0)
    >>> choose_threshold([1, 0, 1, 0, 1, 0], [0.9, 0.2, 0.7, 0.6, 0.4, 0.1], capacity=2,
    ...                  plot=False).counts.tp
    2
    """
    cost_fp = v.non_negative(cost_fp, "cost_fp")
    cost_fn = v.non_negative(cost_fn, "cost_fn")
    capacity = v.non_negative(capacity, "capacity", whole=True)
    if (cost_fp is None) != (cost_fn is None):
        missing = "cost_fn" if cost_fn is None else "cost_fp"
        raise LabkitError(
            f"{missing} is missing: a threshold can only balance two costs when both are given.",
            where=f"parameter {missing}",
            fix="Give the cost of a false alarm (cost_fp) and of a missed case (cost_fn), e.g. "
            "cost_fp=50, cost_fn=300. Either can be 0.",
        )
    if cost_fp is None and capacity is None:
        raise LabkitError(
            "There is nothing to choose the threshold from.",
            where="parameters cost_fp, cost_fn and capacity",
            fix="Say what each kind of error costs (cost_fp=..., cost_fn=...), how many cases you can "
            "act on (capacity=...), or both.",
        )
    if cost_fp is not None and cost_fp == 0 and cost_fn == 0:
        raise LabkitError(
            "Both costs are 0, so every threshold costs the same.",
            where="parameters cost_fp and cost_fn",
            fix="Give at least one cost above 0.",
        )
    curve, w = _curve_from(y_true, y_score, report, pos_label, noun, outcome)

    best, thresholds, tp, flagged, costs = best_option(curve, cost_fp, cost_fn, capacity)
    threshold = float(thresholds[best])
    c = curve.counts(threshold)
    has_costs = cost_fp is not None
    expected = c.cost(cost_fp, cost_fn) if has_costs else float("nan")

    def option(label: str, counts: Counts) -> dict[str, Any]:
        return {
            "option": label,
            "threshold": counts.threshold,
            "flagged": counts.flagged,
            f"flagged and {w.outcome}": counts.tp,
            "false alarms": counts.fp,
            f"{w.outcome}, not flagged": counts.fn,
            "expected cost": counts.cost(cost_fp, cost_fn) if has_costs else float("nan"),
        }

    everyone = curve.counts(0.0)
    nobody = Counts(math.inf, 0, 0, curve.n_pos, curve.n_neg)
    options = pd.DataFrame(
        [
            option("Chosen threshold", c),
            option("Default threshold 0.5", curve.counts(0.5)),
            option(f"Flag no {w.plural_form}", nobody),
            option(f"Flag every {w.singular}", everyone),
        ]
    )

    shown = "flag nobody" if math.isinf(threshold) else f"{threshold:.3f}"
    reasons = []
    if has_costs:
        reasons.append(f"a false alarm costs {money(cost_fp)} and a missed {w.singular} {money(cost_fn)}")
    if capacity is not None:
        reasons.append(f"you can act on at most {w.n(capacity)}")
    lines = [
        f"Because {' and '.join(reasons)}, flag {w.plural_form} scoring at least {shown}"
        if c.flagged
        else f"Because {' and '.join(reasons)}, the best choice is to flag no {w.plural_form} (a threshold "
        f"of {shown}, above every score)"
        + (
            f": flagging any {w.singular} would cost more in false alarms than it saves in missed ones"
            if has_costs and capacity != 0
            else ""
        ),
    ]
    lines[0] += f". {confusion_words(c, w)}" if c.flagged else "."
    if has_costs:
        lines.append(
            f"Expected cost of errors: {money(expected)} ({count(c.fp)} false alarms × {money(cost_fp)} + "
            f"{count(c.fn)} missed × {money(cost_fn)}). Flagging nobody would cost "
            f"{money(nobody.cost(cost_fp, cost_fn))}; flagging every {w.singular} "
            f"{money(everyone.cost(cost_fp, cost_fn))}. No other threshold costs less on these data"
            + (" within the capacity." if capacity is not None else ".")
        )
        if capacity is not None:
            free = int(np.argmin(costs))
            if costs[free] < expected:
                lines[-1] += (
                    f" Without the capacity limit, flagging {w.n(int(flagged[free]))} would cost "
                    f"{money(float(costs[free]))} in errors; worth knowing when capacity is planned."
                )
    if capacity is not None:
        lines.append(
            f"The threshold flags {w.n(c.flagged)} against a capacity of {count(capacity)}"
            + (
                f"; {count(capacity - c.flagged)} places are left, because cases with equal scores cannot "
                "be split or because flagging more would cost more."
                if c.flagged < capacity
                else "."
            )
        )
    lines.append(
        "Costs and capacity are judgements for the service to agree and write down: who bears a missed "
        f"{w.singular}, and who bears a needless visit."
    )
    summary = "\n\n".join(lines)

    # The cost (or cases found) against the number flagged, thinned for plotting.
    keep = np.unique(np.linspace(0, tp.size - 1, min(tp.size, _PLOT_POINTS)).astype(int))
    keep = np.union1d(keep, [best])
    cost_curve = pd.DataFrame(
        {
            "threshold": thresholds[keep],
            "flagged": flagged[keep],
            "found": tp[keep],
            "expected cost": costs[keep],
        }
    )
    figures = [_cost_figure(cost_curve, c, capacity, has_costs, w, expected)] if plot else []
    sections = [
        Section(
            "What the chosen threshold means in people",
            confusion_words(c, w),
            tables=[Table(f"Confusion matrix at threshold {shown}", confusion_frame(c, w))],
        ),
        Section(
            "Compared with other choices",
            "The same data under four rules: the chosen threshold, the default of 0.5, flagging nobody "
            "and flagging everyone.",
            tables=[Table("Options compared", options)],
            figures=figures,
        ),
    ]
    return ThresholdChoice(
        title="Threshold chosen from costs and capacity",
        summary=summary,
        sections=sections,
        threshold=threshold,
        counts=c,
        expected_cost=expected,
        cost_fp=cost_fp,
        cost_fn=cost_fn,
        capacity=capacity,
        options=options,
        cost_curve=cost_curve,
    )


def _cost_figure(
    frame: pd.DataFrame, c: Counts, capacity: int | None, has_costs: bool, w: Words, expected: float
) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    if has_costs:
        ax.plot(frame["flagged"], frame["expected cost"], color=OKABE_ITO[0], label="Expected cost of errors")
        ax.set_ylabel("Expected cost of errors (£)")
        chosen_y = expected
        title = "Expected cost against the number flagged"
    else:
        ax.plot(frame["flagged"], frame["found"], color=OKABE_ITO[0], label=f"Flagged that {w.outcome}")
        ax.set_ylabel(f"{w.plural_form.capitalize()} found that {w.outcome}")
        chosen_y = c.tp
        title = f"{w.plural_form.capitalize()} found against the number flagged"
    ax.plot(
        [c.flagged],
        [chosen_y],
        marker="o",
        markersize=9,
        linestyle="none",
        color=OKABE_ITO[5],
        label="Chosen threshold",
    )
    if capacity is not None:
        ax.axvline(capacity, color=OKABE_ITO[1], linestyle="--", label=f"Capacity ({count(capacity)})")
    if has_costs:
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: money(v)))
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel(f"Number of {w.plural_form} flagged")
    ax.set_title(title)
    ax.legend(frameon=False)
    if has_costs:
        lo = frame["expected cost"].min()
        hi = frame["expected cost"].max()
        alt = (
            f"A line chart of the expected cost of errors against the number of {w.plural_form} flagged, "
            f"from {money(frame['expected cost'].iloc[0])} when none are flagged to "
            f"{money(frame['expected cost'].iloc[-1])} when all {count(frame['flagged'].iloc[-1])} are. "
            f"Costs range from {money(lo)} to {money(hi)}. The chosen threshold flags {count(c.flagged)} at "
            f"a cost of {money(expected)}"
        )
    else:
        alt = (
            f"A line chart of the {w.plural_form} found that {w.outcome} against the number flagged, rising "
            f"from 0 to {count(frame['found'].iloc[-1])}. The chosen threshold flags {count(c.flagged)} and "
            f"finds {count(c.tp)} ({pct(c.recall)} of them)"
        )
    alt += f"; capacity is {count(capacity)}." if capacity is not None else "."
    return Figure.from_matplotlib(fig, title, alt)
