"""Choosing a threshold from what acting costs, what a missed case costs, and the capacity to act.

The cost model. Acting on a flagged case costs money whether or not the case
would have had the outcome (a planner's call is paid for either way). A case
that has the outcome causes a harm with a cost. Acting on a flagged case
prevents that harm only some of the time: the share prevented is an assumption
the service must state, so every result is also shown across a range of it and
against the two blanket choices, acting on everyone and acting on no one (the
idea of a decision curve).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._text import count, listing, pct
from labkit.evaluate import _validate as v
from labkit.evaluate._evaluation import OKABE_ITO, EvaluationReport, confusion_frame, confusion_words
from labkit.evaluate._metrics import Counts, ThresholdCurve
from labkit.evaluate._words import Words

_PLOT_POINTS = 400
#: The shares of harms prevented that every costed result is also shown at.
PREVENTED_RANGE = (0.1, 0.25, 0.5, 0.75, 1.0)
_MODEL, _EVERYONE, _NO_ONE = "the model's list", "acting on everyone", "acting on no one"


def money(x: float) -> str:
    """``money(1234.5) -> '£1,235'``; costs are in pounds, rounded to the pound."""
    return f"£{x:,.0f}"


def amount(x: float) -> str:
    """A count that may be an expected, fractional number: ``'813'`` or ``'262.5'``."""
    return count(x) if abs(x - round(x)) < 1e-9 else f"{x:,.1f}"


def share(p: float) -> str:
    """``share(0.5) -> '50%'``; ``share(0.125) -> '12.5%'``."""
    return pct(p, 0) if abs(p * 100 - round(p * 100)) < 1e-9 else pct(p, 1)


@dataclass(frozen=True)
class CostModel:
    """What acting costs, what the harm costs, and how often acting prevents the harm.

    The expected total cost of flagging a set of cases is

    ``cost_action × flagged + cost_harm × (cases with the outcome − prevented × those flagged)``:

    every flagged case is acted on and paid for, true or false; every case with the
    outcome causes its harm unless it was flagged *and* acting prevented it.

    Parameters
    ----------
    cost_action : float
        Cost of acting on one flagged case (0 or more), whatever its outcome.
    cost_harm : float
        Cost of one case that has the outcome and is not prevented (0 or more).
    prevented : float
        Share of the harms in flagged cases that acting prevents, from 0 to 1.
        Nobody knows this exactly: state it as an assumption and look at a range.

    Examples
    --------
    >>> costs = CostModel.make(40, 300, 0.5)
    >>> costs.total(tp=3, flagged=4, positives=3)  # 4 × £40 + (3 − 0.5 × 3) × £300
    610.0
    >>> round(costs.break_even, 3)  # acting pays for a chance of at least £40 / (50% × £300)
    0.267
    """

    cost_action: float
    cost_harm: float
    prevented: float

    @classmethod
    def make(cls, cost_action: Any, cost_harm: Any, prevented: Any) -> CostModel | None:
        """Validate the three parts; ``None`` when none is given (capacity only)."""
        given = {"cost_action": cost_action, "cost_harm": cost_harm, "prevented": prevented}
        if all(x is None for x in given.values()):
            return None
        missing = [k for k, x in given.items() if x is None]
        if missing:
            raise LabkitError(
                f"{listing(missing)} {'is' if len(missing) == 1 else 'are'} missing: the cost of a "
                "threshold needs all three of cost_action, cost_harm and prevented.",
                where=f"parameter {missing[0]}",
                fix="Give the cost of acting on one flagged case (cost_action), the cost of one case "
                "with the outcome that is not prevented (cost_harm), and the share of those harms that "
                "acting prevents (prevented, from 0 to 1), e.g. cost_action=40, cost_harm=300, "
                "prevented=0.5.",
            )
        action = v.non_negative(cost_action, "cost_action")
        harm = v.non_negative(cost_harm, "cost_harm")
        p = v.threshold_value(prevented, "prevented")
        if action == 0 and harm == 0:
            raise LabkitError(
                "Both costs are 0, so every threshold costs the same.",
                where="parameters cost_action and cost_harm",
                fix="Give at least one cost above 0.",
            )
        return cls(action, harm, p)

    def total(self, tp: Any, flagged: Any, positives: Any) -> Any:
        """Expected total cost (works on numbers or numpy arrays of counts)."""
        return self.cost_action * flagged + self.cost_harm * (positives - self.prevented * tp)

    def counts_cost(self, c: Counts) -> float:
        """Expected total cost of one confusion matrix."""
        return float(self.total(c.tp, c.flagged, c.positives))

    def harms(self, c: Counts) -> float:
        """Expected harms not prevented: those not flagged, and those flagged that acting did not stop."""
        return c.fn + (1.0 - self.prevented) * c.tp

    def at(self, prevented: float) -> CostModel:
        """The same costs with another share prevented."""
        return CostModel(self.cost_action, self.cost_harm, float(prevented))

    @property
    def break_even(self) -> float:
        """The chance of the outcome above which acting on a case pays for itself (inf if never)."""
        gain = self.prevented * self.cost_harm
        return self.cost_action / gain if gain > 0 else math.inf

    def words(self, w: Words) -> str:
        """The assumptions in one clause."""
        return (
            f"acting on a flagged {w.singular} costs {money(self.cost_action)}; each {w.singular} that "
            f"{w.outcome} costs {money(self.cost_harm)} (the harm) unless acting prevented it; acting "
            f"prevents {share(self.prevented)} of those harms"
        )


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
    curve: ThresholdCurve, costs: CostModel | None, capacity: int | None
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Index of the best candidate, and the candidates' thresholds, true positives, flagged and costs.

    Every threshold flags exactly the cases scoring at or above it, so the
    candidates (one per distinct score, plus "flag nobody") cover every possible
    threshold: the minimum over them is the minimum over all thresholds.
    """
    thresholds = _midpoint_thresholds(curve)
    _, tp, flagged = curve.candidates()
    feasible = np.ones(tp.size, dtype=bool) if capacity is None else flagged <= capacity
    if costs is not None:
        totals = costs.total(tp, flagged, curve.n_pos).astype(float)
        masked = np.where(feasible, totals, np.inf)
        best = int(np.argmin(masked))  # first minimum: the fewest cases flagged among equal costs
    else:
        totals = np.full(tp.size, np.nan)
        best = int(np.flatnonzero(feasible)[-1])  # most cases within capacity = most found
    return best, thresholds, tp, flagged, totals


