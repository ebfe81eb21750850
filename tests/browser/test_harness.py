"""The harness itself: it must pass a working widget and fail a broken one.

A browser test that cannot fail proves nothing. These tests drive two fixture
notebooks in ``fixtures/`` (not lessons). ``harness-lab.ipynb`` has three
widgets (one works; the slider callback of the others raises, once outside and
once inside the result area), a warning, an error shown on purpose, a cell that
fails and a cell that is never reached. ``harness-voila.ipynb`` has the same
three widgets, served as an app. Each notebook is run once per module and the
tests read the findings.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from browser_harness import (
    WidgetCheck,
    cell_problems,
    check_widgets,
    looks_like_error,
    new_page,
    open_app,
    open_in_lab,
    run_all,
)
from browser_lab import FIXTURES, ROOT
from playwright.sync_api import Error as PlaywrightError

from labkit.apps import App, start_app

LAB_NOTEBOOK = FIXTURES / "harness-lab.ipynb"
VOILA_NOTEBOOK = FIXTURES / "harness-voila.ipynb"
BROKEN_SILENT = "fails-silently: using slider 'Repairs' did not change the widget's result"


@dataclass
class Findings:
    problems: list[str]
    widgets: dict[str, WidgetCheck]


@pytest.fixture(scope="module")
def in_lab(lab, lab_page, artifacts) -> Findings:
    page = lab_page
    before = LAB_NOTEBOOK.read_bytes()
    try:
        open_in_lab(page, lab, LAB_NOTEBOOK.relative_to(ROOT).as_posix())
        run_all(page)
        problems = cell_problems(page, LAB_NOTEBOOK)
        widgets = check_widgets(page)
        page.screenshot(path=str(artifacts / "harness-lab.png"))
    except PlaywrightError:
        page.labkit_lab_loaded = False
        raise
    # Running a notebook in the browser never writes over the file (autosave is off).
    assert LAB_NOTEBOOK.read_bytes() == before
    assert lab.saved_files() == []
    return Findings(problems, {w.name: w for w in widgets})


@pytest.fixture(scope="module")
def in_voila(browser, artifacts) -> Findings:
    app = App(
        name="harness", description="Harness fixture.", widget="repairs_counter", notebook=VOILA_NOTEBOOK
    )
    # The same offline tab as every other test: a page that could reach the internet would wait on
    # it wherever outbound traffic hangs instead of being refused.
    page = new_page(browser)
    try:
        with start_app(app) as server:
            open_app(page, server.url, log=server.log_path)
            widgets = check_widgets(page)
            page.screenshot(path=str(artifacts / "harness-voila.png"), full_page=True)
    finally:
        page.context.close()
    assert page.blocked_requests == [], f"the Voila page asked the internet for {page.blocked_requests}"
    return Findings([], {w.name: w for w in widgets})


# -- no browser needed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---------\nKeyError    Traceback (most recent call last)\nCell In[2], line 1\nKeyError: 'b'",
        "  Cell In[3], line 1\n    print(\n         ^\nSyntaxError: incomplete input",
        "labkit._errors.LabkitError: rows must be positive.",
    ],
)
def test_exceptions_are_recognised(text: str) -> None:
    assert looks_like_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "<IPY-INPUT>:3: UserWarning: A warning is not an error.\n  warnings.warn(...)",
        "100%|██████████| 10/10 [00:01<00:00]",
        "FutureWarning: the default will change.",
    ],
)
def test_warnings_and_progress_bars_are_not_errors(text: str) -> None:
    assert not looks_like_error(text)


# -- JupyterLab ------------------------------------------------------------------------------


@pytest.mark.browser
def test_every_widget_is_found_in_jupyterlab(in_lab: Findings) -> None:
    assert sorted(in_lab.widgets) == ["fails-silently", "fails-visibly", "working"]


@pytest.mark.browser
def test_working_widget_passes_in_jupyterlab(in_lab: Findings) -> None:
    check = in_lab.widgets["working"]
    assert check.ok, check.failures()
    assert [c.kind for c in check.controls] == ["slider", "dropdown", "text box", "checkbox", "button"]
    assert all(c.changed for c in check.controls if not c.staged)
    assert [c.label for c in check.controls if c.staged] == ["Urgent only"]


@pytest.mark.browser
def test_callback_that_raises_silently_fails_the_widget_in_jupyterlab(in_lab: Findings) -> None:
    assert in_lab.widgets["fails-silently"].failures() == [BROKEN_SILENT]


@pytest.mark.browser
def test_callback_that_shows_a_traceback_fails_the_widget_in_jupyterlab(in_lab: Findings) -> None:
    failures = in_lab.widgets["fails-visibly"].failures()
    assert len(failures) == 1
    assert "slider 'Repairs' showed an error" in failures[0]
    assert "RuntimeError: A deliberately broken callback" in failures[0]


@pytest.mark.browser
def test_cell_errors_are_reported_but_warnings_and_errors_shown_on_purpose_are_not(in_lab: Findings) -> None:
    # Cell 6 warns and cell 7 (tagged raises-exception) shows an error on purpose: neither is a problem.
    assert in_lab.problems == [
        "cell 8 shows an error: KeyError: 'b'",
        "cell 9 did not run (its prompt is '[ ]:')",
    ]


# -- Voila -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_harness_judges_widgets_in_voila(in_voila: Findings) -> None:
    assert sorted(in_voila.widgets) == ["fails-silently", "fails-visibly", "working"]
    assert in_voila.widgets["working"].failures() == []
    assert in_voila.widgets["fails-silently"].failures() == [BROKEN_SILENT]
    (visible,) = in_voila.widgets["fails-visibly"].failures()
    assert "showed an error" in visible and "RuntimeError" in visible
