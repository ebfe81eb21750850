"""Housing repairs: one row per repair job reported by a council tenant.

Structural model (the rules are the ground truth):

- tenancies are the council-renting households of the shared population; the
  lead tenant is the household's first adult;
- each job gets a report date (more in winter), a trade (heating and damp in
  winter; damp and mould reports rise year on year), a priority that depends
  on the trade, and the council's target for that priority;
- disability raises the number of no-access visits (Poisson rate ratios in
  the ground truth): operatives find nobody able to let them in;
- whether the job missed its target follows an explicit logistic model of
  no-access visits, IMD decile, priority and trade. Disability has no direct
  effect: only through no-access visits (a mediator). Ethnic group has no
  effect at all, but minority households cluster in deprived areas, so a
  model that uses IMD decile or area codes still scores them differently
  (a proxy);
- the completion time is drawn to agree with the label, and a complaint is
  far more likely after a missed target (a leaky column).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import CouncilProfile
from labkit.data._population import resident_ids
from labkit.data._registry import BuildContext, BuildResult, DatasetSpec, DefectRoles, register
from labkit.data._sampling import choice_rows, id_strings, sigmoid
from labkit.data._schema import Field

NAME = "housing_repairs"

# -- the planted outcome model (log-odds); the intercept is the council's --------------------------------
COEF_NO_ACCESS = 0.55
COEF_IMD_DECILE = -0.15
COEF_PRIORITY = {"Emergency": -0.9, "Urgent": 0.3, "Routine": 0.0}
COEF_TRADE = {
    "Plumbing": 0.0,
    "Electrical": -0.25,
    "Carpentry": 0.1,
    "Roofing": 0.75,
    "Damp and mould": 0.6,
    "Heating": 0.2,
    "Glazing": 0.15,
    "Drainage": 0.0,
    "Plastering": 0.3,
    "Doors and locks": -0.1,
}
# No-access visits: Poisson, log rate = log(BASE) + effect of disability.
NO_ACCESS_BASE = 0.22
NO_ACCESS_LOG_RATE = {C.DISABLED_A_LOT: 1.05, C.DISABLED_A_LITTLE: 0.5, C.NOT_DISABLED: 0.0}

TRADE_WEIGHTS = np.array([0.20, 0.12, 0.14, 0.06, 0.07, 0.12, 0.05, 0.06, 0.08, 0.10])
# Priority shares (Emergency, Urgent, Routine) by trade: overall about 10/25/65 (an assumption).
PRIORITY_BY_TRADE = np.array(
    [
        [0.12, 0.30, 0.58],  # Plumbing
        [0.22, 0.30, 0.48],  # Electrical
        [0.02, 0.16, 0.82],  # Carpentry
        [0.06, 0.28, 0.66],  # Roofing
        [0.03, 0.30, 0.67],  # Damp and mould
        [0.20, 0.38, 0.42],  # Heating
        [0.10, 0.30, 0.60],  # Glazing
        [0.22, 0.30, 0.48],  # Drainage
        [0.01, 0.10, 0.89],  # Plastering
        [0.16, 0.30, 0.54],  # Doors and locks
    ]
)

_ETH_NOTE = "Census 2021 shares marked approximate in the reference are design assumptions."

FIELDS: tuple[Field, ...] = (
    Field("repair_id", "string", "Repair job reference.", pattern=r"^HR[0-9]{7}$", unique=True,
          role="identifier"),
    Field("property_id", "string", "The housing system's property reference.", pattern=r"^P[0-9]{6}$",
          role="identifier"),
    Field("uprn", "integer", "Unique Property Reference Number (fictional range 990000000000-990999999999).",
          pattern=C.UPRN_PATTERN, minimum=C.UPRN_MIN, maximum=C.UPRN_MAX, role="identifier"),
    Field("tenant_id", "string", "The housing system's ID for the lead tenant.", pattern=r"^T[0-9]{6}$",
          role="identifier"),
    Field("tenant_name", "string", "Lead tenant's name (a random combination of common first names and "
          "surnames; no real person).", role="personal"),
    Field("tenant_date_of_birth", "date", "Lead tenant's date of birth.", role="personal"),
    Field("address", "string", "Address of the property: 'Flat N, ' for flats, number, street, town.",
          role="personal"),
    Field("postcode", "string", "Postcode in the fictional area ZX.", pattern=C.POSTCODE_PATTERN,
          role="personal"),
    Field("lsoa_code", "string", "LSOA-like small-area code (fictional range E019xxxxx; real English LSOAs "
          "run E01000001-E01035xxx).", pattern=C.LSOA_PATTERN, role="proxy"),
    Field("imd_decile", "integer", "IMD decile of the small area: 1 is the most deprived 10%.", minimum=1,
          maximum=10, role="feature"),
    Field("reported_at", "datetime", "When the tenant (or an operative) reported the repair.",
          role="feature"),
    Field("financial_year", "string", "Financial year of the report (April to March).",
          enum=C.FINANCIAL_YEARS, ordered=True, role="feature"),
    Field("channel", "string", "How the repair was reported.", enum=C.REPAIR_CHANNELS, role="feature",
          assumption="Channel mix per council is a design assumption."),
    Field("trade", "string", "The trade needed.", enum=C.REPAIR_TRADES, role="feature",
          assumption="Trade mix and seasonality are design assumptions."),
    Field("priority", "string", "Priority given at triage.", enum=C.REPAIR_PRIORITIES, ordered=True,
          role="feature", assumption="The split of about 10/25/65% is unverified (datasets.md)."),
    Field("target_working_days", "integer", "The landlord's target for this priority in working days "
          "(Emergency: 1, meaning 24 hours).", minimum=1, maximum=90, role="feature",
          assumption="Targets per council are design assumptions within the published ranges."),
    Field("no_access_visits", "integer", "Visits where the operative could not get in. Known during the job, "
          "not at the time of reporting.", minimum=0, role="feature"),
    Field("completed_at", "datetime", "When the job was completed (every job in the file is complete). "
          "Recorded after the outcome.", role="leaky"),
    Field("first_time_fix", "boolean", "Fixed at the first visit that got in. Recorded after the outcome.",
          role="leaky"),
    Field("hazard_flag", "boolean", "A serious hazard to health or safety was flagged at triage.",
          role="feature"),
    Field("complaint_logged", "boolean", "The tenant complained about this job. Recorded after the outcome: "
          "a deliberately leaky column.", role="leaky"),
    Field("tenant_age", "integer", "Lead tenant's age in whole years on the report date.", minimum=16,
          maximum=110, role="protected"),
    Field("tenant_sex", "string", "Lead tenant's sex (census 2021 categories).", enum=C.SEXES,
          role="protected"),
    Field("tenant_ethnic_group", "string", "Lead tenant's ethnic group (census 2021, 19 categories).",
          enum=C.ETHNIC_GROUPS_19, role="protected", assumption=_ETH_NOTE),
    Field("tenant_ethnic_group_5", "string", "Lead tenant's ethnic group (census 2021, 5 categories).",
          enum=C.ETHNIC_GROUPS_5, role="protected", assumption=_ETH_NOTE),
    Field("tenant_disability", "string", "Lead tenant's disability (census 2021 table TS038 categories).",
          enum=C.DISABILITY, role="protected"),
    Field("target_missed", "boolean", "True when the job was completed after its target (the label).",
          role="label"),
)  # fmt: skip


def _deadline(reported: np.ndarray, priority: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Target deadline: 24 hours for Emergency; else the end of the N-th working day after the report day."""
    day = reported.astype("datetime64[D]")
    end_day = np.busday_offset(day, target, roll="forward").astype("datetime64[s]")
    working = end_day + np.timedelta64(86_399, "s")
    return np.where(priority == 0, reported + np.timedelta64(24 * 3600, "s"), working)


