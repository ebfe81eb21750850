"""ATRS records assembled from what earlier lessons produce.

``atrs_record`` fills each field of an ATRS v4.0 record from the evidence it is given (the problem canvas of
lesson 03, the model card of lesson 04, the supplier details of lesson 05, the fairness audit and Equality
Impact Assessment evidence of lesson 06) and from the service's own answers (human review, appeals, data
protection ...). The record remembers where every field came from, so :func:`check_record` can check it
against its evidence.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from labkit._errors import LabkitError
from labkit._report import Report, Section
from labkit._text import listing, pct, plural
from labkit.transparency._fields import ATRS_FIELDS, ATRS_SECTIONS, field_by_key

__all__ = [
    "CANVAS_FIELDS",
    "PROJECT_CANVAS_FIELDS",
    "SUPPLIER_FIELDS",
    "AtrsRecord",
    "atrs_record",
    "load_record",
]

#: Which entries of a problem canvas (lesson 03, ``labkit.projects``) fill which ATRS field. A canvas may be
#: a mapping or an object with ``to_dict()``; the first key present in each tuple is used.
CANVAS_FIELDS: dict[str, tuple[str, ...]] = {
    "detailed_description": ("problem_statement", "problem"),
    "benefit": ("benefits", "benefit", "success_measures"),
    "previous_process": ("current_process", "previous_process"),
    "alternatives_considered": ("alternatives", "alternatives_considered", "options"),
}

#: Which parts of a lesson-03 ``ProblemCanvas`` (``labkit.projects``, ``to_dict()`` layout) fill which field.
PROJECT_CANVAS_FIELDS: dict[str, str] = {
    "name": "title",
    "organisation_name": "council",
    "organisation_or_department": "council",
    "detailed_description": "user_need, and the decision it supports",
    "senior_responsible_owner": "owner.accountable",
    "team": "owner.team",
    "previous_process": "current_process",
    "alternatives_considered": "options",
    "benefit": "measures and benefits",
    "human_decisions_and_review": "decision.human_involvement",
    "risks_and_mitigations": "risks",
}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _project_canvas(c: Mapping[str, Any]) -> dict[str, str]:
    """ATRS field texts from a lesson-03 problem canvas (``ProblemCanvas.to_dict()``)."""

    def part(name: str) -> Mapping[str, Any]:
        value = c.get(name)
        return value if isinstance(value, Mapping) else {}

    def items(name: str) -> list[Mapping[str, Any]]:
        value = c.get(name)
        return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []

    def text(value: Any) -> str:
        return value.strip() if isinstance(value, str) else ""

    out = {
        "name": text(c.get("title")),
        "organisation_name": text(c.get("council")),
        "organisation_or_department": text(c.get("council")),
        "senior_responsible_owner": text(part("owner").get("accountable")),
        "team": text(part("owner").get("team")),
        "previous_process": text(c.get("current_process")),
        "human_decisions_and_review": text(part("decision").get("human_involvement")),
    }
    need, what = text(c.get("user_need")), text(part("decision").get("what"))
    out["detailed_description"] = " ".join(
        t
        for t in (
            need,
            f"The decision it supports: {what[:1].lower()}{what[1:].rstrip('.')}." if what else "",
        )
        if t
    )
    out["alternatives_considered"] = " ".join(
        f"{text(o.get('name'))} ({text(o.get('kind'))}): {text(o.get('description')).rstrip('.')}."
        if text(o.get("description"))
        else f"{text(o.get('name'))} ({text(o.get('kind'))})."
        for o in items("options")
        if text(o.get("name"))
    )
    benefits = []
    for m in items("measures"):
        if not text(m.get("name")):
            continue
        unit = text(m.get("unit"))
        bits = [text(m.get("description")) or text(m.get("name"))]
        if m.get("baseline") is not None and m.get("target") is not None:
            if unit == "share":
                low, high = pct(float(m["baseline"])), pct(float(m["target"]))
            else:
                sep = "" if unit in ("", "%") else " "
                low, high = (f"{_number(m[k])}{sep}{unit}" for k in ("baseline", "target"))
            bits.append(f"from {low} to {high}")
        if m.get("by_month") is not None:
            bits.append(f"by month {m['by_month']}")
        benefits.append(" ".join(bits) + ".")
    for b in items("benefits"):
        if text(b.get("item")):
            value = (
                f": {_number(b['value'])} {text(b.get('unit'))}".rstrip()
                if b.get("value") is not None
                else ""
            )
            benefits.append(f"{text(b.get('item'))}{value}.")
    out["benefit"] = " ".join(benefits)
    out["risks_and_mitigations"] = " ".join(
        f"{text(r.get('risk')).rstrip('.')}"
        + (f": {text(r.get('mitigation')).rstrip('.')}" if text(r.get("mitigation")) else "")
        + "."
        for r in items("risks")
        if text(r.get("risk"))
    )
    return {k: v for k, v in out.items() if v}


def _bid_details(bid: Any) -> dict[str, str]:
    """Supplier details from a lesson-05 ``Bid`` (``labkit.suppliers``): name, role and data terms."""
    contract = bid.contract if isinstance(bid.contract, Mapping) else {}
    terms = [
        str(contract[k]["says"]).strip()
        for k in ("data_export", "derived_data", "audit_access")
        if isinstance(contract.get(k), Mapping) and contract[k].get("says")
    ]
    product, summary = str(getattr(bid, "product", "") or ""), str(getattr(bid, "summary", "") or "")
    return {
        "name": str(bid.supplier),
        "role": f"Supplies {product}: {summary}" if product else summary,
        "data_access_terms": " ".join(terms),
    }


#: Which entries of supplier details (lesson 05) fill which ATRS third-party field.
SUPPLIER_FIELDS: dict[str, str] = {
    "name": "external_supplier",
    "companies_house_number": "companies_house_number",
    "role": "external_supplier_role",
    "procurement_procedure_type": "procurement_procedure_type",
    "data_access_terms": "data_access_terms",
}

REDACTED = "Redacted"


class AtrsRecord(Report):
    """An ATRS v4.0 record: every field's text, where it came from, and any redactions.

    Attributes
    ----------
    fields : dict
        labkit key (see :data:`ATRS_FIELDS`) -> the text of the field ("" when not filled).
    sources : dict
        labkit key -> where the text came from ("model card", "problem canvas", "answers" ...).
    evidence : dict
        labkit key -> the text the evidence gave for the field, kept even when an answer replaced it, so
        :func:`check_record` can check the two agree.
    redactions : dict
        labkit key -> the reason the field is withheld.
    """

    kind = "AtrsRecord"

    def __init__(
        self,
        fields: Mapping[str, str],
        *,
        sources: Mapping[str, str] | None = None,
        evidence: Mapping[str, str] | None = None,
        redactions: Mapping[str, str] | None = None,
    ) -> None:
        self.fields = {f.key: str(fields.get(f.key, "") or "") for f in ATRS_FIELDS}
        self.sources = dict(sources or {})
        self.evidence = dict(evidence or {})
        self.redactions = dict(redactions or {})
        name = self.fields["name"] or "untitled tool"
        org = self.fields["organisation_name"] or "an unnamed organisation"
        filled = sum(1 for k, v in self.fields.items() if v.strip() or k in self.redactions)
        summary = (
            f"Algorithmic transparency record (ATRS v4.0 layout) for {name}, {org}. "
            f"{filled} of {len(ATRS_FIELDS)} fields are filled"
            + (
                f"; {plural(len(self.redactions), 'field is', 'fields are')} redacted with a reason"
                if self.redactions
                else ""
            )
            + ". Run check_record() before publishing."
        )
        sections = []
        for section in ATRS_SECTIONS:
            rows = [f for f in ATRS_FIELDS if f.section == section]
            text = "\n\n".join(f"{f.name}: {self.display(f.key) or '(not filled)'}" for f in rows)
            sections.append(Section(section, text))
        sections.append(
            Section(
                "About this layout",
                "The fields and sections are ATRS v4.0's (ATRS Guidance for v4.0 and the v3.0 to v4.0 "
                "change log). v4.0 publishes no machine-readable field names, so the JSON and CSV forms use "
                "the v3.0 machine names where a field has one and say where it has none.",
            )
        )
        super().__init__(f"Algorithmic transparency record: {name}", summary, sections, frame=self.template())

    def display(self, key: str) -> str:
        """The text a reader sees for a field: its text, or 'Redacted: reason' when it is withheld."""
        if key in self.redactions:
            return f"{REDACTED}: {self.redactions[key]}"
        return self.fields[key]

    def template(self) -> pd.DataFrame:
        """The record in the official template's field layout: one row per field, sheet by sheet.

        Columns: section (the template's sheet), v4_reference, field (v4.0 name), v3_attribute (v3.0 machine
        name, or "none in v4.0" for fields new in v4.0), tier, required, entry, source.
        """
        return pd.DataFrame(
            [
                {
                    "section": f.section,
                    "v4_reference": f.v4_reference or "",
                    "field": f.name,
                    "v3_attribute": f.v3_attribute or "none in v4.0",
                    "tier": f.tier,
                    "required": f.required,
                    "entry": self.display(f.key),
                    "source": self.sources.get(f.key, ""),
                }
                for f in ATRS_FIELDS
            ]
        )

    def to_atrs_json(self) -> dict[str, Any]:
        """The record as JSON in an open layout: sections, each a list of fields with v3.0 machine names.

        ``v3_attribute`` is ``null`` for fields new in v4.0; ``key`` is labkit's own and always present.
        """
        return {
            "standard": "Algorithmic Transparency Recording Standard",
            "standard_version": "4.0",
            "machine_names": "v3.0 attribute names; v4.0 publishes none",
            "sections": [
                {
                    "section": section,
                    "fields": [
                        {
                            "key": f.key,
                            "name": f.name,
                            "v3_attribute": f.v3_attribute,
                            "v4_reference": f.v4_reference,
                            "entry": self.fields[f.key],
                            "redacted": f.key in self.redactions,
                            "redaction_reason": self.redactions.get(f.key),
                            "source": self.sources.get(f.key),
                        }
                        for f in ATRS_FIELDS
                        if f.section == section
                    ],
                }
                for section in ATRS_SECTIONS
            ],
            "evidence": dict(self.evidence),
        }

    def _extra_dict(self) -> dict[str, Any]:
        return {"atrs": self.to_atrs_json()}

    def save(self, path: str | Path) -> Path:
        """Write the record: ``.html``, ``.md`` or ``.json`` (the ATRS JSON layout) by suffix, or ``.csv``
        (the template's field layout, one row per field)."""
        path = Path(path)
        if path.suffix.lower() != ".csv":
            return super().save(path)
        buf = io.StringIO()
        self.template().to_csv(buf, index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(buf.getvalue(), encoding="utf-8")
        except OSError as exc:
            raise LabkitError(
                f"The record could not be written: {exc.strerror or exc}.",
                where=f"path {str(path)!r}",
                fix="Choose a folder you can write to.",
            ) from exc
        return path


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, str) for v in value):
            raise LabkitError(f"Every entry of {where} must be text.", where=where)
        return " ".join(v.strip() for v in value if v.strip())
    if not isinstance(value, str):
        raise LabkitError(
            f"{where} must be text, not {type(value).__name__}.",
            where=where,
            fix="Write the answer as a sentence or two of plain English.",
        )
    return value.strip()


