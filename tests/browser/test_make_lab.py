"""The course as a new learner meets it after ``make lab``, in a real browser.

``make lab`` runs ``labkit lab``; this test starts ``labkit lab`` the same way
(the same command line and settings, only with a fixed port, a token and no
browser of its own) on a copy of the course folder, so it never touches a
developer's own ``my-work/``. Then, as a learner would:

1. JupyterLab opens the learner's own copy of lesson 00 (``my-work/curriculum/``),
   with the labkit kernel and no prompt to fetch news from the internet;
2. lesson 00 says to open the practice notebook from the file browser, folder
   ``exercises``: that opens the learner's own copy in ``my-work/exercises/``;
3. lesson 01's link to its exercises, followed from the learner's copy of the
   lesson, opens the learner's copy of those exercises;
4. in JupyterLab's own terminal, ``labkit exercises copy`` works: it finds the
   copy ``make lab`` made, and makes a new copy that JupyterLab then opens.

Running all this writes nothing in the course's own folders: only the copies
in ``my-work/`` change. A second test runs every lesson from the learner's copy
(Run All, then save, as JupyterLab's autosave would) in a git repository of the
course, and checks that ``git status`` is clean afterwards.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_harness import cell_problems, close_all_tabs, run_all, watch_kernel
from browser_lab import ROOT
from playwright.sync_api import Page

from conftest import new_page
from labkit.apps._server import free_port

pytestmark = pytest.mark.browser

COURSE = ("curriculum", "exercises", "materials/exercises", "jupyter_config")
LESSONS = sorted(p.name for p in (ROOT / "curriculum").glob("*.ipynb"))


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in COURSE
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


class MakeLab:
    """``labkit lab`` running on a copy of the course folder."""

    def __init__(self, tmp: Path) -> None:
        self.root = tmp / "labkit"
        for folder in COURSE:
            shutil.copytree(ROOT / folder, self.root / folder)
        shutil.copyfile(ROOT / ".gitignore", self.root / ".gitignore")
        git = [
            "git",
            "-C",
            str(self.root),
            "-c",
            "user.name=labkit test",
            "-c",
            "user.email=test@example.invalid",
        ]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "The course as published"], check=True)
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        state = tmp / "state"
        # The tester's own JupyterLab settings (not the project's): the terminal's screen-reader mode, so
        # the test can read what the terminal shows.
        terminal = state / "user-settings" / "@jupyterlab" / "terminal-extension"
        terminal.mkdir(parents=True)
        (terminal / "plugin.jupyterlab-settings").write_text('{"screenReaderMode": true}', encoding="utf-8")
        env = dict(
            os.environ,
            JUPYTER_TOKEN=self.token,
            JUPYTER_RUNTIME_DIR=str(state / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(state / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
            LABKIT_PROGRESS_FILE=str(state / "progress.jsonl"),
        )
        self.log_path = tmp / "make-lab.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        labkit = Path(sys.executable).with_name("labkit")
        self.process = subprocess.Popen(
            [str(labkit), "lab", "--no-browser", "--port", str(self.port)],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"labkit lab did not start:\n{self.log()}") from None
                time.sleep(0.5)

    def git_status(self) -> str:
        return subprocess.run(
            ["git", "-C", str(self.root), "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout

    def shutdown_kernels(self) -> None:
        for kind in ("sessions", "kernels"):
            request = urllib.request.Request(f"{self.url}/api/{kind}?token={self.token}")
            with urllib.request.urlopen(request, timeout=10) as response:
                for item in json.loads(response.read()):
                    urllib.request.urlopen(
                        urllib.request.Request(
                            f"{self.url}/api/{kind}/{item['id']}?token={self.token}", method="DELETE"
                        ),
                        timeout=10,
                    ).close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self._log.close()


@pytest.fixture
def make_lab(chromium_path, tmp_path) -> Iterator[MakeLab]:
    lab = MakeLab(tmp_path)
    try:
        yield lab
    finally:
        lab.stop()


_CURRENT_TAB = ".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current"


def _wait_until_shown(page: Page, path: str) -> None:
    """Wait until the document at ``path`` is the one shown (JupyterLab's tab title holds its path)."""
    page.wait_for_function(
        f"(path) => (document.querySelector('{_CURRENT_TAB}') || {{}}).title?.includes(path)", arg=path
    )


def _open_document(page: Page) -> str:
    """The path of the notebook shown, once its kernel is idle (from JupyterLab's own title)."""
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden)")
    page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')")
    return page.evaluate(
        "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)').id && "
        f"document.querySelector('{_CURRENT_TAB}').title"
    )


# The terminal draws on a canvas; in screen-reader mode it also keeps its text in this element.
_TERMINAL_TEXT = ".xterm-accessibility-tree"


def _terminal(page: Page, command: str, expect: str, timeout: float = 60.0) -> str:
    """Type ``command`` in JupyterLab's terminal and wait until its screen shows ``expect``."""
    page.keyboard.type(command)
    page.keyboard.press("Enter")
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = page.locator(f".jp-Terminal:not(.lm-mod-hidden) {_TERMINAL_TEXT}").text_content() or ""
        if expect in text:
            return text
        page.wait_for_timeout(250)
    raise AssertionError(f"the terminal did not show {expect!r} after {command!r}:\n{text}")


