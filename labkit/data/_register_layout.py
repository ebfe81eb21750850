"""The open register layout: the columns every council's project register shares (see ``labkit.register``).

It lives in ``labkit.data`` because it is a data standard: the sandbox's register files are written in it
(``labkit.data._register``) and ``labkit.register`` builds its SQLite table, exchange files and docs from it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COLUMNS", "COLUMN_NAMES", "PHASES", "RAG", "STATUSES", "Column", "table_schema"]

#: Lifecycle phases, as the GOV.UK service phases with ATRS v4.0's split of beta (idea and retired added).
PHASES: tuple[str, ...] = ("idea", "discovery", "alpha", "private beta", "public beta", "live", "retired")
#: Delivery status.
STATUSES: tuple[str, ...] = ("active", "paused", "completed", "stopped")
#: RAG status from the project's monitor (lesson 03): red, amber, green, or blank when not monitored.
RAG: tuple[str, ...] = ("red", "amber", "green")


@dataclass(frozen=True)
class Column:
    """One column of the register: name, type, whether it is required, allowed values and meaning."""

    name: str
    type: str  # "string", "integer" or "date"
    required: bool
    description: str
    values: tuple[str, ...] = ()
    max_length: int = 2000


COLUMNS: tuple[Column, ...] = (
    Column("id", "string", True, "A short identifier, unique across councils: council-project, lower case, "
           "e.g. 'northbrook-repairs-at-risk'.", max_length=120),
    Column("title", "string", True, "The project's name.", max_length=200),
    Column("council", "string", True, "The council that runs the project (full name).", max_length=200),
    Column("service", "string", True, "The service area, e.g. Housing, Revenues, Highways.", max_length=100),
    Column("problem_statement", "string", True, "The problem the project solves, in a sentence or two (from "
           "its problem canvas, lesson 03)."),
    Column("status", "string", True, "Delivery status.", STATUSES),
    Column("phase", "string", True, "Lifecycle phase.", PHASES),
    Column("supplier", "string", False, "The third party that builds or supplies it, if any.",
           max_length=200),
    Column("cost_gbp", "integer", False, "Cost to date in pounds, if known."),
    Column("rag_status", "string", False, "Red, amber or green from the project's monitor (lesson 03); blank "
           "when not monitored.", RAG),
    Column("canvas_link", "string", False, "Link to the published problem canvas (lesson 03).",
           max_length=500),
    Column("model_card_link", "string", False, "Link to the published model card (lesson 04).",
           max_length=500),
    Column("atrs_record_link", "string", False, "Link to the published ATRS transparency record (lesson 08).",
           max_length=500),
    Column("lessons_learned", "string", False, "What went well or badly, for other councils to read."),
    Column("contact_role", "string", True, "The role to contact (a role title, not a person's name).",
           max_length=200),
    Column("contact_email", "string", False, "A team email address (not an individual's).", max_length=200),
    Column("started", "date", False, "When the project started (YYYY-MM-DD)."),
    Column("updated", "date", False, "When the entry was last updated (YYYY-MM-DD)."),
    Column("provenance", "string", False, "Where the entry came from: which council's register and when it "
           "was exported or merged.", max_length=500),
)  # fmt: skip

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)


def table_schema() -> dict:
    """The register's exchange layout as a Frictionless Table Schema (for CSV files of entries)."""
    fields = []
    for c in COLUMNS:
        f: dict = {"name": c.name, "type": c.type, "description": c.description}
        constraints: dict = {}
        if c.required:
            constraints["required"] = True
        if c.name == "id":
            constraints["unique"] = True
        if c.values:
            constraints["enum"] = list(c.values)
        if c.type == "integer":
            constraints["minimum"] = 0
        if c.type == "string":
            constraints["maxLength"] = c.max_length
        if c.type == "date":
            f["format"] = "%Y-%m-%d"
        if constraints:
            f["constraints"] = constraints
        fields.append(f)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
