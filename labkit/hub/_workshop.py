"""A workshop folder: everything one workshop's hub needs, kept in one place the trainer names.

Layout (made by :func:`create_workshop`; a restart finds everything again)::

    WORKSHOP/                 0755  root
      workshop.json           0644  the settings: address, cap on learners, trainers, course folder
      hub/                    0700  root only: JupyterHub's database, cookie secret, passwords, logs
      course.git/             0755  the course as a git repository, served to nbgitpuller
      cohort/                 3773  root:labkit-trainers, the drop folder for learners who share progress
      home/                   0755  learners' and trainers' home folders, each 0700 and its owner's
      jupyter/                0755  the labkit kernel every learner's JupyterLab offers (the hub's Python)

Because the hub's database and cookie secret live in ``hub/``, stopping and starting the hub keeps every
account and signed-in browser; because learners' work lives in ``home/``, nothing of theirs is lost.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path

from labkit._errors import LabkitError
from labkit.hub._names import check_name

__all__ = [
    "DEFAULT_CAP",
    "DEFAULT_IDLE_MINUTES",
    "DEFAULT_PORT",
    "TRAINERS_GROUP",
    "Workshop",
    "WorkshopSettings",
    "create_workshop",
    "open_workshop",
]

DEFAULT_PORT = 8000
DEFAULT_CAP = 30
"""Learners per hub: the goal measured by ``benchmarks/bench_hub.py`` (30 on 2 cores, 24 GiB)."""
DEFAULT_IDLE_MINUTES = 60
"""A learner's server idle this long is stopped (culled); their files stay. The Helm values match."""
TRAINERS_GROUP = "labkit-trainers"
"""The system group of trainers: only they can read the cohort drop folder (contract with the dashboard)."""
SETTINGS_FILE = "workshop.json"
COHORT_MODE = 0o3773
"""setgid + sticky; rwx for root and trainers, -wx for learners: a learner may drop a file but not list
the folder or read another's file (0640, group trainers); trainers list and read; nobody deletes another's."""


@dataclass
class WorkshopSettings:
    """What ``workshop.json`` holds. Passwords are kept apart, in ``hub/passwords.json`` (root only)."""

    port: int = DEFAULT_PORT
    ip: str = "127.0.0.1"
    cap: int = DEFAULT_CAP
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    trainers: list[str] = field(default_factory=lambda: ["trainer"])
    user_prefix: str = "labkit-"
    course_root: str = ""
    base_url: str = ""
    """The address learners use, if not ``http://IP:PORT`` (a TLS front end; see docs/hub.md)."""


@dataclass
class Workshop:
    """A workshop folder and its settings (see the module docstring for the layout)."""

    root: Path
    settings: WorkshopSettings

    @property
    def hub_dir(self) -> Path:
        return self.root / "hub"

    @property
    def course_repo(self) -> Path:
        return self.root / "course.git"

    @property
    def cohort_dir(self) -> Path:
        return self.root / "cohort"

    @property
    def home_dir(self) -> Path:
        return self.root / "home"

    @property
    def jupyter_dir(self) -> Path:
        """Jupyter data every learner's server reads first: the labkit kernel, running the hub's Python."""
        return self.root / "jupyter"

    @property
    def config_file(self) -> Path:
        return self.hub_dir / "jupyterhub_config.py"

    @property
    def pid_file(self) -> Path:
        return self.hub_dir / "jupyterhub.pid"

    @property
    def log_file(self) -> Path:
        return self.hub_dir / "jupyterhub.log"

    @property
    def url(self) -> str:
        """The address learners open."""
        return self.settings.base_url or f"http://{self.settings.ip}:{self.settings.port}"

    def passwords(self) -> dict[str, str]:
        """The learners' shared password and the trainers' password (``learner``, ``trainer``)."""
        return json.loads((self.hub_dir / "passwords.json").read_text(encoding="utf-8"))

    def save(self) -> None:
        path = self.root / SETTINGS_FILE
        path.write_text(json.dumps(asdict(self.settings), indent=2) + "\n", encoding="utf-8")
        path.chmod(0o644)


