"""audit(): numbers, flags, narrative, bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.fairness import FairnessReport, audit, group_metrics


def test_audit_numbers_match_the_fast_path(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df[["ethnic_group", "sex"]], figures=False)
    assert isinstance(r, FairnessReport)
    pred = (df["score"] >= 0.5).astype(int)
    gm = group_metrics(df["y"], pred, sensitive_features=df["ethnic_group"])
    eth = r.groups[r.groups["feature"] == "ethnic_group"].set_index("group")
    for metric in (
        "selection_rate",
        "true_positive_rate",
        "false_positive_rate",
        "false_negative_rate",
        "precision",
        "accuracy",
    ):
        np.testing.assert_allclose(eth[metric].to_numpy(), gm.by_group[metric].to_numpy(), atol=1e-12)
    assert (eth[["selection_rate_low"]].to_numpy() <= eth[["selection_rate"]].to_numpy()).all()
    # The intersection has one row per combination.
    inter = r.groups[r.groups["feature"] == "ethnic_group x sex"]
    assert len(inter) == 6
    assert inter["n"].sum() == len(df)
    assert r.characteristics == {"ethnic_group": "race", "sex": "sex"}
    # Each feature's reference is its largest group unless one is given.
    largest_sex = df["sex"].value_counts().idxmax()
    assert r.references == {"ethnic_group": "A", "sex": largest_sex}


def test_audit_finds_the_planted_gap_and_says_so(repairs_like) -> None:
    df = repairs_like
    r = audit(
        df["y"],
        y_score=df["score"],
        sensitive_features=df["ethnic_group"],
        kind="assistive",
        outcome="flagged for a priority visit",
        figures=False,
    )
    sel = r.gaps[(r.gaps["metric"] == "selection_rate")].iloc[0]
    assert sel["highest_group"] == "B"
    assert sel["difference"] > 0.1
    assert "B" in r.summary and "flagged for a priority visit" in r.summary
    assert "percentage points" in r.summary
    assert "Public Sector Equality Duty" in r.summary
    comp = r.comparisons[(r.comparisons["group"] == "B") & (r.comparisons["metric"] == "selection_rate")]
    assert comp["difference"].iloc[0] == pytest.approx(
        comp["value"].iloc[0] - comp["reference_value"].iloc[0]
    )


def test_report_formats_are_complete_and_json_safe(repairs_like, tmp_path) -> None:
    df = repairs_like.head(400)
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"])
    data = json.loads(json.dumps(r.to_dict()))
    assert data["kind"] == "FairnessReport"
    assert data["references"]["ethnic_group"] == "A"
    html = r.to_html()
    assert 'lang="en-GB"' in html and "<img" in html and "four-fifths" in html
    assert "Calibration within groups" in r.to_markdown()
    assert r.save(tmp_path / "audit.md").read_text(encoding="utf-8").startswith("# Fairness audit")
    assert len(r.to_frame()) == 3


def test_group_with_no_positives_is_flagged_not_zero() -> None:
    y = [0, 0, 0, 1, 1, 0, 1, 0]
    p = [1, 0, 0, 1, 0, 0, 1, 1]
    s = ["a", "a", "a", "b", "b", "b", "b", "b"]
    r = audit(y, p, sensitive_features={"grp": s}, min_n=1, figures=False)
    a = r.groups.set_index("group").loc["a"]
    assert np.isnan(a["false_negative_rate"]) and np.isnan(a["true_positive_rate"])
    kinds = {(f["kind"], f["group"]) for f in r.flags}
    assert ("no_positives", "a") in kinds
    assert any("fairlearn" in f["message"] for f in r.flags if f["kind"] == "no_positives")
    assert "not defined" in r.to_markdown()


def test_small_groups_are_flagged_and_kept_out_of_gaps(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], min_n=250, figures=False)
    small = [f for f in r.flags if f["kind"] == "small_group"]
    assert [f["group"] for f in small] == ["C"]
    sel = r.gaps[r.gaps["metric"] == "selection_rate"].iloc[0]
    assert "C" not in (sel["lowest_group"], sel["highest_group"])
    assert sel["groups_compared"] == 2


def test_missing_values_are_a_group_by_default_and_explained(repairs_like) -> None:
    df = repairs_like.copy()
    df.loc[:49, "ethnic_group"] = None
    before = df.copy()
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], figures=False)
    pd.testing.assert_frame_equal(df, before)  # the caller's data is untouched
    assert "Not recorded" in set(r.groups["group"])
    flag = next(f for f in r.flags if f["kind"] == "missing_values")
    assert flag["n"] == 50 and "missing='drop'" in flag["message"]
    dropped = audit(
        df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], missing="drop", figures=False
    )
    assert dropped.settings["rows_audited"] == len(df) - 50
    with pytest.raises(LabkitError, match="missing values"):
        audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], missing="error")


def test_group_emptied_by_filtering_is_flagged() -> None:
    s = pd.Series(pd.Categorical(["a", "b", "a", "b"], categories=["a", "b", "c"]), name="grp")
    r = audit([0, 1, 1, 0], [0, 1, 0, 0], sensitive_features=s, min_n=1, figures=False)
    assert any(f["kind"] == "empty_group" and f["group"] == "c" for f in r.flags)
    with pytest.raises(LabkitError, match="no rows are left"):
        audit([0, 1, 1, 0], [0, 1, 0, 0], sensitive_features=s, reference="c")


def test_four_fifths_rule(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], figures=False)
    ff = r.four_fifths.set_index("group")
    top = ff["selection_rate"].max()
    np.testing.assert_allclose(ff["ratio_to_highest"], ff["selection_rate"] / top)
    assert (ff["below_four_fifths"] == (ff["ratio_to_highest"] < 0.8)).all()
    assert "no standing in UK law" in r.to_markdown()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "a", "a", "a"]}, "only one group"),
        ({"y_pred": [0, 1, 1], "sensitive_features": ["a", "b", "a", "b"]}, "must match row for row"),
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a"]}, "must match row for row"),
        ({"y_score": [0.1, 1.2, 0.3, 0.4], "sensitive_features": ["a", "b", "a", "b"]}, "between 0 and 1"),
        (
            {
                "y_score": [0.1, 0.2, 0.3, 0.4],
                "y_pred": [0, 1, 0, 1],
                "sensitive_features": ["a", "b", "a", "b"],
            },
            "not both",
        ),
        ({"sensitive_features": ["a", "b", "a", "b"]}, "not both and not neither"),
        (
            {"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a", "b"], "reference": "z"},
            "not present",
        ),
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a", "b"], "kind": "nice"}, "kind must"),
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a", "b"], "min_n": 0}, "min_n"),
        (
            {"y_score": [0.1, 0.2, 0.3, 0.4], "threshold": 2, "sensitive_features": ["a", "b", "a", "b"]},
            "threshold must be between",
        ),
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": None}, "sensitive_features is missing"),
        ({"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a", "b"], "noun": ""}, "noun must"),
        (
            {"y_pred": [0, 1, 1, 0], "sensitive_features": ["a", "b", "a", "b"], "noun": ("repair",)},
            "noun must",
        ),
    ],
)
def test_bad_input_is_a_plain_error(kwargs, match) -> None:
    with pytest.raises(LabkitError, match=match):
        audit([0, 1, 1, 0], **kwargs)


def test_non_binary_labels_are_refused() -> None:
    with pytest.raises(LabkitError, match="two classes"):
        audit([0, 1, 2, 0], [0, 1, 1, 0], sensitive_features=["a", "b", "a", "b"])


def test_continuous_sensitive_feature_must_be_banded() -> None:
    rng = np.random.default_rng(0)
    ages = rng.integers(18, 90, 500)
    with pytest.raises(LabkitError, match="bands"):
        audit(rng.integers(0, 2, 500), rng.integers(0, 2, 500), sensitive_features={"age": ages})


def test_nullable_dtypes_and_empty_intersections() -> None:
    y = pd.array([True, False, True, False, True, False], dtype="boolean")
    p = pd.array([1, 0, 0, 0, 1, 1], dtype="Int64")
    sf = pd.DataFrame(
        {
            "sex": pd.Series(["F", "F", "M", "M", "F", "F"], dtype="category"),
            "age_band": pd.Series(["<65", "<65", "<65", "<65", "65+", "65+"], dtype="string"),
        }
    )
    r = audit(y, p, sensitive_features=sf, min_n=1, figures=False)
    inter = r.groups[r.groups["feature"] == "sex x age_band"].set_index("group")
    assert inter.loc["M / 65+", "n"] == 0
    assert np.isnan(inter.loc["M / 65+", "selection_rate"])
    assert any(f["kind"] == "empty_group" and f["group"] == "M / 65+" for f in r.flags)
    assert r.references == {"sex": "F", "age_band": "<65"}


def test_reference_dict_for_several_features(repairs_like) -> None:
    df = repairs_like
    r = audit(
        df["y"],
        y_score=df["score"],
        sensitive_features=df[["ethnic_group", "sex"]],
        reference={"ethnic_group": "C"},
        figures=False,
    )
    assert r.references["ethnic_group"] == "C" and r.references["sex"] == "Female"
    comp = r.comparisons[r.comparisons["feature"] == "ethnic_group"]
    assert set(comp["reference"]) == {"C"} and "C" not in set(comp["group"])
    with pytest.raises(LabkitError, match="name a group for each feature"):
        audit(df["y"], y_score=df["score"], sensitive_features=df[["ethnic_group", "sex"]], reference="C")
    with pytest.raises(LabkitError, match="not one of the sensitive features"):
        audit(
            df["y"],
            y_score=df["score"],
            sensitive_features=df[["ethnic_group", "sex"]],
            reference={"age": "C"},
        )


def test_missing_labels_are_refused() -> None:
    y = pd.array([True, None, False, True], dtype="boolean")
    with pytest.raises(LabkitError, match=r"has 1 missing value \(the first at row 1\)"):
        audit(y, [1, 0, 0, 1], sensitive_features=["a", "b", "a", "b"])


def test_narrative_counts_rows_with_the_noun_given(repairs_like) -> None:
    df = repairs_like
    r = audit(
        df["y"],
        y_score=df["score"],
        sensitive_features=df["ethnic_group"],
        kind="assistive",
        outcome="picked out for a visit",
        label_name="needed a visit",
        noun="repair",
        figures=False,
    )
    assert r.summary.startswith("This audit looked at 2,000 repairs.")
    assert "people" not in r.summary and "residents" not in r.summary
    assert "Of the repairs that needed a visit, the model missed" in r.summary
    assert "Of the repairs that did not, it wrongly picked out" in r.summary
    md = r.to_markdown()
    assert "| Repairs |" in md or "Repairs" in md.split("Outcomes by ethnic_group")[1][:400]
    assert "30 repairs are flagged" in md
    pair = audit(df["y"], y_score=df["score"], sensitive_features=df["sex"], noun=("household", "households"))
    assert pair.summary.startswith("This audit looked at 2,000 households.")
    default = audit(df["y"], y_score=df["score"], sensitive_features=df["sex"], label_name="needed it")
    assert default.summary.startswith("This audit looked at 2,000 people.")
    assert "Of the people who needed it" in default.summary


def test_one_row_is_counted_in_the_singular() -> None:
    r = audit([1, 0, 1, 0], y_pred=[1, 0, 0, 0], sensitive_features=["a", "a", "b", "b"], figures=False)
    flags = " ".join(f["message"] for f in r.flags)
    assert "has only 2 people" in flags
    one = audit(
        [1, 0, 1, 0, 1],
        y_pred=[1, 0, 0, 0, 1],
        sensitive_features=["a", "a", "b", "b", None],
        noun="repair",
        figures=False,
    )
    missing = next(f["message"] for f in one.flags if f["kind"] == "missing_values")
    assert missing.startswith("1 repair (20.0%) has no recorded")


def _gap_words(r) -> tuple[pd.Series, str]:
    sel = r.gaps[r.gaps["metric"] == "selection_rate"].iloc[0]
    return sel, f"{abs(sel['difference']) * 100:.1f} percentage points"


def test_assistive_and_punitive_gaps_are_in_plain_words_and_match_the_numbers(repairs_like) -> None:
    df = repairs_like
    common = {"y_score": df["score"], "sensitive_features": df["ethnic_group"], "figures": False}
    helps = audit(df["y"], kind="assistive", noun="repair", outcome="picked out", **common)
    sel, gap = _gap_words(helps)
    low, high = f"{sel['lowest'] * 100:.1f}%", f"{sel['highest'] * 100:.1f}%"
    assert (
        f"If being picked out brings help, repairs in the {sel['lowest_group']} group get it {gap} less "
        f"often than repairs in the {sel['highest_group']} group ({low} against {high})."
    ) in helps.summary
    hurts = audit(df["y"], kind="punitive", noun="repair", outcome="picked out", **common)
    assert (
        "If being picked out brings extra scrutiny or sanctions, "
        f"repairs in the {sel['highest_group']} group face it {gap} more often than repairs in the "
        f"{sel['lowest_group']} group ({high} against {low})."
    ) in hurts.summary
    for r in (helps, hurts):
        assert "in every 100" not in r.to_markdown()


def test_summary_alone_does_not_point_to_a_section_below(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], figures=False)
    assert (r.four_fifths["below_four_fifths"]).any()
    assert "below" not in r.summary.replace("below four-fifths", "")
    assert "section 'The four-fifths rule, and its limits'" in r.summary
    assert "## The four-fifths rule, and its limits" in r.to_markdown() or (
        "The four-fifths rule, and its limits" in r.to_markdown()
    )


def test_charts_are_drawn_only_when_the_report_is_shown(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df[["ethnic_group", "sex"]])
    charts = [f for s in r.sections for f in s.figures]
    assert [c.title for c in charts] == ["Outcomes by race", "Outcomes by sex"]  # none for the intersection
    assert not any(c.drawn for c in charts)
    r.to_dict(), r.to_markdown(), r.summary  # the words and numbers need no drawing
    assert not any(c.drawn for c in charts)
    page = r._repr_html_()
    assert all(c.drawn for c in charts)
    assert page.count('src="data:image/png;base64,') == 2
    assert charts[0].alt in page


def test_figures_false_leaves_the_charts_out(repairs_like) -> None:
    df = repairs_like
    r = audit(df["y"], y_score=df["score"], sensitive_features=df["ethnic_group"], figures=False)
    assert not [f for s in r.sections for f in s.figures]
    assert "<img" not in r.to_html()
