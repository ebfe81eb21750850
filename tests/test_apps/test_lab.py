"""``labkit lab`` and ``make lab``: your own copies, links that work from them, JupyterLab settings."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.apps._lab import COURSE_FOLDERS, WORK_FOLDER, lab_command, prepare_work
from labkit.apps._server import free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "jupyter_config"


@pytest.fixture(autouse=True)
def _private_learner_files(tmp_path, monkeypatch) -> None:
    """Exercise copies keep the learner's seed beside the progress log: keep both out of the home folder."""
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(tmp_path / "progress" / "progress.jsonl"))


def _course_copy(tmp_path: Path) -> Path:
    """The course's notebook folders (and exercise masters) in a temporary course folder."""
    root = tmp_path / "course"
    for folder in (*COURSE_FOLDERS, "materials/exercises", "jupyter_config"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def test_every_lesson_and_exercise_gets_its_own_copy_in_a_mirror_of_the_course(tmp_path) -> None:
    root = _course_copy(tmp_path)
    copies = prepare_work(root)
    expected = sorted(
        Path(WORK_FOLDER) / f / p.name for f in COURSE_FOLDERS for p in (ROOT / f).glob("*.ipynb")
    )
    assert sorted(copies.created) == expected and len(expected) >= 10
    assert copies.kept == [] and copies.outdated == []
    lesson = json.loads(
        (root / WORK_FOLDER / "curriculum" / "00_start_here.ipynb").read_text(encoding="utf-8")
    )
    original = json.loads((ROOT / "curriculum" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    assert lesson["cells"] == original["cells"]
    assert lesson["metadata"]["labkit"]["copied_from"]["path"] == "curriculum/00_start_here.ipynb"
    assert "Made your own copy of" in copies.message()


def test_a_copy_you_have_is_never_overwritten_and_a_course_update_is_reported(tmp_path) -> None:
    root = _course_copy(tmp_path)
    prepare_work(root)
    mine = root / WORK_FOLDER / "curriculum" / "02_get_your_data_in_order.ipynb"
    work = json.loads(mine.read_text(encoding="utf-8"))
    work["cells"][0]["source"] = "My own notes"
    mine.write_text(json.dumps(work), encoding="utf-8")
    before = mine.read_bytes()
    # The course is updated (as by git pull): the course's file changes, and a new lesson arrives.
    course = root / "curriculum" / "02_get_your_data_in_order.ipynb"
    course.write_text(course.read_text(encoding="utf-8").replace("Get your data", "Get all your data"))
    shutil.copyfile(root / "curriculum" / "00_start_here.ipynb", root / "curriculum" / "09_new.ipynb")
    again = prepare_work(root)
    assert mine.read_bytes() == before
    assert again.created == [Path(WORK_FOLDER) / "curriculum" / "09_new.ipynb"]
    assert again.outdated == [Path(WORK_FOLDER) / "curriculum" / "02_get_your_data_in_order.ipynb"]
    message = again.message()
    assert "newer version of 1 notebook" in message and "left as they are" in message


def test_a_folder_that_is_not_the_course_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(LabkitError, match="not the labkit course folder") as caught:
        prepare_work(tmp_path)
    assert caught.value.fix


_LINK = re.compile(r"\]\(([^)\s]+)\)|href=\"([^\"]+)\"")


def _relative_links(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    links = []
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        for match in _LINK.finditer("".join(cell["source"])):
            link = (match.group(1) or match.group(2)).split("#")[0]
            if link and not re.match(r"^[a-z]+:", link):
                links.append(urllib.parse.unquote(link))
    return links


def test_every_link_between_lessons_and_exercises_works_in_the_course_and_in_your_copies(tmp_path) -> None:
    root = _course_copy(tmp_path)
    prepare_work(root)
    broken = []
    checked = 0
    for folder in COURSE_FOLDERS:
        for notebook in sorted((ROOT / folder).glob("*.ipynb")):
            for link in _relative_links(notebook):
                for where in (root / folder, root / WORK_FOLDER / folder):
                    checked += 1
                    if not (where / link).exists():
                        broken.append(f"{(where / notebook.name).relative_to(root)} -> {link}")
    assert checked, "no links were found: the test would prove nothing"
    assert not broken, "links that lead nowhere:\n" + "\n".join(broken)


def test_lab_command_serves_the_whole_course_and_opens_your_copy_of_lesson_00() -> None:
    command, env = lab_command(ROOT, port=8899, open_browser=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--LabApp.default_url=/lab/tree/my-work/curriculum/00_start_here.ipynb" in command
    assert "--LabApp.news_url=None" in command and "--LabApp.extension_manager=readonly" in command
    assert f"--LabApp.app_settings_dir={CONFIG / 'lab' / 'settings'}" in command
    # labkit works in JupyterLab's terminal: this Python's folder comes first, and the shell is not a
    # login shell (which would reset PATH from /etc/profile).
    assert env["PATH"].split(os.pathsep)[0] == os.path.dirname(sys.executable)
    shell = [c for c in command if c.startswith("--ServerApp.terminado_settings=")]
    assert json.loads(shell[0].split("=", 1)[1])["shell_command"] == [os.environ.get("SHELL") or "/bin/sh"]
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(CONFIG)


def test_the_projects_jupyter_settings_send_nothing_anywhere_and_offer_only_the_labkit_kernel() -> None:
    server = json.loads((CONFIG / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert server["KernelSpecManager"]["allowed_kernelspecs"] == ["labkit"]
    assert server["MappingKernelManager"]["default_kernel_name"] == "labkit"
    assert server["LabApp"]["news_url"] is None
    assert server["LabApp"]["extension_manager"] == "readonly"
    page = json.loads((CONFIG / "labconfig" / "page_config.json").read_text(encoding="utf-8"))
    assert page["disabledExtensions"]["@jupyterlab/apputils-extension:announcements"] is True
    overrides = json.loads((CONFIG / "lab" / "settings" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false",
        "checkForUpdates": False,
    }


def test_a_course_folder_without_its_jupyter_settings_is_a_clear_error(tmp_path) -> None:
    root = _course_copy(tmp_path)
    shutil.rmtree(root / "jupyter_config")
    with pytest.raises(LabkitError, match="JupyterLab settings") as caught:
        lab_command(root)
    assert "git" in caught.value.fix


def test_make_lab_runs_labkit_lab() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab: setup\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe and recipe.group(1).strip() == "$(BIN)/labkit lab"


def _get(url: str, token: str) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), ""
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers.get("Location", "")


def test_labkit_lab_starts_jupyterlab_as_make_lab_does(tmp_path) -> None:
    root = _course_copy(tmp_path)
    port, token = free_port(), secrets.token_hex(8)
    env = dict(os.environ, JUPYTER_TOKEN=token, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    labkit = Path(sys.executable).with_name("labkit")
    log = (tmp_path / "lab.log").open("w")
    process = subprocess.Popen(
        [str(labkit), "lab", "--no-browser", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body, _ = _get(f"{base}/api/kernelspecs", token)
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                assert process.poll() is None, (tmp_path / "lab.log").read_text()
                assert time.monotonic() < deadline, "JupyterLab did not start within 90 s"
                time.sleep(0.5)
        specs = json.loads(body)
        assert (specs["default"], sorted(specs["kernelspecs"])) == ("labkit", ["labkit"])
        assert json.loads(_get(f"{base}/lab/api/news", token)[1]) == {"news": []}
        status, _, location = _get(f"{base}/", token)
        assert status == 302 and location.startswith("/lab/tree/my-work/curriculum/00_start_here.ipynb")
        assert (root / WORK_FOLDER / "exercises" / "00_practice_start_here.ipynb").exists()
        printed = (tmp_path / "lab.log").read_text(encoding="utf-8")
        assert "Made your own copy of" in printed
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()
