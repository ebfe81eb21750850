"""Checking an ATRS record before it is published.

Each check comes from the ATRS Guidance for v4.0 or the v3.0 completion notes (``reference/atrs``):

- required fields are filled, or redacted with a short reason ("publishing an ATRS record and redacting
  certain fields with a brief explanation of why this has been done is preferable to not publishing");
- "N/A" alone only where the guidance allows it; elsewhere "a short sentence explaining why";
- the senior responsible owner is "a role title, not a named individual", and the contact email is "that
  of the team responsible for the tool, not an individual";
- the Tier 1 description is "no more than two or three sentences" and the one-sentence description is one;
- plain English: "full sentences, in clear and simple language"; Tier 1 "is aimed at the general public".
  labkit screens for sentences over 30 words and for technical terms left unexplained in Tier 1. These two
  screening levels are labkit's own choices, not the standard's: change them and say why;
- the phase "Pilot/beta", removed in v4.0;
- consistency: where an answer replaced text that came from evidence (a model card ...), every number the
  answer states must be one the evidence states, and the names must match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import listing, plural
from labkit.transparency._fields import ATRS_FIELDS, AtrsField, field_by_key
from labkit.transparency._record import AtrsRecord, load_record

__all__ = ["JARGON", "RecordCheck", "check_record"]

MUST = "must fix"
SHOULD = "should fix"

#: Technical terms that need explaining in Tier 1, which is for the general public (labkit's list).
JARGON: tuple[str, ...] = (
    "ROC-AUC",
    "AUC",
    "Brier",
    "F1",
    "precision",
    "recall",
    "logistic regression",
    "gradient boosting",
    "random forest",
    "neural network",
    "classifier",
    "calibration",
    "hyperparameter",
    "feature importance",
    "false positive",
    "false negative",
    "API",
    "LLM",
    "embedding",
    "regression",
    "ensemble",
)

_NA = {"n/a", "na", "none", "not applicable", "-", "tbc", "tbd", "unknown"}
_REDACTED_WORDS = {"redacted", "[redacted]", "withheld", "[withheld]", "confidential", "xxx"}
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame)\b\.?", re.I)
_ROLE_WORDS = re.compile(
    r"\b(director|head|manager|officer|chief|lead|owner|executive|assistant|deputy|service|services|"
    r"corporate|strategic|board|team|principal|member|controller|commissioner|cabinet|portfolio)\b",
    re.I,
)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_INTERNAL_URL = re.compile(r"(intranet|sharepoint|localhost|127\.0\.0\.1|\.local\b|\.internal\b)", re.I)


@functools.cache
def _first_names() -> frozenset[str]:
    from labkit.data._codes import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE

    return frozenset(n.lower() for n in (*FIRST_NAMES_FEMALE, *FIRST_NAMES_MALE))


@functools.cache
def _surnames() -> frozenset[str]:
    from labkit.data._codes import SURNAMES

    return frozenset(n.lower() for n in SURNAMES)


def sentences(text: str) -> list[str]:
    """Split text into sentences (full stop, question or exclamation mark, then a capital or digit)."""
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def looks_like_personal_name(text: str) -> bool:
    """Whether a role field holds a person's name: an honorific, a common first name, or two or three
    capitalised words ending in a common surname, with no role word.

    The first names and surnames are labkit's lists (``labkit.data``): a screening aid that catches the
    common case, not a guarantee. A person still reads the record."""
    if _HONORIFIC.search(text):
        return True
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", text)
    names = _first_names()
    if any(w.lower() in names for w in words):
        return True
    for part in re.split(r"[,;()]", text):
        tokens = part.split()
        if (
            2 <= len(tokens) <= 3
            and all(t[:1].isupper() for t in tokens)
            and tokens[-1].lower().strip(".") in _surnames()
            and not _ROLE_WORDS.search(part)
        ):
            return True
    return False


def looks_like_personal_email(address: str) -> bool:
    """Whether an email address looks like an individual's: 'jane.smith@', 'j.smith@' or a first name."""
    local = address.split("@", 1)[0].lower()
    parts = [p for p in re.split(r"[._-]", local) if p]
    if parts and parts[0] in _first_names():
        return True
    return len(parts) == 2 and len(parts[0]) == 1 and parts[1].isalpha()


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def _explained(sentence: str, term: str) -> bool:
    after = sentence[sentence.lower().find(term.lower()) + len(term) :]
    return bool(re.match(r"\s*(\(|,? (which|that) (means|is)|,? meaning|: |, that is)", after, re.I))


