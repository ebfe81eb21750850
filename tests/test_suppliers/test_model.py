"""Loading a supplier's model: skops with trusted types only; pickles and untrusted types refused."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.suppliers import load_model


@pytest.fixture
def quillfield(tender):
    return tender.bids["quillfield"]


def test_a_pickle_is_refused_with_why_it_is_unsafe(tmp_path, quillfield):
    model = quillfield.load_model().model
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(model))
    with pytest.raises(LabkitError) as err:
        load_model(path)
    msg = str(err.value)
    assert "pickle" in msg and "run any code" in msg and "skops" in msg
    # The same bytes under a .skops name are still refused.
    disguised = tmp_path / "model.skops"
    disguised.write_bytes(pickle.dumps(model))
    with pytest.raises(LabkitError, match="pickle"):
        load_model(disguised)


def test_a_joblib_or_other_file_is_refused(tmp_path):
    path = tmp_path / "model.joblib"
    path.write_bytes(b"not really a model")
    with pytest.raises(LabkitError, match="pickle"):
        load_model(path)
    other = tmp_path / "model.skops"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(LabkitError, match="not a skops model file"):
        load_model(other)
    with pytest.raises(LabkitError, match="no model file"):
        load_model(tmp_path / "missing.skops")


def test_an_untrusted_type_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.arange(40, dtype=float).reshape(-1, 1)
    model = HistGradientBoostingClassifier(max_iter=5).fit(X, np.arange(40) % 2)
    path = tmp_path / "model.skops"
    sio.dump(model, path)
    with pytest.raises(LabkitError) as err:
        load_model(path)
    assert "does not trust" in str(err.value) and "TreePredictor" in str(err.value)


def test_schema_is_required_and_checked(tmp_path, quillfield):
    path = tmp_path / "model.skops"
    path.write_bytes(quillfield.model_path.read_bytes())
    with pytest.raises(LabkitError, match="schema file is missing"):
        load_model(path)
    (tmp_path / "model_schema.json").write_text(json.dumps({"inputs": [{"name": "x", "type": "text"}]}))
    with pytest.raises(LabkitError, match="'type' of number, category or boolean"):
        load_model(path)
    (tmp_path / "model_schema.json").write_text(json.dumps({"inputs": [{"name": "x", "type": "category"}]}))
    with pytest.raises(LabkitError, match="lists no categories"):
        load_model(path)


def test_data_that_does_not_match_the_schema_is_refused(tender, quillfield):
    model = quillfield.load_model()
    local = tender.local
    with pytest.raises(LabkitError, match="does not have: hazard_flag"):
        model.score(local.drop(columns="hazard_flag"))
    wrong = local.assign(no_access_visits=local["no_access_visits"].astype(str))
    with pytest.raises(LabkitError, match="should hold numbers"):
        model.score(wrong)
    unseen = local.assign(trade=local["trade"].astype(str).replace({"Roofing": "Roof"}))
    with pytest.raises(LabkitError, match="never saw in training") as err:
        model.score(unseen)
    assert "'Roof'" in str(err.value)
    blank = local.assign(priority=local["priority"].astype(object).where(local.index != 3, None))
    with pytest.raises(LabkitError, match="blank"):
        model.score(blank)
    bad_bool = local.assign(hazard_flag="maybe")
    with pytest.raises(LabkitError, match="True/False"):
        model.score(bad_bool)
    with pytest.raises(LabkitError, match="table"):
        model.score([1, 2, 3])


def test_scores_are_probabilities_and_input_is_unchanged(tender, quillfield):
    model = quillfield.load_model()
    local = tender.local.copy()
    scores = model.score(local)
    assert scores.shape == (len(local),) and ((scores >= 0) & (scores <= 1)).all()
    pd.testing.assert_frame_equal(local, tender.local)


def test_a_bid_without_a_model_file_says_to_use_scores(tender):
    with pytest.raises(LabkitError, match="scores only"):
        tender.bids["tallowmere"].load_model()
