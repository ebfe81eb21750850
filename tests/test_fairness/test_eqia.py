"""eqia_evidence(): all nine characteristics, evidence from the audit, the legal context."""

from __future__ import annotations

import json

import pytest

from labkit import LabkitError
from labkit.fairness import PROTECTED_CHARACTERISTICS, audit, eqia_evidence


@pytest.fixture
def report(repairs_like):
    df = repairs_like
    return audit(df["y"], y_score=df["score"], sensitive_features=df[["ethnic_group", "sex"]], figures=False)


def test_all_nine_characteristics_are_listed(report) -> None:
    e = eqia_evidence(report, proposal="A model that flags repairs at risk of missing target.")
    chars = e.characteristics.set_index("Characteristic")
    assert set(PROTECTED_CHARACTERISTICS) <= set(chars.index)
    assert chars.loc["race", "Checked with data"] == "yes"
    assert chars.loc["disability", "Checked with data"] == "no"
    assert "first aim only" in chars.loc["marriage and civil partnership", "Note"]


def test_impact_follows_the_audit(report) -> None:
    e = eqia_evidence(report, proposal="A repairs model.")
    impacts = e.impacts.set_index("feature")
    assert impacts.loc["ethnic_group", "likely_impact"].startswith("Possible adverse impact")
    assert impacts.loc["sex", "likely_impact"].startswith("No material difference")
    assert "race" in e.summary
    lax = eqia_evidence(report, proposal="A repairs model.", material_gap=0.5)
    assert not lax.impacts.set_index("feature").loc["sex", "likely_impact"].startswith("Possible")


def test_sections_and_formats(report, tmp_path) -> None:
    e = eqia_evidence(
        report,
        proposal="A repairs model.",
        mitigations=["Human review of every flag."],
        monitoring="Quarterly audit by the repairs data lead.",
    )
    md = e.to_markdown()
    for heading in (
        "Characteristics considered",
        "Evidence",
        "Likely impact",
        "Mitigations",
        "Monitoring plan",
    ):
        assert f"## {heading}" in md
    assert "Human review of every flag." in md and "Quarterly audit" in md
    assert "[2020] EWCA Civ 1058" in md and "s.149" in md
    assert 'lang="en-GB"' in e.to_html()
    json.dumps(e.to_dict())
    assert e.save(tmp_path / "eqia.html").exists()


def test_defaults_say_what_is_missing(report) -> None:
    md = eqia_evidence(report, proposal="A repairs model.").to_markdown()
    assert "None recorded yet" in md
    assert "every quarter" in md


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"proposal": ""}, "proposal"), ({"proposal": "x", "material_gap": 2}, "material_gap")],
)
def test_bad_input(report, kwargs, match) -> None:
    with pytest.raises(LabkitError, match=match):
        eqia_evidence(report, **kwargs)


def test_needs_an_audit() -> None:
    with pytest.raises(LabkitError, match="FairnessReport"):
        eqia_evidence({"not": "a report"}, proposal="x")


def test_a_mitigation_report_can_be_the_mitigation(report) -> None:
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression

    from labkit.fairness import mitigate

    rng = np.random.default_rng(2)
    n = 1_200
    g = rng.choice(["A", "B"], n)
    x = pd.DataFrame({"x": rng.normal(size=n) + (g == "B")})
    y = (rng.random(n) < 1 / (1 + np.exp(-x["x"]))).astype(int)
    m = mitigate(
        LogisticRegression(),
        x[:800],
        y[:800],
        x[800:],
        y[800:],
        sensitive_train=g[:800],
        sensitive_test=g[800:],
    )
    e = eqia_evidence(report, proposal="A repairs model.", mitigations=[m, "Human review of every flag."])
    md = e.to_markdown()
    assert m.summary.split("\n\n")[0] in md
    assert "Human review of every flag." in md
