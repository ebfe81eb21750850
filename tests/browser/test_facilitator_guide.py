"""Facilitator guides as trainers open and print them: accessible, and printed with table rows kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_harness import blocking, run_axe

from labkit.exercises._guide import facilitator_guide, guide_lessons

pytestmark = pytest.mark.browser


def test_every_guide_page_is_accessible_and_printable(page, axe_script, artifacts, tmp_path: Path) -> None:
    failures = []
    for lesson in guide_lessons():
        path = facilitator_guide(lesson).save(tmp_path / f"{lesson}-guide.html")
        page.goto(path.as_uri())
        failures += [f"lesson {lesson}: {p}" for p in blocking(run_axe(page, axe_script))]
        page.emulate_media(media="print")
        row_break = page.evaluate("getComputedStyle(document.querySelector('tr')).breakInside")
        assert row_break == "avoid", lesson
        if lesson == "03":
            page.screenshot(path=str(artifacts / "facilitator-guide-03-print.png"), full_page=True)
            assert len(page.pdf(format="A4")) > 10_000  # Chromium prints it
        page.emulate_media(media="screen")
    assert not failures, "\n- ".join(["facilitator guides:", *failures])
