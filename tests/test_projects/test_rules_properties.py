"""Stop rules and PSI against brute-force definitions (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit.projects import ProblemCanvas, StopRule, psi
from labkit.projects._monitor import _apply_rules, _first_run

values = st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(values, st.floats(0, 1), st.integers(1, 4), st.sampled_from(["below", "above"]))
def test_a_rule_fires_exactly_when_the_last_n_months_all_breach(series, value, months, when):
    frame = pd.DataFrame(
        {
            "month": [f"m{i}" for i in range(len(series))],
            "roc_auc": [np.nan if v is None else v for v in series],
        }
    )
    canvas = ProblemCanvas(
        title="t",
        user_need="n",
        stop_rules=[StopRule(measure="roc_auc", when=when, value=value, months=months, status="red")],
    )
    rules, status = _apply_rules(canvas, frame, np.ones(len(series), dtype=bool))

    def breach(v):
        return v is not None and (v < value if when == "below" else v > value)

    fired = [
        i
        for i in range(len(series))
        if i >= months - 1 and all(breach(series[j]) for j in range(i - months + 1, i + 1))
    ]
    assert [i for i, s in enumerate(status) if s == "red"] == fired
    assert rules["first fired"].iloc[0] == (frame["month"].iloc[fired[0]] if fired else "never")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=30), st.integers(1, 4))
def test_first_run_is_the_start_of_the_first_run_of_n(flags, run):
    text = "".join("1" if f else "0" for f in flags)
    at = text.find("1" * run)
    assert _first_run(np.array(flags, dtype=bool), run) == (None if at < 0 else at)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 1000), min_size=2, max_size=8).flatmap(
        lambda e: st.tuples(st.just(e), st.lists(st.integers(1, 1000), min_size=len(e), max_size=len(e)))
    )
)
def test_psi_equals_its_definition_and_is_never_negative(pair):
    expected, actual = pair
    e = np.array(expected) / sum(expected)
    a = np.array(actual) / sum(actual)
    by_hand = sum((ai - ei) * math.log(ai / ei) for ai, ei in zip(a, e, strict=True))
    assert psi(expected, actual) == pytest.approx(by_hand, rel=1e-9, abs=1e-12)
    assert psi(expected, actual) >= 0
