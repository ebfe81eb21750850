"""Declarative checks: right answers pass, wrong ones get specific feedback, nothing raises or leaks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labkit import LabkitError
from labkit.exercises import (
    AllOf,
    Check,
    Context,
    Equals,
    HasColumns,
    HasDtypes,
    HasShape,
    InRange,
    MatchesRows,
    OneOf,
    Predicate,
    SetEquals,
)
from labkit.exercises._describe import describe
from labkit.exercises._selftest import leaks

CTX = Context(
    data={"repairs": pd.DataFrame({"trade": ["Roofing", "Plumbing", "Roofing"], "days": [3, 10, 5]})}
)


class TestEquals:
    def test_whole_numbers_match_exactly(self) -> None:
        check = Equals(lambda repairs: len(repairs), kind="a count of repair jobs")
        assert check.verify(3, CTX) is None
        assert check.verify(np.int64(3), CTX) is None
        assert check.verify(3.0, CTX) is None
        assert (
            check.verify(4, CTX)
            == "Your number is higher than the answer. Look again at how you worked it out."
        )
        assert "lower" in check.verify(2, CTX)

    def test_text_number_says_remove_quotes(self) -> None:
        message = Equals(3, kind="a count of repair jobs").verify("3", CTX)
        assert message.startswith("Your answer is text; the question asks for a count of repair jobs.")
        assert "quotes" in message

    def test_percentage_and_proportion_confusion_is_named(self) -> None:
        assert "looks like a percentage" in Equals(0.25).verify(25, CTX)
        assert "looks like a proportion" in Equals(25.0).verify(0.25, CTX)

    def test_fractional_answer_to_a_count(self) -> None:
        message = Equals(3, kind="a count of repair jobs").verify(2.5, CTX)
        assert "fractional part" in message and "count of repair jobs" in message

    def test_single_value_series_gets_a_pointer(self) -> None:
        message = Equals(3).verify(pd.Series([3]), CTX)
        assert ".item()" in message

    def test_nan_answer(self) -> None:
        assert "missing value (NaN)" in Equals(3.5).verify(float("nan"), CTX)

    def test_tolerances(self) -> None:
        assert Equals(0.5, tolerance=0.01).verify(0.505, CTX) is None
        assert Equals(0.5, tolerance=0.01).verify(0.52, CTX) is not None
        assert Equals(200.0, relative=0.01).verify(201.5, CTX) is None
        assert Equals(1 / 3).verify(0.333333333, CTX) is None

    def test_text_ignores_case_and_spaces(self) -> None:
        check = Equals("Back-office automation")
        assert check.verify("  back-office   AUTOMATION ", CTX) is None
        assert Equals("Chatbot", case_sensitive=True).verify("chatbot", CTX) is not None
        assert "spelling" in check.verify("chatbots", CTX)

    def test_booleans(self) -> None:
        assert Equals(True).verify(True, CTX) is None
        assert Equals(True).verify(np.bool_(True), CTX) is None
        assert (
            Equals(True)
            .verify(1, CTX)
            .startswith("Your answer is a whole number; the question asks for True")
        )
        assert "without quotes" in Equals(False).verify("False", CTX)
        assert Equals(False).verify(True, CTX) is not None

    def test_bad_tolerance(self) -> None:
        with pytest.raises(LabkitError, match="tolerance"):
            Equals(1, tolerance=-1)


def test_one_of() -> None:
    check = OneOf(["chatbot", "chat bot"], choices=["chatbot", "predictive analytics", "automation"])
    assert check.verify("Chat bot", CTX) is None
    assert check.verify("automation", CTX) == (
        "That is not the best answer yet. Read the question again and weigh each choice."
    )
    assert "not one of the choices" in check.verify("robots", CTX)
    assert check.verify(3, CTX).startswith("Your answer is a whole number")
    with pytest.raises(LabkitError):
        OneOf("chatbot")


def test_set_equals() -> None:
    check = SetEquals(lambda repairs: repairs["trade"].unique().tolist(), kind="a list of trades")
    assert check.verify(["plumbing", "Roofing", "roofing"], CTX) is None
    assert check.verify(pd.Series(["Roofing", "Plumbing"]), CTX) is None
    message = check.verify(["Roofing", "Electrical"], CTX)
    assert "'Electrical'" in message and "1 is missing" in message
    assert "Put the items in a list" in check.verify("Roofing", CTX)
    assert check.verify([["Roofing"]], CTX).startswith("Your answer is a list of 1 item")


def test_in_range() -> None:
    check = InRange(lambda repairs: repairs["days"].min(), 10, kind="a number of days")
    assert check.verify(5, CTX) is None
    assert "too low" in check.verify(1, CTX)
    assert "too high" in check.verify(11, CTX)
    assert check.verify("five", CTX) == "Your answer is text; the question asks for a number of days."


def test_frame_checks() -> None:
    frame = CTX.data["repairs"].groupby("trade", as_index=False)["days"].sum()
    assert HasColumns(["trade", "days"]).verify(frame, CTX) is None
    assert HasColumns(["trade", "jobs"]).verify(frame, CTX) == "Your table is missing the column 'jobs'."
    assert "did not ask for" in HasColumns(["trade"], only=True).verify(frame, CTX)
    assert HasShape(rows=lambda repairs: repairs["trade"].nunique()).verify(frame, CTX) is None
    assert HasShape(rows=3).verify(frame, CTX) == "Your table has fewer rows than the answer."
    assert "to_frame" in HasShape(rows=2).verify(frame["days"], CTX)
    assert HasDtypes({"days": "integer", "trade": "text"}).verify(frame, CTX) is None
    assert "pd.to_numeric" in HasDtypes({"trade": "number"}).verify(frame, CTX)
    with pytest.raises(LabkitError, match="kind"):
        HasDtypes({"days": "numbers"})


def test_matches_rows() -> None:
    repairs = pd.DataFrame({"repair_id": ["R1", "R2", "R3"], "days": [3.0, 10.0, 5.0]})
    ctx = Context(data={"repairs": repairs})
    check = MatchesRows(lambda repairs: repairs[repairs["days"] > 4], key="repair_id")
    assert check.verify(repairs.iloc[[2, 1]], ctx) is None
    assert check.verify(repairs, ctx) == "1 row in your table should not be there (for example repair_id R1)."
    assert check.verify(repairs.iloc[[1]], ctx) == "1 row is missing from your table."
    changed = repairs.iloc[[1, 2]].assign(days=[10.0, 6.0])
    assert check.verify(changed, ctx) == "Column 'days' has values that differ from the answer in some rows."
    no_key = MatchesRows(lambda repairs: repairs[repairs["days"] > 4])
    assert no_key.verify(repairs.iloc[[2, 1]], ctx) is None
    assert no_key.verify(repairs, ctx) == "Your table has more rows than the answer."


def test_predicate_and_allof() -> None:
    check = Predicate(lambda answer, repairs: answer in set(repairs["trade"]), "Pick a trade from the data.")
    assert check.verify("Roofing", CTX) is None
    assert check.verify("Glazing", CTX) == "Pick a trade from the data."
    both = AllOf(HasColumns(["trade"]), HasShape(rows=2))
    assert both.verify(pd.DataFrame({"trade": ["a"]}), CTX) == "Your table has fewer rows than the answer."
    with pytest.raises(LabkitError):
        Predicate("not a function", "message")
    with pytest.raises(LabkitError):
        AllOf()


def test_hand_written_check_can_subclass() -> None:
    class Positive(Check):
        kind = "a positive number"

        def verify(self, answer, ctx):
            return None if isinstance(answer, int) and answer > 0 else self.wrong_kind(answer, ctx)

    assert Positive().verify(2, CTX) is None
    assert (
        Positive().verify(None, CTX)
        == "Your answer is nothing (None); the question asks for a positive number."
    )


def test_describe_is_cheap_and_safe() -> None:
    class Broken:
        def __len__(self):
            raise RuntimeError("boom")

    assert describe(Broken()) == "a Broken object"
    assert describe(pd.DataFrame({"a": range(3)})) == "a table (DataFrame) with 3 rows and 1 column"
    assert describe(print) == "a function (did you forget the brackets that call it?)"
    assert describe({"a": 1}) == "a dictionary with 1 entry"
    assert describe(pd.NA) == "a missing value (NA)" and describe(pd.NaT) == "a missing value (NA)"
    assert describe(np.float64("nan")) == "a missing value (NaN)"


ANSWERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=5),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
)
CHECKS = [
    Equals(1234, kind="a count of repair jobs"),
    Equals(0.375),
    Equals("predictive analytics"),
    Equals(True),
    OneOf(["chatbot"], choices=["chatbot", "automation"]),
    SetEquals(["Roofing", "Plumbing"]),
    InRange(10, 20),
    HasColumns(["trade"]),
    HasShape(rows=2),
    HasDtypes({"days": "integer"}),
    MatchesRows(lambda repairs: repairs, key="trade"),
]


@settings(max_examples=150, deadline=None)
@given(answer=ANSWERS, index=st.integers(0, len(CHECKS) - 1))
def test_any_answer_gets_a_message_or_none_and_never_the_expected_value(answer, index) -> None:
    from labkit.exercises import Question, Wrong

    check = CHECKS[index]
    q = Question("q1", "Any", variable="x", check=check, hints=["h"], solution="x = 1", wrong=[Wrong(None)])
    outcome = q.evaluate(CTX, answer)
    assert outcome.status in {"correct", "not yet"}
    if outcome.status == "not yet":
        assert outcome.message and "Traceback" not in outcome.message
        # Feedback may describe the learner's own answer ("a list of 2 items") or quote its items back;
        # everything else must not contain the expected value.
        own = outcome.message.replace(describe(answer), "")
        if isinstance(answer, (list, str)):
            return
        assert not leaks(own, check.forbidden(CTX)), outcome.message


def test_checks_never_change_the_learners_data() -> None:
    frame = pd.DataFrame({"trade": ["b", "a"], "days": [2, 1]})
    before = frame.copy()
    for check in CHECKS:
        check.verify(frame, CTX)
    pd.testing.assert_frame_equal(frame, before)


def test_huge_answer_is_described_not_printed() -> None:
    huge = pd.DataFrame({"a": np.arange(2_000_000)})
    message = Equals(3).verify(huge, CTX)
    assert message == (
        "Your answer is a table (DataFrame) with 2,000,000 rows and 1 column; "
        "the question asks for a whole number."
    )
    assert len(message) < 200
    assert math.isfinite(len(message))


@settings(max_examples=100, deadline=None)
@given(
    items=st.lists(
        st.text(alphabet="abcdefgh ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=6
    ),
    data=st.data(),
)
def test_set_equals_ignores_order_case_and_repeats_but_not_missing_items(items, data) -> None:
    wanted = list(dict.fromkeys(" ".join(i.split()).casefold() for i in items))
    check = SetEquals(wanted, kind="a list of names")
    shuffled = data.draw(st.permutations(items))
    repeated = shuffled + shuffled[:1]
    assert check.verify([s.upper() for s in repeated], CTX) is None
    if len(wanted) > 1:
        message = check.verify(wanted[1:], CTX)
        assert message is not None and "1 is missing" in message


@settings(max_examples=100, deadline=None)
@given(expected=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda x: abs(x) > 1e-3))
def test_equals_accepts_rounding_noise_and_rejects_clear_differences(expected) -> None:
    check = Equals(expected)
    assert check.verify(expected * (1 + 1e-9), CTX) is None
    assert check.verify(expected + 0.01 * abs(expected) + 0.01, CTX) is not None
    assert check.verify(str(expected), CTX) is not None


@pytest.mark.parametrize("written", ["May 2022", "05/2022", "2022/05", "Sept 2021", "2021-9"])
def test_a_month_written_another_way_gets_the_format_not_spelling(written) -> None:
    check = Equals("2021-09", kind="a month written YYYY-MM")
    message = check.verify(written, Context())
    assert "YYYY-MM" in message and "spelling" not in message and "2021-09" not in message
    assert check.verify("2021-08", Context()).endswith("check your spelling.")
    assert "2019-03" not in Equals("2019-03").verify("March 2019", Context())


def test_a_date_written_another_way_gets_the_format() -> None:
    message = Equals("2024-04-01").verify("01/04/2024", Context())
    assert "YYYY-MM-DD" in message and "2024-04-01" not in message