def build(ctx: BuildContext) -> BuildResult:
    rng, profile, pop, n = ctx.rng, ctx.profile, ctx.population, ctx.rows
    service = profile.service(NAME)
    hh, res = pop.households, pop.residents
    # The steps draw from one generator in this order, so the order fixes the sandbox files.
    ten = _tenancies(rng, hh, res, n)
    prow, hrow = ten.prow, ten.hrow
    reported, fy, winter = _report_times(rng, n)
    trade, priority, target, hazard = _jobs(rng, service, fy, winter, n)

    age_now = res["age"].to_numpy()[prow]
    dob = res["date_of_birth"].to_numpy()[prow]
    age = ((reported - dob).astype("timedelta64[D]").astype(int) / 365.25).astype(np.int64)
    age_band = np.digitize(age_now, [40, 65])
    base = np.asarray(service["channel_weights"], dtype=float)
    chan_table = np.vstack(
        [base * np.array([0.8, 1.3, 1.2, 1.4, 1.0]), base, base * np.array([1.5, 0.6, 0.7, 0.4, 1.0])]
    )
    chan_table /= chan_table.sum(axis=1, keepdims=True)
    channel = choice_rows(rng, chan_table, age_band)

    disability = res["disability"].cat.codes.to_numpy()[prow]
    log_rate = np.log(NO_ACCESS_BASE) + np.array([NO_ACCESS_LOG_RATE[d] for d in C.DISABILITY])[disability]
    no_access = rng.poisson(np.exp(log_rate))

    imd = hh["imd_decile"].to_numpy()[hrow]
    prio_coef = np.array([COEF_PRIORITY[p] for p in C.REPAIR_PRIORITIES])
    trade_coef = np.array([COEF_TRADE[tr] for tr in C.REPAIR_TRADES])
    intercept = service["intercept"]
    logit = (
        intercept
        + COEF_NO_ACCESS * no_access
        + COEF_IMD_DECILE * imd
        + prio_coef[priority]
        + trade_coef[trade]
    )
    missed = rng.random(n) < sigmoid(logit)

    completed, missed = _completion(rng, reported, priority, target, missed)
    first_fix = rng.random(n) < sigmoid(1.6 - 1.1 * missed - 0.3 * no_access)
    complaint = rng.random(n) < np.where(missed, 0.30, 0.035)
    jobs = {
        "tenant_date_of_birth": dob,
        "imd_decile": imd,
        "reported_at": reported,
        "financial_year": fy,
        "channel": channel,
        "trade": trade,
        "priority": priority,
        "target_working_days": target,
        "no_access_visits": no_access,
        "completed_at": completed,
        "first_time_fix": first_fix,
        "hazard_flag": hazard,
        "complaint_logged": complaint,
        "tenant_age": age,
        "target_missed": missed,
    }
    return _result(hh, res, ten, jobs)