def _check_settings(settings: WorkshopSettings) -> None:
    port = settings.port
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise LabkitError(
            f"The port must be a whole number from 1 to 65535, not {settings.port!r}.",
            where="option --port",
            fix="Leave it out to use 8000, or choose another number such as 8080.",
        )
    if isinstance(settings.cap, bool) or not isinstance(settings.cap, int) or settings.cap < 1:
        raise LabkitError(
            f"The cap on learners must be a whole number above 0, not {settings.cap!r}.",
            where="option --cap",
            fix=f"Leave it out for {DEFAULT_CAP}, or give the number of places in the room.",
        )
    if not isinstance(settings.idle_minutes, int) or settings.idle_minutes < 1:
        raise LabkitError(
            f"The idle time must be a whole number of minutes above 0, not {settings.idle_minutes!r}.",
            where="option --idle-minutes",
            fix=f"Leave it out for {DEFAULT_IDLE_MINUTES} minutes.",
        )
    if not re.fullmatch(r"[a-z][a-z0-9]{0,7}-", settings.user_prefix):
        raise LabkitError(
            f"The prefix of system user names must be up to 8 lower-case letters or digits and a hyphen, "
            f"not {settings.user_prefix!r}.",
            where="workshop setting user_prefix",
            fix="Use the default, labkit-.",
        )
    if not settings.trainers:
        raise LabkitError(
            "A workshop needs at least one trainer account.",
            where="option --trainer",
            fix="Give a trainer's name, for example --trainer trainer.",
        )
    for name in settings.trainers:
        check_name(name, where="option --trainer")


_MIN_LENGTH = {"learner": 8, "trainer": 32}
"""JupyterHub's own rules for the shared learners' password and the admins' (trainers') password."""


def _check_passwords(passwords: dict[str, str]) -> None:
    for who, minimum in _MIN_LENGTH.items():
        if len(passwords.get(who) or "") < minimum:
            raise LabkitError(
                f"The {who}s' password must have at least {minimum} characters (JupyterHub's rule).",
                where=f"LABKIT_HUB_{who.upper()}_PASSWORD",
                fix="Choose a longer password, or unset the variable to have one made for you.",
            )
    if passwords["learner"] == passwords["trainer"]:
        raise LabkitError(
            "The learners' and trainers' passwords are the same, so any learner could sign in as a trainer.",
            where="LABKIT_HUB_LEARNER_PASSWORD and LABKIT_HUB_TRAINER_PASSWORD",
            fix="Choose two different passwords.",
        )


def _make_passwords(path: Path) -> None:
    passwords = {
        "learner": os.environ.get("LABKIT_HUB_LEARNER_PASSWORD") or secrets.token_urlsafe(9),
        "trainer": os.environ.get("LABKIT_HUB_TRAINER_PASSWORD") or secrets.token_urlsafe(24),
    }
    _check_passwords(passwords)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(passwords, handle)


def _ensure_group(name: str) -> int:
    import grp
    import subprocess

    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        subprocess.run(["groupadd", "--system", name], check=True, capture_output=True)
        return grp.getgrnam(name).gr_gid


