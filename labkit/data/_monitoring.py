"""Monitoring records of a deployed model: 24 months of repair jobs scored after go-live.

Northbrook's repairs team put a model live in April 2024 that scores each new repair job for the risk
of missing its target; jobs scoring at least the threshold get an early check by a repairs planner. Each
row of the log is one job scored in one month, with the model's inputs, its score, whether it was flagged
and, once known, whether the job missed its target.

Four events are planted, each from a known month (month 1 is the go-live month):

- **drift after a system change** (month 9): a new repairs system records most online reports as a new
  channel, "App", so the ``channel`` input's distribution shifts; the outcome does not depend on it;
- **a fairness gap opens** (month 12): a new contractor app records a failed visit to a tenant who asked
  for an accessible appointment as "tenant cancelled", which the model reads as a sign of low risk; disabled
  tenants ask for those appointments, so their jobs score lower and the model finds fewer of their jobs
  that go on to miss the target;
- **performance falls** (month 16): the repairs backlog changes what drives delays, so the score separates
  jobs that miss the target from those that do not much less well;
- **benefits arrive later and smaller than promised**: the business case promised that the share of jobs
  missing their target would fall from the baseline (about 26%) to 18% by month 6; it stays at the
  baseline until month 10 and then falls only to about 23%.

Outcomes of the last month are not known yet (they are blank), as in any live log. The ground truth says
which month each event starts; :func:`labkit.projects.monitor` must find each one in that month.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._sampling import choice, id_strings, sigmoid
from labkit.data._schema import Field, coerce_clean, table_schema, to_csv_text

__all__ = [
    "FIELDS",
    "NAME",
    "generate_monitoring",
    "load_monitoring_log",
    "load_monitoring_truth",
    "monitoring_truth",
    "sandbox_files",
    "sandbox_resources",
]

NAME = "repairs_monitoring"
COUNCIL = "northbrook"
START = "2024-04"
MONTHS = 24
ROWS_PER_MONTH = 3_000
THRESHOLD = 0.3

TRADES = (
    "Plumbing",
    "Heating",
    "Carpentry",
    "Electrical",
    "Damp and mould",
    "Doors and locks",
    "Plastering",
    "Drainage",
    "Roofing",
    "Glazing",
)
TRADE_SHARE = (0.183, 0.146, 0.129, 0.111, 0.109, 0.093, 0.072, 0.054, 0.053, 0.048)
TRADE_EFFECT = (0.3, 0.6, -0.5, -0.2, 1.3, -0.9, 0.2, 0.5, 1.1, -0.4)
PRIORITIES = ("Emergency", "Urgent", "Routine")
PRIORITY_SHARE = (0.117, 0.281, 0.602)
PRIORITY_EFFECT = (-1.0, 0.4, 0.0)
CHANNELS = ("Phone", "Online form", "Email", "Operative-raised", "Webchat", "App")
CHANNEL_SHARE = (0.403, 0.247, 0.129, 0.116, 0.106, 0.0)
DISABILITY = C.DISABILITY
DISABILITY_SHARE = (0.116, 0.16, 0.724)
DISABILITY_EFFECT = (0.0, 0.0, 0.0)
INTERCEPT = -1.36

# The planted events: the month (1 = go-live month) each one starts.
DRIFT_MONTH = 9
FAIRNESS_MONTH = 12
PERFORMANCE_MONTH = 16
BENEFIT_MONTH = 10
APP_SHARE_OF_ONLINE = 0.7
FAIRNESS_SHIFT = -0.9
BENEFIT_SHIFT = -0.2
LATE_WEIGHT = 0.4
LATE_OFFSET = 0.12
BACKLOG_SD = 1.0
PROMISED_TARGET = 0.18
PROMISED_BY_MONTH = 6

_ASSUMPTION = "Design assumption of the simulation, not a published figure."

FIELDS: tuple[Field, ...] = (
    Field("job_id", "string", "Repair job ID.", pattern=r"^RM\d{7}$", unique=True, role="identifier"),
    Field("month", "string", "Month the job was scored (YYYY-MM).", pattern=r"^\d{4}-\d{2}$"),
    Field("trade", "string", "The trade the repair needs.", enum=TRADES, role="feature"),
    Field(
        "priority", "string", "Priority given when reported.", enum=PRIORITIES, ordered=True, role="feature"
    ),
    Field(
        "channel",
        "string",
        "How the repair was reported. 'App' appears when the new repairs system goes live.",
        enum=CHANNELS,
        role="feature",
    ),
    Field(
        "property_age_years",
        "integer",
        "Age of the property in years.",
        minimum=0,
        maximum=120,
        role="feature",
    ),
    Field(
        "disability",
        "string",
        "Tenant's disability (Census 2021 wording).",
        enum=DISABILITY,
        role="protected",
    ),
    Field(
        "risk_score",
        "number",
        "The model's score: estimated chance of missing the target.",
        minimum=0,
        maximum=1,
    ),
    Field(
        "flagged",
        "boolean",
        "True when the score is at least the threshold (0.25): the job gets an early check.",
    ),
    Field(
        "target_missed",
        "boolean",
        "True when the job missed its target. Blank while the outcome is not known yet (the latest month).",
        required=False,
        role="label",
    ),
)


def month_labels(start: str, months: int) -> list[str]:
    """``months`` consecutive months from ``start`` as ``YYYY-MM`` text."""
    return [str(p) for p in pd.period_range(start=start, periods=months, freq="M")]


def generate_monitoring(
    *, seed: int = 0, months: int = MONTHS, rows_per_month: int = ROWS_PER_MONTH, start: str = START
) -> pd.DataFrame:
    """The monitoring log: one row per job scored after go-live, with the planted events.

    Parameters
    ----------
    seed : int, default 0
        The sandbox file is seed 0.
    months : int, default 24
        How many months after go-live (at least 17, so every event has started and been seen twice).
    rows_per_month : int, default 3,000
        Average jobs per month (winter months have about 10% more, summer months fewer).
    start : str, default "2024-04"
        The go-live month.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`FIELDS`, in month order.

    Examples
    --------
    >>> log = generate_monitoring(rows_per_month=200)
    >>> log["month"].nunique(), log["month"].iloc[0]
    (24, '2024-04')
    """
    if months < PERFORMANCE_MONTH + 1:
        raise ValueError(f"months must be at least {PERFORMANCE_MONTH + 1}")
    rng = np.random.default_rng([seed, 7_301])
    labels = month_labels(start, months)
    calendar = np.array([int(m[5:]) for m in labels])
    season = 1 + 0.1 * np.cos((calendar - 1) / 12 * 2 * np.pi)
    sizes = rng.poisson(rows_per_month * season)
    n = int(sizes.sum())
    month_no = np.repeat(np.arange(1, months + 1), sizes)

    trade = choice(rng, n, TRADE_SHARE)
    priority = choice(rng, n, PRIORITY_SHARE)
    channel = choice(rng, n, CHANNEL_SHARE)
    disability = choice(rng, n, DISABILITY_SHARE)
    age = np.clip(np.round(rng.gamma(3.0, 15.0, n)), 0, 120).astype(np.int64)

    # What really drives a missed target (the model was trained when this held).
    drivers = (
        INTERCEPT
        + np.asarray(TRADE_EFFECT)[trade]
        + np.asarray(PRIORITY_EFFECT)[priority]
        + np.asarray(DISABILITY_EFFECT)[disability]
        + 0.012 * (age - 45)
    )
    benefit = np.where(month_no >= BENEFIT_MONTH, BENEFIT_SHIFT, 0.0)
    # From the performance month, delays come mostly from the backlog, which the model cannot see.
    backlog = rng.normal(0.0, 1.0, n)
    late = month_no >= PERFORMANCE_MONTH
    centre = float(drivers.mean())
    shifted = centre + LATE_WEIGHT * (drivers - centre) + BACKLOG_SD * backlog - LATE_OFFSET
    true_logit = np.where(late, shifted, drivers) + benefit
    missed = rng.random(n) < sigmoid(true_logit)

    # The system change: most online reports are recorded as "App" from the drift month.
    online = channel == CHANNELS.index("Online form")
    to_app = online & (month_no >= DRIFT_MONTH) & (rng.random(n) < APP_SHARE_OF_ONLINE)
    channel = np.where(to_app, CHANNELS.index("App"), channel)

    # The model's score: the drivers it learnt, with some noise; from the fairness month disabled tenants'
    # jobs score lower (failed accessible appointments are recorded as "tenant cancelled").
    score_logit = drivers + rng.normal(0.0, 0.45, n)
    disabled = disability < 2
    lost_signal = disabled & (month_no >= FAIRNESS_MONTH)
    score_logit = np.where(lost_signal, score_logit + FAIRNESS_SHIFT, score_logit)
    score = np.round(sigmoid(score_logit), 4)

    outcome = pd.array(missed, dtype="boolean")
    outcome[month_no == months] = pd.NA
    frame = pd.DataFrame(
        {
            "job_id": id_strings("RM", np.arange(1, n + 1), 7),
            "month": np.asarray(labels, dtype=object)[month_no - 1],
            "trade": np.asarray(TRADES, dtype=object)[trade],
            "priority": np.asarray(PRIORITIES, dtype=object)[priority],
            "channel": np.asarray(CHANNELS, dtype=object)[channel],
            "property_age_years": age,
            "disability": np.asarray(DISABILITY, dtype=object)[disability],
            "risk_score": score,
            "flagged": score >= THRESHOLD,
            "target_missed": outcome,
        }
    )
    return coerce_clean(frame, FIELDS)


def monitoring_truth(*, start: str = START, months: int = MONTHS) -> dict[str, Any]:
    """The planted events of the monitoring log, with the month each starts.

    Examples
    --------
    >>> monitoring_truth()["events"]["drift"]["month"]
    '2024-12'
    """
    labels = month_labels(start, months)

    def at(number: int) -> dict[str, Any]:
        return {"month_number": number, "month": labels[number - 1]}

    return {
        "dataset": NAME,
        "council": COUNCIL,
        "go_live": labels[0],
        "months": months,
        "threshold": THRESHOLD,
        "outcomes_not_known_yet": [labels[-1]],
        "events": {
            "drift": {
                **at(DRIFT_MONTH),
                "input": "channel",
                "what": "A new repairs system records about 70% of online reports as 'App'. The outcome does "
                "not depend on the channel, so performance does not change.",
                "stable_inputs": ["trade", "priority", "property_age_years"],
            },
            "fairness_gap": {
                **at(FAIRNESS_MONTH),
                "column": "disability",
                "group": "disabled tenants (both Census 2021 'Disabled under the Equality Act' groups)",
                "measure": "recall",
                "what": "A new contractor app records failed visits for accessible appointments as 'tenant "
                "cancelled'; disabled tenants' jobs score "
                f"lower (by {-FAIRNESS_SHIFT} on the log-odds scale), so fewer of their late jobs are "
                "flagged.",
            },
            "performance_fall": {
                **at(PERFORMANCE_MONTH),
                "measure": "roc_auc",
                "what": "Delays come mostly from a backlog the model cannot see, so its ROC-AUC falls.",
            },
            "benefit": {
                **at(BENEFIT_MONTH),
                "measure": "outcome_rate",
                "promised_target": PROMISED_TARGET,
                "promised_by_month_number": PROMISED_BY_MONTH,
                "what": "The share of jobs missing their target (about 26% before) falls only from month 10, "
                "and only to about 23%, not to the promised 18% by month 6.",
            },
        },
        "assumptions": {
            "effects": _ASSUMPTION,
            "category, priority, channel and disability shares": _ASSUMPTION
            + " Disability shares are close to Census 2021 TS038, raised for tenants.",
        },
    }


def sandbox_files() -> dict[str, bytes]:
    """The committed files of the monitoring log (seed 0), by path relative to the sandbox folder.

    The log is gzip-compressed CSV (8.0 MB as plain text, 0.7 MB compressed; the sandbox must stay under
    30 MB).
    """
    log = generate_monitoring()
    text = json.dumps(monitoring_truth(), indent=2, ensure_ascii=False) + "\n"
    return {
        f"{COUNCIL}/{NAME}.csv.gz": gzip.compress(
            to_csv_text(log, FIELDS).encode("utf-8"), compresslevel=9, mtime=0
        ),
        f"{COUNCIL}/{NAME}_ground_truth.json": text.encode("utf-8"),
    }


def sandbox_resources() -> list[dict[str, Any]]:
    """Data Package resources describing :func:`sandbox_files`."""
    base = f"{COUNCIL}-{NAME}".replace("_", "-")
    return [
        {
            "name": base,
            "path": f"{COUNCIL}/{NAME}.csv.gz",
            "compression": "gz",
            "title": "Repairs model monitoring log, Northbrook Borough Council (synthetic)",
            "description": "One row per repair job scored in the 24 months after a risk model went live, "
            "with the model's inputs, score, flag and (once known) the outcome. Planted events: drift "
            "after a system change, a fairness gap, falling performance and late, small benefits (see the "
            "ground truth).",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True},
            "schema": table_schema(FIELDS, "job_id"),
            "labkit:dataset": NAME,
            "labkit:council": COUNCIL,
        },
        {
            "name": f"{base}-ground-truth",
            "path": f"{COUNCIL}/{NAME}_ground_truth.json",
            "title": "Repairs model monitoring log: ground truth",
            "description": "The month each planted event starts, and the business case's promise.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]


def load_monitoring_log() -> pd.DataFrame:
    """Read the committed monitoring log (checked against the sandbox manifest).

    Examples
    --------
    >>> load_monitoring_log()["month"].nunique()
    24
    """
    from labkit.data._sandbox import checked_path
    from labkit.data._schema import read_csv_text

    return read_csv_text(checked_path(f"{COUNCIL}/{NAME}.csv.gz"), FIELDS, clean=True)


def load_monitoring_truth() -> dict[str, Any]:
    """Read the committed ground truth of the monitoring log: the month each planted event starts."""
    from labkit.data._sandbox import checked_path

    return json.loads(checked_path(f"{COUNCIL}/{NAME}_ground_truth.json").read_text(encoding="utf-8"))
