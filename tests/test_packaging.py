"""The install paths agree: lock file, conda environment, package metadata, CI."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith(("#", "-")):
            continue
        name, _, version = line.partition("==")
        assert version, f"{line!r} is not pinned with =="
        pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def lock() -> dict[str, str]:
    return _pins((ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines())


def test_environment_yml_matches_lock() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert _pins(pip_section) == lock(), (
        "environment.yml is out of step: run python tools/sync_environment.py"
    )
    assert "-e ." in pip_section, "environment.yml must install labkit itself through pip"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python.startswith("python=3.1"), python


def test_every_declared_dependency_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = lock()
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0]
        assert re.sub(r"[-_.]+", "-", name).lower() in pins, f"{name} is a dependency but not in the lock"


def test_every_top_level_requirement_is_pinned() -> None:
    pins = lock()
    for line in (ROOT / "requirements" / "requirements.in").read_text(encoding="utf-8").splitlines():
        name = line.split("#")[0].strip()
        if name:
            assert re.sub(r"[-_.]+", "-", name).lower() in pins, f"{name} is not in requirements/lock.txt"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE), ".ci/run must call `make test`"
    assert "make test" in readme and "make lab" in readme


def test_console_command_is_installed_and_answers() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "labkit.cli", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("labkit ")


def test_import_labkit_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, labkit; heavy = {'pandas', 'numpy', 'sklearn', 'fairlearn', 'ipywidgets', "
        "'matplotlib', 'pandera'} & set(sys.modules); print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"import labkit loaded {out.stdout.strip()}"
