"""``audit``: a model's decisions across protected characteristics, in plain English."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Any, Literal

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._text import count, listing, num, pct, plural
from labkit.fairness import _inputs
from labkit.fairness._fast import GroupMetrics, confusion_counts, rates_from_counts
from labkit.fairness._words import METRIC_MEANING, METRIC_WORDS, guess_characteristic, pp

__all__ = ["FairnessReport", "audit", "wilson_interval"]

# The rates the audit reports, each with its numerator and denominator over TN, FP, FN, TP.
AUDIT_METRICS: tuple[str, ...] = (
    "selection_rate",
    "true_positive_rate",
    "false_positive_rate",
    "false_negative_rate",
    "precision",
    "accuracy",
)
_NUM_DEN = {
    "selection_rate": ((1, 3), (0, 1, 2, 3)),
    "base_rate": ((2, 3), (0, 1, 2, 3)),
    "true_positive_rate": ((3,), (2, 3)),
    "false_positive_rate": ((1,), (0, 1)),
    "false_negative_rate": ((2,), (2, 3)),
    "precision": ((3,), (1, 3)),
    "accuracy": ((0, 3), (0, 1, 2, 3)),
}
FOUR_FIFTHS = 0.8
# Okabe-Ito colours: distinguishable with the common kinds of colour blindness.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
INTERSECTION_SEP = " / "


def wilson_interval(successes: Any, trials: Any, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for proportions; NaN where there are no trials.

    The Wilson interval stays inside 0-1 and behaves well for small groups and
    rates near 0 or 1, where the usual "plus or minus 1.96 standard errors" does not.

    Examples
    --------
    >>> low, high = wilson_interval(8, 40)
    >>> round(float(low), 3), round(float(high), 3)
    (0.105, 0.348)
    """
    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0, 1))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0, 1))
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    return low, high


@dataclass(frozen=True)
class _Grouping:
    """One way of splitting people: a single feature, or the intersection of several."""

    name: str
    characteristic: str
    labels: list[str]
    counts: np.ndarray  # (k, 4): TN, FP, FN, TP
    reference: str | None


def _label(value: Any) -> str:
    return str(value)


def _feature_description(name: str, characteristic: str | None) -> str:
    if characteristic and characteristic != name:
        return f"{characteristic} ({name})"
    return name


def _resolve_reference(reference: Any, features: list[_inputs.Feature], counts_by_feature: list[np.ndarray]):
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
        labels = [_label(v) for v in feature.labels]
        if feature.name in reference:
            wanted = reference[feature.name]
            if _label(wanted) not in labels:
                emptied = [_label(v) for v in feature.empty_categories]
                why = (
                    " It is a category of the column but no rows are left in it (was the data filtered?)."
                    if _label(wanted) in emptied
                    else ""
                )
                raise LabkitError(
                    f"The reference group {wanted!r} is not present in {feature.name!r}.{why}",
                    where="parameter reference",
                    fix=f"Choose one of {listing([repr(v) for v in labels], 'or')}.",
                )
            out[feature.name] = _label(wanted)
        else:
            out[feature.name] = labels[int(np.argmax(counts.sum(axis=1)))]
    return out


def _check_not_continuous(feature: _inputs.Feature) -> None:
    numeric = [v for v in feature.labels if isinstance(v, (int, float, np.integer, np.floating))]
    if len(numeric) > 20 and len(numeric) == len(feature.labels):
        raise LabkitError(
            f"The sensitive feature {feature.name!r} has {count(len(numeric))} different numbers, so each "
            "value would be its own tiny group.",
            where=f"sensitive feature {feature.name!r}",
            fix="Group it into bands first, for example pd.cut(df['tenant_age'], [0, 25, 45, 65, 120]).",
        )


class FairnessReport(Report):
    """The result of :func:`audit`: group outcomes, gaps, flags and a plain-English narrative.

    Attributes
    ----------
    groups : pandas.DataFrame
        One row per group of each sensitive feature (and per intersection):
        n, positives, each rate with its confidence interval, and flags.
    comparisons : pandas.DataFrame
        Each group against its feature's reference group: difference and ratio of each rate.
    gaps : pandas.DataFrame
        For each feature and rate: the largest minus the smallest group, and smallest over largest.
    four_fifths : pandas.DataFrame
        Each group's selection rate over the highest group's, with the four-fifths check.
    calibration : pandas.DataFrame or None
        With scores: each group's average score against how often the outcome happened.
    flags : list of dict
        Findings to look at: small groups, groups with no positives, missing values, empty groups.
    references : dict
        The reference group of each feature.
    characteristics : dict
        The Equality Act characteristic each feature stands for (or the feature's own name).
    metrics : GroupMetrics
        The fairlearn-equal numbers for the intersection of all features.
    """

    kind = "FairnessReport"

    def __init__(self, title: str, summary: str, sections: list[Section], **fields: Any) -> None:
        super().__init__(title, summary, sections, frame=fields["groups"])
        for key, value in fields.items():
            setattr(self, key, value)

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "settings": self.settings,
            "references": self.references,
            "characteristics": self.characteristics,
            "overall": self.overall,
            "groups": self.groups,
            "comparisons": self.comparisons,
            "gaps": self.gaps,
            "four_fifths": self.four_fifths,
            "calibration": self.calibration,
            "flags": self.flags,
        }


