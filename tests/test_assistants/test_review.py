"""The human-review sample (stratified, blind to the automatic verdict) and agreement with the checks."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from labkit import LabkitError
from labkit.assistants import evaluate_assistant, get_product, import_review, review_sample


@pytest.fixture(scope="module")
def report():
    return evaluate_assistant(get_product("staleleaf"))


def test_sample_is_stratified_and_blind(report, tmp_path):
    sample = review_sample(report, n=30, seed=1, path=tmp_path / "sample.csv")
    assert len(sample) == 30 and sample["question_id"].is_unique
    assert "passed" not in sample.columns and "outcome" not in sample.columns
    results = report.results.set_index("question_id")
    strata = results.loc[sample["question_id"], ["kind", "passed"]].value_counts()
    # Every kind of question and every verdict is in the sample, rare ones included.
    assert len(strata) == len(report.results[["kind", "passed"]].value_counts())
    assert pd.read_csv(tmp_path / "sample.csv", keep_default_na=False)["mark"].eq("").all()


def test_same_seed_same_sample(report):
    assert review_sample(report, seed=3).equals(review_sample(report, seed=3))
    assert not review_sample(report, seed=3).equals(review_sample(report, seed=4))


def test_agreement_matches_scikit_learn(report, tmp_path):
    sample = review_sample(report, n=24, seed=2)
    auto = report.results.set_index("question_id").loc[sample["question_id"], "passed"].to_numpy()
    # A reviewer who agrees except on three answers the checks passed.
    marks = ["acceptable" if a else "not acceptable" for a in auto]
    flipped = [i for i, a in enumerate(auto) if a][:3]
    for i in flipped:
        marks[i] = "not acceptable"
    sample["mark"] = marks
    sample.loc[0, "mark"] = ""  # not marked yet: left out
    path = tmp_path / "marked.csv"
    sample.to_csv(path, index=False)
    agreement = import_review(report, path)
    kept = [i for i in range(len(marks)) if i != 0]
    auto_marks = ["acceptable" if auto[i] else "not acceptable" for i in kept]
    human = [marks[i] for i in kept]
    assert agreement.marked == 23
    assert agreement.kappa == pytest.approx(cohen_kappa_score(auto_marks, human))
    assert agreement.agreement == pytest.approx(
        sum(a == h for a, h in zip(auto_marks, human, strict=True)) / 23
    )
    assert int(agreement.table.loc["acceptable", "not acceptable"]) == len([i for i in flipped if i != 0])
    assert "what automatic checks miss" in agreement.summary
    assert len(agreement.disagreements) == len([i for i in flipped if i != 0])


def test_review_from_the_results_csv(report, tmp_path):
    path = tmp_path / "results.csv"
    report.results.drop(columns=["traces"]).to_csv(path, index=False)
    sample = review_sample(path, n=10)
    sample["mark"] = "yes"
    assert import_review(path, sample).marked == 10


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"mark": "maybe"}, "'maybe' is not one labkit reads"),
        ({"mark": ""}, "No answer in the sample has been marked"),
        ({"question_id": "Z999", "mark": "yes"}, "'Z999', which is not in the results"),
    ],
)
def test_bad_marks_are_plain_errors(report, change, words):
    sample = review_sample(report, n=5)
    for column, value in change.items():
        sample[column] = value
    with pytest.raises(LabkitError, match=words):
        import_review(report, sample)


def test_bad_sample_size(report):
    with pytest.raises(LabkitError, match="n must be a whole number"):
        review_sample(report, n=0)
    assert len(review_sample(report, n=10_000)) == len(report.results)


def test_a_sample_smaller_than_the_strata_takes_failures_first(report):
    sample = review_sample(report, n=2)
    verdicts = report.results.set_index("question_id").loc[sample["question_id"], "passed"]
    assert len(sample) == 2 and sorted(verdicts) == [False, True]  # the failures' stratum is in
