"""Explanations in plain words: what the model leans on, and what pushed one case's score."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._style import OKABE_ITO
from labkit._text import count, listing, num, pct
from labkit.evaluate import _validate as v
from labkit.evaluate._model import check_fitted, feature_names, score
from labkit.evaluate._words import Words


def _sample(X: pd.DataFrame, y: np.ndarray | None, max_rows: int, seed: int):
    if len(X) <= max_rows:
        return X, y
    idx = np.sort(np.random.default_rng(seed).choice(len(X), size=max_rows, replace=False))
    return X.iloc[idx], (y[idx] if y is not None else None)


def _check_frame(X: Any) -> pd.DataFrame:
    if not isinstance(X, pd.DataFrame):
        raise LabkitError(
            f"X must be a pandas DataFrame with named columns, not {type(X).__name__}.",
            where="parameter X",
            fix="Pass the test features as a DataFrame, e.g. test[features].",
        )
    if X.empty:
        raise LabkitError("X has no rows.", where="parameter X", fix="Pass the test features.")
    return X


def _is_categorical(s: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s))


class ExplanationReport(Report):
    """What the model leans on (permutation importance) and how the score moves (partial dependence)."""

    kind = "ExplanationReport"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        importance: pd.DataFrame,
        dependence: dict[str, pd.DataFrame],
    ) -> None:
        self.importance = importance
        self.dependence = dependence
        #: The partial dependence chart, or None when ``plot=False``.
        self.figure = next((f for s in sections for f in s.figures), None)
        super().__init__(title, summary, sections, frame=importance)

    def _extra_dict(self) -> dict[str, Any]:
        return {"importance": self.importance, "dependence": self.dependence}


def explain_model(
    model: Any,
    X: pd.DataFrame,
    y: Any,
    *,
    n_repeats: int = 5,
    max_rows: int = 5000,
    top: int = 3,
    seed: int = 0,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
    plot: bool = True,
) -> ExplanationReport:
    """Explain what a fitted model leans on, in words a board can follow.

    *Permutation importance* shuffles one column at a time and measures how much
    the model's ROC-AUC falls: a big fall means the model relies on that column.
    *Partial dependence* sets a column to each value in turn for every case and
    shows how the average predicted chance moves. Both describe the model, not
    the world: a column can matter to the model without causing the outcome.

    Parameters
    ----------
    model : fitted scikit-learn classifier
    X : pandas.DataFrame
        Test features (not changed).
    y : array-like
        True test outcomes.
    n_repeats : int, default 5
        Shuffles per column; the table shows the mean and spread.
    max_rows : int, default 5000
        Larger data are sampled (seeded) to this many rows, for speed.
    top : int, default 3
        Partial dependence is shown for this many of the most important columns.
    seed : int, default 0
    noun, outcome : str
        As in :func:`evaluate`.
    plot : bool, default True
        Include the partial dependence charts (drawn only when the report is shown).

    Returns
    -------
    ExplanationReport

    Examples
    --------
    >>> from labkit import data
    >>> from labkit.evaluate import evaluate, temporal_split
    >>> from sklearn.linear_model import LogisticRegression
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> train, test = temporal_split(repairs, "financial_year")
    >>> cols = ["no_access_visits", "imd_decile", "target_working_days"]
    >>> model = LogisticRegression().fit(train[cols], train["target_missed"])
    >>> from labkit.evaluate import explain_model
    >>> explanation = explain_model(model, test[cols], test["target_missed"], max_rows=1000, plot=False)
    >>> explanation.importance["feature"].iloc[0]
    'no_access_visits'
    """
    w = Words.make(noun, outcome)
    X = _check_frame(X)
    check_fitted(model)
    labels = v.as_labels(y, "y")
    v.same_length(np.empty(len(X)), labels, "X", "y")
    v.both_classes(labels, "y", w.singular)
    for name, value, low in (("n_repeats", n_repeats, 1), ("max_rows", max_rows, 50), ("top", top, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise LabkitError(
                f"{name} must be a whole number of at least {low}, not {value!r}.", where=f"parameter {name}"
            )
    score(model, X.iloc[:5])  # fails early, in plain words, if X does not fit the model
    Xs, ys = _sample(X, labels, max_rows, seed)
    Xs = Xs.copy()  # never change the caller's frame
    for col in Xs.columns:
        # scikit-learn's partial dependence refuses whole-number columns; floats give the same model output.
        if pd.api.types.is_integer_dtype(Xs[col]) and not pd.api.types.is_bool_dtype(Xs[col]):
            Xs[col] = Xs[col].astype("float64")
    imp = _importance(model, Xs, ys, n_repeats, seed)
    dependence, pd_sentences = _dependence(model, Xs, imp["feature"].head(top))
    summary = _importance_summary(imp, pd_sentences, n_repeats, w.n(len(Xs)))
    figures = [_pd_figure(dependence, w)] if plot and dependence else []
    sections = [
        Section(
            "What the model leans on (permutation importance)",
            "Each column is shuffled in turn, breaking its link to the outcome; the fall in ROC-AUC shows "
            "how much the model relied on it.",
            tables=[Table("Permutation importance", imp)],
        ),
        Section(
            "How the score moves (partial dependence)",
            "\n".join(pd_sentences),
            tables=[Table(f"Partial dependence: {k}", f) for k, f in dependence.items()],
            figures=figures,
        ),
    ]
    return ExplanationReport("What the model leans on", summary, sections, imp, dependence)


def _importance(model: Any, Xs: pd.DataFrame, ys: np.ndarray, n_repeats: int, seed: int) -> pd.DataFrame:
    """Permutation importance (fall in ROC-AUC), largest first, with what each fall means."""
    from sklearn.inspection import permutation_importance

    result = permutation_importance(model, Xs, ys, scoring="roc_auc", n_repeats=n_repeats, random_state=seed)
    imp = (
        pd.DataFrame(
            {
                "feature": feature_names(model, Xs),
                "drop in ROC-AUC": result.importances_mean,
                "spread": result.importances_std,
            }
        )
        .sort_values("drop in ROC-AUC", ascending=False, kind="stable")
        .reset_index(drop=True)
    )

    def meaning(row: pd.Series) -> str:
        d = row["drop in ROC-AUC"]
        if d >= 0.02:
            return "the model leans on this"
        if d >= 0.005:
            return "used a little"
        return "barely used: shuffling it changes almost nothing"

    imp["meaning"] = imp.apply(meaning, axis=1)
    return imp


def _dependence(model: Any, Xs: pd.DataFrame, features: Any) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Partial dependence of each feature, and a sentence on how the average predicted chance moves."""
    from sklearn.inspection import partial_dependence

    dependence: dict[str, pd.DataFrame] = {}
    sentences = []
    for feat in features:
        cat = _is_categorical(Xs[feat])
        res = partial_dependence(
            model,
            Xs,
            [feat],
            kind="average",
            grid_resolution=20,
            categorical_features=[feat] if cat else None,
        )
        grid = np.asarray(res["grid_values"][0])
        avg = np.asarray(res["average"][0], dtype=float)
        frame = pd.DataFrame({"value": grid, "average predicted chance": avg})
        dependence[feat] = frame
        if cat:
            hi, lo = frame.iloc[int(avg.argmax())], frame.iloc[int(avg.argmin())]
            sentences.append(
                f"By {feat}, the average predicted chance is highest for {hi['value']} "
                f"({pct(hi['average predicted chance'])}) and lowest for {lo['value']} "
                f"({pct(lo['average predicted chance'])})."
            )
        else:
            sentences.append(
                f"As {feat} goes from {_fmt(grid[0])} to {_fmt(grid[-1])}, the average predicted chance "
                f"goes from {pct(avg[0])} to {pct(avg[-1])}."
            )
    return dependence, sentences