def _strategy(flagged: int, n: int) -> str:
    return _NO_ONE if flagged == 0 else _EVERYONE if flagged == n else _MODEL


def sensitivity(
    curve: ThresholdCurve, costs: CostModel, capacity: int | None, prevented: Any = PREVENTED_RANGE
) -> pd.DataFrame:
    """The best threshold and the three strategies' costs at each share of harms prevented.

    One row per share: the best threshold within the capacity (the model's list), its counts and
    expected total cost; the cost of acting on everyone and on no one; and each strategy's saving
    against acting on no one (its net benefit in pounds). ``cheapest`` names the cheapest strategy
    that fits the capacity.
    """
    rows = []
    n = curve.n
    for p in sorted({float(x) for x in prevented}):
        at = costs.at(p)
        best, thresholds, tp, flagged, totals = best_option(curve, at, capacity)
        nobody = float(at.total(0, 0, curve.n_pos))
        everyone = float(at.total(curve.n_pos, n, curve.n_pos))
        fits_everyone = capacity is None or n <= capacity
        options = {_strategy(int(flagged[best]), n): float(totals[best]), _NO_ONE: nobody}
        if fits_everyone:
            options[_EVERYONE] = min(everyone, options.get(_EVERYONE, math.inf))
        order = [_NO_ONE, _EVERYONE, _MODEL]  # the simplest wins a tie
        cheapest = min(order, key=lambda k: (options.get(k, math.inf), order.index(k)))
        rows.append(
            {
                "share prevented": p,
                "best threshold": float(thresholds[best]),
                "flagged": int(flagged[best]),
                "found": int(tp[best]),
                "total cost: best threshold": float(totals[best]),
                "total cost: act on everyone": everyone,
                "total cost: act on no one": nobody,
                "saving: best threshold": nobody - float(totals[best]),
                "saving: act on everyone": nobody - everyone,
                "cheapest": cheapest,
            }
        )
    return pd.DataFrame(rows)


