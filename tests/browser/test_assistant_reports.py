"""Accessibility of lesson 07's saved reports: an assistant test, a notes check and a review agreement.

Each is saved with ``Report.save()`` and opened in Chromium; axe-core must find no serious or critical
problem and no text-contrast failure, and the chart must have its text alternative beside it (the same
rules as ``test_accessibility.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from browser_harness import blocking, run_axe

from labkit._report import Report

pytestmark = pytest.mark.browser


def _assistant():
    from labkit.assistants import evaluate_assistant, get_product, load_test_set

    return evaluate_assistant(get_product("primword"), load_test_set().subset(n=60))


def _notes():
    from labkit.assistants import check_notes, get_product, load_transcripts

    visit = load_transcripts()["V02"]
    return check_notes(visit, get_product("embellio")(visit))


def _review():
    from labkit.assistants import import_review, review_sample

    report = _assistant()
    sample = review_sample(report, n=12)
    sample["mark"] = "acceptable"
    return import_review(report, sample)


REPORTS: dict[str, Callable[[], Report]] = {
    "assistant-test": _assistant,
    "notes-check": _notes,
    "review-agreement": _review,
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_saved_report_is_accessible(page, axe_script, artifacts, tmp_path: Path, name: str) -> None:
    path = REPORTS[name]().save(tmp_path / f"{name}.html")
    page.goto(path.as_uri())
    page.screenshot(path=str(artifacts / f"report-{name}.png"), full_page=True)
    problems = blocking(run_axe(page, axe_script))
    assert not problems, f"{name}:\n- " + "\n- ".join(problems)
    if name == "assistant-test":
        caption = page.locator("figure figcaption")
        assert caption.count() == 1 and "way of writing" in caption.inner_text()
