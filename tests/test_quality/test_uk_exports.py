"""Files shaped like real UK council exports: infer drafts a standard that finds no false alarm in them.

The fixtures hold what the open data of councils and schools is full of: zero-padded
establishment codes, phone numbers such as 01617486414, dates written dd/mm/yyyy, a
month written 2017-01, "NA" and "N/A" for missing values, postcodes padded with spaces
and text saved by Excel in Windows-1252 (é, £).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import quality
from labkit.cli import main


def uk_export(n: int = 60, seed: int = 3) -> str:
    """A synthetic schools-and-charities export in the usual UK forms (all values invented)."""
    rng = np.random.default_rng(seed)
    codes = rng.choice(np.arange(1000, 99999), size=n, replace=False)
    opened = pd.Timestamp("2001-01-01") + pd.to_timedelta(rng.integers(0, 8000, size=n), unit="D")
    inspected = opened + pd.to_timedelta(rng.integers(30, 3000, size=n), unit="D")
    month = pd.period_range("2017-01", periods=12, freq="M").astype(str)
    lines = ["urn,establishment_name,phone,opened,last_inspection,report_month,postcode,status,pupils,fee"]
    for i in range(n):
        name = ["St Mary's Café", "Northbrook Académie", "Eastmere Primary", "Hill Top"][i % 4]
        phone = f"0{rng.integers(1000000000, 2000000000)}"
        postcode = f"ZX{rng.integers(1, 10)} {rng.integers(1, 10)}{'ABDEFGHJ'[i % 8]}{'LNPQRST'[i % 7]}"
        pupils = "NA" if i % 9 == 0 else str(rng.integers(20, 900))
        fee = "N/A" if i % 5 == 0 else f"£{rng.integers(0, 300)}"
        lines.append(
            f"{codes[i]:06d},{name} {i},{phone},{opened[i]:%d/%m/%Y},{inspected[i]:%d/%m/%Y},"
            f"{month[i % 12]},{postcode:<9},{['Open', 'Closed'][i % 2]},{pupils},{fee}"
        )
    return "\n".join(lines) + "\n"


@pytest.fixture
def export_path(tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes(uk_export().encode("cp1252"))
    return path


def test_codes_and_phone_numbers_keep_their_zeros(export_path) -> None:
    with pytest.warns(quality.LabkitWarning, match="Windows-1252"):
        frame = quality.read_csv(export_path)
    assert frame["urn"].str.fullmatch(r"[0-9]{6}").all()
    assert frame["phone"].str.startswith("0").all() and frame["phone"].str.len().eq(11).all()
    assert frame["establishment_name"].iloc[0].startswith("St Mary's Café")
    assert frame["pupils"].isna().sum() == 7 and frame["fee"].isna().sum() == 12


def test_infer_drafts_the_forms_it_saw(export_path) -> None:
    with pytest.warns(quality.LabkitWarning):
        frame = quality.read_csv(export_path)
    std = quality.infer(frame)
    assert (std.column("urn").type, std.column("urn").pattern, std.column("urn").unique) == (
        "string",
        "[0-9]{6}",
        True,
    )
    assert std.column("phone").pattern == "[0-9]{11}"
    assert (std.column("opened").type, std.column("opened").date_format) == ("date", "DD/MM/YYYY")
    assert std.column("report_month").date_format == "YYYY-MM"
    assert std.column("postcode").format == "uk_postcode"
    assert std.column("pupils").type == "integer" and not std.column("pupils").required


def test_the_drafted_standard_finds_no_false_alarm(export_path) -> None:
    with pytest.warns(quality.LabkitWarning):
        frame = quality.read_csv(export_path)
    report = quality.audit(frame, quality.infer(frame))
    assert report.findings.empty, report.findings[["finding"]].to_string()
    assert report.summary.endswith("Every check passed.")


def test_the_same_on_the_command_line(export_path, tmp_path, capsys) -> None:
    standard = tmp_path / "schools.yaml"
    assert main(["quality", "infer", str(export_path), "--out", str(standard)]) == 0
    text = standard.read_text(encoding="utf-8")
    assert "date_format: DD/MM/YYYY" in text and "pattern: '[0-9]{6}'" in text
    capsys.readouterr()
    assert main(["quality", "audit", str(export_path), "--standard", str(standard)]) == 0
    out = capsys.readouterr().out
    assert "Every check passed." in out and "warning: schools.csv is not UTF-8" in out


def test_a_hand_written_standard_for_the_export(export_path) -> None:
    with pytest.warns(quality.LabkitWarning):
        frame = quality.read_csv(export_path)
    std = quality.read_standard(
        {
            "name": "Schools",
            "entity": "school",
            "primary_key": "urn",
            "columns": {
                "urn": {"required": True, "unique": True, "pattern": "^[0-9]{6}$"},
                "phone": {"pattern": "0[0-9]{10}"},
                "opened": {"type": "date", "date_format": "DD/MM/YYYY", "minimum": "2000-01-01"},
                "last_inspection": {"type": "date", "date_format": "DD/MM/YYYY"},
                "report_month": {"type": "date", "date_format": "YYYY-MM"},
                "postcode": {"format": "uk_postcode"},
                "status": {"allowed": ["Open", "Closed"]},
                "pupils": {"type": "integer", "minimum": 0},
            },
            "rules": ["last_inspection is not before opened"],
        }
    )
    report = quality.audit(frame, std)
    assert report.findings.empty, report.findings[["finding"]].to_string()


def test_a_date_in_another_form_is_reported_with_the_form_asked_for(export_path) -> None:
    with pytest.warns(quality.LabkitWarning):
        frame = quality.read_csv(export_path)
    frame.loc[4, "opened"] = "2015-09-01"
    report = quality.audit(frame, quality.infer(frame.drop(index=4)))
    (finding,) = report.findings["finding"]
    assert (
        finding == "1 row (1.7%) has an opened that is not a date written DD/MM/YYYY (for example 31/03/2024)"
    )
    assert report.where(report.findings.loc[0, "examples"]) == "urn " + frame.loc[4, "urn"] + " (line 6)"


def test_a_pattern_must_match_the_whole_value_and_the_finding_says_so() -> None:
    sites = pd.DataFrame({"website": ["https://example.org", "http://example.net/a", "example.com"]})
    report = quality.audit(sites, {"columns": {"website": {"pattern": "^https?://"}}})
    assert report.findings["finding"].tolist() == [
        "3 rows (100.0%) have a website that does not match the pattern ^https?:// from start to end"
    ]
    report = quality.audit(sites, {"columns": {"website": {"pattern": "https?://.*"}}})
    assert report.findings["finding"].tolist() == [
        "1 row (33.3%) has a website that does not match the pattern https?://.* from start to end"
    ]


def test_a_placeholder_is_counted_once() -> None:
    frame = pd.DataFrame({"ethnic_group": ["White: Irish", "UNKNOWN", "Asian: Indian", "UNKNOWN"]})
    std = {
        "columns": {
            "ethnic_group": {"allowed": ["White: Irish", "Asian: Indian"], "placeholders": ["UNKNOWN"]}
        }
    }
    report = quality.audit(frame, std)
    assert report.findings["kind"].tolist() == ["placeholder"]
    assert report.findings["failed"].tolist() == [2]


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ("charity", "2 charities (66.7%) have"),
        ("casualty", "2 casualties (66.7%) have"),
        (["person", "people"], "2 people (66.7%) have"),
        ("address", "2 addresses (66.7%) have"),
        ("repair", "2 repairs (66.7%) have"),
    ],
)
def test_entities_and_their_plurals(entity, expected) -> None:
    frame = pd.DataFrame({"code": ["A", "x", "y"]})
    report = quality.audit(frame, {"entity": entity, "columns": {"code": {"allowed": ["A"]}}})
    assert report.findings["finding"].iloc[0].startswith(expected)


def test_phone_numbers_appear_as_written_in_reports(export_path) -> None:
    with pytest.warns(quality.LabkitWarning):
        frame = quality.read_csv(export_path)
    frame.loc[2, "phone"] = "not known"
    report = quality.audit(
        frame, {"primary_key": "urn", "columns": {"urn": {}, "phone": {"pattern": "0[0-9]{10}"}}}
    )
    text = report.to_markdown()
    assert frame.loc[3, "phone"] not in text  # only the failing row is shown
    assert f"| 4 | {frame.loc[2, 'urn']} | not known |" in text  # line 4: the header is line 1
    profile = quality.profile(frame).set_index("column")
    assert profile.loc["phone", "type"] == "text"
    assert "," not in profile.loc["phone", "top values"].split(" (")[0]


def test_whole_numbers_in_a_column_with_gaps_are_shown_without_a_decimal_point() -> None:
    frame = pd.DataFrame({"ref": ["A", "B", "C"], "phone_no": [1617778511.0, None, 99.5]})
    frame.loc[2, "phone_no"] = 1617486414.0
    report = quality.audit(
        frame, {"primary_key": "ref", "columns": {"ref": {}, "phone_no": {"required": True}}}
    )
    text = report.to_markdown()
    assert "| B |" in text and "1617778511.0" not in text
