"""describe(): the data dictionary as a labkit Report."""

from __future__ import annotations

import json

import pytest

from labkit import LabkitError
from labkit._report import Report
from labkit.data import describe, list_datasets


@pytest.mark.parametrize("name", list_datasets())
def test_describe_is_a_report_with_every_column(name):
    from labkit.data._generate import get_spec

    report = describe(name)
    assert isinstance(report, Report)
    frame = report.to_frame()
    assert frame["column"].tolist() == get_spec(name).columns
    assert "synthetic" in report.summary.lower() or "Synthetic" in report.summary
    assert json.loads(json.dumps(report.to_dict()))["dataset"] == name
    markdown = report.to_markdown()
    assert "## Planted truths" in markdown and "## Defects in the as-received file" in markdown
    assert '<html lang="en-GB">' in report.to_html()


def test_describe_shows_the_councils_own_targets():
    north = describe("housing_repairs").truth["assumptions"]
    east = describe("housing_repairs", council="eastmere").truth["assumptions"]
    assert any("Routine 20 working days" in a for a in north)
    assert any("Routine 28 working days" in a for a in east)


def test_describe_saves_as_html(tmp_path):
    path = describe("council_tax").save(tmp_path / "council_tax.html")
    assert "Council tax" in path.read_text(encoding="utf-8")


def test_describe_rejects_unknown_names():
    with pytest.raises(LabkitError, match="childrens_social_care"):
        describe("childrens")


def test_describe_says_whether_the_sandbox_has_the_file():
    assert "The sandbox file has 20,000 rows" in describe("housing_repairs").summary
    assert "not in the sandbox" in describe("homelessness", council="eastmere").summary
