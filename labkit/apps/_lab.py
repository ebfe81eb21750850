"""``labkit lab`` (and ``make lab``): the course in JupyterLab, with your own copies of every notebook.

What it does, in order:

1. **Your own copies.** Every lesson (``curriculum/*.ipynb``) and exercise
   notebook (``exercises/*.ipynb``) is copied into ``my-work/curriculum/`` and
   ``my-work/exercises/``, unless you already have that copy: a copy you have is
   never overwritten. The course's own files are never changed by running them,
   so ``git status`` stays clean and a course update (``git pull``) never
   touches, or stops on, your work. ``my-work/`` mirrors the course's folders, so
   every link between lessons and exercises works in the copies too. When the
   course has a newer version of a notebook you have a copy of, ``labkit lab``
   says so and leaves your copy alone.
2. **JupyterLab on the whole course folder**, on 127.0.0.1 only, opening your
   copy of lesson 00. Its settings come from the project's ``jupyter_config/``
   folder: no news or update checks from the internet, the extension manager
   cannot reach PyPI, and only the "labkit (Python 3)" kernel is offered.
3. **The labkit command in JupyterLab's terminal**: the folder of this Python
   (``.venv/bin``) goes first on the terminal's ``PATH``, so ``labkit`` works there
   without activating anything.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> (root / "curriculum").mkdir()
>>> _ = (root / "curriculum" / "00_start.ipynb").write_text(
...     '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
>>> copies = prepare_work(root)
>>> [p.as_posix() for p in copies.created]
['my-work/curriculum/00_start.ipynb']
>>> prepare_work(root).kept == copies.created
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from labkit._errors import LabkitError
from labkit._text import plural

__all__ = ["COURSE_FOLDERS", "WORK_FOLDER", "WorkCopies", "lab_command", "prepare_work", "run_lab"]

WORK_FOLDER = "my-work"
"""Where learners' own copies go, inside the course folder (ignored by git)."""

COURSE_FOLDERS = ("curriculum", "exercises")
"""The course's folders of notebooks; each is mirrored in ``my-work/``."""

START_NOTEBOOK = "curriculum/00_start_here.ipynb"
CONFIG_FOLDER = "jupyter_config"
KERNEL = "labkit"


@dataclass
class WorkCopies:
    """What :func:`prepare_work` did: each list holds paths relative to the course folder."""

    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    outdated: list[Path] = field(default_factory=list)
    """Copies you already had, whose course version has changed since they were made."""

    def message(self) -> str:
        """What happened, in plain words, for the terminal."""
        lines = []
        if self.created:
            lines.append(
                f"Made your own copy of {plural(len(self.created), 'notebook')} in {WORK_FOLDER}/. "
                "Work there: course updates never change your copies."
            )
        if self.kept and not self.created:
            lines.append(f"Your own copies are in {WORK_FOLDER}/ ({plural(len(self.kept), 'notebook')}).")
        if self.outdated:
            names = ", ".join(p.as_posix() for p in self.outdated)
            lines.append(
                f"The course has a newer version of {plural(len(self.outdated), 'notebook')} you have a copy "
                f"of: {names}. Your copies were left as they are. To get a new version, rename your copy "
                "(for example add '-old' to its name) and run labkit lab (or make lab) again."
            )
        return "\n".join(lines)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_exercise(source: Path, folder: Path, root: Path) -> None:
    """Copy an exercise notebook as ``labkit exercises copy`` does, so its rules (seeds) apply."""
    from labkit.exercises._build import copy_for_learner

    try:
        copy_for_learner(source.name[:2], folder, root=root)
    except LabkitError:  # a notebook with no exercise set behind it: a plain copy
        shutil.copyfile(source, folder / source.name)


