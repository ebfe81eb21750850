"""``mitigate``: fairlearn's mitigations, with the trade-off shown on every measure.

fairlearn's ``ThresholdOptimizer`` (post-processing: a threshold per group)
and ``ExponentiatedGradient`` (reductions: retrain under a constraint) do the
work. labkit adds the before-and-after view officers need: accuracy and
every fairness gap, not only the one that was optimised, because fixing one
gap often widens another.
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, num, pct
from labkit.fairness import _inputs
from labkit.fairness._fast import confusion_counts, rates_from_counts

__all__ = ["CONSTRAINTS", "MitigationReport", "fairness_gaps", "mitigate"]

CONSTRAINTS: dict[str, str] = {
    "demographic_parity": "selection-rate parity (demographic parity)",
    "true_positive_rate_parity": "equal opportunity (equal true positive rates)",
    "false_positive_rate_parity": "equal false positive rates",
    "equalized_odds": "equalised odds",
}
_GAPS = {
    "demographic_parity": "Selection-rate gap (demographic parity difference)",
    "true_positive_rate_parity": "True positive rate gap (equal opportunity difference)",
    "false_positive_rate_parity": "False positive rate gap",
    "equalized_odds": "Equalised odds gap (larger of the two error-rate gaps)",
    "precision": "Precision gap",
    "accuracy_gap": "Accuracy gap between groups",
}
_METHODS = ("threshold", "reduction", "both")
_ROWS = ("accuracy", "balanced_accuracy", "selection_rate", *_GAPS)
_ROW_NAMES = {
    "accuracy": "Accuracy",
    "balanced_accuracy": "Balanced accuracy",
    "selection_rate": "Share picked out (everyone)",
    **_GAPS,
}


def fairness_gaps(y_true: Any, y_pred: Any, sensitive_features: Any) -> dict[str, float]:
    """Accuracy and every between-group gap (largest minus smallest group) for one set of decisions.

    Examples
    --------
    >>> g = fairness_gaps([1, 0, 1, 0], [1, 0, 0, 0], ["a", "a", "b", "b"])
    >>> g["demographic_parity"], g["true_positive_rate_parity"], g["accuracy"]
    (0.5, 1.0, 0.75)
    """
    yt = _inputs.binary(y_true, "y_true")
    yp = _inputs.binary(y_pred, "y_pred", len(yt))
    features, _ = _inputs.sensitive(sensitive_features, len(yt), "group")
    codes, k = _inputs.combine(features)
    counts = confusion_counts(codes, k, yt, yp)
    counts = counts[counts.sum(axis=1) > 0]
    metrics = ("selection_rate", "true_positive_rate", "false_positive_rate", "precision", "accuracy")
    rates = rates_from_counts(counts, metrics)
    overall = rates_from_counts(counts.sum(axis=0, keepdims=True), ("accuracy", "selection_rate"))
    tn, fp, fn, tp = counts.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        balanced = 0.5 * (tp / (tp + fn) + tn / (tn + fp))

    def gap(metric: str) -> float:
        values = rates[metric][~np.isnan(rates[metric])]
        return float(values.max() - values.min()) if len(values) >= 2 else float("nan")

    tpr, fpr = gap("true_positive_rate"), gap("false_positive_rate")
    return {
        "accuracy": float(overall["accuracy"][0]),
        "balanced_accuracy": float(balanced),
        "selection_rate": float(overall["selection_rate"][0]),
        "demographic_parity": gap("selection_rate"),
        "true_positive_rate_parity": tpr,
        "false_positive_rate_parity": fpr,
        "equalized_odds": float(np.nanmax([tpr, fpr]))
        if not (np.isnan(tpr) and np.isnan(fpr))
        else float("nan"),
        "precision": gap("precision"),
        "accuracy_gap": gap("accuracy"),
    }


class MitigationReport(Report):
    """The result of :func:`mitigate`: before and after, on accuracy and every gap.

    Attributes
    ----------
    comparison : pandas.DataFrame
        One row per measure, one column per model ("before" and each mitigation).
    by_group : pandas.DataFrame
        Each group's selection, true positive and false positive rates for each model.
    predictions : dict of numpy.ndarray
        The test-set decisions of each model.
    models : dict
        The fitted fairlearn mitigators.
    constraint : str
        The fairlearn constraint that was optimised.
    """

    kind = "MitigationReport"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        *,
        comparison: pd.DataFrame,
        by_group: pd.DataFrame,
        predictions: dict[str, np.ndarray],
        models: dict[str, Any],
        constraint: str,
    ) -> None:
        super().__init__(title, summary, sections, frame=comparison)
        self.comparison = comparison
        self.by_group = by_group
        self.predictions = predictions
        self.models = models
        self.constraint = constraint

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "constraint": self.constraint,
            "comparison": self.comparison.reset_index(),
            "by_group": self.by_group,
        }


def _by_group(y_true: np.ndarray, preds: dict[str, np.ndarray], sensitive: Any) -> pd.DataFrame:
    features, _ = _inputs.sensitive(sensitive, len(y_true), "group")
    codes, k = _inputs.combine(features)
    import itertools

    labels = [" / ".join(str(v) for v in combo) for combo in itertools.product(*[f.labels for f in features])]
    frames = []
    for name, pred in preds.items():
        counts = confusion_counts(codes, k, y_true, pred.astype(np.uint8))
        rates = rates_from_counts(
            counts, ("count", "selection_rate", "true_positive_rate", "false_positive_rate")
        )
        frame = pd.DataFrame({"model": name, "group": labels, **rates})
        frames.append(frame[frame["count"] > 0])
    return pd.concat(frames, ignore_index=True)


def mitigate(
    estimator: Any,
    X_train: Any,
    y_train: Any,
    X_test: Any,
    y_test: Any,
    *,
    sensitive_train: Any,
    sensitive_test: Any,
    constraint: Literal[
        "demographic_parity", "true_positive_rate_parity", "false_positive_rate_parity", "equalized_odds"
    ] = "demographic_parity",
    method: Literal["threshold", "reduction", "both"] = "threshold",
    threshold: float = 0.5,
    objective: Literal["accuracy_score", "balanced_accuracy_score"] = "accuracy_score",
    seed: int = 0,
) -> MitigationReport:
    """Apply fairlearn's mitigations and report the trade-off on accuracy and every fairness gap.

    The estimator is fitted on the training data (a copy: your estimator is not
    changed). Then, on the test data, the report compares its decisions
    ("before") with those of fairlearn's ``ThresholdOptimizer`` (a separate
    threshold for each group) and/or ``ExponentiatedGradient`` (a model
    retrained under the constraint).

    Parameters
    ----------
    estimator : scikit-learn classifier
        An unfitted classifier with ``predict_proba``, for example
        ``LogisticRegression(max_iter=1000)``.
    X_train, y_train, X_test, y_test
        Training and test data. Keep the protected characteristic out of X
        unless you mean the model to use it.
    sensitive_train, sensitive_test : array-like, Series or DataFrame
        The protected characteristic(s) for the training and test rows.
    constraint : str, default "demographic_parity"
        The gap to close: ``demographic_parity``, ``true_positive_rate_parity``
        (equal opportunity), ``false_positive_rate_parity`` or ``equalized_odds``.
    method : {"threshold", "reduction", "both"}, default "threshold"
        Which fairlearn mitigation to apply.
    threshold : float, default 0.5
        The cut-off on the unmitigated model's scores ("before"), so that the
        comparison starts from the decisions you actually make.
    objective : {"accuracy_score", "balanced_accuracy_score"}, default "accuracy_score"
        What the threshold optimiser maximises while meeting the constraint. When
        the outcome is rare, accuracy is highest by picking almost no one; use
        ``"balanced_accuracy_score"`` to keep a useful share picked out.
    seed : int, default 0
        Seed for the randomised decisions both mitigations make.

    Returns
    -------
    MitigationReport
    """
    ytr, yte, cut = _check_inputs(
        estimator,
        (X_train, y_train, X_test, y_test),
        (sensitive_train, sensitive_test),
        constraint,
        method,
        threshold,
        objective,
    )
    preds, models = _fit(
        estimator,
        (X_train, ytr, X_test),
        (sensitive_train, sensitive_test),
        constraint,
        method,
        cut,
        objective,
        seed,
    )
    gaps = {name: fairness_gaps(yte, p, sensitive_test) for name, p in preds.items()}
    comparison = pd.DataFrame({name: [g[r] for r in _ROWS] for name, g in gaps.items()}, index=list(_ROWS))
    comparison.index.name = "measure"
    by_group = _by_group(yte, preds, sensitive_test)
    return MitigationReport(
        f"Mitigation for {CONSTRAINTS[constraint]}",
        _summary(gaps, constraint),
        _sections(comparison, by_group),
        comparison=comparison,
        by_group=by_group,
        predictions=preds,
        models=models,
        constraint=constraint,
    )


def _check_inputs(
    estimator: Any,
    data: tuple[Any, Any, Any, Any],
    sensitive: tuple[Any, Any],
    constraint: Any,
    method: Any,
    threshold: Any,
    objective: Any,
) -> tuple[np.ndarray, np.ndarray, float]:
    """The checked training and test labels and the threshold; a LabkitError on the first problem."""
    from sklearn.base import is_classifier

    X_train, y_train, X_test, y_test = data
    sensitive_train, sensitive_test = sensitive
    if constraint not in CONSTRAINTS:
        raise LabkitError(
            f"constraint must be one of {listing([repr(c) for c in CONSTRAINTS], 'or')}, not {constraint!r}.",
            where="parameter constraint",
            fix="recommend_measures(...).constraint gives the one that fits your decision.",
        )
    cut = _inputs.threshold_value(threshold)
    if objective not in ("accuracy_score", "balanced_accuracy_score"):
        raise LabkitError(
            f"objective must be 'accuracy_score' or 'balanced_accuracy_score', not {objective!r}.",
            where="parameter objective",
            fix="Use objective='balanced_accuracy_score' when the outcome is rare.",
        )
    if method not in _METHODS:
        raise LabkitError(
            f"method must be {listing([repr(m) for m in _METHODS], 'or')}, not {method!r}.",
            where="parameter method",
            fix="Use method='threshold' (quick), 'reduction' (retrains, slower) or 'both'.",
        )
    try:
        usable = is_classifier(estimator) and hasattr(estimator, "predict_proba")
    except (AttributeError, TypeError):
        usable = False
    if not usable:
        raise LabkitError(
            "estimator must be a scikit-learn classifier with predict_proba, not "
            f"{type(estimator).__name__}.",
            where="parameter estimator",
            fix="Pass for example LogisticRegression(max_iter=1000) (unfitted).",
        )
    ytr = _inputs.binary(y_train, "y_train")
    yte = _inputs.binary(y_test, "y_test")
    for name, X, n in (("X_train", X_train, len(ytr)), ("X_test", X_test, len(yte))):
        if len(X) != n:
            raise LabkitError(
                f"{name} has {len(X):,} rows but its labels have {n:,}.",
                where=f"parameter {name}",
                fix="Split X and y together, for example with train_test_split(X, y, s, ...).",
            )
    for name, s, n in (
        ("sensitive_train", sensitive_train, len(ytr)),
        ("sensitive_test", sensitive_test, len(yte)),
    ):
        feats, _ = _inputs.sensitive(s, n, "error")
        if any(f.k < 2 for f in feats):
            raise LabkitError(
                f"{name} has only one group, so there is no gap to close.",
                where=f"parameter {name}",
                fix="Check the split: every group should appear in training and test data.",
            )
    if len(np.unique(ytr)) < 2:
        raise LabkitError(
            "y_train holds only one class, so no model can be trained.",
            where="parameter y_train",
            fix="Check the split and the label.",
        )
    return ytr, yte, cut


def _fit(
    estimator: Any,
    data: tuple[Any, np.ndarray, Any],
    sensitive: tuple[Any, Any],
    constraint: str,
    method: str,
    cut: float,
    objective: str,
    seed: int,
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Fit the model and the chosen mitigations; each one's test decisions and fitted object."""
    from fairlearn.postprocessing import ThresholdOptimizer
    from fairlearn.reductions import (
        DemographicParity,
        EqualizedOdds,
        ExponentiatedGradient,
        FalsePositiveRateParity,
        TruePositiveRateParity,
    )
    from sklearn.base import clone

    X_train, ytr, X_test = data
    sensitive_train, sensitive_test = sensitive
    base = clone(estimator).fit(X_train, ytr)
    preds: dict[str, np.ndarray] = {"before": (base.predict_proba(X_test)[:, 1] >= cut).astype(np.uint8)}
    models: dict[str, Any] = {"before": base}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method in ("threshold", "both"):
            to = ThresholdOptimizer(
                estimator=base,
                constraints=constraint,
                prefit=True,
                predict_method="predict_proba",
                objective=objective,
            )
            to.fit(X_train, ytr, sensitive_features=sensitive_train)
            preds["threshold optimiser"] = np.asarray(
                to.predict(X_test, sensitive_features=sensitive_test, random_state=seed)
            ).astype(np.uint8)
            models["threshold optimiser"] = to
        if method in ("reduction", "both"):
            moment = {
                "demographic_parity": DemographicParity,
                "true_positive_rate_parity": TruePositiveRateParity,
                "false_positive_rate_parity": FalsePositiveRateParity,
                "equalized_odds": EqualizedOdds,
            }[constraint]()
            weight_name = "sample_weight"
            if hasattr(estimator, "steps"):  # a Pipeline passes weights to its last step by name
                weight_name = f"{estimator.steps[-1][0]}__sample_weight"
            eg = ExponentiatedGradient(clone(estimator), constraints=moment, sample_weight_name=weight_name)
            eg.fit(X_train, ytr, sensitive_features=sensitive_train)
            preds["exponentiated gradient"] = np.asarray(eg.predict(X_test, random_state=seed)).astype(
                np.uint8
            )
            models["exponentiated gradient"] = eg
    return preds, models


