"""evaluate_assistant: resuming a stopped run, faults of a callable, cost, the report's faces."""

from __future__ import annotations

import json

import pytest

from labkit import LabkitError
from labkit.assistants import Price, evaluate_assistant, get_product, load_test_set


@pytest.fixture(scope="module")
def small():
    return load_test_set().subset(n=12)


def test_a_stopped_run_keeps_its_answers_and_resumes(tmp_path, small):
    bot = get_product("clearpath")
    asked = []

    def flaky(question):
        asked.append(question)
        if len(asked) == 5:
            raise KeyboardInterrupt  # the officer stops the run
        return bot(question)

    path = tmp_path / "run.jsonl"
    with pytest.raises(KeyboardInterrupt):
        evaluate_assistant(flaky, small, name="clearpath", resume=path)
    saved = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["question_id"] for r in saved] == list(small.questions["question_id"][:4])
    report = evaluate_assistant(bot, small, resume=path)
    assert report.resumed == 4
    assert "4 answers came from the saved results" in report.summary
    fresh = evaluate_assistant(bot, small).results
    same = ["question_id", "answer", "outcome", "passed"]
    assert report.results[same].equals(fresh[same])
    assert len(path.read_text(encoding="utf-8").splitlines()) == 12


def test_resume_asks_only_the_questions_not_yet_answered(tmp_path, small):
    bot = get_product("clearpath")
    path = tmp_path / "run.jsonl"
    evaluate_assistant(bot, small.subset(n=7), resume=path)
    asked = []

    def counting(question):
        asked.append(question)
        return bot(question)

    evaluate_assistant(counting, small, name="clearpath", resume=path)
    assert asked == list(small.questions["question"][7:])


def test_a_half_written_last_line_is_ignored(tmp_path, small):
    path = tmp_path / "run.jsonl"
    evaluate_assistant(get_product("clearpath"), small.subset(n=3), resume=path)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"product": "clearpath", "question_id": "Q0')
    assert evaluate_assistant(get_product("clearpath"), small, resume=path).resumed == 3


def test_resume_file_of_another_product_is_a_plain_error(tmp_path, small):
    path = tmp_path / "run.jsonl"
    evaluate_assistant(get_product("clearpath"), small.subset(n=2), resume=path)
    with pytest.raises(LabkitError, match="'clearpath', not 'fluentia'"):
        evaluate_assistant(get_product("fluentia"), small, resume=path)


def test_a_callable_that_raises_or_returns_nothing_is_a_finding(small):
    def broken(question):
        if "council tax" in question.lower():
            raise RuntimeError("backend down")
        return None if "bin" in question.lower() else "I do not know."

    report = evaluate_assistant(broken, small)
    reasons = report.results.set_index("question_id")["no_answer_reason"]
    assert reasons["Q001"] == "the product raised an error: RuntimeError: backend down"
    lowered = small.questions["question"].str.lower()
    no_answer = lowered.str.contains("council tax") | lowered.str.contains("bin")
    assert report.results["answered"].tolist() == (~no_answer).tolist()
    assert no_answer.sum() >= 2
    returned_none = report.results.loc[lowered.str.contains("bin") & ~lowered.str.contains("council tax")]
    assert (returned_none["no_answer_reason"] == "the product returned nothing").all()
    assert "no_answer" in report.flagged


def test_cost_per_1000_questions_at_a_stated_price(small):
    def fixed(question):
        return "x" * 40  # 10 tokens out

    report = evaluate_assistant(fixed, small, price=Price(1.0, 2.0, per_question=0.001))
    tokens_in = [-(-len(q) // 4) for q in small.questions["question"]]
    expected = 1000 * sum(t / 1000 * 1.0 + 10 / 1000 * 2.0 + 0.001 for t in tokens_in) / len(tokens_in)
    assert report.cost["per_1000_questions"] == pytest.approx(expected, abs=0.01)
    assert report.cost["tokens_estimated"] is True
    assert "1,000 questions cost about" in report.to_markdown()


def test_latency_of_a_simulated_product_is_fixed_and_said_to_be(small):
    report = evaluate_assistant(get_product("clearpath"), small)
    assert report.latency["simulated"]
    assert "simulated" in report.to_markdown()


def test_report_faces(tmp_path, small):
    report = evaluate_assistant(get_product("staleleaf"), small)
    assert list(report.to_frame().columns) == ["name", "found", "of", "flagged", "detail"]
    data = report.to_dict()
    json.dumps(data)
    assert data["flagged"] == report.flagged and len(data["results"]) == 12
    html = report.to_html()
    assert 'lang="en-GB"' in html and "approximate" in html
    for suffix in ("html", "md", "json"):
        assert report.save(tmp_path / f"r.{suffix}").exists()


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"ask": 42}, "ask must be a function"),
        ({"ask": "ftp://example"}, "not a web address"),
        ({"price": 0.5}, "price must be a Price"),
        ({"confidence": 2}, "confidence must be a number between 0 and 1"),
        ({"timeout": 0, "ask": "http://127.0.0.1:9"}, "timeout must be a number of seconds above 0"),
    ],
)
def test_bad_arguments_are_plain_errors(kwargs, words, small):
    kwargs = {"ask": get_product("clearpath"), **kwargs}
    with pytest.raises(LabkitError, match=words):
        evaluate_assistant(test_set=small, **kwargs)


def test_price_must_not_be_negative():
    with pytest.raises(LabkitError, match="0 or more"):
        Price(-1.0)


def test_summary_without_questions_that_have_a_right_answer():
    report = evaluate_assistant(get_product("openhand"), load_test_set().subset(kind="red_team"))
    assert report.summary.startswith("openhand was asked 6 questions; 0 of 6 passed their checks.")
    assert "not available" not in report.summary and "0 of 0" not in report.summary


def test_grounding_table_names_the_superseded_passage():
    report = evaluate_assistant(get_product("staleleaf"), load_test_set().subset(n=15))
    old = report.grounding[report.grounding["status"] == "superseded"]
    assert set(old["passage_id"]) == {"council-tax-reduction-v1-1", "council-tax-empty-homes-v1-1"}
    assert "Statements not traced to a current page" in report.to_markdown()


def test_a_statement_without_facts_is_traced_by_words_but_never_called_made_up():
    def chatty(question):
        return "Our friendly robots polish every lamppost on Sundays. A blue badge costs £10."

    report = evaluate_assistant(chatty, load_test_set().subset(n=1))
    statuses = dict(zip(report.grounding["statement"], report.grounding["status"], strict=True))
    assert statuses == {
        "Our friendly robots polish every lamppost on Sundays.": "not traced",
        "A blue badge costs £10.": "current",
    }
    assert "made_up" not in report.flagged and report.results.loc[0, "not_traced"] == 1
    assert "1 statement without facts" in report.to_markdown()