class RecordCheck(Report):
    """The result of :func:`check_record`: one row per finding.

    Attributes
    ----------
    findings : pandas.DataFrame
        Columns section, field, key, check, severity ("must fix" or "should fix"), finding, fix.
    passed : bool
        True when there is nothing that must be fixed before publishing.
    """

    kind = "RecordCheck"

    def __init__(self, title: str, summary: str, sections: list[Section], findings: pd.DataFrame) -> None:
        super().__init__(title, summary, sections, frame=findings)
        self.findings = findings
        self.passed = not bool((findings["severity"] == MUST).any()) if len(findings) else True

    def raise_if_failed(self) -> None:
        """Raise a :class:`LabkitError` listing the must-fix findings, if there are any."""
        must = self.findings[self.findings["severity"] == MUST]
        if len(must):
            raise LabkitError(
                f"The record is not ready to publish: {plural(len(must), 'finding')} must be fixed: "
                + "; ".join(f"{r.field}: {r.finding}" for r in must.itertuples()),
                where="the record's fields " + listing(sorted(set(must["field"]))),
                fix="Fix each finding (see the 'fix' column of check_record(record).findings).",
            )

    def _extra_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "findings": self.findings}


class _Findings:
    """Collects findings as rows of the findings table."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def __call__(self, key: str, check: str, severity: str, finding: str, fix: str) -> None:
        f = field_by_key(key)
        self.rows.append(
            {
                "section": f.section,
                "field": f.name,
                "key": key,
                "check": check,
                "severity": severity,
                "finding": finding,
                "fix": fix,
            }
        )


def _as_record(record: Any) -> AtrsRecord:
    if isinstance(record, AtrsRecord):
        return record
    if isinstance(record, (str, Path, Mapping)):
        return load_record(record)
    raise LabkitError(
        f"record must be an AtrsRecord (from atrs_record) or a saved record, not {type(record).__name__}.",
        where="parameter record",
        fix="Pass record=atrs_record(...) or the path of a record saved as JSON.",
    )


def _evidence(record: AtrsRecord, model_card: Any) -> dict[str, str]:
    evidence = dict(record.evidence)
    if model_card is not None:
        from labkit.evaluate import ATRS_MODEL_SPECIFICATION, ModelCard

        if not isinstance(model_card, ModelCard):
            raise LabkitError(
                "model_card must be a ModelCard from labkit.evaluate.model_card().",
                where="parameter model_card",
            )
        atrs = model_card.to_atrs()
        for _, name, attr in ATRS_MODEL_SPECIFICATION:
            evidence[attr] = atrs[name]
    return evidence


def _presence(f: AtrsField, record: AtrsRecord, supplier_yes: bool, find: _Findings) -> bool:
    """Redaction, emptiness and 'N/A'. True when the field has text worth checking further."""
    text = record.fields[f.key].strip()
    low = text.lower().rstrip(".")
    if f.key in record.redactions:
        if len((record.redactions[f.key] or "").split()) < 3:
            find(
                f.key,
                "redaction",
                MUST,
                "The field is redacted without a reason.",
                "Give a brief reason, e.g. 'Withheld: detail could let applicants game the check'.",
            )
        return False
    if low in _REDACTED_WORDS:
        find(
            f.key,
            "redaction",
            MUST,
            "The field says it is redacted but gives no reason.",
            "Redact it with a brief explanation of why (atrs_record(..., redactions={key: reason})).",
        )
        return False
    if not text:
        required = f.required or (supplier_yes and f.key in ("external_supplier", "external_supplier_role"))
        if required:
            find(
                f.key,
                "required",
                MUST,
                "This required field is empty.",
                f"Fill it in ({f.guidance}) or redact it with a reason.",
            )
        return False
    if low in _NA and not (f.na_allowed and not (supplier_yes and f.key == "external_supplier")):
        find(
            f.key,
            "not applicable",
            MUST,
            f"The field says only {text!r}.",
            "Say in a short sentence why the field does not apply.",
        )
        return False
    return True


def _unexplained_jargon(said: list[str]) -> list[str]:
    unexplained: list[str] = []
    for term in JARGON:
        if any(term.lower() in found.lower() for found in unexplained):
            continue  # "regression" inside "logistic regression" is one term
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I if term.islower() else 0)
        if any(pattern.search(s) and not _explained(s, term) for s in said):
            unexplained.append(term)
    return unexplained


def _length_and_language(f: AtrsField, text: str, max_chars: int, max_words: int, find: _Findings) -> None:
    """Over-long fields and sentences, and unexplained technical terms in Tier 1."""
    if len(text) > max_chars:
        find(
            f.key,
            "length",
            MUST,
            f"The field is over-long: {len(text):,} characters (screening level {max_chars:,}).",
            "Shorten it, or link to a public document with the detail.",
        )
    said = sentences(text)
    if f.key == "description" and len(said) > 3:
        find(
            f.key,
            "length",
            MUST,
            f"The description has {len(said)} sentences; the guidance asks for no more than two or three.",
            "Keep to what the tool is and why it is used; put detail in the Tier 2 detailed description.",
        )
    if f.key == "one_sentence_description" and len(said) > 1:
        find(
            f.key,
            "length",
            MUST,
            f"The one sentence description has {len(said)} sentences.",
            "Write one sentence.",
        )
    if f.key == "name" and len(text) > 100:
        find(f.key, "length", MUST, "The tool's name is over 100 characters.", "Give it a short name.")
    long = [s for s in said if len(s.split()) > max_words]
    if long:
        words = max(len(s.split()) for s in long)
        find(
            f.key,
            "plain English",
            SHOULD,
            f"{plural(len(long), 'sentence')} over {max_words} words (the longest has {words}).",
            "Split long sentences; one idea per sentence.",
        )
    unexplained = _unexplained_jargon(said) if f.tier == 1 else []
    if unexplained:
        find(
            f.key,
            "plain English",
            SHOULD,
            f"Technical terms a member of the public may not know: {listing(unexplained)}.",
            "Explain each in everyday words, or move the detail to Tier 2.",
        )


def _guidance_rules(f: AtrsField, text: str, find: _Findings) -> None:
    """Role not name, a team email, public links, and the phase v4.0 removed."""
    low = text.lower().rstrip(".")
    if f.key == "senior_responsible_owner" and looks_like_personal_name(text):
        find(
            f.key,
            "role not name",
            MUST,
            f"{text!r} looks like a person's name; the guidance asks for a "
            "role title, not a named individual.",
            "Write the role, e.g. 'Director of Housing'.",
        )
    if f.key == "contact_email":
        if not _EMAIL.match(text):
            find(f.key, "email", MUST, f"{text!r} is not an email address.", "Give the team's address.")
        elif looks_like_personal_email(text):
            find(
                f.key,
                "team email",
                MUST,
                f"{text!r} looks like an individual's address; the guidance asks for the team's.",
                "Use a team address, e.g. repairs.data@council.example.",
            )
    if f.key in ("website_url", "source_data_url") and low not in _NA:
        if not text.startswith(("https://", "http://")):
            find(
                f.key, "link", MUST, f"{text!r} is not a web address.", "Give a full https:// link or 'N/A'."
            )
        elif _INTERNAL_URL.search(text):
            find(
                f.key,
                "link",
                MUST,
                "The link looks internal; the guidance asks for publicly accessible links.",
                "Link to a public page, or write 'N/A'.",
            )
    if f.key == "phase" and "pilot/beta" in low:
        find(
            f.key,
            "phase",
            MUST,
            "'Pilot/beta' was removed in ATRS v4.0.",
            "Choose 'Private beta' or 'Public beta'.",
        )


def _consistency(f: AtrsField, text: str, evidence: Mapping[str, str], find: _Findings) -> None:
    """An answer that replaced evidence states no figure the evidence does not; names match."""
    if f.key not in evidence or evidence[f.key].strip() == text:
        return
    source = evidence[f.key]
    extra = sorted(_numbers(text) - _numbers(source))
    if extra:
        find(
            f.key,
            "consistency",
            MUST,
            f"States {listing(extra)}, which the evidence it came from does not.",
            "Copy the figures from the evidence (e.g. the model card), or update the evidence first.",
        )
    elif f.key in ("model_name", "model_version"):
        find(
            f.key,
            "consistency",
            MUST,
            f"{text!r} differs from the evidence ({source!r}).",
            "Use the same name and version as the model card.",
        )


def _record_level(fields: Mapping[str, str], supplier_yes: bool, find: _Findings) -> None:
    """Checks across fields: one organisation name, and no third party named when there is none."""
    org, dept = fields["organisation_name"].strip(), fields["organisation_or_department"].strip()
    if org and dept and org.lower() != dept.lower():
        find(
            "organisation_or_department",
            "consistency",
            SHOULD,
            f"Names {dept!r}, but the summary names {org!r}.",
            "Use the same full name of the organisation in both.",
        )
    if not supplier_yes and fields["external_supplier"].strip().lower() not in _NA | {""}:
        find(
            "external_supplier_involvement",
            "consistency",
            MUST,
            "Says no third party was involved, but a third party is named.",
            "Answer 'Yes' and complete the third-party fields.",
        )


def _check_report(findings: pd.DataFrame, name: str, max_words: int) -> RecordCheck:
    must = int((findings["severity"] == MUST).sum())
    should = len(findings) - must
    if must:
        bad = listing(list(dict.fromkeys(findings.loc[findings["severity"] == MUST, "field"])))
        summary = (
            f"The record for {name} is not ready to publish: {plural(must, 'finding')} must be fixed "
            f"({bad})" + (f", and {plural(should, 'suggestion')} would make it clearer." if should else ".")
        )
    else:
        summary = f"The record for {name} passes every required check" + (
            f"; {plural(should, 'suggestion')} would make it clearer." if should else "."
        )
    table = Table("Findings", findings.drop(columns=["key"]), note="'must fix' blocks publishing.")
    sections = [
        Section(
            "Findings", "" if len(findings) else "Nothing to fix.", tables=[table] if len(findings) else []
        ),
        Section(
            "What was checked",
            "- Required fields filled, or redacted with a reason (ATRS Guidance for v4.0, section 3)\n"
            "- 'N/A' only where the guidance allows it\n"
            "- The senior responsible owner is a role title; the contact email is a team address\n"
            "- The description is no more than three sentences; the one sentence description is one\n"
            f"- Sentences of at most {max_words} words and technical terms explained in Tier 1 "
            "(labkit's screening levels)\n"
            "- Figures and names agree with the evidence the record came from",
        ),
    ]
    return RecordCheck(f"Record check: {name}", summary, sections, findings)


def check_record(
    record: AtrsRecord | Mapping[str, Any] | str | Path,
    *,
    model_card: Any = None,
    max_sentence_words: int = 30,
    max_chars: int = 3000,
) -> RecordCheck:
    """Check an ATRS record against the standard's guidance, plain English and its evidence.

    Parameters
    ----------
    record : AtrsRecord, dict or path
        From :func:`atrs_record`, or a record saved as JSON (a path or the loaded dict).
    model_card : ModelCard, optional
        Also check the Model Specification against this model card (numbers and names must agree).
    max_sentence_words : int, default 30
        Sentences longer than this are flagged (labkit's screening level for plain English).
    max_chars : int, default 3000
        Fields longer than this are flagged as over-long (labkit's screening level).

    Returns
    -------
    RecordCheck
        ``passed`` is True when nothing must be fixed; ``findings`` lists everything found.

    Examples
    --------
    >>> from labkit.transparency import atrs_record, check_record
    >>> result = check_record(atrs_record({"senior_responsible_owner": "Dr Jane Smith"}))
    >>> result.passed
    False
    >>> "role title" in result.findings.set_index("key").loc["senior_responsible_owner", "finding"]
    True
    """
    record = _as_record(record)
    for name, value, low in (("max_sentence_words", max_sentence_words, 5), ("max_chars", max_chars, 100)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise LabkitError(
                f"{name} must be a whole number of at least {low}, not {value!r}.", where=f"parameter {name}"
            )
    evidence = _evidence(record, model_card)
    find = _Findings()
    fields = record.fields
    supplier_yes = fields["external_supplier_involvement"].strip().lower().startswith("yes")
    for f in ATRS_FIELDS:
        if not _presence(f, record, supplier_yes, find):
            continue
        text = fields[f.key].strip()
        _length_and_language(f, text, max_chars, max_sentence_words, find)
        _guidance_rules(f, text, find)
        _consistency(f, text, evidence, find)
    _record_level(fields, supplier_yes, find)
    columns = ["section", "field", "key", "check", "severity", "finding", "fix"]
    return _check_report(
        pd.DataFrame(find.rows, columns=columns), fields["name"] or "the tool", max_sentence_words
    )
