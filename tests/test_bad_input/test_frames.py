"""Tables passed straight to the Python API: a repeated column name is a plain error in every function.

pandas allows two columns of one name; ``df["score"]`` then gives both (a table) and code that expects
one column silently uses the first or fails deep inside pandas. Every public function that takes a
table refuses it at the boundary, through ``labkit._inputs.require_unique_names``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from labkit import evaluate, fairness, projects, quality, suppliers
from tests.test_bad_input.conftest import raises_plain, scored_frame

FRAME = scored_frame()
FEATURES = FRAME[["visits", "score"]]
MODEL = LogisticRegression().fit(FEATURES, FRAME["label"])


def _twice(frame: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
    """``frame`` with column ``old`` renamed to ``new``, which it already has: two columns called ``new``."""
    assert new in frame.columns
    return frame.rename(columns={old: new})


# name: a call given a table with a repeated column name, and that name
CALLS = {
    "evaluate X": (
        lambda: evaluate.evaluate(MODEL, _twice(FEATURES, "visits", "score"), FRAME["label"]),
        "score",
    ),
    "explain_model X": (
        lambda: evaluate.explain_model(MODEL, _twice(FEATURES, "visits", "score"), FRAME["label"]),
        "score",
    ),
    "explain_case X": (lambda: evaluate.explain_case(MODEL, _twice(FEATURES, "visits", "score"), 0), "score"),
    "leakage_check data": (
        lambda: evaluate.leakage_check(_twice(FRAME, "visits", "label"), "label"),
        "label",
    ),
    "temporal_split data": (lambda: evaluate.temporal_split(_twice(FRAME, "group", "year"), "year"), "year"),
    "fairness audit sensitive_features": (
        lambda: fairness.audit(
            FRAME["label"], y_score=FRAME["score"], sensitive_features=FRAME[["sex", "sex"]]
        ),
        "sex",
    ),
    "group_metrics sensitive_features": (
        lambda: fairness.group_metrics(
            FRAME["label"], FRAME["label"], sensitive_features=FRAME[["group", "group"]]
        ),
        "group",
    ),
    "find_proxies data": (lambda: fairness.find_proxies(_twice(FRAME, "year", "group"), "sex"), "group"),
    "quality audit df": (
        lambda: quality.audit(_twice(FRAME, "visits", "score"), {"columns": {"score": {}}}),
        "score",
    ),
    "quality infer df": (lambda: quality.infer(_twice(FRAME, "visits", "score")), "score"),
    "suppliers check_claims data": (
        lambda: suppliers.check_claims(
            {"claims": [{"id": "A", "metric": "roc_auc", "value": 0.7, "population": "x", "statement": "x"}]},
            _twice(FRAME, "visits", "label"),
            label="label",
            scores=FRAME["score"],
        ),
        "label",
    ),
    "projects baseline data": (lambda: projects.baseline(_twice(FRAME, "visits", "label"), "label"), "label"),
    "projects monitor log": (
        lambda: projects.monitor(
            projects.load_monitoring_log().pipe(lambda log: _twice(log, log.columns[-1], log.columns[0])),
            projects.example_canvas(),
            plot=False,
        ),
        None,
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_a_repeated_column_name_is_a_plain_error(name: str) -> None:
    call, column = CALLS[name]
    error = raises_plain(call)
    # fairness names the clash among its sensitive features in its own words
    assert "more than one column" in str(error) or "have the same name" in str(error)
    if column:
        assert repr(column) in str(error)


@pytest.mark.parametrize("periods", [FRAME[["year", "sex"]], FRAME[["year", "year"]]])
def test_evaluate_periods_as_a_wide_table_is_a_plain_error(periods: pd.DataFrame) -> None:
    raises_plain(
        evaluate.evaluate,
        y_true=FRAME["label"],
        y_score=FRAME["score"],
        periods=periods,
        plot=False,
        words=("one column", "periods"),
    )


def test_evaluate_periods_as_a_one_column_table_is_that_column() -> None:
    args = {"y_true": FRAME["label"], "y_score": FRAME["score"], "plot": False}
    table = evaluate.evaluate(**args, periods=FRAME[["year"]]).by_period
    column = evaluate.evaluate(**args, periods=FRAME["year"]).by_period
    pd.testing.assert_frame_equal(table, column)
    assert np.array_equal(FRAME["year"].unique().size, len(column))