def _importance_summary(imp: pd.DataFrame, pd_sentences: list[str], n_repeats: int, sample: str) -> str:
    leaned = imp.loc[imp["drop in ROC-AUC"] >= 0.02, "feature"].tolist()
    barely = imp.loc[imp["drop in ROC-AUC"] < 0.005, "feature"].tolist()
    first = imp.iloc[0]
    summary = [
        (f"The model leans most on {listing(leaned[:5])}. " if leaned else "No single column matters much. ")
        + f"Shuffling {first['feature']} lowers ROC-AUC by {num(first['drop in ROC-AUC'], 3)} "
        f"(spread {num(first['spread'], 3)} over {count(n_repeats)} shuffles of {sample}).",
    ]
    if barely:
        summary.append(f"Barely used: {listing(barely[:8])}" + (" and others." if len(barely) > 8 else "."))
    summary += pd_sentences
    summary.append(
        "These describe the model, not the causes of the outcome. Columns that carry the same "
        "information share their importance, so a low score does not prove a column is harmless."
    )
    return "\n\n".join(summary)


def _fmt(x: Any) -> str:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return str(x)
    return f"{f:,.0f}" if f == round(f) else f"{f:,.2f}"


def _pd_figure(dependence: dict[str, pd.DataFrame], w: Words) -> Figure:
    """The partial dependence charts: their text alternative now, their drawing when shown."""
    parts = [
        f"{feat}: from {pct(frame['average predicted chance'].min())} to "
        f"{pct(frame['average predicted chance'].max())}"
        for feat, frame in dependence.items()
    ]
    alt = (
        f"{len(dependence)} small charts of the average predicted chance that a {w.singular} {w.outcome} as "
        f"one column changes, all else as in the data. Ranges: {'; '.join(parts)}."
    )
    frames = {feat: frame.copy() for feat, frame in dependence.items()}  # the numbers as computed now
    return Figure("Partial dependence", alt, draw=partial(_draw_dependence, frames))


