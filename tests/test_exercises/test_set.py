"""Questions bound into a notebook: outcomes, hints, solutions, parts, seeds and bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from labkit import LabkitError
from labkit.exercises import (
    BLANK,
    Equals,
    ExerciseSet,
    Outcome,
    Question,
    SetEquals,
    Wrong,
    exercise_set,
    list_exercise_sets,
)


def _frame(seed: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"trade": ["Roofing", "Plumbing", "Glazing"][: 1 + seed % 3], "days": range(1 + seed % 3)}
    )


def make_set() -> ExerciseSet:
    return ExerciseSet(
        "98",
        "Test set",
        [
            Question(
                "q1",
                "How many repair jobs are there?",
                variable="n_jobs",
                check=Equals(lambda repairs: len(repairs), kind="a count of repair jobs"),
                hints=["Count the rows.", "len(repairs) counts the rows."],
                solution="n_jobs = len(repairs)",
                explanation="Each row is one repair job.",
                wrong=[Wrong(lambda repairs: len(repairs) + 10, "Count the rows of repairs, nothing else.")],
            ),
            Question(
                "q2",
                "Two parts.",
                parts=[
                    Question(
                        "a",
                        "Which trades appear?",
                        variable="trades",
                        check=SetEquals(lambda repairs: repairs["trade"].tolist(), kind="a list of trades"),
                        hints=["Use .unique()."],
                        solution="trades = repairs['trade'].unique().tolist()",
                        wrong=[["Electrical"]],
                    ),
                    Question(
                        "b",
                        "Is the first job roofing?",
                        variable="first_is_roofing",
                        check=Equals(True),
                        hints=["Look at the first row."],
                        solution="first_is_roofing = True",
                        wrong=[False],
                    ),
                ],
            ),
        ],
        data={"repairs": lambda seed: _frame(seed)},
    )


def test_bind_puts_questions_placeholder_and_data(capsys) -> None:
    ns: dict = {}
    make_set().bind(ns, seed=1)
    assert capsys.readouterr().out == (
        "Exercise set 98 is ready: 2 questions (q1 to q2). Data: repairs (seed 1, council northbrook).\n"
    )
    assert ns["____"] is BLANK
    assert len(ns["repairs"]) == 2
    assert {"q1", "q2"} <= set(ns)


def test_three_outcomes_and_progress_log(_private_progress_log) -> None:
    ns: dict = {}
    make_set().bind(ns, seed=2)
    q1 = ns["q1"]
    assert q1.check().status == "not attempted"  # variable not set at all
    ns["n_jobs"] = BLANK
    blank = q1.check()
    assert (
        blank.status == "not attempted"
        and "n_jobs" in blank.message
        and "count of repair jobs" in blank.message
    )
    ns["n_jobs"] = 13
    wrong = q1.check()
    assert wrong.status == "not yet" and wrong.message == "Count the rows of repairs, nothing else."
    ns["n_jobs"] = 3
    right = q1.check()
    assert isinstance(right, Outcome) and right.correct and bool(right)
    assert str(right) == "✓ Correct. Question 1: Well done. Each row is one repair job."
    html = right._repr_html_()
    assert "✓ Correct" in html and "role='status'" in html
    events = [json.loads(line) for line in _private_progress_log.read_text(encoding="utf-8").splitlines()]
    assert [e["outcome"] for e in events] == ["not attempted", "not attempted", "not yet", "correct"]
    assert {e["exercise"] for e in events} == {"98"} and {e["question"] for e in events} == {"q1"}


def test_expected_answer_follows_the_learners_seed() -> None:
    for seed, rows in ((0, 1), (1, 2)):
        ns: dict = {}
        make_set().bind(ns, seed=seed)
        ns["n_jobs"] = rows
        assert ns["q1"].check().correct
        ns["n_jobs"] = 3 - rows
        assert not ns["q1"].check().correct


def test_default_seed_is_the_course_example_outside_a_notebook(capsys, monkeypatch) -> None:
    from labkit.exercises._set import DEFAULT_SEED

    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    ns: dict = {}
    make_set().bind(ns)
    out = capsys.readouterr().out
    assert DEFAULT_SEED != 0 and f"(seed {DEFAULT_SEED}, council northbrook)" in out
    assert "course's example data" in out


def test_a_learner_in_jupyter_gets_their_own_seed_kept_beside_their_progress(
    capsys, monkeypatch, _private_progress_log
) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/officer/exercises/02_practice_get_your_data_in_order.ipynb")
    first: dict = {}
    make_set().bind(first)
    out = capsys.readouterr().out
    saved = json.loads((_private_progress_log.parent / "learner.json").read_text(encoding="utf-8"))
    assert 1000 <= saved["seed"] <= 9999
    assert f"(seed {saved['seed']}, council northbrook)" in out and "your own version of the data" in out
    again: dict = {}
    make_set().bind(again)
    assert f"(seed {saved['seed']}," in capsys.readouterr().out
    monkeypatch.setenv("LABKIT_SEED", "1")  # a trainer's seed still wins
    make_set().bind({})
    assert "(seed 1," in capsys.readouterr().out


def test_an_unreadable_learner_file_gets_a_new_seed(monkeypatch, _private_progress_log) -> None:
    from labkit.exercises import learner_seed

    (_private_progress_log.parent / "learner.json").write_text("not json", encoding="utf-8")
    seed = learner_seed()
    assert 1000 <= seed <= 9999 and learner_seed() == seed
    assert learner_seed(save=7) == 7 and learner_seed() == 7


def test_seed_from_environment(monkeypatch) -> None:
    monkeypatch.setenv("LABKIT_SEED", "1")
    ns: dict = {}
    make_set().bind(ns)
    assert len(ns["repairs"]) == 2
    monkeypatch.setenv("LABKIT_SEED", "seven")
    with pytest.raises(LabkitError, match="LABKIT_SEED"):
        make_set().bind({})


def test_mutating_the_learners_data_does_not_change_expected_answers() -> None:
    ns: dict = {}
    make_set().bind(ns, seed=2)
    ns["repairs"].loc[len(ns["repairs"])] = ["Extra", 9]
    assert len(ns["repairs"]) == 4
    ns["n_jobs"] = 3
    assert ns["q1"].check().correct


def test_parts() -> None:
    ns: dict = {}
    make_set().bind(ns, seed=1)
    q2 = ns["q2"]
    assert q2.check().status == "not attempted"
    ns["trades"] = ["roofing", "PLUMBING"]
    partly = q2.check()
    assert partly.status == "not yet" and partly.message == "1 of 2 parts are correct so far."
    assert [p.status for p in partly.parts] == ["correct", "not attempted"]
    ns["first_is_roofing"] = True
    assert q2.check().correct and q2.a.check().correct and q2.b.check().correct
    assert "Question 2 (a)" in str(q2.a.check())
    assert "q2.a.check()" in repr(q2)


def test_hints_and_solutions(_private_progress_log) -> None:
    ns: dict = {}
    make_set().bind(ns)
    hint = ns["q1"].hint()
    assert str(hint) == "Hint 1 of 2 for Question 1: Count the rows.\nFor a bigger hint, run q1.hint(2)"
    bigger = ns["q1"].hint(2)
    assert bigger.next_call == ""
    # A cell with q1.hint() then q1.hint(2) shows only its last value, so the bigger hint repeats the first.
    assert str(bigger) == (
        "Hint 1 of 2 for Question 1: Count the rows.\n"
        "Hint 2 of 2 for Question 1: len(repairs) counts the rows."
    )
    assert "Count the rows." in bigger._repr_html_() and "Hint 2 of 2" in bigger._repr_html_()
    assert "len(repairs)" in str(ns["q1"].solution())
    assert "Each row is one repair job." in ns["q1"].solution()._repr_html_()
    events = [
        json.loads(line)["event"] for line in _private_progress_log.read_text(encoding="utf-8").splitlines()
    ]
    assert events == ["hint", "hint", "solution", "solution"]


@pytest.mark.parametrize("tier", [0, 3, -1, "2", 1.5, True])
def test_hint_tier_out_of_range_says_what_exists(tier) -> None:
    ns: dict = {}
    make_set().bind(ns)
    with pytest.raises(LabkitError, match=r"has 2 hints.*q1.hint\(1\) to q1.hint\(2\)"):
        ns["q1"].hint(tier)


def test_unknown_part_and_question_say_what_exists() -> None:
    ns: dict = {}
    s = make_set()
    s.bind(ns)
    with pytest.raises(LabkitError, match=r"no part or method called 'c'.*q2.a or q2.b"):
        ns["q2"].c  # noqa: B018
    assert not hasattr(ns["q1"], "a")
    with pytest.raises(LabkitError, match="Use one of: q1 or q2"):
        s.question("q9")
    with pytest.raises(LabkitError, match=r"q2\.a or q2\.b"):
        s.question("q2.z")
    with pytest.raises(LabkitError, match="each part has its own hints"):
        ns["q2"].hint()


def test_unknown_exercise_set_says_what_exists() -> None:
    with pytest.raises(LabkitError, match="Use one of: 00"):
        exercise_set("77")
    assert exercise_set("ex00") is exercise_set(0) is exercise_set("00")
    assert "00" in list_exercise_sets()
    from labkit.exercises import ex00

    assert ex00.id == "00"


def test_questions_must_be_complete() -> None:
    base = {"variable": "x", "check": Equals(1), "hints": ["h"], "solution": "x = 1", "wrong": [2]}
    Question("q1", "Fine.", **base)
    with pytest.raises(LabkitError, match="known-wrong answer"):
        Question("q1", "No wrong answers.", **{**base, "wrong": []})
    with pytest.raises(LabkitError, match="hint"):
        Question("q1", "No hints.", **{**base, "hints": []})
    with pytest.raises(LabkitError, match="hint"):
        Question("q1", "Hints as text.", **{**base, "hints": "a hint"})
    with pytest.raises(LabkitError, match="solution"):
        Question("q1", "No solution.", **{**base, "solution": " "})
    with pytest.raises(LabkitError, match="check"):
        Question("q1", "No check.", **{**base, "check": None})
    with pytest.raises(LabkitError, match="variable"):
        Question("q1", "Bad variable.", **{**base, "variable": "my answer"})
    with pytest.raises(LabkitError, match="name"):
        Question("1", "Bad name.", **base)
    with pytest.raises(LabkitError, match="parts"):
        Question("q1", "Parts and a check.", parts=[Question("a", "A.", **base)], check=Equals(1))


def test_sets_must_be_well_formed() -> None:
    base = {"check": Equals(1), "hints": ["h"], "solution": "x = 1", "wrong": [2]}
    with pytest.raises(LabkitError, match="q1, q2"):
        ExerciseSet("97", "Bad", [Question("q2", "Two.", variable="x", **base)])
    with pytest.raises(LabkitError, match="same answer variable"):
        ExerciseSet(
            "97",
            "Bad",
            [Question("q1", "One.", variable="x", **base), Question("q2", "Two.", variable="x", **base)],
        )
    with pytest.raises(LabkitError, match="two digits"):
        ExerciseSet("7", "Bad", [Question("q1", "One.", variable="x", **base)])


def test_any_learner_answer_is_handled_without_a_traceback() -> None:
    ns: dict = {}
    make_set().bind(ns)

    class Exploding:
        def __eq__(self, other):
            raise RuntimeError("boom")

        def __len__(self):
            raise RuntimeError("boom")

    for answer in (None, Exploding(), print, object(), {"a": 1}, pd.DataFrame({"a": range(10)}), b"1", 1j):
        ns["n_jobs"] = answer
        outcome = ns["q1"].check()
        assert outcome.status == "not yet", answer
        assert "the question asks for a count of repair jobs" in outcome.message


def test_a_check_that_crashes_still_answers() -> None:
    def broken(repairs):
        raise KeyError("no such column")

    s = ExerciseSet(
        "96",
        "Broken",
        [
            Question(
                "q1",
                "?",
                variable="x",
                check=Equals(broken, kind="a number"),
                hints=["h"],
                solution="x=1",
                wrong=[2],
            )
        ],
        data={"repairs": lambda: [1, 2]},
    )
    ns: dict = {}
    s.bind(ns)
    ns["x"] = 1
    outcome = ns["q1"].check()
    assert outcome.status == "not yet"
    assert outcome.message.startswith("labkit could not check this answer.")


def test_answer_depending_on_a_notebook_variable() -> None:
    s = ExerciseSet(
        "95",
        "Namespace",
        [
            Question(
                "q1",
                "Twice your number.",
                variable="doubled",
                check=Equals(lambda my_number: 2 * my_number),
                hints=["Multiply by 2."],
                solution="doubled = 2 * my_number",
                wrong=[0],
            )
        ],
    )
    ns: dict = {}
    s.bind(ns)
    ns["doubled"] = 4
    outcome = ns["q1"].check()
    assert outcome.status == "not attempted" and "'my_number'" in outcome.message
    ns["my_number"] = 2
    assert ns["q1"].check().correct


def test_expected_answers_are_cached_once_per_learner() -> None:
    from labkit.exercises import Context

    calls = []

    def expensive(repairs):
        calls.append(1)
        return len(repairs)

    ctx = Context(data={"repairs": [1, 2, 3]})
    assert ctx.resolve(expensive) == 3 and ctx.resolve(expensive) == 3
    assert len(calls) == 1
    for _ in range(50):
        ctx.resolve(lambda repairs: repairs)
    assert len(ctx._cache) == 2
    assert ctx.resolve(lambda seed: seed + 1) == 1
    ctx.prepare(lambda answer: answer)  # needs the learner's answer: never prepared
    assert len(ctx._cache) == 3


def test_bind_prepares_data_only_answers_and_check_attributes() -> None:
    from labkit.exercises import Check

    calls: list[str] = []

    def expected(repairs):
        calls.append("expected")
        return len(repairs)

    def costly_wrong(repairs):
        calls.append("wrong")
        return len(repairs) + 1

    def test_year(repairs):
        calls.append("test_year")
        return repairs[-1:]

    class LastRow(Check):
        kind = "a list"

        def __init__(self) -> None:
            self.test_year = test_year

        def verify(self, answer, ctx):
            return None if answer == ctx.resolve(self.test_year) else "Not the last row."

    s = ExerciseSet(
        "94",
        "Prepared",
        [
            Question(
                "q1",
                "Rows?",
                variable="n",
                check=Equals(expected),
                hints=["h"],
                solution="n = 3",
                wrong=[Wrong(costly_wrong, "One too many.")],
            ),
            Question(
                "q2",
                "Last row?",
                variable="last",
                check=LastRow(),
                hints=["h"],
                solution="last = [3]",
                wrong=[[1]],
            ),
        ],
        data={"repairs": lambda: [1, 2, 3]},
    )
    ns: dict = {}
    s.bind(ns)
    assert sorted(calls) == ["expected", "test_year", "wrong"]
    ns["n"], ns["last"] = 4, [3]
    assert ns["q1"].check().message == "One too many."
    assert ns["q2"].check().correct
    assert sorted(calls) == ["expected", "test_year", "wrong"]
