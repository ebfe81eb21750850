"""The workshop folder: its layout and permissions, passwords, settings, names and Python."""

from __future__ import annotations

import grp
import json
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.hub import TRAINERS_GROUP, WorkshopSettings, check_name, create_workshop, open_workshop
from labkit.hub._workshop import folder_mode, python_problem

from .conftest import LEARNER_PASSWORD, TRAINER_PASSWORD, needs_root


@pytest.mark.parametrize("name", ["a", "alice", "asmith2", "z" * 20])
def test_valid_names_pass(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "Alice", "alice smith", "2alice", "al-ice", "al.ice", "a" * 21, "root;rm", "élodie", "admin", None],
)
def test_invalid_names_say_what_a_name_may_be(name: object) -> None:
    with pytest.raises(LabkitError) as caught:
        check_name(name)
    assert "cannot be a workshop user name" in caught.value.what
    assert "asmith" in caught.value.fix


def test_layout_and_permissions(workshop) -> None:
    root = workshop.root
    assert folder_mode(root) == 0o755
    assert folder_mode(workshop.hub_dir) == 0o700
    assert folder_mode(workshop.hub_dir / "passwords.json") == 0o600
    # The consent contract with the cohort dashboard: sticky + setgid, rwx for trainers (the group, who
    # must list it), -wx for learners (drop a file, never list).
    cohort = workshop.cohort_dir.stat()
    assert stat.S_IMODE(cohort.st_mode) == 0o3773
    assert cohort.st_uid == 0
    assert grp.getgrgid(cohort.st_gid).gr_name == TRAINERS_GROUP
    kernel = json.loads((workshop.jupyter_dir / "kernels" / "labkit" / "kernel.json").read_text())
    assert kernel["display_name"] == "labkit (Python 3)"
    assert folder_mode(workshop.jupyter_dir / "kernels" / "labkit") == 0o755
    assert workshop.passwords() == {"learner": LEARNER_PASSWORD, "trainer": TRAINER_PASSWORD}


def test_reopening_keeps_passwords_and_updates_settings(workshop, monkeypatch) -> None:
    monkeypatch.setenv("LABKIT_HUB_LEARNER_PASSWORD", "a-different-password")
    workshop.settings.cap = 5
    again = create_workshop(workshop.root, workshop.settings)
    assert again.passwords()["learner"] == LEARNER_PASSWORD
    assert open_workshop(workshop.root).settings.cap == 5


@needs_root
@pytest.mark.parametrize(
    ("learner", "trainer", "words"),
    [
        ("short", TRAINER_PASSWORD, "at least 8 characters"),
        (LEARNER_PASSWORD, "only-20-characters!!", "at least 32 characters"),
        (TRAINER_PASSWORD, TRAINER_PASSWORD, "are the same"),
    ],
)
def test_weak_passwords_are_refused(tmp_path, monkeypatch, learner, trainer, words) -> None:
    monkeypatch.setenv("LABKIT_HUB_LEARNER_PASSWORD", learner)
    monkeypatch.setenv("LABKIT_HUB_TRAINER_PASSWORD", trainer)
    with pytest.raises(LabkitError, match=words):
        create_workshop(tmp_path / "w", WorkshopSettings())


@needs_root
@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"port": 0}, "--port"),
        ({"port": "8000"}, "--port"),
        ({"cap": 0}, "--cap"),
        ({"idle_minutes": 0}, "--idle-minutes"),
        ({"trainers": []}, "--trainer"),
        ({"trainers": ["Bad Name"]}, "--trainer"),
        ({"user_prefix": "root"}, "user_prefix"),
    ],
)
def test_bad_settings_are_refused(tmp_path, passwords, change, where) -> None:
    with pytest.raises(LabkitError) as caught:
        create_workshop(tmp_path / "w", WorkshopSettings(**change))
    assert where in caught.value.where
    assert not (tmp_path / "w").exists()


@needs_root
def test_a_folder_of_other_files_is_not_taken_over(tmp_path, passwords) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(LabkitError, match="not a labkit workshop folder"):
        create_workshop(tmp_path / "mine", WorkshopSettings())
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_open_workshop_names_the_folder_it_needs(tmp_path) -> None:
    with pytest.raises(LabkitError, match=r"no workshop\.json"):
        open_workshop(tmp_path)
    (tmp_path / "workshop.json").write_text('{"port": 8000, "colour": "blue"}')
    with pytest.raises(LabkitError, match="cannot be read"):
        open_workshop(tmp_path)


def test_python_problem_finds_a_closed_folder() -> None:
    top = Path(tempfile.mkdtemp(prefix="labkit-python-", dir="/tmp"))
    try:
        python = top / "bin" / "python3"
        python.parent.mkdir()
        python.write_text("")
        top.chmod(0o755)
        assert python_problem(str(python), str(top)) is None
        top.chmod(0o700)
        assert f"{top} is closed to other accounts" in (python_problem(str(python), str(top)) or "")
    finally:
        shutil.rmtree(top)
