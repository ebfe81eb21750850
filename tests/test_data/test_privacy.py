"""No generated value can be mistaken for real personal data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from labkit.data import generate, list_datasets
from labkit.data._codes import POSTCODE_LETTERS

UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$")
NI_NUMBER = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Z0-9])")


@pytest.fixture(scope="module", params=list_datasets())
def dataset(request):
    return generate(request.param, seed=0)


def _text_cells(frame: pd.DataFrame) -> pd.Series:
    cols = [c for c in frame.columns if frame[c].dtype == "str" or frame[c].dtype == object]
    return pd.concat([frame[c].dropna().astype(str) for c in cols], ignore_index=True)


def test_postcodes_are_valid_uk_format_in_area_zx(dataset):
    for frame in (dataset.clean, dataset.dirty):
        if "postcode" not in frame:
            continue
        codes = frame["postcode"].dropna().astype(str)
        assert codes.str.match(UK_POSTCODE).all()
        assert codes.str.startswith("ZX").all()
        assert not codes.str.split(" ").str[1].str[1:].str.contains(r"[CIKMOV]").any()
    assert set("CIKMOV").isdisjoint(POSTCODE_LETTERS)


def test_identifiers_are_in_their_fictional_ranges(dataset):
    clean = dataset.clean
    if "uprn" in clean:
        uprn = clean["uprn"].dropna().astype("int64")
        assert uprn.between(990_000_000_000, 990_999_999_999).all()
    if "lsoa_code" in clean:
        # Real English LSOA codes run E01000001 to E01035xxx; ours are E019xxxxx.
        assert clean["lsoa_code"].str.fullmatch(r"E019\d{5}").all()
    assert dataset.crosswalk["resident_id"].str.fullmatch(r"R\d{7}").all()


def test_nothing_looks_like_a_national_insurance_number(dataset):
    for frame in (dataset.clean, dataset.dirty, dataset.defect_log, dataset.crosswalk):
        cells = _text_cells(frame)
        assert not cells.str.contains(NI_NUMBER).any()


def test_ni_pattern_would_catch_a_real_looking_number():
    assert NI_NUMBER.search("QQ 12 34 56 C")
    assert NI_NUMBER.search("AB123456D")
    assert not NI_NUMBER.search("HR0001234")