def test_a_new_learner_reaches_lessons_exercises_and_their_own_copies(make_lab, browser, artifacts) -> None:
    course_before = _fingerprint(make_lab.root)
    page = new_page(browser)
    watch_kernel(page)
    try:
        # 1. make lab opens the learner's own copy of lesson 00, with the labkit kernel, and asks nothing.
        page.goto(f"{make_lab.url}/?token={make_lab.token}", wait_until="commit")
        title = _open_document(page)
        assert "my-work/curriculum/00_start_here.ipynb" in title, title
        assert page.locator(".jp-Toolbar-kernelName:has-text('labkit (Python 3)')").count()
        page.wait_for_timeout(2000)  # the news prompt, if any, comes a moment after the page loads
        assert "official Jupyter news" not in page.inner_text("body")
        assert page.blocked_requests == [], "JupyterLab tried to reach the internet"
        page.screenshot(path=str(artifacts / "make-lab-1-lesson-00.png"))

        # 2. As lesson 00 says: the file browser, folder exercises, the practice notebook.
        page.click(".jp-SideBar [data-id='filebrowser']") if not page.locator(
            ".jp-FileBrowser:visible"
        ).count() else None
        crumbs = page.locator(".jp-FileBrowser .jp-BreadCrumbs")
        assert "curriculum" in crumbs.inner_text()
        page.locator(".jp-FileBrowser .jp-BreadCrumbs-item").nth(-2).click()  # up to my-work
        page.locator(".jp-FileBrowser .jp-DirListing-item[title*='exercises']").first.dblclick()
        practice = ".jp-FileBrowser .jp-DirListing-item[title*='00_practice_start_here.ipynb']"
        page.locator(practice).first.dblclick()
        _wait_until_shown(page, "my-work/exercises/00_practice_start_here.ipynb")
        _open_document(page)
        page.screenshot(path=str(artifacts / "make-lab-2-exercises-00.png"))

        # 3. Lesson 01's link to its exercises, followed from the learner's copy of the lesson.
        page.click(".lm-MenuBar-itemLabel:text-is('File')")
        page.click("li[data-command='filebrowser:open-path']")
        page.locator(".jp-Dialog input").fill("my-work/curriculum/01_ai_in_local_government.ipynb")
        page.locator(".jp-Dialog input").press("Enter")
        _wait_until_shown(page, "my-work/curriculum/01_ai_in_local_government.ipynb")
        link = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) "
            "a[href*='exercises/01_practice_ai_in_local_government.ipynb']"
        ).first
        link.scroll_into_view_if_needed()
        link.click()
        _wait_until_shown(page, "my-work/exercises/01_practice_ai_in_local_government.ipynb")
        _open_document(page)
        page.screenshot(path=str(artifacts / "make-lab-3-exercises-01-from-link.png"))

        # 4. labkit in JupyterLab's own terminal: it finds the copy make lab made, and makes a new one.
        page.click(".lm-MenuBar-itemLabel:text-is('File')")
        page.click(".lm-Menu-itemLabel:text-is('New')")
        page.click("li[data-command='terminal:create-new']")
        page.wait_for_selector(f".jp-Terminal:not(.lm-mod-hidden) {_TERMINAL_TEXT}", state="attached")
        page.locator(".jp-Terminal:not(.lm-mod-hidden) .xterm").click()
        _terminal(page, "labkit exercises copy 01", "it was left exactly as it was")
        text = _terminal(page, "labkit exercises copy 02 --to my-work/practice", "Copied to")
        page.screenshot(path=str(artifacts / "make-lab-4-terminal.png"))
        assert (
            make_lab.root / "my-work" / "practice" / "02_practice_get_your_data_in_order.ipynb"
        ).is_file(), text
        page.click(".lm-MenuBar-itemLabel:text-is('File')")
        page.click("li[data-command='filebrowser:open-path']")
        page.locator(".jp-Dialog input").fill("my-work/practice/02_practice_get_your_data_in_order.ipynb")
        page.locator(".jp-Dialog input").press("Enter")
        _wait_until_shown(page, "my-work/practice/02_practice_get_your_data_in_order.ipynb")
        _open_document(page)
        page.screenshot(path=str(artifacts / "make-lab-5-new-copy.png"))
    finally:
        page.context.close()
    assert _fingerprint(make_lab.root) == course_before, "running the course changed the course's own files"
    assert "Made your own copy of" in make_lab.log()


def test_running_every_lesson_as_a_learner_leaves_git_status_clean(make_lab, browser) -> None:
    page = new_page(browser)
    watch_kernel(page)
    problems: list[str] = []
    try:
        page.goto(f"{make_lab.url}/?token={make_lab.token}", wait_until="commit")
        _open_document(page)
        for lesson in LESSONS:
            mine = f"my-work/curriculum/{lesson}"
            close_all_tabs(page)
            make_lab.shutdown_kernels()
            page.click(".lm-MenuBar-itemLabel:text-is('File')")
            page.click("li[data-command='filebrowser:open-path']")
            page.locator(".jp-Dialog input").fill(mine)
            page.locator(".jp-Dialog input").press("Enter")
            _wait_until_shown(page, mine)
            _open_document(page)
            run_all(page)
            problems += [f"{lesson}: {p}" for p in cell_problems(page, ROOT / "curriculum" / lesson)]
            page.keyboard.press("Control+s")  # what autosave does, at once
            page.wait_for_function(f"() => !document.querySelector('{_CURRENT_TAB}.jp-mod-dirty')")
        close_all_tabs(page)
    finally:
        make_lab.shutdown_kernels()
        page.context.close()
    assert not problems, "lessons run from the learner's copies:\n- " + "\n- ".join(problems)
    assert make_lab.git_status() == "", f"git status after running every lesson:\n{make_lab.git_status()}"
    for lesson in LESSONS:  # the learner's copies were saved, with their outputs
        saved = json.loads((make_lab.root / "my-work" / "curriculum" / lesson).read_text(encoding="utf-8"))
        assert saved["metadata"]["labkit"]["copied_from"]["path"] == f"curriculum/{lesson}"
        assert any(c.get("execution_count") for c in saved["cells"] if c["cell_type"] == "code"), lesson