def _rate_tables(grouping: _Grouping, metrics: tuple[str, ...], confidence: float) -> pd.DataFrame:
    counts = grouping.counts
    n = counts.sum(axis=1)
    frame = pd.DataFrame(
        {
            "characteristic": grouping.characteristic,
            "feature": grouping.name,
            "group": grouping.labels,
            "n": n,
            "positives": counts[:, 2] + counts[:, 3],
            "predicted_positive": counts[:, 1] + counts[:, 3],
        }
    )
    values = rates_from_counts(counts, ("base_rate", *metrics))
    for metric in ("base_rate", *metrics):
        num_cols, den_cols = _NUM_DEN[metric]
        low, high = wilson_interval(
            counts[:, list(num_cols)].sum(axis=1), counts[:, list(den_cols)].sum(axis=1), confidence
        )
        frame[metric] = values[metric]
        frame[f"{metric}_low"] = low
        frame[f"{metric}_high"] = high
    frame["is_reference"] = [label == grouping.reference for label in grouping.labels]
    return frame


def _flags_for(
    grouping: _Grouping, table: pd.DataFrame, min_n: int, noun: tuple[str, str]
) -> list[dict[str, Any]]:
    flags: list[dict[str, Any]] = []
    for row in table.itertuples(index=False):
        where = f"{grouping.name} = {row.group}"
        if row.n == 0:
            flags.append(
                {
                    "kind": "empty_group",
                    "feature": grouping.name,
                    "group": row.group,
                    "n": 0,
                    "message": f"No one is in {where}. No rate can be worked out for it; check whether "
                    "filtering emptied it or the combination does not occur.",
                }
            )
            continue
        if row.n < min_n:
            flags.append(
                {
                    "kind": "small_group",
                    "feature": grouping.name,
                    "group": row.group,
                    "n": int(row.n),
                    "message": f"{where} has only {plural(int(row.n), *noun)} (fewer than "
                    f"{count(min_n)}), so its rates are uncertain: read its confidence intervals, not only "
                    "the rate.",
                }
            )
        if row.positives == 0:
            flags.append(
                {
                    "kind": "no_positives",
                    "feature": grouping.name,
                    "group": row.group,
                    "n": int(row.n),
                    "message": f"No one in {where} had the outcome, so its true positive and false negative "
                    "rates are not defined. (fairlearn's MetricFrame shows 0 here, which looks like a "
                    "perfect result but means nothing.)",
                }
            )
        elif row.positives == row.n:
            flags.append(
                {
                    "kind": "no_negatives",
                    "feature": grouping.name,
                    "group": row.group,
                    "n": int(row.n),
                    "message": f"Everyone in {where} had the outcome, so its false positive rate is not "
                    "defined.",
                }
            )
        if row.predicted_positive == 0:
            flags.append(
                {
                    "kind": "no_predicted_positives",
                    "feature": grouping.name,
                    "group": row.group,
                    "n": int(row.n),
                    "message": f"The model picked out no one in {where}, so its precision is not defined.",
                }
            )
    return flags


def _comparisons(grouping: _Grouping, table: pd.DataFrame, metrics: tuple[str, ...]) -> pd.DataFrame:
    ref = table.loc[table["group"] == grouping.reference]
    rows = []
    for row in table.itertuples(index=False):
        if row.group == grouping.reference:
            continue
        for metric in metrics:
            value = getattr(row, metric)
            ref_value = float(ref[metric].iloc[0]) if len(ref) else np.nan
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.float64(value) / np.float64(ref_value) if ref_value != 0 else np.nan
            rows.append(
                {
                    "feature": grouping.name,
                    "group": row.group,
                    "reference": grouping.reference,
                    "metric": metric,
                    "value": value,
                    "reference_value": ref_value,
                    "difference": value - ref_value,
                    "ratio": float(ratio),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "feature",
            "group",
            "reference",
            "metric",
            "value",
            "reference_value",
            "difference",
            "ratio",
        ],
    )


def _readable(table: pd.DataFrame, min_n: int) -> pd.DataFrame:
    """Groups of at least ``min_n`` people, or every non-empty group if fewer than two are that large."""
    big = table[table["n"] >= min_n]
    return big if len(big) >= 2 else table[table["n"] > 0]


