"""recommend_measures() and the wizard that shows it."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.fairness import MEASURES, measure_wizard, recommend_measures


@pytest.mark.parametrize(
    ("kwargs", "primary", "constraint"),
    [
        ({"kind": "assistive", "worse_error": "missed"}, ["equal_opportunity"], "true_positive_rate_parity"),
        (
            {"kind": "punitive", "worse_error": "wrongly_flagged"},
            ["false_positive_parity"],
            "false_positive_rate_parity",
        ),
        ({"kind": "punitive", "worse_error": "both"}, ["equalised_odds"], "equalized_odds"),
    ],
)
def test_primary_measure_follows_the_worse_error(kwargs, primary, constraint) -> None:
    advice = recommend_measures(**kwargs)
    assert advice.primary == primary
    assert advice.constraint == constraint
    assert MEASURES[primary[0]].name.lower() in advice.summary.lower()


def test_punitive_decisions_also_check_false_positives() -> None:
    advice = recommend_measures(kind="punitive", worse_error="missed")
    assert "false_positive_parity" in advice.also_check


def test_untrusted_label_warns_and_adds_selection_rates() -> None:
    advice = recommend_measures(kind="assistive", worse_error="missed", label_trusted=False)
    assert "selection_rate_parity" in advice.also_check
    assert any("biased" in c for c in advice.cautions)


def test_scores_shown_adds_calibration_and_the_impossibility_caution() -> None:
    advice = recommend_measures(kind="assistive", worse_error="missed", scores_shown=True, scarce=True)
    assert "calibration_within_groups" in advice.also_check
    assert any("Chouldechova" in c for c in advice.cautions)
    assert advice.to_dict()["answers"]["scarce"] is True


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "helpful", "worse_error": "missed"},
        {"kind": "assistive", "worse_error": "false negatives"},
        {"kind": "assistive", "worse_error": "missed", "scarce": "yes"},
    ],
)
def test_bad_answers_are_plain_errors(kwargs) -> None:
    with pytest.raises(LabkitError):
        recommend_measures(**kwargs)


def test_wizard_shows_the_same_advice_as_the_function() -> None:
    w = measure_wizard()
    kind, worse, scarce, trusted, shown, advice = w.children
    assert all(c.description for c in (kind, worse, scarce, trusted, shown))
    worse.value = "wrongly_flagged"
    expected = recommend_measures(kind="assistive", worse_error="wrongly_flagged")
    assert expected.summary.split(":")[0] in advice.value
    trusted.value = False
    assert "biased" in advice.value
