"""Every lesson and exercise notebook, run in a real JupyterLab in Chromium.

For each notebook under ``curriculum/`` and ``exercises/``: open it, Run All,
wait for the kernel to finish, and check that no cell shows an error and every
cell ran. Then use every labkit widget in it (see ``docs/browser-testing.md``)
and check that its result changes and shows no error, that every widget the
notebook displays carries the convention's class, and that exercise feedback
says in words how you did. A screenshot of each
notebook goes to ``artifacts/browser/``. Each notebook gets a fresh kernel (see
``open_in_lab``).
"""

from __future__ import annotations

import importlib

import pytest
from browser_harness import (
    cell_problems,
    check_widgets,
    open_in_lab,
    outcome_problems,
    run_all,
    unmarked_widgets,
    widget_roots,
)
from browser_lab import ROOT
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


def _shot_name(relpath: str, suffix: str) -> str:
    return relpath.replace("/", "__").removesuffix(".ipynb") + f"-{suffix}.png"


@pytest.mark.parametrize("relpath", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_its_widgets_respond(lab, lab_page, artifacts, relpath: str) -> None:
    page = lab_page
    path = ROOT / relpath
    try:
        open_in_lab(page, lab, relpath)
        run_all(page)
        page.screenshot(path=str(artifacts / _shot_name(relpath, "run")))
        problems = cell_problems(page, path)
        widgets = check_widgets(page) if not problems else []
        problems += unmarked_widgets(page, path, LABKIT_WIDGETS)
        problems += outcome_problems(page)  # exercise feedback must say how you did in words
        if widget_roots(page).count():
            widget_roots(page).first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / _shot_name(relpath, "widgets")))
    except PlaywrightError:
        page.labkit_lab_loaded = False  # the next notebook reloads JupyterLab
        raise
    assert lab.saved_files() == [], "running notebooks in JupyterLab must never save them"
    failures = problems + [f for w in widgets for f in w.failures()]
    assert not failures, f"{relpath} in JupyterLab:\n- " + "\n- ".join(failures)
