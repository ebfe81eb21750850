"""Choosing a fairness measure: the guide as code.

No single measure of fairness fits every decision, and when groups differ in
how often the outcome happens, the common measures cannot all be met at once
(Kleinberg, Mullainathan and Raghavan 2016; Chouldechova 2017). The right
measure follows from the decision: does being picked out help or burden the
resident, is the resource scarce, which mistake hurts residents more, can
the recorded outcome be trusted, and will staff read the scores?
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing

__all__ = ["MEASURES", "Measure", "MeasureAdvice", "recommend_measures"]


@dataclass(frozen=True)
class Measure:
    """A fairness measure: what it asks for, in plain English, and where the audit shows it."""

    key: str
    name: str
    asks: str
    audit_metrics: tuple[str, ...]
    fairlearn_constraint: str | None


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "selection_rate_parity",
            "Selection-rate parity (demographic parity)",
            "every group is picked out at the same rate, whatever the recorded outcomes",
            ("selection_rate",),
            "demographic_parity",
        ),
        Measure(
            "equal_opportunity",
            "Equal opportunity",
            "among people who really have the need, every group is picked out at the same rate (equal true "
            "positive rates, so equal false negative rates)",
            ("true_positive_rate", "false_negative_rate"),
            "true_positive_rate_parity",
        ),
        Measure(
            "false_positive_parity",
            "Equal false positive rates",
            "among people who do not have the need, every group is wrongly picked out at the same rate",
            ("false_positive_rate",),
            "false_positive_rate_parity",
        ),
        Measure(
            "equalised_odds",
            "Equalised odds",
            "both error rates are equal across groups: the same true positive rate and the same false "
            "positive "
            "rate",
            ("true_positive_rate", "false_positive_rate"),
            "equalized_odds",
        ),
        Measure(
            "calibration_within_groups",
            "Calibration within groups",
            "a score means the same in every group: of people scored 30%, about 30% have the outcome, "
            "whatever "
            "their group",
            ("calibration_error",),
            None,
        ),
    )
}

_KINDS = ("assistive", "punitive")
_ERRORS = ("missed", "wrongly_flagged", "both")


class MeasureAdvice(Report):
    """The result of :func:`recommend_measures`.

    Attributes
    ----------
    primary : list of str
        The measures to hold the model to (keys of :data:`MEASURES`).
    also_check : list of str
        Measures to report alongside.
    reasons : list of str
        Why, in plain English.
    cautions : list of str
        What these measures cannot tell you in this case.
    constraint : str or None
        The fairlearn constraint that matches the first primary measure, for
        :func:`labkit.fairness.mitigate`.
    answers : dict
        The answers the advice was built from.
    """

    kind = "MeasureAdvice"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section],
        *,
        primary: list[str],
        also_check: list[str],
        reasons: list[str],
        cautions: list[str],
        answers: dict[str, Any],
    ) -> None:
        frame = pd.DataFrame(
            {
                "measure": [MEASURES[k].name for k in primary + also_check],
                "role": ["hold the model to this"] * len(primary) + ["also report"] * len(also_check),
                "asks": [MEASURES[k].asks for k in primary + also_check],
            }
        )
        super().__init__(title, summary, sections, frame=frame)
        self.primary = primary
        self.also_check = also_check
        self.reasons = reasons
        self.cautions = cautions
        self.answers = answers
        self.constraint = next(
            (MEASURES[k].fairlearn_constraint for k in primary if MEASURES[k].fairlearn_constraint), None
        )

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "primary": self.primary,
            "also_check": self.also_check,
            "reasons": self.reasons,
            "cautions": self.cautions,
            "constraint": self.constraint,
            "answers": self.answers,
        }


_T = TypeVar("_T")


def _choice(value: _T, name: str, allowed: tuple[str, ...], fix: str) -> _T:
    if value not in allowed:
        raise LabkitError(
            f"{name} must be {listing([repr(a) for a in allowed], 'or')}, not {value!r}.",
            where=f"parameter {name}",
            fix=fix,
        )
    return value


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise LabkitError(
            f"{name} must be True or False, not {value!r}.",
            where=f"parameter {name}",
            fix=f"Pass {name}=True.",
        )
    return value


def _answers_in_words(answers: dict[str, Any]) -> list[str]:
    """The wizard's answers as sentences a resident or a board member can read."""
    kind = {
        "assistive": "Being picked out helps the resident (for example a priority repair).",
        "punitive": "Being picked out burdens the resident (for example a fraud check).",
    }[answers["kind"]]
    worse = {
        "missed": "The worse mistake is missing someone who needed it.",
        "wrongly_flagged": "The worse mistake is picking out someone who did not need it.",
        "both": "Both mistakes are about equally bad.",
    }[answers["worse_error"]]
    return [
        kind,
        worse,
        "There is a fixed amount to share out."
        if answers["scarce"]
        else "There is no fixed amount to share out.",
        "The recorded outcome is equally reliable for every group."
        if answers["label_trusted"]
        else "The recorded outcome may be less reliable for some groups.",
        "Staff will see the score itself." if answers["scores_shown"] else "Staff will not see the score.",
    ]


