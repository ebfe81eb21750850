"""Columns about people and homes, taken from the shared population for a dataset's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from labkit.data._population import Population


def person_columns(pop: Population, prow: np.ndarray, prefix: str, *, at: np.ndarray | None = None) -> dict:
    """Name, date of birth, age, sex, ethnic group (19 and 5), disability for residents ``prow``.

    ``at`` (datetime64) gives the date at which the age is measured; by default the population's
    reference date. Column names start with ``prefix`` (for example ``"tenant_"``).
    """
    res = pop.residents
    dob = res["date_of_birth"].to_numpy()[prow]
    if at is None:
        age = res["age"].to_numpy()[prow]
    else:
        age = ((at.astype("datetime64[s]") - dob).astype("timedelta64[D]").astype(np.int64) / 365.25).astype(
            np.int64
        )

    def cat(column: str) -> pd.Categorical:
        values = res[column].array
        return pd.Categorical.from_codes(values.codes[prow], dtype=values.dtype)

    return {
        f"{prefix}name": res["first_name"].to_numpy()[prow] + " " + res["last_name"].to_numpy()[prow],
        f"{prefix}date_of_birth": dob,
        f"{prefix}age": age,
        f"{prefix}sex": cat("sex"),
        f"{prefix}ethnic_group": cat("ethnic_group"),
        f"{prefix}ethnic_group_5": cat("ethnic_group_5"),
        f"{prefix}disability": cat("disability"),
    }


def home_columns(pop: Population, hrow: np.ndarray) -> dict:
    """UPRN, address, postcode, LSOA-like code and IMD decile for households ``hrow``."""
    hh = pop.households
    return {
        "uprn": hh["uprn"].to_numpy()[hrow],
        "address": hh["address"].to_numpy()[hrow],
        "postcode": hh["postcode"].to_numpy()[hrow],
        "lsoa_code": hh["lsoa_code"].to_numpy()[hrow],
        "imd_decile": hh["imd_decile"].to_numpy()[hrow],
    }


def lead_person(pop: Population) -> np.ndarray:
    """Resident row of each household's first adult (its reference person)."""
    res = pop.residents
    lead = res.index.to_numpy()[res["household_position"].to_numpy() == 0]
    out = np.full(len(pop.households), -1, dtype=np.int64)
    out[res["household_index"].to_numpy()[lead]] = lead
    return out


def random_dates(rng: np.random.Generator, n: int, start: str, end: str) -> np.ndarray:
    """Uniform random days between ``start`` and ``end`` inclusive (datetime64[D])."""
    lo, hi = np.datetime64(start, "D"), np.datetime64(end, "D")
    return lo + rng.integers(0, int((hi - lo).astype(int)) + 1, n).astype("timedelta64[D]")


def financial_year_index(days: np.ndarray, first_year: int = 2021) -> np.ndarray:
    """0 for April 2021 to March 2022, 1 for the next year, and so on."""
    months = days.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    year = months // 12 + 1970
    month = months % 12 + 1
    return (year - first_year - (month < 4)).astype(np.int64)


def multi_select(mask: np.ndarray, labels: tuple[str, ...], sep: str = "; ") -> np.ndarray:
    """Join the labels chosen in each row of a boolean matrix, in code-list order ("" when none)."""
    out = np.full(mask.shape[0], "", dtype=object)
    for k, label in enumerate(labels):
        chosen = mask[:, k]
        joiner = np.where(out[chosen] == "", "", sep)
        out[chosen] = out[chosen] + joiner + label
    return out
