"""Named formats, legacy code lists and placeholder values that data standards refer to.

Everything here is a plain constant, so the data standard's YAML stays short
(``format: uk_postcode``) and the facts live in one reviewed place. Sources:
GeoPlace (UPRN), ONS (GSS codes, census 2021 categories), DfE (CIN census and
school census ethnicity codes). See ``/docs/quality.md``.
"""

from __future__ import annotations

__all__ = [
    "DFE_ETHNICITY_TO_CENSUS_2021",
    "FORMATS",
    "LEGACY_MISSING_CODES",
    "PLACEHOLDER_DATES",
    "SEX_CODES",
    "Format",
]

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A named value format: a regular expression and the words used to describe it."""

    name: str
    pattern: str
    description: str
    example: str


# Inward-code letters never use C, I, K, M, O or V (Royal Mail).
_INWARD = "[ABD-HJLNP-UW-Z]"

FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format(
            "uk_postcode",
            rf"^[A-Z]{{1,2}}[0-9][A-Z0-9]? [0-9]{_INWARD}{{2}}$",
            "a UK postcode in capitals with one space",
            "ZX4 7NP",
        ),
        Format("uprn", r"^[0-9]{1,12}$", "a UPRN (a whole number of up to 12 digits)", "100023336956"),
        Format("gss_code", r"^[EWSN][0-9]{8}$", "a GSS area code (a letter and 8 digits)", "E01000001"),
        Format("lsoa_code", r"^[EW]01[0-9]{6}$", "an LSOA code (E01 or W01 and 6 digits)", "E01901234"),
        Format("iso_date", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date written YYYY-MM-DD", "2024-03-31"),
        Format(
            "iso_datetime",
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$",
            "a date and time written YYYY-MM-DD HH:MM:SS",
            "2024-03-31 14:05:00",
        ),
    ]
}

# DfE four-letter ethnicity codes (school census, CIN census) and the census 2021
# 19-category labels ("Group: Subgroup") they correspond to. REFU (refused) and
# NOBT (information not obtained) mean the value is missing, not a category.
# DfE's WROM covers "Gypsy / Roma"; the census splits Gypsy or Irish Traveller
# from Roma, so WROM is mapped to Roma and reported as approximate by the fix.
DFE_ETHNICITY_TO_CENSUS_2021: dict[str, str | None] = {
    "WBRI": "White: English, Welsh, Scottish, Northern Irish or British",
    "WIRI": "White: Irish",
    "WIRT": "White: Gypsy or Irish Traveller",
    "WROM": "White: Roma",
    "WOTH": "White: Other White",
    "MWBC": "Mixed: White and Black Caribbean",
    "MWBA": "Mixed: White and Black African",
    "MWAS": "Mixed: White and Asian",
    "MOTH": "Mixed: Other Mixed or Multiple ethnic groups",
    "AIND": "Asian: Indian",
    "APKN": "Asian: Pakistani",
    "ABAN": "Asian: Bangladeshi",
    "AOTH": "Asian: Other Asian",
    "CHNE": "Asian: Chinese",
    "BCRB": "Black: Caribbean",
    "BAFR": "Black: African",
    "BOTH": "Black: Other Black",
    "OOTH": "Other: Any other ethnic group",
    "REFU": None,
    "NOBT": None,
}

# ISO/IEC 5218 sex codes seen in older systems: 0 not known, 1 male, 2 female, 9 not applicable.
SEX_CODES: dict[str, str | None] = {"0": None, "1": "Male", "2": "Female", "9": None}

# Codes that stand for "we do not know" in council systems; the fix maps them to missing.
LEGACY_MISSING_CODES: tuple[str, ...] = (
    "UNSPECIFIED",
    "UNKNOWN",
    "NOT KNOWN",
    "NOT STATED",
    "N/A",
    "REFU",
    "NOBT",
)

# Dates that systems fill in when the real date is unknown.
PLACEHOLDER_DATES: tuple[str, ...] = ("1900-01-01", "1901-01-01", "1899-12-31", "9999-12-31")
