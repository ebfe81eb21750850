"""The bid checker app in Chromium: a consumer picks bids and reads the planted flaw of each.

The generic app test (``test_apps.py``) uses every control and runs axe-core; this one follows the
lesson's consumer track through the app: the honest bid shows no problem, each flawed bid shows its
flaw, and the matrix ranks the honest bid first, the only one that passes the minimum standards. Served
offline by Voila, as ``labkit app bid-checker``.
"""

from __future__ import annotations

import pytest
from browser_harness import app_problems, blocking, open_app, run_axe

from labkit.apps import start_app

pytestmark = pytest.mark.browser

SHOWN = {
    "Quillfield Analytics (RepairRisk)": "No other problem was flagged",
    "Brackenwick AI (FixFirst)": "shows no skill",
    "Corvane Predictive (JobSense)": "recorded after the outcome",
    "Haldor Ridge Systems (FairFix)": "stands in for",
    "Merrowgate Cloud (RepairPulse)": "6 lock-in risks",
}


def _result_text(page) -> str:
    return page.locator(".labkit-widget-bid-checker .labkit-output").inner_text()


def test_bid_checker_shows_each_planted_flaw(chromium_path, axe_script, page, artifacts) -> None:
    with start_app("bid-checker") as server:
        open_app(page, server.url)
        assert not app_problems(page)
        dropdown = page.locator(".labkit-widget-bid-checker select")
        for label, expected in SHOWN.items():
            dropdown.select_option(label=label)
            page.wait_for_function(
                "([sel, text]) => document.querySelector(sel)?.innerText.includes(text)",
                arg=[".labkit-widget-bid-checker .labkit-output", expected],
                timeout=60_000,
            )
            assert expected in _result_text(page)
        dropdown.select_option(label="All bids: tender evaluation matrix")
        page.wait_for_function(
            "(sel) => document.querySelector(sel)?.innerText"
            ".includes('Highest total of those that pass: Quillfield')",
            arg=".labkit-widget-bid-checker .labkit-output",
            timeout=60_000,
        )
        page.get_by_label("The supplier's model file").check()
        page.wait_for_function(
            '(sel) => document.querySelector(sel)?.innerText.includes("each supplier\'s model file")',
            arg=".labkit-widget-bid-checker .labkit-output",
            timeout=60_000,
        )
        page.screenshot(path=str(artifacts / "app-bid-checker-matrix.png"), full_page=True)
        assert not blocking(run_axe(page, axe_script))