class ThresholdChoice(Report):
    """The threshold that fits your costs and capacity, and what it means in people.

    Made by :func:`labkit.evaluate.choose_threshold`. ``threshold`` is the chosen
    value (flag a case when its score is at least this), ``counts`` its confusion
    matrix, ``expected_cost`` its expected total cost (acting on every flagged case
    plus the harms not prevented), ``options`` a comparison with the default of 0.5,
    acting on no one and acting on everyone, and ``sensitivity`` the same choice
    across a range of the share of harms prevented.
    """

    kind = "ThresholdChoice"

    def __init__(self, **parts: Any) -> None:
        self.threshold: float = parts["threshold"]
        self.counts: Counts = parts["counts"]
        self.expected_cost: float = parts["expected_cost"]
        self.costs: CostModel | None = parts["costs"]
        self.capacity: int | None = parts["capacity"]
        self.options: pd.DataFrame = parts["options"]
        self.sensitivity: pd.DataFrame | None = parts["sensitivity"]
        self.cost_curve: pd.DataFrame = parts["cost_curve"]
        figures = [f for s in parts["sections"] for f in s.figures]
        #: The cost (or cases found) chart, or None when ``plot=False``.
        self.figure = figures[0] if figures else None
        #: The saving of each strategy across the share prevented (decision curve), or None.
        self.decision_figure = figures[1] if len(figures) > 1 else None
        super().__init__(parts["title"], parts["summary"], parts["sections"], frame=self.options)

    @property
    def cost_action(self) -> float | None:
        return None if self.costs is None else self.costs.cost_action

    @property
    def cost_harm(self) -> float | None:
        return None if self.costs is None else self.costs.cost_harm

    @property
    def prevented(self) -> float | None:
        return None if self.costs is None else self.costs.prevented

    @property
    def saving(self) -> float:
        """Expected saving against acting on no one (the net benefit, in pounds); NaN without costs."""
        if self.costs is None:
            return float("nan")
        return self.costs.cost_harm * self.counts.positives - self.expected_cost

    def _extra_dict(self) -> dict[str, Any]:
        c = self.counts
        return {
            "threshold": self.threshold,
            "expected_cost": self.expected_cost,
            "cost_action": self.cost_action,
            "cost_harm": self.cost_harm,
            "prevented": self.prevented,
            "capacity": self.capacity,
            "confusion": {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn},
            "options": self.options,
            "sensitivity": self.sensitivity,
        }


