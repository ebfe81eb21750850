"""Scoring a fitted scikit-learn model safely, and describing it in plain words."""

from __future__ import annotations

from typing import Any

import numpy as np

from labkit._errors import LabkitError
from labkit._inputs import require_unique_names
from labkit._text import count, listing


def positive_index(classes: Any, pos_label: Any = None) -> int:
    classes = list(classes)
    if len(classes) != 2:
        raise LabkitError(
            f"The model predicts {count(len(classes))} classes ({listing([repr(c) for c in classes])}); "
            "labkit.evaluate is for yes/no outcomes.",
            where="parameter model",
            fix="Train the model on a yes/no outcome such as target_missed.",
        )
    if pos_label is not None:
        if pos_label not in classes:
            raise LabkitError(
                f"pos_label={pos_label!r} is not one of the model's classes ({listing(map(repr, classes))}).",
                where="parameter pos_label",
                fix="Pass one of the model's classes.",
            )
        return classes.index(pos_label)
    for candidate in (True, 1):
        for i, c in enumerate(classes):
            if c == candidate and not isinstance(c, str):
                return i
    return 1


def check_fitted(model: Any) -> None:
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    if not hasattr(model, "predict_proba"):
        raise LabkitError(
            f"The model ({type(model).__name__}) cannot give probabilities: it has no predict_proba method.",
            where="parameter model",
            fix="Use a classifier such as LogisticRegression or HistGradientBoostingClassifier, or pass "
            "y_true and y_score yourself.",
        )
    try:
        check_is_fitted(model)
    except NotFittedError as exc:
        raise LabkitError(
            f"The model ({type(model).__name__}) has not been trained yet.",
            where="parameter model",
            fix="Call model.fit(X_train, y_train) first, then evaluate it on the test data.",
        ) from exc
    except TypeError as exc:
        raise LabkitError(
            f"{type(model).__name__} is not a scikit-learn model.",
            where="parameter model",
            fix="Pass a fitted scikit-learn classifier, or pass y_true and y_score yourself.",
        ) from exc


def score(model: Any, X: Any, pos_label: Any = None) -> np.ndarray:
    """Probabilities of the positive class from a fitted classifier, with plain-English errors."""
    check_fitted(model)
    if X is None:
        raise LabkitError(
            "X is missing.", where="parameter X", fix="Pass the test features the model should score."
        )
    if hasattr(X, "columns"):
        require_unique_names(X, "X")
    try:
        proba = np.asarray(model.predict_proba(X), dtype=float)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise LabkitError(
            f"The model could not score X: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}.",
            where="parameter X",
            fix="Pass the same columns, with the same kinds of values, that the model was trained on.",
        ) from exc
    idx = positive_index(getattr(model, "classes_", [0, 1]), pos_label)
    return proba[:, idx]


def describe_model(model: Any) -> str:
    """A short plain description of a scikit-learn model or pipeline, e.g. for a model card."""
    from sklearn.pipeline import Pipeline

    if isinstance(model, Pipeline):
        steps = [describe_model(step) for _, step in model.steps if step not in (None, "passthrough")]
        return "a scikit-learn pipeline: " + " then ".join(steps)
    name = type(model).__name__
    if name == "ColumnTransformer":
        parts = []
        for _, trans, cols in getattr(model, "transformers_", getattr(model, "transformers", [])):
            if trans in ("drop",):
                continue
            label = trans if isinstance(trans, str) else type(trans).__name__
            try:
                n = len(cols)
            except TypeError:
                n = 0
            parts.append(f"{label} on {count(n)} column{'s' if n != 1 else ''}")
        return "ColumnTransformer (" + "; ".join(parts) + ")"
    params = []
    try:
        defaults = type(model)().get_params(deep=False)
        for key, value in model.get_params(deep=False).items():
            simple = isinstance(value, (int, float, str, bool)) or value is None
            if simple and key in defaults and defaults[key] is not value and defaults[key] != value:
                params.append(f"{key}={value!r}")
    except (TypeError, ValueError):
        pass
    return f"{name}({', '.join(params)})"


def feature_names(model: Any, X: Any) -> list[str]:
    names = getattr(model, "feature_names_in_", None)
    if names is not None:
        return [str(n) for n in names]
    columns = getattr(X, "columns", None)
    if columns is not None:
        return [str(c) for c in columns]
    return [f"feature {i}" for i in range(np.asarray(X).shape[1])]
