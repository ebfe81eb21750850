"""Each dataset's planted effect or label bias is detectable as its ground truth file describes."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from labkit.data import generate, list_datasets

COMMON_KEYS = {
    "dataset", "synthetic", "notice", "council", "seed", "rows", "label", "planted_effects", "mediators",
    "proxies", "label_bias", "leaky_features", "assumptions", "measured", "defects", "identity",
}  # fmt: skip


@pytest.fixture(scope="module")
def datasets():
    return {name: generate(name, seed=0) for name in list_datasets()}


def test_every_dataset_has_a_complete_json_safe_ground_truth(datasets):
    for name, ds in datasets.items():
        truth = ds.ground_truth
        assert set(truth) >= COMMON_KEYS, name
        assert json.loads(json.dumps(truth)) == truth
        label = truth["label"]["column"]
        assert label in ds.clean.columns, name
        for item in truth["leaky_features"] + truth["proxies"]:
            assert item["column"] in ds.clean.columns, (name, item["column"])
        assert truth["identity"]["service_id_column"] in ds.clean.columns


def test_latent_columns_are_never_in_the_as_received_file(datasets):
    for ds in datasets.values():
        latent = [c for c in ds.clean.columns if c.startswith("latent_")]
        assert not set(latent) & set(ds.dirty.columns)


def test_homelessness_contact_lost_is_recorded_more_when_an_interpreter_is_needed(datasets):
    clean = datasets["homelessness"].clean
    interp = clean["interpreter_needed"]
    truly = clean["latent_accommodation_secured"]
    # True outcomes do not depend on needing an interpreter ...
    assert abs(truly[interp].mean() - truly[~interp].mean()) < 0.06
    # ... but the recorded label does, through 'Contact lost'.
    lost = clean["duty_outcome"] == "Contact lost"
    assert lost[interp & truly].mean() > 3 * lost[~interp & truly].mean()
    gap = (
        clean.loc[~interp, "accommodation_secured"].mean() - clean.loc[interp, "accommodation_secured"].mean()
    )
    assert gap > 0.07
    bias = datasets["homelessness"].ground_truth["label_bias"][0]
    assert bias["where"] == "interpreter_needed is True"


def test_homelessness_model_on_the_recorded_label_penalises_interpreter_need(datasets):
    clean = datasets["homelessness"].clean
    x = pd.DataFrame(
        {
            "prevention": (clean["duty_owed"] == "Prevention").astype(float),
            "needs": clean["support_needs_count"].astype(float),
            "interpreter": clean["interpreter_needed"].astype(float),
        }
    )
    recorded = LogisticRegression().fit(x, clean["accommodation_secured"]).coef_[0][2]
    true = LogisticRegression().fit(x, clean["latent_accommodation_secured"]).coef_[0][2]
    assert recorded < -0.3
    assert abs(true) < 0.2


def test_council_tax_vulnerability_is_under_recorded_for_cash_payers(datasets):
    clean = datasets["council_tax"].clean
    vulnerable = clean[clean["latent_vulnerable"]]
    cash = vulnerable["payment_method"] == "Cash at a PayPoint or Post Office"
    assert (
        vulnerable.loc[~cash, "vulnerability_flag"].mean()
        > vulnerable.loc[cash, "vulnerability_flag"].mean() + 0.3
    )
    # Cash payers are older and more often disabled: the payment method is a proxy.
    is_cash = clean["payment_method"] == "Cash at a PayPoint or Post Office"
    assert (
        clean.loc[is_cash, "liable_person_age"].mean() > clean.loc[~is_cash, "liable_person_age"].mean() + 3
    )
    # The enforcement rule holds exactly.
    rule = clean["summons_issued"] & ~clean["vulnerability_flag"] & (clean["arrears_at_year_end"] >= 50)
    assert (rule == clean["enforcement_referral"]).all()
    assert (clean["in_arrears"] == (clean["arrears_at_year_end"] > 0)).all()


def test_council_tax_has_people_with_two_accounts_for_matching(datasets):
    ds = datasets["council_tax"]
    assert ds.clean["liable_person_id"].duplicated().sum() > 100
    moved = ds.clean[ds.clean["liable_person_id"].duplicated(keep=False)]
    assert moved.groupby("liable_person_id")["address"].nunique().min() >= 1


def test_people_can_be_found_across_datasets(datasets):
    """The crosswalks link service IDs to the same shared-population residents."""
    housing = set(datasets["housing_repairs"].crosswalk["resident_id"])
    tax = set(datasets["council_tax"].crosswalk["resident_id"])
    assert len(housing & tax) > 500


def test_contact_centre_classifier_trained_on_typical_text_fails_second_language_writers(datasets):
    measured = datasets["contact_centre"].ground_truth["measured"]
    by_style = measured["reference_accuracy_typical_by_style"]
    assert by_style["Standard"] - by_style["Second language"] > 0.2
    assert by_style["Lower literacy"] < by_style["Standard"]
    # Overall accuracy hides the harm.
    assert measured["reference_accuracy_typical"] > 0.9
    clean = datasets["contact_centre"].clean
    resolved = clean.groupby("latent_writing_style", observed=True)["resolved_first_time"].mean()
    assert resolved["Standard"] > resolved["Second language"] + 0.1


def test_childrens_social_care_plans_overstate_need_in_the_patrolled_district(datasets):
    clean = datasets["childrens_social_care"].clean
    patrolled = clean["postcode"].str.startswith("ZX3 ")
    police = clean["referral_source"] == "6"
    assert police[patrolled].mean() > 2 * police[~patrolled].mean()
    assert clean.loc[patrolled, "latent_need"].mean() <= clean.loc[~patrolled, "latent_need"].mean() + 0.01
    # For the same need, plans start more often in the patrolled district.
    high = clean["latent_need"] >= 0.4
    for band in (high, ~high):
        assert (
            clean.loc[band & patrolled, "cp_plan_started"].mean()
            > clean.loc[band & ~patrolled, "cp_plan_started"].mean()
        )
    x = pd.DataFrame({"need": clean["latent_need"], "police": police.astype(float)})
    coef = LogisticRegression(C=np.inf, max_iter=1000).fit(x, clean["cp_plan_started"]).coef_[0]
    assert coef[0] == pytest.approx(4.0, abs=0.6)
    assert coef[1] == pytest.approx(1.4, abs=0.3)


def test_childrens_social_care_codes_are_cin_census_codes(datasets):
    clean = datasets["childrens_social_care"].clean
    assert set(clean["primary_need"].cat.categories) == {f"N{i}" for i in range(10)}
    assert (clean["primary_need"] == "N1").mean() == pytest.approx(0.51, abs=0.04)
    assert set(clean["cp_category"].dropna()) <= {"NEG", "PHY", "SAB", "EMO", "MUL"}
    assert clean["cp_category"].isna().eq(~clean["cp_plan_started"]).all()
    assert clean["child_age"].between(0, 17).all()
    assert clean["re_referral_12m"].mean() == pytest.approx(0.22, abs=0.06)


def test_dates_agree_with_each_other_in_the_clean_data(datasets):
    """Cross-field rules a data standard would state hold in every clean dataset."""
    home = datasets["homelessness"].clean
    assert (home["assessment_date"] >= home["approach_date"]).all()
    tax = datasets["council_tax"].clean
    closed = tax["account_closed"].notna()
    assert (tax.loc[closed, "account_closed"] > tax.loc[closed, "account_opened"]).all()
    contact = datasets["contact_centre"].clean
    assert (contact["responded_at"] > contact["received_at"]).all()
    care = datasets["childrens_social_care"].clean
    ended = care["closure_date"].notna()
    assert (care.loc[ended, "closure_date"] > care.loc[ended, "referral_date"]).all()
    assert (care["closure_reason"].isna() == care["closure_date"].isna()).all()
    for ds in datasets.values():
        assert ds.clean[ds.ground_truth["label"]["column"]].notna().all()
