"""Council tax: one row per account for 2024-25 (a random sample of the council's accounts).

Structural model (the rules are the ground truth):

- each account is a household of the shared population; the liable person
  is the household's first adult; the band follows deprivation; discounts
  and council tax reduction (CTR) follow household size and circumstances;
- financial strain (from CTR, deprivation and a random shock) drives missed
  instalments; arrears at year end follow from them (the label, ``in_arrears``);
- recovery follows a simple rule: reminders, then a summons, then referral to
  an enforcement agent unless the account is flagged as vulnerable;
- the planted fairness problem: residents who are truly vulnerable
  (``latent_vulnerable``, clean data only) are flagged far less often when
  they pay in cash, and cash payers are older, more often disabled and live in
  more deprived areas. So enforcement referrals fall unevenly on vulnerable
  people, although the rule never looks at age, disability or ethnic group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import CouncilProfile
from labkit.data._people import home_columns, lead_person, person_columns
from labkit.data._population import resident_ids
from labkit.data._registry import BuildContext, BuildResult, DatasetSpec, DefectRoles, register
from labkit.data._sampling import choice_rows, id_strings, sigmoid
from labkit.data._schema import AREA_FIELDS, Field

NAME = "council_tax"
BANDS = ("A", "B", "C", "D", "E", "F", "G", "H")
BAND_RATIO = np.array([6, 7, 8, 9, 11, 13, 15, 18]) / 9
BAND_D_CHARGE = 2_171.0  # England average band D 2024-25 (design figure; see assumptions)
PAYMENT_METHODS = (
    "Direct Debit",
    "Online card payment",
    "Bank transfer",
    "Cash at a PayPoint or Post Office",
)
CASH = 3

# -- planted truths --------------------------------------------------------------------------------------
MISSED_LOG_RATE = {"intercept": -1.6, "ctr_recipient": 0.9, "imd_decile": -0.08, "strain": 1.0}
VULNERABLE_FLAG_RATE = {"cash": 0.25, "other": 0.70}
PREVIOUS_ACCOUNT_RATE = 0.06
ENFORCEMENT_RULE = (
    "enforcement_referral is True when summons_issued is True, vulnerability_flag is False and "
    "arrears_at_year_end is at least 50 pounds."
)

FIELDS: tuple[Field, ...] = (
    Field(
        "account_ref",
        "string",
        "Council tax account reference.",
        pattern=r"^CT[0-9]{8}$",
        unique=True,
        role="identifier",
    ),
    Field(
        "liable_person_id",
        "string",
        "The revenues system's ID for the liable person.",
        pattern=r"^LP[0-9]{7}$",
        role="identifier",
    ),
    Field(
        "liable_person_name",
        "string",
        "Liable person's name (random combination; no real person).",
        role="personal",
    ),
    Field("liable_person_date_of_birth", "date", "Liable person's date of birth.", role="personal"),
    Field("address", "string", "Address of the property charged.", role="personal"),
    Field("postcode", "string", "Postcode (fictional area ZX).", pattern=C.POSTCODE_PATTERN, role="personal"),
    Field(
        "uprn",
        "integer",
        "UPRN of the property (fictional range).",
        pattern=C.UPRN_PATTERN,
        minimum=C.UPRN_MIN,
        maximum=C.UPRN_MAX,
        role="identifier",
    ),
    *AREA_FIELDS,
    Field("account_opened", "date", "Date the current liability started.", role="feature"),
    Field(
        "account_closed",
        "date",
        "Date the liability ended, blank while it continues.",
        required=False,
        role="feature",
    ),
    Field(
        "band",
        "string",
        "Council tax valuation band.",
        enum=BANDS,
        ordered=True,
        role="feature",
        assumption="Band mix by deprivation is a design assumption (England: 24.0% of dwellings in band A).",
    ),
    Field("single_person_discount", "boolean", "25% discount for one adult living alone.", role="feature"),
    Field(
        "ctr_recipient",
        "boolean",
        "Receives council tax reduction (help for people on low incomes).",
        role="feature",
    ),
    Field(
        "annual_charge",
        "number",
        "Charge for 2024-25 after discounts and reduction, in pounds.",
        minimum=0,
        role="feature",
        assumption="Band D charge of 2,171 pounds is a design figure.",
    ),
    Field("payment_method", "string", "How the account pays.", enum=PAYMENT_METHODS, role="proxy"),
    Field(
        "instalments_missed",
        "integer",
        "Monthly instalments missed in 2024-25 (of 10).",
        minimum=0,
        maximum=10,
        role="feature",
    ),
    Field("reminders_sent", "integer", "Reminder notices sent.", minimum=0, maximum=3, role="feature"),
    Field("summons_issued", "boolean", "A magistrates' court summons was issued.", role="feature"),
    Field(
        "vulnerability_flag",
        "boolean",
        "The account is flagged as vulnerable (recorded by officers).",
        role="feature",
    ),
    Field(
        "enforcement_referral",
        "boolean",
        "Referred to an enforcement agent (bailiff). Decided by a simple rule: see the ground truth.",
        role="outcome",
    ),
    Field(
        "arrears_at_year_end",
        "number",
        "Amount owed for 2024-25 on 31 March 2025, in pounds.",
        minimum=0,
        role="leaky",
    ),
    Field(
        "liable_person_age",
        "integer",
        "Liable person's age on 31 March 2025.",
        minimum=17,
        maximum=110,
        role="protected",
    ),
    Field("liable_person_sex", "string", "Liable person's sex.", enum=C.SEXES, role="protected"),
    Field(
        "liable_person_ethnic_group",
        "string",
        "Ethnic group (census 2021, 19 categories).",
        enum=C.ETHNIC_GROUPS_19,
        role="protected",
    ),
    Field(
        "liable_person_ethnic_group_5",
        "string",
        "Ethnic group (census 2021, 5 categories).",
        enum=C.ETHNIC_GROUPS_5,
        role="protected",
    ),
    Field(
        "liable_person_disability",
        "string",
        "Disability (census 2021 TS038 categories).",
        enum=C.DISABILITY,
        role="protected",
    ),
    Field("in_arrears", "boolean", "True when arrears_at_year_end is above 0 (the label).", role="label"),
    Field(
        "latent_vulnerable",
        "boolean",
        "Whether the liable person is in fact vulnerable (for example, "
        "serious illness or a mental health crisis). Known only to the simulation.",
        role="latent",
    ),
)


def build(ctx: BuildContext) -> BuildResult:
    rng, pop, total = ctx.rng, ctx.population, ctx.rows
    n_movers = round(total * PREVIOUS_ACCOUNT_RATE / (1 + PREVIOUS_ACCOUNT_RATE))
    n = total - n_movers
    hh = pop.households
    lead = lead_person(pop)
    hrow = np.sort(rng.choice(len(hh), size=n, replace=n > len(hh)))
    prow = lead[hrow]
    people = person_columns(pop, prow, "liable_person_")
    home = home_columns(pop, hrow)
    decile = home["imd_decile"]
    age = people["liable_person_age"]
    disability = people["liable_person_disability"].codes  # 0 a lot, 1 a little, 2 not disabled
    size = pop.residents.groupby("household_index").size().to_numpy()[hrow]

    # Band: deprived areas have lower bands.
    shift = np.clip(np.round((decile - 1) * 0.45 + rng.normal(0, 1.1, n)), 0, 7).astype(int)
    band = shift
    single = (size == 1) & (rng.random(n) < 0.95)
    ctr = rng.random(n) < sigmoid(-1.2 + 0.28 * (5.5 - decile) + 0.9 * (disability < 2) + 0.6 * (age >= 67))
    reduction = np.where(ctr, rng.uniform(0.6, 1.0, n), 0.0)
    charge = BAND_D_CHARGE * BAND_RATIO[band] * np.where(single, 0.75, 1.0) * (1 - reduction)
    charge = np.round(charge, 2)

    cash_p = sigmoid(-2.6 + 0.03 * (age - 45) + 0.18 * (5.5 - decile) + 0.6 * (disability == 0))
    u = rng.random(n)
    other = choice_rows(rng, np.array([[0.62, 0.2, 0.18]]), np.zeros(n, dtype=np.int64))
    payment = np.where(u < cash_p, CASH, other)

    strain = rng.normal(0, 1, n)
    vulnerable_logit = -2.6 + 1.3 * (disability == 0) + 0.6 * (disability == 1) + 0.5 * strain
    latent_vulnerable = rng.random(n) < sigmoid(vulnerable_logit)
    log_rate = (
        MISSED_LOG_RATE["intercept"]
        + MISSED_LOG_RATE["ctr_recipient"] * ctr
        + MISSED_LOG_RATE["imd_decile"] * decile
        + MISSED_LOG_RATE["strain"] * strain
    )
    missed = np.minimum(rng.poisson(np.exp(log_rate)), 10)
    missed = np.where(charge == 0, 0, missed)
    recovered = rng.random(n) < np.where(payment == 0, 0.55, 0.35)
    arrears = np.where((missed > 0) & ~recovered, np.round(charge * missed / 10, 2), 0.0)
    reminders = np.minimum(missed, 3)
    summons = (missed >= 2) & (arrears > 0) & (rng.random(n) < 0.85)
    flag_p = np.where(payment == CASH, VULNERABLE_FLAG_RATE["cash"], VULNERABLE_FLAG_RATE["other"])
    flagged = latent_vulnerable & (rng.random(n) < flag_p) | (~latent_vulnerable & (rng.random(n) < 0.02))
    enforcement = summons & ~flagged & (arrears >= 50)

    opened = np.datetime64("2024-03-31", "D") - rng.integers(0, 20 * 365, n).astype("timedelta64[D]")
    opened = np.maximum(opened, people["liable_person_date_of_birth"].astype("datetime64[D]") + 6_400)
    moved = rng.random(n) < 0.06
    closed = np.where(
        moved,
        np.datetime64("2024-04-01", "D") + rng.integers(30, 360, n).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )

    person_ids = id_strings("LP", rng.permutation(len(hh))[hrow] + 1, 7)
    columns = {
        "account_ref": np.full(n, "", dtype=object),
        "liable_person_id": person_ids,
        "liable_person_name": people["liable_person_name"],
        "liable_person_date_of_birth": people["liable_person_date_of_birth"],
        **home,
        "account_opened": opened,
        "account_closed": closed,
        "band": pd.Categorical.from_codes(band, categories=list(BANDS), ordered=True),
        "single_person_discount": single,
        "ctr_recipient": ctr,
        "annual_charge": charge,
        "payment_method": pd.Categorical.from_codes(payment, categories=list(PAYMENT_METHODS)),
        "instalments_missed": missed,
        "reminders_sent": reminders,
        "summons_issued": summons,
        "vulnerability_flag": flagged,
        "enforcement_referral": enforcement,
        "arrears_at_year_end": arrears,
        "liable_person_age": age,
        "liable_person_sex": people["liable_person_sex"],
        "liable_person_ethnic_group": people["liable_person_ethnic_group"],
        "liable_person_ethnic_group_5": people["liable_person_ethnic_group_5"],
        "liable_person_disability": people["liable_person_disability"],
        "in_arrears": arrears > 0,
        "latent_vulnerable": latent_vulnerable,
    }
    clean = pd.DataFrame(columns)
    # Some liable people moved within the council during 2024-25: their earlier account, at another
    # address, closed the day before the current one opened. The same person has two accounts.
    movers = np.sort(
        rng.choice(np.flatnonzero(~moved), size=min(n_movers, int((~moved).sum())), replace=False)
    )
    if len(movers):
        before = clean.iloc[movers].copy()
        other = rng.choice(len(hh), size=len(movers))
        for key, values in home_columns(pop, other).items():
            before[key] = values
        days = rng.integers(20, 340, len(movers)).astype("timedelta64[D]")
        move_day = np.datetime64("2024-04-01", "D") + days
        before["account_closed"] = move_day
        earlier = clean["account_opened"].to_numpy()[movers].astype("datetime64[D]")
        before["account_opened"] = np.minimum(earlier, move_day - 400)
        clean.loc[clean.index[movers], "account_opened"] = move_day + 1
        share = (move_day - np.datetime64("2024-04-01", "D")).astype(int) / 365
        before["annual_charge"] = np.round(before["annual_charge"].to_numpy() * share, 2)
        for key in ("instalments_missed", "reminders_sent"):
            before[key] = 0
        for key in ("summons_issued", "enforcement_referral", "in_arrears"):
            before[key] = False
        before["arrears_at_year_end"] = 0.0
        clean = pd.concat([clean, before], ignore_index=True)
    # Account references are allocated in no particular order.
    clean["account_ref"] = id_strings("CT", 10_000_000 + rng.permutation(len(clean)) * 7 + 3, 8)
    clean = clean.sort_values("account_ref", kind="stable")
    residents = resident_ids(pop.residents["resident_number"].to_numpy()[prow])
    crosswalk = pd.DataFrame({"resident_id": residents, "service_id": person_ids})
    return BuildResult(clean=clean, crosswalk=crosswalk)


def truth(profile: CouncilProfile) -> dict:
    """The planted truths of the council tax dataset."""
    return {
        "label": {
            "column": "in_arrears",
            "meaning": "The account owed money for 2024-25 at the end of the year.",
            "rule": "in_arrears is True exactly when arrears_at_year_end is above 0.",
        },
        "outcome_model": {
            "kind": "Poisson count, then recovery",
            "target": "instalments_missed",
            "formula": "log E(instalments_missed) = intercept + ctr_recipient + imd_decile + strain "
            "(strain is an unrecorded standard normal shock); capped at 10; 0 when nothing is charged.",
            "intercept": MISSED_LOG_RATE["intercept"],
            "coefficients": [
                {"feature": k, "kind": "log rate", "size": v}
                for k, v in MISSED_LOG_RATE.items()
                if k != "intercept"
            ],
            "recovery": "Missed amounts are recovered by the year end for 55% of Direct Debit accounts and "
            "35% of others; otherwise arrears = annual_charge x instalments_missed / 10.",
        },
        "planted_effects": [
            {
                "feature": "ctr_recipient",
                "kind": "log rate of missed instalments",
                "size": 0.9,
                "description": "People on low incomes miss more instalments.",
            },
            {
                "feature": "imd_decile",
                "kind": "log rate of missed instalments per decile",
                "size": -0.08,
                "description": "More deprived areas miss more.",
            },
            {
                "feature": "payment_method=Cash at a PayPoint or Post Office",
                "kind": "probability a truly vulnerable person is flagged",
                "size": VULNERABLE_FLAG_RATE,
                "description": "Vulnerability is recorded far less often for people who pay in cash.",
            },
            {
                "feature": "enforcement_referral",
                "kind": "decision rule",
                "size": ENFORCEMENT_RULE,
                "description": "The rule never looks at age, disability or ethnic group.",
            },
        ],
        "mediators": [
            {
                "protected": "liable_person_disability",
                "mediator": "payment_method",
                "direct_effect": 0.0,
                "description": "Disabled and older residents pay in cash more often, and truly vulnerable "
                "cash payers are flagged as vulnerable less often, so the flag that should protect them from "
                "enforcement agents under-protects them, through the payment method.",
            },
        ],
        "proxies": [
            {
                "column": "payment_method",
                "protected": "liable_person_age",
                "description": "Cash payment stands in for older age, disability and deprivation.",
            },
            {
                "column": "imd_decile",
                "protected": "liable_person_ethnic_group_5",
                "description": "Ethnic minority households cluster in deprived areas.",
            },
        ],
        "label_bias": [
            {
                "column": "vulnerability_flag",
                "where": "payment_method is 'Cash at a PayPoint or Post Office'",
                "how": "Truly vulnerable cash payers are flagged 25% of the time, others 70%.",
                "size": VULNERABLE_FLAG_RATE,
                "description": "The flag is a biased record of real vulnerability (latent_vulnerable), so "
                "'not flagged' does not mean 'not vulnerable'. Enforcement decisions and any model trained "
                "on them inherit the gap.",
            }
        ],
        "leaky_features": [
            {
                "column": "arrears_at_year_end",
                "kind": "defines the label",
                "description": "The label is computed from it.",
            },
            {
                "column": "summons_issued",
                "kind": "recorded after arrears build up",
                "description": "Follows missed instalments; not known at the start of the year.",
            },
            {
                "column": "enforcement_referral",
                "kind": "recorded after the outcome",
                "description": "Only accounts in arrears are referred.",
            },
            {
                "column": "latent_vulnerable",
                "kind": "simulation truth",
                "description": "Known only to the simulation.",
            },
        ],
        "assumptions": [
            "The file is a random sample of the council's accounts, not every account. About 6% of liable "
            "people moved within the council during the year and have an earlier, closed account too.",
            "Band D charge of 2,171 pounds and band ratios 6/9 to 18/9 follow England's scheme; the band mix "
            "is a design choice (England: 24.0% of dwellings in band A).",
            "In England in 2023-24 in-year collection was 95.9% and cumulative arrears 6.0 billion pounds; "
            "the rates here are design choices, not calibrated to them.",
            "Recovery, vulnerability and enforcement rates are assumptions.",
        ],
    }


def measure(clean: pd.DataFrame) -> dict:
    """Figures that show the planted effects are present."""
    from labkit.data._measure import rate_by

    vulnerable = clean["latent_vulnerable"]
    arrears = clean["in_arrears"]
    cash = clean["payment_method"] == PAYMENT_METHODS[CASH]
    pay = cash.map({True: "cash", False: "other"})
    at_risk = vulnerable & clean["summons_issued"]
    return {
        "rows": len(clean),
        "in_arrears_rate": round(float(arrears.mean()), 4),
        "band_shares": rate_by(pd.Series(1.0, index=clean.index), clean["band"], share=True),
        "vulnerability_flag_rate_among_truly_vulnerable_by_payment": rate_by(
            clean.loc[vulnerable, "vulnerability_flag"], pay[vulnerable]
        ),
        "enforcement_rate_among_truly_vulnerable_summonsed_by_payment": rate_by(
            clean.loc[at_risk, "enforcement_referral"], pay[at_risk]
        ),
        "cash_payment_rate_by_disability": rate_by(cash, clean["liable_person_disability"]),
        "enforcement_rate_among_summonsed_by_disability": rate_by(
            clean.loc[clean["summons_issued"], "enforcement_referral"],
            clean.loc[clean["summons_issued"], "liable_person_disability"],
        ),
        "in_arrears_rate_by_ctr": rate_by(arrears, clean["ctr_recipient"].map(str)),
        "people_with_two_accounts": int(clean["liable_person_id"].duplicated().sum()),
    }


SPEC = register(
    DatasetSpec(
        name=NAME,
        code=3,
        title="Council tax",
        summary="A random sample of council tax accounts for 2024-25: charges, missed instalments, "
        "arrears and recovery action.",
        unit="one row per account",
        fields=FIELDS,
        primary_key="account_ref",
        default_rows={"northbrook": 12_000, "eastmere": 8_000},
        build=build,
        truth=truth,
        measure=measure,
        roles=DefectRoles(
            person_id="liable_person_id",
            person_name="liable_person_name",
            person_dob="liable_person_date_of_birth",
            address="address",
            uprn="uprn",
            legacy={"liable_person_ethnic_group": "ethnicity", "liable_person_sex": "sex"},
            contradiction=("account_opened", "account_closed"),
            date_columns=("account_opened", "account_closed", "liable_person_date_of_birth"),
            period_column=None,
        ),
        rows_per_population=20_000,
        sources=(
            "MHCLG, Collection rates and receipts of council tax in England 2023-24: in-year collection "
            "95.9%, arrears 6.0 billion pounds.",
            "VOA, Council tax stock of properties: 24.0% of dwellings in band A.",
        ),
    )
)

__all__ = ["FIELDS", "SPEC"]
