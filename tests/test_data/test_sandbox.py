"""The committed sandbox files: load() equals generate(), the manifest guards every file."""

from __future__ import annotations

import gzip
import shutil

import pandas as pd
import pytest

from labkit import LabkitError
from labkit.data import (
    datapackage,
    generate,
    load,
    load_crosswalk,
    load_defect_log,
    load_ground_truth,
    sandbox_dir,
)
from labkit.data._sandbox import MANIFEST, committed_entries, read_manifest


@pytest.mark.parametrize(("council", "name", "parts"), committed_entries())
def test_load_equals_generate(council, name, parts):
    ds = generate(name, seed=0, council=council)
    pd.testing.assert_frame_equal(load(name, clean=True, council=council), ds.clean)
    assert load_ground_truth(name, council=council) == ds.ground_truth
    if "dirty" in parts:
        pd.testing.assert_frame_equal(load(name, council=council), ds.dirty)
        pd.testing.assert_frame_equal(load_defect_log(name, council=council), ds.defect_log)
        pd.testing.assert_frame_equal(load_crosswalk(name, council=council), ds.crosswalk)


def test_sandbox_is_at_most_30_mb():
    total = sum(p.stat().st_size for p in sandbox_dir().rglob("*") if p.is_file())
    assert total <= 30 * 1024 * 1024


def test_every_manifest_entry_exists_and_nothing_is_unlisted():
    folder = sandbox_dir()
    listed = set(read_manifest(folder))
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {MANIFEST}
    assert listed == present


@pytest.fixture
def sandbox_copy(tmp_path, monkeypatch):
    target = tmp_path / "sandbox"
    shutil.copytree(sandbox_dir(), target)
    monkeypatch.setenv("LABKIT_SANDBOX_DIR", str(target))
    return target


def test_altered_file_is_refused_with_how_to_rebuild(sandbox_copy):
    path = sandbox_copy / "northbrook" / "housing_repairs_clean.csv.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()) + b"tampered\n"))
    with pytest.raises(LabkitError) as info:
        load("housing_repairs", clean=True)
    text = str(info.value)
    assert "changed" in text and "SHA-256" in text
    assert "python -m labkit.data.rebuild" in text


def test_missing_file_is_refused_with_how_to_rebuild(sandbox_copy):
    (sandbox_copy / "northbrook" / "housing_repairs.csv").unlink()
    with pytest.raises(LabkitError, match="missing") as info:
        load("housing_repairs")
    assert "labkit.data.rebuild" in str(info.value)


def test_corrupt_compressed_file_is_refused(sandbox_copy):
    (sandbox_copy / "northbrook" / "homelessness_clean.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(LabkitError, match="cannot be read"):
        load("homelessness", clean=True)


def test_missing_manifest_is_refused(sandbox_copy):
    (sandbox_copy / MANIFEST).unlink()
    with pytest.raises(LabkitError, match="manifest"):
        load("housing_repairs")


def test_file_not_committed_for_a_council_says_how_to_generate():
    with pytest.raises(LabkitError) as info:
        load("housing_repairs", council="eastmere")
    assert "generate" in str(info.value)
    assert "clean" in str(info.value)


@pytest.mark.parametrize(("name", "council"), [("repairs", "northbrook"), ("housing_repairs", "westmere")])
def test_load_rejects_unknown_names(name, council):
    with pytest.raises(LabkitError):
        load(name, council=council)


def test_load_returns_a_fresh_frame_each_time():
    a = load("housing_repairs", clean=True)
    a.loc[0, "tenant_name"] = "changed"
    b = load("housing_repairs", clean=True)
    assert b.loc[0, "tenant_name"] != "changed"


def test_datapackage_describes_every_committed_csv():
    pkg = datapackage()
    assert pkg["profile"] == "data-package"
    paths = {r["path"] for r in pkg["resources"]}
    listed = {
        p for p in read_manifest(sandbox_dir()) if p.endswith((".csv", ".csv.gz", ".json")) and "/" in p
    }
    assert listed == paths
    for res in pkg["resources"]:
        if res["path"].endswith(".csv"):
            names = [f["name"] for f in res["schema"]["fields"]]
            raw = (sandbox_dir() / res["path"]).read_bytes()
            if res["path"].endswith(".gz"):
                assert res["compression"] == "gz"
                raw = gzip.decompress(raw)
            header = raw.decode("utf-8").split("\n", 1)[0]
            assert header.split(",") == names


def _clean_resources():
    return [r["path"] for r in datapackage()["resources"] if r["name"].endswith("-clean")]


@pytest.mark.parametrize("path", _clean_resources())
def test_table_schema_constraints_hold_on_the_clean_data(path):
    """The schema is a data standard: every constraint must be true of the clean file."""
    res = next(r for r in datapackage()["resources"] if r["path"] == path)
    raw = pd.read_csv(sandbox_dir() / path, dtype=str, keep_default_na=False)
    assert list(raw.columns) == [f["name"] for f in res["schema"]["fields"]]
    for field in res["schema"]["fields"]:
        col = raw[field["name"]]
        c = field["constraints"]
        if c.get("required"):
            assert (col != "").all(), field["name"]
        present = col[col != ""]
        if "enum" in c:
            assert set(present) <= set(c["enum"]), field["name"]
        if "pattern" in c:
            assert present.str.fullmatch(c["pattern"].strip("^$")).all(), field["name"]
        if "minimum" in c:
            assert (pd.to_numeric(present) >= c["minimum"]).all(), field["name"]
        if "maximum" in c:
            assert (pd.to_numeric(present) <= c["maximum"]).all(), field["name"]
        if c.get("unique"):
            assert present.is_unique, field["name"]
        if field["type"] in {"date", "datetime"}:
            pd.to_datetime(present, format=field["format"])
        if field["type"] == "boolean":
            assert set(present) <= {"True", "False"}, field["name"]
    assert raw[res["schema"]["primaryKey"][0]].is_unique