def _summary(gaps: dict[str, dict[str, float]], constraint: str) -> str:
    parts = []
    before = gaps["before"]
    for name in [p for p in gaps if p != "before"]:
        after = gaps[name]
        worse = [
            f"{_GAPS[k].split(' (')[0].lower()} ({num(before[k], 3)} to {num(after[k], 3)})"
            for k in _GAPS
            if k != constraint and after[k] > before[k] + 0.005
        ]
        parts.append(
            f"With the {name}, the {CONSTRAINTS[constraint]} gap went from {num(before[constraint], 3)} to "
            f"{num(after[constraint], 3)}, and accuracy from {pct(before['accuracy'])} to "
            f"{pct(after['accuracy'])}; it picked out {pct(after['selection_rate'])} of people instead of "
            f"{pct(before['selection_rate'])}."
            + (
                f" But other gaps widened: {listing(worse)}."
                if worse
                else " No other gap widened by more than half a percentage point."
            )
        )
    parts.append(
        "A mitigation is a choice with costs, not a fix: record in the equality impact assessment which "
        "gap you chose to close, why, and what it did to the others."
    )
    return "\n\n".join(parts)


def _sections(comparison: pd.DataFrame, by_group: pd.DataFrame) -> list[Section]:
    view = comparison.copy()
    view.insert(0, "Measure", [_ROW_NAMES[r] for r in _ROWS])
    view = view.reset_index(drop=True)
    for col in comparison.columns:
        view[col] = [num(v, 3) for v in view[col]]
    group_view = by_group.pivot_table(index="group", columns="model", values="selection_rate", sort=False)
    group_view = group_view.reset_index()
    for col in group_view.columns[1:]:
        group_view[col] = [pct(v) for v in group_view[col]]
    return [
        Section(
            "Before and after, on every measure",
            "Gaps are the largest minus the smallest group value, from 0 (no gap) to 1. All numbers are on "
            "the test data, which neither the model nor the mitigation saw while fitting.",
            tables=[Table("Accuracy and fairness gaps", view)],
        ),
        Section(
            "Share picked out in each group", tables=[Table("Selection rate by group and model", group_view)]
        ),
        Section(
            "Before you use a mitigation",
            "- The threshold optimiser uses each person's protected characteristic when deciding (a "
            "different threshold per group). In the UK, treating someone differently because of a protected "
            "characteristic can be direct discrimination unless an exception applies: take legal advice "
            "first.\n"
            "- Both methods make some decisions at random between two options. Record the seed, and "
            "explain this to residents if it applies to them.\n"
            "- A gap can come from a biased label. Mitigating against a biased label moves the bias rather "
            "than removing it.",
        ),
    ]
