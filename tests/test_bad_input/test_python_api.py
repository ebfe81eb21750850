"""Public Python functions: one mistake gets the same plain words in quality, evaluate and fairness."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from labkit import evaluate, fairness, quality
from tests.test_bad_input.conftest import assert_plain_error, raises_plain

Y = [0, 1, 1, 0, 1, 0, 0, 1]
S = [0.1, 0.8, 0.7, 0.3, 0.9, 0.2, 0.4, 0.6]
G = ["a", "b", "a", "b", "a", "b", "a", "b"]

# The label and score mistakes every scoring function must refuse in the same words.
BAD_LABELS = {
    "three values": ([0, 1, 2, 0, 1, 0, 0, 1], "must be binary"),
    "text without pos_label": (["no", "yes", "yes", "no", "yes", "no", "no", "yes"], "pos_label='yes'"),
    "a missing value": ([0, 1, None, 0, 1, 0, 0, 1], "has 1 missing value (the first at row 2)"),
    "NaN": ([0.0, 1.0, 1.0, np.nan, 1.0, 0.0, 0.0, 1.0], "has 1 missing value (the first at row 3)"),
    "too short": ([0, 1, 1], "must match row for row"),
    "a table of two columns": (pd.DataFrame({"a": Y, "b": Y}), "table with 2 columns"),
    "a 2-D array": (np.array([Y, Y]).T, "table with 2 columns"),
    "a column name instead of values": ("target_missed", "not the text 'target_missed'"),
    "None": (None, "is missing"),
    "numpy text": (np.array(["n", "y", "y", "n", "y", "n", "n", "y"]), "pos_label='y'"),
}
BAD_SCORES = {
    "above 1": ([0.1, 0.8, 1.7, 0.3, 0.9, 0.2, 0.4, 0.6], "between 0 and 1"),
    "below 0": ([-0.1, 0.8, 0.7, 0.3, 0.9, 0.2, 0.4, 0.6], "between 0 and 1"),
    "text": ([0.1, 0.8, "high", 0.3, 0.9, 0.2, 0.4, 0.6], "for example 'high'"),
    "a missing value": (
        [0.1, 0.8, 0.7, None, 0.9, 0.2, 0.4, 0.6],
        "missing or infinite value (the first at row 3)",
    ),
    "infinite": ([0.1, np.inf, 0.7, 0.3, 0.9, 0.2, 0.4, 0.6], "the first at row 1"),
    "too long": ([*S, 0.5], "must match row for row"),
    "predict_proba's two columns": (np.column_stack([1 - np.array(S), S]), "predict_proba(X)[:, 1]"),
    "None": (None, "is missing"),
}


def _evaluate(y, s):
    return evaluate.evaluate(y_true=y, y_score=s, plot=False)


def _threshold(y, s):
    return evaluate.choose_threshold(y, s, capacity=3, plot=False)


def _audit(y, s):
    return fairness.audit(y, y_score=s, sensitive_features=G, figures=False)


def _explorer(y, s):
    return fairness.fairness_explorer(y, s, pd.Series(G, name="group"))


SCORING = {"evaluate": _evaluate, "choose_threshold": _threshold, "fairness.audit": _audit}


@pytest.mark.parametrize("function", list(SCORING))
@pytest.mark.parametrize("kind", list(BAD_LABELS))
def test_bad_labels(function: str, kind: str) -> None:
    labels, words = BAD_LABELS[kind]
    if labels is None:
        words = "y_true" if function == "fairness.audit" else "needs"
    raises_plain(SCORING[function], labels, S, words=(words,))


@pytest.mark.parametrize("function", list(SCORING))
@pytest.mark.parametrize("kind", list(BAD_SCORES))
def test_bad_scores(function: str, kind: str) -> None:
    scores, words = BAD_SCORES[kind]
    if scores is None and function == "fairness.audit":
        pytest.skip("fairness.audit without scores asks for decisions instead (tested with y_pred)")
    if scores is None:
        words = "needs"
    raises_plain(SCORING[function], Y, scores, words=(words,))


@pytest.mark.parametrize("kind", list(BAD_LABELS))
def test_bad_labels_in_group_metrics(kind: str) -> None:
    labels, words = BAD_LABELS[kind]
    raises_plain(fairness.group_metrics, labels, Y, sensitive_features=G, words=(words,))


@pytest.mark.parametrize("kind", list(BAD_LABELS))
def test_bad_decisions_in_fairness_audit(kind: str) -> None:
    decisions, words = BAD_LABELS[kind]
    if decisions is None:
        words = "not both and not neither"
    raises_plain(
        fairness.audit, Y, decisions, sensitive_features=G, words=(words.replace("y_true", "y_pred"),)
    )


@pytest.mark.parametrize("function", ["evaluate", "fairness.audit", "at_threshold"])
@pytest.mark.parametrize(
    ("threshold", "words"),
    [
        (1.5, "not 1.5"),
        (-0.2, "not -0.2"),
        ("half", "not 'half'"),
        (float("nan"), "not nan"),
        (np.float64(2.0), "not 2.0"),
        (None, "not None"),
    ],
)
def test_thresholds_in_the_same_words(function: str, threshold, words: str) -> None:
    if function == "evaluate":
        call = lambda: evaluate.evaluate(y_true=Y, y_score=S, threshold=threshold, plot=False)  # noqa: E731
    elif function == "fairness.audit":
        call = lambda: fairness.audit(Y, y_score=S, threshold=threshold, sensitive_features=G)  # noqa: E731
    else:
        report = evaluate.evaluate(y_true=Y, y_score=S, plot=False)
        call = lambda: report.at_threshold(threshold)  # noqa: E731
    error = raises_plain(call, words=(words,))
    assert error.what.startswith("threshold must be")


def test_pos_label_is_accepted_by_evaluate_and_fairness_alike() -> None:
    text = ["no" if v == 0 else "yes" for v in Y]
    by_number = evaluate.evaluate(y_true=Y, y_score=S, plot=False)
    by_text = evaluate.evaluate(y_true=text, y_score=S, pos_label="yes", plot=False)
    assert by_text.to_frame().equals(by_number.to_frame())
    from labkit.fairness import _inputs

    assert (_inputs.binary(text, "y_true", pos_label="yes") == np.array(Y)).all()


@pytest.mark.parametrize("pos_label", [1, "1", 1.0, "1.0"])
def test_pos_label_as_typed_or_as_text(pos_label) -> None:
    labels = np.array(Y, dtype=float)
    report = evaluate.evaluate(y_true=labels, y_score=S, pos_label=pos_label, plot=False)
    assert report.to_frame().equals(evaluate.evaluate(y_true=Y, y_score=S, plot=False).to_frame())


def test_numpy_values_are_shown_as_plain_values() -> None:
    error = raises_plain(
        evaluate.evaluate, y_true=np.array(["n", "y", "m"]), y_score=[0.1, 0.2, 0.3], plot=False
    )
    assert "'m', 'n' and 'y'" in str(error)
    error = raises_plain(fairness.audit, Y, y_score=S, threshold=np.float64(3), sensitive_features=G)
    assert "not 3.0" in str(error)


def test_long_previews_say_how_many_more() -> None:
    error = raises_plain(evaluate.evaluate, y_true=list(range(10)), y_score=[0.5] * 10, plot=False)
    assert "0, 1, 2, 3 and 6 more" in str(error)


# --- tables ------------------------------------------------------------------------------
FRAME = pd.DataFrame({"repair_id": ["R1", "R2", "R3"], "reported_at": ["2024-01-02", "02/01/2024", None]})
BAD_FRAMES = {
    "a path": ("repairs.csv", "read it first"),
    "a list": ([1, 2, 3], "not list"),
    "None": (None, "not NoneType"),
    "no rows": (FRAME.iloc[0:0], "no rows"),
    "no columns": (pd.DataFrame(index=range(3)), "no columns"),
    "repeated names": (pd.DataFrame([[1, 2]], columns=["a", "a"]), "more than one column called 'a'"),
    "names repeated as text": (pd.DataFrame([[1, 2]], columns=[1, "1"]), "more than one column called '1'"),
    "a MultiIndex": (
        pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("a", "y")])),
        "MultiIndex",
    ),
}
TABLE_FUNCTIONS = {
    "quality.audit": lambda df: quality.audit(df),
    "quality.infer": lambda df: quality.infer(df),
    "quality.fix_dates": lambda df: quality.fix_dates(df, "reported_at"),
    "quality.fix_postcodes": lambda df: quality.fix_postcodes(df, "postcode"),
    "quality.fix_codes": lambda df: quality.fix_codes(df, "ethnic_group"),
    "quality.fix_placeholders": lambda df: quality.fix_placeholders(df, "dob"),
    "quality.fill_from_key": lambda df: quality.fill_from_key(df, key="property_id", column="uprn"),
    "quality.match_people": lambda df: quality.match_people(df),
    "evaluate.leakage_check": lambda df: evaluate.leakage_check(df, "label"),
    "fairness.find_proxies": lambda df: fairness.find_proxies(df, "sex"),
}


@pytest.mark.parametrize("function", list(TABLE_FUNCTIONS))
@pytest.mark.parametrize("kind", list(BAD_FRAMES))
def test_bad_tables(function: str, kind: str) -> None:
    frame, words = BAD_FRAMES[kind]
    with pytest.raises(Exception) as info:
        TABLE_FUNCTIONS[function](frame)
    assert_plain_error(info.value)
    if function.startswith("quality"):
        assert words in str(info.value), str(info.value)


def test_integer_column_names_are_found_by_the_standard() -> None:
    frame = pd.DataFrame({0: ["R1", "R2"], 1: ["Urgent", "Soon"]})
    report = quality.audit(frame, {"columns": {"0": {"unique": True}, "1": {"allowed": ["Urgent"]}}})
    assert report.findings["check"].tolist() == ["allowed:1"]
    assert quality.infer(frame).column_names == ("0", "1")


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: quality.fix_dates(FRAME, "nope"), "no column called 'nope'"),
        (lambda: quality.fix_dates(FRAME, 3), "column name"),
        (lambda: quality.fix_dates(FRAME, ["reported_at"]), "column name"),
        (lambda: quality.fix_postcodes(FRAME, "postcode"), "no column called 'postcode'"),
        (lambda: quality.fix_codes(FRAME, "nope"), "'nope'"),
        (lambda: quality.fix_placeholders(FRAME, "nope"), "'nope'"),
        (lambda: quality.fill_from_key(FRAME, key="nope", column="reported_at"), "'nope'"),
        (lambda: quality.fill_from_key(FRAME, key="repair_id", column="nope"), "'nope'"),
        (lambda: quality.profile("repairs.csv"), "read it first"),
        (lambda: quality.audit(FRAME, "sandbox:nope"), "'nope'"),
        (lambda: quality.audit(FRAME, 3.5), "float"),
        (lambda: quality.audit(FRAME).rows("nope"), "no check called 'nope'"),
        (lambda: quality.audit(FRAME).rows(dimension="Speed"), "'Speed'"),
        (lambda: quality.audit(FRAME).save("report.txt"), ".txt"),
        (lambda: quality.sandbox_standard("nope"), "'nope'"),
        (
            lambda: quality.read_standard({"columns": {"a": {"type": "datetime", "maximum": "soon"}}}),
            "'soon'",
        ),
        (lambda: quality.DataStandard.from_yaml("columns: [1, 2]"), "needs a name"),
        (lambda: quality.DataStandard.from_yaml("entity: ''\ncolumns: {a: {}}"), "entity"),
    ],
)
def test_quality_parameters(call, words: str) -> None:
    raises_plain(call, words=(words,))


def test_audit_never_changes_its_input_even_with_odd_names() -> None:
    frame = pd.DataFrame({0: ["R1", "R1"], "when": ["01/02/2024", "2024-02-01"]})
    before = frame.copy()
    quality.audit(frame)
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize("rows", [0, 1, 5, -3, 2.5, "ten", True])
def test_generate_rows(rows) -> None:
    from labkit import data

    raises_plain(data.generate, "housing_repairs", rows=rows, words=("rows",))
