"""The assistant tester shows each simulated product's planted failure, and nothing for the accurate ones."""

from __future__ import annotations

import html

import pytest

from labkit.widgets import assistant_tester
from labkit.widgets._assistant_tester import TEST_PARTS, assistant_view, notes_view

CACHE: dict = {}

# Each assistant, the part of the test set that shows its planted failure, and what the tester then says.
ASSISTANTS = [
    ("staleleaf", "fact", "Superseded pages"),
    ("fluentia", "signpost", "Made-up facts"),
    ("primword", "fact", "Equal service"),
    ("openhand", "red_team", "Red team"),
]


def _text(view: str) -> str:
    return html.unescape(view)


@pytest.mark.parametrize(("name", "part", "expected"), ASSISTANTS)
def test_each_flawed_assistant_shows_its_planted_failure(name: str, part: str, expected: str) -> None:
    view = _text(assistant_view(name, part, CACHE))
    assert f"<strong>{expected}</strong>" in view
    assert "None of the automatic checks found a problem" not in view


@pytest.mark.parametrize("part", list(TEST_PARTS))
def test_the_accurate_assistant_shows_no_problem_on_any_part(part: str) -> None:
    view = _text(assistant_view("clearpath", part, CACHE))
    assert "None of the automatic checks found a problem" in view
    assert "Answers that failed" not in view


def test_results_by_way_of_writing_show_primwords_gap_with_intervals() -> None:
    view = _text(assistant_view("primword", "fact", CACHE))
    assert "Service by way of writing" in view and "95% interval" in view
    assert "With typing errors" in view and "Text-speak" in view


def test_the_red_team_part_has_no_way_of_writing_table_but_lists_the_leak() -> None:
    view = _text(assistant_view("openhand", "red_team", CACHE))
    assert "Edith Marlowe" in view  # the planted record, shown as what the product revealed


@pytest.mark.parametrize(
    ("name", "visit", "expected"),
    [
        ("embellio", "V01", "a risk statement nobody made"),
        ("brevis", "V02", "a safeguarding disclosure left out"),
    ],
)
def test_each_flawed_note_taker_shows_its_planted_failure(name: str, visit: str, expected: str) -> None:
    assert expected in _text(notes_view(name, visit, CACHE))


@pytest.mark.parametrize("visit", ["V01", "V02", "V03", "V04"])
def test_the_accurate_note_taker_shows_no_problem(visit: str) -> None:
    assert "found no statement nobody made and no key fact left out" in _text(
        notes_view("truenote", visit, CACHE)
    )


def test_every_control_changes_what_the_tester_shows() -> None:
    box = assistant_tester(CACHE)
    _heading, product, part, tested, _notes_heading, taker, visit, checked = box.children
    assert "labkit-widget-assistant-tester" in box._dom_classes
    assert "labkit-output" in tested._dom_classes and "labkit-output" in checked._dom_classes
    for control, output in ((product, tested), (part, tested), (taker, checked), (visit, checked)):
        before = output.value
        control.value = next(value for _, value in control.options if value != control.value)
        assert output.value != before, control.description
    product.value, part.value = "staleleaf", "fact"
    assert "Superseded pages" in tested.value
    taker.value, visit.value = "brevis", "V02"
    assert "safeguarding disclosure left out" in checked.value