def choose_threshold(
    y_true: Any = None,
    y_score: Any = None,
    *,
    report: EvaluationReport | None = None,
    cost_action: float | None = None,
    cost_harm: float | None = None,
    prevented: float | None = None,
    capacity: int | None = None,
    prevented_range: Any = PREVENTED_RANGE,
    pos_label: Any = None,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
    plot: bool = True,
) -> ThresholdChoice:
    """Choose the threshold with the lowest expected total cost, within your capacity.

    Flagging a case means acting on it: a call, a visit, an extra check. The cost
    model has three parts, all judgements the service must agree and write down:

    - ``cost_action``: what acting on one flagged case costs, *whether or not* it
      would have had the outcome;
    - ``cost_harm``: what one case with the outcome costs when it is not prevented;
    - ``prevented``: the share of those harms that acting prevents (0 to 1). Acting
      rarely prevents every harm, so this is an assumption: the result is also shown
      across ``prevented_range``.

    The expected total cost of a threshold is
    ``cost_action × flagged + cost_harm × (positives − prevented × true positives)``.
    Give the three costs, a capacity, or both:

    - costs only: the threshold with the lowest expected total cost;
    - capacity only: flag as many as you can handle, the highest scores first;
    - both: the lowest cost among thresholds that flag no more than ``capacity``.

    The search covers every distinct score, so no other threshold costs less on
    these data. Among equal costs the threshold flagging fewer cases wins. The
    result is compared with the two blanket choices, acting on everyone and acting
    on no one, at the stated share prevented and across the range.

    Parameters
    ----------
    y_true, y_score : array-like, optional
        True outcomes and predicted probabilities (or pass ``report``).
    report : EvaluationReport, optional
        The result of :func:`evaluate`, whose sorted scores are reused.
    cost_action : float, optional
        Cost of acting on one flagged case, in pounds or any unit (0 or more).
    cost_harm : float, optional
        Cost of one case with the outcome that is not prevented, in the same unit.
    prevented : float, optional
        Share of the harms in flagged cases that acting prevents, from 0 to 1.
    capacity : int, optional
        The most cases you can act on in these data. For a test year and "200 homes
        a week", that is 200 times the number of weeks.
    prevented_range : sequence of float, default (0.1, 0.25, 0.5, 0.75, 1.0)
        Other shares prevented to show the result at (``sensitivity``).
    pos_label, noun, outcome
        As in :func:`evaluate`.
    plot : bool, default True
        Draw the cost curve and the decision curve.

    Returns
    -------
    ThresholdChoice

    Examples
    --------
    >>> from labkit.evaluate import choose_threshold
    >>> choice = choose_threshold([1, 0, 1, 0, 1, 0], [0.9, 0.2, 0.7, 0.6, 0.4, 0.1],
    ...                           cost_action=50, cost_harm=300, prevented=0.5, plot=False)
    >>> choice.counts.flagged, choice.expected_cost  # 4 × £50 + (3 − 0.5 × 3) × £300
    (4, 650.0)
    >>> choose_threshold([1, 0, 1, 0, 1, 0], [0.9, 0.2, 0.7, 0.6, 0.4, 0.1], capacity=2,
    ...                  plot=False).counts.tp
    2
    """
    costs = CostModel.make(cost_action, cost_harm, prevented)
    capacity = v.non_negative(capacity, "capacity", whole=True)
    if costs is None and capacity is None:
        raise LabkitError(
            "There is nothing to choose the threshold from.",
            where="parameters cost_action, cost_harm, prevented and capacity",
            fix="Say what acting and a missed case cost and how often acting prevents the harm "
            "(cost_action=..., cost_harm=..., prevented=...), how many cases you can act on "
            "(capacity=...), or both.",
        )
    shares = _shares(prevented_range)
    curve, w = _curve_from(y_true, y_score, report, pos_label, noun, outcome)

    best, thresholds, tp, flagged, totals = best_option(curve, costs, capacity)
    threshold = float(thresholds[best])
    c = curve.counts(threshold)
    expected = costs.counts_cost(c) if costs else float("nan")
    everyone = curve.counts(0.0)
    nobody = Counts(math.inf, 0, 0, curve.n_pos, curve.n_neg)
    table = None
    if costs is not None:
        table = sensitivity(curve, costs, capacity, sorted({*shares, costs.prevented}))

    options = _options(
        curve,
        w,
        costs,
        capacity,
        [
            ("Chosen threshold", c),
            ("Default threshold 0.5", curve.counts(0.5)),
            (f"Act on no {w.plural_form}", nobody),
            (f"Act on every {w.singular}", everyone),
        ],
    )

    shown = "flag nobody" if math.isinf(threshold) else f"{threshold:.3f}"
    summary = "\n\n".join(
        _summary_lines(
            curve, w, c, costs, capacity, shown, expected, everyone, totals, flagged, thresholds, table
        )
    )

    # The cost (or cases found) against the number flagged, thinned for plotting.
    keep = np.unique(np.linspace(0, tp.size - 1, min(tp.size, _PLOT_POINTS)).astype(int))
    cheapest = [int(np.nanargmin(totals))] if costs is not None else []
    keep = np.union1d(keep, [best, *cheapest])
    cost_curve = pd.DataFrame(
        {
            "threshold": thresholds[keep],
            "flagged": flagged[keep],
            "found": tp[keep],
            "expected cost": totals[keep],
        }
    )
    figures = []
    if plot:
        figures.append(_cost_figure(cost_curve, c, capacity, costs is not None, w, expected))
        if costs is not None:
            grid = sorted({*np.linspace(0, 1, 21).round(4).tolist(), costs.prevented})
            figures.append(_decision_figure(sensitivity(curve, costs, capacity, grid), costs, capacity, w))
    sections = _sections(c, w, shown, options, table, figures)
    return ThresholdChoice(
        title="Threshold chosen from costs and capacity",
        summary=summary,
        sections=sections,
        threshold=threshold,
        counts=c,
        expected_cost=expected,
        costs=costs,
        capacity=capacity,
        options=options,
        sensitivity=table,
        cost_curve=cost_curve,
    )


