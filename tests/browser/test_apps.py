"""Every registered code-free app, served by Voila and used in Chromium.

Each app is started exactly as ``labkit app NAME`` starts it (the same
:func:`labkit.apps.start_app`), opened with every request to the internet
refused, and checked: no errors; every widget control changes the result
(see ``docs/browser-testing.md``); axe-core finds no serious or critical
accessibility problem and no text-contrast failure, before and after the
widgets are used; every chart has a text alternative beside it.
"""

from __future__ import annotations

import pytest
from browser_harness import app_problems, blocking, chart_problems, check_widgets, open_app, run_axe

from labkit.apps import available_apps, start_app

pytestmark = pytest.mark.browser

APPS = [app.name for app in available_apps()]


@pytest.mark.parametrize("name", APPS)
def test_app_works_offline_and_is_accessible(chromium_path, axe_script, page, artifacts, name: str) -> None:
    with start_app(name) as server:
        open_app(page, server.url, log=server.log_path)
        page.screenshot(path=str(artifacts / f"app-{name}.png"), full_page=True)
        problems = app_problems(page)
        assert not problems, f"app {name} shows errors:\n- " + "\n- ".join(problems)
        assert page.locator(".labkit-widget").count() >= 1, f"app {name} shows no labkit widget"
        # No source code is shown: officers see the tool, not the notebook.
        assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0
        before = blocking(run_axe(page, axe_script)) + chart_problems(page, "#rendered_cells")
        widgets = check_widgets(page)
        page.screenshot(path=str(artifacts / f"app-{name}-used.png"), full_page=True)
        after = blocking(run_axe(page, axe_script)) + chart_problems(page, "#rendered_cells")
    # Nothing outside this computer is asked for (labkit's Voila template drops the "lab" template's
    # CDN stylesheets, which held the page's scripts wherever outbound traffic hangs).
    assert page.blocked_requests == [], f"app {name} asked the internet for {page.blocked_requests}"
    failures = [f for w in widgets for f in w.failures()]
    failures += [f"accessibility, as opened: {p}" for p in before]
    failures += [f"accessibility, after use: {p}" for p in sorted(set(after) - set(before))]
    assert not failures, f"app {name}:\n- " + "\n- ".join(failures)
