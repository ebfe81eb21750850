"""The audit's last step: the FairnessReport, its sections and tables, and charts drawn only when shown."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from labkit._report import Figure, Report, Section, Table
from labkit._style import BORDER, GRID, OKABE_ITO, TEXT
from labkit._text import count, listing, num, pct
from labkit.fairness._audit_numbers import AuditNumbers, Grouping
from labkit.fairness._audit_words import GapLookup, feature_description, narrative
from labkit.fairness._fast import GroupMetrics
from labkit.fairness._words import METRIC_MEANING, METRIC_WORDS, pp

__all__ = ["FairnessReport", "chart", "sections"]

_SHOWN_RATES = ("selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate")
# The chart's three panels, each with its colour: blue, vermilion, green.
_PANELS = (
    ("selection_rate", "Selection rate", OKABE_ITO[0]),
    ("true_positive_rate", "True positive rate", OKABE_ITO[5]),
    ("false_positive_rate", "False positive rate", OKABE_ITO[2]),
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
    # Set from audit()'s keyword arguments (declared here for type checkers).
    groups: pd.DataFrame
    comparisons: pd.DataFrame
    gaps: pd.DataFrame
    four_fifths: pd.DataFrame
    calibration: pd.DataFrame | None
    flags: list[dict[str, Any]]
    references: dict[str, str]
    characteristics: dict[str, str]
    metrics: GroupMetrics
    overall: pd.Series
    n: int
    settings: dict[str, Any]
    features: list[str]

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


def _or_not_defined(values: Any, fmt: Any) -> list[str]:
    return ["not defined" if pd.isna(v) else fmt(v) for v in values]


def _display_table(table: pd.DataFrame, noun_plural: str) -> pd.DataFrame:
    n = table["n"].to_numpy()
    columns: dict[str, list[str]] = {
        "Group": [
            g + (" (reference)" if r else "")
            for g, r in zip(table["group"], table["is_reference"], strict=True)
        ],
        noun_plural.capitalize(): [count(v) for v in n],
        "Had the outcome": [count(v) for v in table["positives"]],
    }
    for metric in (*_SHOWN_RATES, "precision"):
        rates = zip(
            n,
            table[metric].to_numpy(),
            table[f"{metric}_low"].to_numpy(),
            table[f"{metric}_high"].to_numpy(),
            strict=True,
        )
        columns[METRIC_WORDS[metric].capitalize()] = [
            ("not defined" if size > 0 else "no one in group")
            if np.isnan(value)
            else f"{pct(value)} ({pct(low)} to {pct(high)})"
            for size, value, low, high in rates
        ]
    return pd.DataFrame(columns)


def _comparison_view(comparisons: pd.DataFrame, grouping: Grouping) -> pd.DataFrame:
    comp = comparisons[(comparisons["feature"] == grouping.name) & comparisons["metric"].isin(_SHOWN_RATES)]
    return pd.DataFrame(
        {
            "Group": comp["group"].to_numpy(),
            "Measure": comp["metric"].map(METRIC_WORDS).to_numpy(),
            "Group value": _or_not_defined(comp["value"], pct),
            "Reference value": _or_not_defined(comp["reference_value"], pct),
            "Difference": _or_not_defined(comp["difference"], lambda v: f"{v * 100:+.1f} points"),
            "Ratio": _or_not_defined(comp["ratio"], num),
        }
    )


def _gap_view(gaps: pd.DataFrame, grouping: Grouping) -> pd.DataFrame:
    gap = gaps[gaps["feature"] == grouping.name]
    return pd.DataFrame(
        {
            "Measure": gap["metric"].map(METRIC_WORDS).to_numpy(),
            "Lowest": [
                f"{pct(v)} ({grp})" if not pd.isna(v) else "not defined"
                for v, grp in zip(gap["lowest"], gap["lowest_group"], strict=True)
            ],
            "Highest": [
                f"{pct(v)} ({grp})" if not pd.isna(v) else "not defined"
                for v, grp in zip(gap["highest"], gap["highest_group"], strict=True)
            ],
            "Gap (highest minus lowest)": _or_not_defined(gap["difference"], pp),
            "Ratio (lowest over highest)": _or_not_defined(gap["ratio"], num),
        }
    )


def _what_was_checked(groupings: list[Grouping], settings: dict[str, Any]) -> Section:
    level = round(settings["confidence"] * 100)
    singles = groupings[: len(groupings) - (1 if len(groupings) > 1 else 0)]
    audited = (
        f", of which {count(settings['rows_audited'])} were audited"
        if settings["rows_audited"] != settings["rows"]
        else ""
    )
    return Section(
        "What was checked",
        f"Rows: {count(settings['rows'])}{audited}. Sensitive features: "
        + listing([feature_description(g.name, g.characteristic) for g in singles])
        + f". Being picked out means: {settings['outcome']}. Reference groups (the group others are "
        "compared with; by default the largest): "
        + listing([f"{g.reference} for {g.name}" for g in groupings])
        + f". Ranges in brackets are {level}% confidence intervals (Wilson). Groups with fewer than "
        f"{count(settings['min_n'])} {settings['noun'][1]} are flagged, and the largest gaps and the "
        "four-fifths check compare only groups of at least that size (unless fewer than two are "
        "that large).",
    )


def _grouping_section(
    grouping: Grouping,
    table: pd.DataFrame,
    numbers: AuditNumbers,
    gaps: GapLookup,
    settings: dict[str, Any],
    figures: bool,
) -> Section:
    text = narrative(grouping, gaps, settings)
    if grouping.is_intersection:
        heading = f"Intersections: {grouping.characteristic}"
        text += (
            "\n\nIntersections matter because a gap can hide inside groups that look fair on their own, for "
            "example older women when neither age nor sex alone shows one. Intersectional groups are "
            "smaller, so read the confidence intervals."
        )
    else:
        heading = f"Results by {grouping.characteristic}"
    charts = [chart(grouping, table, settings["outcome"])] if figures and not grouping.is_intersection else []
    tables = [
        Table(f"Outcomes by {grouping.name}", _display_table(table, settings["noun"][1])),
        Table(
            f"Each group against the reference group ({grouping.reference})",
            _comparison_view(numbers.comparisons, grouping),
            note="Difference: group minus reference, in percentage points. Ratio: group over "
            "reference; 1 means the same.",
        ),
        Table(f"Largest gaps by {grouping.name}", _gap_view(numbers.gaps, grouping)),
    ]
    return Section(heading, text, tables=tables, figures=charts)


def _four_fifths_section(four_fifths: pd.DataFrame) -> Section:
    ff = four_fifths[~four_fifths["feature"].str.contains(" x ", regex=False)]
    view = pd.DataFrame(
        {
            "Feature": ff["feature"].to_numpy(),
            "Group": ff["group"].to_numpy(),
            "Selection rate": [pct(v) for v in ff["selection_rate"]],
            "Ratio to highest group": _or_not_defined(ff["ratio_to_highest"], num),
            "Below four-fifths (0.8)": ["yes" if b else "no" for b in ff["below_four_fifths"]],
        }
    )
    return Section(
        "The four-fifths rule, and its limits",
        "The four-fifths rule compares each group's selection rate with the highest group's; a ratio below "
        "0.8 is treated as a sign of adverse impact. It comes from US employment guidance (the 1978 Uniform "
        "Guidelines on Employee Selection Procedures) and is a rough screen only:\n\n"
        "- It has no standing in UK law; the Equality Act 2010 sets no numeric threshold.\n"
        "- It looks only at selection rates, not at who the model gets wrong.\n"
        "- With small groups a ratio below 0.8 can happen by chance, and one above 0.8 can hide a real "
        "gap.\n"
        "- It assumes being selected is good. If selection brings scrutiny (a fraud check), the group "
        "selected most is the one to worry about.",
        tables=[Table("Selection rate against the highest group", view)],
    )


def _calibration_section(calibration: pd.DataFrame, noun_plural: str) -> Section:
    view = pd.DataFrame(
        {
            "Feature": calibration["feature"],
            "Group": calibration["group"],
            noun_plural.capitalize(): [count(v) for v in calibration["n"]],
            "Average score": [pct(v) for v in calibration["mean_score"]],
            "Outcome happened": [pct(v) for v in calibration["observed_rate"]],
            "Calibration error": [num(v, 3) for v in calibration["calibration_error"]],
        }
    )
    return Section(
        "Calibration within groups",
        "A score is calibrated within groups when, in every group, people given a score of 30% have the "
        "outcome about 30% of the time. Calibration error is the average distance between score and "
        "outcome over ten score bands (0 is perfect). If one group's scores run high or low, staff who "
        "read the scores will misjudge that group.",
        tables=[Table("Scores against outcomes by group", view)],
    )


def _measures_section() -> Section:
    rates = (*_SHOWN_RATES, "precision", "accuracy")
    return Section(
        "How to read the measures",
        "\n".join(f"- {METRIC_WORDS[m].capitalize()}: {METRIC_MEANING[m]}." for m in rates)
        + "\n\nThe outcome recorded in the data may itself be biased (for example, if some groups' cases are "
        "recorded differently). Error rates then measure agreement with a biased record, not with what "
        "really happened.",
    )


def sections(
    numbers: AuditNumbers,
    gaps: GapLookup,
    found: list[dict[str, Any]],
    settings: dict[str, Any],
    figures: bool,
) -> list[Section]:
    """The report's body: what was checked, one section per grouping, four-fifths, calibration, flags."""
    out = [_what_was_checked(numbers.groupings, settings)]
    for g, t in zip(numbers.groupings, numbers.tables, strict=True):
        out.append(_grouping_section(g, t, numbers, gaps, settings, figures))
    out.append(_four_fifths_section(numbers.four_fifths))
    if numbers.calibration is not None:
        out.append(_calibration_section(numbers.calibration, settings["noun"][1]))
    if found:
        out.append(Section("Things to check", "\n".join(f"- {f['message']}" for f in found)))
    out.append(_measures_section())
    return out