def _options(
    curve: ThresholdCurve,
    w: Words,
    costs: CostModel | None,
    capacity: int | None,
    rules: list[tuple[str, Counts]],
) -> pd.DataFrame:
    """One row per rule: who it flags, what it finds and, with costs, what it costs and saves."""
    rows = []
    for label, counts in rules:
        row: dict[str, Any] = {
            "option": label,
            "threshold": counts.threshold,
            "flagged": counts.flagged,
            f"flagged and {w.outcome}": counts.tp,
            f"{w.outcome}, not flagged": counts.fn,
        }
        if costs is not None:
            row["harms prevented"] = costs.prevented * counts.tp
            row["cost of acting"] = costs.cost_action * counts.flagged
            row["cost of harms"] = costs.cost_harm * costs.harms(counts)
            row["total cost"] = costs.counts_cost(counts)
            row["saving against acting on no one"] = costs.cost_harm * curve.n_pos - row["total cost"]
        if capacity is not None:
            row["within capacity"] = counts.flagged <= capacity
        rows.append(row)
    return pd.DataFrame(rows)


def _sections(
    c: Counts, w: Words, shown: str, options: pd.DataFrame, table: pd.DataFrame | None, figures: list
) -> list[Section]:
    sections = [
        Section(
            "What the chosen threshold means in people",
            confusion_words(c, w),
            tables=[Table(f"Confusion matrix at threshold {shown}", confusion_frame(c, w))],
        ),
        Section(
            "Compared with other choices",
            "The same data under four rules: the chosen threshold, the default of 0.5, acting on no one "
            "and acting on everyone.",
            tables=[Table("Options compared", options)],
            figures=figures[:1],
        ),
    ]
    if table is not None:
        sections.append(
            Section(
                "If acting prevents more or fewer harms",
                "How often acting prevents the harm is an assumption. Each row is the best threshold "
                "within the capacity if acting prevents that share, with the cost of acting on everyone "
                "and on no one, and each choice's saving against acting on no one.",
                tables=[Table("The choice across the share of harms prevented", table)],
                figures=figures[1:],
            )
        )
    return sections


def _shares(prevented_range: Any) -> list[float]:
    try:
        values = [float(x) for x in prevented_range]
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"prevented_range must be a list of shares between 0 and 1, not {prevented_range!r}.",
            where="parameter prevented_range",
            fix="Pass for example prevented_range=[0.25, 0.5, 0.75].",
        ) from exc
    return [v.threshold_value(x, "prevented_range") for x in values]


