"""``monitor(log, canvas)``: is a deployed tool still working, fair and delivering what was promised?

The log has one row per case the tool scored, with the month, the inputs, the score and (once known) the
outcome. For each month the monitor computes performance with intervals (``labkit.evaluate``'s
``ThresholdCurve``: Wilson intervals for rates, DeLong for ROC-AUC), drift per input (population stability
index against the first months), fairness by group (``labkit.fairness.group_metrics`` and
``wilson_interval``), the canvas's success measures against their baseline and target, and a red, amber or
green status from the canvas's stop rules, with the decision each points to.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._inputs import require_unique_names
from labkit._report import Figure, Report, Section, Table
from labkit._style import BORDER, OKABE_ITO
from labkit._text import count, listing, num, pct
from labkit.projects._canvas import MONITOR_MEASURES, MonitorPlan, ProblemCanvas, StopRule, require_canvas
from labkit.projects._inputs import binary as _binary

__all__ = ["PSI_FLOOR", "MonitorReport", "monitor", "psi"]

PSI_FLOOR = 1e-4
"""Shares below this are raised to it before taking logarithms, so an empty bin gives a large, finite PSI."""

_MONTH_TEXT = re.compile(r"\d{4}-\d{2}(-\d{2})?")
_RUN = 2  # a signal counts from the first of at least this many months in a row
_STATUS_ORDER = {"green": 0, "amber": 1, "red": 2}
_DECISIONS = {
    "green": "continue: keep the tool running and keep monitoring",
    "amber": "fix: investigate the cause and fix it, with a date to report back",
    "red": "stop: pause the tool and take the decision back to the accountable owner",
}
# Okabe-Ito, in the order these charts use: blue, vermilion, green, purple, orange, sky blue, black.
_COLOURS = tuple(OKABE_ITO[i] for i in (0, 5, 2, 3, 1, 4, 7))


def psi(expected: Any, actual: Any) -> float:
    """Population stability index between two distributions given as counts or shares per bin.

    ``sum((a - e) * ln(a / e))`` over the bins, with shares below :data:`PSI_FLOOR` raised to it. By a common
    rule of thumb (an industry convention, not a standard), below 0.1 is little change, 0.1 to 0.25 a
    moderate shift and above 0.25 a major shift.

    Examples
    --------
    >>> round(psi([50, 50], [50, 50]), 3)
    0.0
    >>> round(psi([70, 30], [40, 60]), 3)
    0.376
    """
    e = np.asarray(expected, dtype=float)
    a = np.asarray(actual, dtype=float)
    if e.shape != a.shape or e.ndim != 1 or e.sum() <= 0 or a.sum() <= 0:
        raise LabkitError(
            "psi() needs two lists of counts of the same length, each with a positive total.",
            where="parameters expected, actual",
            fix="Count the cases in each bin (category or range) in the reference and in the new period.",
        )
    return float(_psi_rows(e[None, :], a[None, :])[0])


def _psi_rows(expected: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """PSI of each row of ``actual`` (months x bins) against ``expected`` (1 x bins)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.maximum(expected / expected.sum(axis=1, keepdims=True), PSI_FLOOR)
        totals = actual.sum(axis=1, keepdims=True)
        a = np.maximum(actual / totals, PSI_FLOOR)
        out = ((a - e) * np.log(a / e)).sum(axis=1)
    return np.where(totals[:, 0] > 0, out, np.nan)


# -- reading the log -----------------------------------------------------------------------------
@dataclass
class _Log:
    months: list[str]  # every month from the first to the last, as YYYY-MM
    code: np.ndarray  # month index of each row (0 = first month)
    score: np.ndarray
    outcome: np.ndarray  # 1.0, 0.0 or NaN (not known yet)
    flagged: np.ndarray  # bool
    frame: pd.DataFrame
    findings: list[str]
    inputs: list[str]
    group: str | None


def _combine(log: Any) -> tuple[pd.DataFrame, list[str]]:
    if isinstance(log, pd.DataFrame):
        require_unique_names(log, "log")
        return log, []
    if isinstance(log, (list, tuple)) and log and all(isinstance(f, pd.DataFrame) for f in log):
        for frame in log:
            require_unique_names(frame, "log")
        findings = []
        first = list(log[0].columns)
        for i, frame in enumerate(log[1:], start=2):
            cols = list(frame.columns)
            gone = [c for c in first if c not in cols]
            new = [c for c in cols if c not in first]
            if gone or new:
                parts = []
                if gone:
                    parts.append(f"lost {listing([repr(c) for c in gone])}")
                if new:
                    parts.append(f"gained {listing([repr(c) for c in new])}")
                findings.append(
                    f"The column set changed in part {i} of the log: it {' and '.join(parts)}. Missing "
                    "columns are treated as not recorded in those months."
                )
        return pd.concat(log, ignore_index=True, sort=False), findings
    raise LabkitError(
        f"The monitoring log must be a table (a pandas DataFrame), not {type(log).__name__}.",
        where="parameter log",
        fix="Read it first, for example log = pandas.read_csv('monitoring.csv'), or pass a list of monthly "
        "DataFrames.",
    )


