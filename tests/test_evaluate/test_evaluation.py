"""evaluate(): the report, its words, baselines, calibration, periods and bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from labkit import LabkitError
from labkit.evaluate import EvaluationReport, evaluate

from .conftest import FEATURES

Y = [1, 0, 1, 0, 1, 0, 1, 0]
S = [0.9, 0.2, 0.7, 0.6, 0.4, 0.1, 0.8, 0.3]


def test_report_from_model_matches_report_from_scores(fitted):
    model, _, test = fitted
    from_model = evaluate(model, test[FEATURES], test["target_missed"], plot=False)
    scores = model.predict_proba(test[FEATURES])[:, 1]
    from_scores = evaluate(y_true=test["target_missed"], y_score=scores, plot=False)
    assert isinstance(from_model, EvaluationReport)
    assert from_model.values == from_scores.values
    assert from_model.values["roc_auc"] == pytest.approx(roc_auc_score(test["target_missed"], scores))
    assert from_model.features == FEATURES


def test_confusion_matrix_in_words_uses_real_counts():
    r = evaluate(y_true=Y, y_score=S, noun="repair", outcome="missed the target", plot=False)
    c = r.confusion
    assert (c.tp, c.fp, c.fn, c.tn) == (3, 1, 1, 3)
    assert "Of 4 repairs flagged, 3 missed the target (75.0%)." in r.summary
    assert "1 repair that missed the target was not flagged" in r.summary
    assert r.summary.startswith("The model was tested on 8 repairs, of which 4 (50.0%) missed the target.")


def test_irregular_plural_nouns():
    r = evaluate(y_true=Y, y_score=S, noun=("property", "properties"), outcome="had damp", plot=False)
    assert "Of 4 properties flagged, 3 had damp" in r.summary


def test_intervals_contain_the_values_and_are_reported():
    r = evaluate(y_true=Y * 20, y_score=S * 20, plot=False)
    for key in ["precision", "recall", "f1", "balanced_accuracy", "roc_auc", "pr_auc", "brier"]:
        lo, hi = r.interval(key)
        assert lo <= r.values[key] <= hi
        assert hi - lo > 0
    with pytest.raises(LabkitError, match="no metric called"):
        r.interval("accuracy_score")


def test_wider_confidence_gives_wider_intervals():
    narrow = evaluate(y_true=Y * 20, y_score=S * 20, confidence=0.8, plot=False).interval("roc_auc")
    wide = evaluate(y_true=Y * 20, y_score=S * 20, confidence=0.99, plot=False).interval("roc_auc")
    assert wide[0] < narrow[0] and wide[1] > narrow[1]


def test_baselines_include_majority_class_and_the_officers_rule(repairs):
    X = repairs[[*FEATURES, "financial_year"]]
    y = repairs["target_missed"]
    scores = np.clip(0.1 + 0.2 * repairs["no_access_visits"], 0, 1)
    r = evaluate(
        X=X,
        y_true=y,
        y_score=scores,
        baseline_rule=lambda X: X["no_access_visits"] >= 1,
        baseline_name="flag repairs with a no-access visit",
        plot=False,
    )
    assert list(r.baselines["approach"]) == [
        "The model",
        "Majority class: flag no cases",
        "Rule: flag repairs with a no-access visit",
    ]
    majority = r.baselines.iloc[1]
    assert majority["flagged"] == 0 and majority["recall"] == 0 and majority["ROC-AUC"] == 0.5
    rate = y.mean()
    assert majority["Brier score"] == pytest.approx(rate * (1 - rate))
    rule = r.baselines.iloc[2]
    flags = (repairs["no_access_visits"] >= 1).to_numpy()
    assert rule["flagged"] == flags.sum()
    assert rule["recall"] == pytest.approx((flags & y.to_numpy()).sum() / y.sum())
    assert rule["ROC-AUC"] == pytest.approx(roc_auc_score(y, flags))
    assert "the rule 'flag repairs with a no-access visit' flags" in r.summary


def test_rule_can_be_a_column_or_flags(repairs):
    X = repairs.assign(has_visit=repairs["no_access_visits"] >= 1)
    scores = np.full(len(X), 0.2) + 0.1 * repairs["no_access_visits"].clip(upper=5)
    by_name = evaluate(X=X, y_true=X["target_missed"], y_score=scores, baseline_rule="has_visit", plot=False)
    by_flags = evaluate(y_true=X["target_missed"], y_score=scores, baseline_rule=X["has_visit"], plot=False)
    pd.testing.assert_frame_equal(by_name.baselines, by_flags.baselines)
    with pytest.raises(LabkitError, match="no such column"):
        evaluate(X=X, y_true=X["target_missed"], y_score=scores, baseline_rule="nope", plot=False)
    with pytest.raises(LabkitError, match="rule failed"):
        evaluate(
            X=X, y_true=X["target_missed"], y_score=scores, baseline_rule=lambda X: X["nope"], plot=False
        )
    with pytest.raises(LabkitError, match="flags for"):
        evaluate(y_true=X["target_missed"], y_score=scores, baseline_rule=[True, False], plot=False)


def test_calibration_table_counts_every_case_and_judges_each_band():
    rng = np.random.default_rng(1)
    s = rng.random(5000)
    y = rng.random(5000) < s  # perfectly calibrated by construction
    r = evaluate(y_true=y, y_score=s, n_bins=10, plot=False)
    cal = r.calibration
    assert cal["cases"].sum() == 5000
    assert len(cal) == 10
    assert (cal["verdict"] == "about right").sum() >= 8
    overconfident = evaluate(y_true=y, y_score=np.clip(s * 1.6, 0, 1), plot=False).calibration
    assert (overconfident["verdict"] == "predicts too high").sum() >= 5


def test_calibration_figure_has_a_text_alternative():
    r = evaluate(y_true=Y * 10, y_score=S * 10)
    figures = [f for s in r.sections for f in s.figures]
    assert len(figures) == 1
    assert not figures[0].drawn, "the chart is drawn only when shown"
    r.to_dict(), r.to_markdown()
    assert not figures[0].drawn
    assert 'src="data:image/png;base64,' in r._repr_html_() and figures[0].drawn
    assert figures[0].png.startswith(b"\x89PNG")
    assert r.calibration_figure is figures[0]
    assert evaluate(y_true=Y, y_score=S, plot=False).calibration_figure is None
    assert "score bands" in figures[0].alt and "diagonal" in figures[0].alt


def test_performance_by_period(repairs):
    scores = np.clip(0.1 + 0.2 * repairs["no_access_visits"], 0, 1)
    r = evaluate(
        X=repairs,
        y_true=repairs["target_missed"],
        y_score=scores,
        periods="financial_year",
        period_name="financial year",
        plot=False,
    )
    bp = r.by_period
    assert list(bp["financial year"]) == ["2021-22", "2022-23", "2023-24", "2024-25"]
    assert bp["cases"].sum() == len(repairs)
    first = repairs["financial_year"] == "2021-22"
    assert bp["ROC-AUC"].iloc[0] == pytest.approx(
        roc_auc_score(repairs.loc[first, "target_missed"], scores[first])
    )
    assert "By financial year: ROC-AUC runs from" in r.summary


def test_report_formats_are_complete_and_json_safe(tmp_path):
    r = evaluate(
        y_true=Y * 5, y_score=S * 5, periods=["a", "b"] * 20, noun="repair", outcome="missed the target"
    )
    data = json.loads(json.dumps(r.to_dict()))
    assert data["kind"] == "EvaluationReport"
    assert data["confusion"] == {"tp": 15, "fp": 5, "fn": 5, "tn": 15}
    assert "Calibration" in r.to_markdown()
    html = r.to_html()
    assert 'lang="en-GB"' in html and "<caption>Metrics</caption>" in html
    assert r.save(tmp_path / "eval.md").read_text(encoding="utf-8").startswith("# Model evaluation")
    frame = r.to_frame()
    assert {"metric", "value", "lower", "upper", "meaning"} <= set(frame.columns)


def test_at_threshold_agrees_with_a_fresh_evaluation():
    r = evaluate(y_true=Y, y_score=S, plot=False)
    other = evaluate(y_true=Y, y_score=S, threshold=0.65, plot=False).confusion
    assert r.at_threshold(0.65) == other


def test_inputs_are_not_modified(fitted):
    model, _, test = fitted
    X = test[FEATURES].copy()
    y = test["target_missed"].copy()
    before_X, before_y = X.copy(), y.copy()
    evaluate(
        model,
        X,
        y,
        periods=test["financial_year"],
        baseline_rule=lambda d: d["no_access_visits"] > 0,
        plot=False,
    )
    pd.testing.assert_frame_equal(X, before_X)
    pd.testing.assert_series_equal(y, before_y)


def test_string_labels_need_pos_label():
    labels = ["late", "on time", "late", "on time"]
    with pytest.raises(LabkitError, match=r"pos_label=(.on time.|.late.)"):
        evaluate(y_true=labels, y_score=[0.9, 0.1, 0.8, 0.3], plot=False)
    r = evaluate(y_true=labels, y_score=[0.9, 0.1, 0.8, 0.3], pos_label="late", plot=False)
    assert r.values["roc_auc"] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"y_true": [0, 1, 2], "y_score": [0.1, 0.2, 0.3]}, "must be binary"),
        ({"y_true": [0, 1, 1], "y_score": [0.1, 1.2, 0.3]}, "between 0 and 1"),
        ({"y_true": [0, 1, 1], "y_score": [-0.1, 0.2, 0.3]}, "between 0 and 1"),
        ({"y_true": [0, 1, 1], "y_score": [0.1, 0.2]}, "must match"),
        ({"y_true": [1, 1, 1], "y_score": [0.1, 0.2, 0.3]}, "nothing to tell"),
        ({"y_true": [0, 0], "y_score": [0.1, 0.2]}, "nothing to tell"),
        ({"y_true": [0, 1, 1], "y_score": [0.1, float("nan"), 0.3]}, "missing or infinite"),
        ({"y_true": [0, None, 1], "y_score": [0.1, 0.2, 0.3]}, "missing outcomes"),
        ({"y_true": [0, 1], "y_score": ["low", "high"]}, "must be numbers"),
        ({"y_true": [0, 1], "y_score": [0.2, 0.8], "threshold": 1.5}, "between 0 and 1"),
        ({"y_true": [0, 1], "y_score": [0.2, 0.8], "confidence": 95}, "confidence"),
        ({"y_true": [0, 1], "y_score": [0.2, 0.8], "n_bins": 1}, "n_bins"),
        ({"y_true": [0, 1], "y_score": np.array([[0.9, 0.1], [0.2, 0.8]])}, "table with 2 columns"),
        ({"y_true": np.array([[1, 0], [0, 1]]), "y_score": [0.1, 0.2]}, "could not be read"),
        ({"y_true": pd.DataFrame({"a": [1, 0], "b": [0, 1]}), "y_score": [0.1, 0.2]}, "2 columns"),
        ({"y_true": [0, 1]}, "needs something to evaluate"),
        ({}, "needs something to evaluate"),
    ],
)
def test_bad_input_gives_a_plain_english_error(kwargs, message):
    with pytest.raises(LabkitError, match=message) as info:
        evaluate(plot=False, **kwargs)
    assert "How to fix" in str(info.value) or info.value.where


def test_unfitted_model_and_non_classifier(repairs):
    with pytest.raises(LabkitError, match="has not been trained"):
        evaluate(LogisticRegression(), repairs[["imd_decile"]], repairs["target_missed"], plot=False)
    with pytest.raises(LabkitError, match="no predict_proba"):
        evaluate(object(), repairs[["imd_decile"]], repairs["target_missed"], plot=False)


def test_model_given_wrong_columns(fitted, repairs):
    model, _, _ = fitted
    with pytest.raises(LabkitError, match="could not score X"):
        evaluate(model, repairs[["imd_decile"]], repairs["target_missed"], plot=False)
    with pytest.raises(LabkitError, match="not both"):
        evaluate(model, repairs[FEATURES], repairs["target_missed"], y_score=[0.1], plot=False)
