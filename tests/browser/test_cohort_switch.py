"""The consent switch as a learner meets it in JupyterLab, in a workshop-hub-like environment.

JupyterLab is started with ``LABKIT_COHORT_DIR`` and ``JUPYTERHUB_USER`` set, as ``labkit hub`` sets them
for a learner's server. The learner runs a notebook that binds exercise set 00 and answers question 1
with a known mistake. The switch must show under the first cell, off, with nothing shared; ticking it
with the keyboard (Space, with the notebook's shortcuts kept out) shares the learner's file, holding the
mistake; unticking deletes it. The real hub (system users, isolation) is tested by ``labkit hub``'s test.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from browser_harness import open_notebook, run_all
from browser_lab import LabServer

from labkit.exercises import ex00

pytestmark = pytest.mark.browser


def _notebook(path: Path) -> None:
    mistake = ex00.questions[0].wrong[0].value
    cells = [
        "from labkit.exercises import ex00\n\nex00.bind(globals())",
        f"{ex00.questions[0].variable} = {mistake!r}\nq1.check()",
    ]
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"c{i}",
                "metadata": {},
                "outputs": [],
                "source": s,
            }
            for i, s in enumerate(cells)
        ],
        "metadata": {
            "kernelspec": {"display_name": "labkit (Python 3)", "language": "python", "name": "labkit"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")


def _wait_for(condition, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_switch_shares_only_when_ticked_and_stops_when_unticked(page, artifacts, tmp_path: Path) -> None:
    root, folder = tmp_path / "course", tmp_path / "cohort"
    root.mkdir()
    folder.mkdir()
    folder.chmod(0o3773)
    _notebook(root / "share.ipynb")
    env = {
        "LABKIT_COHORT_DIR": str(folder),
        "JUPYTERHUB_USER": "dee",
        "LABKIT_PROGRESS_FILE": str(tmp_path / "dee" / ".labkit" / "progress.jsonl"),
    }
    workdir = Path(tempfile.mkdtemp(prefix="labkit-lab-"))
    lab = LabServer(root, workdir, env).start()
    try:
        open_notebook(page, lab.lab_url("share.ipynb"))
        run_all(page)
        switch = page.locator(".labkit-widget-cohort-switch")
        switch.wait_for(timeout=30000)
        assert "Share my exercise progress with my trainer" in switch.inner_text()
        assert "Nothing else is shared" in switch.inner_text()
        box = switch.locator("input[type=checkbox]")
        assert not box.is_checked()
        assert list(folder.iterdir()) == []  # the learner answered, but has not chosen to share
        cells = page.locator(".jp-NotebookPanel .jp-Cell").count()
        box.focus()
        box.press("Space")
        shared = folder / "dee.json"
        assert _wait_for(shared.exists), "ticking the switch shared nothing"
        page.screenshot(path=str(artifacts / "cohort-switch-on.png"), full_page=True)
        (entry,) = json.loads(shared.read_text(encoding="utf-8"))["questions"]
        assert (entry["exercise"], entry["question"], entry["mistakes"]) == ("00", "q1", [1])
        assert "You are sharing your progress" in switch.locator(".labkit-output").inner_text()
        assert page.locator(".jp-NotebookPanel .jp-Cell").count() == cells  # Space stayed in the widget
        box.press("Space")
        assert _wait_for(lambda: not shared.exists()), "unticking the switch left the shared file"
        assert "Your shared file is deleted" in switch.locator(".labkit-output").inner_text()
    finally:
        lab.stop()
        shutil.rmtree(workdir, ignore_errors=True)
