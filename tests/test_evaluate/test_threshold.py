"""choose_threshold() minimises the stated expected total cost, respects capacity and explains itself.

The cost model: acting costs money on every flagged case, true or false; a case with the outcome
costs the harm unless it was flagged and acting prevented it, which happens a stated share of the
time. The tests compare with a brute-force sum over individual cases at every possible threshold.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.evaluate import ThresholdCurve, choose_threshold, evaluate, threshold_view
from labkit.evaluate._threshold import CostModel
from labkit.evaluate._words import Words


@st.composite
def problems(draw):
    n = draw(st.integers(2, 120))
    y = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    if y.all() or not y.any():
        y[0] = not y[0]
    levels = draw(st.integers(1, 25))
    s = np.array(draw(st.lists(st.integers(0, levels), min_size=n, max_size=n)), dtype=float) / levels
    return y, s


def _case_cost(flagged: bool, positive: bool, action: float, harm: float, prevented: float) -> float:
    """One case's expected cost, written out from the assumptions rather than from counts."""
    cost = action if flagged else 0.0
    if positive:
        chance_harm_happens = (1.0 - prevented) if flagged else 1.0
        cost += harm * chance_harm_happens
    return cost


def _brute_force_costs(y, s, action, harm, prevented):
    """(total cost, number flagged) at every threshold that could matter: each distinct score, and above."""
    out = []
    for t in [*np.unique(s).tolist(), math.inf]:
        flags = s >= t
        total = sum(
            _case_cost(bool(f), bool(p), action, harm, prevented) for f, p in zip(flags, y, strict=True)
        )
        out.append((total, int(flags.sum())))
    return out


costs_strategy = {
    "action": st.floats(0, 1000, allow_nan=False),
    "harm": st.floats(0.01, 1000, allow_nan=False),
    "prevented": st.floats(0, 1, allow_nan=False),
}


