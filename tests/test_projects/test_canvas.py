"""The problem canvas: YAML round trip, a stable schema, and a clear LabkitError for every bad field."""

from __future__ import annotations

import copy

import pytest
import yaml

from labkit import LabkitError
from labkit.projects import SCHEMA, ProblemCanvas, example_canvas, read_canvas


def test_yaml_round_trip_keeps_every_field(tmp_path):
    canvas = example_canvas()
    path = canvas.save(tmp_path / "canvas.yaml")
    again = read_canvas(path)
    assert again == canvas
    assert ProblemCanvas.from_yaml(canvas.to_yaml()) == canvas


def test_schema_is_stable_and_ordered(canvas_dict):
    """Lessons 08 (transparency record, register) read these keys: changing them is a schema change."""
    assert canvas_dict["schema"] == SCHEMA == "labkit.projects/canvas/1"
    assert list(canvas_dict) == [
        "schema", "title", "council", "request", "user_need", "affected", "owner", "decision",
        "current_process", "baseline", "options", "measures", "stop_rules", "data", "risks", "costs",
        "benefits", "dates", "legal", "monitor",
    ]  # fmt: skip
    assert list(canvas_dict["stop_rules"][0]) == [
        "name",
        "measure",
        "when",
        "value",
        "unit",
        "months",
        "status",
        "decision",
    ]
    assert canvas_dict["dates"]["go_live"] == "2024-04-01"
    assert yaml.safe_load(example_canvas().to_yaml()) == canvas_dict


def test_a_minimal_canvas_gets_defaults():
    canvas = ProblemCanvas.from_dict({"schema": SCHEMA, "title": "T", "user_need": "N"})
    assert canvas.options == [] and canvas.monitor.reference_months == 3 and canvas.baseline.value is None


def test_reading_does_not_change_the_input(good):
    before = copy.deepcopy(good)
    ProblemCanvas.from_dict(good)
    assert good == before


def _error(data) -> LabkitError:
    with pytest.raises(LabkitError) as info:
        ProblemCanvas.from_dict(data)
    return info.value


def test_unknown_top_level_field_suggests_the_right_one(good):
    good["stop_rule"] = good.pop("stop_rules")
    err = _error(good)
    assert "unknown field 'stop_rule'" in err.what and "stop_rules" in err.fix


def test_unknown_nested_field_names_where(good):
    good["measures"][0]["targte"] = 0.2
    err = _error(good)
    assert err.where == "measures[0].targte" and "'target'" in err.fix


@pytest.mark.parametrize("field", ["title", "user_need", "schema"])
def test_missing_required_field(good, field):
    del good[field]
    err = _error(good)
    assert repr(field) in err.what and err.where == field


def test_stop_rule_missing_its_value(good):
    del good["stop_rules"][1]["value"]
    err = _error(good)
    assert err.where == "stop_rules[1].value"


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("measures", 0, "target"), "18%", "measures[0].target"),
        (("stop_rules", 0, "months"), 1.5, "stop_rules[0].months"),
        (("legal", "personal_data"), "yes", "legal.personal_data"),
        (("dates", "go_live"), "April 2024", "dates.go_live"),
        (("options",), "a chatbot", "options"),
        (("owner",), "Head of Repairs", "owner"),
    ],
)
def test_wrong_types_are_refused(good, path, value, where):
    target = good
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    err = _error(good)
    assert err.where == where


def test_a_percentage_written_as_text_says_where_the_unit_goes(good):
    good["measures"][0]["target"] = "18%"
    assert "unit" in _error(good).fix


def test_target_without_unit(good):
    good["measures"][0]["unit"] = ""
    err = _error(good)
    assert "without a unit" in err.what and err.where == "measures[0].unit"


def test_unknown_unit_suggests_one(good):
    good["measures"][0]["unit"] = "shares"
    err = _error(good)
    assert "'share'" in err.fix


def test_share_outside_0_to_1(good):
    good["measures"][0]["target"] = 18
    err = _error(good)
    assert "outside" in err.what and "percent" in err.fix


@pytest.mark.parametrize(("a", "b"), [("start", "go_live"), ("go_live", "review")])
def test_dates_in_the_wrong_order(good, a, b):
    good["dates"][a], good["dates"][b] = good["dates"][b], good["dates"][a]
    err = _error(good)
    assert "wrong order" in err.what


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("options", 0, "kind"), "chatbot"),
        (("stop_rules", 0, "when"), "under"),
        (("stop_rules", 0, "status"), "orange"),
        (("legal", "lawful_basis"), "public interest"),
        (("legal", "special_category_data"), ["disability"]),
        (("monitor", "threshold"), 30.0),
        (("schema",), "labkit/canvas/0"),
    ],
)
def test_values_outside_their_lists(good, path, value):
    target = good
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _error(good).fix


def test_duplicate_measure_names(good):
    good["measures"].append(copy.deepcopy(good["measures"][0]))
    assert "Two measures" in _error(good).what


def test_bad_yaml_gives_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema: labkit.projects/canvas/1\ntitle: [unclosed\nuser_need: x\n", encoding="utf-8")
    with pytest.raises(LabkitError, match="not valid YAML"):
        read_canvas(path)


@pytest.mark.parametrize(("source", "match"), [("", "empty"), ("- a\n- b\n", "mapping"), (3, "YAML text")])
def test_empty_or_wrong_shape(source, match):
    with pytest.raises(LabkitError, match=match):
        ProblemCanvas.from_yaml(source)


def test_missing_file(tmp_path):
    with pytest.raises(LabkitError, match="no canvas file"):
        read_canvas(tmp_path / "nope.yaml")


def test_save_needs_a_yaml_or_markdown_suffix(tmp_path):
    with pytest.raises(LabkitError, match="YAML or Markdown"):
        example_canvas().save(tmp_path / "canvas.json")


def test_markdown_document_for_people(tmp_path):
    text = example_canvas().save(tmp_path / "canvas.md").read_text(encoding="utf-8")
    assert text.startswith("# Problem canvas: Repair jobs that miss their target\n")
    assert "Baseline: share of repair jobs that miss their target: 0.2592 share (0.2473 to 0.2714)." in text
    assert (
        "| Simple rule | rule |" in text
        and "| The score no longer separates late jobs | roc_auc | below |" in text
    )
    assert "- go-live: 2024-04-01" in text


def test_markdown_of_an_empty_canvas_says_what_is_missing():
    text = ProblemCanvas(title="T", user_need="N").to_markdown()
    assert "No baseline measured." in text and "- Accountable: no one named" in text
    assert text.count("None recorded.") == 7  # options, measures, stop rules, data, risks, costs, benefits
