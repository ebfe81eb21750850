"""Children's social care: one row per referral (CIN-census-shaped).

Handle with care in teaching: the What Works for Children's Social Care study
(2020) found that models predicting outcomes like these did not work well
enough to use (uk-public-sector.md). This dataset exists to show why.

Structural model (the rules are the ground truth):

- each child has a latent level of need (``latent_need`` from 0 to 1, clean data
  only), higher in deprived areas;
- referrals come from schools, health, housing and others in proportion to
  need; POLICE referrals also over-sample one area (the postcode district
  patrolled most, ``ZX3`` in Northbrook), whatever the children's need;
- a child protection plan is more likely with higher need, and also after a
  police referral. So "child protection plan started" is a biased stand-in
  for need: it over-states need in the patrolled area;
- re-referral within 12 months (the usual modelling target) also depends on
  need and source.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import CouncilProfile
from labkit.data._people import financial_year_index, home_columns, person_columns
from labkit.data._population import resident_ids
from labkit.data._registry import BuildContext, BuildResult, DatasetSpec, DefectRoles, register
from labkit.data._sampling import id_strings, sigmoid
from labkit.data._schema import Field

NAME = "childrens_social_care"

# CIN census referral source codes.
SOURCES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C",
           "6", "7", "8", "9", "10")  # fmt: skip
SOURCE_LABELS = {
    "1A": "Individual: family member, relative or carer", "1B": "Individual: acquaintance",
    "1C": "Individual: self", "1D": "Individual: other", "2A": "Schools", "2B": "Education services",
    "3A": "Health: GP", "3B": "Health: health visitor", "3C": "Health: school nurse",
    "3D": "Health: other primary health services", "3E": "Health: A&E", "3F": "Health: other",
    "4": "Housing", "5A": "Local authority: social care", "5B": "Local authority: other internal",
    "5C": "Local authority: external", "6": "Police", "7": "Other legal agency", "8": "Other",
    "9": "Anonymous", "10": "Unknown",
}  # fmt: skip
SOURCE_WEIGHTS = np.array([6, 1, 1, 1, 20, 2, 3, 3, 1, 2, 3, 5, 3, 5, 2, 2, 0, 4, 3, 2, 1], dtype=float)
POLICE = SOURCES.index("6")
PRIMARY_NEEDS = ("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
NEED_LABELS = {
    "N0": "Not stated", "N1": "Abuse or neglect", "N2": "Child's disability or illness",
    "N3": "Parental disability or illness", "N4": "Family in acute stress", "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour", "N7": "Low income", "N8": "Absent parenting",
    "N9": "Cases other than children in need",
}  # fmt: skip
NEED_WEIGHTS = np.array([0.02, 0.51, 0.05, 0.04, 0.08, 0.16, 0.03, 0.01, 0.02, 0.08])
CP_CATEGORIES = ("NEG", "PHY", "SAB", "EMO", "MUL")
CP_LABELS = {"NEG": "Neglect", "PHY": "Physical abuse", "SAB": "Sexual abuse", "EMO": "Emotional abuse",
             "MUL": "Multiple categories"}  # fmt: skip
CLOSURE_REASONS = ("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8")
CLOSURE_LABELS = {
    "RC1": "Adopted", "RC2": "Died", "RC3": "Child arrangements order", "RC4": "Special guardianship order",
    "RC5": "Transferred to services of another local authority", "RC6": "Transferred to adult social care",
    "RC7": "Services ceased for any other reason, including child no longer in need",
    "RC8": "Case closed after assessment, no further action",
}  # fmt: skip

# -- planted truths ----------------------------------------------------------------------------------------
PATROL_DISTRICT = {"northbrook": "ZX3", "eastmere": "ZX12"}
POLICE_OVERSAMPLING = 4.0
CP_MODEL = {"intercept": -3.2, "latent_need": 4.0, "source=Police": 1.4}
POLICE_SHARE = 0.18
REREFERRAL_MODEL = {"intercept": -2.3, "latent_need": 1.8, "source=Police": 0.5}


def _describe_codes(labels: dict[str, str]) -> str:
    return "; ".join(f"{k} {v}" for k, v in labels.items())


FIELDS: tuple[Field, ...] = (
    Field("referral_id", "string", "Referral reference.", pattern=r"^CR[0-9]{7}$", unique=True,
          role="identifier"),
    Field("child_id", "string", "The case management system's ID for the child.", pattern=r"^CH[0-9]{7}$",
          role="identifier"),
    Field("child_name", "string", "Child's name (random combination; no real child).", role="personal"),
    Field("child_date_of_birth", "date", "Child's date of birth.", role="personal"),
    Field("address", "string", "Child's home address.", role="personal"),
    Field("postcode", "string", "Postcode (fictional area ZX).", pattern=C.POSTCODE_PATTERN, role="personal"),
    Field("uprn", "integer", "UPRN of the home (fictional range).", pattern=C.UPRN_PATTERN,
          minimum=C.UPRN_MIN, maximum=C.UPRN_MAX, role="identifier"),
    Field("lsoa_code", "string", "LSOA-like small-area code (fictional range E019xxxxx).",
          pattern=C.LSOA_PATTERN, role="proxy"),
    Field("imd_decile", "integer", "IMD decile: 1 is the most deprived 10%.", minimum=1, maximum=10,
          role="feature"),
    Field("referral_date", "date", "Date the referral was received.", role="feature"),
    Field("financial_year", "string", "Financial year of the referral.", enum=C.FINANCIAL_YEARS, ordered=True,
          role="feature"),
    Field("referral_source", "string", "Who referred (CIN census codes): " + _describe_codes(SOURCE_LABELS)
          + ".", enum=SOURCES, role="feature"),
    Field("primary_need", "string", "Primary need (CIN census codes): " + _describe_codes(NEED_LABELS) + ".",
          enum=PRIMARY_NEEDS, role="feature"),
    Field("child_age", "integer", "Child's age in whole years at referral.", minimum=0, maximum=17,
          role="protected"),
    Field("child_sex", "string", "Child's sex.", enum=C.SEXES, role="protected"),
    Field("child_ethnic_group", "string", "Ethnic group (census 2021, 19 categories).",
          enum=C.ETHNIC_GROUPS_19, role="protected"),
    Field("child_ethnic_group_5", "string", "Ethnic group (census 2021, 5 categories).",
          enum=C.ETHNIC_GROUPS_5, role="protected"),
    Field("child_disability", "string", "Disability (census 2021 TS038 categories).", enum=C.DISABILITY,
          role="protected"),
    Field("cp_plan_started", "boolean", "A child protection plan started after this referral. A biased "
          "stand-in for need: see the ground truth.", role="outcome"),
    Field("cp_category", "string", "Category of the child protection plan: " + _describe_codes(CP_LABELS)
          + ". Blank when no plan started.", enum=CP_CATEGORIES, required=False, role="outcome"),
    Field("closure_date", "date", "Date the episode closed; blank while open.", required=False,
          role="outcome"),
    Field("closure_reason", "string", "Reason the episode closed (CIN census codes): "
          + _describe_codes(CLOSURE_LABELS) + ". Blank while open.", enum=CLOSURE_REASONS, required=False,
          role="outcome"),
    Field("re_referral_12m", "boolean", "Referred again within 12 months of this referral (the usual "
          "modelling target).", role="label"),
    Field("latent_need", "number", "The child's real level of need from 0 (none) to 1 (very high). Known "
          "only to the simulation: no council records it.", minimum=0, maximum=1, role="latent"),
)  # fmt: skip


def build(ctx: BuildContext) -> BuildResult:
    rng, pop, n, profile = ctx.rng, ctx.population, ctx.rows, ctx.profile
    res, hh = pop.residents, pop.households
    children = np.flatnonzero(res["age"].to_numpy() <= 21)  # 0-17 at some point in 2021-2025
    child_hh = res["household_index"].to_numpy()[children]
    decile = hh["imd_decile"].to_numpy()[child_hh]
    need = np.clip(rng.beta(1.3, 5.0, len(children)) + 0.03 * (5.5 - decile), 0, 1)
    patrol = hh["postcode"].to_numpy()[child_hh].astype(str)
    patrol = np.char.startswith(patrol, PATROL_DISTRICT[profile.name] + " ")

    # Need-driven referrals plus police referrals that over-sample the patrolled district.
    n_police = round(n * POLICE_SHARE)
    n_other = n - n_police
    w_other = need**2
    w_police = np.sqrt(need) * np.where(patrol, POLICE_OVERSAMPLING, 1.0)
    pick = np.concatenate(
        [
            rng.choice(len(children), size=n_other, p=w_other / w_other.sum()),
            rng.choice(len(children), size=n_police, p=w_police / w_police.sum()),
        ]
    )
    source_weights = SOURCE_WEIGHTS.copy()
    source_weights[POLICE] = 0
    source = np.concatenate(
        [
            rng.choice(len(SOURCES), size=n_other, p=source_weights / source_weights.sum()),
            np.full(n_police, POLICE),
        ]
    )
    prow = children[pick]
    hrow = child_hh[pick]
    child_need = need[pick]
    dob = res["date_of_birth"].to_numpy()[prow].astype("datetime64[D]")
    # Referral date while the child is 0-17, inside 2021-22 to 2024-25.
    start = np.maximum(np.datetime64(C.PERIOD_START, "D"), dob)
    end = np.minimum(np.datetime64(C.PERIOD_END, "D"), dob + np.timedelta64(365 * 18 - 5, "D"))
    span = np.maximum((end - start).astype(np.int64), 0)
    day = start + (rng.random(n) * (span + 1)).astype(np.int64).astype("timedelta64[D]")
    people = person_columns(pop, prow, "child_", at=day)
    police = source == POLICE

    primary = rng.choice(len(PRIMARY_NEEDS), size=n, p=NEED_WEIGHTS / NEED_WEIGHTS.sum())
    cp = rng.random(n) < sigmoid(
        CP_MODEL["intercept"] + CP_MODEL["latent_need"] * child_need + CP_MODEL["source=Police"] * police
    )
    category = np.where(cp, rng.choice(len(CP_CATEGORIES), size=n, p=[0.48, 0.07, 0.04, 0.36, 0.05]), -1)
    rereferral = rng.random(n) < sigmoid(
        REREFERRAL_MODEL["intercept"] + REREFERRAL_MODEL["latent_need"] * child_need
        + REREFERRAL_MODEL["source=Police"] * police
    )  # fmt: skip
    length = np.where(cp, rng.integers(180, 720, n), rng.integers(10, 200, n))
    closure = day + length.astype("timedelta64[D]")
    still_open = closure > np.datetime64(C.PERIOD_END, "D")
    closure = np.where(still_open, np.datetime64("NaT"), closure)
    reason = np.where(
        still_open, -1,
        np.where(cp, rng.choice(8, size=n, p=[0.02, 0.005, 0.06, 0.04, 0.08, 0.005, 0.79, 0.0]),
                 rng.choice(8, size=n, p=[0.0, 0.0, 0.01, 0.0, 0.04, 0.0, 0.35, 0.6])),
    )  # fmt: skip

    order = np.lexsort((prow, day))
    numbers = np.full(len(res), -1, dtype=np.int64)
    used = np.unique(prow)
    numbers[used] = rng.permutation(len(used)) + 1
    home = home_columns(pop, hrow)
    clean = pd.DataFrame(
        {
            "child_id": id_strings("CH", numbers[prow], 7),
            "child_name": people["child_name"],
            "child_date_of_birth": people["child_date_of_birth"],
            "address": home["address"],
            "postcode": home["postcode"],
            "uprn": home["uprn"],
            "lsoa_code": home["lsoa_code"],
            "imd_decile": home["imd_decile"],
            "referral_date": day,
            "financial_year": pd.Categorical.from_codes(
                np.clip(financial_year_index(day), 0, 3), categories=list(C.FINANCIAL_YEARS), ordered=True
            ),
            "referral_source": pd.Categorical.from_codes(source, categories=list(SOURCES)),
            "primary_need": pd.Categorical.from_codes(primary, categories=list(PRIMARY_NEEDS)),
            "child_age": np.clip(people["child_age"], 0, 17),
            "child_sex": people["child_sex"],
            "child_ethnic_group": people["child_ethnic_group"],
            "child_ethnic_group_5": people["child_ethnic_group_5"],
            "child_disability": people["child_disability"],
            "cp_plan_started": cp,
            "cp_category": pd.Categorical.from_codes(category, categories=list(CP_CATEGORIES)),
            "closure_date": closure,
            "closure_reason": pd.Categorical.from_codes(reason, categories=list(CLOSURE_REASONS)),
            "re_referral_12m": rereferral,
            "latent_need": np.round(child_need, 4),
        }
    ).iloc[order]
    clean.insert(0, "referral_id", id_strings("CR", np.arange(1, n + 1), 7))
    crosswalk = pd.DataFrame(
        {
            "resident_id": resident_ids(res["resident_number"].to_numpy()[used]),
            "service_id": id_strings("CH", numbers[used], 7),
        }
    )
    return BuildResult(clean=clean, crosswalk=crosswalk)


def truth(profile: CouncilProfile) -> dict:
    """The planted truths of the children's social care dataset."""
    district = PATROL_DISTRICT[profile.name]
    return {
        "label": {
            "column": "re_referral_12m",
            "meaning": "The child was referred again within 12 months: the usual modelling target. Models "
            "like this did not work well enough in the What Works for Children's Social Care study (2020).",
            "rule": "Drawn from a logistic model of latent_need and police referral (see outcome_model).",
        },
        "outcome_model": {
            "kind": "logistic",
            "target": "re_referral_12m",
            "intercept": REREFERRAL_MODEL["intercept"],
            "coefficients": [
                {"feature": "latent_need", "kind": "log-odds per unit of need", "size": 1.8},
                {"feature": "source=Police", "kind": "log-odds", "size": 0.5},
            ],
        },
        "planted_effects": [
            {
                "feature": "latent_need",
                "kind": "log-odds of a child protection plan per unit of need",
                "size": CP_MODEL["latent_need"],
                "description": "Plans follow real need.",
            },
            {
                "feature": "referral_source=6 (Police)",
                "kind": "log-odds of a child protection plan",
                "size": CP_MODEL["source=Police"],
                "description": "Police referrals lead to plans more often, for the same need.",
            },
            {
                "feature": "postcode district " + district,
                "kind": "police referral over-sampling",
                "size": POLICE_OVERSAMPLING,
                "description": f"Children in {district} are {POLICE_OVERSAMPLING:g} times as likely to be "
                "referred by police as children elsewhere with the same need.",
            },
            {
                "feature": "imd_decile",
                "kind": "shift in latent need per decile",
                "size": -0.03,
                "description": "Need is higher in deprived areas.",
            },
        ],
        "mediators": [
            {
                "protected": "postcode district",
                "mediator": "referral_source",
                "direct_effect": 0.0,
                "description": "Where a child lives changes plan rates through police referrals, not need.",
            },
        ],
        "proxies": [
            {
                "column": "postcode",
                "protected": "child_ethnic_group_5",
                "description": "Small areas differ in ethnic mix, so an area effect is also an ethnicity "
                "effect.",
            },
            {"column": "lsoa_code", "protected": "child_ethnic_group_5", "description": "As above."},
        ],
        "label_bias": [
            {
                "column": "cp_plan_started",
                "where": f"postcode district {district} (and police referrals generally)",
                "how": "Police referrals over-sample one district and lead to plans more often, so plan "
                "rates there over-state need.",
                "size": {
                    "police_oversampling": POLICE_OVERSAMPLING,
                    "police_log_odds": CP_MODEL["source=Police"],
                },
                "description": "'Child protection plan started' is a biased stand-in for need. A model "
                "trained on it would send more scrutiny to the patrolled area for the same need.",
            }
        ],
        "leaky_features": [
            {
                "column": "cp_category",
                "kind": "recorded after the outcome",
                "description": "Only present when a plan started.",
            },
            {
                "column": "closure_date",
                "kind": "recorded after the outcome",
                "description": "Known only when the episode ends.",
            },
            {
                "column": "closure_reason",
                "kind": "recorded after the outcome",
                "description": "Known only when the episode ends.",
            },
            {
                "column": "latent_need",
                "kind": "simulation truth",
                "description": "Known only to the simulation: use it to measure bias, never as a feature.",
            },
        ],
        "assumptions": [
            "England 2024: 621,880 referrals, 22% re-referrals and about 51% with abuse or neglect as the "
            "primary need; the rates here are design choices in that region.",
            "Referral source, plan category and closure shares are design assumptions.",
            "Children's ages are worked out from the shared population, whose ages are at 31 March 2025.",
        ],
        "caution": "What Works for Children's Social Care, 'Machine learning in children's services: does it "
        "work?' (September 2020): models built with four councils missed, on average, four in five children "
        "at risk and none reached the pre-set precision threshold (figures via Community Care).",
    }