def _draw_dependence(dependence: dict[str, pd.DataFrame]) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    k = len(dependence)
    fig, axes = plt.subplots(1, k, figsize=(4 * k, 3.4), squeeze=False, sharey=True)
    for ax, (feat, frame) in zip(axes[0], dependence.items(), strict=True):
        values = frame["value"]
        avg = frame["average predicted chance"]
        if pd.api.types.is_numeric_dtype(values):
            ax.plot(values.astype(float), avg, color=OKABE_ITO[0], marker="o", markersize=3)
        else:
            ax.bar([str(x) for x in values], avg, color=OKABE_ITO[0])
            ax.tick_params(axis="x", labelrotation=45)
        ax.set_xlabel(feat)
        ax.set_ylim(bottom=0)
    axes[0][0].set_ylabel("Average predicted chance")
    fig.suptitle("Partial dependence: the average predicted chance as one column changes")
    fig.tight_layout()
    return fig


class CaseExplanation(Report):
    """What pushed one case's score up or down, in percentage points."""

    kind = "CaseExplanation"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        contributions: pd.DataFrame,
        score: float,
        average: float,
    ) -> None:
        self.contributions = contributions
        self.score = score
        self.average = average
        super().__init__(title, summary, sections, frame=contributions)

    def _extra_dict(self) -> dict[str, Any]:
        return {"score": self.score, "average": self.average, "contributions": self.contributions}


