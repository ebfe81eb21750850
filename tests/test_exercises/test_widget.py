"""Answer boxes: every kind of question answered without code, checked by the same engine, no browser."""

from __future__ import annotations

import datetime as dt

import pytest

from labkit import LabkitError
from labkit.exercises import (
    BLANK,
    Equals,
    ExerciseSet,
    InRange,
    OneOf,
    Question,
    SetEquals,
    Wrong,
    read_progress,
)
from labkit.exercises._widget import Unreadable, control_value, parse_number, read_answer


def _q(name, prompt, variable, check, wrong, **extra):
    return Question(
        name,
        prompt,
        variable=variable,
        check=check,
        hints=["Look again at the lesson.", "Nearly the answer."],
        solution=f"{variable} = ...",
        wrong=wrong,
        **extra,
    )


LETTERS = {"A": "Get their data in order", "B": "Buy the newest tools", "C": "Define problems first"}

DEMO = ExerciseSet(
    "98",
    "Answer boxes",
    [
        _q(
            "q1",
            "Which reason was reported?",
            "reason",
            OneOf(["B"]),
            [Wrong("A", "That is option A's idea.")],
            options=LETTERS,
        ),
        _q(
            "q2",
            "Which two are challenges?",
            "challenges",
            SetEquals(["A", "C"]),
            [["A", "B"]],
            options=LETTERS,
        ),
        _q(
            "q3",
            "How many rows?",
            "n_rows",
            Equals(lambda rows: len(rows), kind="a count of rows"),
            [Wrong(lambda rows: len(rows) - 1, "One short.")],
            widget="number",
        ),
        _q("q4", "Name the trade.", "trade", OneOf(["Roofing"], kind="a trade's name"), ["Plumbing"]),
        _q("q5", "Is it lawful?", "lawful", Equals(False), [True], options={True: "Yes", False: "No"}),
        _q(
            "q6",
            "Which month is missing?",
            "month",
            Equals("2021-09", kind="a month written YYYY-MM"),
            ["2021-08"],
            widget="month",
        ),
        _q(
            "q7",
            "When did it start?",
            "start",
            Equals("2024-04-01", kind="a date"),
            ["2024-01-04"],
            widget="date",
        ),
        _q("q8", "Roughly what share?", "share", InRange(0.2, 0.3, kind="a proportion"), [0.5]),
        Question(
            "q9",
            "Sort these.",
            parts=[
                _q(
                    "a",
                    "Part a.",
                    "part_a",
                    OneOf(["chatbot"]),
                    ["automation"],
                    options=["automation", "chatbot"],
                ),
                _q("b", "Part b.", "part_b", Equals(4), [5]),
            ],
        ),
        _q("q10", "Give the table.", "table", Equals(lambda rows: rows), [[]], track="developer"),
    ],
    data={"rows": lambda seed: list(range(10 + seed))},
)


@pytest.fixture
def ns(capsys):
    namespace: dict = {}
    DEMO.bind(namespace, seed=2)
    capsys.readouterr()
    return namespace


def test_each_kind_of_question_gets_the_right_control(ns) -> None:
    import ipywidgets as w

    kinds = {name: ns[name].widget().kind for name in ("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8")}
    assert kinds == {
        "q1": "choice", "q2": "choices", "q3": "number", "q4": "text",
        "q5": "truefalse", "q6": "month", "q7": "date", "q8": "number",
    }  # fmt: skip
    assert isinstance(ns["q1"].widget().control, w.RadioButtons)
    assert isinstance(ns["q7"].widget().control, w.DatePicker)
    boxes = ns["q2"].widget()._checkboxes
    assert [b.description for b in boxes] == ["A. Get their data in order", "B. Buy the newest tools",
                                              "C. Define problems first"]  # fmt: skip


def test_set_value_click_check_read_outcome(ns, _private_progress_log) -> None:
    box = ns["q1"].widget()
    assert box.control.value is None and box.outcome is None
    box.control.value = "B"
    box.check_button.click()
    assert box.outcome.status == "correct"
    assert ns["reason"] == "B"  # the box puts the answer in the question's variable
    assert ns["q1"].check().status == "correct"  # so code and box agree
    box.control.value = "A"
    box.check_button.click()
    assert box.outcome.status == "not yet" and box.outcome.message == "That is option A's idea."
    shown = box.output.outputs[-1]["data"]["text/plain"]
    assert "✗ Not yet" in shown and "option A" in shown
    events = [e for e in read_progress().events if e["event"] == "check"]
    assert [(e["outcome"], e.get("via")) for e in events] == [
        ("correct", "widget"),
        ("correct", None),
        ("not yet", "widget"),
    ]


def test_an_empty_box_says_what_to_do_in_the_box_not_in_code(ns) -> None:
    outcome = ns["q1"].widget().check()
    assert outcome.status == "not attempted"
    assert "____" not in outcome.message and "run this cell" not in outcome.message
    assert "Choose one answer, then press Check." in outcome.message


def test_options_read_once_in_the_box() -> None:
    words = {"yes": "Yes: a full DPIA follows", "T1": "T1 (ROC-AUC 0.64)", "long-key": "Ottercombe's project"}
    demo = ExerciseSet(
        "97",
        "Labels",
        [_q("q1", "Which?", "pick", OneOf(["yes"]), [Wrong("T1", "Not that one.")], options=words)],
    )
    namespace: dict = {}
    demo.bind(namespace, seed=2)
    labels = [label for label, _ in namespace["q1"].widget().control.options]
    assert labels == ["Yes: a full DPIA follows", "T1 (ROC-AUC 0.64)", "Ottercombe's project"]