def _gaps(grouping: _Grouping, table: pd.DataFrame, metrics: tuple[str, ...], min_n: int) -> pd.DataFrame:
    rows = []
    nonempty = _readable(table, min_n)
    for metric in metrics:
        values = nonempty[["group", metric]].dropna()
        if len(values) < 2:
            rows.append(
                {
                    "feature": grouping.name,
                    "metric": metric,
                    "lowest_group": None,
                    "lowest": np.nan,
                    "highest_group": None,
                    "highest": np.nan,
                    "difference": np.nan,
                    "ratio": np.nan,
                    "groups_compared": len(values),
                }
            )
            continue
        lo = values.loc[values[metric].idxmin()]
        hi = values.loc[values[metric].idxmax()]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = float(np.float64(lo[metric]) / np.float64(hi[metric])) if hi[metric] else np.nan
        rows.append(
            {
                "feature": grouping.name,
                "metric": metric,
                "lowest_group": lo["group"],
                "lowest": float(lo[metric]),
                "highest_group": hi["group"],
                "highest": float(hi[metric]),
                "difference": float(hi[metric] - lo[metric]),
                "ratio": ratio,
                "groups_compared": len(values),
            }
        )
    return pd.DataFrame(rows)


def _four_fifths(grouping: _Grouping, table: pd.DataFrame, min_n: int) -> pd.DataFrame:
    nonempty = table[table["n"] > 0]
    top = _readable(table, min_n)["selection_rate"].max()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = nonempty["selection_rate"] / top if top > 0 else nonempty["selection_rate"] * np.nan
    return pd.DataFrame(
        {
            "feature": grouping.name,
            "group": nonempty["group"].to_numpy(),
            "n": nonempty["n"].to_numpy(),
            "selection_rate": nonempty["selection_rate"].to_numpy(),
            "ratio_to_highest": ratio.to_numpy(),
            "below_four_fifths": (ratio < FOUR_FIFTHS).to_numpy(),
        }
    )


def _calibration(
    y_score: np.ndarray,
    y_true: np.ndarray,
    codes: np.ndarray,
    grouping_labels: list[str],
    feature: str,
    bins: int = 10,
) -> pd.DataFrame:
    k = len(grouping_labels)
    b = np.minimum((y_score * bins).astype(np.int64), bins - 1)
    key = codes * bins + b
    n = np.bincount(key, minlength=k * bins).reshape(k, bins).astype(np.float64)
    s = np.bincount(key, weights=y_score, minlength=k * bins).reshape(k, bins)
    y = np.bincount(key, weights=y_true.astype(np.float64), minlength=k * bins).reshape(k, bins)
    group_n = n.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.abs(s - y) / group_n[:, None]  # n_b/n * |mean score_b - observed_b|
        ece = np.where(group_n > 0, gap.sum(axis=1), np.nan)
        mean_score = s.sum(axis=1) / group_n
        observed = y.sum(axis=1) / group_n
    return pd.DataFrame(
        {
            "feature": feature,
            "group": grouping_labels,
            "n": group_n.astype(np.int64),
            "mean_score": mean_score,
            "observed_rate": observed,
            "calibration_error": ece,
        }
    )


def _chart(grouping: _Grouping, table: pd.DataFrame, outcome: str) -> Figure:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    shown = table[table["n"] > 0].reset_index(drop=True)
    panels = [
        ("selection_rate", "Selection rate"),
        ("true_positive_rate", "True positive rate"),
        ("false_positive_rate", "False positive rate"),
    ]
    height = 1.2 + 0.35 * len(shown)
    fig, axes = plt.subplots(1, 3, figsize=(10, height), sharey=True)
    ypos = np.arange(len(shown))
    for ax, (metric, label), colour in zip(axes, panels, _PALETTE, strict=False):
        values = shown[metric].to_numpy(dtype=float)
        low = shown[f"{metric}_low"].to_numpy(dtype=float)
        high = shown[f"{metric}_high"].to_numpy(dtype=float)
        ax.errorbar(
            values,
            ypos,
            xerr=[np.nan_to_num(values - low), np.nan_to_num(high - values)],
            fmt="o",
            color=colour,
            ecolor="#505a5f",
            capsize=3,
        )
        for y, v in zip(ypos, values, strict=True):
            if np.isnan(v):
                ax.text(0.02, y, "not defined", va="center", fontsize=8, color="#0b0c0c")
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"{label} (0 to 1)")
        ax.grid(axis="x", color="#dddddd")
    axes[0].set_yticks(
        ypos,
        [
            str(g) + (" (reference)" if r else "")
            for g, r in zip(shown["group"], shown["is_reference"], strict=True)
        ],
    )
    axes[0].invert_yaxis()
    axes[0].set_ylabel(grouping.name)
    title = f"Outcomes by {grouping.characteristic}"
    fig.suptitle(title)
    fig.tight_layout()
    sel = shown.dropna(subset=["selection_rate"])
    lo = sel.loc[sel["selection_rate"].idxmin()]
    hi = sel.loc[sel["selection_rate"].idxmax()]
    alt = (
        f"Three dot charts, one row per group of {grouping.name}, with 95% confidence intervals as lines. "
        f"The share {outcome} ranges from {pct(float(lo['selection_rate']))} ({lo['group']}) to "
        f"{pct(float(hi['selection_rate']))} ({hi['group']}). "
        f"True positive rates range from {pct(float(shown['true_positive_rate'].min()))} to "
        f"{pct(float(shown['true_positive_rate'].max()))}; false positive rates from "
        f"{pct(float(shown['false_positive_rate'].min()))} to "
        f"{pct(float(shown['false_positive_rate'].max()))}."
    )
    return Figure.from_matplotlib(fig, title, alt)