@settings(max_examples=150, deadline=None)
@given(data=problems(), **costs_strategy)
def test_chosen_threshold_minimises_the_expected_total_cost(data, action, harm, prevented):
    y, s = data
    choice = choose_threshold(y, s, cost_action=action, cost_harm=harm, prevented=prevented, plot=False)
    best = min(cost for cost, _ in _brute_force_costs(y, s, action, harm, prevented))
    assert choice.expected_cost == pytest.approx(best, rel=1e-9, abs=1e-6)
    # The reported counts are what that threshold really gives, and its cost is theirs.
    flags = s >= choice.threshold
    assert choice.counts.flagged == flags.sum()
    assert choice.counts.tp == (flags & y).sum()
    direct = sum(_case_cost(bool(f), bool(p), action, harm, prevented) for f, p in zip(flags, y, strict=True))
    assert choice.expected_cost == pytest.approx(direct, rel=1e-9, abs=1e-6)
    assert choice.saving == pytest.approx(harm * y.sum() - direct, rel=1e-9, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(data=problems(), capacity=st.integers(0, 130), **costs_strategy)
def test_capacity_is_never_exceeded_and_cost_is_minimal_within_it(data, capacity, action, harm, prevented):
    y, s = data
    choice = choose_threshold(
        y, s, cost_action=action, cost_harm=harm, prevented=prevented, capacity=capacity, plot=False
    )
    assert choice.counts.flagged <= capacity
    feasible = [cost for cost, k in _brute_force_costs(y, s, action, harm, prevented) if k <= capacity]
    assert choice.expected_cost == pytest.approx(min(feasible), rel=1e-9, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(data=problems(), capacity=st.one_of(st.none(), st.integers(0, 130)), **costs_strategy)
def test_every_row_of_the_sensitivity_table_is_the_brute_force_answer(
    data, capacity, action, harm, prevented
):
    y, s = data
    choice = choose_threshold(
        y, s, cost_action=action, cost_harm=harm, prevented=prevented, capacity=capacity, plot=False
    )
    table = choice.sensitivity
    assert prevented in set(table["share prevented"])
    for _, row in table.iterrows():
        p = row["share prevented"]
        options = _brute_force_costs(y, s, action, harm, p)
        feasible = [cost for cost, k in options if capacity is None or k <= capacity]
        assert row["total cost: best threshold"] == pytest.approx(min(feasible), rel=1e-9, abs=1e-6)
        nobody = sum(_case_cost(False, bool(q), action, harm, p) for q in y)
        everyone = sum(_case_cost(True, bool(q), action, harm, p) for q in y)
        assert row["total cost: act on no one"] == pytest.approx(nobody, rel=1e-9, abs=1e-6)
        assert row["total cost: act on everyone"] == pytest.approx(everyone, rel=1e-9, abs=1e-6)
        assert row["saving: best threshold"] == pytest.approx(nobody - min(feasible), rel=1e-9, abs=1e-6)
        # The cheapest strategy named is one that fits the capacity and costs least.
        fits_everyone = capacity is None or len(y) <= capacity
        cheapest = min(min(feasible), nobody, everyone if fits_everyone else math.inf)
        named = {
            "acting on no one": nobody,
            "acting on everyone": everyone,
            "the model's list": row["total cost: best threshold"],
        }[row["cheapest"]]
        assert named == pytest.approx(cheapest, rel=1e-9, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(data=problems(), capacity=st.integers(0, 130))
def test_capacity_alone_finds_the_most_cases_it_can(data, capacity):
    y, s = data
    choice = choose_threshold(y, s, capacity=capacity, plot=False)
    assert choice.counts.flagged <= capacity
    best_found = max(
        int(((s >= t) & y).sum()) for t in [*np.unique(s).tolist(), math.inf] if (s >= t).sum() <= capacity
    )
    assert choice.counts.tp == best_found
    assert math.isnan(choice.expected_cost)
    assert choice.sensitivity is None


def test_acting_is_paid_for_on_every_flagged_case_and_prevents_only_a_share():
    y = [1, 0, 1, 0, 1, 0]
    s = [0.9, 0.2, 0.7, 0.6, 0.4, 0.1]
    choice = choose_threshold(
        y, s, cost_action=50, cost_harm=300, prevented=0.5, noun="repair", outcome="missed the target",
        plot=False,
    )  # fmt: skip
    # Flag the top 4 (3 late, 1 false alarm): 4 × £50 + (3 − 0.5 × 3) × £300 = £650. The top 2 alone
    # would cost 2 × £50 + (3 − 0.5 × 2) × £300 = £700; everyone 6 × £50 + 1.5 × £300 = £750.
    assert choice.counts.flagged == 4 and choice.expected_cost == 650.0
    assert "acting on a flagged repair costs £50" in choice.summary
    assert "acting prevents 50% of those harms" in choice.summary
    assert "Of 4 repairs flagged, 3 missed the target" in choice.summary
    assert "£200 for acting on 4 repairs and £450 for 1.5 harms not prevented" in choice.summary
    assert "(0 not flagged, and 1.5 of the 3 flagged)" in choice.summary
    assert "Acting on no repairs would cost £900; acting on every repair £750" in choice.summary
    assert "saves £250 against acting on no repairs and £100 against acting on every repair" in choice.summary
    assert "£50 ÷ (50% × £300) = 0.333" in choice.summary
    opts = choice.options.set_index("option")
    assert opts.loc["Act on no repairs", "total cost"] == 900
    assert opts.loc["Act on every repair", "total cost"] == 6 * 50 + 300 * 3 * 0.5
    assert opts.loc["Act on every repair", "harms prevented"] == 1.5
    data = json.loads(json.dumps(choice.to_dict()))
    assert data["confusion"] == {"tp": 3, "fp": 1, "fn": 0, "tn": 2}
    assert data["prevented"] == 0.5 and data["cost_action"] == 50


def test_the_old_model_is_the_special_case_of_free_action_that_always_works():
    """With acting free and always effective, flagging everyone is best: nothing is lost by acting."""
    choice = choose_threshold([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.6], cost_action=0, cost_harm=300, prevented=1,
                              plot=False)  # fmt: skip
    assert choice.expected_cost == 0
    assert choice.counts.tp == 2


def test_the_result_across_the_share_prevented_names_the_cheapest_choice():
    rng = np.random.default_rng(5)
    y = rng.random(3000) < 0.3
    s = np.clip(0.3 + 0.35 * (y - 0.3) + rng.normal(0, 0.2, 3000), 0, 1)
    choice = choose_threshold(y, s, cost_action=40, cost_harm=300, prevented=0.5, plot=False)
    table = choice.sensitivity.set_index("share prevented")
    assert list(table.index) == [0.1, 0.25, 0.5, 0.75, 1.0]
    assert table.loc[0.1, "cheapest"] == "acting on no one"  # 10% × £300 = £30 < £40: never worth acting
    assert table.loc[0.1, "flagged"] == 0
    assert (table["saving: best threshold"] >= table["saving: act on everyone"] - 1e-6).all()
    assert table["saving: best threshold"].is_monotonic_increasing
    assert "so the choice was repeated at 10%, 25%, 50%, 75% and 100%" in choice.summary
    custom = choose_threshold(y, s, cost_action=40, cost_harm=300, prevented=0.3,
                              prevented_range=[0.2, 0.6], plot=False)  # fmt: skip
    assert list(custom.sensitivity["share prevented"]) == [0.2, 0.3, 0.6]


def test_reuses_an_evaluation_report_and_draws_both_charts():
    rng = np.random.default_rng(3)
    y = rng.random(2000) < 0.3
    s = np.clip(0.3 + 0.3 * (y - 0.3) + rng.normal(0, 0.2, 2000), 0, 1)
    report = evaluate(y_true=y, y_score=s, plot=False)
    kwargs = {"cost_action": 1, "cost_harm": 8, "prevented": 0.5, "capacity": 300}
    a = choose_threshold(report=report, **kwargs)
    b = choose_threshold(y, s, **kwargs)
    assert a.threshold == b.threshold and a.expected_cost == b.expected_cost
    assert a.figure is a.sections[1].figures[0]
    assert "capacity is 300" in a.figure.alt
    assert a.decision_figure is a.sections[2].figures[0]
    assert "At the stated 50%, the best threshold saves" in a.decision_figure.alt
    assert len(a.cost_curve) <= 402  # 400 points, the choice and the cheapest without capacity


def test_act_on_no_one_when_acting_costs_more_than_it_prevents():
    choice = choose_threshold([1, 0, 0, 0], [0.4, 0.5, 0.6, 0.7], cost_action=100, cost_harm=150,
                              prevented=0.5, plot=False)  # fmt: skip
    assert choice.counts.flagged == 0
    assert choice.threshold > 0.7
    assert "the best choice is to act on no cases" in choice.summary
    assert "would cost more than the harm it prevents" in choice.summary


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cost_action": -1, "cost_harm": 5, "prevented": 0.5}, "0 or more"),
        ({"cost_action": 1, "cost_harm": 5, "prevented": 0.5, "capacity": -3}, "0 or more"),
        ({"capacity": 2.5}, "whole number"),
        ({"cost_action": 1, "cost_harm": 5}, "prevented is missing"),
        ({"cost_action": 1}, "cost_harm and prevented are missing"),
        ({"prevented": 0.5}, "cost_action and cost_harm are missing"),
        ({"cost_action": 1, "cost_harm": 5, "prevented": 1.5}, "between 0 and 1"),
        ({}, "nothing to choose"),
        ({"cost_action": 0, "cost_harm": 0, "prevented": 0.5}, "Both costs are 0"),
        ({"cost_action": "lots", "cost_harm": 1, "prevented": 0.5}, "must be a number"),
        ({"capacity": 3, "prevented_range": "many"}, "between 0 and 1"),
        ({"capacity": 3, "prevented_range": 7}, "prevented_range must be a list"),
    ],
)
def test_bad_costs_and_capacity(kwargs, message):
    with pytest.raises(LabkitError, match=message):
        choose_threshold([1, 0, 1], [0.9, 0.2, 0.5], plot=False, **kwargs)


def test_bad_scores_and_report():
    with pytest.raises(LabkitError, match="between 0 and 1"):
        choose_threshold([1, 0], [1.5, 0.2], capacity=1)
    with pytest.raises(LabkitError, match="nothing to tell"):
        choose_threshold([1, 1], [0.5, 0.2], capacity=1)
    with pytest.raises(LabkitError, match="EvaluationReport"):
        choose_threshold(report="not a report", capacity=1)


def test_inputs_are_not_modified():
    y = np.array([1, 0, 1, 0, 1, 0])
    s = np.array([0.9, 0.2, 0.7, 0.6, 0.4, 0.1])
    y0, s0 = y.copy(), s.copy()
    choose_threshold(y, s, cost_action=50, cost_harm=300, prevented=0.5, capacity=3, plot=False)
    assert (y == y0).all() and (s == s0).all()


def test_cost_model_break_even():
    costs = CostModel.make(40, 300, 0.5)
    assert costs.break_even == pytest.approx(40 / 150)
    assert CostModel.make(40, 300, 0).break_even == math.inf
    assert CostModel.make(None, None, None) is None


def test_threshold_view_text_and_html():
    y = np.array([1, 0, 1, 0, 1, 0], dtype=bool)
    s = np.array([0.9, 0.2, 0.7, 0.6, 0.4, 0.1])
    words = Words.make("repair", "missed the target")
    c, text, page = threshold_view(
        ThresholdCurve(y, s), 0.5, words, cost_action=50, cost_harm=300, prevented=0.5, capacity=2
    )
    assert (c.tp, c.fp) == (2, 1)
    assert "Of 3 repairs flagged, 2 missed the target" in text
    # 3 × £50 + (1 + 0.5 × 2) × £300 = £750.
    assert "Expected total cost: £750" in text
    assert "Acting on no repairs: £900; acting on every repair: £750" in text
    assert "Saving against acting on no repairs: £150" in text
    assert "Over capacity: 3 repairs flagged but only 2 can be handled (1 too many)." in text
    assert "<caption>Confusion matrix at threshold 0.50</caption>" in page
    assert 'scope="row">Flagged' in page


def test_zero_capacity_flags_nobody_and_says_why():
    choice = choose_threshold([1, 0, 1], [0.9, 0.2, 0.5], capacity=0, plot=False)
    assert choice.counts.flagged == 0
    assert "you can act on at most 0 cases: the best choice is to act on no cases" in choice.summary
    assert "harm it prevents" not in choice.summary
