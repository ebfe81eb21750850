"""``labkit doctor``: one command that checks an install and names the fix for each problem.

A learner or trainer runs it before a workshop (or when something looks wrong).
Each check says what it found; each failure says how to fix it. The exit code is
0 when every check passed and 1 otherwise, so a trainer can run it in a script.

The checks, in order:

1. Python is new enough for labkit.
2. The labkit Jupyter kernel is registered, and its Python can import labkit.
3. The widgets can render: JupyterLab's widget manager (the ``@jupyter-widgets/jupyterlab-manager``
   labextension) is installed and matches the ipywidgets Python package, and anywidget's labextension
   (which labkit's keyboard guard uses) is installed.
4. The sandbox files match their SHA-256 manifest.
5. The progress file can be written.
6. In a workshop hub only (``LABKIT_COHORT_DIR`` set): the cohort folder can be written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from labkit._report import Report, Section, Table
from labkit._text import plural

__all__ = ["DoctorReport", "doctor", "register"]

MIN_PYTHON = (3, 11)
KERNEL_NAME = "labkit"
SETUP = "make setup (or, with Anaconda: conda env create -f environment.yml, then conda activate labkit)"
NO_JUPYTER = (
    "Install JupyterLab with labkit: pip install 'labkit[apps]' (or run make setup in the course folder)."
)
KERNEL_FIX = (
    'Register it: python -m ipykernel install --sys-prefix --name labkit --display-name "labkit (Python 3)" '
    "(run with labkit's Python, for example .venv/bin/python; make setup does this)."
)
MANAGER = "@jupyter-widgets/jupyterlab-manager"
MANAGER_MAJOR = {8: 5, 7: 3}
"""The widget manager's major version for each major version of ipywidgets."""
OK, FAILED, SKIPPED = "ok", "failed", "skipped"


@dataclass(frozen=True)
class Finding:
    """What one check found: ``status`` is ``"ok"``, ``"failed"`` or ``"skipped"``; a failure has a fix."""

    check: str
    status: str
    detail: str
    fix: str = ""


class DoctorReport(Report):
    """The result of ``labkit doctor``: one row per check, with the fix for each failure."""

    kind = "DoctorReport"

    @property
    def ok(self) -> bool:
        """True when no check failed."""
        return bool((self.to_frame()["status"] != FAILED).all())


# -- what the checks look at (tests replace these to break each check on purpose) ---------------


def _python_version() -> tuple[int, int, int]:
    return sys.version_info[:3]


def _kernel_specs() -> dict[str, str]:
    """Registered kernels: name to folder."""
    from jupyter_client.kernelspec import KernelSpecManager

    return dict(KernelSpecManager().find_kernel_specs())


def _labextension_folders() -> list[Path]:
    from jupyter_core.paths import jupyter_path

    return [Path(p) for p in jupyter_path("labextensions")]


def _ipywidgets_version() -> str:
    import ipywidgets

    return str(ipywidgets.__version__)


# -- the checks -------------------------------------------------------------------------------------


def check_python() -> Finding:
    """Python is at least 3.11."""
    version = _python_version()
    shown = ".".join(map(str, version))
    if tuple(version[:2]) >= MIN_PYTHON:
        return Finding("Python version", OK, f"Python {shown}.")
    need = ".".join(map(str, MIN_PYTHON))
    return Finding(
        "Python version",
        FAILED,
        f"Python {shown} is too old; labkit needs {need} or newer.",
        f"Install Python {need} or newer (python.org, or Anaconda), then run {SETUP}.",
    )


def check_kernel() -> Finding:
    """The labkit kernel is registered and its Python can import labkit."""
    name = "labkit kernel"
    try:
        specs = _kernel_specs()
    except ImportError:
        return Finding(
            name, FAILED, "Jupyter is not installed with labkit, so there is no kernel.", NO_JUPYTER
        )
    except Exception as exc:  # a broken Jupyter install is a finding, not a crash
        return Finding(name, FAILED, f"Jupyter's kernel list could not be read ({exc}).", f"Run {SETUP}.")
    if KERNEL_NAME not in specs:
        return Finding(name, FAILED, "No kernel called 'labkit' is registered with Jupyter.", KERNEL_FIX)
    folder = Path(specs[KERNEL_NAME])
    try:
        argv = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))["argv"]
        python = str(argv[0])
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return Finding(
            name, FAILED, f"The labkit kernel's kernel.json in {folder} cannot be read.", KERNEL_FIX
        )
    try:
        result = subprocess.run(
            [python, "-c", "import labkit"], capture_output=True, text=True, timeout=120, check=False
        )
        works = result.returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    if not works:
        return Finding(
            name,
            FAILED,
            f"The labkit kernel is registered, but its Python ({python}) cannot import labkit.",
            KERNEL_FIX,
        )
    return Finding(name, OK, f"Registered in {folder}; its Python imports labkit.")


