"""choose_threshold() minimises the stated cost, respects capacity and explains itself."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.evaluate import ThresholdCurve, choose_threshold, evaluate, threshold_view
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


def _brute_force_costs(y, s, cost_fp, cost_fn):
    """Cost at every threshold that could matter: each distinct score, and above the top."""
    options = [*np.unique(s).tolist(), math.inf]
    out = []
    for t in options:
        flagged = s >= t
        fp = int((flagged & ~y).sum())
        fn = int((~flagged & y).sum())
        out.append((cost_fp * fp + cost_fn * fn, int(flagged.sum())))
    return out


@settings(max_examples=150, deadline=None)
@given(
    data=problems(),
    cost_fp=st.floats(0, 1000, allow_nan=False),
    cost_fn=st.floats(0.01, 1000, allow_nan=False),
)
def test_chosen_threshold_minimises_the_stated_cost(data, cost_fp, cost_fn):
    y, s = data
    choice = choose_threshold(y, s, cost_fp=cost_fp, cost_fn=cost_fn, plot=False)
    best = min(cost for cost, _ in _brute_force_costs(y, s, cost_fp, cost_fn))
    assert choice.expected_cost == pytest.approx(best, rel=1e-9, abs=1e-9)
    # The reported counts are what that threshold really gives.
    flagged = s >= choice.threshold
    assert choice.counts.flagged == flagged.sum()
    assert choice.counts.tp == (flagged & y).sum()
    assert choice.expected_cost == pytest.approx(cost_fp * choice.counts.fp + cost_fn * choice.counts.fn)


@settings(max_examples=150, deadline=None)
@given(data=problems(), capacity=st.integers(0, 130), cost_fp=st.floats(0, 500), cost_fn=st.floats(0.01, 500))
def test_capacity_is_never_exceeded_and_cost_is_minimal_within_it(data, capacity, cost_fp, cost_fn):
    y, s = data
    choice = choose_threshold(y, s, cost_fp=cost_fp, cost_fn=cost_fn, capacity=capacity, plot=False)
    assert choice.counts.flagged <= capacity
    feasible = [cost for cost, k in _brute_force_costs(y, s, cost_fp, cost_fn) if k <= capacity]
    assert choice.expected_cost == pytest.approx(min(feasible), rel=1e-9, abs=1e-9)


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


def test_summary_talks_in_people_and_money():
    y = [1, 0, 1, 0, 1, 0]
    s = [0.9, 0.2, 0.7, 0.6, 0.4, 0.1]
    choice = choose_threshold(
        y, s, cost_fp=50, cost_fn=300, noun="repair", outcome="missed the target", plot=False
    )
    assert choice.counts.flagged == 4 and choice.expected_cost == 50.0
    assert "a false alarm costs £50 and a missed repair £300" in choice.summary
    assert "Of 4 repairs flagged, 3 missed the target" in choice.summary
    assert "Expected cost of errors: £50 (1 false alarms × £50 + 0 missed × £300)" in choice.summary
    assert "Flagging nobody would cost £900" in choice.summary
    opts = choice.options.set_index("option")
    assert opts.loc["Flag no repairs", "expected cost"] == 900
    assert opts.loc["Flag every repair", "expected cost"] == 150
    data = json.loads(json.dumps(choice.to_dict()))
    assert data["confusion"] == {"tp": 3, "fp": 1, "fn": 0, "tn": 2}


def test_reuses_an_evaluation_report_and_draws_the_cost_curve():
    rng = np.random.default_rng(3)
    y = rng.random(2000) < 0.3
    s = np.clip(0.3 + 0.3 * (y - 0.3) + rng.normal(0, 0.2, 2000), 0, 1)
    report = evaluate(y_true=y, y_score=s, plot=False)
    a = choose_threshold(report=report, cost_fp=1, cost_fn=4, capacity=300)
    b = choose_threshold(y, s, cost_fp=1, cost_fn=4, capacity=300)
    assert a.threshold == b.threshold and a.expected_cost == b.expected_cost
    figure = a.figure
    assert figure is a.sections[1].figures[0]
    assert "capacity is 300" in figure.alt
    assert len(a.cost_curve) <= 401


def test_flag_nobody_when_false_alarms_are_dear():
    choice = choose_threshold([1, 0, 0, 0], [0.4, 0.5, 0.6, 0.7], cost_fp=100, cost_fn=1, plot=False)
    assert choice.counts.flagged == 0
    assert choice.threshold > 0.7
    assert "flag no cases" in choice.summary


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"cost_fp": -1, "cost_fn": 5}, "0 or more"),
        ({"cost_fp": 1, "cost_fn": 5, "capacity": -3}, "0 or more"),
        ({"capacity": 2.5}, "whole number"),
        ({"cost_fp": 1}, "cost_fn is missing"),
        ({}, "nothing to choose"),
        ({"cost_fp": 0, "cost_fn": 0}, "Both costs are 0"),
        ({"cost_fp": "lots", "cost_fn": 1}, "must be a number"),
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


def test_threshold_view_text_and_html():
    y = np.array([1, 0, 1, 0, 1, 0], dtype=bool)
    s = np.array([0.9, 0.2, 0.7, 0.6, 0.4, 0.1])
    words = Words.make("repair", "missed the target")
    c, text, page = threshold_view(ThresholdCurve(y, s), 0.5, words, cost_fp=50, cost_fn=300, capacity=2)
    assert (c.tp, c.fp) == (2, 1)
    assert "Of 3 repairs flagged, 2 missed the target" in text
    assert "Expected cost of errors: £350" in text
    assert "Over capacity: 3 repairs flagged but only 2 can be handled (1 too many)." in text
    assert "<caption>Confusion matrix at threshold 0.50</caption>" in page
    assert 'scope="row">Flagged' in page


def test_zero_capacity_flags_nobody_and_says_why():
    choice = choose_threshold([1, 0, 1], [0.9, 0.2, 0.5], capacity=0, plot=False)
    assert choice.counts.flagged == 0
    assert "you can act on at most 0 cases, the best choice is to flag no cases" in choice.summary
    assert "false alarms than it saves" not in choice.summary
