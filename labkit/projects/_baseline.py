"""``baseline(data, outcome)``: how well today's process works, measured from data, with an interval."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import require_unique_names
from labkit._report import Report, Section, Table
from labkit._text import count, listing, pct
from labkit.projects._canvas import Baseline
from labkit.projects._inputs import binary

__all__ = ["BaselineReport", "baseline"]


class BaselineReport(Report):
    """What :func:`baseline` returns: the share with its interval, overall and by period.

    Attributes
    ----------
    value, low, high : float
        The share and its Wilson interval.
    cases, events : int
        Cases with a known outcome, and how many had the outcome.
    missing : int
        Cases left out because their outcome is blank.
    by_period : pandas.DataFrame or None
        The same, one row per period.
    """

    kind = "BaselineReport"
    # Set from baseline()'s keyword arguments (declared here for type checkers).
    value: float
    low: float
    high: float
    cases: int
    events: int
    missing: int
    by_period: pd.DataFrame | None

    def __init__(
        self, *, measure: str, noun: str, outcome_words: str, confidence: float, **parts: Any
    ) -> None:
        for name, value in parts.items():
            setattr(self, name, value)
        self.measure = measure
        self.confidence = confidence
        summary = (
            f"Of {count(self.cases)} {noun}, {count(self.events)} {outcome_words} ({pct(self.value)}; "
            f"{confidence:.0%} interval {pct(self.low)} to {pct(self.high)}). This is the baseline: how "
            "today's process works before anything changes."
        )
        if self.missing:
            summary += f" {count(self.missing)} {noun} with no recorded outcome were left out."
        if self.by_period is not None and len(self.by_period) > 1:
            bp = self.by_period
            lo, hi = bp.loc[bp["share"].idxmin()], bp.loc[bp["share"].idxmax()]
            summary += (
                f" By period it ranged from {pct(lo['share'])} ({lo['period']}) to {pct(hi['share'])} "
                f"({hi['period']})."
            )
        overall = pd.DataFrame(
            [
                {
                    "measure": measure,
                    "cases": self.cases,
                    "with the outcome": self.events,
                    "share": self.value,
                    "low": self.low,
                    "high": self.high,
                }
            ]
        )
        sections = [Section("Baseline", tables=[Table("The baseline, with its interval", overall)])]
        if self.by_period is not None:
            sections.append(Section("By period", tables=[Table("The baseline by period", self.by_period)]))
        super().__init__(f"Baseline: {measure}", summary, sections, overall)

    def to_canvas(self, source: str = "") -> Baseline:
        """The baseline as the canvas's ``baseline`` part (unit ``share``).

        Examples
        --------
        >>> from labkit.data import load
        >>> from labkit.projects import baseline
        >>> repairs = load("housing_repairs", clean=True)
        >>> b = baseline(repairs[repairs["financial_year"] == "2023-24"], "target_missed").to_canvas()
        >>> b.unit, round(b.value, 3)
        ('share', 0.259)
        """
        return Baseline(
            measure=self.measure,
            value=round(float(self.value), 4),
            unit="share",
            low=round(float(self.low), 4),
            high=round(float(self.high), 4),
            source=source,
        )

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "cases": self.cases,
            "events": self.events,
            "missing": self.missing,
        }


def baseline(
    data: pd.DataFrame,
    outcome: str,
    *,
    period: str | None = None,
    measure: str | None = None,
    noun: str = "cases",
    outcome_words: str = "had the outcome",
    confidence: float = 0.95,
) -> BaselineReport:
    """Measure today's process from data: the share of cases with an outcome, with a Wilson interval.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per case, before anything changes (for example last financial year's repairs).
    outcome : str
        A yes/no column: the outcome to count (``target_missed``, ``accommodation_secured``). Blank values
        are left out and counted.
    period : str, optional
        A column of periods (``financial_year``) for the same share by period.
    measure : str, optional
        A name for the measure; defaults to "share of cases where <outcome>".
    noun, outcome_words : str
        Words for the summary: ``noun="repairs", outcome_words="missed their target"``.
    confidence : float, default 0.95

    Returns
    -------
    BaselineReport

    Examples
    --------
    >>> from labkit.data import load
    >>> from labkit.projects import baseline
    >>> repairs = load("housing_repairs", clean=True)
    >>> b = baseline(repairs[repairs["financial_year"] == "2023-24"], "target_missed")
    >>> round(b.value, 3), round(b.low, 3), round(b.high, 3)
    (0.259, 0.247, 0.271)
    """
    from labkit.fairness import wilson_interval

    if not isinstance(data, pd.DataFrame):
        raise LabkitError(
            f"baseline() needs a table (a pandas DataFrame), not {type(data).__name__}.",
            where="parameter data",
            fix="Read the data first, for example with pandas.read_csv.",
        )
    require_unique_names(data, "data")
    for name, col in (("outcome", outcome), ("period", period)):
        if col is not None and col not in data.columns:
            raise LabkitError(
                f"The data has no column {col!r}.",
                where=f"parameter {name}",
                fix=f"The columns are {listing([repr(c) for c in list(data.columns)[:15]])}.",
            )
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0.5 <= confidence < 1:
        raise LabkitError(
            f"confidence must be a number from 0.5 to just under 1, not {confidence!r}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )
    y = binary(data[outcome], outcome)
    known = ~np.isnan(y)
    if not known.any():
        raise LabkitError(
            f"No row has a recorded outcome in {outcome!r}.",
            where=f"column {outcome!r}",
            fix="A baseline needs cases whose outcome is known; choose an earlier period.",
        )
    n, k = int(known.sum()), int((y[known] == 1).sum())
    low, high = wilson_interval(k, n, confidence)
    by_period = None
    if period is not None:
        periods = data[period].to_numpy(dtype=object)
        if pd.isna(periods).any():
            raise LabkitError(
                f"{count(int(pd.isna(periods).sum()))} rows have no {period!r}.",
                where=f"column {period!r}",
                fix="Give every row a period, or leave period out.",
            )
        frame = pd.DataFrame({"period": periods[known].astype(str), "y": y[known]})
        agg = frame.groupby("period", sort=True)["y"].agg(["size", "sum"])
        p_low, p_high = wilson_interval(agg["sum"].to_numpy(), agg["size"].to_numpy(), confidence)
        by_period = pd.DataFrame(
            {
                "period": agg.index.astype(str),
                "cases": agg["size"].to_numpy(np.int64),
                "with the outcome": agg["sum"].to_numpy().astype(np.int64),
                "share": agg["sum"].to_numpy() / agg["size"].to_numpy(),
                "low": p_low,
                "high": p_high,
            }
        )
    return BaselineReport(
        measure=measure or f"share of {noun} where {outcome} is true",
        noun=noun,
        outcome_words=outcome_words,
        confidence=float(confidence),
        value=k / n,
        low=float(low),
        high=float(high),
        cases=n,
        events=k,
        missing=int((~known).sum()),
        by_period=by_period,
    )