def prepare_work(root: str | Path, work: str = WORK_FOLDER) -> WorkCopies:
    """Make your own copy of every lesson and exercise notebook, never overwriting one you have.

    Parameters
    ----------
    root : str or Path
        The course folder (with ``curriculum/`` and ``exercises/``).
    work : str, default "my-work"
        Your folder, relative to ``root``.

    Returns
    -------
    WorkCopies
        The copies made now, the copies you already had, and which of those
        the course has changed since.
    """
    base = Path(root).resolve()
    if not (base / COURSE_FOLDERS[0]).is_dir():
        raise LabkitError(
            f"{base} is not the labkit course folder: it has no {COURSE_FOLDERS[0]}/ folder.",
            where="the course folder",
            fix="Run the command in the labkit folder (the one with the README), or pass --root PATH.",
        )
    result = WorkCopies()
    for folder in COURSE_FOLDERS:
        for source in sorted((base / folder).glob("*.ipynb")):
            relative = Path(work) / folder / source.name
            target = base / relative
            if target.exists():
                result.kept.append(relative)
                copied = json.loads(target.read_text(encoding="utf-8")).get("metadata", {})
                recorded = copied.get("labkit", {}).get("copied_from", {}).get("sha256")
                if recorded and recorded != _sha256(source):
                    result.outdated.append(relative)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if folder == "exercises":
                _copy_exercise(source, target.parent, base)
            else:
                shutil.copyfile(source, target)
            notebook = json.loads(target.read_text(encoding="utf-8"))
            notebook.setdefault("metadata", {}).setdefault("labkit", {})["copied_from"] = {
                "path": f"{folder}/{source.name}",
                "sha256": _sha256(source),
            }
            target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            result.created.append(relative)
    return result


def _check_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL not in KernelSpecManager().find_kernel_specs():
        raise LabkitError(
            f"The Jupyter kernel {KERNEL!r} is not installed, so the lessons cannot run.",
            where="Jupyter kernels",
            fix="Run make setup, or: python -m ipykernel install --sys-prefix --name labkit "
            '--display-name "labkit (Python 3)"',
        )


def lab_command(
    root: str | Path, *, work: str = WORK_FOLDER, port: int | None = None, open_browser: bool = True
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start JupyterLab on the course, as ``make lab`` does.

    Returns
    -------
    tuple of (list of str, dict)
        The command and the environment to run it with.

    Examples
    --------
    >>> command, env = lab_command(".", port=8899, open_browser=False)
    >>> "--ServerApp.ip=127.0.0.1" in command and "--no-browser" in command
    True
    >>> env["PATH"].split(os.pathsep)[0] == os.path.dirname(sys.executable)
    True
    """
    base = Path(root).resolve()
    config = base / CONFIG_FOLDER
    if not (config / "jupyter_server_config.json").is_file():
        raise LabkitError(
            f"The course's JupyterLab settings ({CONFIG_FOLDER}/) are missing, so JupyterLab could fetch "
            "news from the internet and offer kernels that cannot run the lessons.",
            where=f"folder {base}",
            fix=f"Restore the folder with git (git checkout -- {CONFIG_FOLDER}), or run labkit lab in the "
            "labkit folder.",
        )
    start = f"{work}/{START_NOTEBOOK}"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={base}",
        "--ServerApp.ip=127.0.0.1",
        f"--LabApp.default_url=/lab/tree/{start}",
        f"--LabApp.app_settings_dir={config / 'lab' / 'settings'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    if os.name != "nt":
        # The terminal runs your usual shell, but not as a login shell, which would reset PATH.
        shell = os.environ.get("SHELL") or "/bin/sh"
        command.append(f"--ServerApp.terminado_settings={json.dumps({'shell_command': [shell]})}")
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    paths = [str(config), *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    return command, env


def run_lab(
    root: str | Path, *, work: str = WORK_FOLDER, port: int | None = None, open_browser: bool = True
) -> int:
    """Make your copies, then run JupyterLab until Ctrl+C (the ``labkit lab`` command)."""
    import subprocess

    _check_kernel()
    copies = prepare_work(root, work)
    print(copies.message(), flush=True)
    command, env = lab_command(root, work=work, port=port, open_browser=open_browser)
    print(f"Opening {work}/{START_NOTEBOOK} in JupyterLab. Stop it with Ctrl+C.", flush=True)
    try:
        return subprocess.call(command, env=env, cwd=Path(root).resolve())
    except KeyboardInterrupt:
        return 0
