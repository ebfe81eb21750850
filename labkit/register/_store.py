"""The project register: a SQLite file (Python's standard library; no server to run).

:class:`Register` opens (or creates) a register file, brings its schema up to date, and adds, lists,
searches, exports and imports entries. Every change runs in one transaction: an import or merge that fails
part-way leaves the file exactly as it was, and nothing is overwritten unless you ask.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from labkit._csv import read_csv_as_text
from labkit._errors import LabkitError
from labkit._text import listing, plural
from labkit.register._schema import (
    APPLICATION_ID,
    COLUMN_NAMES,
    COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    Column,
    table_schema,
)

__all__ = ["Register", "open_register", "read_entries"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_SHOWN = ["id", "title", "council", "service", "phase", "status", "rag_status", "contact_role"]
_MAX_ERRORS = 10


def _db_error(exc: sqlite3.Error, path: Path, doing: str) -> LabkitError:
    """Turn an SQLite error into a plain-English LabkitError."""
    text = str(exc).lower()
    where = f"register file {path.as_posix()!r}"
    if "locked" in text or "busy" in text:
        return LabkitError(
            f"The register is locked by another program, so labkit could not {doing}.",
            where=where,
            fix="Close the other program writing to it (another notebook, or a tool holding it open) and "
            "try again. Nothing was changed.",
        )
    if "readonly" in text or "read-only" in text:
        return LabkitError(
            f"The register file is read-only, so labkit could not {doing}.",
            where=where,
            fix="Ask for write access, or copy the file somewhere you can write and use the copy. "
            "Nothing was changed.",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return LabkitError(
            f"The register file is damaged (SQLite says: {exc}), so labkit could not {doing}.",
            where=where,
            fix="labkit has not changed it. Restore it from a backup, or make a new register and import "
            "your last export (labkit register import).",
        )
    if "unable to open" in text:
        return LabkitError(
            f"labkit could not open the register file to {doing}.",
            where=where,
            fix="Check the folder exists and you may write to it.",
        )
    return LabkitError(f"The register could not {doing}: {exc}.", where=where)


def _looks_like_personal_name(text: str) -> bool:
    from labkit.transparency._check import looks_like_personal_name

    return looks_like_personal_name(text)


def _looks_like_personal_email(text: str) -> bool:
    from labkit.transparency._check import looks_like_personal_email

    return looks_like_personal_email(text)


def _clean_value(col: Column, value: Any) -> tuple[Any, str | None]:
    """The stored value of one cell, or an error message."""
    if value is None or (isinstance(value, float) and value != value):
        value = ""
    if col.type == "integer":
        if isinstance(value, bool):
            return None, "must be a whole number of pounds"
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and value.strip() == "":
            return None, None
        elif isinstance(value, str) and re.fullmatch(r"\d+", value.strip().replace(",", "")):
            number = int(value.strip().replace(",", ""))
        else:
            return None, f"must be a whole number of pounds, not {value!r}"
        if number < 0:
            return None, "must not be negative"
        return number, None
    if not isinstance(value, str):
        if isinstance(value, (int, float)):
            value = str(value)
        elif isinstance(value, (dt.date, pd.Timestamp)):
            value = value.strftime("%Y-%m-%d")
        else:
            return None, f"must be text, not {type(value).__name__}"
    value = value.strip()
    if value == "":
        return None, ("is required" if col.required else None)
    if len(value) > col.max_length:
        return None, f"is {len(value):,} characters long; the most is {col.max_length:,}"
    if col.values and value not in col.values:
        return None, f"is {value!r}; use one of {listing([repr(v) for v in col.values], 'or')}"
    if col.type == "date":
        try:
            if not _DATE.match(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            return None, f"is {value!r}; write dates as YYYY-MM-DD"
    if col.name == "id" and not _ID.match(value):
        return None, f"is {value!r}; use lower-case letters, digits and hyphens, e.g. 'northbrook-repairs'"
    if col.name == "contact_role" and _looks_like_personal_name(value):
        return (
            None,
            f"is {value!r}, which looks like a person's name; give a role title, e.g. 'Head of Repairs'",
        )
    if col.name == "contact_email":
        if not _EMAIL.match(value):
            return None, f"is {value!r}, which is not an email address"
        if _looks_like_personal_email(value):
            return None, f"is {value!r}, which looks like an individual's address; give a team address"
    return value, None


def validate_entry(entry: Mapping[str, Any], where: str = "entry") -> tuple[dict[str, Any], list[str]]:
    """Check one entry against the schema: (the cleaned entry, a list of problems)."""
    if not isinstance(entry, Mapping):
        return {}, [f"{where} must be a set of named fields, not {type(entry).__name__}"]
    problems = []
    unknown = sorted(set(entry) - set(COLUMN_NAMES))
    if unknown:
        problems.append(f"{where} has fields the register does not: {listing([repr(u) for u in unknown])}")
    out: dict[str, Any] = {}
    for col in COLUMNS:
        value, problem = _clean_value(col, entry.get(col.name))
        if problem:
            problems.append(f"{where}, {col.name} {problem}")
        out[col.name] = value
    return out, problems


def _raise_problems(problems: list[str], where: str, fix: str) -> None:
    if problems:
        shown = problems[:_MAX_ERRORS]
        more = f" (and {len(problems) - _MAX_ERRORS} more)" if len(problems) > _MAX_ERRORS else ""
        raise LabkitError(
            f"{plural(len(problems), 'problem')} found, so nothing was changed: "
            + "; ".join(shown)
            + more
            + ".",
            where=where,
            fix=fix,
        )


def read_entries(path: str | Path) -> list[dict[str, Any]]:
    """Read register entries from a CSV or JSON file in the open register layout (not yet checked).

    A CSV file is read by labkit's one CSV reader, as every command reads a file (Windows-1252 text and
    semicolons too, with a warning), keeping every value as written. Raises a :class:`LabkitError` for a
    missing file, a file that is not a CSV table, a row with fewer values than the header, invalid JSON,
    or columns the layout does not have.
    """
    path = Path(path)
    where = f"file {path.as_posix()!r}"
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise LabkitError(
            f"labkit reads register entries from .csv or .json files, not {suffix or '(no suffix)'!r}.",
            where=where,
            fix="Export entries with labkit register export FILE.csv (or .json).",
        )
    if suffix == ".csv":
        return _csv_entries(path, where)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise LabkitError("The file does not exist.", where=where, fix="Check the path.") from exc
    except UnicodeDecodeError as exc:
        raise LabkitError(
            "The file is not UTF-8 text.", where=where, fix="Save it as UTF-8 JSON (or CSV) and try again."
        ) from exc
    except OSError as exc:
        raise LabkitError(f"The file cannot be read: {exc.strerror or exc}.", where=where) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LabkitError(
            f"The file is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).",
            where=where,
            fix="Fix the JSON, or export the entries again with labkit register export.",
        ) from exc
    entries = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise LabkitError(
            "The JSON file has no list of entries.",
            where=where,
            fix='Use the layout labkit register export writes: {"entries": [{...}, ...]}.',
        )
    return entries


def _csv_entries(path: Path, where: str) -> list[dict[str, Any]]:
    """The rows of a register CSV file, each a dict of text, after checking the header against the layout."""
    frame = read_csv_as_text(path)
    header = list(frame.columns)
    unknown = [h for h in header if h not in COLUMN_NAMES]
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    if unknown or missing:
        bits = []
        if unknown:
            bits.append(f"columns the register does not have: {listing([repr(u) for u in unknown])}")
        if missing:
            bits.append(f"required columns missing: {listing([repr(m) for m in missing])}")
        raise LabkitError(
            "The CSV header does not match the register layout: " + "; ".join(bits) + ".",
            where=f"{where}, line 1",
            fix=f"Use the columns {listing(list(COLUMN_NAMES))} (see docs/register.md).",
        )
    return frame.to_dict("records")


class Register:
    """A project register in a SQLite file.

    Parameters
    ----------
    path : str or Path
        The register file (for example ``my-register.sqlite``). A missing file is created.
    create : bool, default True
        If False, a missing file is an error instead.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from labkit.register import Register
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> reg = Register(folder / "register.sqlite")
    >>> reg.add({"id": "northbrook-repairs-at-risk", "title": "Repairs at risk",
    ...          "council": "Northbrook Borough Council", "service": "Housing",
    ...          "problem_statement": "Find repairs likely to miss their target.", "status": "active",
    ...          "phase": "alpha", "contact_role": "Head of Repairs"})
    >>> len(reg)
    1
    >>> reg.search("repairs")["id"].tolist()
    ['northbrook-repairs-at-risk']
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        if not isinstance(path, (str, Path)):
            raise LabkitError(f"path must be a file path, not {type(path).__name__}.", where="parameter path")
        self.path = Path(path)
        if self.path.is_dir():
            raise LabkitError(
                "The register path is a folder.",
                where=f"path {self.path.as_posix()!r}",
                fix="Give a file name, e.g. my-register.sqlite.",
            )
        existed = self.path.exists()
        if not existed and not create:
            raise LabkitError(
                "The register file does not exist.",
                where=f"path {self.path.as_posix()!r}",
                fix="Check the path, or create a register with labkit register add.",
            )
        try:
            self._con = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, "open it") from exc
        try:
            self._prepare(existed)
        except BaseException:
            self._con.close()
            raise

    # -- opening and migrations ------------------------------------------------------------------------
    def _prepare(self, existed: bool) -> None:
        try:
            app_id = self._con.execute("PRAGMA application_id").fetchone()[0]
            version = self._con.execute("PRAGMA user_version").fetchone()[0]
            tables = self._con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, "open it") from exc
        if app_id != APPLICATION_ID and tables:
            raise LabkitError(
                "This SQLite file is not a labkit register, so labkit will not change it.",
                where=f"register file {self.path.as_posix()!r}",
                fix="Choose another file name for your register.",
            )
        if version > SCHEMA_VERSION:
            raise LabkitError(
                f"The register was made by a newer labkit (schema version {version}; this labkit knows up to "
                f"{SCHEMA_VERSION}).",
                where=f"register file {self.path.as_posix()!r}",
                fix="Update labkit (git pull, then make setup).",
            )
        if version < SCHEMA_VERSION:
            self.migrate()

    @property
    def schema_version(self) -> int:
        """The schema version of the file (see :data:`labkit.register.MIGRATIONS`)."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, to: int = SCHEMA_VERSION) -> list[int]:
        """Run the migrations the file has not had yet, up to ``to``, in one transaction.

        Returns the versions applied. A failure leaves the file as it was.
        """
        current = self.schema_version
        steps = [v for v in sorted(MIGRATIONS) if current < v <= to]
        if not steps:
            return []
        try:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                self._con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                for v in steps:
                    for statement in _statements(MIGRATIONS[v][1]):
                        self._con.execute(statement)
                    self._con.execute(f"PRAGMA user_version = {v}")
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, "set up or update its tables") from exc
        return steps

    # -- reading ---------------------------------------------------------------------------------------
    def _query(self, sql: str, params: Iterable[Any] = (), doing: str = "read it") -> list[dict[str, Any]]:
        try:
            cur = self._con.execute(sql, tuple(params))
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, doing) from exc

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) AS n FROM projects")[0]["n"])

    def __contains__(self, project_id: object) -> bool:
        return bool(self._query("SELECT 1 AS x FROM projects WHERE id = ?", [project_id]))

    def __repr__(self) -> str:
        return f"Register({self.path.as_posix()!r}): {plural(len(self), 'project')}"

    def get(self, project_id: str) -> dict[str, Any]:
        """One entry as a dict; a LabkitError if there is none with this id."""
        rows = self._query(f"SELECT {', '.join(COLUMN_NAMES)} FROM projects WHERE id = ?", [project_id])
        if not rows:
            raise LabkitError(
                f"The register has no project with id {project_id!r}.",
                where="parameter project_id",
                fix="List the ids with labkit register list, or search with labkit register search.",
            )
        return rows[0]

    def entries(self) -> list[dict[str, Any]]:
        """Every entry, in the register's order (by council, then id)."""
        return self._query(f"SELECT {', '.join(COLUMN_NAMES)} FROM projects ORDER BY council, id")

    def to_frame(self) -> pd.DataFrame:
        """Every entry as a DataFrame (all columns)."""
        return pd.DataFrame(self.entries(), columns=list(COLUMN_NAMES))

    def list(
        self, *, council: str | None = None, service: str | None = None, status: str | None = None
    ) -> pd.DataFrame:
        """The entries, optionally only one council's, service's or status's (the main columns)."""
        where, params = [], []
        for name, value in (("council", council), ("service", service), ("status", status)):
            if value is not None:
                where.append(f"lower({name}) = lower(?)")
                params.append(value)
        sql = f"SELECT {', '.join(_SHOWN)} FROM projects"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return pd.DataFrame(self._query(sql + " ORDER BY council, id", params), columns=_SHOWN)

    def search(self, query: str, *, limit: int = 20) -> pd.DataFrame:
        """Projects whose title, council, service, problem, supplier or lessons match every word of ``query``.

        Words match from their start ("mould" finds "mould" and "moulds"), best matches first. Uses the
        full-text index, so it stays fast on very large registers.
        """
        if not isinstance(query, str) or not re.findall(r"\w+", query):
            raise LabkitError(
                "Give at least one word to search for.", where="parameter query", fix="e.g. 'damp mould'."
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise LabkitError(
                f"limit must be a whole number of at least 1, not {limit!r}.", where="parameter limit"
            )
        fts = " ".join(f'"{w}"*' for w in re.findall(r"\w+", query.lower()))
        cols = ", ".join(f"p.{c}" for c in _SHOWN)
        # Rank inside the index first and read only the best rows from the table.
        rows = self._query(
            f"SELECT {cols} FROM (SELECT rowid, rank FROM projects_fts WHERE projects_fts MATCH ? "
            "ORDER BY rank LIMIT ?) AS f JOIN projects p ON p.pk = f.rowid ORDER BY f.rank",
            [fts, limit],
            doing="search it",
        )
        return pd.DataFrame(rows, columns=_SHOWN)

    # -- writing ---------------------------------------------------------------------------------------
    def _write(self, entries: Sequence[Mapping[str, Any]], *, overwrite: bool, doing: str) -> tuple[int, int]:
        """Insert or (if allowed) replace entries in one transaction: (added, replaced)."""
        cols = ", ".join(COLUMN_NAMES)
        marks = ", ".join("?" for _ in COLUMN_NAMES)
        sets = ", ".join(f"{c} = excluded.{c}" for c in COLUMN_NAMES if c != "id")
        added = replaced = 0
        try:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                for e in entries:
                    exists = self._con.execute("SELECT 1 FROM projects WHERE id = ?", [e["id"]]).fetchone()
                    if exists and not overwrite:
                        raise LabkitError(
                            f"The register already has a project with id {e['id']!r}; nothing was changed.",
                            where=f"id {e['id']!r}",
                            fix="Give the new project another id, or ask to replace it (overwrite=True, "
                            "or --overwrite on the command line).",
                        )
                    self._con.execute(
                        f"INSERT INTO projects ({cols}) VALUES ({marks}) "
                        f"ON CONFLICT(id) DO UPDATE SET {sets}",
                        [e[c] for c in COLUMN_NAMES],
                    )
                    replaced += bool(exists)
                    added += not exists
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, doing) from exc
        return added, replaced

    def add(self, entry: Mapping[str, Any], *, overwrite: bool = False) -> None:
        """Add one project. A LabkitError (and no change) for a bad entry or an id already there, unless
        ``overwrite=True``."""
        clean, problems = validate_entry(entry)
        _raise_problems(problems, "the entry", "Correct the fields named (see docs/register.md).")
        self._write([clean], overwrite=overwrite, doing="add the project")

    def add_entries(
        self, entries: Sequence[Mapping[str, Any]], *, overwrite: bool = False, where: str = "entries"
    ) -> tuple[int, int]:
        """Add many projects in one transaction after checking them all: (added, replaced).

        Any bad entry, duplicate id in ``entries`` or existing id (unless ``overwrite``) raises a
        LabkitError naming every problem, and the register is left unchanged.
        """
        if not isinstance(entries, list):
            raise LabkitError("entries must be a list of entries.", where=where)
        cleaned: list[dict[str, Any]] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        for n, e in enumerate(entries, start=1):
            c, p = validate_entry(e, f"entry {n}")
            problems += p
            if c.get("id"):
                if c["id"] in seen:
                    problems.append(f"entry {n} repeats the id {c['id']!r} of entry {seen[c['id']]}")
                seen.setdefault(c["id"], n)
            cleaned.append(c)
        _raise_problems(problems, where, "Correct the entries named (see docs/register.md), then try again.")
        if not overwrite:
            existing = [i for i in seen if i in self]
            if existing:
                raise LabkitError(
                    f"{plural(len(existing), 'entry', 'entries')} would overwrite projects already in the "
                    f"register, so nothing was changed: {listing([repr(i) for i in existing[:_MAX_ERRORS]])}"
                    + (" and more" if len(existing) > _MAX_ERRORS else "")
                    + ".",
                    where=where,
                    fix="Check they are the same projects, then ask to replace them (overwrite=True, or "
                    "--overwrite on the command line); or merge registers to keep both and compare.",
                )
        return self._write(cleaned, overwrite=overwrite, doing="import the entries")

    def remove(self, project_id: str) -> None:
        """Remove one project (a LabkitError if there is none with this id)."""
        self.get(project_id)
        try:
            self._con.execute("DELETE FROM projects WHERE id = ?", [project_id])
        except sqlite3.Error as exc:
            raise _db_error(exc, self.path, "remove the project") from exc

    # -- exchange --------------------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write every entry to ``path`` as CSV or JSON (by suffix) in the open register layout."""
        path = Path(path)
        suffix = path.suffix.lower()
        entries = self.entries()
        if suffix == ".json":
            text = json.dumps(
                {
                    "layout": "labkit project register",
                    "schema_version": SCHEMA_VERSION,
                    "schema": table_schema(),
                    "entries": entries,
                },
                indent=2,
                ensure_ascii=False,
            )
            text += "\n"
        elif suffix == ".csv":
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(COLUMN_NAMES), lineterminator="\n")
            writer.writeheader()
            for e in entries:
                writer.writerow({k: "" if v is None else v for k, v in e.items()})
            text = buf.getvalue()
        else:
            raise LabkitError(
                f"labkit exports registers as .csv or .json, not {suffix or '(no suffix)'!r}.",
                where=f"path {path.as_posix()!r}",
                fix="End the file name with .csv or .json.",
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise LabkitError(
                f"The export could not be written: {exc.strerror or exc}.", where=f"path {path.as_posix()!r}"
            ) from exc
        return path

    def import_file(self, path: str | Path, *, overwrite: bool = False) -> tuple[int, int]:
        """Import entries from a CSV or JSON file in one transaction: (added, replaced).

        Entries without provenance are marked as imported from the file. A file with any problem, or
        that would overwrite an entry (unless ``overwrite=True``), changes nothing.
        """
        path = Path(path)
        entries = read_entries(path)
        for e in entries:
            if isinstance(e, dict) and not (e.get("provenance") or "").strip():
                e["provenance"] = f"imported from {path.name}"
        return self.add_entries(entries, overwrite=overwrite, where=f"file {path.as_posix()!r}")

    # -- housekeeping ----------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the file."""
        self._con.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (complete per sqlite3.complete_statement)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def open_register(path: str | Path, *, create: bool = True) -> Register:
    """Open (or create) a register file. Same as ``Register(path)``."""
    return Register(path, create=create)