def _summary_lines(
    curve: ThresholdCurve,
    w: Words,
    c: Counts,
    costs: CostModel | None,
    capacity: int | None,
    shown: str,
    expected: float,
    everyone: Counts,
    totals: np.ndarray,
    flagged: np.ndarray,
    thresholds: np.ndarray,
    table: pd.DataFrame | None,
) -> list[str]:
    assumed = []
    if costs is not None:
        assumed.append(costs.words(w))
    if capacity is not None:
        assumed.append(f"you can act on at most {w.n(capacity)}")
    first = f"Assuming {'; '.join(assumed)}: "
    if c.flagged:
        lines = [f"{first}flag {w.plural_form} scoring at least {shown}. {confusion_words(c, w)}"]
    else:
        lines = [
            f"{first}the best choice is to act on no {w.plural_form} (a threshold of {shown}, above every "
            "score)"
            + (
                f", because acting on any {w.singular} would cost more than the harm it prevents."
                if costs is not None and capacity != 0
                else "."
            )
        ]
    if costs is not None:
        nobody_cost = costs.cost_harm * curve.n_pos
        every_cost = costs.counts_cost(everyone)
        over = capacity is not None and everyone.flagged > capacity
        harms = costs.harms(c)
        unprevented = (1.0 - costs.prevented) * c.tp
        text = (
            f"Expected total cost: {money(expected)}: {money(costs.cost_action * c.flagged)} for acting on "
            f"{w.n(c.flagged)} and {money(costs.cost_harm * harms)} for {amount(harms)} harms not "
            f"prevented ({count(c.fn)} not flagged"
            + (f", and {amount(unprevented)} of the {count(c.tp)} flagged" if unprevented > 0 else "")
            + f"). Acting on no {w.plural_form} would cost {money(nobody_cost)}; acting on every "
            f"{w.singular} {money(every_cost)}"
            + (f" (but {w.n(everyone.flagged)} is over the capacity)" if over else "")
            + f". The chosen threshold saves {money(nobody_cost - expected)} against acting on no "
            f"{w.plural_form}"
            + (
                f" and {money(every_cost - expected)} against acting on every {w.singular}"
                if every_cost >= expected
                else f", but costs {money(expected - every_cost)} more than acting on every {w.singular}"
            )
            + ". No other threshold costs less on these data"
            + (" within the capacity." if capacity is not None else ".")
        )
        if capacity is not None:
            free = int(np.argmin(totals))
            if totals[free] < expected - 1e-9:
                text += (
                    f" Without the capacity limit, flagging {w.n(int(flagged[free]))} (a threshold of "
                    f"{thresholds[free]:.3f}) would cost {money(float(totals[free]))}; worth knowing when "
                    "capacity is planned."
                )
        lines.append(text)
        if math.isfinite(costs.break_even) and costs.break_even <= 1:
            lines.append(
                f"Acting pays for itself on a {w.singular} whose chance of the outcome is at least "
                f"{money(costs.cost_action)} ÷ ({share(costs.prevented)} × {money(costs.cost_harm)}) = "
                f"{costs.break_even:.3f}. If the scores are well calibrated, the best threshold without a "
                "capacity limit is close to this."
            )
        lines.append(_range_sentence(table, costs, w))
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
        (
            "Costs, capacity and how often acting prevents the harm are judgements for the service to agree "
            f"and write down: who bears a missed {w.singular}, and who bears a needless visit."
        )
        if costs is not None
        else "Capacity is a judgement for the service to agree and write down."
    )
    return lines


