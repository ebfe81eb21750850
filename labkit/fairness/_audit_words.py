"""The audit's third step: the numbers in plain English (summary, narratives, things to check).

Everything here reads :class:`~labkit.fairness._audit_numbers.AuditNumbers`
and the audit's settings and returns text; nothing computes a rate.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from labkit._text import count, listing, num, pct, plural
from labkit.fairness._audit_checks import AuditInputs, label
from labkit.fairness._audit_numbers import AuditNumbers, Grouping
from labkit.fairness._words import pp

__all__ = ["GapLookup", "feature_description", "flags", "gap_lookup", "narrative", "summary"]

_PERSON_NOUNS = {
    "person",
    "resident",
    "tenant",
    "applicant",
    "claimant",
    "customer",
    "child",
    "adult",
    "pupil",
    "student",
    "patient",
    "employee",
    "member",
    "user",
    "carer",
    "leaseholder",
    "homeowner",
    "citizen",
}
_FLAG_WORDS = {
    "small_group": "a small group",
    "no_positives": "a group where no one had the outcome",
    "no_negatives": "a group where everyone had the outcome",
    "no_predicted_positives": "a group no one was picked out from",
    "empty_group": "an empty group",
    "missing_values": "missing values",
}
GapLookup = dict[tuple[str, str], dict[str, Any]]


def _who(nouns: tuple[str, str]) -> str:
    """'who' for people, 'that' for things: 'the people who ...', 'the repairs that ...'."""
    return "who" if nouns[0].lower() in _PERSON_NOUNS else "that"


def feature_description(name: str, characteristic: str | None) -> str:
    """'race (ethnic_group)' when the characteristic differs from the column name, else the name."""
    if characteristic and characteristic != name:
        return f"{characteristic} ({name})"
    return name


def gap_lookup(gaps: pd.DataFrame) -> GapLookup:
    """The gaps table as {(feature, metric): row}, keeping only the gaps that could be worked out."""
    return {
        (row["feature"], row["metric"]): row
        for row in gaps.to_dict(orient="records")
        if not pd.isna(row["difference"])
    }


def _flag(kind: str, feature: str, group: Any, n: int, message: str) -> dict[str, Any]:
    return {"kind": kind, "feature": feature, "group": group, "n": n, "message": message}


def _group_flags(
    grouping: Grouping, table: pd.DataFrame, min_n: int, noun: tuple[str, str]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    name = grouping.name
    columns = zip(table["group"], table["n"], table["positives"], table["predicted_positive"], strict=True)
    for group, n, positives, picked in columns:
        where = f"{name} = {group}"
        n = int(n)
        if n == 0:
            message = (
                f"No one is in {where}. No rate can be worked out for it; check whether "
                "filtering emptied it or the combination does not occur."
            )
            out.append(_flag("empty_group", name, group, 0, message))
            continue
        if n < min_n:
            message = (
                f"{where} has only {plural(n, *noun)} (fewer than {count(min_n)}), so its rates are "
                "uncertain: read its confidence intervals, not only the rate."
            )
            out.append(_flag("small_group", name, group, n, message))
        if positives == 0:
            message = (
                f"No one in {where} had the outcome, so its true positive and false negative rates are not "
                "defined. (fairlearn's MetricFrame shows 0 here, which looks like a perfect result but means "
                "nothing.)"
            )
            out.append(_flag("no_positives", name, group, n, message))
        elif positives == n:
            message = f"Everyone in {where} had the outcome, so its false positive rate is not defined."
            out.append(_flag("no_negatives", name, group, n, message))
        if picked == 0:
            message = f"The model picked out no one in {where}, so its precision is not defined."
            out.append(_flag("no_predicted_positives", name, group, n, message))
    return out


def flags(inputs: AuditInputs, numbers: AuditNumbers, missing: str) -> list[dict[str, Any]]:
    """Things to check before relying on the numbers: missing values, empty and small groups, ..."""
    out: list[dict[str, Any]] = []
    nouns = inputs.nouns
    for f in inputs.features:
        if f.n_missing:
            action = {
                "group": "They are audited as a group called 'Not recorded'.",
                "drop": "They were left out of the audit (missing='drop').",
            }[missing]
            message = (
                f"{plural(f.n_missing, *nouns)} ({pct(f.n_missing / inputs.rows)}) "
                f"{'has' if f.n_missing == 1 else 'have'} no recorded {f.name}. {action} Your choices: keep "
                "them as their own group (missing='group', the default: people whose details were not "
                "recorded are often treated differently), leave them out (missing='drop'), or stop and fix "
                "the data first (missing='error'). Leaving them out hides any gap that affects them."
            )
            out.append(_flag("missing_values", f.name, None, f.n_missing, message))
        for cat in f.empty_categories:
            message = (
                f"{f.name} = {cat} is one of the column's categories but has no rows (was the data "
                "filtered?). It cannot be audited; say so in any equality impact assessment."
            )
            out.append(_flag("empty_group", f.name, label(cat), 0, message))
    for g, t in zip(numbers.groupings, numbers.tables, strict=True):
        out += _group_flags(g, t, inputs.min_n, nouns)
    return out


def narrative(grouping: Grouping, gaps: GapLookup, settings: dict[str, Any]) -> str:
    """What the gaps of one grouping mean, in a few sentences."""
    outcome, label_name, kind = settings["outcome"], settings["label_name"], settings["kind"]
    nouns = tuple(settings["noun"])
    many = nouns[1]
    who = feature_description(grouping.name, grouping.characteristic)
    sel = gaps.get((grouping.name, "selection_rate"))
    if sel is None:
        return f"For {who}, there were too few groups with data to compare."
    parts = [
        f"For {who}, the share {outcome} ranged from {pct(sel['lowest'])} ({sel['lowest_group']}) to "
        f"{pct(sel['highest'])} ({sel['highest_group']}), a gap of {pp(sel['difference'])}."
    ]
    if sel["difference"] >= 0.005 and kind == "assistive":
        parts.append(
            f"If being {outcome} brings help, {many} in the {sel['lowest_group']} group get it "
            f"{pp(sel['difference'])} less often than {many} in the {sel['highest_group']} group "
            f"({pct(sel['lowest'])} against {pct(sel['highest'])})."
        )
    elif sel["difference"] >= 0.005 and kind == "punitive":
        parts.append(
            f"If being {outcome} brings extra scrutiny or sanctions, {many} in the {sel['highest_group']} "
            f"group face it {pp(sel['difference'])} more often than {many} in the {sel['lowest_group']} "
            f"group ({pct(sel['highest'])} against {pct(sel['lowest'])})."
        )
    fnr = gaps.get((grouping.name, "false_negative_rate"))
    fpr = gaps.get((grouping.name, "false_positive_rate"))
    if fnr is not None:
        parts.append(
            f"Of the {many} {_who(nouns)} {label_name}, the model missed {pct(fnr['highest'])} in "
            f"{fnr['highest_group']} "
            f"against {pct(fnr['lowest'])} in {fnr['lowest_group']} (false negative rate)."
        )
    if fpr is not None:
        parts.append(
            f"Of the {many} {_who(nouns)} did not, it wrongly picked out {pct(fpr['highest'])} in "
            f"{fpr['highest_group']} "
            f"against {pct(fpr['lowest'])} in {fpr['lowest_group']} (false positive rate)."
        )
    return " ".join(parts)


def summary(
    numbers: AuditNumbers, gaps: GapLookup, found: list[dict[str, Any]], settings: dict[str, Any]
) -> str:
    """The summary a board member reads first."""
    outcome = settings["outcome"]
    overall = numbers.overall
    first = (
        f"This audit looked at {plural(settings['rows_audited'], *settings['noun'])}. Overall "
        f"{pct(overall['selection_rate'])} were {outcome}"
        + (f" (score of {num(settings['threshold'])} or more)" if settings["threshold"] is not None else "")
        + f", and {pct(overall['base_rate'])} {settings['label_name']}."
    )
    paras = [first] + [narrative(g, gaps, settings) for g in numbers.groupings]
    ff = numbers.four_fifths
    single = ff[
        ff["below_four_fifths"].to_numpy() & ~ff["feature"].str.contains(" x ", regex=False).to_numpy()
    ]
    if len(single):
        below = listing([f"{g} ({f})" for g, f in zip(single["group"], single["feature"], strict=True)])
        paras.append(
            f"{plural(len(single), 'group')} had a selection rate below four-fifths of the highest group's "
            f"({below}). The four-fifths rule is a rough screen from US employment guidance, not a UK legal "
            "test: the report's section 'The four-fifths rule, and its limits' explains it."
        )
    kinds: dict[str, int] = {}
    for f in found:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    if kinds:
        paras.append(
            "Check before relying on these numbers: "
            + listing([f"{plural(v, 'case')} of {_FLAG_WORDS[k]}" for k, v in kinds.items()])
            + " (the report's section 'Things to check' lists them)."
        )
    paras.append(
        "These numbers show differences, not their causes or whether they are lawful. Under the Public "
        "Sector Equality Duty (Equality Act 2010, s.149) the council must give due regard to them: find out "
        "why, decide whether they can be justified, and record what you will do."
    )
    return "\n\n".join(paras)
