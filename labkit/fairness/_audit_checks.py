"""The audit's first step: check every input at the boundary and say what is wrong in plain English.

:func:`check_audit_inputs` turns what the caller passed into :class:`AuditInputs`
(labels, decisions, scores and coded sensitive features, rows with missing
values already dropped when asked) or raises one :class:`~labkit.LabkitError`.
Labels, scores, thresholds and sensitive features are read by the shared
:mod:`labkit.fairness._inputs`; the audit's own parameters are checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from labkit._errors import LabkitError
from labkit._text import count, listing
from labkit.fairness import _inputs

__all__ = ["AuditInputs", "check_audit_inputs", "label", "resolve_references"]


def label(value: Any) -> str:
    """A group's value as the text the report shows."""
    return str(value)


@dataclass(frozen=True)
class AuditInputs:
    """Everything the audit computes from, checked: one entry per row kept."""

    y_true: np.ndarray
    y_pred: np.ndarray
    score: np.ndarray | None
    threshold: float | None
    features: list[_inputs.Feature]
    rows: int
    rows_dropped: int
    min_n: int
    confidence: float
    nouns: tuple[str, str]
    kind: str | None


def _check_noun(noun: Any) -> tuple[str, str]:
    forms = (noun, noun + "s") if isinstance(noun, str) else noun
    if (
        not isinstance(forms, tuple | list)
        or len(forms) != 2
        or not all(isinstance(w, str) and w.strip() for w in forms)
    ):
        raise LabkitError(
            f"noun must be a word or a pair of words (one, many), not {noun!r}.",
            where="parameter noun",
            fix='Say what one row is, for example noun="repair" or noun=("person", "people").',
        )
    return forms[0].strip(), forms[1].strip()


def _check_kind(kind: Any) -> str | None:
    if kind not in (None, "assistive", "punitive"):
        raise LabkitError(
            f"kind must be 'assistive', 'punitive' or None, not {kind!r}.",
            where="parameter kind",
            fix="Use kind='assistive' if being picked out brings help (a priority visit), 'punitive' if it "
            "brings scrutiny or sanctions (a fraud check).",
        )
    return kind


def _check_min_n(min_n: Any) -> int:
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise LabkitError(
            f"min_n must be a whole number of people, 1 or more, not {min_n!r}.",
            where="parameter min_n",
            fix="Use for example min_n=30.",
        )
    return int(min_n)


def _check_confidence(confidence: Any) -> float:
    if not 0.5 <= float(confidence) < 1:
        raise LabkitError(
            f"confidence must be between 0.5 and 1, not {confidence!r}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )
    return float(confidence)


def _check_feature(feature: _inputs.Feature) -> None:
    numeric = [v for v in feature.labels if isinstance(v, (int, float, np.integer, np.floating))]
    if len(numeric) > 20 and len(numeric) == len(feature.labels):
        raise LabkitError(
            f"The sensitive feature {feature.name!r} has {count(len(numeric))} different numbers, so each "
            "value would be its own tiny group.",
            where=f"sensitive feature {feature.name!r}",
            fix="Group it into bands first, for example pd.cut(df['tenant_age'], [0, 25, 45, 65, 120]).",
        )
    if feature.k < 2:
        raise LabkitError(
            f"The sensitive feature {feature.name!r} has only one group "
            f"({label(feature.labels[0])!r}), so "
            "there is nothing to compare.",
            where=f"sensitive feature {feature.name!r}",
            fix="Check that filtering has not removed the other groups, or leave this feature out.",
        )


def check_audit_inputs(
    y_true: Any,
    y_pred: Any,
    y_score: Any,
    threshold: Any,
    sensitive_features: Any,
    *,
    min_n: Any,
    missing: str,
    kind: Any,
    noun: Any,
    confidence: Any,
) -> AuditInputs:
    """Check the arguments of :func:`~labkit.fairness.audit`; raise a LabkitError on the first problem."""
    kind = _check_kind(kind)
    min_n = _check_min_n(min_n)
    nouns = _check_noun(noun)
    confidence = _check_confidence(confidence)
    yt = _inputs.binary(y_true, "y_true")
    n = len(yt)
    if (y_pred is None) == (y_score is None):
        raise LabkitError(
            "Give the model's decisions (y_pred) or its scores (y_score), not both and not neither.",
            where="parameters y_pred and y_score",
            fix="Pass y_pred=model.predict(X), or y_score=model.predict_proba(X)[:, 1] with a threshold.",
        )
    score = None
    cut = None
    if y_score is not None:
        score = _inputs.scores(y_score, "y_score", n)
        cut = _inputs.threshold_value(threshold)
        yp = (score >= cut).astype(np.uint8)
    else:
        yp = _inputs.binary(y_pred, "y_pred", n)
    features, keep = _inputs.sensitive(sensitive_features, n, missing)
    for feature in features:
        _check_feature(feature)
    dropped = int((~keep).sum())
    if dropped:
        yt, yp = yt[keep], yp[keep]
        score = score[keep] if score is not None else None
    return AuditInputs(yt, yp, score, cut, features, n, dropped, min_n, confidence, nouns, kind)


def resolve_references(
    reference: Any, features: list[_inputs.Feature], counts_by_feature: list[np.ndarray]
) -> dict[str, str]:
    """Each feature's reference group: the one asked for (checked), or else its largest group."""
    out: dict[str, str] = {}
    if reference is not None and not isinstance(reference, dict):
        if len(features) > 1:
            raise LabkitError(
                "With several sensitive features, reference must name a group for each feature.",
                where="parameter reference",
                fix="Pass a dictionary, for example reference={'tenant_sex': 'Female', "
                "'tenant_ethnic_group_5': 'White'}, or leave it out to use each feature's largest group.",
            )
        reference = {features[0].name: reference}
    reference = dict(reference or {})
    unknown = [k for k in reference if k not in {f.name for f in features}]
    if unknown:
        raise LabkitError(
            f"reference names {listing([repr(u) for u in unknown])}, which is not one of the sensitive "
            "features.",
            where="parameter reference",
            fix=f"Use the feature names {listing([repr(f.name) for f in features])}.",
        )
    for feature, counts in zip(features, counts_by_feature, strict=True):
        labels = [label(v) for v in feature.labels]
        if feature.name not in reference:
            out[feature.name] = labels[int(np.argmax(counts.sum(axis=1)))]
            continue
        wanted = reference[feature.name]
        if label(wanted) not in labels:
            emptied = [label(v) for v in feature.empty_categories]
            why = (
                " It is a category of the column but no rows are left in it (was the data filtered?)."
                if label(wanted) in emptied
                else ""
            )
            raise LabkitError(
                f"The reference group {wanted!r} is not present in {feature.name!r}.{why}",
                where="parameter reference",
                fix=f"Choose one of {listing([repr(v) for v in labels], 'or')}.",
            )
        out[feature.name] = label(wanted)
    return out
