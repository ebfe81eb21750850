"""Fixtures for the real-browser tests: Chromium, JupyterLab, axe-core, artifacts.

The browser tests run whenever ``/usr/bin/chromium`` exists. Without it they
are skipped on a person's computer, but fail when ``CI=true``: a continuous
integration run that silently skipped them would prove nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_harness import CHROMIUM, CHROMIUM_ARGS, new_page
from browser_lab import ARTIFACTS, AXE, ROOT, LabServer, start_lab

# The fixture notebooks are driven by the tests, not collected by nbval; node_modules is axe-core.
collect_ignore_glob = ["fixtures/*", "node_modules/*"]

_ON_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _missing(what: str, how: str) -> None:
    message = f"{what} is missing, so the browser tests cannot run. {how}"
    if _ON_CI:
        pytest.fail(f"CI=true: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        _missing(
            f"Chromium ({CHROMIUM})",
            "Install it with: sudo apt-get install -y chromium (Debian or Ubuntu), as .ci/run does.",
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        _missing(
            f"axe-core ({AXE.relative_to(ROOT).as_posix()})",
            "Install it with: npm ci --prefix tests/browser, as .ci/run does.",
        )
    return AXE


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[object]:
    """Chromium, started once for the whole test run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser tab for one test (see :func:`new_page`)."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def lab_page(browser) -> Iterator[object]:
    """One tab for every JupyterLab test, kept open so JupyterLab loads once (see :func:`new_page`)."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (``artifacts/browser/``, ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def lab(chromium_path: Path) -> Iterator[LabServer]:
    """One JupyterLab for the whole run, serving the repository; each notebook gets a fresh kernel."""
    server, workdir = start_lab(ROOT)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