def _months(values: pd.Series, column: str) -> tuple[np.ndarray, list[str], list[str]]:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0])
        raise LabkitError(
            f"{count(int((codes < 0).sum()))} rows have no month.",
            where=f"column {column!r}, row {row}",
            fix="Give every row the month the case was scored, as YYYY-MM.",
        )
    periods = []
    for value in uniques:
        try:
            if isinstance(value, str) and not _MONTH_TEXT.fullmatch(value.strip()):
                raise ValueError(value)
            periods.append(pd.Period(value, freq="M"))
        except (ValueError, TypeError):
            row = int(np.flatnonzero(values.to_numpy() == value)[0]) if not isinstance(value, float) else 0
            raise LabkitError(
                f"{value!r} is not a month labkit can read.",
                where=f"column {column!r}, row {row}",
                fix="Write months as YYYY-MM, for example 2024-04.",
            ) from None
    ordinals = np.array([p.ordinal for p in periods], dtype=np.int64)
    first, last = int(ordinals.min()), int(ordinals.max())
    full = [str(pd.Period(ordinal=o, freq="M")) for o in range(first, last + 1)]
    present = {str(p) for p in periods}
    gaps = [m for m in full if m not in present]
    row_code = (ordinals - first)[codes]
    return row_code, full, gaps


