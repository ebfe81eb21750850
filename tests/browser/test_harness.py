"""The harness itself: it must pass a working widget and fail a broken one.

A browser test that cannot fail proves nothing. These tests drive fixture
notebooks in ``fixtures/`` (not lessons): a working widget, two widgets whose
slider callback raises (once outside and once inside the result area), a
notebook whose second cell fails, and one that shows an error on purpose.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_harness import cell_problems, check_widgets, looks_like_error, open_app, open_notebook, run_all
from browser_lab import FIXTURES, LabServer, start_lab

from labkit.apps import App, start_app


@pytest.fixture(scope="module")
def fixture_lab(chromium_path: Path) -> Iterator[LabServer]:
    server, workdir = start_lab(FIXTURES)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _run_in_lab(lab: LabServer, page, name: str, artifacts: Path) -> tuple[list[str], list]:
    try:
        open_notebook(page, lab.lab_url(name))
        run_all(page)
        problems = cell_problems(page, FIXTURES / name)
        widgets = check_widgets(page)
        page.screenshot(path=str(artifacts / f"harness-lab-{Path(name).stem}.png"))
        return problems, widgets
    finally:
        lab.shutdown_all_kernels()


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
def test_working_widget_passes_in_jupyterlab(fixture_lab, page, artifacts) -> None:
    before = (FIXTURES / "working-widget.ipynb").read_bytes()
    problems, widgets = _run_in_lab(fixture_lab, page, "working-widget.ipynb", artifacts)
    # Running a notebook in the browser never writes over the file (autosave is off).
    assert (FIXTURES / "working-widget.ipynb").read_bytes() == before
    assert problems == []
    assert [w.name for w in widgets] == ["repairs-counter"]
    check = widgets[0]
    assert check.ok, check.failures()
    kinds = [c.kind for c in check.controls]
    assert kinds == ["slider", "dropdown", "text box", "checkbox", "button"]
    assert all(c.changed for c in check.controls if not c.staged)
    assert [c.label for c in check.controls if c.staged] == ["Urgent only"]


@pytest.mark.browser
def test_callback_that_raises_silently_fails_the_widget(fixture_lab, page, artifacts) -> None:
    problems, widgets = _run_in_lab(fixture_lab, page, "broken-callback-silent.ipynb", artifacts)
    assert problems == []
    assert not widgets[0].ok
    assert widgets[0].failures() == [
        "repairs-counter: using slider 'Repairs' did not change the widget's result"
    ]


@pytest.mark.browser
def test_callback_that_shows_a_traceback_fails_the_widget(fixture_lab, page, artifacts) -> None:
    problems, widgets = _run_in_lab(fixture_lab, page, "broken-callback-shown.ipynb", artifacts)
    assert problems == []
    failures = widgets[0].failures()
    assert len(failures) == 1
    assert "slider 'Repairs' showed an error" in failures[0]
    assert "RuntimeError: A deliberately broken callback" in failures[0]


@pytest.mark.browser
def test_cell_errors_are_reported_but_warnings_are_not(fixture_lab, page, artifacts) -> None:
    problems, widgets = _run_in_lab(fixture_lab, page, "cell-error.ipynb", artifacts)
    assert widgets == []
    assert problems == ["cell 3 shows an error: KeyError: 'b'", "cell 4 did not run (its prompt is '[ ]:')"]


@pytest.mark.browser
def test_errors_shown_on_purpose_are_allowed(fixture_lab, page, artifacts) -> None:
    problems, _ = _run_in_lab(fixture_lab, page, "expected-error.ipynb", artifacts)
    assert problems == []


# -- Voila -----------------------------------------------------------------------------------


def _fixture_app(name: str) -> App:
    return App(
        name=name, description="A harness fixture.", widget="repairs_counter", notebook=FIXTURES / name
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("notebook", "expected"),
    [
        ("working-widget.ipynb", []),
        ("broken-callback-silent.ipynb", ["did not change the widget's result"]),
    ],
)
def test_harness_judges_widgets_in_voila(chromium_path, page, artifacts, notebook, expected) -> None:
    with start_app(_fixture_app(notebook)) as server:
        open_app(page, server.url)
        widgets = check_widgets(page)
        page.screenshot(path=str(artifacts / f"harness-voila-{Path(notebook).stem}.png"))
    assert len(widgets) == 1
    failures = widgets[0].failures()
    if not expected:
        assert failures == []
    else:
        assert len(failures) == 1, failures
        for words in expected:
            assert words in failures[0]
