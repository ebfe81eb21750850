"""Group outcomes at any thresholds, fast enough to follow a slider.

:class:`ThresholdExplorer` sorts each group's scores once, separately for
people with and without the outcome. Counting how many score at or above a
threshold is then a binary search per group, so an update costs microseconds
whatever the number of rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._text import listing
from labkit.fairness import _inputs
from labkit.fairness._fast import rates_from_counts

__all__ = ["ThresholdExplorer", "lesson_data"]

_SHOWN = ("selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate", "precision")


def lesson_data() -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Lesson 06's test year: outcomes, model scores and tenants' ethnic groups, for an explorer started bare.

    The synthetic Northbrook housing repairs, split by financial year, and the lesson's logistic
    regression on deprivation (``imd_decile``), priority, trade and channel, trained on the earlier
    years and scored on the latest. Deterministic: the same scores as the lesson's ``model``.
    """
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    from labkit import data
    from labkit.evaluate import temporal_split

    features = ["imd_decile", "priority", "trade", "channel"]
    train, test = temporal_split(data.load("housing_repairs", clean=True), "financial_year")
    model = make_pipeline(
        make_column_transformer(
            (OneHotEncoder(handle_unknown="ignore"), ["priority", "trade", "channel"]),
            remainder="passthrough",
        ),
        LogisticRegression(max_iter=1000),
    )
    model.fit(train[features].astype({"imd_decile": float}), train["target_missed"])
    scores = model.predict_proba(test[features].astype({"imd_decile": float}))[:, 1]
    return test["target_missed"].to_numpy(), scores, test["tenant_ethnic_group_5"]


