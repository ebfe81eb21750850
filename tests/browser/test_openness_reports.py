"""Accessibility of lesson 08's saved reports: the ATRS record, its check, who to talk to, a merge.

Each is saved with ``Report.save()`` and opened in Chromium; axe-core must find no serious or critical
problem and no text-contrast failure (the same rules as ``test_accessibility.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from browser_harness import blocking, run_axe

from labkit._report import Report

pytestmark = pytest.mark.browser


def _record():
    from labkit.transparency import atrs_record, example_answers, example_canvas

    return atrs_record(
        example_answers(),
        canvas=example_canvas(),
        redactions={"system_architecture": "Withheld: the detail could help an attacker."},
    )


def _check():
    from labkit.transparency import check_record

    return check_record(_record())


def _who():
    from labkit.register import sandbox_register, who_to_talk_to

    return who_to_talk_to(sandbox_register(), "Score families so the early help team can contact them")


def _merge():
    import tempfile

    from labkit.register import Register, merge, sandbox_files

    return merge(Register(Path(tempfile.mkdtemp()) / "merged.sqlite"), sandbox_files())


REPORTS: dict[str, Callable[[], Report]] = {
    "atrs-record": _record,
    "record-check": _check,
    "who-to-talk-to": _who,
    "register-merge": _merge,
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_saved_report_is_accessible(page, axe_script, artifacts, tmp_path: Path, name: str) -> None:
    path = REPORTS[name]().save(tmp_path / f"{name}.html")
    page.goto(path.as_uri())
    page.screenshot(path=str(artifacts / f"report-{name}.png"), full_page=True)
    problems = blocking(run_axe(page, axe_script))
    assert not problems, f"{name}:\n- " + "\n- ".join(problems)
