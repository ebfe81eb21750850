"""The assistant tester app in Chromium: a consumer tests each product and reads its planted failure.

The generic app test (``test_apps.py``) uses every control and runs axe-core; this one follows the
lesson's consumer track through the app: the accurate assistant shows no problem, each flawed assistant
shows its failure (on the part of the test set that reveals it), the results by way of writing show
Primword's gap, and each flawed note-taker shows what it added or left out. Served offline by Voila, as
``labkit app assistant-tester``, with every request to the internet refused.
"""

from __future__ import annotations

import pytest
from browser_harness import app_problems, blocking, open_app, run_axe

from labkit.apps import start_app

pytestmark = pytest.mark.browser

TESTED = ".labkit-widget-assistant-tester .labkit-assistant-tester"
CHECKED = ".labkit-widget-assistant-tester .labkit-notes-check"

# (assistant's label starts with, part of the test set, what the result must then say)
ASSISTANTS = [
    ("Clearpath Answers", "The whole test set", "None of the automatic checks found a problem"),
    ("Wickbrook", "Facts, each asked in five ways of writing", "Superseded pages"),
    ("Fluentia Resident Assistant", "Signposting and declining", "Made-up facts"),
    ("Primword Answers", "Facts, each asked in five ways of writing", "With typing errors"),
    ("Openhand Help", "Red-team prompts", "Edith Marlowe"),
]
NOTE_TAKERS = [
    ("Truenote", "V01", "found no statement nobody made"),
    ("Embellio Notes", "V01", "a risk statement nobody made"),
    ("Brevis Summary", "V02", "a safeguarding disclosure left out"),
]


def _choose(page, label: str, starts_with: str) -> None:
    select = page.get_by_label(label, exact=True)
    option = select.locator("option", has_text=starts_with).first.get_attribute("value")
    select.select_option(value=option)


def _wait_for(page, selector: str, text: str) -> None:
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
        arg=[selector, text],
        timeout=60_000,
    )


def test_assistant_tester_shows_each_planted_failure(chromium_path, axe_script, page, artifacts) -> None:
    with start_app("assistant-tester") as server:
        open_app(page, server.url, log=server.log_path)
        assert not app_problems(page)
        _wait_for(page, TESTED, "None of the automatic checks found a problem")
        assert not blocking(run_axe(page, axe_script))
        for product, part, expected in ASSISTANTS:
            _choose(page, "Assistant", product)
            _choose(page, "Questions", part)
            _wait_for(page, TESTED, expected)
        page.screenshot(path=str(artifacts / "app-assistant-tester-openhand.png"), full_page=True)
        for note_taker, visit, expected in NOTE_TAKERS:
            _choose(page, "Note-taker", note_taker)
            _choose(page, "Visit", visit)
            _wait_for(page, CHECKED, expected)
        page.screenshot(path=str(artifacts / "app-assistant-tester-brevis.png"), full_page=True)
        assert not app_problems(page)
        assert not blocking(run_axe(page, axe_script))
    assert page.blocked_requests == [], f"the app asked the internet for {page.blocked_requests}"