def _range_sentence(table: pd.DataFrame, costs: CostModel, w: Words) -> str:
    """Which strategy is cheapest at each share prevented tried, in one sentence."""
    names = {_NO_ONE: f"acting on no {w.plural_form}", _EVERYONE: f"acting on every {w.singular}"}
    groups: dict[str, list[str]] = {}
    for _, row in table.iterrows():
        name = names.get(row["cheapest"], row["cheapest"])
        groups.setdefault(name, []).append(share(row["share prevented"]))
    parts = [f"{name} at {listing(values)}" for name, values in groups.items()]
    return (
        f"How often acting prevents the harm is an assumption ({share(costs.prevented)} here), so the "
        f"choice was repeated at {listing([share(p) for p in table['share prevented']])}. The cheapest "
        f"choice within the capacity is {listing(parts, 'and')}."
        if len(groups) > 1
        else f"How often acting prevents the harm is an assumption ({share(costs.prevented)} here), so the "
        f"choice was repeated at {listing([share(p) for p in table['share prevented']])}: the cheapest "
        f"choice within the capacity is {next(iter(groups))} at every one."
    )


def _cost_figure(
    frame: pd.DataFrame, c: Counts, capacity: int | None, has_costs: bool, w: Words, expected: float
) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    if has_costs:
        ax.plot(frame["flagged"], frame["expected cost"], color=OKABE_ITO[0], label="Expected total cost")
        ax.set_ylabel("Expected total cost (£)")
        chosen_y = expected
        title = "Expected total cost against the number flagged"
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

        ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _: money(x)))
    ax.xaxis.set_major_formatter("{x:,.0f}")
    ax.set_xlabel(f"Number of {w.plural_form} flagged")
    ax.set_title(title)
    ax.legend(frameon=False)
    if has_costs:
        lo = frame["expected cost"].min()
        hi = frame["expected cost"].max()
        alt = (
            f"A line chart of the expected total cost against the number of {w.plural_form} flagged, "
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


def _decision_figure(table: pd.DataFrame, costs: CostModel, capacity: int | None, w: Words) -> Figure:
    """Decision curve: each strategy's saving against acting on no one, across the share prevented."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    x = table["share prevented"]
    model = table["saving: best threshold"]
    every = table["saving: act on everyone"]
    fig, ax = plt.subplots(figsize=(6, 4))
    label = "Best threshold" + (" within capacity" if capacity is not None else "")
    ax.plot(x, model, color=OKABE_ITO[0], label=label)
    ax.plot(x, every, color=OKABE_ITO[1], linestyle="--", label=f"Act on every {w.singular}")
    ax.axhline(0, color="#505a5f", linestyle=":", label=f"Act on no {w.plural_form}")
    ax.axvline(costs.prevented, color=OKABE_ITO[5], linestyle="-.", label="Stated assumption")
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: money(y)))
    ax.set_xlabel("Share of harms that acting prevents")
    ax.set_ylabel(f"Saving against acting on no {w.plural_form} (£)")
    title = "Saving of each choice, by how often acting prevents the harm"
    ax.set_title(title, fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    stated = table.loc[(table["share prevented"] - costs.prevented).abs().idxmin()]
    gain = float(stated["saving: act on everyone"])
    pays = table.loc[model > 0, "share prevented"]
    every_pays = table.loc[every > 0, "share prevented"]
    alt = (
        f"A line chart of the saving against acting on no {w.plural_form} as the share of harms prevented "
        f"goes from {share(x.iloc[0])} to {share(x.iloc[-1])}. At the stated {share(costs.prevented)}, the "
        f"best threshold saves {money(stated['saving: best threshold'])} and acting on every {w.singular} "
        + (f"saves {money(gain)}. " if gain >= 0 else f"loses {money(-gain)}. ")
        + (
            f"The best threshold saves money from {share(pays.iloc[0])} upwards"
            if len(pays)
            else "No threshold saves money anywhere in the range"
        )
        + (
            f"; acting on every {w.singular} from {share(every_pays.iloc[0])} upwards."
            if len(every_pays)
            else f"; acting on every {w.singular} nowhere in the range."
        )
        + (f" Capacity is {count(capacity)}." if capacity is not None else "")
    )
    return Figure.from_matplotlib(fig, title, alt)