class _Tenancies(NamedTuple):
    """Council tenancies and, for each job, its tenancy (``t``), household row and lead tenant's row."""

    tenants: np.ndarray  # resident row of each tenancy's lead tenant
    tenant_number: np.ndarray
    property_number: np.ndarray
    t: np.ndarray
    hrow: np.ndarray
    prow: np.ndarray


def _tenancies(rng: np.random.Generator, hh: pd.DataFrame, res: pd.DataFrame, n: int) -> _Tenancies:
    """Council-renting households and their first adult; jobs go to tenancies by their proneness."""
    council_hh = np.flatnonzero(hh["tenure"].to_numpy() == "Council")
    lead = res.loc[res["household_position"].to_numpy() == 0]
    lead_of = np.full(len(hh), -1, dtype=np.int64)
    lead_of[lead["household_index"].to_numpy()] = lead.index.to_numpy()
    tenants = lead_of[council_hh]
    n_ten = len(council_hh)
    tenant_number = rng.permutation(n_ten) + 1
    property_number = rng.permutation(n_ten) + 1
    proneness = rng.gamma(2.0, 0.5, n_ten)
    t = rng.choice(n_ten, size=n, p=proneness / proneness.sum())
    hrow = council_hh[t]
    prow = tenants[t]

    return _Tenancies(tenants, tenant_number, property_number, t, hrow, prow)