def _labextension(package: str) -> dict[str, Any] | None:
    for base in _labextension_folders():
        path = base / package / "package.json"
        with contextlib.suppress(OSError, ValueError):
            found = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(found, dict):
                return {**found, "_folder": path.parent}
    return None


def check_widgets() -> Finding:
    """JupyterLab can render the widgets: the widget manager and anywidget labextensions are installed."""
    name = "widgets render"
    fix = (
        "Reinstall the pinned widget packages: pip install --force-reinstall -r requirements/lock.txt "
        f"(or run {SETUP}), then restart JupyterLab and reload the page."
    )
    try:
        version = _ipywidgets_version()
    except ImportError:
        return Finding(name, FAILED, "The ipywidgets package is not installed.", fix)
    try:
        manager = _labextension(MANAGER)
    except ImportError:
        return Finding(
            name, FAILED, "JupyterLab is not installed with labkit, so widgets cannot show.", NO_JUPYTER
        )
    if manager is None:
        return Finding(
            name,
            FAILED,
            f"JupyterLab's widget manager ({MANAGER}) is not installed, so widgets cannot show.",
            fix,
        )
    folder = manager["_folder"]
    if not any((folder / "static").glob("remoteEntry.*.js")):
        return Finding(
            name, FAILED, f"The widget manager in {folder} is incomplete (no remoteEntry file).", fix
        )
    want = MANAGER_MAJOR.get(int(version.split(".")[0]))
    have = str(manager.get("version", "?"))
    if want is None or not have.startswith(f"{want}."):
        return Finding(
            name,
            FAILED,
            f"ipywidgets {version} needs widget manager {want}.x, but {have} is installed, so widgets "
            "show as text.",
            fix,
        )
    if _labextension("anywidget") is None:
        return Finding(
            name,
            FAILED,
            "anywidget's labextension is not installed, so labkit's widgets lose their keyboard guard.",
            fix,
        )
    return Finding(
        name, OK, f"ipywidgets {version} with widget manager {have}, and anywidget, are installed."
    )


def _sandbox_folder() -> tuple[Path, bool]:
    """The sandbox folder labkit reads, and whether it is the cache (made on first use), without making it."""
    from labkit.data._cache import cache_folder
    from labkit.data._sandbox import checkout_sandbox_dir

    env = os.environ.get("LABKIT_SANDBOX_DIR")
    if env:
        return Path(env), False
    checkout = checkout_sandbox_dir()
    if checkout.is_dir():
        return checkout, False
    return cache_folder(), True


