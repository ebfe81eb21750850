"""``evaluate()`` and the EvaluationReport it returns."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import one_column
from labkit._report import Figure, Report, Section, Table
from labkit._stats import wilson_interval, z_value
from labkit._style import BORDER, OKABE_ITO
from labkit._text import count, listing, num, pct
from labkit.evaluate import _validate as v
from labkit.evaluate._metrics import Counts, ThresholdCurve, metric_table
from labkit.evaluate._model import score
from labkit.evaluate._words import Words

METRIC_NAMES = {
    "precision": "Precision",
    "recall": "Recall",
    "f1": "F1 score",
    "balanced_accuracy": "Balanced accuracy",
    "specificity": "Specificity",
    "accuracy": "Accuracy",
    "roc_auc": "ROC-AUC",
    "pr_auc": "PR-AUC (average precision)",
    "brier": "Brier score",
}

_MAX_PERIODS = 60


def _meanings(w: Words) -> dict[str, str]:
    return {
        "precision": f"Of the {w.plural_form} flagged, the share that {w.outcome}.",
        "recall": f"Of the {w.plural_form} that {w.outcome}, the share the model flagged.",
        "f1": "One number balancing precision and recall (their harmonic mean).",
        "balanced_accuracy": "The average of recall and specificity; 0.5 is no better than chance.",
        "specificity": f"Of the {w.plural_form} that did not, the share correctly left unflagged.",
        "accuracy": f"The share of all {w.plural_form} put on the right side of the threshold.",
        "roc_auc": f"How often a {w.singular} that {w.outcome} scores above one that did not; "
        "0.5 is a coin toss, 1 is perfect.",
        "pr_auc": "Average precision across every threshold; compare it with the overall rate, "
        "which is what guessing scores.",
        "brier": "The average squared gap between the predicted chance and what happened; lower is "
        "better (0 is perfect).",
    }


def confusion_words(c: Counts, w: Words) -> str:
    """The confusion matrix as two sentences an officer can repeat to a board."""
    first = (
        f"Of {w.n(c.flagged)} flagged, {count(c.tp)} {w.outcome}"
        + (f" ({pct(c.precision)})" if c.flagged else "")
        + "."
    )
    second = (
        f"{count(c.fn)} {w.noun_for(c.fn)} that {w.outcome} {'was' if c.fn == 1 else 'were'} not flagged"
        + (
            f", so the model found {count(c.tp)} of the {count(c.positives)} ({pct(c.recall)})"
            if c.positives
            else ""
        )
        + "."
    )
    return f"{first} {second}"


def confusion_frame(c: Counts, w: Words) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "": ["Flagged", "Not flagged", "Total"],
            f"{w.outcome[:1].upper()}{w.outcome[1:]}": [c.tp, c.fn, c.positives],
            "Did not": [c.fp, c.tn, c.fp + c.tn],
            "Total": [c.flagged, c.fn + c.tn, c.total],
        }
    )


def calibration_table(y: np.ndarray, s: np.ndarray, n_bins: int, confidence: float) -> pd.DataFrame:
    """Observed rate against mean predicted chance in bands of equal size (quantiles of the score)."""
    edges = np.unique(np.quantile(s, np.linspace(0, 1, n_bins + 1)))
    if edges.size < 2:
        edges = np.array([s.min(), s.max()])
    band = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, edges.size - 2)
    n = np.bincount(band, minlength=edges.size - 1)
    pos = np.bincount(band, weights=y.astype(float), minlength=edges.size - 1)
    mean_pred = np.bincount(band, weights=s, minlength=edges.size - 1)
    rows = []
    for b in np.flatnonzero(n):
        lo, hi = (float(v) for v in wilson_interval(pos[b], n[b], confidence))
        predicted = mean_pred[b] / n[b]
        observed = pos[b] / n[b]
        if lo <= predicted <= hi:
            verdict = "about right"
        elif predicted > hi:
            verdict = "predicts too high"
        else:
            verdict = "predicts too low"
        rows.append(
            {
                "score band": f"{edges[b]:.2f} to {edges[b + 1]:.2f}",
                "cases": int(n[b]),
                "mean predicted": float(predicted),
                "observed rate": float(observed),
                "observed lower": lo,
                "observed upper": hi,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows)


def _calibration_figure(cal: pd.DataFrame, w: Words, confidence: float) -> Figure:
    """The calibration chart: its text alternative now, its drawing when the report is shown."""
    ok = int((cal["verdict"] == "about right").sum())
    high = cal[cal["verdict"] == "predicts too high"]
    low = cal[cal["verdict"] == "predicts too low"]
    alt = (
        f"A calibration chart with {len(cal)} score bands. The observed share that {w.outcome} is plotted "
        f"against the mean predicted chance, beside a dashed diagonal of perfect calibration. In {ok} of "
        f"{len(cal)} bands the diagonal lies within the {confidence:.0%} interval"
    )
    if len(high):
        alt += f"; the model predicts too high in {len(high)}"
    if len(low):
        alt += f"; it predicts too low in {len(low)}"
    alt += (
        f". Predictions run from {pct(cal['mean predicted'].min())} to {pct(cal['mean predicted'].max())}; "
        f"observed rates from {pct(cal['observed rate'].min())} to {pct(cal['observed rate'].max())}."
    )
    title = "Calibration: predicted against observed"
    # A copy, so the chart shows the numbers of the report even if its table is changed before display.
    return Figure(title, alt, draw=partial(_draw_calibration, cal.copy(), w.outcome, confidence, title))


def _draw_calibration(cal: pd.DataFrame, outcome: str, confidence: float, title: str) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    ax.plot([0, 1], [0, 1], linestyle="--", color=BORDER, label="Perfect calibration")
    err = np.clip(
        np.vstack(
            [cal["observed rate"] - cal["observed lower"], cal["observed upper"] - cal["observed rate"]]
        ),
        0.0,
        None,
    )
    ax.errorbar(
        cal["mean predicted"],
        cal["observed rate"],
        yerr=err,
        fmt="o-",
        color=OKABE_ITO[0],
        ecolor=OKABE_ITO[0],
        capsize=3,
        label=f"Observed rate with {confidence:.0%} interval",
    )
    top = float(max(cal["mean predicted"].max(), cal["observed upper"].max(), 0.1))
    ax.set_xlim(0, min(1, top * 1.1))
    ax.set_ylim(0, min(1, top * 1.1))
    ax.set_xlabel("Mean predicted chance in the band")
    ax.set_ylabel(f"Share that {outcome}")
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False)
    return fig


def _resolve_rule(rule: Any, X: Any, n: int) -> np.ndarray:
    where = "parameter baseline_rule"
    if isinstance(rule, str):
        if not isinstance(X, pd.DataFrame) or rule not in X.columns:
            raise LabkitError(
                f"baseline_rule={rule!r} names a column, but X has no such column.",
                where=where,
                fix="Pass a column of X that holds True/False flags, or a function such as "
                "lambda X: X['no_access_visits'] >= 1.",
            )
        values = X[rule]
    elif callable(rule):
        if X is None:
            raise LabkitError(
                "baseline_rule is a function, but there is no X to apply it to.",
                where=where,
                fix="Pass the rule's flags (one True/False per case) when you give y_true and y_score.",
            )
        try:
            values = rule(X)
        except Exception as exc:  # the officer's own rule: any failure becomes a plain message
            raise LabkitError(
                f"The baseline rule failed on X: {type(exc).__name__}: {exc}.",
                where=where,
                fix="Check that the rule only uses columns of X, e.g. lambda X: X['priority'] == 'Emergency'",
            ) from exc
    else:
        values = rule
    flags = v.as_labels(values, "baseline_rule")
    if len(flags) != n:
        raise LabkitError(
            f"The baseline rule gives {count(len(flags))} flags for {count(n)} cases.",
            where=where,
            fix="The rule must give one True/False flag per case in the test data.",
        )
    return flags


def _row(name: str, curve: ThresholdCurve, y: np.ndarray, s: np.ndarray, threshold: float) -> dict[str, Any]:
    c = curve.counts(threshold)
    return {
        "approach": name,
        "flagged": c.flagged,
        "precision": c.precision,
        "recall": c.recall,
        "F1 score": c.f1,
        "balanced accuracy": c.balanced_accuracy,
        "ROC-AUC": curve.roc_auc()[0],
        "Brier score": float(np.mean((s - y) ** 2)),
    }


def _flags_row(name: str, y: np.ndarray, flags: np.ndarray, brier: float = float("nan")) -> dict[str, Any]:
    """Metrics of a yes/no rule. Its ROC-AUC is its balanced accuracy (one step on the ROC curve)."""
    tp = int(np.count_nonzero(flags & y))
    fp = int(np.count_nonzero(flags)) - tp
    positives = int(np.count_nonzero(y))
    c = Counts(0.5, tp, fp, positives - tp, y.size - positives - fp)
    return {
        "approach": name,
        "flagged": c.flagged,
        "precision": c.precision,
        "recall": c.recall,
        "F1 score": c.f1,
        "balanced accuracy": c.balanced_accuracy,
        "ROC-AUC": c.balanced_accuracy,
        "Brier score": brier,
    }


class EvaluationReport(Report):
    """How well a model's scores pick out the cases that had the outcome, with intervals.

    Made by :func:`labkit.evaluate.evaluate`; read ``summary`` first. The numbers
    are in ``metrics`` (``to_frame()``), ``confusion``, ``baselines``,
    ``calibration`` and ``by_period``; ``curve`` gives the confusion matrix at any
    other threshold instantly.
    """

    kind = "EvaluationReport"

    def __init__(self, **parts: Any) -> None:
        self.name: str = parts["name"]
        self.words: Words = parts["words"]
        self.threshold: float = parts["threshold"]
        self.confidence: float = parts["confidence"]
        self.confusion: Counts = parts["confusion"]
        self.metrics: pd.DataFrame = parts["metrics"]
        self.baselines: pd.DataFrame = parts["baselines"]
        self.calibration: pd.DataFrame = parts["calibration"]
        self.by_period: pd.DataFrame | None = parts["by_period"]
        self.curve: ThresholdCurve = parts["curve"]
        self.n_cases: int = self.confusion.total
        self.n_positive: int = self.confusion.positives
        self.features: list[str] = parts.get("features") or []
        self.model: Any = parts.get("model")
        cal_section = next(s for s in parts["sections"] if s.heading == "Calibration")
        #: The calibration chart (a Figure with ``png`` and ``alt``), or None when ``plot=False``.
        self.calibration_figure = cal_section.figures[0] if cal_section.figures else None
        super().__init__(parts["title"], parts["summary"], parts["sections"], frame=self.metrics)

    @property
    def values(self) -> dict[str, float]:
        """Each metric's value by key, e.g. ``report.values['roc_auc']``."""
        return dict(zip(self.metrics["key"], self.metrics["value"], strict=True))

    def interval(self, key: str) -> tuple[float, float]:
        """The confidence interval of one metric, e.g. ``report.interval('recall')``."""
        rows = self.metrics[self.metrics["key"] == key]
        if rows.empty:
            raise LabkitError(
                f"There is no metric called {key!r}.",
                where="parameter key",
                fix=f"Use one of {listing([repr(k) for k in self.metrics['key']], 'or')}.",
            )
        return float(rows["lower"].iloc[0]), float(rows["upper"].iloc[0])

    def at_threshold(self, threshold: float) -> Counts:
        """The confusion matrix at another threshold (instant: uses the sorted scores)."""
        return self.curve.counts(v.threshold_value(threshold))

    def _extra_dict(self) -> dict[str, Any]:
        c = self.confusion
        return {
            "threshold": self.threshold,
            "confidence": self.confidence,
            "confusion": {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn},
            "metrics": self.metrics,
            "baselines": self.baselines,
            "calibration": self.calibration,
            "by_period": self.by_period,
        }


