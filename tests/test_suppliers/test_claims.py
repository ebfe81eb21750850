"""Reading claims files and checking claims: numbers equal scikit-learn's; bad input is a LabkitError."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, precision_score, recall_score, roc_auc_score

from labkit import LabkitError
from labkit.suppliers import check_claims, read_claims


def _data(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.3
    score = np.clip(0.3 + 0.25 * y + rng.normal(0, 0.2, n), 0, 1)
    group = rng.choice(["A", "B"], size=n)
    return pd.DataFrame(
        {"case_id": [f"C{i:05d}" for i in range(n)], "outcome": y, "score": score, "group": group}
    )


def _claims(*claims):
    return {"supplier": "Acme", "product": "Widget", "claims": list(claims)}


POP = {"description": "Test data", "council": "Northbrook"}


def test_recomputed_values_equal_scikit_learn():
    d = _data()
    claims = _claims(
        {"id": "a", "metric": "accuracy", "value": 0.5, "threshold": 0.45, "population": POP},
        {"id": "p", "metric": "precision", "value": 0.5, "threshold": 0.45, "population": POP},
        {"id": "r", "metric": "recall", "value": 0.5, "threshold": 0.45, "population": POP},
        {"id": "u", "metric": "roc_auc", "value": 0.5, "population": POP},
    )
    check = check_claims(claims, d, label="outcome", scores=d[["case_id", "score"]], id_column="case_id")
    got = dict(zip(check.verdicts["claim"], check.verdicts["on_your_data"], strict=True))
    flag = d["score"] >= 0.45
    assert got["a"] == pytest.approx(accuracy_score(d["outcome"], flag))
    assert got["p"] == pytest.approx(precision_score(d["outcome"], flag))
    assert got["r"] == pytest.approx(recall_score(d["outcome"], flag))
    assert got["u"] == pytest.approx(roc_auc_score(d["outcome"], d["score"]))
    v = check.verdicts.set_index("claim")
    assert (v["lower"] <= v["on_your_data"]).all() and (v["on_your_data"] <= v["upper"]).all()


def test_verdict_turns_on_the_interval():
    d = _data()
    auc = roc_auc_score(d["outcome"], d["score"])
    claims = _claims(
        {"id": "modest", "metric": "roc_auc", "value": round(auc - 0.05, 2), "population": POP},
        {"id": "close", "metric": "roc_auc", "value": round(auc, 3), "population": POP},
        {"id": "over", "metric": "roc_auc", "value": min(1.0, round(auc + 0.08, 2)), "population": POP},
    )
    check = check_claims(claims, d, label="outcome", scores=d["score"].to_numpy())
    assert [check.verdict(c) for c in ("modest", "close", "over")] == [
        "supported",
        "supported",
        "not supported",
    ]
    assert check.findings["code"].tolist() == ["not_supported"]
    with pytest.raises(LabkitError, match="no claim"):
        check.verdict("nope")


def test_fairness_ratio_and_population_flags():
    d = _data()
    d.loc[d["group"] == "B", "score"] *= 0.6  # group B flagged far less often
    claims = _claims(
        {
            "id": "f",
            "metric": "selection_rate_ratio",
            "value": 0.9,
            "threshold": 0.45,
            "group": "group",
            "population": {"description": "Elsewhere", "council": "Eastmere"},
        },
    )
    check = check_claims(claims, d, label="outcome", scores=d["score"].to_numpy(), council="Northbrook")
    assert check.verdict("f") == "not supported"
    assert {"other_population", "not_supported"} == check.codes
    rates = (d["score"] >= 0.45).groupby(d["group"]).mean()
    assert check.verdicts["on_your_data"].iloc[0] == pytest.approx(rates.min() / rates.max())


def test_unchecked_claims_get_a_question_not_a_flag():
    d = _data()
    claims = _claims({"id": "t", "metric": "hours_saved_per_week", "value": 10})
    check = check_claims(claims, d, label="outcome", scores=d["score"].to_numpy())
    assert check.verdict("t") == "cannot be checked"
    assert check.findings.empty
    assert "baseline" in check.verdicts["question"].iloc[0]


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ({"id": "x", "metric": "awesomeness", "value": 0.9, "population": POP}, "not one labkit knows"),
        ({"id": "x", "metric": "recall", "value": 0.9, "population": POP}, "no threshold"),
        ({"id": "x", "metric": "roc_auc", "value": 0.9}, "which population"),
        ({"id": "x", "metric": "roc_auc", "value": "high", "population": POP}, "no number"),
        ({"id": "x", "metric": "accuracy", "value": 74, "threshold": 0.5, "population": POP}, "74% is 0.74"),
        (
            {"id": "x", "metric": "recall", "value": 0.5, "threshold": 5, "population": POP},
            "score from 0 to 1",
        ),
        (
            {"id": "x", "metric": "selection_rate_ratio", "value": 0.8, "threshold": 0.5, "population": POP},
            "which groups",
        ),
    ],
)
def test_bad_claims_are_refused(claim, message):
    with pytest.raises(LabkitError, match=message):
        read_claims(_claims(claim))


def test_bad_claims_files(tmp_path):
    with pytest.raises(LabkitError, match="no claims file"):
        read_claims(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims: [unclosed", encoding="utf-8")
    with pytest.raises(LabkitError, match="not readable YAML"):
        read_claims(bad)
    bad.write_text("supplier: Acme\n", encoding="utf-8")
    with pytest.raises(LabkitError, match="list of claims"):
        read_claims(bad)
    dup = _claims(
        {"id": "a", "metric": "roc_auc", "value": 0.7, "population": POP},
        {"id": "a", "metric": "roc_auc", "value": 0.7, "population": POP},
    )
    with pytest.raises(LabkitError, match="share the id"):
        read_claims(dup)


def _auc_claims():
    return _claims({"id": "u", "metric": "roc_auc", "value": 0.6, "population": POP})


def test_scores_whose_ids_do_not_match_the_sample():
    d = _data(200)
    scores = d[["case_id", "score"]].copy()
    short = scores.iloc[:-5]
    with pytest.raises(LabkitError, match="5 of your cases have no score"):
        check_claims(_auc_claims(), d, label="outcome", scores=short, id_column="case_id")
    other = scores.assign(case_id=scores["case_id"].str.replace("C", "X"))
    with pytest.raises(LabkitError, match="IDs you did not send"):
        check_claims(_auc_claims(), d, label="outcome", scores=other, id_column="case_id")
    dup = pd.concat([scores, scores.iloc[:1]])
    with pytest.raises(LabkitError, match="more than once in the supplier's scores"):
        check_claims(_auc_claims(), d, label="outcome", scores=dup, id_column="case_id")
    with pytest.raises(LabkitError, match="more than once in your data"):
        check_claims(
            _auc_claims(), pd.concat([d, d.iloc[:1]]), label="outcome", scores=scores, id_column="case_id"
        )
    with pytest.raises(LabkitError, match="needs the ID column"):
        check_claims(_auc_claims(), d, label="outcome", scores=scores)
    with pytest.raises(LabkitError, match="not numbers"):
        check_claims(
            _auc_claims(), d, label="outcome", scores=scores.assign(score="high"), id_column="case_id"
        )
    with pytest.raises(LabkitError, match="no score column 'risk'"):
        check_claims(
            _auc_claims(), d, label="outcome", scores=scores, id_column="case_id", score_column="risk"
        )


def test_scores_are_matched_by_id_not_by_order():
    d = _data(500)
    shuffled = d[["case_id", "score"]].sample(frac=1, random_state=1)
    a = check_claims(_auc_claims(), d, label="outcome", scores=shuffled, id_column="case_id")
    b = check_claims(_auc_claims(), d, label="outcome", scores=d["score"].to_numpy())
    assert a.verdicts["on_your_data"].iloc[0] == pytest.approx(b.verdicts["on_your_data"].iloc[0])


def test_other_bad_arguments():
    d = _data(100)
    s = d["score"].to_numpy()
    with pytest.raises(LabkitError, match="either the supplier's model or the scores"):
        check_claims(_auc_claims(), d, label="outcome")
    with pytest.raises(LabkitError, match="label column 'missed'"):
        check_claims(_auc_claims(), d, label="missed", scores=s)
    with pytest.raises(LabkitError, match="True/False"):
        check_claims(_auc_claims(), d.assign(outcome="perhaps"), label="outcome", scores=s)
    with pytest.raises(LabkitError, match="blank"):
        check_claims(_auc_claims(), d.assign(outcome=None), label="outcome", scores=s)
    with pytest.raises(LabkitError, match="list of column names"):
        check_claims(_auc_claims(), d, label="outcome", scores=s, protected="group")
    with pytest.raises(LabkitError, match="not in your data"):
        check_claims(_auc_claims(), d, label="outcome", scores=s, protected=["ethnicity"])
    with pytest.raises(LabkitError, match="one number per row"):
        check_claims(_auc_claims(), d, label="outcome", scores=s[:10])
    with pytest.raises(LabkitError, match="at least one row"):
        check_claims(_auc_claims(), d.iloc[:0], label="outcome", scores=s[:0])


def test_the_report_saves_in_every_format(tmp_path, tender):
    bid = tender.bids["haldor"]
    check = check_claims(bid.claims, tender.local, scores=bid.scores_path, **tender.check_kwargs())
    for suffix in (".html", ".md", ".json"):
        path = check.save(tmp_path / f"check{suffix}")
        assert "Haldor" in path.read_text(encoding="utf-8")
    assert check.to_dict()["findings"][0]["code"] in {"proxy", "not_supported"}
    assert "not supported" in check.to_markdown()
