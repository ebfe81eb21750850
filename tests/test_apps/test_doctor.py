"""``labkit doctor`` passes on this install and names the fix when each check is broken on purpose.

Every break happens in a temporary environment (monkeypatched paths, environment variables and the
functions that read the install), never in the real install.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from labkit.apps import _doctor
from labkit.cli import main
from labkit.data._sandbox import manifest_text, sandbox_dir


@pytest.fixture(autouse=True)
def _own_files(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(tmp_path / "home" / "progress.jsonl"))
    monkeypatch.delenv("LABKIT_COHORT_DIR", raising=False)


def _finding(check) -> _doctor.Finding:
    return check()


def test_a_good_install_passes(capsys) -> None:
    report = _doctor.doctor()
    frame = report.to_frame().set_index("check")
    assert report.ok, report.to_frame().to_string()
    assert frame.loc["cohort folder", "status"] == "skipped"
    assert (frame.drop(index="cohort folder")["status"] == "ok").all()
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "✓ labkit kernel" in out and "Everything labkit needs is in place." in out
    assert not (Path(_doctor.check_progress().detail.split(" in ")[-1].rstrip(".")).exists())  # left no file


def test_old_python_names_the_fix(monkeypatch, capsys) -> None:
    monkeypatch.setattr(_doctor, "_python_version", lambda: (3, 9, 18))
    found = _finding(_doctor.check_python)
    assert found.status == "failed" and "3.9.18 is too old" in found.detail
    assert "Install Python 3.11 or newer" in found.fix
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ Python version" in out and "Fix: Install Python 3.11 or newer" in out
    assert "1 check of 6 failed: Python version." in out


def test_a_missing_kernel_names_the_fix(monkeypatch) -> None:
    monkeypatch.setattr(_doctor, "_kernel_specs", lambda: {"python3": "/somewhere"})
    found = _finding(_doctor.check_kernel)
    assert found.status == "failed" and "No kernel called 'labkit'" in found.detail
    assert "ipykernel install --sys-prefix --name labkit" in found.fix


def test_labkit_without_jupyter_names_the_apps_extra(monkeypatch) -> None:
    def missing():
        raise ImportError("No module named 'jupyter_client'")

    monkeypatch.setattr(_doctor, "_kernel_specs", missing)
    monkeypatch.setattr(_doctor, "_labextension_folders", missing)
    for check in (_doctor.check_kernel, _doctor.check_widgets):
        found = _finding(check)
        assert found.status == "failed" and "pip install 'labkit[apps]'" in found.fix


def test_a_kernel_whose_python_is_gone_names_the_fix(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "kernel.json").write_text(json.dumps({"argv": [str(tmp_path / "no-python"), "-m", "x"]}))
    monkeypatch.setattr(_doctor, "_kernel_specs", lambda: {"labkit": str(tmp_path)})
    found = _finding(_doctor.check_kernel)
    assert found.status == "failed" and "cannot import labkit" in found.detail
    assert "ipykernel install" in found.fix
    (tmp_path / "kernel.json").write_text("not json")
    assert "cannot be read" in _finding(_doctor.check_kernel).detail


def _extension(base: Path, package: str, version: str, built: bool = True) -> None:
    folder = base / package
    (folder / "static").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": package, "version": version}))
    if built:
        (folder / "static" / "remoteEntry.abc123.js").write_text("// built")


@pytest.mark.parametrize(
    ("set_up", "words"),
    [
        (lambda base: None, "widget manager (@jupyter-widgets/jupyterlab-manager) is not installed"),
        (lambda base: _extension(base, _doctor.MANAGER, "5.0.16", built=False), "is incomplete"),
        (lambda base: _extension(base, _doctor.MANAGER, "3.0.9"), "needs widget manager 5.x, but 3.0.9"),
        (
            lambda base: _extension(base, _doctor.MANAGER, "5.0.16"),
            "anywidget's labextension is not installed",
        ),
    ],
    ids=["no-manager", "unbuilt-manager", "old-manager", "no-anywidget"],
)
def test_widgets_that_cannot_render_name_the_fix(monkeypatch, tmp_path: Path, set_up, words: str) -> None:
    set_up(tmp_path)
    monkeypatch.setattr(_doctor, "_labextension_folders", lambda: [tmp_path / "empty", tmp_path])
    monkeypatch.setattr(_doctor, "_ipywidgets_version", lambda: "8.1.9")
    found = _finding(_doctor.check_widgets)
    assert found.status == "failed" and words in found.detail
    assert "pip install --force-reinstall -r requirements/lock.txt" in found.fix


def test_widgets_pass_with_both_extensions(monkeypatch, tmp_path: Path) -> None:
    _extension(tmp_path, _doctor.MANAGER, "5.0.16")
    _extension(tmp_path, "anywidget", "0.11.0")
    monkeypatch.setattr(_doctor, "_labextension_folders", lambda: [tmp_path])
    monkeypatch.setattr(_doctor, "_ipywidgets_version", lambda: "8.1.9")
    assert _finding(_doctor.check_widgets).status == "ok"


@pytest.fixture
def small_sandbox(tmp_path: Path, monkeypatch) -> Path:
    """A copy of two sandbox files and a manifest of them, used instead of the real sandbox."""
    real = sandbox_dir()
    folder = tmp_path / "sandbox"
    files = {}
    for rel in sorted(p.relative_to(real).as_posix() for p in real.rglob("*.json"))[:2]:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real / rel, folder / rel)
        files[rel] = (real / rel).read_bytes()
    (folder / "MANIFEST.sha256").write_text(manifest_text(files), encoding="utf-8")
    monkeypatch.setenv("LABKIT_SANDBOX_DIR", str(folder))
    return folder


def test_changed_or_missing_sandbox_files_name_the_fix(small_sandbox: Path) -> None:
    assert _finding(_doctor.check_sandbox).status == "ok"
    first, second = sorted(p for p in small_sandbox.rglob("*.json"))
    first.write_text("{}", encoding="utf-8")
    second.unlink()
    found = _finding(_doctor.check_sandbox)
    assert found.status == "failed" and found.detail.startswith("2 sandbox files missing or changed")
    assert "git checkout -- sandbox_data" in found.fix
    (small_sandbox / "MANIFEST.sha256").unlink()
    found = _finding(_doctor.check_sandbox)
    assert found.status == "failed" and "manifest" in found.detail and "git checkout" in found.fix


def test_an_installed_labkit_checks_its_cache_without_making_it(monkeypatch, tmp_path: Path) -> None:
    from labkit.data import _sandbox

    monkeypatch.delenv("LABKIT_SANDBOX_DIR", raising=False)
    monkeypatch.setenv("LABKIT_DATA_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(_sandbox, "checkout_sandbox_dir", lambda: tmp_path / "no-checkout")
    found = _finding(_doctor.check_sandbox)
    assert found.status == "skipped" and "Not made yet" in found.detail
    assert not (tmp_path / "cache").exists()  # the doctor made nothing
    folder, cache = _doctor._sandbox_folder()
    assert cache
    folder.mkdir(parents=True)
    (folder / "MANIFEST.sha256").write_text(f"{'0' * 64}  gone.csv\n", encoding="utf-8")
    found = _finding(_doctor.check_sandbox)
    assert found.status == "failed" and "gone.csv" in found.detail
    assert found.fix.startswith(f"Delete the folder {folder.as_posix()}")


def test_a_progress_file_that_cannot_be_written_names_the_fix(monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(blocker / "progress.jsonl"))
    found = _finding(_doctor.check_progress)
    assert found.status == "failed" and "cannot be saved" in found.detail
    assert "LABKIT_PROGRESS_FILE" in found.fix


def test_the_cohort_folder_is_checked_only_in_a_hub(monkeypatch, tmp_path: Path) -> None:
    assert _finding(_doctor.check_cohort).status == "skipped"
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(tmp_path / "missing"))
    found = _finding(_doctor.check_cohort)
    assert found.status == "failed" and "does not exist" in found.detail and "labkit hub" in found.fix
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(blocker))
    assert _finding(_doctor.check_cohort).status == "failed"
    folder = tmp_path / "cohort"
    folder.mkdir()
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(folder))
    assert _finding(_doctor.check_cohort).status == "ok"
    assert list(folder.iterdir()) == []  # the test file is removed


def test_a_check_that_breaks_is_reported_not_raised(monkeypatch, capsys) -> None:
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(_doctor, "CHECKS", (_doctor.check_python, broken))
    report = _doctor.doctor()
    assert not report.ok
    assert "could not run" in report.to_frame().iloc[1]["detail"]
    assert main(["doctor", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["kind"] == "DoctorReport"