def _as_mapping(obj: Any, where: str) -> Mapping[str, Any]:
    if obj is None:
        return {}
    if isinstance(obj, Mapping):
        return obj
    to_dict = getattr(obj, "to_dict", None)
    if callable(to_dict):
        out = to_dict()
        if isinstance(out, Mapping):
            return out
    raise LabkitError(
        f"{where} must be a mapping of names to text (or have a to_dict() method), not {type(obj).__name__}.",
        where=f"parameter {where}",
    )


def _check_keys(keys, where: str) -> None:
    known = {f.key for f in ATRS_FIELDS}
    unknown = sorted(set(keys) - known)
    if unknown:
        raise LabkitError(
            f"{where} names {plural(len(unknown), 'field')} that an ATRS record does not have: "
            f"{listing([repr(k) for k in unknown])}.",
            where=f"parameter {where}",
            fix="Use the keys of labkit.transparency.ATRS_FIELDS, e.g. 'human_decisions_and_review'.",
        )


def _report_summary(report: Any, where: str) -> str:
    if report is None:
        return ""
    if isinstance(report, str):
        return report.strip()
    if isinstance(report, Report):
        return report.summary.strip()
    raise LabkitError(
        f"{where} must be a labkit report or text, not {type(report).__name__}.",
        where=f"parameter {where}",
        fix=f"Pass the report from labkit.fairness ({where}=audit(...) or eqia_evidence(...)).",
    )


