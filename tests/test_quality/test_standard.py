"""DataStandard: YAML, Table Schema, round trips, infer() and plain-English errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.quality import DataStandard, infer, read_standard


def test_yaml_reads_every_section(standard_yaml: str) -> None:
    std = DataStandard.from_yaml(standard_yaml)
    assert std.entity == "repair" and std.entity_plural == "repairs"
    assert std.primary_key == ("repair_id",)
    assert std.column("priority").allowed == ("Emergency", "Urgent", "Routine")
    assert std.column("dob").placeholders == ("1900-01-01",)
    assert std.rules[0].op == ">=" and std.rules[0].other == "reported_at"
    assert std.consistent[0].key == "property_id"
    assert std.people.date_of_birth == "dob"
    assert std.noun(1) == "1 repair" and std.noun(1200) == "1,200 repairs"


def test_yaml_file_and_round_trip(standard_yaml: str, tmp_path) -> None:
    path = tmp_path / "standard.yaml"
    path.write_text(standard_yaml, encoding="utf-8")
    std = DataStandard.from_yaml(path)
    again = DataStandard.from_yaml(std.to_yaml())
    assert again == std
    std.to_yaml(tmp_path / "copy.yml")
    assert read_standard(str(tmp_path / "copy.yml")) == std


def test_rule_sentences() -> None:
    base = "columns: {a: {type: date}, b: {type: date}}\nrules:\n  - "
    assert DataStandard.from_yaml(base + "a is on or after b").rules[0].op == ">="
    assert DataStandard.from_yaml(base + "a is not after b").rules[0].op == "<="
    assert DataStandard.from_yaml(base + "{column: a, not_before: b}").rules[0].other == "b"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns: {a: {typ: string}}", "The setting 'typ' is not one labkit knows"),
        ("columns: {a: {type: colour}}", "type 'colour', which labkit does not know"),
        ("columns: {a: {format: phone}}", "The format 'phone' is not one labkit knows"),
        ("columns: {a: {pattern: '[a-'}}", "not a valid regular expression"),
        ("columns: {a: {required: maybe}}", "'required' must be true or false"),
        ("columns: {a: {}}\nrules: [a happens before b]", "cannot read the rule"),
        ("columns: {a: {}}\nrules: [a is not before b]", "names the column 'b'"),
        ("columns: {a: {}}\nprimary_key: id", "names the column 'id'"),
        ("columns: {a: {type: date, minimum: soon}}", "is not a date written YYYY-MM-DD"),
        ("columns: {a: {type: integer, minimum: ten}}", "is not a number"),
        ("colums: {a: {}}", "The setting 'colums' is not one labkit knows"),
        ("columns: {a: {}}\nfreshness: {column: a}", "missing a setting"),
        ("columns:\n\t- a", "not valid YAML"),
        ("- a\n- b", "must be a set of 'key: value' lines"),
    ],
)
def test_bad_yaml_gives_plain_errors(text: str, message: str) -> None:
    with pytest.raises(LabkitError, match=message) as info:
        DataStandard.from_yaml(text)
    assert info.value.fix


def test_missing_yaml_file() -> None:
    with pytest.raises(LabkitError, match="There is no file"):
        DataStandard.from_yaml("no/such/standard.yaml")


def _package() -> dict:
    return {
        "name": "sandbox",
        "resources": [
            {
                "name": "repairs",
                "title": "Repairs",
                "schema": {
                    "primaryKey": "repair_id",
                    "fields": [
                        {
                            "name": "repair_id",
                            "type": "string",
                            "constraints": {"required": True, "unique": True},
                        },
                        {
                            "name": "priority",
                            "type": "string",
                            "constraints": {"enum": ["Urgent", "Routine"]},
                        },
                        {"name": "visits", "type": "integer", "constraints": {"minimum": 0}},
                        {"name": "reported_at", "type": "datetime", "format": "%Y-%m-%d %H:%M:%S"},
                        {"name": "year", "type": "year"},
                        {"name": "postcode", "type": "string", "constraints": {"pattern": "^ZX.*$"}},
                    ],
                },
            },
            {"name": "other", "schema": {"fields": [{"name": "x", "type": "string"}]}},
        ],
    }


def test_table_schema_from_dict_and_file(tmp_path) -> None:
    std = DataStandard.from_table_schema(_package(), resource="repairs")
    assert std.name == "Repairs"
    assert std.primary_key == ("repair_id",)
    assert std.column("repair_id").required and std.column("repair_id").unique
    assert std.column("priority").allowed == ("Urgent", "Routine")
    assert std.column("visits").minimum == 0
    assert std.column("reported_at").type == "datetime"
    assert std.column("year").type == "integer"
    assert std.column("postcode").pattern == "^ZX.*$"
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(_package()), encoding="utf-8")
    assert read_standard(str(path), resource="repairs") == std
    single = DataStandard.from_table_schema(_package()["resources"][1]["schema"])
    assert single.column_names == ("x",)


def test_table_schema_errors(tmp_path) -> None:
    with pytest.raises(LabkitError, match="no resource called 'nope'"):
        DataStandard.from_table_schema(_package(), resource="nope")
    bad = {"fields": [{"name": "x", "type": "colour"}]}
    with pytest.raises(LabkitError, match="type 'colour'"):
        DataStandard.from_table_schema(bad)
    with pytest.raises(LabkitError, match="no 'fields' list"):
        DataStandard.from_table_schema({"fields": []})
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(LabkitError, match="not valid JSON"):
        DataStandard.from_table_schema(path)


def test_based_on_extends_a_table_schema(tmp_path) -> None:
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(_package()), encoding="utf-8")
    text = f"based_on: {path}#repairs\nentity: repair\ncolumns:\n  priority: {{required: true}}\n"
    std = DataStandard.from_yaml(text)
    assert std.column("priority").required and std.column("priority").allowed == ("Urgent", "Routine")
    assert std.entity_plural == "repairs"
    assert std.primary_key == ("repair_id",)


def test_infer_drafts_types_formats_codes_and_keys() -> None:
    df = pd.DataFrame(
        {
            "repair_id": [f"R{i}" for i in range(40)],
            "priority": ["Urgent", "Routine"] * 20,
            "postcode": ["ZX1 2AB"] * 39 + [None],
            "visits": list(range(40)),
            "cost": [1.5] * 40,
            "reported_at": ["2024-04-01 10:00:00"] * 40,
            "dob": ["01/02/1980"] * 40,
            "uprn": [990001.0] * 39 + [None],
            "lsoa": ["E01990001"] * 40,
            "done": [True, False] * 20,
        }
    )
    std = infer(df, name="Draft", entity="repair")
    col = std.column
    assert std.primary_key == ("repair_id",)
    assert col("repair_id").unique and col("repair_id").required
    assert col("priority").allowed == ("Routine", "Urgent")
    assert col("postcode").format == "uk_postcode" and not col("postcode").required
    assert (col("visits").type, col("visits").minimum, col("visits").maximum) == ("integer", 0, 39)
    assert col("cost").type == "number"
    assert col("reported_at").type == "datetime"
    assert col("dob").type == "date"
    assert col("uprn").format == "uprn"
    assert col("lsoa").format == "lsoa_code"
    assert col("done").type == "boolean"
    assert DataStandard.from_yaml(std.to_yaml()) == std
    assert len(std.to_frame()) == 10


def test_column_lookup_error() -> None:
    std = DataStandard.from_yaml("columns: {a: {}}")
    with pytest.raises(LabkitError, match="no column called 'b'"):
        std.column("b")


_names = st.from_regex(r"\A[a-z][a-z_]{0,11}\Z")


@settings(max_examples=40, deadline=None)
@given(
    columns=st.dictionaries(
        _names,
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(["string", "integer", "number", "boolean", "date", "datetime"]),
                "required": st.booleans(),
                "unique": st.booleans(),
            }
        ),
        min_size=1,
        max_size=6,
    ),
    entity=_names,
)
def test_any_standard_survives_a_yaml_round_trip(columns: dict, entity: str) -> None:
    std = DataStandard.from_dict({"name": "Round trip", "entity": entity, "columns": columns})
    assert DataStandard.from_yaml(std.to_yaml()) == std
    assert std.column_names == tuple(columns)