def evaluate(
    model: Any = None,
    X: Any = None,
    y: Any = None,
    *,
    y_true: Any = None,
    y_score: Any = None,
    threshold: float = 0.5,
    baseline_rule: Any = None,
    baseline_name: str = "the officer's rule",
    periods: Any = None,
    period_name: str = "period",
    train_rate: float | None = None,
    pos_label: Any = None,
    confidence: float = 0.95,
    n_bins: int = 10,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
    name: str = "The model",
    plot: bool = True,
) -> EvaluationReport:
    """Evaluate a model honestly: metrics with intervals, baselines, calibration and periods.

    Give either a fitted classifier with test data (``model, X, y``) or the true
    outcomes and the scores (``y_true=..., y_score=...``). A case is *flagged*
    when its score is at least ``threshold``.

    Parameters
    ----------
    model : fitted scikit-learn classifier, optional
        Anything with ``predict_proba``, such as a ``Pipeline``.
    X : pandas.DataFrame, optional
        The test features the model scores.
    y : array-like, optional
        The true test outcomes (True/False or 1/0).
    y_true, y_score : array-like, optional
        True outcomes and predicted probabilities, instead of ``model, X, y``.
    threshold : float, default 0.5
        Cases scoring at least this are flagged.
    baseline_rule : str, callable or array-like, optional
        A simple rule an officer would write, to compare against: a column of ``X``
        holding True/False, a function of ``X`` returning True/False
        (``lambda X: X["no_access_visits"] >= 1``), or the flags themselves.
    baseline_name : str
        The rule in words, for example ``"flag repairs with a no-access visit"``.
    periods : str or array-like, optional
        A column of ``X`` (for example ``"financial_year"``) or one label per case;
        the report then shows performance in each period.
    period_name : str, default "period"
        What a period is called in the report.
    train_rate : float, optional
        The outcome rate in the training data, used as the majority-class baseline's
        score. Defaults to the rate in the test data.
    pos_label : optional
        Which label is the outcome to find, when labels are not True/False or 1/0.
    confidence : float, default 0.95
        The level of every confidence interval.
    n_bins : int, default 10
        Number of score bands (of equal size) in the calibration table.
    noun, outcome : str
        How to talk about a case and the outcome: ``noun="repair"``,
        ``outcome="missed the target"``.
    name : str
        What to call the model in the report.
    plot : bool, default True
        Include the calibration chart. It is drawn only when the report is shown
        or saved as HTML, so leaving it on costs nothing until then.

    Returns
    -------
    EvaluationReport

    Raises
    ------
    LabkitError
        Labels not binary, scores not probabilities or missing, lengths that differ,
        a test set with only one outcome, or a model that has not been trained.

    Examples
    --------
    >>> from labkit.evaluate import evaluate
    >>> report = evaluate(y_true=[1, 0, 1, 0, 1, 0], y_score=[0.9, 0.2, 0.7, 0.6, 0.4, 0.1],
    ...                   noun="repair", outcome="missed the target", plot=False)
    >>> print(report.summary.splitlines()[0])
    The model was tested on 6 repairs, of which 3 (50.0%) missed the target.
    >>> round(report.values["roc_auc"], 3)
    0.889

    On the sandbox's housing repairs, trained on earlier years and tested on the latest:

    >>> from labkit import data
    >>> from labkit.evaluate import evaluate, temporal_split
    >>> from sklearn.linear_model import LogisticRegression
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> train, test = temporal_split(repairs, "financial_year")
    >>> cols = ["no_access_visits", "imd_decile", "target_working_days"]
    >>> model = LogisticRegression().fit(train[cols], train["target_missed"])
    >>> report = evaluate(model, test[cols], test["target_missed"], periods=test["reported_at"].dt.quarter,
    ...                   baseline_rule=lambda X: X["no_access_visits"] >= 1, plot=False)
    >>> report.n_cases == len(test)
    True
    >>> list(report.baselines["approach"])[1:]
    ['Majority class: flag no cases', "Rule: the officer's rule"]
    """
    words = Words.make(noun, outcome)
    conf = v.confidence_level(confidence)
    t = v.threshold_value(threshold)
    _check_n_bins(n_bins)
    labels, scores = _labels_and_scores(model, X, y, y_true, y_score, pos_label, words)
    if train_rate is not None:
        train_rate = v.threshold_value(train_rate, "train_rate")

    curve = ThresholdCurve(labels, scores)
    c, rows = metric_table(labels, scores, t, conf, curve)
    metrics = _metrics_frame(rows, words)
    baselines, majority, rule_flags = _baselines(
        name, curve, labels, scores, t, train_rate, words, (baseline_rule, baseline_name, X)
    )
    cal = calibration_table(labels, scores, n_bins, conf)
    by_period = None if periods is None else _by_period(periods, X, curve, labels, t, conf, period_name)
    found = {"metrics": metrics, "baselines": baselines, "calibration": cal, "by_period": by_period}
    summary = _summary(
        name,
        (curve, labels, c, rows),
        found,
        words,
        (t, conf, period_name),
        (rule_flags, baseline_name, majority),
    )
    sections = _sections(c, found, words, t, conf, period_name, plot)
    return EvaluationReport(
        title=f"Model evaluation: {name}",
        summary=summary,
        sections=sections,
        name=name,
        words=words,
        threshold=t,
        confidence=conf,
        confusion=c,
        curve=curve,
        features=[str(col) for col in X.columns] if isinstance(X, pd.DataFrame) else [],
        model=model,
        **found,
    )


