"""The register file: schema, migrations, add, search, round trips, and bad input that changes nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from labkit import LabkitError
from labkit.register import COLUMNS, MIGRATIONS, SCHEMA_VERSION, Register, sandbox_truth


def snapshot(register):
    return register.entries()


def test_sandbox_register_has_six_councils_and_the_planted_projects(reg):
    truth = sandbox_truth()
    frame = reg.to_frame()
    assert len(frame) == truth["projects"] == 39
    assert frame["council"].nunique() == 6
    failed = reg.get(truth["failed_project"]["id"])
    assert failed["status"] == "stopped" and "Next time" in failed["lessons_learned"]
    silent = reg.get(truth["published_nothing"])
    assert silent["phase"] == "live"
    assert not any(
        silent[c] for c in ("canvas_link", "model_card_link", "atrs_record_link", "lessons_learned")
    )


def test_new_file_gets_every_migration_and_the_labkit_application_id(tmp_path):
    with Register(tmp_path / "new.sqlite") as r:
        assert r.schema_version == SCHEMA_VERSION == max(MIGRATIONS)
        assert len(r) == 0
    con = sqlite3.connect(tmp_path / "new.sqlite")
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x4C4B5247
    columns = [row[1] for row in con.execute("PRAGMA table_info(projects)")]
    assert columns == ["pk", *[c.name for c in COLUMNS]]
    con.close()


def test_an_older_register_is_migrated_and_keeps_its_entries(tmp_path, entry):
    path = tmp_path / "old.sqlite"
    with Register(path) as r:
        r.add(entry)
    con = sqlite3.connect(path)  # make it look like a version-1 file: no search index yet
    con.executescript(
        "DROP TRIGGER projects_ai; DROP TRIGGER projects_ad; DROP TRIGGER projects_au;"
        "DROP TABLE projects_fts; PRAGMA user_version = 1;"
    )
    con.close()
    with Register(path) as r:
        assert r.schema_version == SCHEMA_VERSION
        assert r.search("survey planner")["id"].tolist() == [entry["id"]]


def test_a_register_from_a_newer_labkit_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    Register(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(LabkitError, match="newer labkit"):
        Register(path)


def test_another_programs_database_is_never_changed(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE payroll (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(LabkitError, match="not a labkit register"):
        Register(path)
    assert path.read_bytes() == before


def test_a_corrupt_register_file_is_a_clear_error_and_is_not_changed(tmp_path):
    path = tmp_path / "corrupt.sqlite"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    before = path.read_bytes()
    with pytest.raises(LabkitError, match="damaged"):
        Register(path)
    assert path.read_bytes() == before


def test_a_locked_register_is_a_clear_error_and_nothing_changes(reg, entry):
    before = snapshot(reg)
    locker = sqlite3.connect(reg.path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LabkitError, match="locked"):
            reg.add(entry)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert snapshot(reg) == before


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root ignores file modes")
def test_a_read_only_register_is_a_clear_error(reg, entry):
    path = reg.path
    reg.close()
    path.chmod(stat.S_IRUSR)
    try:
        with Register(path) as r, pytest.raises(LabkitError, match="read-only"):
            r.add(entry)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_register_opened_read_only_is_a_clear_error(reg, entry):
    """The same check as above, made read-only through SQLite itself, so it also runs as root."""
    reg._con.execute("PRAGMA query_only = ON")
    before = snapshot(reg)
    with pytest.raises(LabkitError, match="read-only"):
        reg.add(entry)
    assert snapshot(reg) == before


def test_add_checks_and_cleans_an_entry(tmp_path, entry):
    with Register(tmp_path / "r.sqlite") as r:
        r.add(entry)
        got = r.get(entry["id"])
    assert got["cost_gbp"] == 12000
    assert got["supplier"] is None


def test_add_never_overwrites_without_being_asked(reg, entry):
    entry = entry | {"id": "northbrook-repairs-at-risk"}
    before = snapshot(reg)
    with pytest.raises(LabkitError, match="already has a project"):
        reg.add(entry)
    assert snapshot(reg) == before
    reg.add(entry, overwrite=True)
    assert reg.get("northbrook-repairs-at-risk")["title"] == "Damp survey planner"


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"title": ""}, "title is required"),
        ({"status": "finished"}, "status is 'finished'"),
        ({"phase": "beta"}, "phase is 'beta'"),
        ({"cost_gbp": "£12k"}, "whole number of pounds"),
        ({"cost_gbp": -5}, "negative"),
        ({"started": "31/10/2026"}, "YYYY-MM-DD"),
        ({"started": "2026-02-30"}, "YYYY-MM-DD"),
        ({"id": "Eastmere Damp"}, "lower-case"),
        ({"contact_role": "Priya Sharma"}, "person's name"),
        ({"contact_role": "Mr Jones"}, "person's name"),
        ({"contact_email": "priya.sharma@eastmere.example"}, "individual's address"),
        ({"contact_email": "not an address"}, "not an email"),
        ({"problem_statement": "x" * 2001}, "characters long"),
        ({"budget": 5}, "does not"),
    ],
)
def test_bad_entries_are_clear_errors_and_change_nothing(reg, entry, change, match):
    before = snapshot(reg)
    with pytest.raises(LabkitError, match=match):
        reg.add(entry | change)
    assert snapshot(reg) == before


def test_search_finds_words_from_their_start_best_first(reg):
    found = reg.search("mould")
    assert set(found["id"]) == set(sandbox_truth()["duplicate_groups"]["damp"])
    assert reg.search("chatbot council tax")["id"].iloc[0] in sandbox_truth()["duplicate_groups"]["chatbot"]
    assert reg.search("eleven systems")["id"].tolist() == ["ottercombe-family-risk-score"]
    assert reg.search("zebra").empty


def test_search_index_follows_updates_and_removals(reg):
    reg.add(
        reg.get("northbrook-foi-triage") | {"title": "Freedom of information zebra triage"}, overwrite=True
    )
    assert reg.search("zebra")["id"].tolist() == ["northbrook-foi-triage"]
    reg.remove("northbrook-foi-triage")
    assert reg.search("zebra").empty


@pytest.mark.parametrize("query", ["", "  ", "!!!", None])
def test_search_needs_a_word(reg, query):
    with pytest.raises(LabkitError, match="at least one word"):
        reg.search(query)


def test_list_filters_by_council_and_status(reg):
    assert len(reg.list(council="ottercombe city council")) == 7
    assert reg.list(status="stopped")["id"].tolist() == ["ottercombe-family-risk-score"]


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_then_import_loses_nothing(reg, tmp_path, suffix):
    path = reg.export(tmp_path / f"all{suffix}")
    with Register(tmp_path / "copy.sqlite") as copy:
        added, replaced = copy.import_file(path)
        assert (added, replaced) == (len(reg), 0)
        assert copy.entries() == reg.entries()


def test_round_trip_keeps_commas_quotes_newlines_and_unicode(tmp_path, entry):
    tricky = entry | {
        "lessons_learned": 'Ask "why", twice.\nThen: café, naïve — 100%.',
        "provenance": "Eastmere District Council register",
    }
    with Register(tmp_path / "a.sqlite") as a, Register(tmp_path / "b.sqlite") as b:
        a.add(tricky)
        b.import_file(a.export(tmp_path / "x.csv"))
        assert b.entries() == a.entries()


def test_import_never_overwrites_without_being_asked(reg, tmp_path):
    path = reg.export(tmp_path / "all.json")
    before = snapshot(reg)
    with pytest.raises(LabkitError, match="would overwrite"):
        reg.import_file(path)
    assert snapshot(reg) == before
    assert reg.import_file(path, overwrite=True) == (0, len(reg))


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("bad.json", '{"entries": [', "not valid JSON"),
        ("bad.json", '{"projects": []}', "no list of entries"),
        ("bad.csv", "id,title\nx,y\n", "required columns missing"),
        ("bad.csv", "", "empty"),
        ("bad.txt", "id\n", ".csv or .json"),
    ],
)
def test_invalid_files_are_clear_errors_and_change_nothing(reg, tmp_path, name, content, match):
    before = snapshot(reg)
    with pytest.raises(LabkitError, match=match):
        reg.import_file(_write(tmp_path / name, content))
    assert snapshot(reg) == before


def test_a_ragged_csv_line_is_a_clear_error(reg, tmp_path):
    lines = reg.export(tmp_path / "all.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",extra"
    with pytest.raises(LabkitError, match="line 4"):
        reg.import_file(_write(tmp_path / "ragged.csv", "\n".join(lines) + "\n"))


def test_a_failed_import_leaves_the_database_unchanged(reg, tmp_path, entry):
    """Nine good entries and one bad one: none of them is added."""
    good = [entry | {"id": f"eastmere-new-{i}"} for i in range(9)]
    bad = entry | {"id": "eastmere-new-bad", "status": "nearly done"}
    path = _write(tmp_path / "batch.json", json.dumps({"entries": [*good, bad]}))
    before = snapshot(reg)
    with pytest.raises(LabkitError, match="nothing was changed"):
        reg.import_file(path)
    assert snapshot(reg) == before


def test_a_database_failure_part_way_through_rolls_everything_back(reg, entry):
    """A failure inside the transaction (a trigger aborting on the fifth row) undoes the first four."""
    reg._con.execute(
        "CREATE TEMP TRIGGER fail_fifth BEFORE INSERT ON main.projects "
        "WHEN new.id = 'eastmere-new-4' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    before = snapshot(reg)
    with pytest.raises(LabkitError, match="disk full"):
        reg.add_entries([entry | {"id": f"eastmere-new-{i}"} for i in range(8)])
    assert snapshot(reg) == before


def test_import_marks_provenance_when_an_entry_has_none(tmp_path, entry):
    path = _write(tmp_path / "eastmere.json", json.dumps([entry]))
    with Register(tmp_path / "r.sqlite") as r:
        r.import_file(path)
        assert r.get(entry["id"])["provenance"] == "imported from eastmere.json"


def test_duplicate_ids_in_one_file_are_refused(tmp_path, entry):
    path = _write(tmp_path / "twice.json", json.dumps([entry, entry]))
    with Register(tmp_path / "r.sqlite") as r:
        with pytest.raises(LabkitError, match="repeats the id"):
            r.import_file(path)
        assert len(r) == 0


def test_missing_register_is_refused_when_not_creating(tmp_path):
    with pytest.raises(LabkitError, match="does not exist"):
        Register(tmp_path / "nope.sqlite", create=False)


def test_a_path_that_is_not_a_path_is_a_clear_error(tmp_path):
    with pytest.raises(LabkitError, match="must be a file path"):
        Register(42)
    with pytest.raises(LabkitError, match="is a folder"):
        Register(tmp_path)


def test_an_entry_from_the_lesson03_canvas_and_its_monitor(reg):
    from types import SimpleNamespace

    from labkit.projects import example_canvas
    from labkit.register import entry_from_canvas

    canvas = example_canvas()
    entry = entry_from_canvas(
        canvas,
        id="northbrook-early-check",
        service="Housing",
        status="active",
        phase="private beta",
        monitor=SimpleNamespace(status="amber"),  # what labkit.projects.monitor(...) reports
        canvas_link="https://northbrook.example/ai/early-check/canvas",
    )
    assert entry["problem_statement"] == canvas.user_need
    assert entry["contact_role"] == canvas.owner.accountable
    assert entry["council"] == "Northbrook Borough Council"
    assert entry["rag_status"] == "amber"
    reg.add(entry)
    assert reg.get("northbrook-early-check")["rag_status"] == "amber"
    with pytest.raises(LabkitError, match="monitor must be"):
        entry_from_canvas(canvas, id="x", service="Housing", status="active", phase="alpha", monitor="green")
    with pytest.raises(LabkitError, match="problem canvas from lesson 03"):
        entry_from_canvas({"title": "x"}, id="x", service="Housing", status="active", phase="alpha")
