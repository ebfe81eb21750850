"""The register's open schema: one documented column list, SQLite migrations and the exchange layout.

Every council's register has the same columns, so councils can exchange entries as CSV or JSON and merge
them. The columns are described once, in ``labkit.data._register_layout`` (:data:`COLUMNS`, a data
standard the sandbox is written in too); the SQLite table here, the CSV/JSON exchange
layout, the Frictionless Table Schema in ``sandbox_data/datapackage.json``, Datasette's column
descriptions and ``docs/register.md`` all come from this list.

Migrations: the register file records its schema version in SQLite's ``user_version`` and labkit's
``application_id``, so labkit never changes a database that is not a register, and a register made by an
older labkit is brought up to date, one numbered step at a time, inside one transaction.
"""

from __future__ import annotations

from labkit.data._register_layout import (
    COLUMN_NAMES,
    COLUMNS,
    PHASES,
    RAG,
    STATUSES,
    Column,
    table_schema,
)

__all__ = [
    "APPLICATION_ID",
    "COLUMNS",
    "COLUMN_NAMES",
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
