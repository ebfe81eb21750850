"""The bid checker widget: thin over check_claims, lock_in_risks and scorecard; every control changes it."""

from __future__ import annotations

import pytest

from labkit.suppliers import bid_checker
from labkit.suppliers._widget import ALL_BIDS, bid_view


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("brackenwick", "no skill"),
        ("tallowmere", "not on Northbrook"),
        ("corvane", "recorded after the outcome"),
        ("haldor", "Cramér"),
        ("merrowgate", "6 lock-in risks"),
        ("quillfield", "pass all 6 lock-in checks"),
    ],
)
def test_each_bid_shows_its_planted_flaw(tender, slug, expected):
    assert expected in bid_view(tender, slug).replace("&#x27;", "'")


def test_all_bids_show_the_matrix_and_say_where_scores_came_from(tender):
    cache: dict = {}
    scores = bid_view(tender, ALL_BIDS, "scores", cache)
    model = bid_view(tender, ALL_BIDS, "model", cache)
    assert "Tender evaluation matrix" in scores and "Quillfield Analytics" in scores
    assert scores != model
    assert "Minimum standards, pass or fail, before any score" in scores and "Fails: not ranked" in scores


@pytest.mark.parametrize("slug", ["tallowmere", "merrowgate", "quillfield"])
def test_a_bid_reads_in_plain_words(tender, slug):
    """No machine names or '(s)' plurals for the consumer track; the gate says whether the bid goes on."""
    shown = bid_view(tender, slug)
    for raw in ("on_your_data", "roc_auc", "data_export", "contract_says", "(s)"):
        assert raw not in shown, raw
    assert "(Eastmere) (Eastmere)" not in shown and shown.count("Eastmere repairs, 2024-25") <= 2
    passes = "passes every minimum standard" in shown
    assert passes == (slug == "quillfield")


def test_a_scores_only_bid_says_so_when_the_model_is_asked_for(tender):
    assert "gives scores only" in bid_view(tender, "tallowmere", "model")


def test_the_widget_is_marked_and_every_control_changes_the_result(tender):
    box = bid_checker(tender)
    assert "labkit-widget-bid-checker" in box._dom_classes
    choose, source, result = box.children
    assert "labkit-output" in result._dom_classes
    first = result.value
    assert 'role="status"' in first and "Quillfield" in first
    choose.value = "corvane"
    second = result.value
    assert second != first and "Corvane" in second
    source.value = "model"
    assert result.value != second and "model.skops" in result.value
    choose.value = ALL_BIDS
    assert "Tender evaluation matrix" in result.value
