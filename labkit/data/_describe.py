"""describe(): a plain-English data dictionary of one dataset, as a labkit Report."""

from __future__ import annotations

from typing import Any

import pandas as pd

from labkit._report import Report, Section, Table
from labkit._text import listing, plural
from labkit.data._councils import COUNCILS, DEFAULT_COUNCIL
from labkit.data._defects import DEFECT_KINDS
from labkit.data._generate import SYNTHETIC_NOTICE, check_council, get_spec


class DatasetDescription(Report):
    """The data dictionary, planted truths and defects of one synthetic dataset."""

    kind = "DatasetDescription"

    def __init__(self, name: str, council: str, title: str, summary: str, sections: list[Section],
                 frame: pd.DataFrame, truth: dict[str, Any]) -> None:  # fmt: skip
        super().__init__(title, summary, sections, frame)
        self.name = name
        self.council = council
        self.truth = truth

    def _extra_dict(self) -> dict[str, Any]:
        return {"dataset": self.name, "council": self.council, "ground_truth": self.truth}


def _codes_text(f) -> str:
    if f.enum is not None:
        shown = list(f.enum)
        return "; ".join(shown)
    parts = []
    if f.pattern:
        parts.append(f"pattern {f.pattern}")
    if f.minimum is not None and f.maximum is not None:
        parts.append(f"from {f.minimum:.0f} to {f.maximum:.0f}")
    elif f.minimum is not None:
        parts.append(f"{f.minimum:.0f} or more")
    elif f.maximum is not None:
        parts.append(f"up to {f.maximum:.0f}")
    return "; ".join(parts)


def describe(name: str, council: str = DEFAULT_COUNCIL) -> DatasetDescription:
    """Describe a synthetic dataset: what a row is, every column, the planted truths and the defects.

    Nothing is generated: the description comes from the dataset's definition.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`.
    council : str, default "northbrook"
        The council whose service patterns (targets, rates) to describe.

    Returns
    -------
    DatasetDescription
        A :class:`labkit._report.Report`: ``summary``, ``to_frame()`` (one row per column),
        ``to_markdown()``, ``to_dict()`` and ``save(path)``.

    Examples
    --------
    >>> from labkit.data import describe
    >>> d = describe("housing_repairs")
    >>> d.summary.startswith("Housing repairs")
    True
    >>> "target_missed" in d.to_frame()["column"].tolist()
    True
    """
    spec = get_spec(name)
    council = check_council(council)
    profile = COUNCILS[council]
    truth = spec.truth(profile)
    label = truth["label"]["column"]
    rows = spec.default_rows.get(council)
    from labkit.data._sandbox import committed_parts

    if rows and committed_parts(council, name):
        size = f" The sandbox file has {plural(rows, 'row')}."
    elif rows:
        size = (
            f" It is not in the sandbox for this council; generate() makes {plural(rows, 'row')} by default."
        )
    else:
        size = ""
    summary = (
        f"{spec.title} for {profile.title}: {spec.summary} {spec.unit.capitalize()}, "
        f"{plural(len(spec.fields), 'column')}.{size} The label is {label}. {SYNTHETIC_NOTICE}"
    )
    frame = pd.DataFrame(
        {
            "column": [f.name for f in spec.fields],
            "type": [f.type for f in spec.fields],
            "description": [f.description for f in spec.fields],
            "codes or format": [_codes_text(f) for f in spec.fields],
            "role": [f.role or "" for f in spec.fields],
            "assumption": [f.assumption or "" for f in spec.fields],
        }
    )
    sections = [Section("Columns", tables=[Table(f"The {len(spec.fields)} columns of {name}", frame)])]

    effects = pd.DataFrame(
        {
            "feature": [e["feature"] for e in truth["planted_effects"]],
            "kind": [e["kind"] for e in truth["planted_effects"]],
            "size": [str(e["size"]) for e in truth["planted_effects"]],
        }
    )
    text = [truth["label"]["meaning"], ""]
    for m in truth.get("mediators", []):
        text.append(f"- Mediator: {m['description']}")
    for p in truth.get("proxies", []):
        text.append(f"- Proxy: {p['column']} for {p['protected']}. {p['description']}")
    for b in truth.get("label_bias", []):
        text.append(f"- Label bias: {b['description']}")
    for leak in truth.get("leaky_features", []):
        text.append(f"- Leaky: {leak['column']} ({leak['kind']}). {leak['description']}")
    sections.append(
        Section("Planted truths", "\n".join(text), tables=[Table("Planted effects and their sizes", effects)])
    )
    sections.append(Section("Design assumptions", "\n".join(f"- {a}" for a in truth.get("assumptions", []))))
    defects = pd.DataFrame(
        {
            "kind": list(DEFECT_KINDS),
            "dimension": [d.dimension for d in DEFECT_KINDS.values()],
            "default rate": [d.default_rate for d in DEFECT_KINDS.values()],
            "rate of": [d.rate_of for d in DEFECT_KINDS.values()],
            "what it looks like": [d.description for d in DEFECT_KINDS.values()],
        }
    )
    roles = spec.roles
    touched = [c for c in (roles.person_id, roles.address, roles.uprn, roles.person_dob) if c]
    sections.append(
        Section(
            "Defects in the as-received file",
            f"The dirty copy has each defect kind at its default rate; the defect log lists every one. "
            f"Columns most affected: {listing(touched)}.",
            tables=[Table("Defect kinds", defects)],
        )
    )
    if spec.sources:
        sections.append(Section("Sources", "\n".join(f"- {s}" for s in spec.sources)))
    return DatasetDescription(
        name, council, f"Dataset: {spec.title} ({profile.title}, synthetic)", summary, sections, frame, truth
    )