def _gap_sentence(gaps: pd.DataFrame, grouping: _Grouping, metric: str) -> dict[str, Any] | None:
    row = gaps[(gaps["feature"] == grouping.name) & (gaps["metric"] == metric)]
    if row.empty or pd.isna(row["difference"].iloc[0]):
        return None
    return row.iloc[0].to_dict()


def _narrative(grouping: _Grouping, gaps: pd.DataFrame, settings: dict[str, Any]) -> str:
    outcome, label_name, kind = settings["outcome"], settings["label_name"], settings["kind"]
    nouns = tuple(settings["noun"])
    many = nouns[1]
    who = _feature_description(grouping.name, grouping.characteristic)
    sel = _gap_sentence(gaps, grouping, "selection_rate")
    if sel is None:
        return f"For {who}, there were too few groups with data to compare."
    parts = [
        f"For {who}, the share {outcome} ranged from {pct(sel['lowest'])} ({sel['lowest_group']}) to "
        f"{pct(sel['highest'])} ({sel['highest_group']}), a gap of {pp(sel['difference'])}."
    ]
    if sel["difference"] < 0.005:
        pass
    elif kind == "assistive":
        parts.append(
            f"If being {outcome} brings help, {many} in the {sel['lowest_group']} group get it "
            f"{pp(sel['difference'])} less often than {many} in the {sel['highest_group']} group "
            f"({pct(sel['lowest'])} against {pct(sel['highest'])})."
        )
    elif kind == "punitive":
        parts.append(
            f"If being {outcome} brings extra scrutiny or sanctions, {many} in the {sel['highest_group']} "
            f"group face it {pp(sel['difference'])} more often than {many} in the {sel['lowest_group']} "
            f"group ({pct(sel['highest'])} against {pct(sel['lowest'])})."
        )
    fnr = _gap_sentence(gaps, grouping, "false_negative_rate")
    fpr = _gap_sentence(gaps, grouping, "false_positive_rate")
    if fnr is not None:
        parts.append(
            f"Of the {many} {_who(nouns)} {label_name}, the model missed {pct(fnr['highest'])} in "
            f"{fnr['highest_group']} "
            f"against {pct(fnr['lowest'])} in {fnr['lowest_group']} (false negative rate)."
        )
    if fpr is not None:
        parts.append(
            f"Of the {many} {_who(nouns)} did not, it wrongly picked out {pct(fpr['highest'])} in "
            f"{fpr['highest_group']} "
            f"against {pct(fpr['lowest'])} in {fpr['lowest_group']} (false positive rate)."
        )
    return " ".join(parts)


def _validate_noun(noun: Any) -> tuple[str, str]:
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


_PERSON_NOUNS = {
    "person",
    "resident",
    "tenant",
    "applicant",
    "claimant",
    "customer",
    "child",
    "adult",
    "pupil",
    "student",
    "patient",
    "employee",
    "member",
    "user",
    "carer",
    "leaseholder",
    "homeowner",
    "citizen",
}


def _who(nouns: tuple[str, str]) -> str:
    """'who' for people, 'that' for things: 'the people who ...', 'the repairs that ...'."""
    return "who" if nouns[0].lower() in _PERSON_NOUNS else "that"


def _validate_kind(kind: Any) -> str | None:
    if kind not in (None, "assistive", "punitive"):
        raise LabkitError(
            f"kind must be 'assistive', 'punitive' or None, not {kind!r}.",
            where="parameter kind",
            fix="Use kind='assistive' if being picked out brings help (a priority visit), 'punitive' if it "
            "brings scrutiny or sanctions (a fraud check).",
        )
    return kind


def _validate_min_n(min_n: Any) -> int:
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise LabkitError(
            f"min_n must be a whole number of people, 1 or more, not {min_n!r}.",
            where="parameter min_n",
            fix="Use for example min_n=30.",
        )
    return int(min_n)