def atrs_record(
    answers: Mapping[str, Any] | None = None,
    *,
    model_card: Any = None,
    canvas: Any = None,
    supplier: Mapping[str, Any] | None = None,
    fairness: Any = None,
    eqia: Any = None,
    redactions: Mapping[str, str] | None = None,
) -> AtrsRecord:
    """Assemble an ATRS v4.0 record from earlier lessons' outputs and the service's own answers.

    Parameters
    ----------
    answers : mapping, optional
        Field key -> text for everything the evidence cannot say: the tool's name, organisation, team,
        senior responsible owner (a role title), team contact email, human review, appeals, training, data
        protection and so on. Keys are those of :data:`ATRS_FIELDS`. An answer for a field the evidence
        also fills replaces the evidence's text (and :func:`check_record` then checks the two agree).
    model_card : ModelCard, optional
        From :func:`labkit.evaluate.model_card` (lesson 04): fills the Model Specification, the list of models
        and the development datasets.
    canvas : ProblemCanvas, mapping or object with ``to_dict()``, optional
        The problem canvas (lesson 03). A ``labkit.projects.ProblemCanvas`` (or its ``to_dict()``) fills
        the fields in :data:`PROJECT_CANVAS_FIELDS`; a plain mapping, those in :data:`CANVAS_FIELDS`.
    supplier : mapping or Bid, optional
        Third-party details (lesson 05): a ``labkit.suppliers`` ``Bid`` (its supplier, product and summary,
        and the contract's data export, derived data and audit access terms), or a mapping of ``name``,
        ``companies_house_number``, ``role``, ``procurement_procedure_type``, ``data_access_terms``. With a
        supplier, third-party involvement is "Yes"; without one (and no answer), "No" and the third-party
        fields "N/A".
    fairness : FairnessReport or str, optional
        The fairness audit (lesson 06); its summary is added to the risks.
    eqia : EqiaEvidence or str, optional
        The Equality Impact Assessment evidence (lesson 06); its summary is added to the impact assessments.
    redactions : mapping, optional
        Field key -> the reason it is withheld. The guidance prefers redacting a field with a short reason
        to not publishing at all.

    Returns
    -------
    AtrsRecord

    Raises
    ------
    LabkitError
        For an unknown field key, an answer that is not text, or evidence of the wrong kind.

    Examples
    --------
    >>> from labkit.transparency import atrs_record
    >>> record = atrs_record({"name": "Repairs at risk", "senior_responsible_owner": "Head of Repairs"})
    >>> record.fields["senior_responsible_owner"]
    'Head of Repairs'
    >>> record.fields["external_supplier_involvement"]
    'No'
    """
    answers = dict(_as_mapping(answers, "answers"))
    _check_keys(answers, "answers")
    redactions = dict(_as_mapping(redactions, "redactions"))
    _check_keys(redactions, "redactions")
    for key, reason in redactions.items():
        if not isinstance(reason, str):
            raise LabkitError(
                f"The reason for redacting {key!r} must be text.",
                where="parameter redactions",
                fix="Give a short reason, e.g. 'withheld to prevent gaming of the eligibility check'.",
            )

    fields: dict[str, str] = {}
    sources: dict[str, str] = {}

    def put(key: str, text: str, source: str) -> None:
        if text:
            fields[key] = text
            sources[key] = source

    if model_card is not None:
        from labkit.evaluate import ATRS_MODEL_SPECIFICATION, ModelCard

        if not isinstance(model_card, ModelCard):
            raise LabkitError(
                f"model_card must be a ModelCard from labkit.evaluate.model_card(), not "
                f"{type(model_card).__name__}.",
                where="parameter model_card",
                fix="Pass model_card=model_card(report, ...) from lesson 04.",
            )
        atrs = model_card.to_atrs()
        for _, name, attr in ATRS_MODEL_SPECIFICATION:
            put(attr, atrs[name], "model card")
        put("models", f"One model: {atrs['Model name']} (version {atrs['Model version']}).", "model card")
        put("source_data_name", atrs["Datasets and their purposes"], "model card")

    c = _as_mapping(canvas, "canvas")
    if "user_need" in c:  # a lesson-03 ProblemCanvas (labkit.projects), or its to_dict()
        for key, text in _project_canvas(c).items():
            put(key, text, "problem canvas")
    else:
        for key, names in CANVAS_FIELDS.items():
            for n in names:
                if c.get(n):
                    put(key, _text(c[n], f"canvas entry {n!r}"), "problem canvas")
                    break

    if supplier is not None and not isinstance(supplier, Mapping) and hasattr(supplier, "contract"):
        supplier = _bid_details(supplier)
    s = _as_mapping(supplier, "supplier")
    unknown = sorted(set(s) - set(SUPPLIER_FIELDS))
    if unknown:
        raise LabkitError(
            f"supplier has entries labkit does not know: {listing([repr(u) for u in unknown])}.",
            where="parameter supplier",
            fix=f"Use {listing([repr(k) for k in SUPPLIER_FIELDS])}.",
        )
    if s:
        put("external_supplier_involvement", "Yes", "supplier details")
        for name, key in SUPPLIER_FIELDS.items():
            put(key, _text(s.get(name), f"supplier entry {name!r}"), "supplier details")
    else:
        put("external_supplier_involvement", "No", "no supplier given")
        for key in SUPPLIER_FIELDS.values():
            put(key, "N/A", "no supplier given")

    fair = _report_summary(fairness, "fairness")
    if fair:
        put("risks_and_mitigations", f"Fairness audit: {fair}", "fairness audit")
    eq = _report_summary(eqia, "eqia")
    if eq:
        put("impact_assessment", f"Equality Impact Assessment: {eq}", "EqIA evidence")

    evidence = dict(fields)
    for key, value in answers.items():
        text = _text(value, f"answer {key!r}")
        if key in fields and text and text != fields[key]:
            if key in ("risks_and_mitigations", "impact_assessment") and fields[key] not in text:
                text = f"{text} {fields[key]}"
                sources[key] = f"answers and {sources[key]}"
            else:
                sources[key] = f"answers (replacing the {sources[key]})"
            fields[key] = text
        elif text:
            fields[key] = text
            sources.setdefault(key, "answers")
    evidence = {k: v for k, v in evidence.items() if sources.get(k, "").startswith("answers (replacing")}
    for key in redactions:
        sources[key] = "redacted"
    return AtrsRecord(fields, sources=sources, evidence=evidence, redactions=redactions)


