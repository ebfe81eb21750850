"""Sandbox data without the repository: made from the seed in the user's cache, checked, written safely."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import labkit.data._cache as cache
import labkit.data._sandbox as sandbox
from labkit import LabkitError
from labkit.data import load, load_ground_truth, sandbox_dir
from labkit.data._sandbox import MANIFEST, committed_entries, read_manifest

ROOT = Path(__file__).resolve().parents[2]
FAKE = {"a/one.csv": b"x\n1\n", "two.json": b"{}\n"}


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A cache in tmp_path/cache whose packaged manifest lists FAKE."""
    manifest = tmp_path / "sandbox_manifest.sha256"
    manifest.write_text(cache.manifest_text(FAKE), encoding="utf-8")
    monkeypatch.setattr(cache, "PACKAGED_MANIFEST", manifest)
    monkeypatch.setenv("LABKIT_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def fake_build(calls: list[str], files: dict[str, bytes] = FAKE):
    def build(progress):
        calls.append("build")
        for rel in files:
            progress(rel)
        return dict(files)

    return build


def test_packaged_manifest_equals_the_checkouts():
    packaged = cache.PACKAGED_MANIFEST.read_text(encoding="utf-8")
    assert packaged == (ROOT / "sandbox_data" / MANIFEST).read_text(encoding="utf-8"), (
        "labkit/data/sandbox_manifest.sha256 is out of step: run python -m labkit.data.rebuild"
    )


def test_the_manifest_is_shipped_in_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"**/*.sha256"' in pyproject and '"py.typed"' in pyproject


def test_a_checkout_reads_its_own_sandbox_data(monkeypatch):
    monkeypatch.delenv("LABKIT_SANDBOX_DIR", raising=False)
    assert sandbox_dir() == ROOT / "sandbox_data"


def test_cache_folder_follows_labkit_data_dir_and_the_manifest(fake_package):
    folder = cache.cache_folder()
    assert folder.parent == fake_package
    assert folder.name.startswith("sandbox-") and len(folder.name) == len("sandbox-") + 12


def test_first_use_writes_every_file_and_later_uses_do_not_build_again(fake_package):
    calls: list[str] = []
    folder = cache.ensure_cache(fake_build(calls), len(FAKE))
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {*FAKE, MANIFEST}
    assert (folder / "a" / "one.csv").read_bytes() == FAKE["a/one.csv"]
    assert read_manifest(folder) == cache.parse_manifest(cache.manifest_text(FAKE))
    assert cache.ensure_cache(fake_build(calls), len(FAKE)) == folder
    assert calls == ["build"]
    assert [p.name for p in fake_package.iterdir()] == [folder.name], "a temporary folder was left behind"


def test_data_that_differs_from_the_manifest_is_refused_and_not_kept(fake_package):
    changed = {**FAKE, "two.json": b'{"changed": true}\n'}
    with pytest.raises(LabkitError, match=r"differs .* \(1 of 2 files, for example two.json\)") as info:
        cache.ensure_cache(fake_build([], changed), len(FAKE))
    assert "lock.txt" in str(info.value)
    assert list(fake_package.iterdir()) == []


def test_a_folder_that_cannot_be_written_gives_a_clear_error(fake_package, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("LABKIT_DATA_DIR", str(blocker / "cache"))
    with pytest.raises(LabkitError, match="cannot write the sandbox data") as info:
        cache.ensure_cache(fake_build([]), len(FAKE))
    assert "LABKIT_DATA_DIR" in str(info.value) and info.value.where


def test_progress_bar_on_stderr_outside_pytest(fake_package, monkeypatch, capsys):
    monkeypatch.delenv("PYTEST_CURRENT_TEST")
    cache.ensure_cache(fake_build([]), len(FAKE))
    err = capsys.readouterr().err
    assert "labkit: making the sandbox data (first use only)" in err and "2/2" in err


def test_no_progress_bar_under_pytest(fake_package, capsys):
    cache.ensure_cache(fake_build([]), len(FAKE))
    assert capsys.readouterr().err == ""


# Each process writes its own marker, then waits for the other's before building, so both build at once.
RACER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import labkit.data._cache as cache

    cache.PACKAGED_MANIFEST = Path(sys.argv[1])
    meeting = Path(sys.argv[2])

    def build(progress):
        (meeting / str(os.getpid())).touch()
        for _ in range(600):
            if len(list(meeting.iterdir())) >= 2:
                break
            time.sleep(0.05)
        progress("one")
        return {"a/one.csv": b"x\\n1\\n", "two.json": b"{}\\n"}

    print(cache.ensure_cache(build, 1))
    """
)


def test_two_processes_on_first_use_both_succeed_and_leave_one_complete_folder(fake_package, tmp_path):
    meeting = tmp_path / "meeting"
    meeting.mkdir()
    env = {**os.environ, "LABKIT_DATA_DIR": str(fake_package)}
    args = [sys.executable, "-c", RACER, str(cache.PACKAGED_MANIFEST), str(meeting)]
    racers = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    racers.append(subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [p.communicate(timeout=120) for p in racers]
    assert [p.returncode for p in racers] == [0, 0], results
    assert len(list(meeting.iterdir())) == 2, "the two processes did not both build"
    folders = {out.strip() for out, _ in results}
    assert folders == {str(cache.cache_folder())}
    folder = cache.cache_folder()
    assert [p.name for p in fake_package.iterdir()] == [folder.name], "a temporary folder was left behind"
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {*FAKE, MANIFEST}


@pytest.fixture
def outside_a_checkout(tmp_path, monkeypatch):
    """labkit as if installed from a wheel: no sandbox_data beside the package, an empty cache."""
    monkeypatch.delenv("LABKIT_SANDBOX_DIR", raising=False)
    monkeypatch.setattr(sandbox, "checkout_sandbox_dir", lambda: tmp_path / "no-checkout" / "sandbox_data")
    monkeypatch.setenv("LABKIT_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.slow
def test_outside_a_checkout_the_cache_holds_the_checkouts_bytes(outside_a_checkout):
    folder = sandbox_dir()
    assert folder.parent == outside_a_checkout
    checkout = ROOT / "sandbox_data"
    expected = read_manifest(checkout)
    assert read_manifest(folder) == expected
    for rel in expected:
        mine, theirs = (folder / rel).read_bytes(), (checkout / rel).read_bytes()
        assert cache.content_digest(rel, mine) == cache.content_digest(rel, theirs), rel
        if not rel.endswith(".gz"):
            assert mine == theirs, rel
    for council, name, parts in committed_entries():
        assert load_ground_truth(name, council=council) == load_ground_truth_from(checkout, name, council)
        if "dirty" in parts:
            pd.testing.assert_frame_equal(load(name, council=council), load_from(checkout, name, council))


def test_a_damaged_cache_says_to_delete_the_folder(outside_a_checkout):
    folder = cache.cache_folder()
    folder.mkdir(parents=True)
    (folder / MANIFEST).write_text(cache.PACKAGED_MANIFEST.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(LabkitError, match="missing") as info:
        load("housing_repairs")
    assert f"Delete the folder {folder.as_posix()}" in str(info.value)


def load_from(folder: Path, name: str, council: str) -> pd.DataFrame:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LABKIT_SANDBOX_DIR", str(folder))
        return load(name, council=council)


def load_ground_truth_from(folder: Path, name: str, council: str) -> dict:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LABKIT_SANDBOX_DIR", str(folder))
        return load_ground_truth(name, council=council)