def audit(
    y_true: Any,
    y_pred: Any = None,
    *,
    y_score: Any = None,
    threshold: float = 0.5,
    sensitive_features: Any,
    reference: Any = None,
    min_n: int = 30,
    missing: Literal["group", "drop", "error"] = "group",
    outcome: str = "picked out by the model",
    label_name: str = "had the outcome",
    kind: Literal["assistive", "punitive"] | None = None,
    noun: str | tuple[str, str] = ("person", "people"),
    characteristics: dict[str, str] | None = None,
    confidence: float = 0.95,
    figures: bool = True,
    title: str | None = None,
) -> FairnessReport:
    """Audit a model's decisions across protected characteristics and their intersections.

    For each group of each sensitive feature (and each combination of groups
    when there are several features) the audit reports the number of people,
    the selection rate, true positive, false positive and false negative rates,
    precision and accuracy, each with a Wilson confidence interval; differences
    and ratios against a reference group and between groups; the four-fifths
    rule with its caveats; flags for small groups, groups with no positive
    cases and missing values; and a plain-English narrative. The numbers equal
    fairlearn's ``MetricFrame`` except where a rate is not defined, which the
    audit says rather than showing 0.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool
        What really happened, one value per person.
    y_pred : array-like of 0/1 or bool, optional
        The model's decisions. Give either this or ``y_score``.
    y_score : array-like of float in [0, 1], optional
        The model's scores; people scoring ``threshold`` or more are picked out.
    threshold : float, default 0.5
        The cut-off applied to ``y_score``.
    sensitive_features : array-like, Series, DataFrame or dict of columns
        One or more protected characteristics, one value per person.
    reference : value or dict, optional
        The group to compare others with (a dict ``{feature: group}`` with
        several features). By default each feature's largest group.
    min_n : int, default 30
        Groups with fewer people are flagged as too small to read alone.
    missing : {"group", "drop", "error"}, default "group"
        People with no recorded value: audit them as a group called "Not
        recorded" (the default, because missing data is itself often unequal),
        leave them out, or stop with an error.
    outcome : str
        What being picked out means, to finish the sentence "the share ...",
        for example ``"flagged for an early check"``.
    label_name : str
        What a true positive label means, to finish "the people who ...", for
        example ``"really missed the target"``.
    kind : {"assistive", "punitive"}, optional
        Whether being picked out helps residents or burdens them; the narrative
        then says what the gap means for residents.
    noun : str or (str, str), default ("person", "people")
        What one row is, used in every sentence and table of the report: a
        word such as ``"repair"`` (plural made by adding "s") or a pair such
        as ``("household", "households")``. Say what a row really is: when one
        tenant can have several repairs, the rows are repairs, not people.
    characteristics : dict, optional
        The Equality Act characteristic of each feature, for example
        ``{"tenant_ethnic_group_5": "race"}``. Guessed from column names if left out.
    confidence : float, default 0.95
        The level of the confidence intervals.
    figures : bool, default True
        Draw a chart for each feature.
    title : str, optional
        The report's title.

    Returns
    -------
    FairnessReport

    Examples
    --------
    >>> from labkit.fairness import audit
    >>> r = audit([1, 0, 1, 0, 1, 0], y_score=[0.9, 0.2, 0.4, 0.7, 0.8, 0.1],
    ...           sensitive_features={"sex": ["F", "F", "F", "M", "M", "M"]}, min_n=2, figures=False)
    >>> r.groups[["group", "n", "selection_rate"]].values.tolist()
    [['F', 3, 0.3333333333333333], ['M', 3, 0.6666666666666666]]
    """
    kind = _validate_kind(kind)
    min_n = _validate_min_n(min_n)
    nouns = _validate_noun(noun)
    if not 0.5 <= float(confidence) < 1:
        raise LabkitError(
            f"confidence must be between 0.5 and 1, not {confidence!r}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )
    yt = _inputs.binary(y_true, "y_true")
    n = len(yt)
    if (y_pred is None) == (y_score is None):
        raise LabkitError(
            "Give the model's decisions (y_pred) or its scores (y_score), not both and not neither.",
            where="parameters y_pred and y_score",
            fix="Pass y_pred=model.predict(X), or y_score=model.predict_proba(X)[:, 1] with a threshold.",
        )
    score = None
    if y_score is not None:
        score = _inputs.scores(y_score, "y_score", n)
        cut = _inputs.threshold_value(threshold)
        yp = (score >= cut).astype(np.uint8)
    else:
        cut = None
        yp = _inputs.binary(y_pred, "y_pred", n)
    features, keep = _inputs.sensitive(sensitive_features, n, missing)
    for feature in features:
        _check_not_continuous(feature)
        if feature.k < 2:
            raise LabkitError(
                f"The sensitive feature {feature.name!r} has only one group "
                f"({_label(feature.labels[0])!r}), so "
                "there is nothing to compare.",
                where=f"sensitive feature {feature.name!r}",
                fix="Check that filtering has not removed the other groups, or leave this feature out.",
            )
    n_dropped = int((~keep).sum())
    if n_dropped:
        yt, yp = yt[keep], yp[keep]
        score = score[keep] if score is not None else None
    codes, n_groups = _inputs.combine(features)
    counts = confusion_counts(codes, n_groups, yt, yp)
    shape = [f.k for f in features]
    cube = counts.reshape(*shape, 4)
    counts_by_feature = [
        cube.sum(axis=tuple(j for j in range(len(features)) if j != i)) for i in range(len(features))
    ]
    references = _resolve_reference(reference, features, counts_by_feature)
    chars: dict[str, str] = {}
    for f in features:
        given = (characteristics or {}).get(f.name)
        chars[f.name] = given or guess_characteristic(f.name) or f.name

    groupings = [
        _Grouping(f.name, chars[f.name], [_label(v) for v in f.labels], c, references[f.name])
        for f, c in zip(features, counts_by_feature, strict=True)
    ]
    if len(features) > 1:
        index = pd.MultiIndex.from_product([f.labels for f in features])
        labels = [INTERSECTION_SEP.join(_label(v) for v in combo) for combo in index]
        ref_combo = INTERSECTION_SEP.join(references[f.name] for f in features)
        if ref_combo not in labels or counts[labels.index(ref_combo)].sum() == 0:
            ref_combo = labels[int(np.argmax(counts.sum(axis=1)))]
        groupings.append(
            _Grouping(
                " x ".join(f.name for f in features),
                " x ".join(chars[f.name] for f in features),
                labels,
                counts,
                ref_combo,
            )
        )

    tables = [_rate_tables(g, AUDIT_METRICS, confidence) for g in groupings]
    groups = pd.concat(tables, ignore_index=True)
    comparisons = pd.concat(
        [_comparisons(g, t, AUDIT_METRICS) for g, t in zip(groupings, tables, strict=True)], ignore_index=True
    )
    gaps = pd.concat(
        [_gaps(g, t, AUDIT_METRICS, min_n) for g, t in zip(groupings, tables, strict=True)], ignore_index=True
    )
    four_fifths = pd.concat(
        [_four_fifths(g, t, min_n) for g, t in zip(groupings, tables, strict=True)], ignore_index=True
    )
    flags: list[dict[str, Any]] = []
    for f in features:
        if f.n_missing:
            action = {
                "group": "They are audited as a group called 'Not recorded'.",
                "drop": "They were left out of the audit (missing='drop').",
            }[missing]
            flags.append(
                {
                    "kind": "missing_values",
                    "feature": f.name,
                    "group": None,
                    "n": f.n_missing,
                    "message": f"{plural(f.n_missing, *nouns)} ({pct(f.n_missing / n)}) "
                    f"{'has' if f.n_missing == 1 else 'have'} no "
                    f"recorded {f.name}. {action} Your choices: keep them as their own group "
                    "(missing='group', the default: people whose details were not recorded are often treated "
                    "differently), leave them out (missing='drop'), or stop and fix the data first "
                    "(missing='error'). Leaving them out hides any gap that affects them.",
                }
            )
        for cat in f.empty_categories:
            flags.append(
                {
                    "kind": "empty_group",
                    "feature": f.name,
                    "group": _label(cat),
                    "n": 0,
                    "message": f"{f.name} = {cat} is one of the column's categories but has no rows (was the "
                    "data filtered?). It cannot be audited; say so in any equality impact assessment.",
                }
            )
    for g, t in zip(groupings, tables, strict=True):
        flags += _flags_for(g, t, min_n, nouns)
    calibration = None
    if score is not None:
        calibration = pd.concat(
            [_calibration(score, yt, f.codes, [_label(v) for v in f.labels], f.name) for f in features],
            ignore_index=True,
        )
    overall_rates = rates_from_counts(
        counts.sum(axis=0, keepdims=True), ("count", "base_rate", *AUDIT_METRICS)
    )
    overall = pd.Series({k: float(v[0]) for k, v in overall_rates.items()})
    metrics_frame = GroupMetrics(
        pd.DataFrame(
            counts,
            index=pd.MultiIndex.from_product([f.labels for f in features], names=[f.name for f in features])
            if len(features) > 1
            else pd.Index(features[0].labels, name=features[0].name, tupleize_cols=False),
            columns=["TN", "FP", "FN", "TP"],
        ),
        ("count", "base_rate", *AUDIT_METRICS),
        [f.name for f in features],
        "nan",
    )
    settings = {
        "rows": n,
        "rows_audited": n - n_dropped,
        "threshold": cut,
        "min_n": min_n,
        "missing": missing,
        "confidence": confidence,
        "outcome": outcome,
        "label_name": label_name,
        "kind": kind,
        "noun": list(nouns),
    }
    summary = _summary(groupings, gaps, four_fifths, flags, overall, settings)
    sections = _sections(
        groupings, tables, comparisons, gaps, four_fifths, calibration, flags, settings, figures
    )
    names = listing([chars[f.name] for f in features])
    return FairnessReport(
        title or f"Fairness audit by {names}",
        summary,
        sections,
        groups=groups,
        comparisons=comparisons,
        gaps=gaps,
        four_fifths=four_fifths,
        calibration=calibration,
        flags=flags,
        references=references,
        characteristics=chars,
        metrics=metrics_frame,
        overall=overall,
        n=n,
        settings=settings,
        features=[f.name for f in features],
    )


def _summary(groupings, gaps, four_fifths, flags, overall, settings) -> str:
    outcome = settings["outcome"]
    first = (
        f"This audit looked at {plural(settings['rows_audited'], *settings['noun'])}. Overall "
        f"{pct(overall['selection_rate'])} were {outcome}"
        + (f" (score of {num(settings['threshold'])} or more)" if settings["threshold"] is not None else "")
        + f", and {pct(overall['base_rate'])} {settings['label_name']}."
    )
    paras = [first]
    for g in groupings:
        paras.append(_narrative(g, gaps, settings))
    below = four_fifths[four_fifths["below_four_fifths"]]
    single = below[~below["feature"].str.contains(" x ", regex=False)]
    if len(single):
        paras.append(
            f"{plural(len(single), 'group')} had a selection rate below four-fifths of the highest group's "
            f"({listing([f'{r.group} ({r.feature})' for r in single.itertuples()])}). The four-fifths rule "
            "is a "
            "rough screen from US employment guidance, not a UK legal test: the report's section 'The "
            "four-fifths rule, and its limits' explains it."
        )
    kinds = {}
    for f in flags:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    if kinds:
        words = {
            "small_group": "a small group",
            "no_positives": "a group where no one had the outcome",
            "no_negatives": "a group where everyone had the outcome",
            "no_predicted_positives": "a group no one was picked out from",
            "empty_group": "an empty group",
            "missing_values": "missing values",
        }
        paras.append(
            "Check before relying on these numbers: "
            + listing([f"{plural(v, 'case')} of {words[k]}" for k, v in kinds.items()])
            + " (the report's section 'Things to check' lists them)."
        )
    paras.append(
        "These numbers show differences, not their causes or whether they are lawful. Under the Public "
        "Sector "
        "Equality Duty (Equality Act 2010, s.149) the council must give due regard to them: find out why, "
        "decide "
        "whether they can be justified, and record what you will do."
    )
    return "\n\n".join(paras)


def _display_table(table: pd.DataFrame, noun_plural: str) -> pd.DataFrame:
    def fmt(row: pd.Series, metric: str) -> str:
        value = row[metric]
        if pd.isna(value):
            return "not defined" if row["n"] > 0 else "no one in group"
        return f"{pct(value)} ({pct(row[metric + '_low'])} to {pct(row[metric + '_high'])})"

    out = pd.DataFrame(
        {
            "Group": [
                g + (" (reference)" if r else "")
                for g, r in zip(table["group"], table["is_reference"], strict=True)
            ],
            noun_plural.capitalize(): [count(v) for v in table["n"]],
            "Had the outcome": [count(v) for v in table["positives"]],
        }
    )
    for metric in (
        "selection_rate",
        "true_positive_rate",
        "false_positive_rate",
        "false_negative_rate",
        "precision",
    ):
        out[METRIC_WORDS[metric].capitalize()] = [fmt(row, metric) for _, row in table.iterrows()]
    return out


def _sections(groupings, tables, comparisons, gaps, four_fifths, calibration, flags, settings, figures):
    level = round(settings["confidence"] * 100)
    sections = [
        Section(
            "What was checked",
            f"Rows: {count(settings['rows'])}"
            + (
                f", of which {count(settings['rows_audited'])} were audited"
                if settings["rows_audited"] != settings["rows"]
                else ""
            )
            + ". Sensitive features: "
            + listing(
                [
                    _feature_description(g.name, g.characteristic)
                    for g in groupings[: len(groupings) - (1 if len(groupings) > 1 else 0)]
                ]
            )
            + f". Being picked out means: {settings['outcome']}. Reference groups (the group others are "
            "compared "
            "with; by default the largest): "
            + listing([f"{g.reference} for {g.name}" for g in groupings])
            + f". Ranges in brackets are {level}% confidence intervals (Wilson). Groups with fewer than "
            f"{count(settings['min_n'])} {settings['noun'][1]} are flagged, and the largest gaps and the "
            "four-fifths check compare only groups of at least that size (unless fewer than two are "
            "that large).",
        )
    ]
    for g, t in zip(groupings, tables, strict=True):
        comp = comparisons[
            (comparisons["feature"] == g.name)
            & comparisons["metric"].isin(
                ["selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate"]
            )
        ]
        comp_view = pd.DataFrame(
            {
                "Group": comp["group"],
                "Measure": comp["metric"].map(METRIC_WORDS),
                "Group value": [pct(v) if not pd.isna(v) else "not defined" for v in comp["value"]],
                "Reference value": [
                    pct(v) if not pd.isna(v) else "not defined" for v in comp["reference_value"]
                ],
                "Difference": [
                    f"{v * 100:+.1f} points" if not pd.isna(v) else "not defined" for v in comp["difference"]
                ],
                "Ratio": [num(v) if not pd.isna(v) else "not defined" for v in comp["ratio"]],
            }
        )
        gap = gaps[gaps["feature"] == g.name]
        gap_view = pd.DataFrame(
            {
                "Measure": gap["metric"].map(METRIC_WORDS),
                "Lowest": [
                    f"{pct(v)} ({grp})" if not pd.isna(v) else "not defined"
                    for v, grp in zip(gap["lowest"], gap["lowest_group"], strict=True)
                ],
                "Highest": [
                    f"{pct(v)} ({grp})" if not pd.isna(v) else "not defined"
                    for v, grp in zip(gap["highest"], gap["highest_group"], strict=True)
                ],
                "Gap (highest minus lowest)": [
                    pp(v) if not pd.isna(v) else "not defined" for v in gap["difference"]
                ],
                "Ratio (lowest over highest)": [
                    num(v) if not pd.isna(v) else "not defined" for v in gap["ratio"]
                ],
            }
        )
        is_intersection = " x " in g.name
        heading = (
            f"Intersections: {g.characteristic}" if is_intersection else f"Results by {g.characteristic}"
        )
        text = _narrative(g, gaps, settings)
        if is_intersection:
            text += (
                "\n\nIntersections matter because a gap can hide inside groups that look fair on their "
                "own, for "
                "example older women when neither age nor sex alone shows one. Intersectional groups are "
                "smaller, "
                "so read the confidence intervals."
            )
        figs = [_chart(g, t, settings["outcome"])] if figures and not is_intersection else []
        sections.append(
            Section(
                heading,
                text,
                tables=[
                    Table(f"Outcomes by {g.name}", _display_table(t, settings["noun"][1])),
                    Table(
                        f"Each group against the reference group ({g.reference})",
                        comp_view.reset_index(drop=True),
                        note="Difference: group minus reference, in percentage points. Ratio: group over "
                        "reference; 1 means the same.",
                    ),
                    Table(f"Largest gaps by {g.name}", gap_view.reset_index(drop=True)),
                ],
                figures=figs,
            )
        )
    ff = four_fifths[~four_fifths["feature"].str.contains(" x ", regex=False)]
    ff_view = pd.DataFrame(
        {
            "Feature": ff["feature"],
            "Group": ff["group"],
            "Selection rate": [pct(v) for v in ff["selection_rate"]],
            "Ratio to highest group": [
                num(v) if not pd.isna(v) else "not defined" for v in ff["ratio_to_highest"]
            ],
            "Below four-fifths (0.8)": ["yes" if b else "no" for b in ff["below_four_fifths"]],
        }
    ).reset_index(drop=True)
    sections.append(
        Section(
            "The four-fifths rule, and its limits",
            "The four-fifths rule compares each group's selection rate with the highest group's; a ratio "
            "below "
            "0.8 is treated as a sign of adverse impact. It comes from US employment guidance (the 1978 "
            "Uniform "
            "Guidelines on Employee Selection Procedures) and is a rough screen only:\n\n"
            "- It has no standing in UK law; the Equality Act 2010 sets no numeric threshold.\n"
            "- It looks only at selection rates, not at who the model gets wrong.\n"
            "- With small groups a ratio below 0.8 can happen by chance, and one above 0.8 can hide a real "
            "gap.\n"
            "- It assumes being selected is good. If selection brings scrutiny (a fraud check), the group "
            "selected most is the one to worry about.",
            tables=[Table("Selection rate against the highest group", ff_view)],
        )
    )
    if calibration is not None:
        cal = pd.DataFrame(
            {
                "Feature": calibration["feature"],
                "Group": calibration["group"],
                settings["noun"][1].capitalize(): [count(v) for v in calibration["n"]],
                "Average score": [pct(v) for v in calibration["mean_score"]],
                "Outcome happened": [pct(v) for v in calibration["observed_rate"]],
                "Calibration error": [num(v, 3) for v in calibration["calibration_error"]],
            }
        )
        sections.append(
            Section(
                "Calibration within groups",
                "A score is calibrated within groups when, in every group, people given a score of 30% "
                "have the "
                "outcome about 30% of the time. Calibration error is the average distance between score and "
                "outcome over ten score bands (0 is perfect). If one group's scores run high or low, staff "
                "who "
                "read the scores will misjudge that group.",
                tables=[Table("Scores against outcomes by group", cal)],
            )
        )
    if flags:
        sections.append(Section("Things to check", "\n".join(f"- {f['message']}" for f in flags)))
    sections.append(
        Section(
            "How to read the measures",
            "\n".join(
                f"- {METRIC_WORDS[m].capitalize()}: {METRIC_MEANING[m]}."
                for m in (
                    "selection_rate",
                    "true_positive_rate",
                    "false_positive_rate",
                    "false_negative_rate",
                    "precision",
                    "accuracy",
                )
            )
            + "\n\nThe outcome recorded in the data may itself be biased (for example, if some groups' "
            "cases are "
            "recorded differently). Error rates then measure agreement with a biased record, not with what "
            "really happened.",
        )
    )
    return sections