def _check_n_bins(n_bins: Any) -> None:
    if not isinstance(n_bins, int) or isinstance(n_bins, bool) or not 2 <= n_bins <= 100:
        raise LabkitError(
            f"n_bins must be a whole number from 2 to 100, not {n_bins!r}.",
            where="parameter n_bins",
            fix="Use n_bins=10 for ten bands of equal size.",
        )


def _labels_and_scores(
    model: Any, X: Any, y: Any, y_true: Any, y_score: Any, pos_label: Any, words: Words
) -> tuple[np.ndarray, np.ndarray]:
    """The true outcomes and the scores, checked: from the model and X, or given directly."""
    if model is not None:
        if y_score is not None or y_true is not None:
            raise LabkitError(
                "Give either a model with X and y, or y_true and y_score, not both.",
                where="parameters model and y_score",
                fix="Drop y_true and y_score, or drop model.",
            )
        if y is None:
            raise LabkitError(
                "y is missing: labkit needs the true outcomes of the test cases.",
                where="parameter y",
                fix="Pass evaluate(model, X_test, y_test).",
            )
        labels = v.as_labels(y, "y", pos_label if not isinstance(pos_label, bool) else None)
        if isinstance(X, pd.DataFrame | np.ndarray) and len(X) != len(labels):
            v.same_length(np.empty(len(X)), labels, "X", "y")
        scores = v.as_scores(score(model, X, pos_label), "the model's scores")
        label_name = "y"
    else:
        if y_true is None or y_score is None:
            raise LabkitError(
                "labkit needs something to evaluate: a fitted model with X and y, or y_true and y_score.",
                where="parameters model, y_true and y_score",
                fix="Call evaluate(model, X_test, y_test) or evaluate(y_true=..., y_score=...).",
            )
        labels = v.as_labels(y_true, "y_true", pos_label)
        scores = v.as_scores(y_score, "y_score")
        v.same_length(labels, scores, "y_true", "y_score")
        label_name = "y_true"
    v.both_classes(labels, label_name, words.singular)
    return labels, scores


