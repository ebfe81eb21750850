"""The register explorer: what it shows for each setting (no browser needed), and its controls."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.register import register_explorer, register_view
from labkit.register._widget import ALL_COUNCILS, DUPLICATES, SEARCH, WHO


def test_who_to_talk_to_view_names_the_stopped_project(reg):
    view = register_view(reg, "Score families so early help can contact them sooner", WHO)
    assert "Showing:</strong> Who to talk to." in view
    assert "Ottercombe City Council stopped a similar project" in view
    assert "<caption>" in view


def test_search_view_and_leaving_out_your_own_council(reg):
    everyone = register_view(reg, "mould", SEARCH)
    assert "4 projects match every word" in everyone
    without = register_view(reg, "mould", SEARCH, "Northbrook Borough Council")
    assert "3 projects match every word" in without
    assert "leaving out Northbrook Borough Council&#x27;s own projects" in without


def test_duplicates_view_lists_the_planted_pairs(reg):
    assert "16 pairs of projects in different councils look like the same effort" in register_view(
        reg, "", DUPLICATES
    )


@pytest.mark.parametrize(("text", "mode"), [("", WHO), ("!!!", SEARCH)])
def test_nothing_to_look_for_is_said_in_words(reg, text, mode):
    view = register_view(reg, text, mode)
    assert "Traceback" not in view
    assert "Type your idea" in view or "at least one word" in view


def test_unknown_mode_is_a_clear_error(reg):
    with pytest.raises(LabkitError, match="mode must be one of"):
        register_view(reg, "mould", "Everything")


def test_every_control_changes_what_the_explorer_shows(reg):
    root = register_explorer(reg)
    text, mode, leave_out, result = root.children
    assert "labkit-widget-register-explorer" in root._dom_classes
    assert "labkit-output" in result._dom_classes
    seen = [result.value]
    text.value = "chatbot for council tax"
    seen.append(result.value)
    mode.value = SEARCH
    seen.append(result.value)
    leave_out.value = leave_out.options[1]
    seen.append(result.value)
    assert len(set(seen)) == 4
    assert leave_out.options[0] == ALL_COUNCILS


def test_explorer_refuses_something_that_is_not_a_register():
    with pytest.raises(LabkitError, match="must be a Register"):
        register_explorer("register.sqlite")
