"""System accounts for learners and trainers: private homes, the trainers' group, no take-overs."""

from __future__ import annotations

import grp
import os
import pwd
import subprocess

import pytest

from labkit import LabkitError
from labkit.hub import TRAINERS_GROUP, ensure_account, learners, people
from labkit.hub._users import remove_account
from labkit.hub._workshop import folder_mode


def test_a_learner_gets_a_private_home_and_an_account_with_the_prefix(workshop) -> None:
    person = ensure_account(workshop, "alice")
    entry = pwd.getpwnam(person.account)
    assert person.account == workshop.settings.user_prefix + "alice"
    assert entry.pw_dir == str(workshop.home_dir / "alice")
    assert folder_mode(person.home) == 0o700
    assert os.stat(person.home).st_uid == entry.pw_uid
    assert person.account not in grp.getgrnam(TRAINERS_GROUP).gr_mem
    assert ensure_account(workshop, "alice") == person  # a second sign-in finds the same account
    # The person's git trusts the course repository (root owns it), once.
    assert (person.home / ".gitconfig").read_text().count(str(workshop.course_repo)) == 1


def test_trainers_are_in_the_trainers_group_and_not_counted_as_learners(workshop) -> None:
    ensure_account(workshop, "tess")
    ensure_account(workshop, "bob")
    assert workshop.settings.user_prefix + "tess" in grp.getgrnam(TRAINERS_GROUP).gr_mem
    assert [p.name for p in people(workshop)] == ["tess", "bob"]
    assert [p.name for p in learners(workshop)] == ["bob"]


def test_a_learner_cannot_read_another_learners_files(workshop) -> None:
    alice = ensure_account(workshop, "alice")
    ensure_account(workshop, "bob")
    secret = alice.home / "answers.txt"
    secret.write_text("alice's answers")
    os.chown(secret, pwd.getpwnam(alice.account).pw_uid, -1)
    bob = workshop.settings.user_prefix + "bob"
    result = subprocess.run(["runuser", "-u", bob, "--", "cat", str(secret)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "Permission denied" in result.stderr
    listing = subprocess.run(["runuser", "-u", bob, "--", "ls", workshop.cohort_dir], capture_output=True)
    assert listing.returncode != 0  # nobody but trainers can list the cohort folder


def test_a_learner_can_clone_the_course_as_nbgitpuller_does(workshop) -> None:
    from labkit.hub import publish_course

    from .conftest import ROOT

    publish_course(workshop, ROOT)
    person = ensure_account(workshop, "alice")
    target = person.home / "labkit-course"
    as_alice = ["runuser", "-u", person.account, "--", "env", f"HOME={person.home}"]
    clone = subprocess.run(
        [*as_alice, "git", "clone", "-q", workshop.course_repo.as_uri(), str(target)],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert clone.returncode == 0, clone.stderr
    assert (target / "curriculum" / "00_start_here.ipynb").exists()


def test_an_account_that_is_not_the_workshops_is_never_taken_over(workshop) -> None:
    account = workshop.settings.user_prefix + "mallory"
    subprocess.run(["useradd", "--no-create-home", "--home-dir", "/nonexistent", account], check=True)
    try:
        with pytest.raises(LabkitError, match="does not belong to this workshop"):
            ensure_account(workshop, "mallory")
        assert not (workshop.home_dir / "mallory").exists()
    finally:
        subprocess.run(["userdel", account], check=True)


def test_remove_account_deletes_account_and_home(workshop) -> None:
    person = ensure_account(workshop, "carol")
    remove_account(workshop, person)
    assert not person.home.exists()
    with pytest.raises(KeyError):
        pwd.getpwnam(person.account)


def test_a_trainer_can_list_and_read_the_cohort_folder_and_a_learner_only_drop_a_file(workshop) -> None:
    tess = workshop.settings.user_prefix + ensure_account(workshop, "tess").name
    alice = workshop.settings.user_prefix + ensure_account(workshop, "alice").name
    shared = workshop.cohort_dir / "alice.json"
    drop = ["sh", "-c", f"umask 027 && echo '{{}}' > {shared}"]
    assert subprocess.run(["runuser", "-u", alice, "--", *drop], capture_output=True).returncode == 0
    assert grp.getgrgid(shared.stat().st_gid).gr_name == TRAINERS_GROUP  # the folder's setgid
    listing = subprocess.run(["runuser", "-u", tess, "--", "ls", workshop.cohort_dir], capture_output=True)
    assert listing.stdout.decode().split() == ["alice.json"]
    read = subprocess.run(["runuser", "-u", tess, "--", "cat", shared], capture_output=True)
    assert read.stdout.decode().strip() == "{}"