def _metrics_frame(rows: list[tuple[str, float, float, float]], words: Words) -> pd.DataFrame:
    meanings = _meanings(words)
    return pd.DataFrame(
        [
            {
                "key": k,
                "metric": METRIC_NAMES[k],
                "value": val,
                "lower": lo,
                "upper": hi,
                "meaning": meanings[k],
            }
            for k, val, lo, hi in rows
        ]
    )


def _baselines(
    name: str,
    curve: ThresholdCurve,
    labels: np.ndarray,
    scores: np.ndarray,
    t: float,
    train_rate: float | None,
    words: Words,
    rule: tuple[Any, str, Any],
) -> tuple[pd.DataFrame, dict[str, Any], np.ndarray | None]:
    """The model beside the majority class and (if given) the officer's rule, at the same threshold."""
    baseline_rule, baseline_name, X = rule
    rate = float(labels.mean())
    majority_score = train_rate if train_rate is not None else rate
    flag_all = majority_score >= 0.5
    majority = _flags_row(
        f"Majority class: flag every {words.singular}"
        if flag_all
        else f"Majority class: flag no {words.plural_form}",
        labels,
        np.full(labels.size, flag_all),
        brier=float(rate * (1 - majority_score) ** 2 + (1 - rate) * majority_score**2),
    )
    rows = [_row(name, curve, labels, scores, t), majority]
    rule_flags = None
    if baseline_rule is not None:
        rule_flags = _resolve_rule(baseline_rule, X, labels.size)
        rows.append(_flags_row(f"Rule: {baseline_name}", labels, rule_flags))
    return pd.DataFrame(rows), majority, rule_flags


