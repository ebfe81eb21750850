"""Learners and trainers as system accounts, so that each one's files are theirs alone.

Each person who signs in to the hub gets a system account ``<prefix><name>`` (``labkit-alice``), as The
Littlest JupyterHub does with ``jupyter-<name>``, and a home folder ``WORKSHOP/home/<name>`` that only
they can open (mode 0700). Their JupyterLab runs as that account, so the operating system, not labkit,
keeps learners apart. Trainers' accounts are also in the ``labkit-trainers`` group, the only group that
can read the cohort drop folder.

The prefix keeps hub names away from the machine's own accounts: a learner who signs in as ``root`` gets
the account ``labkit-root``, never the real ``root``. An account of that name that labkit did not make
for this workshop (its home is elsewhere) is never taken over.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from labkit._errors import LabkitError
from labkit.hub._names import NAME_PATTERN, check_name
from labkit.hub._workshop import TRAINERS_GROUP, Workshop

__all__ = ["Person", "ensure_account", "learners", "people", "remove_account"]


@dataclass(frozen=True)
class Person:
    """One account of the workshop."""

    name: str
    account: str
    home: Path
    trainer: bool


def account_name(workshop: Workshop, name: str) -> str:
    """The system account behind the hub name ``name`` (``labkit-alice``)."""
    return workshop.settings.user_prefix + check_name(name)


def _existing(account: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(account)
    except KeyError:
        return None


def ensure_account(workshop: Workshop, name: str) -> Person:
    """Make (or find) the system account and private home folder of ``name``; return who they are.

    Raises :class:`LabkitError` if the name is not valid, or if an account of that name exists but was
    not made for this workshop.
    """
    account = account_name(workshop, name)
    home = workshop.home_dir / name
    trainer = name in workshop.settings.trainers
    entry = _existing(account)
    if entry is None:
        command = ["useradd", "--no-create-home", "--home-dir", str(home), "--shell", "/bin/bash"]
        command += ["--comment", f"labkit workshop {'trainer' if trainer else 'learner'} {name}"]
        if trainer:
            command += ["--groups", TRAINERS_GROUP]
        result = subprocess.run([*command, account], capture_output=True, text=True)
        if result.returncode != 0:
            raise LabkitError(
                f"The system account {account} could not be made: {result.stderr.strip()}",
                where=f"user {name}",
                fix="Check that the hub runs as root and that the machine has room for new accounts.",
            )
        entry = pwd.getpwnam(account)
    elif Path(entry.pw_dir) != home:
        raise LabkitError(
            f"A system account called {account} already exists and does not belong to this workshop.",
            where=f"user {name}",
            fix="Sign in with another name, or remove that account if it is left from an old workshop.",
        )
    elif trainer:
        subprocess.run(["usermod", "--append", "--groups", TRAINERS_GROUP, account], check=True)
    if not home.exists():
        home.mkdir(mode=0o700)
        os.chown(home, entry.pw_uid, entry.pw_gid)
    home.chmod(0o700)
    _trust_course(workshop, home, entry)
    return Person(name, account, home, trainer)


def _trust_course(workshop: Workshop, home: Path, entry: pwd.struct_passwd) -> None:
    """Let the person's git use the course repository, which root owns (git's ``safe.directory``).

    git refuses a repository owned by someone else unless the person's own (global) settings say
    to trust it; a setting given on the command line or in the environment does not count.
    """
    gitconfig = home / ".gitconfig"
    line = f"\tdirectory = {workshop.course_repo}\n"
    text = gitconfig.read_text(encoding="utf-8") if gitconfig.is_file() else ""
    if line not in text:
        gitconfig.write_text(text + "[safe]\n" + line, encoding="utf-8")
        os.chown(gitconfig, entry.pw_uid, entry.pw_gid)
        gitconfig.chmod(0o644)


def people(workshop: Workshop) -> list[Person]:
    """Everyone with a home folder in the workshop, trainers first, then learners by name."""
    found = []
    if workshop.home_dir.is_dir():
        for home in sorted(workshop.home_dir.iterdir()):
            if home.is_dir() and NAME_PATTERN.fullmatch(home.name):
                account = workshop.settings.user_prefix + home.name
                trainer = home.name in workshop.settings.trainers
                found.append(Person(home.name, account, home, trainer))
    return sorted(found, key=lambda p: (not p.trainer, p.name))


def learners(workshop: Workshop) -> list[Person]:
    """The learners of the workshop (not its trainers)."""
    return [p for p in people(workshop) if not p.trainer]


def remove_account(workshop: Workshop, person: Person) -> None:
    """Delete the system account and the home folder of ``person`` (only when the trainer asks).

    Called with the hub stopped, so the person has no processes left.
    """
    entry = _existing(person.account)
    if entry is not None and Path(entry.pw_dir) == person.home:
        subprocess.run(["userdel", person.account], capture_output=True, check=False)
    shutil.rmtree(person.home, ignore_errors=True)