def _read_log(log: Any, canvas: ProblemCanvas) -> _Log:
    frame, findings = _combine(log)
    plan = canvas.monitor
    needed = {"month": plan.month, "score": plan.score}
    for what, col in needed.items():
        if not col:
            raise LabkitError(
                f"The canvas's monitor plan does not name the {what} column.",
                where=f"canvas monitor.{what}",
                fix=f"Add '{what}: COLUMN' under monitor in the canvas.",
            )
        if col not in frame.columns:
            raise LabkitError(
                f"The log has no {what} column {col!r}.",
                where=f"canvas monitor.{what}",
                fix=f"The log's columns are {listing([repr(c) for c in list(frame.columns)[:15]])}; name one "
                "of "
                "them in the canvas, or rename the column.",
            )
    if len(frame) == 0:
        raise LabkitError("The log has no rows.", where="parameter log", fix="Pass the monthly records.")
    code, months, gaps = _months(frame[plan.month], plan.month)
    if (np.diff(code) < 0).any():
        findings.append("Rows were not in month order; the monitor sorted them by month.")
    if gaps:
        findings.append(
            f"No records for {listing(gaps)}: a gap in the log. Those months are shown as 'no records' and "
            "cannot fire a stop rule; find out why they are missing."
        )
    try:
        score = pd.to_numeric(frame[plan.score], errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (ValueError, TypeError) as exc:
        raise LabkitError(
            f"The score column {plan.score!r} holds text that is not a number.",
            where=f"column {plan.score!r}",
            fix="Give each case's score as a number from 0 to 1.",
        ) from exc
    bad = np.isnan(score) | (score < 0) | (score > 1)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise LabkitError(
            f"{count(int(bad.sum()))} scores are missing or outside 0 to 1.",
            where=f"column {plan.score!r}, row {row}",
            fix="Every scored case needs a score from 0 to 1; remove rows the tool did not score.",
        )
    if plan.outcome and plan.outcome in frame.columns:
        outcome = _binary(frame[plan.outcome], plan.outcome)
    else:
        outcome = np.full(len(frame), np.nan)
        findings.append(
            f"The log has no outcome column{f' {plan.outcome!r}' if plan.outcome else ''}: performance, "
            "fairness and benefits cannot be measured, only drift."
        )
    if plan.flagged and plan.flagged in frame.columns:
        flagged_raw = _binary(frame[plan.flagged], plan.flagged)
        if np.isnan(flagged_raw).any():
            row = int(np.flatnonzero(np.isnan(flagged_raw))[0])
            raise LabkitError(
                "Some rows do not say whether the case was flagged.",
                where=f"column {plan.flagged!r}, row {row}",
                fix="Fill in True/False for every case.",
            )
        flagged = flagged_raw == 1.0
    elif plan.threshold is not None:
        flagged = score >= plan.threshold
    else:
        raise LabkitError(
            "The monitor cannot tell which cases were flagged.",
            where="canvas monitor.threshold, monitor.flagged",
            fix="Give the threshold (monitor.threshold: 0.3) or a True/False column (monitor.flagged).",
        )
    inputs = []
    for col in plan.inputs:
        if col not in frame.columns:
            findings.append(f"The input {col!r} is not in the log: its drift cannot be measured.")
        else:
            inputs.append(col)
    group = plan.group or None
    if group and group not in frame.columns:
        findings.append(
            f"The group column {group!r} is not in the log: fairness by month cannot be measured."
        )
        group = None
    return _Log(months, code, score, outcome, flagged, frame, findings, inputs, group)


# -- the computations ----------------------------------------------------------------------------
def _first_run(flags: np.ndarray, run: int = _RUN) -> int | None:
    """Index of the first month that starts ``run`` True months in a row."""
    streak = 0
    for i, f in enumerate(flags):
        streak = streak + 1 if f else 0
        if streak >= run:
            return i - run + 1
    return None


def _performance(lg: _Log, confidence: float) -> pd.DataFrame:
    from labkit.evaluate import ThresholdCurve
    from labkit.fairness import wilson_interval

    n_months = len(lg.months)
    known = ~np.isnan(lg.outcome)
    y = np.where(known, lg.outcome, 0.0) == 1.0
    f = lg.flagged
    cases = np.bincount(lg.code, minlength=n_months)
    flagged = np.bincount(lg.code, weights=f, minlength=n_months)
    n_known = np.bincount(lg.code, weights=known, minlength=n_months)
    pos = np.bincount(lg.code, weights=known & y, minlength=n_months)
    tp = np.bincount(lg.code, weights=known & y & f, minlength=n_months)
    flagged_known = np.bincount(lg.code, weights=known & f, minlength=n_months)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    auc = np.full(n_months, np.nan)
    auc_low = np.full(n_months, np.nan)
    auc_high = np.full(n_months, np.nan)
    order = np.argsort(lg.code, kind="stable")
    bounds = np.searchsorted(lg.code[order], np.arange(n_months + 1))
    for m in range(n_months):
        idx = order[bounds[m] : bounds[m + 1]]
        idx = idx[known[idx]]
        if idx.size == 0:
            continue
        yy = y[idx]
        if yy.all() or not yy.any():
            continue
        value, se = ThresholdCurve(yy, lg.score[idx]).roc_auc()
        auc[m] = value
        if math.isfinite(se):
            auc_low[m], auc_high[m] = max(0.0, value - z * se), min(1.0, value + z * se)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(n_known > 0, pos / n_known, np.nan)
        recall = np.where(pos > 0, tp / pos, np.nan)
        precision = np.where(flagged_known > 0, tp / flagged_known, np.nan)
        flagged_rate = np.where(cases > 0, flagged / cases, np.nan)
    rate_low, rate_high = wilson_interval(pos, n_known, confidence)
    rec_low, rec_high = wilson_interval(tp, pos, confidence)
    prec_low, prec_high = wilson_interval(tp, flagged_known, confidence)
    table = pd.DataFrame(
        {
            "month": lg.months,
            "cases": cases.astype(np.int64),
            "outcomes known": n_known.astype(np.int64),
            "flagged_rate": flagged_rate,
            "outcome_rate": rate,
            "outcome_rate low": rate_low,
            "outcome_rate high": rate_high,
            "recall": recall,
            "recall low": rec_low,
            "recall high": rec_high,
            "precision": precision,
            "precision low": prec_low,
            "precision high": prec_high,
            "roc_auc": auc,
            "roc_auc low": auc_low,
            "roc_auc high": auc_high,
        }
    )
    return table


def _reference_months(table: pd.DataFrame, reference_months: int, column: str) -> list[int]:
    ok = np.flatnonzero(table[column].to_numpy() > 0)
    return ok[:reference_months].tolist()


def _drift(lg: _Log, ref: list[int]) -> tuple[pd.DataFrame, list[str]]:
    n_months = len(lg.months)
    out: dict[str, Any] = {"month": lg.months}
    findings = []
    ref_rows = np.isin(lg.code, ref)
    for col in lg.inputs:
        series = lg.frame[col]
        numeric = pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype)
        if numeric and series.nunique(dropna=True) > 10:
            values = series.to_numpy(dtype=float, na_value=np.nan)
            ref_values = values[ref_rows & ~np.isnan(values)]
            edges = (
                np.unique(np.quantile(ref_values, np.linspace(0.1, 0.9, 9)))
                if ref_values.size
                else np.empty(0)
            )
            bins = np.searchsorted(edges, values, side="right")
            missing = np.isnan(values)
            n_bins = len(edges) + 2
        else:
            bins, uniques = pd.factorize(series, use_na_sentinel=True)
            missing = bins < 0
            n_bins = len(uniques) + 1
        bins = np.where(missing, n_bins - 1, bins)
        counts = np.bincount(lg.code * n_bins + bins, minlength=n_months * n_bins).reshape(n_months, n_bins)
        recorded = np.bincount(lg.code, weights=~missing, minlength=n_months)
        cases = np.bincount(lg.code, minlength=n_months)
        expected = counts[ref].sum(axis=0, keepdims=True)
        values_psi = _psi_rows(expected, counts) if expected.sum() > 0 else np.full(n_months, np.nan)
        not_recorded = (recorded == 0) & (cases > 0)
        if not_recorded.any():
            which = [lg.months[i] for i in np.flatnonzero(not_recorded)]
            findings.append(
                f"The input {col!r} was not recorded in {listing(which)} (a changed column set): its drift "
                "is not computed for those months. A model fed blanks scores differently; check with the "
                "supplier."
            )
            values_psi = np.where(not_recorded, np.nan, values_psi)
        out[f"psi_{col}"] = values_psi
    return pd.DataFrame(out), findings


