"""The lesson-04 model and its model card, built once per test session (as lesson 04 builds them)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def lesson04_card():
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    from labkit import data
    from labkit.evaluate import choose_threshold, evaluate, model_card, temporal_split

    repairs = data.load("housing_repairs", clean=True)
    train, test = temporal_split(repairs, "financial_year")
    numeric = ["no_access_visits", "imd_decile", "target_working_days"]
    categories = ["priority", "trade", "channel", "hazard_flag"]
    features = numeric + categories
    prepare = ColumnTransformer(
        [
            ("numbers", StandardScaler(), numeric),
            ("categories", OneHotEncoder(handle_unknown="ignore"), categories),
        ]
    )
    model = make_pipeline(prepare, LogisticRegression(max_iter=1000)).fit(
        train[features], train["target_missed"]
    )
    report = evaluate(
        model,
        test[features],
        test["target_missed"],
        threshold=0.3,
        noun="repair",
        outcome="missed the target",
        plot=False,
    )
    choice = choose_threshold(report=report, cost_action=40, cost_harm=300, prevented=0.5, capacity=25 * 52)
    return model_card(
        report,
        model_name="Northbrook repairs at risk (teaching example)",
        model_version="0.1",
        task="Estimate the chance that an open responsive repair will miss its target",
        intended_use="A weekly list for repairs planners, who decide whether to call the tenant, rebook or "
        "escalate.",
        datasets={
            "Synthetic Northbrook housing repairs, 2021-22 to 2023-24": "training",
            "Synthetic Northbrook housing repairs, 2024-25": "testing (never used in training)",
        },
        threshold_choice=choice,
    )


@pytest.fixture
def good_record(lesson04_card):
    from labkit.transparency import atrs_record, example_answers, example_canvas

    return atrs_record(example_answers(), model_card=lesson04_card, canvas=example_canvas())
