"""The register's open schema: one documented column list, SQLite migrations and the exchange layout.

Every council's register has the same columns, so councils can exchange entries as CSV or JSON and merge
them. The columns are described once here (:data:`COLUMNS`); the SQLite table, the CSV/JSON exchange
layout, the Frictionless Table Schema in ``sandbox_data/datapackage.json``, Datasette's column
descriptions and ``docs/register.md`` all come from this list.

Migrations: the register file records its schema version in SQLite's ``user_version`` and labkit's
``application_id``, so labkit never changes a database that is not a register, and a register made by an
older labkit is brought up to date, one numbered step at a time, inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "APPLICATION_ID",
    "COLUMNS",
    "MIGRATIONS",
    "PHASES",
    "RAG",
    "SCHEMA_VERSION",
    "STATUSES",
    "Column",
    "table_schema",
]

#: SQLite ``PRAGMA application_id`` of a labkit register ("LKRG" in ASCII).
APPLICATION_ID = 0x4C4B5247

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
SEARCHED: tuple[str, ...] = (
    "title",
    "council",
    "service",
    "problem_statement",
    "supplier",
    "lessons_learned",
)


def _column_sql(c: Column) -> str:
    kind = {"string": "TEXT", "integer": "INTEGER", "date": "TEXT"}[c.type]
    parts = [c.name, kind]
    if c.name == "id":
        parts.append("NOT NULL UNIQUE")
    elif c.required:
        parts.append("NOT NULL")
    if c.values:
        allowed = ", ".join(f"'{v}'" for v in c.values)
        parts.append(f"CHECK ({c.name} IN ({allowed}))")
    if c.type == "integer":
        parts.append(f"CHECK ({c.name} IS NULL OR {c.name} >= 0)")
    return " ".join(parts)


_MIGRATION_1 = (
    "CREATE TABLE projects (pk INTEGER PRIMARY KEY, "
    + ", ".join(_column_sql(c) for c in COLUMNS)
    + ");\nCREATE INDEX projects_council ON projects(council);"
)

# A full-text index kept in step with the table by triggers: search stays fast at 100,000 projects, and
# Datasette finds it and shows a search box.
_FTS_COLUMNS = ", ".join(SEARCHED)
_NEW = ", ".join(f"new.{c}" for c in SEARCHED)
_OLD = ", ".join(f"old.{c}" for c in SEARCHED)
_MIGRATION_2 = f"""
CREATE VIRTUAL TABLE projects_fts USING fts5({_FTS_COLUMNS}, content='projects', content_rowid='pk');
INSERT INTO projects_fts(rowid, {_FTS_COLUMNS}) SELECT pk, {_FTS_COLUMNS} FROM projects;
CREATE TRIGGER projects_ai AFTER INSERT ON projects BEGIN
  INSERT INTO projects_fts(rowid, {_FTS_COLUMNS}) VALUES (new.pk, {_NEW});
END;
CREATE TRIGGER projects_ad AFTER DELETE ON projects BEGIN
  INSERT INTO projects_fts(projects_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', old.pk, {_OLD});
END;
CREATE TRIGGER projects_au AFTER UPDATE ON projects BEGIN
  INSERT INTO projects_fts(projects_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', old.pk, {_OLD});
  INSERT INTO projects_fts(rowid, {_FTS_COLUMNS}) VALUES (new.pk, {_NEW});
END;
"""

#: Schema migrations: version -> (what it does, SQL). A new file runs them all; an older one the rest.
MIGRATIONS: dict[int, tuple[str, str]] = {
    1: ("the projects table", _MIGRATION_1),
    2: ("a full-text search index on title, council, service, problem, supplier and lessons", _MIGRATION_2),
}
SCHEMA_VERSION = max(MIGRATIONS)


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