def _summary(
    name: str,
    numbers: tuple[ThresholdCurve, np.ndarray, Counts, list[tuple[str, float, float, float]]],
    found: dict[str, Any],
    words: Words,
    settings: tuple[float, float, str],
    rule: tuple[np.ndarray | None, str, dict[str, Any]],
) -> str:
    """The summary: cases, the confusion matrix, ranking, baselines, calibration and periods."""
    curve, labels, c, rows = numbers
    t, conf, period_name = settings
    rule_flags, baseline_name, majority = rule
    rate = float(labels.mean())
    vals = {k: val for k, val, _, _ in rows}
    ints = {k: (lo, hi) for k, _, lo, hi in rows}
    level = f"{conf:.0%}"
    cal, by_period = found["calibration"], found["by_period"]
    summary = [
        f"{name} was tested on {words.n(labels.size)}, of which {count(curve.n_pos)} ({pct(rate)}) "
        f"{words.outcome}.",
        f"{confusion_words(c, words)} "
        + (
            f"Precision is {pct(c.precision)} ({level} interval {pct(ints['precision'][0])} to "
            f"{pct(ints['precision'][1])}); recall is {pct(c.recall)} ({pct(ints['recall'][0])} to "
            f"{pct(ints['recall'][1])})."
            if c.flagged
            else "Nothing is flagged at this threshold, so precision is not defined; try a lower threshold."
        )
        + f" (A {words.singular} is flagged when its score is at least {t:.2f}.)",
        f"Ranking: a {words.singular} that {words.outcome} scores above one that did not "
        f"{pct(vals['roc_auc'])} of the time (ROC-AUC {num(vals['roc_auc'], 3)}, {level} interval "
        f"{num(ints['roc_auc'][0], 3)} to {num(ints['roc_auc'][1], 3)}; 0.5 is a coin toss). "
        f"Average precision is {num(vals['pr_auc'], 3)} against {num(rate, 3)} for guessing.",
        _baseline_sentence(curve, ints, rule_flags, labels, found["baselines"], baseline_name, words),
    ]
    ok = int((cal["verdict"] == "about right").sum())
    summary.append(
        f"Calibration: in {ok} of {len(cal)} score bands the mean predicted chance lies within the "
        f"{level} interval of the observed rate"
        + (
            "."
            if ok == len(cal)
            else f"; elsewhere the scores should not be read as exact chances (Brier score "
            f"{num(vals['brier'], 3)}; always guessing the overall rate scores "
            f"{num(majority['Brier score'], 3)})."
        )
    )
    if by_period is not None and len(by_period):
        summary += _period_sentence(by_period, period_name)
    return "\n\n".join(summary)


