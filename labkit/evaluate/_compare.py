"""Comparing models on the same test cases: the paired DeLong test of ROC-AUC."""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._stats import z_value
from labkit._text import count, num
from labkit.evaluate import _validate as v
from labkit.evaluate._metrics import delong_components
from labkit.evaluate._model import score
from labkit.evaluate._words import Words


class ModelComparison(Report):
    """ROC-AUC of several models on the same cases, and each one's paired difference from a reference."""

    kind = "ModelComparison"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        models: pd.DataFrame,
        differences: pd.DataFrame,
    ) -> None:
        self.models = models
        self.differences = differences
        super().__init__(title, summary, sections, frame=differences)

    def _extra_dict(self) -> dict[str, Any]:
        return {"models": self.models, "differences": self.differences}


def compare_models(
    y_true: Any,
    scores: Mapping[str, Any],
    *,
    X: Any = None,
    reference: str | None = None,
    pos_label: Any = None,
    confidence: float = 0.95,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
) -> ModelComparison:
    """Compare models on the same test cases, with a paired test of their ROC-AUC.

    Two models scored on the same cases make correlated errors, so their
    separate intervals overlap more than their difference deserves. The paired
    test of DeLong, DeLong and Clarke-Pearson (1988) uses that correlation: it
    gives an interval for the *difference* in ROC-AUC.

    Parameters
    ----------
    y_true : array-like
        True outcomes of the test cases.
    scores : dict
        Model name -> predicted probabilities for the same cases, or a fitted
        classifier (then pass ``X``).
    X : pandas.DataFrame, optional
        Test features, for the fitted classifiers in ``scores``.
    reference : str, optional
        The model the others are compared with; by default the first.
    pos_label, confidence, noun, outcome
        As in :func:`evaluate`.

    Returns
    -------
    ModelComparison

    Examples
    --------
    >>> from labkit.evaluate import compare_models
    >>> y = [1, 0, 1, 0, 1, 0, 1, 0]
    >>> result = compare_models(y, {"simple": [0.9, 0.2, 0.7, 0.6, 0.4, 0.1, 0.8, 0.3],
    ...                             "coin toss": [0.5] * 8})
    >>> result.differences["model"].tolist()
    ['coin toss']
    >>> float(round(result.differences["difference"].iloc[0], 3))
    -0.438
    """
    w = Words.make(noun, outcome)
    conf = v.confidence_level(confidence)
    labels, arrays, reference = _check_inputs(y_true, scores, X, reference, pos_label, w)
    names = list(arrays)
    models, differences, lines = _delong(labels, arrays, reference, conf)
    summary = (
        f"{count(len(names))} models compared on the same {w.n(labels.size)} ({count(int(labels.sum()))} "
        f"{w.outcome}). "
        + " ".join(lines)
        + " The interval is for the difference itself, from the paired test of DeLong and colleagues (1988): "
        "it allows for both models being tested on the same cases."
    )
    sections = [
        Section(
            "Each model",
            f"ROC-AUC with {conf:.0%} DeLong intervals, each on its own.",
            tables=[Table("ROC-AUC of each model", models)],
        ),
        Section(
            f"Differences from {reference}",
            "A model is clearly better only if the whole interval of its difference lies above zero.",
            tables=[Table(f"Paired differences in ROC-AUC from {reference}", differences)],
        ),
    ]
    return ModelComparison("Model comparison", summary, sections, models, differences)


def _check_inputs(
    y_true: Any, scores: Any, X: Any, reference: str | None, pos_label: Any, w: Words
) -> tuple[np.ndarray, dict[str, np.ndarray], str]:
    """The labels, each model's scores (by name, in order) and the reference model's name."""
    labels = v.as_labels(y_true, "y_true", pos_label)
    v.both_classes(labels, "y_true", w.singular)
    if not isinstance(scores, Mapping) or len(scores) < 2:
        raise LabkitError(
            "scores must name at least two models, each with its scores.",
            where="parameter scores",
            fix="Pass e.g. {'logistic regression': p1, 'tree ensemble': p2}.",
        )
    names = [str(k) for k in scores]
    if reference is None:
        reference = names[0]
    if reference not in names:
        raise LabkitError(
            f"reference={reference!r} is not one of the models.",
            where="parameter reference",
            fix=f"Use one of {', '.join(repr(n) for n in names)}.",
        )
    arrays: dict[str, np.ndarray] = {}
    for key, value in scores.items():
        if hasattr(value, "predict_proba"):
            value = score(value, X, pos_label)
        arr = v.as_scores(value, f"scores[{str(key)!r}]", probabilities=False)
        v.same_length(labels, arr, "y_true", f"scores[{str(key)!r}]")
        arrays[str(key)] = arr
    return labels, arrays, reference


def _delong(
    labels: np.ndarray, arrays: dict[str, np.ndarray], reference: str, conf: float
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Each model's ROC-AUC with its interval, each one's paired difference from the reference, in words."""
    names = list(arrays)
    z = z_value(conf)
    m, n = int(labels.sum()), int((~labels).sum())
    comps = {k: delong_components(labels, a) for k, a in arrays.items()}
    v10 = np.vstack([comps[k][0] for k in names])  # models x positives
    v01 = np.vstack([comps[k][1] for k in names])
    aucs = v10.mean(axis=1)
    cov = np.atleast_2d(np.cov(v10)) / m + np.atleast_2d(np.cov(v01)) / n
    se = np.sqrt(np.diag(cov))
    models = pd.DataFrame(
        {
            "model": names,
            "ROC-AUC": aucs,
            "lower": np.clip(aucs - z * se, 0, 1),
            "upper": np.clip(aucs + z * se, 0, 1),
        }
    )
    r = names.index(reference)
    rows = []
    lines = []
    for i, name in enumerate(names):
        if i == r:
            continue
        diff = float(aucs[i] - aucs[r])
        var = float(cov[i, i] + cov[r, r] - 2 * cov[i, r])
        sd = float(np.sqrt(max(var, 0.0)))
        lo, hi = diff - z * sd, diff + z * sd
        p = 2 * (1 - NormalDist().cdf(abs(diff) / sd)) if sd > 0 else (0.0 if diff else 1.0)
        if lo > 0:
            verdict = f"clearly better than {reference}"
        elif hi < 0:
            verdict = f"clearly worse than {reference}"
        else:
            verdict = f"not clearly different from {reference}"
        rows.append(
            {"model": name, "difference": diff, "lower": lo, "upper": hi, "p-value": p, "verdict": verdict}
        )
        lines.append(
            f"{name[:1].upper()}{name[1:]} scores ROC-AUC {num(aucs[i], 3)} against {num(aucs[r], 3)} for "
            f"{reference}: a difference of {diff:+.3f} ({conf:.0%} interval {lo:+.3f} to {hi:+.3f}), so it "
            f"is {verdict}."
        )
    return models, pd.DataFrame(rows), lines
