"""Homelessness: one row per household owed a prevention or relief duty (H-CLIC-shaped).

Structural model (the rules are the ground truth):

- households approach the council more often from private renting and from
  deprived areas; the main applicant is the household's first adult;
- each case has a duty (prevention or relief), a reason for loss of home,
  employment, support needs (multi-select) and whether an interpreter is
  needed (far more common for applicants who are not UK nationals);
- the TRUE outcome, whether accommodation was secured for 6 months or more
  (``latent_accommodation_secured``), follows a logistic model of duty,
  support needs, employment, children and reason. It does not depend on
  nationality, ethnic group or needing an interpreter;
- the RECORDED outcome has label bias: "Contact lost" is recorded far more
  often when an interpreter is needed, including for households whose
  accommodation was in fact secured. A risk score trained on the recorded
  label learns that bias.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import CouncilProfile
from labkit.data._people import financial_year_index, home_columns, lead_person, multi_select, person_columns
from labkit.data._population import resident_ids
from labkit.data._registry import BuildContext, BuildResult, DatasetSpec, DefectRoles, register
from labkit.data._sampling import choice_rows, id_strings, sigmoid
from labkit.data._schema import Field

NAME = "homelessness"

DUTIES = ("Prevention", "Relief")
REASONS = (
    "End of private rented tenancy (AST)",
    "Family or friends no longer willing or able to accommodate",
    "Domestic abuse",
    "Non-violent relationship breakdown",
    "End of social tenancy",
    "Eviction from supported housing",
    "Left institution",
    "Other violence or harassment",
    "Other",
)
REASON_WEIGHTS = (0.24, 0.25, 0.12, 0.09, 0.05, 0.04, 0.05, 0.04, 0.12)
HOUSEHOLD_TYPES = (
    "Single adult",
    "Single parent with dependent children",
    "Couple with dependent children",
    "Couple without dependent children",
    "Other household",
)
EMPLOYMENT = (
    "Full-time work",
    "Part-time work",
    "Registered unemployed",
    "Not working because of illness or disability",
    "Retired",
    "Student or training",
    "Other",
)
SUPPORT_NEEDS = (
    "History of mental health problems",
    "Physical ill health and disability",
    "At risk of or has experienced domestic abuse",
    "Offending history",
    "Drug dependency needs",
    "Alcohol dependency needs",
    "Young person aged 18-25 needing support",
    "Learning disability",
)
NATIONALITIES = ("UK national", "EEA or Swiss national", "Other nationality")
SEXUAL_ORIENTATIONS = (
    "Straight or Heterosexual",
    "Gay or Lesbian",
    "Bisexual",
    "All other sexual orientations",
    "Not answered",
)
OUTCOMES = (
    "Secured accommodation for 6+ months",
    "Contact lost",
    "Homeless (duty not met)",
    "Withdrew application",
    "No further action after 56 days",
)
SECURED = OUTCOMES[0]

# -- planted truths -------------------------------------------------------------------------------------
INTERCEPT = 0.25
COEF = {
    "duty_owed=Prevention": 0.8,
    "support_needs_count": -0.35,
    "employed": 0.55,
    "dependent_children": 0.35,
    "reason=Domestic abuse": -0.4,
    "reason=End of private rented tenancy (AST)": 0.25,
}
# Probability that "Contact lost" is recorded, by true outcome and interpreter need.
CONTACT_LOST = {"secured": {False: 0.04, True: 0.22}, "not_secured": {False: 0.20, True: 0.38}}
INTERPRETER_BY_NATIONALITY = (0.005, 0.30, 0.40)

FIELDS: tuple[Field, ...] = (
    Field(
        "case_id",
        "string",
        "Homelessness case reference.",
        pattern=r"^HC[0-9]{6}$",
        unique=True,
        role="identifier",
    ),
    Field(
        "applicant_id",
        "string",
        "The housing options system's ID for the main applicant.",
        pattern=r"^HA[0-9]{6}$",
        role="identifier",
    ),
    Field(
        "applicant_name",
        "string",
        "Main applicant's name (random combination; no real person).",
        role="personal",
    ),
    Field("applicant_date_of_birth", "date", "Main applicant's date of birth.", role="personal"),
    Field("address", "string", "Last settled address.", role="personal"),
    Field(
        "postcode",
        "string",
        "Postcode of the last settled address (fictional area ZX).",
        pattern=C.POSTCODE_PATTERN,
        role="personal",
    ),
    Field(
        "uprn",
        "integer",
        "UPRN of the last settled address (fictional range).",
        pattern=C.UPRN_PATTERN,
        minimum=C.UPRN_MIN,
        maximum=C.UPRN_MAX,
        role="identifier",
    ),
    Field(
        "lsoa_code",
        "string",
        "LSOA-like code of the last settled address (fictional range E019xxxxx).",
        pattern=C.LSOA_PATTERN,
        role="proxy",
    ),
    Field(
        "imd_decile",
        "integer",
        "IMD decile of that area: 1 is the most deprived 10%.",
        minimum=1,
        maximum=10,
        role="feature",
    ),
    Field("approach_date", "date", "Date the household first approached the council.", role="feature"),
    Field(
        "assessment_date", "date", "Date the duty was assessed (on or after the approach).", role="feature"
    ),
    Field(
        "financial_year",
        "string",
        "Financial year of the approach.",
        enum=C.FINANCIAL_YEARS,
        ordered=True,
        role="feature",
    ),
    Field("duty_owed", "string", "Duty owed at assessment (H-CLIC).", enum=DUTIES, role="feature"),
    Field("household_type", "string", "Household composition.", enum=HOUSEHOLD_TYPES, role="feature"),
    Field(
        "reason_for_loss",
        "string",
        "Main reason for loss, or threat of loss, of the last settled home (H-CLIC categories, shortened).",
        enum=REASONS,
        role="feature",
        assumption="Shares of each reason are design assumptions.",
    ),
    Field("employment_status", "string", "Main applicant's employment.", enum=EMPLOYMENT, role="feature"),
    Field(
        "support_needs",
        "string",
        "Support needs of the household (multi-select, separated by '; '); blank when none.",
        required=False,
        role="feature",
    ),
    Field(
        "support_needs_count",
        "integer",
        "Number of support needs.",
        minimum=0,
        maximum=len(SUPPORT_NEEDS),
        role="feature",
    ),
    Field(
        "temporary_accommodation",
        "boolean",
        "Placed in temporary accommodation during the case.",
        role="feature",
    ),
    Field(
        "applicant_age",
        "integer",
        "Main applicant's age at approach.",
        minimum=16,
        maximum=110,
        role="protected",
    ),
    Field("applicant_sex", "string", "Main applicant's sex.", enum=C.SEXES, role="protected"),
    Field(
        "applicant_ethnic_group",
        "string",
        "Ethnic group (census 2021, 19 categories).",
        enum=C.ETHNIC_GROUPS_19,
        role="protected",
    ),
    Field(
        "applicant_ethnic_group_5",
        "string",
        "Ethnic group (census 2021, 5 categories).",
        enum=C.ETHNIC_GROUPS_5,
        role="protected",
    ),
    Field(
        "applicant_disability",
        "string",
        "Disability (census 2021 TS038 categories).",
        enum=C.DISABILITY,
        role="protected",
    ),
    Field(
        "nationality",
        "string",
        "Nationality (part of the protected characteristic race).",
        enum=NATIONALITIES,
        role="protected",
        assumption="Nationality mix by ethnic group is a design assumption.",
    ),
    Field(
        "interpreter_needed", "boolean", "An interpreter was needed to work with the household.", role="proxy"
    ),
    Field(
        "sexual_orientation",
        "string",
        "Main applicant's sexual orientation (census 2021 style).",
        enum=SEXUAL_ORIENTATIONS,
        role="protected",
    ),
    Field(
        "duty_outcome",
        "string",
        "Outcome recorded when the duty ended. 'Contact lost' is recorded "
        "with a planted bias (see the ground truth).",
        enum=OUTCOMES,
        role="outcome",
    ),
    Field(
        "accommodation_secured",
        "boolean",
        "True when the recorded outcome is 'Secured accommodation for 6+ months' (the label, as recorded).",
        role="label",
    ),
    Field(
        "latent_accommodation_secured",
        "boolean",
        "Whether accommodation was in fact secured for 6+ "
        "months. Known only to the simulation: not in the as-received file.",
        role="latent",
    ),
)


def _nationality_probs() -> np.ndarray:
    rows = []
    for group in C.ETHNIC_SHARES_EW:
        if group == C.WHITE_BRITISH:
            p = (0.99, 0.005, 0.005)
        elif group in {"White: Other White", "White: Roma"}:
            p = (0.25, 0.65, 0.10)
        elif group == "White: Irish":
            p = (0.55, 0.44, 0.01)
        elif group == "White: Gypsy or Irish Traveller":
            p = (0.90, 0.09, 0.01)
        elif group.startswith("Mixed"):
            p = (0.88, 0.05, 0.07)
        elif group in {"Asian: Indian", "Asian: Pakistani", "Asian: Bangladeshi", "Black: Caribbean"}:
            p = (0.78, 0.02, 0.20)
        else:
            p = (0.45, 0.04, 0.51)
        rows.append(p)
    return np.array(rows)


def build(ctx: BuildContext) -> BuildResult:
    rng, pop, n = ctx.rng, ctx.population, ctx.rows
    hh = pop.households
    lead = lead_person(pop)
    tenure = hh["tenure"].to_numpy()
    weight = np.select(
        [tenure == "Private rented", tenure == "Owner occupied"], [3.0, 0.15], default=1.0
    ) * np.exp(0.15 * (5.5 - hh["imd_decile"].to_numpy()))
    hrow = rng.choice(len(hh), size=n, p=weight / weight.sum())
    prow = lead[hrow]

    approach = np.datetime64(C.PERIOD_START, "D") + rng.integers(0, 1461, n).astype("timedelta64[D]")
    assessment = approach + rng.integers(0, 21, n).astype("timedelta64[D]")
    fy = np.minimum(financial_year_index(approach), 3)
    people = person_columns(pop, prow, "applicant_", at=approach)

    ethnic = people["applicant_ethnic_group"].codes
    nationality = choice_rows(rng, _nationality_probs(), ethnic)
    interpreter = rng.random(n) < np.asarray(INTERPRETER_BY_NATIONALITY)[nationality]

    duty = (rng.random(n) < 0.55).astype(np.int64)  # 0 Prevention, 1 Relief (England 2023-24: about 45/55)
    reason = rng.choice(len(REASONS), size=n, p=np.asarray(REASON_WEIGHTS) / sum(REASON_WEIGHTS))
    size = pop.residents.groupby("household_index").size().to_numpy()[hrow]
    u = rng.random(n)
    household_type = np.where(
        size == 1, 0, np.where(u < 0.45, 1, np.where(u < 0.75, 2, np.where(u < 0.92, 3, 4)))
    )
    children = np.isin(household_type, [1, 2])
    disability = people["applicant_disability"].codes
    employment = np.where(
        disability == 0,
        np.where(rng.random(n) < 0.7, 3, 2),
        rng.choice(len(EMPLOYMENT), size=n, p=[0.22, 0.18, 0.30, 0.08, 0.04, 0.06, 0.12]),
    )
    employed = employment <= 1
    p_need = np.array([0.28, 0.20, 0.10, 0.10, 0.08, 0.07, 0.10, 0.05])
    need = rng.random((n, len(SUPPORT_NEEDS))) < p_need
    need[:, 2] |= reason == 2  # domestic abuse as the reason is also a support need
    need[:, 1] |= disability == 0
    need[:, 6] &= people["applicant_age"] <= 25
    need_count = need.sum(axis=1)

    logit = (
        INTERCEPT
        + COEF["duty_owed=Prevention"] * (duty == 0)
        + COEF["support_needs_count"] * need_count
        + COEF["employed"] * employed
        + COEF["dependent_children"] * children
        + COEF["reason=Domestic abuse"] * (reason == 2)
        + COEF["reason=End of private rented tenancy (AST)"] * (reason == 0)
    )
    secured = rng.random(n) < sigmoid(logit)
    p_lost = np.where(
        secured,
        np.where(interpreter, CONTACT_LOST["secured"][True], CONTACT_LOST["secured"][False]),
        np.where(interpreter, CONTACT_LOST["not_secured"][True], CONTACT_LOST["not_secured"][False]),
    )
    lost = rng.random(n) < p_lost
    other = 2 + rng.choice(3, size=n, p=[0.5, 0.2, 0.3])
    outcome = np.where(lost, 1, np.where(secured, 0, other))
    temporary = rng.random(n) < np.where(duty == 1, 0.35, 0.08) + 0.15 * children

    ages = people["applicant_age"]
    u = rng.random(n)
    orientation = np.where(
        ages < 16,
        4,
        np.where(u < 0.894, 0, np.where(u < 0.909, 1, np.where(u < 0.922, 2, np.where(u < 0.926, 3, 4)))),
    )

    order = np.lexsort((hrow, approach))
    applicant_number = np.full(len(hh), -1, dtype=np.int64)
    households = np.unique(hrow)
    applicant_number[households] = rng.permutation(len(households)) + 1
    applicant_ids = id_strings("HA", applicant_number[hrow], 6)

    clean = pd.DataFrame(
        {
            "applicant_id": applicant_ids,
            "applicant_name": people["applicant_name"],
            "applicant_date_of_birth": people["applicant_date_of_birth"],
            **home_columns(pop, hrow),
            "approach_date": approach,
            "assessment_date": assessment,
            "financial_year": pd.Categorical.from_codes(fy, categories=list(C.FINANCIAL_YEARS), ordered=True),
            "duty_owed": pd.Categorical.from_codes(duty, categories=list(DUTIES)),
            "household_type": pd.Categorical.from_codes(household_type, categories=list(HOUSEHOLD_TYPES)),
            "reason_for_loss": pd.Categorical.from_codes(reason, categories=list(REASONS)),
            "employment_status": pd.Categorical.from_codes(employment, categories=list(EMPLOYMENT)),
            "support_needs": pd.Series(multi_select(need, SUPPORT_NEEDS)).replace("", None).to_numpy(),
            "support_needs_count": need_count,
            "temporary_accommodation": temporary,
            "applicant_age": ages,
            "applicant_sex": people["applicant_sex"],
            "applicant_ethnic_group": people["applicant_ethnic_group"],
            "applicant_ethnic_group_5": people["applicant_ethnic_group_5"],
            "applicant_disability": people["applicant_disability"],
            "nationality": pd.Categorical.from_codes(nationality, categories=list(NATIONALITIES)),
            "interpreter_needed": interpreter,
            "sexual_orientation": pd.Categorical.from_codes(
                orientation, categories=list(SEXUAL_ORIENTATIONS)
            ),
            "duty_outcome": pd.Categorical.from_codes(outcome, categories=list(OUTCOMES)),
            "accommodation_secured": outcome == 0,
            "latent_accommodation_secured": secured,
        }
    ).iloc[order]
    clean.insert(0, "case_id", id_strings("HC", np.arange(1, n + 1), 6))

    crosswalk = pd.DataFrame(
        {
            "resident_id": resident_ids(pop.residents["resident_number"].to_numpy()[lead[households]]),
            "service_id": id_strings("HA", applicant_number[households], 6),
        }
    )
    return BuildResult(clean=clean, crosswalk=crosswalk)


def truth(profile: CouncilProfile) -> dict:
    """The planted truths of the homelessness dataset."""
    coefficients = [{"feature": k, "kind": "log-odds", "size": v} for k, v in COEF.items()]
    return {
        "label": {
            "column": "accommodation_secured",
            "meaning": "Accommodation was secured for 6 months or more, as RECORDED. The true outcome is "
            "latent_accommodation_secured (clean data only); the two differ because of planted label bias.",
            "rule": "accommodation_secured is True exactly when duty_outcome is 'Secured accommodation for "
            "6+ months'.",
        },
        "outcome_model": {
            "kind": "logistic",
            "target": "latent_accommodation_secured",
            "formula": "logit P(secured) = intercept + duty + support needs + employment + children + reason",
            "intercept": INTERCEPT,
            "coefficients": coefficients,
            "encoding": "employed = employment_status is Full-time or Part-time work; dependent_children = "
            "household_type is a single parent or couple with dependent children.",
            "not_in_model": [
                "nationality",
                "interpreter_needed",
                "applicant_ethnic_group",
                "applicant_ethnic_group_5",
                "applicant_sex",
                "sexual_orientation",
            ],
        },
        "planted_effects": [
            {
                "feature": c["feature"],
                "kind": "log-odds of truly securing accommodation",
                "size": c["size"],
                "description": "A direct effect on the true outcome.",
            }
            for c in coefficients
        ]
        + [
            {
                "feature": "nationality",
                "kind": "probability of needing an interpreter",
                "size": dict(zip(NATIONALITIES, INTERPRETER_BY_NATIONALITY, strict=True)),
                "description": "Applicants who are not UK nationals far more often need an interpreter.",
            },
        ],
        "mediators": [],
        "proxies": [
            {
                "column": "interpreter_needed",
                "protected": "nationality",
                "description": "Needing an interpreter stands in for nationality and ethnic group (race, "
                "under the Equality Act 2010).",
            },
            {
                "column": "lsoa_code",
                "protected": "applicant_ethnic_group_5",
                "description": "Small areas differ in ethnic mix.",
            },
        ],
        "label_bias": [
            {
                "column": "duty_outcome",
                "label": "accommodation_secured",
                "where": "interpreter_needed is True",
                "how": "'Contact lost' is recorded more often, including for households whose "
                "accommodation was in fact secured.",
                "size": {
                    "P(Contact lost | truly secured, interpreter)": CONTACT_LOST["secured"][True],
                    "P(Contact lost | truly secured, no interpreter)": CONTACT_LOST["secured"][False],
                    "P(Contact lost | not secured, interpreter)": CONTACT_LOST["not_secured"][True],
                    "P(Contact lost | not secured, no interpreter)": CONTACT_LOST["not_secured"][False],
                },
                "description": "True need and true outcomes do not depend on nationality, but the recorded "
                "label makes households needing an interpreter look less likely to succeed. A supplier "
                "risk score trained on it would send them less help, or flag them as 'high risk' wrongly.",
            }
        ],
        "leaky_features": [
            {
                "column": "duty_outcome",
                "kind": "defines the label",
                "description": "The label is computed from it.",
            },
            {
                "column": "latent_accommodation_secured",
                "kind": "simulation truth",
                "description": "Known only to the simulation; use it to measure the label bias, never as a "
                "feature.",
            },
            {
                "column": "temporary_accommodation",
                "kind": "recorded during the case",
                "description": "Known only after the assessment; fine for describing cases, not for triage "
                "at first approach.",
            },
        ],
        "assumptions": [
            "The prevention/relief split of about 45/55 follows England 2023-24 (146,430 prevention and "
            "178,560 relief duties); everything else is a design choice.",
            "Shares of reasons, support needs, employment, nationality by ethnic group and interpreter need "
            "are assumptions, not published figures.",
            "Sexual orientation shares follow census 2021 (LGB+ 3.2%, not answered 7.5%) approximately.",
        ],
    }


def measure(clean: pd.DataFrame) -> dict:
    """Figures that show the label bias is present."""
    from labkit.data._measure import rate_by

    interp = clean["interpreter_needed"].map({True: "interpreter", False: "no interpreter"})
    lost = clean["duty_outcome"] == "Contact lost"
    secured_true = clean["latent_accommodation_secured"]
    return {
        "rows": len(clean),
        "recorded_secured_rate": round(float(clean["accommodation_secured"].mean()), 4),
        "true_secured_rate": round(float(secured_true.mean()), 4),
        "recorded_secured_rate_by_interpreter": rate_by(clean["accommodation_secured"], interp),
        "true_secured_rate_by_interpreter": rate_by(secured_true, interp),
        "contact_lost_rate_by_interpreter": rate_by(lost, interp),
        "contact_lost_rate_among_truly_secured_by_interpreter": rate_by(
            lost[secured_true], interp[secured_true]
        ),
        "interpreter_rate_by_nationality": rate_by(clean["interpreter_needed"], clean["nationality"]),
        "duty_shares": rate_by(pd.Series(1.0, index=clean.index), clean["duty_owed"], share=True),
    }


SPEC = register(
    DatasetSpec(
        name=NAME,
        code=2,
        title="Homelessness",
        summary="Households owed a prevention or relief duty, 2021-22 to 2024-25, with the recorded outcome "
        "(H-CLIC-shaped).",
        unit="one row per household case",
        fields=FIELDS,
        primary_key="case_id",
        default_rows={"northbrook": 6_000, "eastmere": 3_000},
        build=build,
        truth=truth,
        measure=measure,
        roles=DefectRoles(
            person_id="applicant_id",
            person_name="applicant_name",
            person_dob="applicant_date_of_birth",
            address="address",
            uprn="uprn",
            legacy={
                "applicant_ethnic_group": "ethnicity",
                "applicant_sex": "sex",
                "applicant_disability": "unspecified",
            },
            contradiction=("approach_date", "assessment_date"),
            date_columns=("approach_date", "assessment_date", "applicant_date_of_birth"),
            period_column="approach_date",
        ),
        rows_per_population=60_000,
        sources=(
            "MHCLG, H-CLIC (Homelessness Case Level Information Collection) data specification.",
            "MHCLG, Statutory homelessness in England 2023-24: 146,430 prevention and 178,560 relief duties.",
            "Equality Act 2010 s.9: race includes nationality.",
        ),
    )
)

__all__ = ["FIELDS", "SPEC"]