def _period_sentence(by_period: pd.DataFrame, period_name: str) -> list[str]:
    finite = by_period.dropna(subset=["ROC-AUC"])
    if len(finite) < 2:
        return []
    lo_row = finite.loc[finite["ROC-AUC"].idxmin()]
    hi_row = finite.loc[finite["ROC-AUC"].idxmax()]
    return [
        f"By {period_name}: ROC-AUC runs from {num(lo_row['ROC-AUC'], 3)} "
        f"({lo_row[period_name]}) to {num(hi_row['ROC-AUC'], 3)} ({hi_row[period_name]}); "
        f"check the weakest {period_name} before relying on the model."
    ]


def _sections(
    c: Counts, found: dict[str, Any], words: Words, t: float, conf: float, period_name: str, plot: bool
) -> list[Section]:
    level = f"{conf:.0%}"
    cal = found["calibration"]
    sections = [
        Section(
            "The confusion matrix in words",
            confusion_words(c, words)
            + f"\n\nA {words.singular} is flagged when its score is at least {t:.2f}. "
            f"The other {count(c.fp)} flagged {words.noun_for(c.fp)} were false alarms: the outcome did not "
            "happen.",
            tables=[Table(f"Confusion matrix at threshold {t:.2f}", confusion_frame(c, words))],
        ),
        Section(
            f"Metrics with {level} confidence intervals",
            "Intervals are analytic: Wilson for shares, DeLong for ROC-AUC, a logit interval for "
            "average precision and normal approximations for F1, balanced accuracy and the Brier score. "
            "They show how much the numbers could move on another sample of the same size.",
            tables=[Table("Metrics", found["metrics"].drop(columns=["key"]))],
        ),
        Section(
            "Against baselines",
            "A model is only worth its cost if it beats what you could do without it: the majority "
            "class (everyone gets the most common outcome) and a simple rule an officer would write.",
            tables=[Table("Model and baselines at the same threshold", found["baselines"])],
        ),
        Section(
            "Calibration",
            f"Cases are put into {len(cal)} bands of equal size by score. In each band, compare the mean "
            "predicted chance with the share that really had the outcome. 'About right' means the "
            f"prediction lies inside the {level} interval of the observed rate.",
            tables=[Table("Calibration table", cal)],
            figures=[_calibration_figure(cal, words, conf)] if plot else [],
        ),
    ]
    if found["by_period"] is not None:
        sections.append(
            Section(
                f"Performance by {period_name}",
                "A model that works on average can fail in one period. Look for drift: a fall in ROC-AUC "
                "or recall in later periods.",
                tables=[Table(f"Performance by {period_name}", found["by_period"])],
            )
        )
    return sections


