"""Input checks at the public boundary of ``labkit.evaluate``.

Every check raises :class:`labkit.LabkitError` with what is wrong, where and how
to fix it, so that an officer never sees a numpy or scikit-learn traceback.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._text import count, listing


def _preview(values: list[Any], limit: int = 4) -> str:
    shown = [repr(v) for v in values[:limit]]
    if len(values) > limit:
        shown.append(f"and {count(len(values) - limit)} more")
    return listing(shown)


def as_labels(y: Any, where: str, pos_label: Any = None) -> np.ndarray:
    """Return the true labels as a boolean numpy array (True = the outcome happened)."""
    if y is None:
        raise LabkitError(f"{where} is missing.", where=f"parameter {where}", fix="Pass the true outcomes.")
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise LabkitError(
                f"{where} has {y.shape[1]} columns; labkit needs one column of true outcomes.",
                where=f"parameter {where}",
                fix="Pass one column, for example df['target_missed'].",
            )
        y = y.iloc[:, 0]
    try:
        series = pd.Series(y) if not isinstance(y, pd.Series) else y
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{where} could not be read as a list of outcomes ({exc}).",
            where=f"parameter {where}",
            fix="Pass a column, list or array of True/False or 1/0 values.",
        ) from exc
    if series.ndim != 1:
        raise LabkitError(f"{where} must be one-dimensional.", where=f"parameter {where}")
    missing = int(series.isna().sum())
    if missing:
        rows = np.flatnonzero(series.isna().to_numpy())[:5].tolist()
        raise LabkitError(
            f"{where} has {count(missing)} missing outcomes (first at positions {listing(map(str, rows))}).",
            where=f"parameter {where}",
            fix="Remove the rows whose outcome is not known before evaluating.",
        )
    values = series.to_numpy()
    if values.dtype == bool:
        labels = values.astype(bool)
        found = sorted(set(labels.tolist()))
    else:
        try:
            found = sorted(pd.unique(values).tolist())
        except TypeError:
            found = list(pd.unique(values).tolist())
        if pos_label is not None:
            if pos_label not in found:
                raise LabkitError(
                    f"pos_label={pos_label!r} does not appear in {where}, which holds {_preview(found)}.",
                    where="parameter pos_label",
                    fix="Pass one of the values that mark the outcome you want to find.",
                )
            if len(found) > 2:
                raise LabkitError(
                    f"{where} must hold two kinds of outcome, but it holds {count(len(found))} "
                    f"different values: {_preview(found)}.",
                    where=f"parameter {where}",
                    fix="Turn the outcome into yes/no first, for example df['status'] == 'missed'.",
                )
            labels = values == pos_label
        elif all(isinstance(v, (bool, np.bool_, int, np.integer, float, np.floating)) for v in found) and set(
            found
        ) <= {0, 1}:
            labels = values.astype(float) == 1.0
        else:
            if len(found) == 2:
                fix = f"Say which value is the outcome to find, for example pos_label={found[1]!r}."
            else:
                fix = "Turn the outcome into yes/no first, for example df['status'] == 'missed'."
            raise LabkitError(
                f"{where} must be binary (True/False or 1/0), but it holds {count(len(found))} "
                f"different values: {_preview(found)}.",
                where=f"parameter {where}",
                fix=fix,
            )
    return np.ascontiguousarray(labels, dtype=bool)


def as_scores(s: Any, where: str, *, probabilities: bool = True) -> np.ndarray:
    """Return scores as a float array, checking they are numbers (and probabilities)."""
    if s is None:
        raise LabkitError(f"{where} is missing.", where=f"parameter {where}", fix="Pass the model's scores.")
    if isinstance(s, pd.DataFrame):
        if s.shape[1] != 1:
            raise LabkitError(
                f"{where} has {s.shape[1]} columns; labkit needs one score per case.",
                where=f"parameter {where}",
                fix="Pass the probability of the outcome, for example model.predict_proba(X)[:, 1].",
            )
        s = s.iloc[:, 0]
    if isinstance(s, np.ndarray) and s.ndim == 2:
        raise LabkitError(
            f"{where} must be one score per case, but it is a table with {s.shape[1]} columns.",
            where=f"parameter {where}",
            fix="predict_proba gives one column per class: take the second, model.predict_proba(X)[:, 1].",
        )
    try:
        arr = np.asarray(pd.Series(s).astype("float64"), dtype=float)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{where} must be numbers, but some values are not ({exc}).",
            where=f"parameter {where}",
            fix="Pass the probability of the outcome, for example model.predict_proba(X)[:, 1].",
        ) from exc
    if arr.ndim != 1:
        raise LabkitError(
            f"{where} must be one score per case, but it has shape {arr.shape}.",
            where=f"parameter {where}",
            fix="For a scikit-learn model, take the second column: model.predict_proba(X)[:, 1].",
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        rows = np.flatnonzero(bad)[:5].tolist()
        raise LabkitError(
            f"{where} has {count(int(bad.sum()))} missing or infinite scores "
            f"(first at positions {listing(map(str, rows))}).",
            where=f"parameter {where}",
            fix="Every case needs a score: fill the model's missing inputs, or drop those rows from both "
            "the scores and the true outcomes.",
        )
    if probabilities and arr.size and (arr.min() < 0.0 or arr.max() > 1.0):
        raise LabkitError(
            f"{where} must be probabilities between 0 and 1, but they run from {arr.min():.4g} "
            f"to {arr.max():.4g}.",
            where=f"parameter {where}",
            fix="Use model.predict_proba(X)[:, 1], not decision_function or a raw points score.",
        )
    return arr


def same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if len(a) != len(b):
        raise LabkitError(
            f"{name_a} has {count(len(a))} values but {name_b} has {count(len(b))}; they must match "
            "one to one.",
            where=f"parameters {name_a} and {name_b}",
            fix="Pass the outcomes and scores of the same cases, in the same order.",
        )


def both_classes(y: np.ndarray, where: str, noun: str = "case") -> None:
    if y.size == 0:
        raise LabkitError(
            f"{where} is empty.", where=f"parameter {where}", fix="Pass at least one case of each outcome."
        )
    positives = int(y.sum())
    if positives == 0 or positives == y.size:
        kind = "had the outcome" if positives else "did not have the outcome"
        raise LabkitError(
            f"Every one of the {count(y.size)} {noun}s in {where} {kind}, so there is nothing to tell "
            "apart and the metrics are not defined.",
            where=f"parameter {where}",
            fix="Test on a set that holds both outcomes, for example a whole year rather than one week.",
        )


def threshold_value(t: Any, where: str = "threshold") -> float:
    try:
        value = float(t)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{where} must be a number between 0 and 1, not {t!r}.",
            where=f"parameter {where}",
            fix="Pass for example threshold=0.5.",
        ) from exc
    if not (0.0 <= value <= 1.0) or math.isnan(value):
        raise LabkitError(
            f"{where} must be between 0 and 1, not {t!r}.",
            where=f"parameter {where}",
            fix="Scores are probabilities, so thresholds run from 0 (flag everyone) to 1.",
        )
    return value


def non_negative(value: Any, where: str, *, whole: bool = False, allow_none: bool = True) -> Any:
    if value is None:
        if allow_none:
            return None
        raise LabkitError(f"{where} is missing.", where=f"parameter {where}")
    kind = "a whole number" if whole else "a number"
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"{where} must be {kind} of 0 or more, not {value!r}.", where=f"parameter {where}"
        ) from exc
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise LabkitError(
            f"{where} must be {kind} of 0 or more, not {value!r}.",
            where=f"parameter {where}",
            fix="Costs and capacities cannot be negative; use 0 for 'no cost'.",
        )
    if whole:
        if number != int(number):
            raise LabkitError(
                f"{where} must be a whole number of cases, not {value!r}.",
                where=f"parameter {where}",
                fix=f"Round it, for example {where}={int(number)}.",
            )
        return int(number)
    return number


def confidence_level(c: Any) -> float:
    try:
        value = float(c)
    except (TypeError, ValueError) as exc:
        raise LabkitError(
            f"confidence must be a number between 0 and 1, not {c!r}.", where="parameter confidence"
        ) from exc
    if not 0.5 <= value < 1.0:
        raise LabkitError(
            f"confidence must be at least 0.5 and below 1, not {c!r}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )
    return value