def _advise(
    kind: str, worse_error: str, scarce: bool, label_trusted: bool, scores_shown: bool
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The measures to hold the model to, those to report too, the reasons and the cautions."""
    primary: list[str] = []
    also: list[str] = []
    reasons: list[str] = []
    cautions: list[str] = []
    if worse_error == "missed":
        primary.append("equal_opportunity")
        reasons.append(
            "Missing someone who needed the decision is the worse mistake, so every group's people in need "
            "should have the same chance of being picked out: equal opportunity."
        )
    elif worse_error == "wrongly_flagged":
        primary.append("false_positive_parity")
        reasons.append(
            "Wrongly picking out someone is the worse mistake, so no group's residents should be wrongly "
            "picked "
            "out more often than another's: equal false positive rates."
        )
    else:
        primary.append("equalised_odds")
        reasons.append(
            "Both mistakes hurt, so both error rates should be equal across groups: equalised odds."
        )
    if kind == "punitive" and "false_positive_parity" not in primary and "equalised_odds" not in primary:
        also.append("false_positive_parity")
        reasons.append(
            "Being picked out burdens residents, so check too that no group is wrongly picked out more often."
        )
    if kind == "assistive" and worse_error != "missed":
        also.append("equal_opportunity")
        reasons.append("Being picked out helps residents, so check that people in need get it equally often.")
    if scarce or not label_trusted:
        also.append("selection_rate_parity")
        if scarce:
            reasons.append(
                "The resource is limited, so look at how it is shared out between groups (selection rates), "
                "and be ready to explain any difference by difference in need."
            )
    if not label_trusted:
        cautions.append(
            "The recorded outcome is not trusted equally for every group, so error rates measured against it "
            "carry the same bias: a model can look fair on equal opportunity while copying a biased record. "
            "Fix or check the label (for example, against case files), and lean on selection rates meanwhile."
        )
    if scores_shown:
        also.append("calibration_within_groups")
        reasons.append(
            "Staff will read the score itself, so a score must mean the same in every group: calibration "
            "within "
            "groups."
        )
        cautions.append(
            "When groups differ in how often the outcome happens, a score cannot be calibrated within "
            "groups and "
            "have equal error rates at the same time (Kleinberg, Mullainathan and Raghavan 2016; "
            "Chouldechova "
            "2017). Decide which matters more for this service, and say so."
        )
    cautions.append(
        "Meeting a measure is evidence for the equality impact assessment, not proof of fairness or of "
        "lawfulness. Fixing one measure can widen gaps on another: report them all."
    )
    return primary, also, reasons, cautions


def recommend_measures(
    *,
    kind: Literal["assistive", "punitive"],
    worse_error: Literal["missed", "wrongly_flagged", "both"],
    scarce: bool = False,
    label_trusted: bool = True,
    scores_shown: bool = False,
) -> MeasureAdvice:
    """Recommend fairness measures for a decision, with reasons in plain English.

    Parameters
    ----------
    kind : {"assistive", "punitive"}
        Does being picked out help the resident (a priority repair, an early-help
        offer) or burden them (a fraud check, enforcement)?
    worse_error : {"missed", "wrongly_flagged", "both"}
        Which mistake hurts residents more: missing someone who needed the
        decision (a false negative), wrongly picking out someone who did not (a
        false positive), or both about equally.
    scarce : bool, default False
        Is there a fixed amount to share out (a set number of visits or places)?
    label_trusted : bool, default True
        Does the recorded outcome the model learned from reflect what really
        happened equally well for every group?
    scores_shown : bool, default False
        Will staff see and act on the score itself, not only the decision?

    Returns
    -------
    MeasureAdvice

    Examples
    --------
    >>> advice = recommend_measures(kind="assistive", worse_error="missed")
    >>> advice.primary
    ['equal_opportunity']
    >>> advice.constraint
    'true_positive_rate_parity'
    """
    kind = _choice(
        kind, "kind", _KINDS, "Use 'assistive' if being picked out helps, 'punitive' if it burdens."
    )
    worse_error = _choice(
        worse_error,
        "worse_error",
        _ERRORS,
        "Use 'missed' if missing someone in need is worse, 'wrongly_flagged' if picking out the wrong "
        "person is "
        "worse, 'both' if they matter about equally.",
    )
    scarce = _flag(scarce, "scarce")
    label_trusted = _flag(label_trusted, "label_trusted")
    scores_shown = _flag(scores_shown, "scores_shown")

    primary, also, reasons, cautions = _advise(kind, worse_error, scarce, label_trusted, scores_shown)
    also = [m for m in dict.fromkeys(also) if m not in primary]
    answers = {
        "kind": kind,
        "worse_error": worse_error,
        "scarce": scarce,
        "label_trusted": label_trusted,
        "scores_shown": scores_shown,
    }
    summary = (
        f"Hold the model to {listing([MEASURES[k].name.lower() for k in primary])}: "
        f"{'; '.join(MEASURES[k].asks for k in primary)}."
        + (f" Also report {listing([MEASURES[k].name.lower() for k in also])}." if also else "")
    )
    table = pd.DataFrame(
        {
            "Measure": [MEASURES[k].name for k in primary + also],
            "Role": ["hold the model to this"] * len(primary) + ["also report"] * len(also),
            "What it asks": [MEASURES[k].asks for k in primary + also],
            "Where to find it in an audit": [
                listing(list(MEASURES[k].audit_metrics)) for k in primary + also
            ],
        }
    )
    sections = [
        Section("Your answers", "\n".join(f"- {line}" for line in _answers_in_words(answers))),
        Section("Measures", tables=[Table("Recommended measures", table)]),
        Section("Why", "\n".join(f"- {r}" for r in reasons)),
        Section("Cautions", "\n".join(f"- {c}" for c in cautions)),
    ]
    return MeasureAdvice(
        "Choosing a fairness measure",
        summary,
        sections,
        primary=primary,
        also_check=also,
        reasons=reasons,
        cautions=cautions,
        answers=answers,
    )