def measure(clean: pd.DataFrame) -> dict:
    """Figures that show the planted bias."""
    from labkit.data._measure import rate_by

    districts = clean["postcode"].str.split(" ").str[0]
    known = [d for d in PATROL_DISTRICT.values() if d in set(districts)]
    patrolled_district = known[0] if known else ""
    police = clean["referral_source"] == "6"
    return {
        "rows": len(clean),
        "re_referral_rate": round(float(clean["re_referral_12m"].mean()), 4),
        "cp_plan_rate": round(float(clean["cp_plan_started"].mean()), 4),
        "police_share_by_district": rate_by(police, districts),
        "cp_plan_rate_by_district": rate_by(clean["cp_plan_started"], districts),
        "mean_latent_need_by_district": rate_by(clean["latent_need"], districts),
        "cp_plan_rate_by_source_police": rate_by(
            clean["cp_plan_started"], police.map({True: "police", False: "other"})
        ),
        "mean_latent_need_by_source_police": rate_by(
            clean["latent_need"], police.map({True: "police", False: "other"})
        ),
        "cp_plan_rate_by_area_and_need": rate_by(
            clean["cp_plan_started"],
            districts.eq(patrolled_district).map({True: "patrolled", False: "elsewhere"})
            + np.where(clean["latent_need"] >= 0.4, ", higher need", ", lower need"),
        ),
        "primary_need_shares": rate_by(pd.Series(1.0, index=clean.index), clean["primary_need"], share=True),
    }


SPEC = register(
    DatasetSpec(
        name=NAME,
        code=5,
        title="Children's social care referrals",
        summary="Referrals to children's social care, 2021-22 to 2024-25, with plans, closures and "
        "re-referrals (CIN-census-shaped).",
        unit="one row per referral",
        fields=FIELDS,
        primary_key="referral_id",
        default_rows={"northbrook": 5_000, "eastmere": 2_500},
        build=build,
        truth=truth,
        measure=measure,
        roles=DefectRoles(
            person_id="child_id",
            person_name="child_name",
            person_dob="child_date_of_birth",
            address="address",
            uprn="uprn",
            legacy={"child_ethnic_group": "ethnicity", "child_sex": "sex", "child_disability": "unspecified"},
            contradiction=("referral_date", "closure_date"),
            date_columns=("referral_date", "closure_date", "child_date_of_birth"),
            period_column="referral_date",
        ),
        rows_per_population=40_000,
        sources=(
            "DfE, Children in need census: referral source, primary need, plan category and closure codes.",
            "DfE, Characteristics of children in need 2024: 621,880 referrals, 22% re-referrals.",
            "What Works for Children's Social Care (2020), Machine learning in children's services.",
        ),
    )
)

__all__ = ["FIELDS", "SPEC"]
