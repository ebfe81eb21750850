"""Fixes: each returns the fixed copy and a log of exactly what changed; the input never changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.quality import fill_from_key, fix_codes, fix_dates, fix_placeholders, fix_postcodes


def test_fix_dates_reads_each_form_and_reports_ambiguous_ones() -> None:
    df = pd.DataFrame(
        {"reported_at": ["2024-03-31 10:00:00", "31/03/2024 10:00", "03/04/2024", "12/31/2024", "soon", None]}
    )
    before = df.copy()
    result = fix_dates(df, "reported_at")
    got = result.data["reported_at"]
    assert pd.api.types.is_datetime64_any_dtype(got)
    assert got.iloc[0] == pd.Timestamp("2024-03-31 10:00")
    assert got.iloc[1] == pd.Timestamp("2024-03-31 10:00")
    assert got.iloc[2] == pd.Timestamp("2024-04-03")  # ambiguous: day-first by default
    assert got.iloc[3] == pd.Timestamp("2024-12-31")  # only readable as US
    assert pd.isna(got.iloc[4]) and pd.isna(got.iloc[5])
    notes = dict(zip(result.changes["row"], result.changes["note"], strict=True))
    assert notes == {
        1: "day-first (UK) form",
        2: "ambiguous: read as day-first (UK)",
        3: "month-first (US) form",
        4: "could not be read: now missing",
    }
    assert "1 date could be read either way" in result.summary
    pd.testing.assert_frame_equal(df, before)


def test_fix_dates_month_first_option_and_already_dates() -> None:
    df = pd.DataFrame({"d": ["03/04/2024"]})
    assert fix_dates(df, "d", dayfirst=False).data["d"].iloc[0] == pd.Timestamp("2024-03-04")
    typed = pd.DataFrame({"d": pd.to_datetime(["2024-01-01"])})
    assert fix_dates(typed, "d").n_changed == 0


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.booleans())
def test_fix_dates_round_trips_unambiguous_dates(day: dt.date, us: bool) -> None:
    text = day.strftime("%m/%d/%Y" if us else "%d/%m/%Y")
    result = fix_dates(pd.DataFrame({"d": [text, day.isoformat()]}), "d")
    ambiguous = day.day <= 12 and day.month <= 12 and day.day != day.month
    if not (us and ambiguous):
        assert result.data["d"].iloc[0] == pd.Timestamp(day)
    assert result.data["d"].iloc[1] == pd.Timestamp(day)
    assert (result.notes("ambiguous").shape[0] == 1) == ambiguous


def test_fix_postcodes() -> None:
    df = pd.DataFrame({"postcode": ["zx47np", " ZX4  7NP", "ZX4 7NP", "7NP", None]})
    result = fix_postcodes(df, "postcode")
    assert result.data["postcode"].tolist()[:4] == ["ZX4 7NP", "ZX4 7NP", "ZX4 7NP", "7NP"]
    assert result.changes["row"].tolist() == [0, 1, 3]
    assert df["postcode"].iloc[0] == "zx47np"


@settings(max_examples=60, deadline=None)
@given(
    st.from_regex(r"\A[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}\Z"), st.sampled_from(["", " ", "  "])
)
def test_fix_postcodes_is_idempotent_on_any_spacing(code: str, gap: str) -> None:
    messy = code.replace(" ", gap).lower()
    once = fix_postcodes(pd.DataFrame({"p": [messy]}), "p").data
    assert once["p"].iloc[0] == code
    assert fix_postcodes(once, "p").n_changed == 0


def test_fix_codes_ethnicity_and_sex() -> None:
    df = pd.DataFrame({"ethnic_group": ["WBRI", "Asian: Indian", "REFU", "WROM", "nobt", None]})
    result = fix_codes(df, "ethnic_group")
    assert result.data["ethnic_group"].tolist()[:2] == [
        "White: English, Welsh, Scottish, Northern Irish or British",
        "Asian: Indian",
    ]
    assert result.data["ethnic_group"].isna().tolist() == [False, False, True, False, True, True]
    assert result.changes["row"].tolist() == [0, 2, 3, 4]
    assert "approximate" in result.changes.loc[result.changes["row"] == 3, "note"].item()
    sex = fix_codes(pd.DataFrame({"tenant_sex": ["1", "2", "0", "F", "Male", "UNSPECIFIED"]}), "tenant_sex")
    assert sex.data["tenant_sex"].tolist()[:2] == ["Male", "Female"]
    assert sex.data["tenant_sex"].isna().sum() == 2
    assert sex.data["tenant_sex"].iloc[3] == "Female"


def test_fix_codes_custom_mapping_and_errors() -> None:
    df = pd.DataFrame({"channel": ["PH", "Web"]})
    assert fix_codes(df, "channel", {"PH": "Phone"}).data["channel"].tolist() == ["Phone", "Web"]
    with pytest.raises(LabkitError, match="mapping must be a dict"):
        fix_codes(df, "channel", ["PH"])  # type: ignore[arg-type]


def test_fix_placeholders_on_text_and_dates() -> None:
    text = pd.DataFrame({"dob": ["1980-02-01", "1900-01-01", None]})
    result = fix_placeholders(text, "dob", flag_column="dob_unknown")
    assert result.data["dob"].isna().tolist() == [False, True, True]
    assert result.data["dob_unknown"].tolist() == [False, True, False]
    dates = pd.DataFrame({"dob": pd.to_datetime(["1980-02-01", "1900-01-01"])})
    assert fix_placeholders(dates, "dob").changes["before"].tolist() == ["1900-01-01"]


def test_fill_from_key_uses_the_agreed_value() -> None:
    df = pd.DataFrame({"property_id": ["P1", "P1", "P1", "P1", "P2"], "uprn": ["1", "1", "2", None, None]})
    result = fill_from_key(df, key="property_id", column="uprn")
    assert result.data["uprn"].iloc[3] == "1"
    assert pd.isna(result.data["uprn"].iloc[4])
    assert result.n_changed == 1


@pytest.mark.parametrize("fix", [fix_dates, fix_postcodes, fix_codes, fix_placeholders])
def test_fixes_reject_bad_input(fix) -> None:
    with pytest.raises(LabkitError, match="must be a pandas DataFrame"):
        fix("data.csv", "x")
    with pytest.raises(LabkitError, match="no column called 'x'"):
        fix(pd.DataFrame({"a": [1]}), "x")
    with pytest.raises(LabkitError, match="must be a column name"):
        fix(pd.DataFrame({"a": [1]}), 3)


def test_fix_report_pattern(tmp_path) -> None:
    result = fix_dates(pd.DataFrame({"d": ["03/04/2024", "2024-01-01"]}), "d")
    assert result.to_dict()["by_note"] == {"ambiguous: read as day-first (UK)": 1}
    assert result.to_frame().equals(result.changes)
    assert result.save(tmp_path / "fix.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_fix_summaries_agree_in_number_with_their_counts() -> None:
    one = fix_dates(pd.DataFrame({"d": ["31/03/2024"]}), "d")
    assert one.summary.startswith("1 value of d was read as dates; 1 was not in the ISO form")
    assert "and was converted." in one.summary
    two = fix_dates(pd.DataFrame({"d": ["31/03/2024", "01/02/2024 10:00"]}), "d")
    assert "2 values of d were read as dates; 2 were not in the ISO form (YYYY-MM-DD) and were" in two.summary
    codes = fix_codes(pd.DataFrame({"ethnic_group": ["WBRI", "REFU"]}), "ethnic_group")
    assert "1 was mapped to the current list and 1 meant 'not known' and is now missing." in codes.summary
