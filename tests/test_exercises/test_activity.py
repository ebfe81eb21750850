"""Lesson 01's sorting activity: the logic, its bad input, and the thin widget."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.exercises import example_projects, project_sorter, sort_projects
from labkit.exercises._activity import KINDS, RISKS


def test_every_project_has_a_kind_a_risk_and_reasons() -> None:
    projects = example_projects()
    assert projects["id"].is_unique
    assert set(projects["kind"]) == set(KINDS) and set(projects["risk"]) == set(RISKS)
    assert (projects["why_kind"].str.len() > 20).all() and (projects["why_risk"].str.len() > 20).all()


def test_perfect_sorting() -> None:
    projects = example_projects()
    choices = {row.id: (row.kind, row.risk) for row in projects.itertuples()}
    report = sort_projects(choices)
    assert (report.kind_agreed, report.risk_agreed, report.sorted_count) == (10, 10, 10)
    assert report.summary.startswith(
        "You sorted 10 of 10 projects. Your kind matches the course for 10 and your risk for 10."
    )
    assert report.to_dict()["kind_agreed"] == 10


def test_partial_sorting_hides_the_course_answer_for_unsorted_projects() -> None:
    report = sort_projects({"P7": ("Predictive  Analytics", "medium"), "P2": (None, "lower")})
    frame = report.to_frame()
    p7 = frame[frame["project"].str.startswith("P7.")].iloc[0]
    assert (p7["kind"], p7["risk"], p7["course's risk"]) == ("same", "different", "higher")
    p2 = frame[frame["project"].str.startswith("P2.")].iloc[0]
    assert (p2["kind"], p2["course's kind"], p2["risk"]) == ("not sorted", "(sort it first)", "same")
    p1 = frame[frame["project"].str.startswith("P1.")].iloc[0]
    assert p1["course's kind"] == "(sort it first)" and p1["course's risk"] == "(sort it first)"
    why = report.sections[1].text
    assert "P7, risk (higher)" in why and "P2, kind" not in why and "P1" not in why
    assert report.sorted_count == 2


def test_nothing_sorted() -> None:
    report = sort_projects({})
    assert (
        report.summary
        == "You sorted 0 of 10 projects. Your kind matches the course for 0 and your risk for 0."
    )
    assert len(report.sections) == 1


@pytest.mark.parametrize(
    ("choices", "words"),
    [
        ({"P99": ("chatbot", "lower")}, "no example project 'P99'"),
        ({"P1": ("robot", "lower")}, "not a kind of AI use"),
        ({"P1": ("chatbot", "extreme")}, "not a risk level"),
        ({"P1": "chatbot"}, "must be a pair"),
        (["P1"], "must be a dictionary"),
    ],
)
def test_bad_choices_say_what_is_allowed(choices, words) -> None:
    with pytest.raises(LabkitError, match=words):
        sort_projects(choices)


def test_the_caller_choices_are_not_changed() -> None:
    choices = {"P1": ["chatbot", "lower"]}
    sort_projects(choices)
    assert choices == {"P1": ["chatbot", "lower"]}


def test_widget_calls_sort_projects_and_shows_words() -> None:
    widget = project_sorter()
    assert widget._dom_classes == ("labkit-widget", "labkit-widget-project-sorter")
    dropdowns = [d for row in widget.children[1:11] for d in row.children[1].children]
    assert len(dropdowns) == 20
    assert all(d.description.startswith(("Kind, P", "Risk, P")) for d in dropdowns)
    assert all("labkit-staged" in d._dom_classes for d in dropdowns)
    button, output = widget.children[11], widget.children[12]
    assert "labkit-output" in output._dom_classes
    dropdowns[0].value = "back-office automation"
    dropdowns[1].value = "higher"
    button.click()
    shown = output.outputs[0]["data"]["text/plain"]
    assert "You sorted 1 of 10 projects. Your kind matches the course for 1 and your risk for 0." in shown