def check_sandbox() -> Finding:
    """Every sandbox file matches its SHA-256 in the manifest (a cache not made yet is fine)."""
    from labkit._errors import LabkitError
    from labkit.data._sandbox import content_digest, read_manifest

    name = "sandbox data"
    folder, cache = _sandbox_folder()
    if cache:
        restore = (
            f"Delete the folder {folder.as_posix()}: labkit makes it again from the seed when next used."
        )
        if not (folder / "MANIFEST.sha256").is_file():
            return Finding(
                name,
                SKIPPED,
                f"Not made yet: labkit makes it in {folder.as_posix()} the first time a lesson loads data.",
            )
    else:
        restore = (
            "Restore them with git (git checkout -- sandbox_data) or rebuild: python -m labkit.data.rebuild."
        )
    try:
        manifest = read_manifest(folder)
    except LabkitError as err:
        return Finding(name, FAILED, err.what, restore)
    bad = []
    for rel, digest in sorted(manifest.items()):
        try:
            ok = content_digest(rel, (folder / rel).read_bytes()) == digest
        except Exception:  # missing, unreadable or a broken .gz: all are "not as published"
            ok = False
        if not ok:
            bad.append(rel)
    if bad:
        shown = ", ".join(bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
        return Finding(
            name, FAILED, f"{plural(len(bad), 'sandbox file')} missing or changed: {shown}.", restore
        )
    return Finding(name, OK, f"All {len(manifest)} files match the manifest in {folder.as_posix()}.")


def _writable(path: Path) -> str:
    """Empty if a file can be appended at ``path`` (made and removed if new), else why not."""
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    if not existed:
        with contextlib.suppress(OSError):
            path.unlink()
    return ""


def check_progress() -> Finding:
    """The progress log can be written."""
    from labkit.exercises._progress import ENV_VAR, progress_path

    path = progress_path()
    why = _writable(path)
    if why:
        return Finding(
            "progress file",
            FAILED,
            f"Your progress cannot be saved in {path.as_posix()} ({why}); checks still work, but are "
            "not kept.",
            f"Make that folder writable, or set the environment variable {ENV_VAR} to a file in a folder "
            "you can write (for example in your home folder).",
        )
    return Finding("progress file", OK, f"Progress is saved in {path.as_posix()}.")


def check_cohort() -> Finding:
    """In a workshop hub, the cohort folder can be written (skipped elsewhere)."""
    from labkit.exercises._cohort import COHORT_VAR, cohort_folder

    folder = cohort_folder()
    if folder is None:
        return Finding("cohort folder", SKIPPED, f"Not in a workshop hub ({COHORT_VAR} is not set).")
    fix = (
        "Ask your trainer: labkit hub makes this folder (owner root, group labkit-trainers, mode 3773) and "
        f"sets {COHORT_VAR}; restarting the hub makes it again."
    )
    if not folder.is_dir():
        return Finding("cohort folder", FAILED, f"The cohort folder {folder.as_posix()} does not exist.", fix)
    why = _writable(folder / f".doctor.{os.getpid()}.tmp")
    if why:
        return Finding(
            "cohort folder", FAILED, f"The cohort folder {folder.as_posix()} cannot be written ({why}).", fix
        )
    return Finding("cohort folder", OK, f"Learners can share progress in {folder.as_posix()}.")


CHECKS: tuple[Callable[[], Finding], ...] = (
    check_python,
    check_kernel,
    check_widgets,
    check_sandbox,
    check_progress,
    check_cohort,
)


def doctor() -> DoctorReport:
    """Check this labkit install: Python, kernel, widgets, sandbox data, progress file, cohort folder.

    Returns
    -------
    DoctorReport
        One row per check (``check``, ``status``, ``detail``, ``fix``); ``.ok`` is True when none failed.

    Examples
    --------
    >>> report = doctor()
    >>> report.to_frame().columns.tolist()
    ['check', 'status', 'detail', 'fix']
    """
    import pandas as pd

    findings = []
    for check in CHECKS:
        try:
            findings.append(check())
        except Exception as exc:  # a check that breaks is itself a finding
            findings.append(
                Finding(check.__name__, FAILED, f"The check could not run ({exc!r}).", f"Run {SETUP}.")
            )
    frame = pd.DataFrame([f.__dict__ for f in findings], columns=["check", "status", "detail", "fix"])
    failed = [f for f in findings if f.status == FAILED]
    if failed:
        summary = (
            f"{plural(len(failed), 'check')} of {len(findings)} failed: "
            + ", ".join(f.check for f in failed)
            + ". Each says how to fix it."
        )
    else:
        summary = "Everything labkit needs is in place."
    sections = [Section("Checks", tables=[Table("What labkit doctor checked", frame)])]
    return DoctorReport("labkit doctor", summary, sections, frame)


def _run(args: argparse.Namespace) -> int:
    report = doctor()
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0 if report.ok else 1
    marks = {OK: "✓", FAILED: "✗", SKIPPED: "–"}
    for row in report.to_frame().itertuples(index=False):
        print(f"{marks[row.status]} {row.check}: {row.detail}")
        if row.fix:
            print(f"    Fix: {row.fix}")
    print()
    print(report.summary)
    return 0 if report.ok else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``labkit doctor`` to the ``labkit`` command."""
    p = subparsers.add_parser(
        "doctor",
        help="check this install (Python, kernel, widgets, sandbox data, progress file) and name fixes",
        description="Check that labkit is installed and working: Python version, the labkit kernel, widgets, "
        "the sandbox data's hashes, the progress file and, in a workshop hub, the cohort folder. Each "
        "problem comes with its fix. Exit code 0 when everything passed, 1 otherwise.",
    )
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.set_defaults(handler=_run)
