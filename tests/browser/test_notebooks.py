"""Every lesson and exercise notebook, run in a real JupyterLab in Chromium.

For each notebook under ``curriculum/`` and ``exercises/``: open it, Run All,
wait for the kernel to finish, and check that no cell shows an error and every
cell ran. Then use every labkit widget in it (see ``docs/browser-testing.md``)
and check that its result changes and shows no error. A screenshot of each
notebook goes to ``artifacts/browser/``. Each notebook gets a fresh kernel: the
previous notebook is closed without saving and its kernel shut down. JupyterLab
itself loads once per module, which saves about 3 seconds a notebook.
"""

from __future__ import annotations

import importlib

import pytest
from browser_harness import (
    cell_problems,
    check_widgets,
    close_all_tabs,
    open_next_notebook,
    open_notebook,
    run_all,
    unmarked_widgets,
    widget_roots,
)
from browser_lab import ROOT, LabServer
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("curriculum", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


# Every widget labkit offers (labkit.widgets), and the exercise engine's activities.
LABKIT_WIDGETS = [*importlib.import_module("labkit.widgets").__all__, "project_sorter"]


def _open(page, lab: LabServer, relpath: str) -> None:
    """Open ``relpath`` with a fresh kernel, in the JupyterLab already loaded in ``page`` if there is one."""
    if getattr(page, "labkit_lab_loaded", False):
        try:
            close_all_tabs(page)
            lab.shutdown_all_kernels()
            open_next_notebook(page, relpath)
            return
        except PlaywrightError:
            pass  # JupyterLab is in a state we did not expect: load it afresh instead.
    lab.shutdown_all_kernels()
    open_notebook(page, lab.lab_url(relpath))
    page.labkit_lab_loaded = True


def _shot_name(relpath: str, suffix: str) -> str:
    return relpath.replace("/", "__").removesuffix(".ipynb") + f"-{suffix}.png"


@pytest.mark.parametrize("relpath", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_its_widgets_respond(lab, lab_page, artifacts, relpath: str) -> None:
    page = lab_page
    path = ROOT / relpath
    try:
        _open(page, lab, relpath)
        run_all(page)
        page.screenshot(path=str(artifacts / _shot_name(relpath, "run")))
        problems = cell_problems(page, path)
        widgets = check_widgets(page) if not problems else []
        problems += unmarked_widgets(page, path, LABKIT_WIDGETS)
        if widget_roots(page).count():
            widget_roots(page).first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / _shot_name(relpath, "widgets")))
    except PlaywrightError:
        page.labkit_lab_loaded = False  # the next notebook reloads JupyterLab
        raise
    assert lab.saved_files() == [], "running notebooks in JupyterLab must never save them"
    failures = problems + [f for w in widgets for f in w.failures()]
    assert not failures, f"{relpath} in JupyterLab:\n- " + "\n- ".join(failures)