class ThresholdExplorer:
    """Outcomes for each group of one sensitive feature at thresholds you choose.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        What really happened.
    y_score : array-like of float in [0, 1]
        The model's scores.
    sensitive_feature : array-like or Series
        One protected characteristic. Missing values form a "Not recorded" group.

    Examples
    --------
    >>> ex = ThresholdExplorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    >>> ex.outcomes(0.5)["selection_rate"].tolist()
    [0.5, 0.5]
    >>> ex.outcomes({"a": 0.95, "b": 0.5})["selection_rate"].tolist()
    [0.0, 0.5]
    """

    def __init__(self, y_true: Any, y_score: Any, sensitive_feature: Any) -> None:
        yt = _inputs.binary(y_true, "y_true")
        score = _inputs.scores(y_score, "y_score", len(yt))
        if isinstance(sensitive_feature, pd.DataFrame) and sensitive_feature.shape[1] > 1:
            raise LabkitError(
                "The explorer works on one sensitive feature at a time.",
                where="parameter sensitive_feature",
                fix="Pass one column, for example df['tenant_ethnic_group_5'].",
            )
        features, _ = _inputs.sensitive(sensitive_feature, len(yt), "group")
        feature = features[0]
        self.feature = feature.name
        self.groups = [str(v) for v in feature.labels]
        k = feature.k
        self._pos: list[np.ndarray] = []
        self._neg: list[np.ndarray] = []
        order = np.lexsort((score, feature.codes))
        codes_sorted = feature.codes[order]
        score_sorted = score[order]
        y_sorted = yt[order]
        bounds = np.searchsorted(codes_sorted, np.arange(k + 1))
        for g in range(k):
            s = score_sorted[bounds[g] : bounds[g + 1]]
            y = y_sorted[bounds[g] : bounds[g + 1]]
            self._pos.append(s[y == 1])
            self._neg.append(s[y == 0])
        self.n = np.array([len(p) + len(q) for p, q in zip(self._pos, self._neg, strict=True)])

    def _thresholds(self, thresholds: Any) -> np.ndarray:
        if isinstance(thresholds, dict):
            unknown = [g for g in thresholds if str(g) not in self.groups]
            if unknown:
                raise LabkitError(
                    f"{listing([repr(u) for u in unknown])} is not a group of {self.feature!r}.",
                    where="parameter thresholds",
                    fix=f"Use the groups {listing([repr(g) for g in self.groups])}.",
                )
            given = {str(g): _inputs.threshold_value(t, f"thresholds[{g!r}]") for g, t in thresholds.items()}
            missing = [g for g in self.groups if g not in given]
            if missing:
                raise LabkitError(
                    f"No threshold was given for {listing([repr(m) for m in missing])}.",
                    where="parameter thresholds",
                    fix="Give a threshold for every group, or one number for all.",
                )
            return np.array([given[g] for g in self.groups])
        return np.full(len(self.groups), _inputs.threshold_value(thresholds, "thresholds"))

    def counts(self, thresholds: Any) -> np.ndarray:
        """TN, FP, FN, TP for each group when people scoring at or above the threshold are picked out."""
        t = self._thresholds(thresholds)
        out = np.empty((len(self.groups), 4), dtype=np.int64)
        for g, (pos, neg) in enumerate(zip(self._pos, self._neg, strict=True)):
            tp = len(pos) - np.searchsorted(pos, t[g], side="left")
            fp = len(neg) - np.searchsorted(neg, t[g], side="left")
            out[g] = (len(neg) - fp, fp, len(pos) - tp, tp)
        return out

    def outcomes(self, thresholds: Any) -> pd.DataFrame:
        """One row per group: its threshold, n and each rate (NaN where not defined).

        ``thresholds`` is one number for every group or a dict ``{group: threshold}``.
        """
        counts = self.counts(thresholds)
        rates = rates_from_counts(counts, _SHOWN)
        frame = pd.DataFrame({"group": self.groups, "threshold": self._thresholds(thresholds), "n": self.n})
        for metric in _SHOWN:
            frame[metric] = rates[metric]
        return frame

    def gaps(self, thresholds: Any) -> pd.Series:
        """The largest minus the smallest group value of each rate."""
        return self._gaps(self.outcomes(thresholds))

    @staticmethod
    def _gaps(frame: pd.DataFrame) -> pd.Series:
        return frame[list(_SHOWN)].max() - frame[list(_SHOWN)].min()

    def describe(self, thresholds: Any) -> str:
        """A plain-English sentence about the selection and error-rate gaps at these thresholds."""
        return self._describe(self.outcomes(thresholds))

    def _describe(self, frame: pd.DataFrame) -> str:
        from labkit._text import pct
        from labkit.fairness._words import pp

        sel = frame.dropna(subset=["selection_rate"])
        lo = sel.loc[sel["selection_rate"].idxmin()]
        hi = sel.loc[sel["selection_rate"].idxmax()]
        gaps = self._gaps(frame)
        if lo["selection_rate"] == hi["selection_rate"]:  # no lowest or highest group to name
            picked = f"Picked out: {pct(lo['selection_rate'])} in every group, so no gap. "
        else:
            picked = (
                f"Picked out: from {pct(lo['selection_rate'])} ({lo['group']}) to "
                f"{pct(hi['selection_rate'])} ({hi['group']}), a gap of {pp(gaps['selection_rate'])}. "
            )
        return picked + (
            f"Gap in true positive rates: {pp(gaps['true_positive_rate'])}; "
            f"in false positive rates: {pp(gaps['false_positive_rate'])}."
        )

    def to_html(self, thresholds: Any) -> str:
        """The outcomes at these thresholds as an accessible HTML table, with the sentence above it."""
        import html

        from labkit._text import count, pct
        from labkit.fairness._words import METRIC_WORDS

        frame = self.outcomes(thresholds)
        head = "".join(
            f'<th scope="col">{html.escape(h)}</th>'
            for h in ["Group", "Threshold", "People", *[METRIC_WORDS[m].capitalize() for m in _SHOWN]]
        )
        rows = []
        for row in frame.itertuples(index=False):
            cells = [html.escape(str(row.group)), f"{row.threshold:.2f}", count(row.n)]
            cells += [
                pct(getattr(row, m)) if not np.isnan(getattr(row, m)) else "not defined" for m in _SHOWN
            ]
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        return (
            f"<p>{html.escape(self._describe(frame))}</p>"
            f'<table class="labkit-explorer"><caption>Outcomes by {html.escape(self.feature)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