def load_record(path_or_dict: str | Path | Mapping[str, Any]) -> AtrsRecord:
    """Read a record saved as ATRS JSON (``record.save("x.json")``) back into an :class:`AtrsRecord`.

    Examples
    --------
    >>> from labkit.transparency import atrs_record, load_record
    >>> r = atrs_record({"name": "Repairs at risk"})
    >>> load_record(r.to_dict()).fields["name"]
    'Repairs at risk'
    """
    if isinstance(path_or_dict, Mapping):
        data = path_or_dict
        where = "the record given"
    else:
        path = Path(path_or_dict)
        where = f"file {path.as_posix()!r}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise LabkitError("The record file does not exist.", where=where, fix="Check the path.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise LabkitError(f"The record file cannot be read: {exc}.", where=where) from exc
        except json.JSONDecodeError as exc:
            raise LabkitError(
                f"The record file is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
                where=where,
                fix="Save the record again with record.save('record.json').",
            ) from exc
    atrs = data.get("atrs", data) if isinstance(data, Mapping) else None
    if not isinstance(atrs, Mapping) or not isinstance(atrs.get("sections"), list):
        raise LabkitError(
            "This is not an ATRS record saved by labkit: it has no 'sections' list.",
            where=where,
            fix="Save records with record.save('record.json'), which writes this layout.",
        )
    fields, sources, redactions = {}, {}, {}
    for section in atrs["sections"]:
        for entry in section.get("fields", []) if isinstance(section, Mapping) else []:
            key = entry.get("key") if isinstance(entry, Mapping) else None
            if key is None:
                continue
            try:
                field_by_key(key)
            except KeyError as exc:
                raise LabkitError(f"The record has an unknown field {key!r}.", where=where) from exc
            fields[key] = entry.get("entry") or ""
            if entry.get("source"):
                sources[key] = entry["source"]
            if entry.get("redacted"):
                redactions[key] = entry.get("redaction_reason") or ""
    evidence = atrs.get("evidence") or {}
    return AtrsRecord(fields, sources=sources, evidence=evidence, redactions=redactions)