def test_empty_box_is_not_attempted(ns) -> None:
    for name in ("q1", "q2", "q3", "q5", "q6", "q7", "q8"):
        assert ns[name].widget().check().status == "not attempted", name


def test_checkboxes_number_text_truefalse_date(ns) -> None:
    box = ns["q2"].widget()
    box._checkboxes[0].value = True
    assert box.check().status == "not yet"
    box._checkboxes[2].value = True
    assert box.check().status == "correct"
    box = ns["q3"].widget()
    box.control.value = "1,1"
    assert box.check().message.startswith("Type a number only")
    box.control.value = "11"
    assert box.check().status == "not yet"
    box.control.value = " 12 "
    assert box.check().status == "correct"  # seed 2: 12 rows
    box = ns["q4"].widget()
    box.control.value = "  roofing "
    assert box.check().status == "correct"
    box = ns["q5"].widget()
    assert [label for label, _ in box.control.options] == ["Yes", "No"]
    box.control.value = False
    assert box.check().status == "correct"
    box = ns["q7"].widget()
    box.control.value = dt.date(2024, 4, 1)
    assert box.check().status == "correct"
    box = ns["q8"].widget()
    box.control.value = "25%"
    assert box.check().status == "correct"


def test_hints_build_up_and_stop(ns) -> None:
    box = ns["q3"].widget()
    first = box.show_hint()
    assert first.tier == 1 and box.hint_button.description == "Show a bigger hint"
    second = box.show_hint()
    assert second.tier == 2 and second.earlier == ("Look again at the lesson.",)
    assert box.hint_button.disabled and box.hint_button.description == "No more hints"
    text = box.output.outputs[-1]["data"]["text/plain"]
    assert "Hint 1 of 2" in text and "Hint 2 of 2" in text and "hint(" not in text


def test_show_the_answer_in_words_not_code(ns) -> None:
    shown = str(ns["q1"].widget().show_solution())
    assert "The right answer is B. Buy the newest tools." in shown and "reason =" not in shown
    assert "A. Get their data in order" in str(ns["q2"].widget().show_solution())
    assert "The right answer is 12." in str(ns["q3"].widget().show_solution())
    assert "Any number from 0.2 to 0.3." in str(ns["q8"].widget().show_solution())


def test_answer_fills_in_and_checks(ns) -> None:
    box = ns["q2"].widget(answer=["c", "a"])
    assert box.outcome.status == "correct" and ns["challenges"] == ["A", "C"]
    ns["reason"] = "A"
    assert ns["q1"].widget().control.value == "A"  # an earlier answer is shown again, not checked
    with pytest.raises(LabkitError, match="not one of the options"):
        ns["q1"].widget(answer="Z")


def test_parts_get_one_box_each(ns) -> None:
    box = ns["q9"].widget()
    assert [b.kind for b in box.boxes] == ["choice", "number"]
    assert "labkit-widget-question" in box._dom_classes
    box.boxes[0].control.value = "chatbot"
    assert box.boxes[0].check().status == "correct"
    assert ns["q9"].a.widget().kind == "choice"
    with pytest.raises(LabkitError, match="has parts"):
        ns["q9"].widget(answer=1)


def test_code_only_question_says_how_to_answer(ns) -> None:
    with pytest.raises(LabkitError, match="answered in code"):
        ns["q10"].widget()


def test_accessible_marks_and_readable_repr(ns) -> None:
    box = ns["q1"].widget()
    assert box._dom_classes == ("labkit-widget", "labkit-widget-question")
    assert "labkit-output" in box.output._dom_classes
    assert "labkit-staged" in box.control._dom_classes
    assert box.control.description == "Your answer"
    assert [b.description for b in (box.check_button, box.hint_button, box.solution_button)] == [
        "Check",
        "Show a hint",
        "Show the answer",
    ]
    assert repr(box) == "Answer box for Question 1. Choose one answer, then press Check."
    assert box._repr_mimebundle_()["text/plain"] == repr(box)


def test_parse_and_convert_without_a_browser() -> None:
    assert parse_number("1,250") == 1250 and parse_number("-£3.50") == -3.5
    assert parse_number("12%") == 0.12 and parse_number("0.5") == 0.5
    for text in ("", "12 jobs", "1,25", "£", "1.2.3", "twelve"):
        assert parse_number(text) is None, text
    assert read_answer("text", "  two   words ") == "two words"
    assert read_answer("text", "   ") is BLANK and read_answer("choices", ()) is BLANK
    assert isinstance(read_answer("number", "a dozen"), Unreadable)
    assert read_answer("date", dt.date(2024, 4, 1)) == "2024-04-01"
    assert control_value("truefalse", False) is False
    assert control_value("date", "2024-04-01") == dt.date(2024, 4, 1)
    with pytest.raises(LabkitError):
        control_value("choices", "AC", {"A": "a", "C": "c"})
    with pytest.raises(LabkitError):
        control_value("number", "12")


def test_declarations_are_checked() -> None:
    with pytest.raises(LabkitError, match="not a kind of answer box"):
        _q("q1", "?", "x", Equals(1), [2], widget="slider")
    with pytest.raises(LabkitError, match="needs the options"):
        _q("q1", "?", "x", Equals(1), [2], widget="choice")
    with pytest.raises(LabkitError, match="two or more options"):
        _q("q1", "?", "x", Equals(1), [2], options=["only"])
    with pytest.raises(LabkitError, match="track must be one of"):
        _q("q1", "?", "x", Equals(1), [2], track="manager")


def test_options_show_under_the_prompt_for_code_users(ns) -> None:
    assert "A. Get their data in order\nB. Buy the newest tools" in repr(ns["q1"])