def _baseline_sentence(
    curve: ThresholdCurve,
    ints: dict[str, tuple[float, float]],
    rule_flags: np.ndarray | None,
    labels: np.ndarray,
    baselines: pd.DataFrame,
    baseline_name: str,
    words: Words,
) -> str:
    if rule_flags is None:
        return (
            f"Baseline: flagging nobody scores ROC-AUC 0.5 and finds none of the {words.plural_form} that "
            f"{words.outcome}. Pass baseline_rule to compare with a simple rule an officer would write."
        )
    k = int(rule_flags.sum())
    rule_tp = int((rule_flags & labels).sum())
    _, tp, flagged = curve.candidates()
    i = int(np.searchsorted(flagged, k, side="right") - 1)
    model_tp, model_flagged = int(tp[i]), int(flagged[i])
    rule_auc = float(baselines.iloc[-1]["ROC-AUC"])
    lo = ints["roc_auc"][0]
    verdict = (
        "clearly better than the rule (its whole interval lies above the rule's ROC-AUC)"
        if lo > rule_auc
        else "not clearly better than the rule (its interval reaches down to the rule's ROC-AUC)"
    )
    return (
        f"Against the baselines: the rule '{baseline_name}' flags {words.n(k)} and finds "
        f"{count(rule_tp)} that {words.outcome}. If the model flags its {count(model_flagged)} "
        f"highest-scoring {words.noun_for(model_flagged)} instead, it finds {count(model_tp)}. "
        f"The model is {verdict}: {num(curve.roc_auc()[0], 3)} against {num(rule_auc, 3)}."
    )


def _by_period(
    periods: Any, X: Any, curve: ThresholdCurve, labels: np.ndarray, t: float, conf: float, period_name: str
) -> pd.DataFrame:
    if isinstance(periods, str):
        if not isinstance(X, pd.DataFrame) or periods not in X.columns:
            raise LabkitError(
                f"periods={periods!r} names a column, but X has no such column.",
                where="parameter periods",
                fix="Pass a column of X such as 'financial_year', or one period label per case.",
            )
        values = X[periods].to_numpy()
    elif isinstance(periods, np.ndarray) and periods.dtype.kind in "US":
        values = periods.astype(object)  # as pandas would give them back, without a round trip
    else:
        values = np.asarray(pd.Series(one_column(periods, "periods")).to_numpy())
    if len(values) != labels.size:
        v.same_length(values, labels, "periods", "the outcomes")
    # Text stays plain objects: grouping needs no copy as pandas text (Arrow strings, with pyarrow).
    series = pd.Series(values, dtype=object if values.dtype == object else None)
    if series.isna().any():
        raise LabkitError(
            f"periods has {count(int(series.isna().sum()))} missing values.",
            where="parameter periods",
            fix="Give every case a period, or drop the cases without one.",
        )
    groups = series.groupby(series, sort=True, observed=True).indices
    if len(groups) > _MAX_PERIODS:
        raise LabkitError(
            f"periods has {count(len(groups))} different values; a table that long cannot be read.",
            where="parameter periods",
            fix="Use coarser periods, such as financial years or quarters.",
        )
    z = z_value(conf)
    rows = []
    for label, idx in groups.items():
        yy = labels[idx]
        keep = np.zeros(labels.size, dtype=bool)
        keep[idx] = True
        part = curve.subset(keep)  # the cases of one period, already in score order
        c = part.counts(t)
        auc, se = part.roc_auc()
        rows.append(
            {
                period_name: label,
                "cases": int(idx.size),
                "outcome rate": float(yy.mean()),
                "flagged": c.flagged,
                "precision": c.precision,
                "recall": c.recall,
                "ROC-AUC": auc,
                "ROC-AUC lower": max(0.0, auc - z * se) if np.isfinite(se) else float("nan"),
                "ROC-AUC upper": min(1.0, auc + z * se) if np.isfinite(se) else float("nan"),
            }
        )
    return pd.DataFrame(rows)
