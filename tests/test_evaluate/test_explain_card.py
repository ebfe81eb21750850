"""Explanations in plain words, and the model card with its ATRS fields."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.evaluate import (
    ATRS_MODEL_SPECIFICATION,
    ModelCard,
    choose_threshold,
    evaluate,
    explain_case,
    explain_model,
    model_card,
)

from .conftest import FEATURES


def test_permutation_importance_ranks_the_planted_effect_first(fitted):
    model, _, test = fitted
    X = test[FEATURES]
    before = X.copy()
    report = explain_model(model, X, test["target_missed"], noun="repair", outcome="missed the target")
    assert report.importance["feature"].iloc[0] == "no_access_visits"
    assert "The model leans most on no_access_visits" in report.summary
    dep = report.dependence["no_access_visits"]
    assert dep["average predicted chance"].iloc[-1] > dep["average predicted chance"].iloc[0]
    assert "As no_access_visits goes from" in report.summary
    assert any("By trade" in s for s in report.summary.split("\n\n"))
    assert report.figure is not None and "average predicted chance" in report.figure.alt
    pd.testing.assert_frame_equal(X, before)
    json.dumps(report.to_dict())


def test_explain_model_is_deterministic_with_a_seed(fitted):
    model, _, test = fitted
    a = explain_model(model, test[FEATURES], test["target_missed"], seed=4, plot=False, max_rows=300)
    b = explain_model(model, test[FEATURES], test["target_missed"], seed=4, plot=False, max_rows=300)
    pd.testing.assert_frame_equal(a.importance, b.importance)


def test_explain_case_names_what_pushed_the_score(fitted):
    model, _, test = fitted
    X = test[FEATURES]
    label = X.index[X["no_access_visits"].to_numpy().argmax()]
    case = explain_case(model, X, label, noun="repair", outcome="missed the target")
    top = case.contributions.iloc[0]
    assert top["feature"] == "no_access_visits"
    assert top["push (percentage points)"] > 0
    assert case.score == pytest.approx(model.predict_proba(X.loc[[label]])[0, 1])
    assert "Pushed up most by no_access_visits" in case.summary
    again = explain_case(model, X, X.loc[[label]])
    pd.testing.assert_frame_equal(case.contributions, again.contributions)


def test_explanations_bad_input(fitted):
    from sklearn.linear_model import LogisticRegression

    model, _, test = fitted
    X, y = test[FEATURES], test["target_missed"]
    with pytest.raises(LabkitError, match="DataFrame"):
        explain_model(model, X.to_numpy(), y)
    with pytest.raises(LabkitError, match="not been trained"):
        explain_model(LogisticRegression(), X, y)
    with pytest.raises(LabkitError, match="no row labelled"):
        explain_case(model, X, "no such label")
    with pytest.raises(LabkitError, match="one row"):
        explain_case(model, X, X.head(2))
    with pytest.raises(LabkitError, match="must match"):
        explain_model(model, X, y.iloc[:10])


def _card(fitted, **extra):
    model, _, test = fitted
    report = evaluate(
        model, test[FEATURES], test["target_missed"], noun="repair", outcome="missed the target"
    )
    args = {
        "model_name": "Repairs at risk",
        "task": "Estimate the chance that a responsive repair misses its target",
        "intended_use": "Repairs planners review a weekly list of jobs at risk and call the tenant.",
        "datasets": {"Repairs 2021-22 to 2023-24": "training", "Repairs 2024-25": "testing"},
    }
    args.update(extra)
    return report, model_card(report, **args)


def test_model_card_fills_every_atrs_model_specification_field(fitted):
    report, card = _card(fitted)
    assert isinstance(card, ModelCard)
    names = [name for _, name, _ in ATRS_MODEL_SPECIFICATION]
    assert names == [
        "Model name",
        "Model version",
        "Model task",
        "Model input",
        "Model output",
        "Model architecture",
        "Model performance",
        "Datasets and their purposes",
    ]
    atrs = card.to_atrs()
    assert list(atrs) == names and all(atrs[n] for n in names)
    assert "LogisticRegression" in atrs["Model architecture"]
    lo, hi = report.interval("roc_auc")
    assert (
        f"ROC-AUC {report.values['roc_auc']:.3f} (95% interval {lo:.3f} to {hi:.3f})"
        in atrs["Model performance"]
    )
    assert "fairness" in atrs["Model performance"]
    assert "trade, no_access_visits and imd_decile" in atrs["Model input"]
    assert (
        atrs["Datasets and their purposes"]
        == "Repairs 2021-22 to 2023-24: training. Repairs 2024-25: testing."
    )
    headings = [s.heading for s in card.sections]
    for heading in ["Intended use", "Data", "Metrics", "Limitations", "Ethical considerations"]:
        assert heading in headings
    md = card.to_markdown()
    assert "| 2.4.2.7 | Model performance |" in md
    data = json.loads(json.dumps(card.to_dict()))
    assert data["atrs_model_specification"][0]["v3_attribute"] == "model_name"
    assert "Model card: Repairs at risk" in card.to_html()


def test_model_card_records_the_chosen_threshold(fitted):
    report, _ = _card(fitted)
    choice = choose_threshold(
        report=report, cost_action=50, cost_harm=300, prevented=0.5, capacity=200, plot=False
    )
    _, card = _card(fitted, threshold_choice=choice, fairness="Recall is similar across ethnic groups.")
    atrs = card.to_atrs()
    assert f"at least {choice.threshold:.3f}" in atrs["Model output"]
    assert "£50" in atrs["Model performance"] and "capacity of 200" in atrs["Model performance"]
    assert "assumed to prevent 50% of those harms" in atrs["Model performance"]
    assert "Recall is similar across ethnic groups." in atrs["Model performance"]


def test_model_card_bad_input(fitted):
    with pytest.raises(LabkitError, match="intended_use is missing"):
        _card(fitted, intended_use="  ")
    with pytest.raises(LabkitError, match="datasets"):
        _card(fitted, datasets={})
    with pytest.raises(LabkitError, match="EvaluationReport"):
        model_card("report", model_name="x", task="x", intended_use="x", datasets={"a": "b"})
    scores_only = evaluate(y_true=[0, 1, 0, 1], y_score=[0.1, 0.9, 0.3, 0.6], plot=False)
    with pytest.raises(LabkitError, match="model_architecture is missing"):
        model_card(scores_only, model_name="x", task="x", intended_use="x", datasets={"a": "b"})
    card = model_card(
        scores_only,
        model_name="x",
        task="x",
        intended_use="x",
        datasets={"a": "b"},
        model_architecture="Rules.",
    )
    assert card.to_atrs()["Model architecture"] == "Rules."
    assert np.isfinite(scores_only.values["roc_auc"])