def _write_kernel(jupyter_dir: Path) -> None:
    """The "labkit (Python 3)" kernel, running the Python of the hub, as ``make setup`` registers it."""
    import sys

    kernel = jupyter_dir / "kernels" / "labkit"
    kernel.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "labkit (Python 3)",
        "language": "python",
        "metadata": {"debugger": True},
    }
    (kernel / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    for path in (jupyter_dir, jupyter_dir / "kernels", kernel):
        path.chmod(0o755)
    (kernel / "kernel.json").chmod(0o644)
    _write_voila_template(jupyter_dir)


def _write_voila_template(jupyter_dir: Path) -> None:
    """labkit's Voila template, where Voila in every server looks (``JUPYTER_PATH``).

    Voila's own "lab" template links Font Awesome from a CDN; labkit's template (the one ``labkit app``
    uses) does not, so the trainer's dashboard asks for nothing outside the computer.
    """
    import shutil

    from labkit.apps._server import _TEMPLATE

    target = jupyter_dir / "voila" / "templates" / "labkit"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(_TEMPLATE, target)
    for folder in (jupyter_dir / "voila", jupyter_dir / "voila" / "templates", target):
        folder.chmod(0o755)
    for file in target.iterdir():
        file.chmod(0o644)


def python_problem(executable: str | None = None, base_prefix: str | None = None) -> str | None:
    """Why learners' accounts could not run the hub's Python, or ``None`` if they can.

    Every folder above the interpreter and its standard library must be open to all accounts (the
    ``x`` permission for others). A Python installed under ``/root``, as pyenv does for root, is not.
    """
    import sys

    paths = [Path(executable or sys.executable).resolve(), Path(base_prefix or sys.base_prefix).resolve()]
    for path in paths:
        for folder in [*reversed(path.parents), *([path] if path.is_dir() else [])]:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return f"{folder} is closed to other accounts, and the hub's Python ({paths[0]}) is inside it"
    return None


def require_root(action: str) -> None:
    """Refuse politely unless this runs as root, which creating system users needs."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise LabkitError(
            f"{action} needs administrator rights: it creates a system account for each learner, so that "
            "learners cannot read each other's files.",
            where="the user running labkit",
            fix="Run it with sudo, for example: sudo .venv/bin/labkit hub start WORKSHOP.",
        )


def create_workshop(root: str | Path, settings: WorkshopSettings) -> Workshop:
    """Make the workshop folder (see the module docstring), or check and update an existing one.

    Settings already saved are replaced by ``settings``; the passwords, the hub's database and every home
    folder are kept.
    """
    require_root("Setting up a workshop hub")
    _check_settings(settings)
    base = Path(root).resolve()
    if base.exists() and not base.is_dir():
        raise LabkitError(
            f"{base} is a file, not a folder.",
            where="the workshop folder",
            fix="Name a new folder (it will be made) or the folder of an earlier workshop.",
        )
    if base.is_dir() and any(base.iterdir()) and not (base / SETTINGS_FILE).exists():
        raise LabkitError(
            f"{base} already holds files and is not a labkit workshop folder.",
            where="the workshop folder",
            fix="Name a new or empty folder; labkit hub keeps everything of a workshop inside it.",
        )
    base.mkdir(parents=True, exist_ok=True)
    base.chmod(0o755)
    workshop = Workshop(base, settings)
    workshop.hub_dir.mkdir(mode=0o700, exist_ok=True)
    workshop.hub_dir.chmod(0o700)
    workshop.home_dir.mkdir(exist_ok=True)
    workshop.home_dir.chmod(0o755)
    _write_kernel(workshop.jupyter_dir)
    gid = _ensure_group(TRAINERS_GROUP)
    workshop.cohort_dir.mkdir(exist_ok=True)
    os.chown(workshop.cohort_dir, 0, gid)
    workshop.cohort_dir.chmod(COHORT_MODE)
    if not (workshop.hub_dir / "passwords.json").exists():
        _make_passwords(workshop.hub_dir / "passwords.json")
    _check_passwords(workshop.passwords())
    workshop.save()
    return workshop


def open_workshop(root: str | Path) -> Workshop:
    """Read the workshop folder made by ``labkit hub start``."""
    base = Path(root).resolve()
    path = base / SETTINGS_FILE
    if not path.is_file():
        raise LabkitError(
            f"{base} is not a labkit workshop folder: it has no {SETTINGS_FILE}.",
            where="the workshop folder",
            fix="Give the folder you named when you ran labkit hub start.",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        settings = WorkshopSettings(**data)
    except (ValueError, TypeError) as exc:
        raise LabkitError(
            f"The workshop settings in {path} cannot be read ({exc}).",
            where=str(path),
            fix="Restore the file from a backup, or start the hub again with its options to rewrite it.",
        ) from None
    return Workshop(base, settings)


def folder_mode(path: Path) -> int:
    """The permission bits of ``path`` (for the tests and ``labkit hub status``)."""
    return stat.S_IMODE(path.stat().st_mode)