def explain_case(
    model: Any,
    X: pd.DataFrame,
    case: Any,
    *,
    n_background: int = 200,
    top: int = 3,
    seed: int = 0,
    noun: str | tuple[str, str] = "case",
    outcome: str = "had the outcome",
) -> CaseExplanation:
    """Say what pushed one case's score up or down.

    For each column, the case's value is swapped for the values of
    ``n_background`` other cases (sampled from ``X`` with ``seed``), and the
    average change in the score is that column's push, in percentage points.
    Pushes overlap, so they need not add up to the gap from the average.

    Parameters
    ----------
    model : fitted scikit-learn classifier
    X : pandas.DataFrame
        Cases to compare with; also where the case is looked up. Not changed.
    case : index label of X, or a one-row DataFrame
    n_background : int, default 200
    top : int, default 3
        How many pushes each way to name in the summary.
    seed : int, default 0
    noun, outcome : str
        As in :func:`evaluate`.

    Returns
    -------
    CaseExplanation

    Examples
    --------
    >>> from labkit import data
    >>> from labkit.evaluate import evaluate, temporal_split
    >>> from sklearn.linear_model import LogisticRegression
    >>> repairs = data.load("housing_repairs", clean=True)
    >>> train, test = temporal_split(repairs, "financial_year")
    >>> cols = ["no_access_visits", "imd_decile", "target_working_days"]
    >>> model = LogisticRegression().fit(train[cols], train["target_missed"])
    >>> from labkit.evaluate import explain_case
    >>> case = explain_case(model, test[cols], test.index[0])
    >>> sorted(case.contributions["feature"]) == sorted(cols)
    True
    """
    w = Words.make(noun, outcome)
    X = _check_frame(X)
    check_fitted(model)
    row = _case_row(X, case)
    if isinstance(n_background, bool) or not isinstance(n_background, int) or n_background < 10:
        raise LabkitError(
            f"n_background must be a whole number of at least 10, not {n_background!r}.",
            where="parameter n_background",
        )
    base = score(model, row)[0]
    bg, _ = _sample(X, None, n_background, seed)
    cols = [c for c in row.columns]
    copies = []
    for c in cols:
        block = pd.concat([row] * len(bg), ignore_index=True)
        block[c] = bg[c].to_numpy()
        copies.append(block)
    swapped = score(model, pd.concat(copies, ignore_index=True)).reshape(len(cols), len(bg))
    push = base - swapped.mean(axis=1)
    average = float(score(model, bg).mean())
    table = (
        pd.DataFrame(
            {
                "feature": cols,
                "this case": [row.iloc[0][c] for c in cols],
                "push (percentage points)": 100 * push,
            }
        )
        .sort_values("push (percentage points)", ascending=False, key=np.abs, kind="stable")
        .reset_index(drop=True)
    )
    lines = _case_words(table, float(base), average, w, len(bg), top)
    section = Section("Pushes on this score", tables=[Table("What pushed this score", table)])
    return CaseExplanation(
        "What pushed this score", "\n\n".join(lines), [section], table, float(base), average
    )


def _case_row(X: pd.DataFrame, case: Any) -> pd.DataFrame:
    """The case to explain as a one-row DataFrame: given as one, or looked up by its label in X."""
    if isinstance(case, pd.DataFrame):
        if len(case) != 1:
            raise LabkitError(
                f"case must be one row, but it has {count(len(case))}.",
                where="parameter case",
                fix="Pass X.loc[[label]] (double brackets keep one row as a table).",
            )
        row = case
    else:
        try:
            row = X.loc[[case]]
        except (KeyError, TypeError) as exc:
            raise LabkitError(
                f"There is no row labelled {case!r} in X.",
                where="parameter case",
                fix="Pass a label from X.index, or the row itself as X.loc[[label]].",
            ) from exc
        if len(row) != 1:
            raise LabkitError(
                f"The label {case!r} matches {count(len(row))} rows of X.",
                where="parameter case",
                fix="Give X a unique index, e.g. X.reset_index(drop=True).",
            )
    return row


def _case_words(table: pd.DataFrame, base: float, average: float, w: Words, n_bg: int, top: int) -> list[str]:
    """What pushed the score up and down most, in sentences."""
    ups = table[table["push (percentage points)"] >= 0.5].head(top)
    downs = table[table["push (percentage points)"] <= -0.5].head(top)

    def said(frame: pd.DataFrame) -> str:
        return listing(
            [
                f"{f} = {val} ({p:+.1f} points)"
                for f, val, p in zip(
                    frame["feature"], frame["this case"], frame["push (percentage points)"], strict=True
                )
            ]
        )

    lines = [
        f"This {w.singular} scores {pct(base)}, against an average of {pct(average)} for the "
        f"{w.n(n_bg)} it is compared with."
    ]
    lines.append(
        f"Pushed up most by {said(ups)}." if len(ups) else "Nothing pushed it up by half a point or more."
    )
    if len(downs):
        lines.append(f"Pulled down by {said(downs)}.")
    lines.append(
        "Each push is how far the score falls (or rises) when that one fact is swapped for other "
        f"{w.plural_form}' values. Pushes overlap, so they do not add up exactly; they explain the model, "
        "not the reasons in the world."
    )
    return lines
