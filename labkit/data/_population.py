"""The shared population: residents and households of one fictional council.

Every service dataset of a council draws its people from the same population
(same seed, same council), so one resident can be found in several datasets,
under different service IDs, spellings and address forms. The
``resident_id`` is the truth that links them (see each dataset's crosswalk).

The structural model, in order:

1. small areas (LSOA-like codes) get an IMD decile from the council's
   deprivation skew;
2. households get a small area, a tenure (renting from the council is more
   common in deprived areas), a home with a UPRN-like number, an address and
   a ``ZX`` postcode;
3. a household's ethnic group is drawn from its area's mix: minority groups
   cluster in deprived areas (the council's ``minority_deprivation_gradient``);
4. residents get age, sex, religion, and disability (more likely with age and
   deprivation, as in census 2021).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._councils import COUNCILS, CouncilProfile
from labkit.data._sampling import choice, choice_rows, cumcount, id_strings, sigmoid

RESIDENT_ID_PATTERN = r"^R[0-9]{7}$"


@dataclass(frozen=True)
class Population:
    """Households and residents of one council (read-only: copy before changing)."""

    council: str
    seed: int
    scale: int
    areas: pd.DataFrame
    households: pd.DataFrame
    residents: pd.DataFrame


def _ethnic_probs(profile: CouncilProfile) -> np.ndarray:
    """Table (10 deciles x 19 groups): the ethnic mix of a small area in each IMD decile."""
    shares = np.array(list(profile.ethnic_shares().values()))
    groups = list(profile.ethnic_shares())
    minority = np.array([g != C.WHITE_BRITISH for g in groups], dtype=float)
    deciles = np.arange(1, 11)
    tilt = profile.minority_deprivation_gradient * (5.5 - deciles) / 4.5
    probs = shares[None, :] * np.exp(np.outer(tilt, minority))
    # Keep the council-wide mix roughly at the profile's shares.
    weights = np.asarray(profile.imd_decile_weights)[:, None]
    council_mix = (weights * probs / probs.sum(axis=1, keepdims=True)).sum(axis=0)
    probs = probs * (shares / council_mix)[None, :]
    return probs / probs.sum(axis=1, keepdims=True)


def _religion_probs() -> np.ndarray:
    """Table (19 ethnic groups x 9 religions): an assumption, loosely following census 2021 patterns."""
    base = np.array(C.RELIGION_SHARES_EW, dtype=float)
    rows = []
    for group in C.ETHNIC_SHARES_EW:
        p = base.copy()
        if group in {"Asian: Pakistani", "Asian: Bangladeshi", "Other: Arab"}:
            p = np.array([2, 4, 88, 0.5, 0.5, 0, 0, 1, 4])
        elif group == "Asian: Indian":
            p = np.array([8, 8, 14, 44, 18, 0, 1, 3, 4])
        elif group in {"Black: African", "Black: Other Black"}:
            p = np.array([66, 8, 20, 0, 0, 0, 0, 1, 5])
        elif group == "Black: Caribbean":
            p = np.array([62, 28, 2, 0, 0, 0, 0, 2, 6])
        elif group == "Asian: Chinese":
            p = np.array([20, 58, 1, 0, 0, 0, 12, 3, 6])
        elif group.startswith("White: Other") or group in {"White: Roma", "White: Irish"}:
            p = np.array([64, 26, 2, 0, 0, 1, 0, 1, 6])
        elif group == C.WHITE_BRITISH:
            p = np.array([48, 44, 0.2, 0, 0, 0.5, 0.2, 0.6, 6.5])
        rows.append(p / p.sum())
    return np.array(rows)


def _inward_codes(units: np.ndarray) -> np.ndarray:
    """Inward postcodes (digit + 2 letters, never C I K M O V) for unit numbers 0-3999."""
    letters = np.array(list(C.POSTCODE_LETTERS))
    units = units % 4000
    digit = (units % 10).astype(str)
    first = letters[(units // 10) % 20]
    second = letters[(units // 200) % 20]
    return np.char.add(np.char.add(digit, first), second)


def build_population(profile: CouncilProfile, seed: int, scale: int = 1) -> Population:
    """Generate the population of a council (vectorised; a few hundred thousand people per second)."""
    rng = np.random.default_rng([seed, profile.code, 0])
    # The steps draw from one generator in this order, so the order fixes the sandbox files.
    areas = _areas(profile, rng, profile.n_lsoas * scale)
    households, hh_decile = _households(profile, rng, areas, profile.households * scale)
    residents = _residents(profile, rng, hh_decile)
    frame = pd.DataFrame(
        {"lsoa_code": areas.codes, "imd_decile": areas.decile, "district": areas.district, "town": areas.town}
    )
    return Population(profile.name, seed, scale, frame, households, residents)


class _Areas(NamedTuple):
    """Small areas (step 1), one array entry an area."""

    decile: np.ndarray
    weight: np.ndarray
    codes: np.ndarray
    district: np.ndarray
    town: np.ndarray


def _areas(profile: CouncilProfile, rng: np.random.Generator, n_areas: int) -> _Areas:
    """Small areas with an IMD decile from the council's deprivation skew, a postcode district and a town."""
    area_decile = choice(rng, n_areas, profile.imd_decile_weights) + 1
    area_weight = rng.uniform(0.7, 1.3, n_areas)
    area_codes = np.array([f"E0{profile.lsoa_start + i}" for i in range(n_areas)], dtype=object)
    districts = np.asarray(profile.postcode_districts)
    area_district = districts[(np.arange(n_areas) * len(districts)) // n_areas]
    towns = np.asarray(profile.towns, dtype=object)
    area_town = towns[(np.arange(n_areas) * len(towns)) // n_areas]
    return _Areas(area_decile, area_weight, area_codes, area_district, area_town)


def _households(
    profile: CouncilProfile, rng: np.random.Generator, areas: _Areas, n_households: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """Households (step 2): area, tenure, home, address, postcode and UPRN; and each one's IMD decile."""
    area_decile = areas.decile
    n_areas = len(area_decile)
    hh_area = rng.choice(n_areas, size=n_households, p=areas.weight / areas.weight.sum())
    hh_decile = area_decile[hh_area]
    p_council = sigmoid(
        np.log(profile.social_rent_base / (1 - profile.social_rent_base)) + 0.28 * (5.5 - hh_decile)
    )
    u = rng.random(n_households)
    tenure = np.where(
        u < p_council,
        "Council",
        np.where(
            u < p_council + 0.08,
            "Housing association",
            np.where(u < 0.62, "Owner occupied", "Private rented"),
        ),
    )
    is_flat = rng.random(n_households) < np.clip(
        profile.flats_share * (1 + 0.08 * (5.5 - hh_decile)), 0, 0.95
    )

    home = _homes(rng, areas, hh_area, is_flat)
    uprn = C.UPRN_MIN + profile.code * 100_000_000 + rng.permutation(n_households) * 7 + 11

    households = pd.DataFrame(
        {
            "household_number": np.arange(1, n_households + 1),
            "uprn": uprn.astype(np.int64),
            **home,
            "lsoa_code": areas.codes[hh_area],
            "imd_decile": hh_decile.astype(np.int64),
            "tenure": tenure,
            "is_flat": is_flat,
        }
    )
    return households, hh_decile


def _homes(
    rng: np.random.Generator, areas: _Areas, hh_area: np.ndarray, is_flat: np.ndarray
) -> dict[str, np.ndarray]:
    """Each household's address: street, house and flat number, and a postcode unit of about 20 homes."""
    n_households = len(hh_area)
    n_areas = len(areas.decile)
    streets_per_area = 5
    n_streets = n_areas * streets_per_area
    combos = len(C.STREET_WORDS) * len(C.STREET_SUFFIXES)
    street_pick = rng.permutation(combos)[np.arange(n_streets) % combos]
    words = np.asarray(C.STREET_WORDS, dtype=object)
    suffixes = np.asarray(C.STREET_SUFFIXES, dtype=object)
    street_names = words[street_pick // len(suffixes)] + " " + suffixes[street_pick % len(suffixes)]
    hh_street = hh_area * streets_per_area + rng.integers(0, streets_per_area, n_households)
    # Houses take odd numbers; blocks of 8 flats take even numbers, so no two homes share an address.
    kind_key = hh_street * 2 + is_flat
    pos = cumcount(kind_key)
    number = np.where(is_flat, 2 * (pos // 8) + 2, 2 * pos + 1)
    flat_no = np.where(is_flat, pos % 8 + 1, 0)
    street_text = street_names[hh_street]
    town_text = areas.town[hh_area]
    flat_text = np.where(is_flat, "Flat " + flat_no.astype(str).astype(object) + ", ", "")
    address = flat_text + number.astype(str).astype(object) + " " + street_text + ", " + town_text
    # Postcode units: about 20 homes per unit, numbered within the district.
    unit_key = hh_street * 1000 + number // 20
    uniq_units, unit_idx = np.unique(unit_key, return_inverse=True)
    unit_area = uniq_units // 1000 // streets_per_area
    unit_district = areas.district[unit_area]
    unit_in_district = cumcount(unit_district)
    unit_codes = (
        "ZX" + unit_district.astype(str).astype(object) + " " + _inward_codes(unit_in_district).astype(object)
    )
    postcode = unit_codes[unit_idx]
    return {
        "address": address,
        "street": street_text,
        "house_number": number,
        "flat_number": flat_no,
        "postcode": postcode,
    }


def _residents(profile: CouncilProfile, rng: np.random.Generator, hh_decile: np.ndarray) -> pd.DataFrame:
    """Residents (steps 3-4): household size, age, sex, ethnic group, religion, disability, name, birth."""
    n_households = len(hh_decile)
    size_weights = (0.30, 0.31, 0.15, 0.13, 0.07, 0.04)
    size = choice(rng, n_households, size_weights) + 1
    hh_of = np.repeat(np.arange(n_households), size)
    position = cumcount(hh_of)
    n_people = len(hh_of)
    decile = hh_decile[hh_of]

    adult_ages = np.array([18, 30, 45, 65, 80, 96])
    adult_w = np.asarray(profile.age_weights[1:], dtype=float)
    band = choice(rng, n_people, adult_w)
    adult_age = rng.integers(adult_ages[band], adult_ages[band + 1])
    child_age = rng.integers(0, 18, n_people)
    partner = rng.random(n_people) < 0.55
    # Household reference people are at least 21 at the reference date, so at least 17 in April 2021.
    age = np.where(
        position == 0,
        np.maximum(adult_age, 21),
        np.where(
            (position == 1) & partner,
            np.clip(
                adult_age[np.maximum(np.arange(n_people) - 1, 0)] + rng.integers(-6, 7, n_people), 18, 99
            ),
            child_age,
        ),
    )
    female_first = rng.random(n_households) < 0.51
    sex_female = np.where(
        position == 0,
        female_first[hh_of],
        np.where((position == 1) & partner, ~female_first[hh_of], rng.random(n_people) < 0.49),
    )
    hh_ethnic = choice_rows(rng, _ethnic_probs(profile), hh_decile - 1)
    ethnic = hh_ethnic[hh_of]
    # A few residents differ from their household (mixed households).
    mixed = rng.random(n_people) < 0.05
    ethnic = np.where(mixed, choice(rng, n_people, list(profile.ethnic_shares().values())), ethnic)
    religion = choice_rows(rng, _religion_probs(), ethnic)

    p_disabled = sigmoid(-3.3 + 0.042 * age + 0.13 * (5.5 - decile))
    p_disabled[age < 16] *= 0.35
    u = rng.random(n_people)
    disability = np.where(u < p_disabled * 0.42, 0, np.where(u < p_disabled, 1, 2))

    surname_idx = rng.integers(0, len(C.SURNAMES), n_households)[hh_of]
    fem = np.asarray(C.FIRST_NAMES_FEMALE, dtype=object)
    mal = np.asarray(C.FIRST_NAMES_MALE, dtype=object)
    first = np.where(
        sex_female, fem[rng.integers(0, len(fem), n_people)], mal[rng.integers(0, len(mal), n_people)]
    )
    surnames = np.asarray(C.SURNAMES, dtype=object)
    ref = np.datetime64(C.REFERENCE_DATE, "D")
    dob = ref - (age * 365.25 + rng.integers(0, 365, n_people)).astype("timedelta64[D]")

    groups = list(C.ETHNIC_SHARES_EW)
    return pd.DataFrame(
        {
            "resident_number": np.arange(1, n_people + 1),
            "household_position": position,
            "first_name": first,
            "last_name": surnames[surname_idx],
            "date_of_birth": dob.astype("datetime64[s]"),
            "age": age.astype(np.int64),
            "sex": pd.Categorical.from_codes(np.where(sex_female, 0, 1), categories=list(C.SEXES)),
            "ethnic_group": pd.Categorical.from_codes(ethnic, categories=groups),
            "ethnic_group_5": pd.Categorical.from_codes(
                np.array([C.ETHNIC_GROUPS_5.index(C.ETHNIC_19_TO_5[g]) for g in groups])[ethnic],
                categories=list(C.ETHNIC_GROUPS_5),
            ),
            "disability": pd.Categorical.from_codes(disability, categories=list(C.DISABILITY)),
            "religion": pd.Categorical.from_codes(religion, categories=list(C.RELIGIONS)),
            "household_index": hh_of,
        }
    )


def resident_ids(numbers: np.ndarray) -> np.ndarray:
    """The ``resident_id`` strings (``R`` + 7 digits) for resident numbers."""
    return id_strings("R", numbers, 7)


@lru_cache(maxsize=4)
def population(council: str, seed: int, scale: int = 1) -> Population:
    """The cached population of a council (treat the frames as read-only)."""
    return build_population(COUNCILS[council], seed, scale)
