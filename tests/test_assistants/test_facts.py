"""Facts in free text: the same fact written two ways compares equal; different facts do not."""

from __future__ import annotations

import pytest

from labkit.assistants import facts, load_pages
from labkit.assistants._checks import Grounder, is_refusal
from labkit.assistants._facts import fact_keys, sentences


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("£1,234.50", "1234.5"),
        ("£52", "52.00"),
        ("01632 960 123", "01632960123"),
        ("01632-960-123", "01632 960123"),
        ("03/03/2026", "3 March 2026"),
        ("3rd March 2026", "03/03/2026"),
        ("25%", "25"),
    ],
)
def test_same_fact_written_two_ways(a, b):
    assert fact_keys(a) == fact_keys(b) and fact_keys(a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("£52", "£48"),
        ("01632 960 123", "01632 960 124"),
        ("3 March 2026", "3 March 2025"),
        ("£1,234.50", "£1,234"),
    ],
)
def test_different_facts_differ(a, b):
    assert fact_keys(a) != fact_keys(b)


def test_phone_numbers_are_not_read_again_as_numbers():
    assert [f.kind for f in facts("Call 01632 960 100 or 999.")] == ["phone", "phone"]


def test_an_amount_of_999_pounds_is_not_the_emergency_number():
    assert [f.key for f in facts("It costs £999.99, or 999 pence.")] == [
        ("phone", "999"),
        ("number", "999.99"),
    ]


def test_a_date_is_not_read_as_three_numbers():
    assert [f.key for f in facts("on 14/01/2026")] == [("date", "2026-01-14")]


def test_an_impossible_date_is_not_a_date():
    assert all(f.kind != "date" for f in facts("31/13/2026"))


def test_sentences_do_not_split_amounts():
    assert sentences("It costs £28.50, including delivery. Call 01632 960 000.") == [
        "It costs £28.50, including delivery.",
        "Call 01632 960 000.",
    ]


def test_refusals():
    assert is_refusal("Sorry, I did not understand your question.")
    assert is_refusal("I cannot share information about other residents.")
    assert not is_refusal("A blue badge costs £10.")


def test_grounding_prefers_the_current_page_when_both_hold_the_facts():
    g = Grounder(load_pages())
    assert (
        g.trace("Pensioners on a low income can get up to 100% off their council tax bill.").status
        == "current"
    )
    assert g.trace("The garden waste subscription costs £48 a year from 1 April 2025.").status == "superseded"
    assert g.trace("It costs £999.99.").status == "not found"
