"""``eqia_evidence``: the evidence section of an Equality Impact Assessment, from an audit.

No statute in England requires a document called an Equality Impact
Assessment, but it is the usual way a council shows it has given the due
regard the Public Sector Equality Duty (Equality Act 2010, s.149) asks for.
This writes the part an analyst can evidence: the characteristics
considered, what the data shows, the likely impact, mitigations and the
monitoring plan. The judgements stay with the officers who sign it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, pct, plural
from labkit.fairness._audit import FairnessReport
from labkit.fairness._words import PROTECTED_CHARACTERISTICS, pp

__all__ = ["EqiaEvidence", "eqia_evidence"]

_DEFAULT_MONITORING = (
    "- Re-run this audit every quarter on the decisions actually made, and whenever the model, its "
    "threshold or "
    "its data change.\n"
    "- Name an owner for the audit and a date for its first re-run.\n"
    "- Set a trigger for review: a selection-rate or error-rate gap above the level judged acceptable "
    "here, or a "
    "group falling below four-fifths of the highest group's selection rate.\n"
    "- Collect the protected characteristics this assessment could not check (see 'Characteristics "
    "considered'), or say how their impact will be judged without data.\n"
    "- Report the results to the board that owns the service, and publish them where possible."
)


_LEGAL_CONTEXT = (
    "Under the Public Sector Equality Duty (Equality Act 2010, s.149) the council must have due regard to "
    "the need to eliminate discrimination, harassment and victimisation; advance equality of opportunity; "
    "and foster good relations. No statute in England requires a document called an Equality Impact "
    "Assessment, but it is the usual way to show due regard. In R (Bridges) v Chief Constable of South "
    "Wales Police [2020] EWCA Civ 1058 the Court of Appeal held that the force breached the duty by not "
    "taking reasonable steps to find out whether its facial-recognition software had a race or sex bias, "
    "and that the duty is a continuing one: hence the monitoring plan."
)


class EqiaEvidence(Report):
    """The evidence section of an Equality Impact Assessment.

    Attributes
    ----------
    characteristics : pandas.DataFrame
        All nine protected characteristics (Equality Act 2010, s.4) and whether
        the data let the audit check each.
    impacts : pandas.DataFrame
        For each characteristic checked: the largest gaps and the likely impact.
    """

    kind = "EqiaEvidence"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        *,
        characteristics: pd.DataFrame,
        impacts: pd.DataFrame,
    ) -> None:
        super().__init__(title, summary, sections, frame=impacts)
        self.characteristics = characteristics
        self.impacts = impacts

    def _extra_dict(self) -> dict[str, Any]:
        return {"characteristics": self.characteristics, "impacts": self.impacts}


def _as_lines(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Report):
        return [value.summary.split("\n\n")[0]]
    try:
        items = list(value)
    except TypeError as exc:
        raise LabkitError(
            f"{name} must be text or a list of texts, not {type(value).__name__}.",
            where=f"parameter {name}",
            fix=f"Pass for example {name}=['...', '...'].",
        ) from exc
    out = []
    for item in items:
        out += _as_lines(item, name)
    return out


def _impact(report: FairnessReport, feature: str, material_gap: float) -> dict[str, Any]:
    gaps = report.gaps[report.gaps["feature"] == feature].set_index("metric")
    ff = report.four_fifths[report.four_fifths["feature"] == feature]
    small = [
        f for f in report.flags if f["feature"] == feature and f["kind"] in ("small_group", "empty_group")
    ]
    checks = {
        "selection_rate": gaps.loc["selection_rate", "difference"],
        "true_positive_rate": gaps.loc["true_positive_rate", "difference"],
        "false_positive_rate": gaps.loc["false_positive_rate", "difference"],
    }
    big = {m: v for m, v in checks.items() if not np.isnan(v) and v >= material_gap}
    below = ff[ff["below_four_fifths"]]["group"].tolist()
    if big or below:
        level = "Possible adverse impact: needs explaining or mitigating"
    elif all(np.isnan(v) for v in checks.values()):
        level = "Cannot tell: too little data"
    else:
        level = "No material difference found in this data"
    sel = gaps.loc["selection_rate"]
    evidence = (
        f"Picked out: {pct(sel['lowest'])} ({sel['lowest_group']}) to {pct(sel['highest'])} "
        f"({sel['highest_group']}), a gap of {pp(sel['difference'])}."
        if not np.isnan(sel["difference"])
        else "Too few groups to compare."
    )
    for metric, words in (
        ("true_positive_rate", "true positive rate"),
        ("false_positive_rate", "false positive rate"),
    ):
        row = gaps.loc[metric]
        if not np.isnan(row["difference"]):
            evidence += (
                f" Gap in {words}: {pp(row['difference'])} ({row['lowest_group']} {pct(row['lowest'])}, "
                f"{row['highest_group']} {pct(row['highest'])})."
            )
    if below:
        evidence += f" Below four-fifths of the highest selection rate: {listing(below)}."
    if small:
        evidence += (
            f" {plural(len(small), 'group')} {'is' if len(small) == 1 else 'are'} small or empty, "
            f"so some gaps are uncertain."
        )
    return {"likely_impact": level, "evidence": evidence}


def eqia_evidence(
    report: FairnessReport,
    *,
    proposal: str,
    mitigations: Any = None,
    monitoring: Any = None,
    other_evidence: Any = None,
    material_gap: float = 0.05,
) -> EqiaEvidence:
    """Write the evidence section of an Equality Impact Assessment from a fairness audit.

    Parameters
    ----------
    report : FairnessReport
        The audit, from :func:`labkit.fairness.audit`.
    proposal : str
        What the tool does and for whom, in a sentence or two.
    mitigations : str, list of str or a report, optional
        What the council will do about the gaps (a :class:`MitigationReport`'s
        summary can be passed directly). If none are given, the section says so.
    monitoring : str or list of str, optional
        The monitoring plan. A default plan is written if none is given.
    other_evidence : str or list of str, optional
        Evidence from outside the data: engagement with residents, complaints,
        research.
    material_gap : float, default 0.05
        A gap of this size (5 percentage points) or more between groups is
        reported as a possible adverse impact. This is a screening level for
        the assessment, not a legal test: change it and say why.

    Returns
    -------
    EqiaEvidence

    Examples
    --------
    >>> from labkit.fairness import audit, eqia_evidence
    >>> r = audit([1, 0, 1, 0] * 25, [1, 0, 0, 0] * 25, sensitive_features={"sex": ["F", "F", "M", "M"] * 25},
    ...           figures=False)
    >>> e = eqia_evidence(r, proposal="A model that flags repairs at risk of missing target.")
    >>> e.impacts["likely_impact"].iloc[0]
    'Possible adverse impact: needs explaining or mitigating'
    """
    _check_inputs(report, proposal, material_gap)
    char_rows = _characteristic_rows(report)
    characteristics = pd.DataFrame(char_rows)
    impacts = _impacts(report, material_gap)
    lines = {
        "mitigations": _as_lines(mitigations, "mitigations"),
        "monitoring": _as_lines(monitoring, "monitoring"),
        "other_evidence": _as_lines(other_evidence, "other_evidence"),
    }
    return EqiaEvidence(
        "Equality Impact Assessment: evidence section",
        _summary(report, proposal, char_rows, impacts, material_gap),
        _sections(report, characteristics, impacts, lines, material_gap),
        characteristics=characteristics,
        impacts=impacts,
    )


def _check_inputs(report: Any, proposal: Any, material_gap: Any) -> None:
    if not isinstance(report, FairnessReport):
        raise LabkitError(
            f"report must be a FairnessReport from labkit.fairness.audit(...), not {type(report).__name__}.",
            where="parameter report",
            fix="Run report = audit(...) first and pass it in.",
        )
    if not isinstance(proposal, str) or not proposal.strip():
        raise LabkitError(
            "proposal must describe, in a sentence or two, what the tool does and for whom.",
            where="parameter proposal",
            fix="Pass for example proposal='A model that flags repairs likely to miss their target.'",
        )
    if not 0 < float(material_gap) < 1:
        raise LabkitError(
            f"material_gap must be between 0 and 1, not {material_gap!r}.",
            where="parameter material_gap",
            fix="Use for example material_gap=0.05 (5 percentage points).",
        )


def _characteristic_rows(report: FairnessReport) -> list[dict[str, str]]:
    """All nine protected characteristics, whether the audit checked each, then any other feature audited."""
    by_characteristic: dict[str, list[str]] = {}
    for feature in report.features:
        by_characteristic.setdefault(report.characteristics[feature], []).append(feature)
    rows = []
    for c in PROTECTED_CHARACTERISTICS:
        cols = by_characteristic.get(c, [])
        note = ""
        if c == "marriage and civil partnership":
            note = " The duty's first aim only (eliminating discrimination) applies to this characteristic."
        rows.append(
            {
                "Characteristic": c,
                "Checked with data": "yes" if cols else "no",
                "Column": listing(cols) if cols else "",
                "Note": (
                    "Audited below."
                    if cols
                    else "No data held: say how impact will be judged, and whether to collect it."
                )
                + note,
            }
        )
    others = [f for f in report.features if report.characteristics[f] not in PROTECTED_CHARACTERISTICS]
    for f in others:
        rows.append(
            {
                "Characteristic": report.characteristics[f],
                "Checked with data": "yes",
                "Column": f,
                "Note": "Not a protected characteristic under s.4, but audited because it may stand in "
                "for one or matter for fair treatment.",
            }
        )
    return rows


def _impacts(report: FairnessReport, material_gap: float) -> pd.DataFrame:
    groupings = list(report.features)
    if len(report.features) > 1:
        groupings.append(" x ".join(report.features))
    rows = []
    for feature in groupings:
        name = (
            " x ".join(report.characteristics[f] for f in report.features)
            if " x " in feature
            else report.characteristics[feature]
        )
        rows.append({"characteristic": name, "feature": feature, **_impact(report, feature, material_gap)})
    return pd.DataFrame(rows)


def _summary(
    report: FairnessReport,
    proposal: str,
    char_rows: list[dict[str, str]],
    impacts: pd.DataFrame,
    material_gap: float,
) -> str:
    checked = [r for r in char_rows if r["Checked with data"] == "yes"]
    not_checked = [r["Characteristic"] for r in char_rows if r["Checked with data"] == "no"]
    adverse = impacts[impacts["likely_impact"].str.startswith("Possible")]
    return (
        f"Proposal: {proposal.strip()}\n\n"
        f"This evidence covers {plural(len(checked), 'characteristic')} with data "
        f"({listing([r['Characteristic'] for r in checked])}) and "
        f"{plural(report.settings['rows_audited'], *report.settings.get('noun', ('person', 'people')))}. "
        f"{plural(len(not_checked), 'protected characteristic')} could not be checked with data "
        f"({listing(not_checked)})."
        + (
            f" A possible adverse impact was found for {listing(adverse['characteristic'].tolist())}."
            if len(adverse)
            else f" No gap reached the screening level of {pp(material_gap)}."
        )
    )


def _sections(
    report: FairnessReport,
    characteristics: pd.DataFrame,
    impacts: pd.DataFrame,
    lines: dict[str, list[str]],
    material_gap: float,
) -> list[Section]:
    evidence_lines, mitigation_lines, monitoring_lines = (
        lines["other_evidence"],
        lines["mitigations"],
        lines["monitoring"],
    )
    impact_view = impacts.rename(
        columns={
            "characteristic": "Characteristic",
            "feature": "Column",
            "likely_impact": "Likely impact",
            "evidence": "Evidence",
        }
    )
    return [
        Section(
            "Characteristics considered",
            "The Equality Act 2010 (s.4) lists nine protected characteristics. The table shows which this "
            "assessment could check with data.",
            tables=[Table("Protected characteristics", characteristics)],
        ),
        Section(
            "Evidence",
            f"From a fairness audit of the model's decisions ({report.title}). "
            f"{report.summary.split(chr(10) + chr(10))[0]}"
            + (
                "\n\n" + "\n".join(f"- {e}" for e in evidence_lines)
                if evidence_lines
                else "\n\nNo evidence from outside the data (engagement with residents, complaints, "
                "research) was recorded. Add it: data alone cannot show every impact."
            ),
            tables=[Table("Evidence and likely impact by characteristic", impact_view)],
        ),
        Section(
            "Likely impact",
            "\n".join(f"- {r.characteristic}: {r.likely_impact}." for r in impacts.itertuples())
            + f"\n\nThe screening level is a gap of {pp(material_gap)} between groups, or a selection rate "
            "below four-fifths of the highest group's. It flags what needs explaining; it does not decide "
            "whether an impact is justified. That judgement belongs to the officers who sign this "
            "assessment.",
        ),
        Section(
            "Mitigations",
            "\n".join(f"- {m}" for m in mitigation_lines)
            if mitigation_lines
            else "None recorded yet. For each possible adverse impact, record what will be done (for "
            "example a change of threshold, a human review of decisions for the affected group, a fix to "
            "the data), or why the impact is justified.",
        ),
        Section(
            "Monitoring plan",
            "\n".join(f"- {m}" for m in monitoring_lines) if monitoring_lines else _DEFAULT_MONITORING,
        ),
        Section("Legal context", _LEGAL_CONTEXT),
    ]