def _report_times(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """When each job is reported (days weighted to winter, hours in the day); its financial year; winter."""
    start = np.datetime64(C.PERIOD_START, "D")
    n_days = int((np.datetime64(C.PERIOD_END, "D") - start).astype(int)) + 1
    days = start + np.arange(n_days).astype("timedelta64[D]")
    doy = (days - days.astype("datetime64[Y]")).astype(int)
    season = 1 + 0.3 * np.cos(2 * np.pi * (doy - 15) / 365.25)
    day_idx = rng.choice(n_days, size=n, p=season / season.sum())
    minute = rng.integers(7 * 60, 22 * 60, n)
    reported = days[day_idx].astype("datetime64[s]") + (minute * 60).astype("timedelta64[s]")
    month = (days[day_idx].astype("datetime64[M]").astype(int) % 12 + 1)[:]
    fy = np.minimum(day_idx // 365, 3)
    winter = np.isin(month, [10, 11, 12, 1, 2, 3])

    return reported, fy, winter


def _jobs(
    rng: np.random.Generator, service: dict, fy: np.ndarray, winter: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Trade (heating and damp in winter; damp and mould rising each year), priority, target and hazard."""
    groups = fy * 2 + winter
    table = np.tile(TRADE_WEIGHTS, (8, 1))
    for g in range(8):
        year, is_winter = divmod(g, 2)
        if is_winter:
            table[g, 5] *= 1.6
            table[g, 4] *= 1.4
        table[g, 4] *= 1 + 0.3 * year
    table /= table.sum(axis=1, keepdims=True)
    trade = choice_rows(rng, table, groups)
    priority = choice_rows(rng, PRIORITY_BY_TRADE, trade)
    targets = np.array([1, service["urgent_days"], service["routine_days"]])
    target = targets[priority]
    hazard = rng.random(n) < np.where(priority == 0, 0.6, np.where(trade == 4, 0.2, 0.03))
    return trade, priority, target, hazard


def _completion(
    rng: np.random.Generator,
    reported: np.ndarray,
    priority: np.ndarray,
    target: np.ndarray,
    missed: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Completion times consistent with the label, and the label recomputed from them."""
    n = len(reported)
    deadline = _deadline(reported, priority, target)
    span = (deadline - reported).astype(np.int64)
    on_time = reported + (span * rng.uniform(0.05, 0.98, n)).astype("timedelta64[s]")
    extra_days = 1 + rng.geometric(0.25, n)
    late_day = np.busday_offset(deadline.astype("datetime64[D]"), extra_days, roll="forward")
    late = late_day.astype("datetime64[s]") + (rng.integers(8 * 60, 18 * 60, n) * 60).astype("timedelta64[s]")
    completed = np.where(missed, late, on_time).astype("datetime64[s]")
    completed = completed - (completed.astype(np.int64) % 60).astype("timedelta64[s]")
    completed = np.where(completed <= reported, reported + np.timedelta64(60, "s"), completed)
    missed = completed > deadline
    return completed, missed


def _result(hh: pd.DataFrame, res: pd.DataFrame, ten: _Tenancies, jobs: dict[str, np.ndarray]) -> BuildResult:
    """The clean frame, sorted by report time once with each column built by a single take; the crosswalk."""
    n, n_ten = len(ten.t), len(ten.tenants)
    reported = jobs["reported_at"]
    # By report time, then tenancy (one integer key: faster than np.lexsort, same order).
    order = np.argsort(reported.astype(np.int64) * n_ten + ten.t, kind="stable")
    t, hrow, prow = ten.t[order], ten.hrow[order], ten.prow[order]
    tenant_ids = id_strings("T", ten.tenant_number, 6)
    property_ids = id_strings("P", ten.property_number, 6)
    lead_people = ten.tenants
    names = res["first_name"].to_numpy()[lead_people] + " " + res["last_name"].to_numpy()[lead_people]

    def text(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
        # Text as pandas strings from the start: the frame is not consolidated into one big object block.
        return pd.array(values, dtype="str")

    def people_cat(column: str) -> pd.Categorical:
        cat = res[column].array
        return pd.Categorical.from_codes(cat.codes[prow], dtype=cat.dtype)

    def job(column: str) -> np.ndarray:
        return jobs[column][order]

    clean = pd.DataFrame(
        {
            "repair_id": text(id_strings("HR", np.arange(1, n + 1), 7)),
            "property_id": text(property_ids[t]),
            "uprn": hh["uprn"].to_numpy()[hrow],
            "tenant_id": text(tenant_ids[t]),
            "tenant_name": text(names[t]),
            "tenant_date_of_birth": job("tenant_date_of_birth"),
            "address": text(hh["address"].to_numpy()[hrow]),
            "postcode": text(hh["postcode"].to_numpy()[hrow]),
            "lsoa_code": text(hh["lsoa_code"].to_numpy()[hrow]),
            "imd_decile": job("imd_decile"),
            "reported_at": job("reported_at"),
            "financial_year": pd.Categorical.from_codes(
                job("financial_year"), categories=list(C.FINANCIAL_YEARS), ordered=True
            ),
            "channel": pd.Categorical.from_codes(job("channel"), categories=list(C.REPAIR_CHANNELS)),
            "trade": pd.Categorical.from_codes(job("trade"), categories=list(C.REPAIR_TRADES)),
            "priority": pd.Categorical.from_codes(
                job("priority"), categories=list(C.REPAIR_PRIORITIES), ordered=True
            ),
            "target_working_days": job("target_working_days"),
            "no_access_visits": job("no_access_visits"),
            "completed_at": job("completed_at"),
            "first_time_fix": job("first_time_fix"),
            "hazard_flag": job("hazard_flag"),
            "complaint_logged": job("complaint_logged"),
            "tenant_age": job("tenant_age"),
            "tenant_sex": people_cat("sex"),
            "tenant_ethnic_group": people_cat("ethnic_group"),
            "tenant_ethnic_group_5": people_cat("ethnic_group_5"),
            "tenant_disability": people_cat("disability"),
            "target_missed": job("target_missed"),
        }
    )
    used = np.flatnonzero(np.bincount(t, minlength=n_ten))
    crosswalk = pd.DataFrame(
        {
            "resident_id": resident_ids(res["resident_number"].to_numpy()[ten.tenants[used]]),
            "service_id": tenant_ids[used],
        }
    )
    return BuildResult(clean=clean, crosswalk=crosswalk)


def truth(profile: CouncilProfile) -> dict:
    """The dataset's planted truths for a council (figures measured from the data are added separately)."""
    service = profile.service(NAME)
    coefficients = _coefficients()
    return {
        "label": {
            "column": "target_missed",
            "meaning": "The repair was completed after the landlord's own target (the opposite of the "
            "regulator's TSM RP02 'repairs completed within target').",
            "rule": "target_missed is True when completed_at is later than the deadline: 24 hours after "
            "reported_at for Emergency jobs; otherwise the end of the working day that is "
            "target_working_days working days (Monday to Friday; bank holidays ignored) after the day "
            "the repair was reported.",
        },
        "outcome_model": {
            "kind": "logistic",
            "formula": "logit P(target_missed) = intercept + no_access_visits + imd_decile + priority "
            "+ trade",
            "intercept": service["intercept"],
            "coefficients": coefficients,
            "recoverable_by": "LogisticRegression without a penalty on no_access_visits, imd_decile and "
            "one-hot priority (reference Routine) and trade (reference Plumbing), fitted on the clean data.",
            "not_in_model": [
                "tenant_ethnic_group",
                "tenant_ethnic_group_5",
                "tenant_disability",
                "tenant_sex",
                "tenant_age",
                "channel",
                "hazard_flag",
            ],
        },
        "planted_effects": _planted_effects(coefficients),
        "mediators": [
            {
                "protected": "tenant_disability",
                "mediator": "no_access_visits",
                "direct_effect": 0.0,
                "description": "Disability has no direct effect on target_missed. It raises "
                "no_access_visits, which raises the risk of a missed target. Adjusting for "
                "no_access_visits removes the disability gap; ignoring it shows a gap.",
            }
        ],
        "proxies": [
            {
                "column": "imd_decile",
                "protected": "tenant_ethnic_group_5",
                "description": "Ethnic minority households cluster in deprived areas, and deprivation raises "
                "the risk of a missed target, so a model using imd_decile but not ethnicity still scores "
                "ethnic groups differently.",
            },
            {
                "column": "lsoa_code",
                "protected": "tenant_ethnic_group_5",
                "description": "Small-area codes carry the same information as imd_decile and more.",
            },
            {
                "column": "postcode",
                "protected": "tenant_ethnic_group_5",
                "description": "Postcodes sit inside small areas, so they are a finer proxy still.",
            },
        ],
        "label_bias": [],
        "label_bias_note": "None planted: target_missed is recorded accurately from completed_at.",
        "leaky_features": [
            {
                "column": "complaint_logged",
                "kind": "recorded after the outcome",
                "description": "Complaints follow missed targets (30% of missed jobs against 3.5% of "
                "others). A model that uses it looks excellent in testing and is useless at triage.",
            },
            {
                "column": "completed_at",
                "kind": "defines the label",
                "description": "The label is computed from completed_at: never use it to predict.",
            },
            {
                "column": "first_time_fix",
                "kind": "recorded after the outcome",
                "description": "Known only when the job is finished, and less likely when the target "
                "was missed.",
            },
        ],
        "timing_notes": [
            "no_access_visits is known during the job, not at the time of reporting: fine for explaining "
            "missed targets, not for triage at the moment of reporting."
        ],
        "assumptions": [
            "Priority split of about 10/25/65% (datasets.md marks it unverified).",
            f"Targets: Emergency 24 hours, Urgent {service['urgent_days']} working days, Routine "
            f"{service['routine_days']} working days; councils set their own targets.",
            "All coefficients, rates and seasonal patterns are design choices, not estimates from real data.",
            "Bank holidays are ignored when counting working days.",
        ],
    }


def _coefficients() -> list[dict]:
    """The outcome model's coefficients (log-odds of a missed target)."""
    coefficients = [
        {"feature": "no_access_visits", "kind": "log-odds per visit", "size": COEF_NO_ACCESS},
        {"feature": "imd_decile", "kind": "log-odds per decile (1 = most deprived)", "size": COEF_IMD_DECILE},
    ]
    coefficients += [
        {"feature": f"priority={p}", "kind": "log-odds against priority=Routine", "size": COEF_PRIORITY[p]}
        for p in ("Emergency", "Urgent")
    ]
    coefficients += [
        {"feature": f"trade={tr}", "kind": "log-odds against trade=Plumbing", "size": COEF_TRADE[tr]}
        for tr in C.REPAIR_TRADES
        if tr != "Plumbing"
    ]
    return coefficients


def _planted_effects(coefficients: list[dict]) -> list[dict]:
    """Every planted effect: the outcome model's coefficients, disability through no-access visits, drift."""
    direct = [
        {
            "feature": c["feature"],
            "kind": c["kind"],
            "size": c["size"],
            "description": "A direct effect on the log-odds of missing the target.",
        }
        for c in coefficients
    ]
    return [
        *direct,
        {
            "feature": "tenant_disability",
            "kind": "log rate ratio of no_access_visits (Poisson)",
            "size": {k: v for k, v in NO_ACCESS_LOG_RATE.items() if v},
            "description": "Disabled tenants have more no-access visits (base rate "
            f"{NO_ACCESS_BASE} a job): disability raises the risk of a missed target only through them.",
        },
        {
            "feature": "trade=Damp and mould",
            "kind": "drift in the share of jobs",
            "size": 0.3,
            "description": "Damp and mould reports rise each financial year (weight x 1.3, 1.6, 1.9 "
            "after 2021-22), so later years differ from earlier ones.",
        },
    ]


def measure(clean: pd.DataFrame) -> dict:
    """Figures measured on clean data that show the planted truths are present."""
    from labkit.data._measure import cramers_v, rate_by

    missed = clean["target_missed"]
    deprived = clean["imd_decile"] <= 3
    return {
        "rows": len(clean),
        "target_missed_rate": round(float(missed.mean()), 4),
        "target_missed_rate_by": {
            "tenant_ethnic_group_5": rate_by(missed, clean["tenant_ethnic_group_5"]),
            "tenant_disability": rate_by(missed, clean["tenant_disability"]),
            "priority": rate_by(missed, clean["priority"]),
            "imd_decile": rate_by(missed, clean["imd_decile"]),
        },
        "mean_no_access_visits_by_disability": rate_by(clean["no_access_visits"], clean["tenant_disability"]),
        "share_in_imd_deciles_1_to_3_by_ethnic_group_5": rate_by(deprived, clean["tenant_ethnic_group_5"]),
        "proxy_strength_cramers_v": {
            "imd_decile~tenant_ethnic_group_5": cramers_v(
                clean["imd_decile"], clean["tenant_ethnic_group_5"]
            ),
            "lsoa_code~tenant_ethnic_group_5": cramers_v(clean["lsoa_code"], clean["tenant_ethnic_group_5"]),
        },
        "priority_shares": rate_by(pd.Series(1.0, index=clean.index), clean["priority"], share=True),
        "complaint_rate_by_target_missed": rate_by(clean["complaint_logged"], missed.map(str)),
    }


SPEC = register(
    DatasetSpec(
        name=NAME,
        code=1,
        title="Housing repairs",
        summary="Repair jobs reported by council tenants, 2021-22 to 2024-25, with whether each missed "
        "its target.",
        unit="one row per repair job",
        fields=FIELDS,
        primary_key="repair_id",
        default_rows={"northbrook": 20_000, "eastmere": 10_000},
        build=build,
        truth=truth,
        measure=measure,
        roles=DefectRoles(
            person_id="tenant_id",
            person_name="tenant_name",
            person_dob="tenant_date_of_birth",
            address="address",
            uprn="uprn",
            legacy={
                "tenant_ethnic_group": "ethnicity",
                "tenant_sex": "sex",
                "tenant_disability": "unspecified",
            },
            contradiction=("reported_at", "completed_at"),
            date_columns=("reported_at", "completed_at", "tenant_date_of_birth"),
            period_column="reported_at",
        ),
        rows_per_population=200_000,
        sources=(
            "Regulator of Social Housing, Tenant Satisfaction Measures: RP02, repairs completed within "
            "target.",
            "Awaab's Law (in force 27 October 2025 for social landlords): emergency hazards within 24 hours.",
            "Census 2021 (ONS): ethnic group, sex, disability (TS038) categories.",
        ),
    )
)

__all__ = ["FIELDS", "SPEC"]