def chart(grouping: Grouping, table: pd.DataFrame, outcome: str) -> Figure:
    """Three dot charts of one feature's rates with intervals; drawn only when the report is shown."""
    shown = table[table["n"] > 0].reset_index(drop=True)
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
    title = f"Outcomes by {grouping.characteristic}"
    return Figure(title, alt, draw=partial(_draw_chart, grouping.name, shown, title))


def _draw_chart(feature: str, shown: pd.DataFrame, title: str) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(10, 1.2 + 0.35 * len(shown)), sharey=True)
    ypos = np.arange(len(shown))
    for ax, (metric, name, colour) in zip(axes, _PANELS, strict=True):
        values = shown[metric].to_numpy(dtype=float)
        low = shown[f"{metric}_low"].to_numpy(dtype=float)
        high = shown[f"{metric}_high"].to_numpy(dtype=float)
        xerr = [np.nan_to_num(values - low), np.nan_to_num(high - values)]
        ax.errorbar(values, ypos, xerr=xerr, fmt="o", color=colour, ecolor=BORDER, capsize=3)
        for y, v in zip(ypos, values, strict=True):
            if np.isnan(v):
                ax.text(0.02, y, "not defined", va="center", fontsize=8, color=TEXT)
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"{name} (0 to 1)")
        ax.grid(axis="x", color=GRID)
    names = [
        str(g) + (" (reference)" if r else "")
        for g, r in zip(shown["group"], shown["is_reference"], strict=True)
    ]
    axes[0].set_yticks(ypos, names)
    axes[0].invert_yaxis()
    axes[0].set_ylabel(feature)
    fig.suptitle(title)
    fig.tight_layout()
    return fig