def _fairness(lg: _Log, plan, confidence: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    from labkit.fairness import group_metrics, wilson_interval

    known = ~np.isnan(lg.outcome)
    month_labels = np.asarray(lg.months, dtype=object)
    sensitive = {
        "month": month_labels[lg.code[known]],
        lg.group: lg.frame[lg.group].to_numpy(dtype=object)[known],
    }
    gm = group_metrics(
        lg.outcome[known] == 1.0,
        lg.flagged[known],
        sensitive_features=sensitive,
        metrics=["count", "selection_rate", "true_positive_rate"],
        missing="group",
    )
    counts = gm.counts.reset_index()
    counts = counts[(counts["TN"] + counts["FP"] + counts["FN"] + counts["TP"]) > 0]
    tp, fn = counts["TP"].to_numpy(float), counts["FN"].to_numpy(float)
    cases = counts[["TN", "FP", "FN", "TP"]].sum(axis=1).to_numpy(float)
    flagged = (counts["FP"] + counts["TP"]).to_numpy(float)
    low, high = wilson_interval(tp, tp + fn, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame(
            {
                "month": counts["month"].astype(str).to_numpy(),
                "group": counts[lg.group].astype(str).to_numpy(),
                "cases": cases.astype(np.int64),
                "with outcome": (tp + fn).astype(np.int64),
                "flagged_rate": flagged / cases,
                "recall": np.where(tp + fn > 0, tp / (tp + fn), np.nan),
                "recall low": low,
                "recall high": high,
            }
        )
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rows = []
    for month in lg.months:
        part = table[table["month"] == month]
        usable = part[part["with outcome"] >= plan.min_group_cases]
        row: dict[str, Any] = {
            "month": month,
            "recall_gap": np.nan,
            "recall_gap low": np.nan,
            "lowest group": "",
        }
        sel = part[part["cases"] >= plan.min_group_cases]
        row["flagged_rate_gap"] = (
            float(sel["flagged_rate"].max() - sel["flagged_rate"].min()) if len(sel) >= 2 else np.nan
        )
        if len(usable) >= 2:
            hi = usable.loc[usable["recall"].idxmax()]
            lo = usable.loc[usable["recall"].idxmin()]
            gap = float(hi["recall"] - lo["recall"])
            se = math.sqrt(
                hi["recall"] * (1 - hi["recall"]) / hi["with outcome"]
                + lo["recall"] * (1 - lo["recall"]) / lo["with outcome"]
            )
            row.update({"recall_gap": gap, "recall_gap low": gap - z * se, "lowest group": lo["group"]})
        rows.append(row)
    return table.reset_index(drop=True), pd.DataFrame(rows)


def _rule_values(rule: StopRule, months: pd.DataFrame) -> np.ndarray:
    if rule.measure in months.columns:
        return months[rule.measure].to_numpy(dtype=float)
    return np.full(len(months), np.nan)


def _apply_rules(canvas: ProblemCanvas, months: pd.DataFrame, has_records: np.ndarray):
    rows = []
    status = np.array(["green"] * len(months), dtype=object)
    status[~has_records] = "no records"
    for rule in canvas.stop_rules:
        values = _rule_values(rule, months)
        breach = values < rule.value if rule.when == "below" else values > rule.value
        breach &= ~np.isnan(values)
        streak = 0
        fired = []
        for i, b in enumerate(breach):
            streak = streak + 1 if b else 0
            if streak >= rule.months:
                fired.append(i)
                if _STATUS_ORDER.get(status[i], -1) < _STATUS_ORDER[rule.status]:
                    status[i] = rule.status
        known = rule.measure in months.columns
        rows.append(
            {
                "rule": rule.name or f"{rule.measure} {rule.when} {rule.value:g}",
                "measure": rule.measure,
                "when": f"{rule.when} {rule.value:g} for {rule.months} month(s) in a row",
                "status": rule.status,
                "first fired": months["month"].iloc[fired[0]]
                if fired
                else ("never" if known else "not computed"),
                "months fired": len(fired),
                "decision": rule.decision or _DECISIONS[rule.status],
            }
        )
    return pd.DataFrame(
        rows, columns=["rule", "measure", "when", "status", "first fired", "months fired", "decision"]
    ), status


def _benefits(canvas: ProblemCanvas, months: pd.DataFrame, numbers: np.ndarray):
    rows = []
    events = {}
    for m in canvas.measures:
        if m.name not in months.columns or m.baseline is None or m.target is None or m.direction == "":
            continue
        values = months[m.name].to_numpy(dtype=float)
        low_col, high_col = f"{m.name} low", f"{m.name} high"
        low = months[low_col].to_numpy(dtype=float) if low_col in months else values
        high = months[high_col].to_numpy(dtype=float) if high_col in months else values
        if m.direction == "lower":
            better = high < m.baseline
            met = values <= m.target
        else:
            better = low > m.baseline
            met = values >= m.target
        better &= ~np.isnan(values)
        met &= ~np.isnan(values)
        start = _first_run(better)
        met_at = _first_run(met)
        known = np.flatnonzero(~np.isnan(values))
        recent = float(np.nanmean(values[known[-3:]])) if known.size else float("nan")
        events[m.name] = {
            "arrived_month": months["month"].iloc[start] if start is not None else None,
            "arrived_month_number": int(numbers[start]) if start is not None else None,
            "promised_by_month_number": m.by_month,
            "target_met_month": months["month"].iloc[met_at] if met_at is not None else None,
            "latest_level": recent,
            "baseline": m.baseline,
            "target": m.target,
            "later_than_promised": bool(
                m.by_month is not None and (start is None or numbers[start] > m.by_month)
            ),
            "smaller_than_promised": met_at is None,
        }
        for i, month in enumerate(months["month"]):
            rows.append(
                {
                    "measure": m.name,
                    "month": month,
                    "month number": int(numbers[i]),
                    "value": values[i],
                    "low": low[i],
                    "high": high[i],
                    "baseline": m.baseline,
                    "target": m.target,
                    "better than baseline": bool(better[i]),
                    "target met": bool(met[i]),
                }
            )
    return pd.DataFrame(rows), events


# -- the report --------------------------------------------------------------------------------
class MonitorReport(Report):
    """What :func:`monitor` returns: the months, drift, fairness, benefits, status and decision.

    Attributes
    ----------
    months : pandas.DataFrame
        One row per month from the first to the last (gaps included): cases, outcomes known, flagged rate,
        outcome rate, recall, precision and ROC-AUC with their intervals, the largest PSI, the recall gap
        between groups, and the month's status.
    drift : pandas.DataFrame
        PSI of each input (``psi_<input>``) by month, against the reference months.
    fairness : pandas.DataFrame
        Per month and group: cases, cases with the outcome, flagged rate, recall with its interval.
    benefits : pandas.DataFrame
        Each canvas measure the monitor computes, by month, against its baseline and target.
    rules : pandas.DataFrame
        Each stop rule: its status, the first month it fired and the decision it points to.
    events : dict
        The first month of each signal: ``drift`` (per input), ``performance_fall``, ``fairness_gap`` and
        ``benefits`` (per measure). ``None`` where there is none.
    status : str
        "green", "amber" or "red": the worst status any stop rule has reached.
    decision : str
        What the status points to: continue, fix or stop.
    findings : list of str
        Problems with the log itself (gaps, order, changed columns, outcomes not known yet).
    """

    kind = "MonitorReport"
    # Set from monitor()'s keyword arguments (declared here for type checkers).
    months: pd.DataFrame
    drift: pd.DataFrame
    fairness: pd.DataFrame
    benefits: pd.DataFrame
    rules: pd.DataFrame
    events: dict[str, Any]
    status: str
    decision: str
    findings: list[str]
    reference: list[str]
    reference_auc: float
    confidence: float

    def __init__(self, canvas: ProblemCanvas, **parts: Any) -> None:
        self.canvas = canvas
        for name, value in parts.items():
            setattr(self, name, value)
        super().__init__(
            f"Project health: {canvas.title}",
            self._summary(),
            self._sections(parts.get("plot", True)),
            self.months,
        )

    def _summary(self) -> str:
        months = self.months[self.months["cases"] > 0]
        first, last = self.months["month"].iloc[0], self.months["month"].iloc[-1]
        text = [
            f"{count(int(months['cases'].sum()))} cases over {len(self.months)} months ({first} to {last}). "
            f"Status: {self.status.upper()}. Decision: {self.decision}."
        ]
        fired = self.rules[~self.rules["first fired"].isin(["never", "not computed"])]
        for _, r in fired.iterrows():
            text.append(f"Stop rule '{r['rule']}' ({r['status']}) first fired in {r['first fired']}.")
        ev = self.events
        for col, info in ev["drift"].items():
            if info:
                text.append(f"The input '{col}' drifted from {info['month']} (PSI {num(info['psi'])}).")
        if ev["performance_fall"]:
            p = ev["performance_fall"]
            text.append(
                f"Performance fell from {p['month']}: ROC-AUC {num(p['roc_auc'])} against "
                f"{num(p['reference'])} in the first months."
            )
        if ev["fairness_gap"]:
            g = ev["fairness_gap"]
            text.append(
                f"A fairness gap opened in {g['month']}: recall for {g['group']} was {num(g['gap'])} below "
                "the "
                "best-served group."
            )
        for name, b in ev["benefits"].items():
            when = f"arrived in {b['arrived_month']}" if b["arrived_month"] else "has not arrived"
            promised = (
                f" (promised by month {b['promised_by_month_number']})"
                if b["promised_by_month_number"]
                else ""
            )
            text.append(
                f"The benefit on '{name}' {when}{promised}; latest level {pct(b['latest_level'])} against a "
                "baseline "
                f"of {pct(b['baseline'])} and a target of {pct(b['target'])}."
            )
        if self.findings:
            text.append(f"{len(self.findings)} problem(s) with the log itself: see 'Data checks'.")
        return " ".join(text)

    def _sections(self, plot: bool) -> list[Section]:
        m = self.months
        perf = m[
            [
                "month",
                "cases",
                "outcomes known",
                "flagged_rate",
                "outcome_rate",
                "recall",
                "recall low",
                "recall high",
                "precision",
                "roc_auc",
                "roc_auc low",
                "roc_auc high",
                "status",
            ]
        ]
        sections = [
            Section(
                "Status and decision",
                f"Status {self.status.upper()}: {self.decision}. Each stop rule was set in the canvas before "
                "go-live; a rule fires when its measure passes the value for the months in a row it names.",
                tables=[Table("Stop rules", self.rules)],
            ),
            Section(
                "Performance by month",
                f"Rates with {self.confidence:.0%} intervals (Wilson for shares, DeLong for ROC-AUC), on "
                "cases "
                "whose outcome is known.",
                tables=[Table("Performance by month", perf)],
                figures=[self._chart_performance()] if plot else [],
            ),
            Section(
                "Drift by input",
                "Population stability index (PSI) of each input against the reference months "
                f"({listing(self.reference)}). By a common rule of thumb, above 0.25 is a major shift; "
                "a shift is a reason to check the data and the model, not proof the model is worse.",
                tables=[Table("PSI by month and input", self.drift)],
                figures=[self._chart_drift()] if plot and len(self.drift.columns) > 1 else [],
            ),
        ]
        if len(self.fairness):
            sections.append(
                Section(
                    "Fairness by month",
                    "Recall (the share of cases with the outcome that the tool flagged) for each group, with "
                    "Wilson intervals. Groups with fewer than "
                    f"{self.canvas.monitor.min_group_cases} cases with "
                    "the outcome in a month are not compared.",
                    tables=[Table("Recall by month and group", self.fairness)],
                    figures=[self._chart_fairness()] if plot else [],
                )
            )
        if len(self.benefits):
            sections.append(
                Section(
                    "Benefits against the baseline and the target",
                    "A month is better than the baseline when its whole interval is on the better side.",
                    tables=[Table("Benefits by month", self.benefits)],
                    figures=[self._chart_benefits()] if plot else [],
                )
            )
        sections.append(
            Section(
                "Data checks",
                "\n".join(f"- {f}" for f in self.findings)
                if self.findings
                else "No problems found with the log.",
            )
        )
        return sections

    # -- charts (text alternatives say what each shows) -------------------------------------------
    def _axes(self, title: str, ylabel: str):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(8, 3.6))
        ax.set_title(title)
        ax.set_xlabel("Month")
        ax.set_ylabel(ylabel)
        return fig, ax

    def _ticks(self, ax) -> None:
        x = np.arange(len(self.months))
        step = max(1, len(x) // 12)
        ax.set_xticks(x[::step])
        ax.set_xticklabels(self.months["month"].iloc[::step], rotation=45, ha="right")

    def _chart_performance(self) -> Figure:
        p = self.events["performance_fall"]
        alt = "Recall and ROC-AUC by month with their intervals. " + (
            f"ROC-AUC falls from {p['month']}." if p else "Neither falls materially."
        )
        return Figure("Recall and ROC-AUC by month", alt, draw=self._draw_performance)

    def _draw_performance(self) -> Any:
        m = self.months
        fig, ax = self._axes("Recall and ROC-AUC by month", "Value (0 to 1)")
        x = np.arange(len(m))
        for name, colour, style in (("recall", _COLOURS[0], "-o"), ("roc_auc", _COLOURS[1], "-s")):
            ax.plot(
                x,
                m[name],
                style,
                color=colour,
                label=name.replace("_", "-").upper() if name == "roc_auc" else "Recall",
            )
            ax.fill_between(x, m[f"{name} low"], m[f"{name} high"], color=colour, alpha=0.2)
        ax.set_ylim(0, 1)
        ax.legend(loc="lower left")
        self._ticks(ax)
        return fig

    def _chart_drift(self) -> Figure:
        drifted = [f"{c} from {v['month']}" for c, v in self.events["drift"].items() if v]
        alt = "PSI of each input by month. " + (
            f"Above the alert level: {listing(drifted)}." if drifted else "No input passes the alert level."
        )
        return Figure("Drift by input", alt, draw=self._draw_drift)

    def _draw_drift(self) -> Any:
        d = self.drift
        fig, ax = self._axes("Population stability index by input", "PSI")
        x = np.arange(len(d))
        for i, col in enumerate(c for c in d.columns if c.startswith("psi_")):
            ax.plot(x, d[col], "-o", color=_COLOURS[i % len(_COLOURS)], label=col[4:], markersize=3)
        ax.axhline(self.canvas.monitor.drift_alert, color=BORDER, linestyle="--", label="alert level")
        ax.legend(loc="upper left", fontsize="small")
        self._ticks(ax)
        return fig

    def _chart_fairness(self) -> Figure:
        g = self.events["fairness_gap"]
        alt = "Recall of each group by month. " + (
            f"From {g['month']} recall for {g['group']} falls below the others."
            if g
            else "No lasting gap opens."
        )
        return Figure("Fairness by month", alt, draw=self._draw_fairness)

    def _draw_fairness(self) -> Any:
        f = self.fairness
        fig, ax = self._axes("Recall by group and month", "Recall (0 to 1)")
        index = {m: i for i, m in enumerate(self.months["month"])}
        for i, (group, part) in enumerate(f.groupby("group", sort=True)):
            ax.plot(
                part["month"].map(index),
                part["recall"],
                "-o",
                color=_COLOURS[i % len(_COLOURS)],
                label="\n".join(textwrap.wrap(str(group), 32)) or str(group),  # wrapped, never cut short
                markersize=3,
            )
        ax.set_ylim(0, 1)
        ax.legend(loc="lower left", fontsize="x-small")
        self._ticks(ax)
        return fig

    def _chart_benefits(self) -> Figure:
        name = self.benefits["measure"].iloc[0]
        e = self.events["benefits"][name]
        words = _measure_words(name)
        alt = (
            f"{words[:1].upper()}{words[1:]} by month against its baseline ({pct(e['baseline'])}) and target "
            f"({pct(e['target'])}). "
            + (
                f"It is better than the baseline from {e['arrived_month']}"
                if e["arrived_month"]
                else "It never beats the baseline clearly"
            )
            + (
                " and never reaches the target."
                if e["smaller_than_promised"]
                else f" and meets the target from {e['target_met_month']}."
            )
        )
        return Figure("Benefits against the baseline and target", alt, draw=self._draw_benefits)

    def _draw_benefits(self) -> Any:
        b = self.benefits
        name = b["measure"].iloc[0]
        part = b[b["measure"] == name]
        words = _measure_words(name)
        ylabel = "Value" if name in ("roc_auc", "max_psi") else "Share (0 to 1)"
        fig, ax = self._axes(f"{words[:1].upper()}{words[1:]}: against baseline and target", ylabel)
        x = np.arange(len(part))
        ax.plot(x, part["value"], "-o", color=_COLOURS[0], label="measured", markersize=3)
        ax.fill_between(x, part["low"], part["high"], color=_COLOURS[0], alpha=0.2)
        ax.axhline(part["baseline"].iloc[0], color=_COLOURS[1], linestyle="--", label="baseline")
        ax.axhline(part["target"].iloc[0], color=_COLOURS[2], linestyle=":", label="target")
        ax.legend(loc="upper right", fontsize="small")
        self._ticks(ax)
        return fig

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "decision": self.decision,
            "events": self.events,
            "findings": self.findings,
            "months": self.months,
            "rules": self.rules,
        }


def monitor(log: Any, canvas: ProblemCanvas, *, confidence: float = 0.95, plot: bool = True) -> MonitorReport:
    """Monitor a deployed tool month by month against its canvas.

    Parameters
    ----------
    log : pandas.DataFrame or list of DataFrame
        One row per case the tool scored: the month (``YYYY-MM``), the score, the inputs, the group column,
        and the outcome once known (blank before). Column names come from ``canvas.monitor``. A list of
        monthly frames is combined; a column set that changes between them is reported.
    canvas : ProblemCanvas
        Its ``monitor`` plan (columns, threshold, reference months, alert levels), ``measures`` (baselines
        and targets) and ``stop_rules``.
    confidence : float, default 0.95
        The level of every interval.
    plot : bool, default True
        Draw the charts (False is quicker).

    Returns
    -------
    MonitorReport

    Notes
    -----
    Reference: the first ``monitor.reference_months`` months (with outcomes, for performance). Drift counts
    from the first month an input's PSI is above ``drift_alert`` (at these sizes PSI hardly varies by chance).
    The other signals count from the first of two months in a row, so one unlucky month is not an event:
    performance when ROC-AUC is at least ``performance_alert`` below the reference and its whole interval
    is below it; fairness when the recall gap between groups is above ``fairness_alert`` and its interval
    is above 0; a benefit when the measure's whole interval is on the better side of its baseline. Months
    without outcomes (not known yet) count for drift only. Gaps, unsorted rows and changed columns are
    reported as findings and the other months are still monitored.

    Examples
    --------
    >>> from labkit.projects import example_canvas, load_monitoring_log, monitor
    >>> report = monitor(load_monitoring_log(), example_canvas(), plot=False)
    >>> report.events["drift"]["channel"]["month"], report.status
    ('2024-12', 'red')
    """
    require_canvas(canvas, "monitor()")
    _check_confidence(confidence)
    plan = canvas.monitor
    lg = _read_log(log, canvas)
    months = _performance(lg, confidence)
    numbers = _month_numbers(lg, canvas)
    months.insert(1, "month number", numbers)
    findings = list(lg.findings) + _outcome_findings(months, plan)

    ref_perf = _reference_months(months, plan.reference_months, "outcomes known")
    ref_drift = _reference_months(months, plan.reference_months, "cases")
    drift, drift_findings = _drift(lg, ref_drift)
    findings += drift_findings
    psi_cols = [c for c in drift.columns if c.startswith("psi_")]
    for c in psi_cols:
        months[c] = drift[c].to_numpy()
    months["max_psi"] = drift[psi_cols].max(axis=1, skipna=True).to_numpy() if psi_cols else np.nan

    if lg.group and ref_perf:
        fairness, gaps = _fairness(lg, plan, confidence)
        months["recall_gap"] = gaps["recall_gap"].to_numpy()
        months["flagged_rate_gap"] = gaps["flagged_rate_gap"].to_numpy()
    else:
        fairness, gaps = pd.DataFrame(), None
        months["recall_gap"] = np.nan
        months["flagged_rate_gap"] = np.nan

    reference_auc, performance_fall = _performance_event(lg, months, numbers, ref_perf, plan)
    events: dict[str, Any] = {
        "drift": _drift_events(lg, drift, psi_cols, numbers, plan),
        "performance_fall": performance_fall,
        "fairness_gap": _fairness_event(lg, gaps, numbers, plan),
        "benefits": {},
    }
    benefits, events["benefits"] = _benefits(canvas, months, numbers)

    rules, status = _apply_rules(canvas, months, months["cases"].to_numpy() > 0)
    months["status"] = status
    unknown = [r.measure for r in canvas.stop_rules if r.measure not in months.columns]
    if unknown:
        findings.append(
            f"Stop rule(s) on {listing([repr(u) for u in unknown])} cannot be checked: the monitor computes "
            f"{listing(sorted(MONITOR_MEASURES))} and psi_ plus an input name."
        )
    worst = max((s for s in status if s in _STATUS_ORDER), key=lambda s: _STATUS_ORDER[s], default="green")
    fired = rules[(rules["status"] == worst) & ~rules["first fired"].isin(["never", "not computed"])]
    decision = fired["decision"].iloc[0] if worst != "green" and len(fired) else _DECISIONS[worst]
    return MonitorReport(
        canvas,
        months=months,
        drift=drift,
        fairness=fairness,
        benefits=benefits,
        rules=rules,
        events=events,
        status=worst,
        decision=decision,
        findings=findings,
        reference=[lg.months[i] for i in ref_perf] or [lg.months[i] for i in ref_drift],
        reference_auc=reference_auc,
        confidence=confidence,
        plot=plot,
    )


def _check_confidence(confidence: Any) -> None:
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0.5 <= confidence < 1:
        raise LabkitError(
            f"confidence must be a number from 0.5 to just under 1, not {confidence!r}.",
            where="parameter confidence",
            fix="Use confidence=0.95 for 95% intervals.",
        )


def _month_numbers(lg: _Log, canvas: ProblemCanvas) -> np.ndarray:
    """Each month's number: counted from go-live when the canvas has its date, else from the log's first."""
    if canvas.dates.go_live is None:
        return np.arange(1, len(lg.months) + 1)
    start = pd.Period(canvas.dates.go_live, freq="M")
    return np.array([(pd.Period(m, freq="M") - start).n + 1 for m in lg.months])


def _outcome_findings(months: pd.DataFrame, plan: MonitorPlan) -> list[str]:
    """Findings about months whose outcomes are not known yet, or known for only some cases."""
    findings = []
    no_outcomes = months[(months["cases"] > 0) & (months["outcomes known"] == 0)]["month"].tolist()
    if no_outcomes and plan.outcome:
        findings.append(
            f"No outcomes yet for {listing(no_outcomes)}: those months count for drift only, and cannot "
            "fire a "
            "performance, fairness or benefit stop rule until the outcomes are known."
        )
    partial = months[(months["outcomes known"] > 0) & (months["outcomes known"] < months["cases"])]
    if len(partial):
        findings.append(
            f"Some outcomes are still missing in {listing(partial['month'].tolist())}: rates there use the "
            "cases "
            "whose outcome is known."
        )
    return findings


def _drift_events(
    lg: _Log, drift: pd.DataFrame, psi_cols: list[str], numbers: np.ndarray, plan: MonitorPlan
) -> dict[str, dict[str, Any] | None]:
    """For each input, the first month its PSI is above the drift alert (None when never)."""
    events: dict[str, dict[str, Any] | None] = {}
    for c in psi_cols:
        values = drift[c].to_numpy()
        i = _first_run(values > plan.drift_alert, run=1)
        events[c[4:]] = (
            {"month": lg.months[i], "month_number": int(numbers[i]), "psi": float(values[i])}
            if i is not None
            else None
        )
    return events


def _performance_event(
    lg: _Log, months: pd.DataFrame, numbers: np.ndarray, ref_perf: list[int], plan: MonitorPlan
) -> tuple[float, dict[str, Any] | None]:
    """The reference ROC-AUC, and the first of two months in a row that fall below it by the alert."""
    if not ref_perf:
        return float("nan"), None
    reference_auc = float("nan")
    known = ~np.isnan(lg.outcome) & np.isin(lg.code, ref_perf)
    yk = lg.outcome[known] == 1.0
    if yk.any() and not yk.all():
        from labkit.evaluate import ThresholdCurve

        reference_auc = ThresholdCurve(yk, lg.score[known]).roc_auc()[0]
    fallen = (months["roc_auc high"].to_numpy() < reference_auc) & (
        months["roc_auc"].to_numpy() <= reference_auc - plan.performance_alert
    )
    i = _first_run(fallen)
    if i is None:
        return reference_auc, None
    return reference_auc, {
        "month": lg.months[i],
        "month_number": int(numbers[i]),
        "roc_auc": float(months["roc_auc"].iloc[i]),
        "reference": reference_auc,
    }


def _fairness_event(
    lg: _Log, gaps: pd.DataFrame | None, numbers: np.ndarray, plan: MonitorPlan
) -> dict[str, Any] | None:
    """The first of two months in a row whose recall gap is above the alert, with its interval above 0."""
    if gaps is None:
        return None
    opened = (gaps["recall_gap"].to_numpy() > plan.fairness_alert) & (gaps["recall_gap low"].to_numpy() > 0)
    i = _first_run(opened)
    if i is None:
        return None
    return {
        "month": lg.months[i],
        "month_number": int(numbers[i]),
        "gap": float(gaps["recall_gap"].iloc[i]),
        "group": str(gaps["lowest group"].iloc[i]),
        "column": lg.group,
    }


def _measure_words(name: str) -> str:
    """A monitoring measure in plain words, for chart titles ("share of cases with the outcome")."""
    words = MONITOR_MEASURES.get(name, name.replace("_", " "))
    return words.split(" (")[0]
