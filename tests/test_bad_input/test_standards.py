"""Bad data standards, as a YAML file on the command line and as text or a dict in Python."""

from __future__ import annotations

import pandas as pd
import pytest

from labkit import quality
from tests.test_bad_input.conftest import assert_plain_cli_error, raises_plain

BASE = "name: Cases\ncolumns:\n  case_id: {required: true}\n"

# name: (YAML text, words the message must contain)
BAD_STANDARDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "empty file": ("", ("no columns",)),
    "only a name": ("name: Cases\n", ("no columns",)),
    "columns is empty": ("name: Cases\ncolumns: {}\n", ("no columns",)),
    "columns is a word": ("columns: everything\n", ("columns",)),
    "not key-value": ("- just\n- a list\n", ("key: value",)),
    "bad yaml": ("name: Cases\ncolumns:\n  case_id: {required: true\n", ("not valid YAML",)),
    "tabs": ("name: Cases\ncolumns:\n\tcase_id: {}\n", ("YAML",)),
    "unknown top setting": (BASE + "colums: {}\n", ("'colums'",)),
    "unknown column setting": ("columns:\n  case_id: {typ: string}\n", ("'typ'",)),
    "unknown type": ("columns:\n  case_id: {type: text}\n", ("'text'",)),
    "unknown format": ("columns:\n  postcode: {format: postcode}\n", ("'postcode'",)),
    "bad regular expression": ("columns:\n  case_id: {pattern: '[A-Z'}\n", ("regular expression",)),
    "required not true or false": ("columns:\n  case_id: {required: often}\n", ("true or false",)),
    "unreadable rule": (BASE + "rules:\n  - case_id comes first\n", ("cannot read the rule",)),
    "rule names an unknown column": (BASE + "rules:\n  - case_id is not before opened\n", ("'opened'",)),
    "primary key names an unknown column": (BASE + "primary_key: id\n", ("'id'",)),
    "minimum above maximum": (
        "columns:\n  visits: {type: integer, minimum: 10, maximum: 2}\n",
        ("above the maximum",),
    ),
    "date minimum above maximum": (
        "columns:\n  seen: {type: date, minimum: 2025-01-01, maximum: 2024-01-01}\n",
        ("above the maximum",),
    ),
    "minimum not a number": ("columns:\n  visits: {type: integer, minimum: none}\n", ("not a number",)),
    "minimum not a date": ("columns:\n  seen: {type: date, minimum: last year}\n", ("YYYY-MM-DD",)),
    "placeholder not a date": ("columns:\n  dob: {type: date, placeholders: [unknown]}\n", ("YYYY-MM-DD",)),
    "negative within_days": (
        "columns:\n  seen: {type: date}\nfreshness: {column: seen, within_days: -5}\n",
        ("within_days",),
    ),
    "within_days not a number": (
        "columns:\n  seen: {type: date}\nfreshness: {column: seen, within_days: soon}\n",
        ("within_days",),
    ),
    "freshness without a column": (
        "columns:\n  seen: {type: date}\nfreshness: {within_days: 5}\n",
        ("missing",),
    ),
    "min_share above 1": (
        "columns:\n  seen: {type: date}\nmonthly_records: {column: seen, min_share: 2}\n",
        ("min_share",),
    ),
    "unknown date_format": ("columns:\n  seen: {type: date, date_format: DD-MON-YY}\n", ("date_format",)),
    "date_format on text": ("columns:\n  seen: {date_format: DD/MM/YYYY}\n", ("type: date",)),
    "entity is a table": (BASE + "entity: {one: repair}\n", ("entity",)),
    "entity is three words": (BASE + "entity: [a, b, c]\n", ("entity",)),
    "same_for_each is a list": (BASE + "same_for_each: [case_id]\n", ("same_for_each",)),
    "people without a name": ("columns:\n  case_id: {}\npeople: {id: case_id}\n", ("missing",)),
    "people name unknown": ("columns:\n  case_id: {}\npeople: {id: case_id, name: who}\n", ("'who'",)),
    "based_on nonsense": ("based_on: my other one\ncolumns:\n  case_id: {}\n", ("based_on",)),
    "based_on unknown sandbox": ("based_on: sandbox:nope\ncolumns:\n  case_id: {}\n", ("'nope'",)),
    "column described twice": ("columns:\n  - {name: case_id}\n  - {name: case_id}\n", ("twice",)),
}


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("case_id,visits,seen\nC1,1,2024-03-01\nC2,2,2024-03-02\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", list(BAD_STANDARDS))
def test_bad_standard_file_on_the_command_line(cli, small_csv, tmp_path, kind: str) -> None:
    text, words = BAD_STANDARDS[kind]
    standard = tmp_path / "standard.yaml"
    standard.write_text(text, encoding="utf-8")
    assert_plain_cli_error(*cli(["quality", "audit", small_csv, "--standard", standard]), *words)


@pytest.mark.parametrize("kind", list(BAD_STANDARDS))
def test_bad_standard_text_in_python(kind: str) -> None:
    text, words = BAD_STANDARDS[kind]
    frame = pd.DataFrame({"case_id": ["C1", "C2"], "visits": [1, 2], "seen": ["2024-03-01", "2024-03-02"]})
    raises_plain(lambda: quality.audit(frame, quality.read_standard(text)), words=words)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("sandbox:nope", ("'nope'",)),
        ("missing.yaml", ("no file",)),
        ("missing.json", ("no file",)),
        (42, ("int",)),
        ({"fields": []}, ("fields",)),
        ({"resources": [{"name": "a", "schema": {"fields": [{"name": "x"}]}}]}, ("resource",)),
        ({"fields": [{"name": "x", "type": "geopoint"}]}, ("'geopoint'",)),
    ],
)
def test_read_standard_refuses(source, words) -> None:
    raises_plain(
        quality.read_standard, source, resource="b" if isinstance(source, dict) else None, words=words
    )


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json at all", ("not valid JSON",)),
        ('{"title": "x"}', ("fields",)),
        (
            '{"resources": [{"name": "a", "schema": {"fields": [{"name": "x"}]}}, {"name": "b"}]}',
            ("resource",),
        ),
    ],
)
def test_bad_table_schema_file_on_the_command_line(cli, small_csv, tmp_path, content, words) -> None:
    standard = tmp_path / "datapackage.json"
    standard.write_text(content, encoding="utf-8")
    assert_plain_cli_error(*cli(["quality", "audit", small_csv, "--standard", standard]), *words)


def test_a_standard_file_that_is_not_utf8(cli, small_csv, tmp_path) -> None:
    standard = tmp_path / "standard.yaml"
    standard.write_bytes("name: Caf\xe9\ncolumns:\n  case_id: {}\n".encode("latin-1"))
    assert_plain_cli_error(*cli(["quality", "audit", small_csv, "--standard", standard]), "UTF-8")
