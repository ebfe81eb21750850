"""A project register for councils' AI projects, shared between councils (``labkit.register``).

The "platform compiling information about IT projects" the briefing note asks for, at the scale of a
council or a group of councils: a SQLite file (no server to run) with a documented schema and migrations;
import and export as CSV or JSON in an open layout; full-text search; merging other councils' registers
with provenance; similar projects and likely duplicated effort by text similarity; a "who to talk to"
report; and a read-only web page with Datasette (``labkit register serve``).

>>> from labkit.register import sandbox_register
>>> reg = sandbox_register()
>>> reg.search("damp mould")["council"].nunique()
4
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._lazy import lazy_exports

_PUBLIC = {
    "DUPLICATE_THRESHOLD": "_collab",
    "MergeReport": "_collab",
    "WhoToTalkTo": "_collab",
    "find_duplicates": "_collab",
    "merge": "_collab",
    "similar_projects": "_collab",
    "who_to_talk_to": "_collab",
    "entry_from_canvas": "_entry",
    "sandbox_files": "_sandbox",
    "sandbox_register": "_sandbox",
    "sandbox_truth": "_sandbox",
    "COLUMNS": "_schema",
    "MIGRATIONS": "_schema",
    "PHASES": "_schema",
    "SCHEMA_VERSION": "_schema",
    "STATUSES": "_schema",
    "table_schema": "_schema",
    "serve": "_serve",
    "Register": "_store",
    "open_register": "_store",
    "read_entries": "_store",
    "register_explorer": "_widget",
    "register_view": "_widget",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit.register._collab import (
        DUPLICATE_THRESHOLD,
        MergeReport,
        WhoToTalkTo,
        find_duplicates,
        merge,
        similar_projects,
        who_to_talk_to,
    )
    from labkit.register._entry import entry_from_canvas
    from labkit.register._sandbox import sandbox_files, sandbox_register, sandbox_truth
    from labkit.register._schema import COLUMNS, MIGRATIONS, PHASES, SCHEMA_VERSION, STATUSES, table_schema
    from labkit.register._serve import serve
    from labkit.register._store import Register, open_register, read_entries
    from labkit.register._widget import register_explorer, register_view


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "COLUMNS",
    "DUPLICATE_THRESHOLD",
    "MIGRATIONS",
    "PHASES",
    "SCHEMA_VERSION",
    "STATUSES",
    "MergeReport",
    "Register",
    "WhoToTalkTo",
    "entry_from_canvas",
    "find_duplicates",
    "merge",
    "open_register",
    "read_entries",
    "register_explorer",
    "register_view",
    "sandbox_files",
    "sandbox_register",
    "sandbox_truth",
    "serve",
    "similar_projects",
    "table_schema",
    "who_to_talk_to",
]
