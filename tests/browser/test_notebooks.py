"""Every lesson and exercise notebook, run in a real JupyterLab in Chromium.

For each notebook under ``curriculum/`` and ``exercises/``: open it, Run All,
wait for the kernel to finish, and check that no cell shows an error and every
cell ran. Then use every labkit widget in it (see ``docs/browser-testing.md``)
and check that its result changes and shows no error. A screenshot of each
notebook goes to ``artifacts/browser/``. Each notebook gets a fresh kernel.
"""

from __future__ import annotations

import pytest
from browser_harness import cell_problems, check_widgets, open_notebook, run_all, widget_roots
from browser_lab import ROOT

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("curriculum", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def _shot_name(relpath: str, suffix: str) -> str:
    return relpath.replace("/", "__").removesuffix(".ipynb") + f"-{suffix}.png"


@pytest.mark.parametrize("relpath", NOTEBOOKS)
def test_notebook_runs_in_jupyterlab_and_its_widgets_respond(lab, page, artifacts, relpath: str) -> None:
    path = ROOT / relpath
    before = path.read_bytes()
    try:
        open_notebook(page, lab.lab_url(relpath))
        run_all(page)
        page.screenshot(path=str(artifacts / _shot_name(relpath, "run")))
        problems = cell_problems(page, path)
        widgets = check_widgets(page) if not problems else []
        if widget_roots(page).count():
            widget_roots(page).first.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / _shot_name(relpath, "widgets")))
    finally:
        lab.shutdown_all_kernels()
    assert path.read_bytes() == before, f"{relpath} was changed on disk by running it in JupyterLab"
    failures = problems + [f for w in widgets for f in w.failures()]
    assert not failures, f"{relpath} in JupyterLab:\n- " + "\n- ".join(failures)
