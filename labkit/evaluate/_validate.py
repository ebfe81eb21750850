"""Input checks at the public boundary of ``labkit.evaluate``.

Labels, scores, lengths and thresholds are checked by the shared layer in
:mod:`labkit._inputs`, so the same mistake gets the same words in ``evaluate``,
``fairness`` and ``quality``; this module adds the checks only evaluation needs
(both outcomes present, costs and capacities, confidence levels).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from labkit import _inputs
from labkit._errors import LabkitError
from labkit._inputs import show, threshold_value
from labkit._text import count, plural_of

__all__ = [
    "as_labels",
    "as_scores",
    "both_classes",
    "confidence_level",
    "non_negative",
    "same_length",
    "threshold_value",
]


def as_labels(y: Any, where: str, pos_label: Any = None) -> np.ndarray:
    """Return the true labels as a boolean numpy array (True = the outcome happened)."""
    return _inputs.labels(y, where, pos_label=pos_label)


def as_scores(s: Any, where: str, *, probabilities: bool = True) -> np.ndarray:
    """Return scores as a float array, checking they are numbers (and probabilities)."""
    return _inputs.scores(s, where, probabilities=probabilities)


def same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Refuse two inputs of different lengths, in the shared words."""
    _inputs.check_length(b, len(a), name_b, name_a)


def both_classes(y: np.ndarray, where: str, noun: str = "case") -> None:
    """Refuse outcomes that are all of one kind: the metrics are then not defined."""
    if y.size == 0:
        raise LabkitError(
            f"{where} is empty.", where=f"parameter {where}", fix="Pass at least one case of each outcome."
        )
    positives = int(y.sum())
    if positives == 0 or positives == y.size:
        kind = "had the outcome" if positives else "did not have the outcome"
        raise LabkitError(
            f"Every one of the {count(y.size)} {plural_of(noun)} in {where} {kind}, so there is nothing "
            "to tell apart and the metrics are not defined.",
            where=f"parameter {where}",
            fix="Test on a set that holds both outcomes, for example a whole year rather than one week.",
        )


def non_negative(value: Any, where: str, *, whole: bool = False, allow_none: bool = True) -> Any:
    """A cost or capacity of 0 or more (a whole number when ``whole``)."""
    if value is None:
        if allow_none:
            return None
        raise LabkitError(f"{where} is missing.", where=f"parameter {where}")
    kind = "a whole number" if whole else "a number"
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{where} must be {kind} of 0 or more, not {show(value)}.", where=f"parameter {where}"
        ) from exc
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise LabkitError(
            f"{where} must be {kind} of 0 or more, not {show(value)}.",
            where=f"parameter {where}",
            fix="Costs and capacities cannot be negative; use 0 for 'no cost'.",
        )
    if whole:
        if number != int(number):
            raise LabkitError(
                f"{where} must be a whole number of cases, not {show(value)}.",
                where=f"parameter {where}",
                fix=f"Round it, for example {where}={int(number)}.",
            )
        return int(number)
    return number


def confidence_level(c: Any) -> float:
    """A confidence level of at least 0.5 and below 1."""
    try:
        value = float(c)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"confidence must be a number between 0 and 1, not {show(c)}.", where="parameter confidence"
        ) from exc
    if not 0.5 <= value < 1.0:
        raise LabkitError(
            f"confidence must be at least 0.5 and below 1, not {show(c)}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )
    return value
