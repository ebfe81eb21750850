"""The trainer's cohort dashboard in Chromium, on a cohort folder filled by the real switch.

Two learners (alice and bob) share their progress through :func:`share_progress` and answer exercise set
00 through the engine, exactly as their notebooks would; a third (carol) does not share at first. The app
is started as ``labkit app cohort-dashboard`` starts it, with ``LABKIT_COHORT_DIR`` naming the folder (as in
the workshop hub), and must show the two who share and not the third, their common mistake with what it
reveals, a progress chart with its text alternative, and a bad file as a problem, not an error; carol's
file appears on Refresh after she ticks the switch and goes when she unticks it; axe-core finds no
serious or critical problem. The real-hub test (learners' own servers, system users) is ``labkit hub``'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_harness import app_problems, blocking, chart_problems, open_app, run_axe

from labkit.apps import start_app
from labkit.exercises import ex00, share_progress

pytestmark = pytest.mark.browser


def _learner(monkeypatch, tmp_path: Path, name: str, answer: object | None, share: bool) -> None:
    """One learner's session: their own progress log, their choice, then one answer to 00 q1."""
    monkeypatch.setenv("JUPYTERHUB_USER", name)
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(tmp_path / name / "progress.jsonl"))
    if share:
        assert share_progress(True).startswith("You are sharing")
    if answer is not None:
        namespace: dict = {}
        ex00.bind(namespace)
        namespace[ex00.questions[0].variable] = answer
        namespace["q1"].check()


def _learners(page) -> list[str]:
    return page.locator(".labkit-cohort-learners li").all_inner_texts()


def test_dashboard_shows_those_who_share_live(page, axe_script, artifacts, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    folder.chmod(0o3773)
    monkeypatch.setenv("LABKIT_COHORT_DIR", str(folder))
    mistake = ex00.questions[0].wrong[0]
    _learner(monkeypatch, tmp_path, "alice", mistake.value, share=True)
    _learner(monkeypatch, tmp_path, "bob", mistake.value, share=True)
    _learner(monkeypatch, tmp_path, "carol", mistake.value, share=False)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    monkeypatch.delenv("JUPYTERHUB_USER")
    with start_app("cohort-dashboard") as server:
        open_app(page, server.url, log=server.log_path)
        assert not app_problems(page)
        page.screenshot(path=str(artifacts / "cohort-dashboard.png"), full_page=True)
        assert _learners(page) == ["alice", "bob"]
        text = page.locator(".labkit-output").inner_text()
        assert "carol" not in text
        assert mistake.reason in text and "made by 2 learners" in text
        assert "broken.json: not valid JSON" in text
        assert page.locator(".labkit-output table").count() >= 2
        found = blocking(run_axe(page, axe_script)) + chart_problems(page, "#rendered_cells")
        assert page.locator(".labkit-output figure img").count() == 1  # the progress chart, with its caption
        _learner(monkeypatch, tmp_path, "carol", None, share=True)
        page.get_by_role("button", name="Refresh").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.labkit-cohort-learners li')].length === 3", timeout=30000
        )
        assert _learners(page) == ["alice", "bob", "carol"]
        share_progress(False)
        page.get_by_role("button", name="Refresh").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.labkit-cohort-learners li')].length === 2", timeout=30000
        )
        assert _learners(page) == ["alice", "bob"]
        page.screenshot(path=str(artifacts / "cohort-dashboard-refreshed.png"), full_page=True)
    assert page.blocked_requests == []
    assert not found, "cohort dashboard accessibility:\n- " + "\n- ".join(found)


def test_the_automatic_refresh_reads_the_folder_by_itself(page, tmp_path, monkeypatch) -> None:
    """Ticked, the dashboard reads the folder again on the kernel's own timer (2 s here), with no click."""
    import json

    from labkit.apps import App

    folder = tmp_path / "cohort"
    folder.mkdir()
    notebook = tmp_path / "dashboard-every-2s.ipynb"
    source = f"from labkit.widgets import cohort_dashboard\n\ncohort_dashboard({str(folder)!r}, every=2)"
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "a1",
        "metadata": {},
        "outputs": [],
        "source": source,
    }
    kernel = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb = {"cells": [cell], "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    with start_app(App("dashboard-every-2s", "test", "cohort_dashboard", notebook)) as server:
        open_app(page, server.url, log=server.log_path)
        assert "Nobody is sharing yet" in page.locator(".labkit-cohort-learners").inner_text()
        page.get_by_label("Refresh every 2 seconds").check()
        monkeypatch.setenv("LABKIT_COHORT_DIR", str(folder))
        _learner(monkeypatch, tmp_path, "erin", None, share=True)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.labkit-cohort-learners li')].length === 1", timeout=30000
        )
        assert _learners(page) == ["erin"]
        assert "reads again by itself" in page.locator(".labkit-cohort-read").inner_text()
