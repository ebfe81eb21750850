"""Faults when starting, stopping and closing a workshop: clear messages, nobody's work lost."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.cli import main
from labkit.hub import close_workshop, ensure_account, find_proxy, hub_status, learners, start_hub, stop_hub
from labkit.hub._server import PROXY_PACKAGE

from .conftest import ROOT


def test_a_missing_proxy_names_the_npm_command(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LABKIT_HUB_PROXY", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no proxy on PATH either
    with pytest.raises(LabkitError) as caught:
        find_proxy(tmp_path)
    assert "configurable-http-proxy, from npm) is not installed" in caught.value.what
    assert f"npm ci --prefix {tmp_path / PROXY_PACKAGE}" in caught.value.fix
    assert "sudo apt-get install -y nodejs npm" in caught.value.fix  # no npm on this PATH either


def test_a_proxy_given_that_does_not_exist_is_named(tmp_path) -> None:
    with pytest.raises(LabkitError, match="does not exist or cannot be run") as caught:
        find_proxy(tmp_path, str(tmp_path / "chp"))
    assert "--proxy" in caught.value.where


def test_the_projects_own_proxy_is_found_and_needs_node(tmp_path, monkeypatch) -> None:
    program = tmp_path / PROXY_PACKAGE / "node_modules" / ".bin" / "configurable-http-proxy"
    program.parent.mkdir(parents=True)
    program.write_text("#!/usr/bin/env node\n")
    program.chmod(0o755)
    monkeypatch.delenv("LABKIT_HUB_PROXY", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert find_proxy(tmp_path) == str(program)
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(LabkitError, match=r"Node\.js is not installed"):
        find_proxy(tmp_path)


def test_a_busy_port_is_refused_before_anything_starts(workshop) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(LabkitError) as caught:
            start_hub(workshop.root, course_root=ROOT, port=port)
    assert f"already using port {port}, perhaps another hub" in caught.value.what
    assert "--port" in caught.value.fix


def test_a_second_start_of_a_running_hub_says_where_it_is(workshop, monkeypatch) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        workshop.pid_file.write_text(str(sleeper.pid))
        with pytest.raises(LabkitError, match=rf"already running \(process {sleeper.pid}\)"):
            start_hub(workshop.root, course_root=ROOT)
        with pytest.raises(LabkitError, match="still running"):
            close_workshop(workshop.root, workshop.root.parent / "work.tar.gz")
    finally:
        sleeper.kill()
        sleeper.wait()


def test_stop_when_not_running_and_status(workshop, capsys) -> None:
    ensure_account(workshop, "alice")
    assert stop_hub(workshop.root) is False
    message = hub_status(workshop.root).message()
    assert message.startswith("The hub is stopped. Address for learners: http://127.0.0.1:8000")
    assert "Learners: 1 (0 with JupyterLab running now): alice." in message
    assert "Trainers: none yet." in message


def test_close_archives_every_learner_then_removes_them(workshop, tmp_path) -> None:
    for name in ("alice", "bob", "tess"):
        person = ensure_account(workshop, name)
        (person.home / "answers.txt").write_text(f"{name}'s work")
    archive = tmp_path / "work.tar.gz"
    gone = close_workshop(workshop.root, archive)
    assert [p.name for p in gone] == ["alice", "bob"]
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        assert tar.extractfile("alice/answers.txt").read() == b"alice's work"
        assert tar.extractfile("bob/answers.txt").read() == b"bob's work"
    assert learners(workshop) == []
    assert (workshop.home_dir / "tess" / "answers.txt").exists()  # trainers stay
    assert workshop.cohort_dir.is_dir() and workshop.course_repo.parent.is_dir()


@pytest.mark.parametrize(
    ("name", "words"), [("work.zip", "must end in .tar.gz"), ("existing.tar.gz", "already exists")]
)
def test_close_refuses_a_bad_archive_and_removes_nothing(workshop, tmp_path, name, words) -> None:
    ensure_account(workshop, "alice")
    (tmp_path / "existing.tar.gz").write_text("an old archive")
    with pytest.raises(LabkitError, match=words):
        close_workshop(workshop.root, tmp_path / name)
    with pytest.raises(LabkitError, match="inside the workshop folder"):
        close_workshop(workshop.root, workshop.root / "w.tar.gz")
    assert [p.name for p in learners(workshop)] == ["alice"]


def test_without_root_the_command_says_to_use_sudo(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert main(["hub", "start", "--workshop", str(tmp_path / "w")]) == 2
    error = capsys.readouterr().err
    assert "needs administrator rights" in error and "sudo" in error
    assert not (tmp_path / "w").exists()


def test_cli_link_and_learners(workshop, capsys, tmp_path: Path) -> None:
    from labkit.hub import publish_course

    publish_course(workshop, ROOT)
    assert main(["hub", "link", "00", "--workshop", str(workshop.root)]) == 0
    assert "/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2F" in capsys.readouterr().out
    assert main(["hub", "learners", "--workshop", str(workshop.root), "--add", "alice", "bob", "carol"]) == 2
    assert "more than the workshop's cap of 2" in capsys.readouterr().err
    assert main(["hub", "learners", "--workshop", str(workshop.root), "--add", "alice", "bob"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["alice", "learner"], ["bob", "learner"]]
    assert main(["hub", "learners", "--workshop", str(workshop.root), "--add", "Bad Name"]) == 2
    assert "cannot be a workshop user name" in capsys.readouterr().err


def test_a_port_taken_while_the_proxy_starts_is_named(tmp_path) -> None:
    from labkit.hub._server import _proxy_port_taken

    log = tmp_path / "jupyterhub.log"
    log.write_text("[ConfigProxy] error: listen EADDRINUSE: address already in use 127.0.0.1:8000\n")
    assert _proxy_port_taken(log, 0)
    assert not _proxy_port_taken(log, log.stat().st_size)  # an earlier start's message does not count
