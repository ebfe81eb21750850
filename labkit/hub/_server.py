"""Start, stop and inspect a workshop's JupyterHub, and close a workshop at the end of a programme.

The hub runs in the background, in a session of its own, with its log in ``WORKSHOP/hub/``; ``labkit
hub start`` returns once learners can reach the sign-in page. ``labkit hub stop`` asks JupyterHub to
stop, and JupyterHub stops the proxy and every learner's server it started; anything left after that
(for example after a power cut killed the hub) is found by the process ids the hub recorded and
stopped too. Nobody's files are touched: only ``labkit hub close`` removes learners' accounts and home
folders, and only after writing them to an archive.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from labkit._errors import LabkitError
from labkit.hub._course import publish_course
from labkit.hub._users import Person, ensure_account, learners, people, remove_account
from labkit.hub._workshop import (
    Workshop,
    WorkshopSettings,
    create_workshop,
    open_workshop,
    python_problem,
    require_root,
)

__all__ = ["HubStatus", "close_workshop", "find_proxy", "hub_status", "start_hub", "stop_hub"]

PROXY_PACKAGE = Path("deploy") / "proxy"
PROXY_PROGRAM = "configurable-http-proxy"


def find_proxy(course_root: Path, explicit: str | None = None) -> str:
    """The configurable-http-proxy program: ``explicit``, the project's npm install, or one on PATH.

    Raises :class:`LabkitError` naming the fix when it (or Node.js, which runs it) is missing.
    """
    explicit = explicit or os.environ.get("LABKIT_HUB_PROXY")
    npm_fix = (
        f"Install it from the project's pinned list: npm ci --prefix {course_root / PROXY_PACKAGE} "
        "(Node.js and npm first if needed: sudo apt-get install -y nodejs npm)."
    )
    if explicit:
        candidate = Path(explicit)
        if not (candidate.is_file() and os.access(candidate, os.X_OK)):
            raise LabkitError(
                f"The proxy program {candidate} does not exist or cannot be run.",
                where="option --proxy (or LABKIT_HUB_PROXY)",
                fix="Leave the option out to use the project's own proxy. " + npm_fix,
            )
        found = str(candidate)
    else:
        local = course_root / PROXY_PACKAGE / "node_modules" / ".bin" / PROXY_PROGRAM
        found = str(local) if local.exists() else shutil.which(PROXY_PROGRAM) or ""
    if not found:
        raise LabkitError(
            "JupyterHub's proxy (configurable-http-proxy, from npm) is not installed, so learners could "
            "not reach the hub.",
            where=f"{course_root / PROXY_PACKAGE / 'node_modules'}",
            fix=npm_fix
            if shutil.which("npm")
            else "Install Node.js and npm (sudo apt-get install -y nodejs "
            f"npm), then: npm ci --prefix {course_root / PROXY_PACKAGE}.",
        )
    if shutil.which("node") is None:
        raise LabkitError(
            "Node.js is not installed, and JupyterHub's proxy runs on it.",
            where="the programs on this machine",
            fix="Install it, for example: sudo apt-get install -y nodejs npm.",
        )
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_in_use(ip: str, port: int) -> bool:
    host = "127.0.0.1" if ip in ("", "0.0.0.0") else ip
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def hub_pid(workshop: Workshop) -> int | None:
    """The process id of the workshop's running hub, or ``None``."""
    pid = _read_pid(workshop.pid_file)
    return pid if _alive(pid) else None


def _tail(path: Path, lines: int = 12) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/hub/api/", timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _merge_settings(root: Path, given: dict) -> WorkshopSettings:
    try:
        settings = open_workshop(root).settings
    except LabkitError:
        settings = WorkshopSettings()
    for key, value in given.items():
        if value is not None:
            setattr(settings, key, value)
    return settings


def start_hub(
    root: str | Path,
    *,
    course_root: str | Path,
    proxy: str | None = None,
    timeout: float = 120.0,
    **settings: object,
) -> Workshop:
    """Set up (first time) or reopen the workshop in ``root`` and start its hub in the background.

    Parameters
    ----------
    root : str or Path
        The workshop folder; made if missing (see ``labkit.hub._workshop`` for what goes in it).
    course_root : str or Path
        The labkit course folder: its lessons are published to learners the first time, its
        ``jupyter_config/`` gives learners the course's JupyterLab settings, and its ``deploy/proxy``
        holds the proxy.
    proxy : str, optional
        The configurable-http-proxy program, if not the project's own.
    timeout : float
        Seconds to wait for the sign-in page.
    **settings
        Any :class:`~labkit.hub._workshop.WorkshopSettings` field (``port``, ``ip``, ``cap``,
        ``trainers``, ``idle_minutes``, ``base_url``); ``None`` keeps the saved value.

    Returns
    -------
    Workshop
        The running workshop; ``workshop.url`` is the address for learners.
    """
    require_root("Starting a workshop hub")
    base = Path(root).resolve()
    course = Path(course_root).resolve()
    merged = _merge_settings(base, {**settings, "course_root": str(course)})
    if (base / "workshop.json").exists():
        running = hub_pid(open_workshop(base))
        if running:
            raise LabkitError(
                f"This workshop's hub is already running (process {running}) at {open_workshop(base).url}.",
                where=str(base),
                fix="Use it as it is, or stop it first with labkit hub stop.",
            )
    if _port_in_use(merged.ip, merged.port):
        raise LabkitError(
            f"Something on this computer is already using port {merged.port}, perhaps another hub.",
            where="option --port",
            fix="Stop the other program or hub, or choose another port, for example --port 8001.",
        )
    proxy_program = find_proxy(course, proxy)
    problem = python_problem()
    if problem:
        raise LabkitError(
            f"Learners' accounts could not run labkit's Python: {problem}.",
            where=sys.executable,
            fix="Install labkit for the hub with a Python every account can open, for example "
            "make setup PYTHON=/usr/bin/python3 VENV=/opt/labkit-venv, then use /opt/labkit-venv/bin/labkit.",
        )
    workshop = create_workshop(base, merged)
    if not (workshop.course_repo / "HEAD").exists():
        publish_course(workshop, course, "The course as first published to this workshop")
    for trainer in merged.trainers:
        give_dashboard(ensure_account(workshop, trainer))
    from labkit.hub._jupyterhub import config_text

    workshop.config_file.write_text(
        config_text(base, hub_port=_free_port(), proxy_api_port=_free_port(), proxy=proxy_program),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    offset = workshop.log_file.stat().st_size if workshop.log_file.exists() else 0
    with workshop.log_file.open("a", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(workshop.config_file)],
            cwd=workshop.hub_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    local = f"http://{'127.0.0.1' if merged.ip in ('', '0.0.0.0') else merged.ip}:{merged.port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LabkitError(
                f"JupyterHub stopped while starting. Its last messages were:\n{_tail(workshop.log_file)}",
                where=str(workshop.log_file),
                fix="Read the messages above; labkit hub status shows what is running.",
            )
        if _answers(local):
            return workshop
        if _proxy_port_taken(workshop.log_file, offset):
            _stop_process(process.pid)
            raise LabkitError(
                f"Another program took port {merged.port} while the hub was starting, so its proxy could "
                "not listen there.",
                where="option --port",
                fix="Choose another port, for example --port 8001, and start the hub again.",
            )
        time.sleep(0.3)
    _stop_process(process.pid)
    raise LabkitError(
        f"JupyterHub did not answer within {timeout:g} seconds. Its last messages were:\n"
        f"{_tail(workshop.log_file)}",
        where=str(workshop.log_file),
        fix="Try again; if the computer is busy, close other programs first.",
    )


DASHBOARD = "cohort-dashboard"


def give_dashboard(trainer: Person) -> Path | None:
    """Put the cohort dashboard app in a trainer's home, to open as a page without code.

    The trainer opens ``/user/NAME/voila/render/cohort-dashboard.ipynb`` (Voila, in their own server).
    The copy is replaced at every start, so it is always the installed version; it runs the labkit
    kernel. Returns the copy's path, or ``None`` if this labkit has no dashboard app.
    """
    import pwd

    from labkit.apps._registry import NOTEBOOK_FOLDER

    source = NOTEBOOK_FOLDER / f"{DASHBOARD}.ipynb"
    if not source.is_file():
        return None
    notebook = json.loads(source.read_text(encoding="utf-8"))
    # labkit's Voila template (installed by the workshop, see _workshop._write_voila_template): no CDN.
    notebook.setdefault("metadata", {})["voila"] = {"template": "labkit", "theme": "light"}
    notebook["metadata"]["kernelspec"] = {
        "name": "labkit",
        "display_name": "labkit (Python 3)",
        "language": "python",
    }
    target = trainer.home / source.name
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    entry = pwd.getpwnam(trainer.account)
    os.chown(target, entry.pw_uid, entry.pw_gid)
    target.chmod(0o600)
    return target


def dashboard_url(workshop: Workshop, trainer: str) -> str:
    """Where a trainer opens the cohort dashboard in the hub (Voila, in the trainer's own server)."""
    return f"{workshop.url}/user/{trainer}/voila/render/{DASHBOARD}.ipynb"


def _proxy_port_taken(log_file: Path, offset: int) -> bool:
    """True if the proxy's log, since this start, says its public port was already in use."""
    try:
        with log_file.open("rb") as handle:
            handle.seek(offset)
            return b"EADDRINUSE" in handle.read()
    except OSError:
        return False


def _stop_process(pid: int, timeout: float = 30.0) -> None:
    """SIGTERM to the process group led by ``pid`` (falling back to the process), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not _alive(pid):
                return
            time.sleep(0.2)


def _recorded_server_pids(workshop: Workshop) -> list[int]:
    database = workshop.hub_dir / "jupyterhub.sqlite"
    if not database.exists():
        return []
    with contextlib.closing(sqlite3.connect(database)) as connection:
        try:
            rows = connection.execute("SELECT state FROM spawners").fetchall()
        except sqlite3.Error:
            return []
    pids = []
    for (state,) in rows:
        with contextlib.suppress(TypeError, ValueError):
            pid = json.loads(state or "{}").get("pid")
            if pid:
                pids.append(int(pid))
    return pids


def stop_hub(root: str | Path) -> bool:
    """Stop the workshop's hub, its proxy and every learner's server; keep everyone's files.

    Returns True if a hub was running.
    """
    workshop = open_workshop(root)
    pid = hub_pid(workshop)
    if pid:
        _stop_process(pid)
    leftovers = [_read_pid(workshop.hub_dir / "proxy.pid"), *_recorded_server_pids(workshop)]
    for other in leftovers:
        if other and _alive(other):
            _stop_process(other, timeout=10.0)
    return pid is not None


@dataclass
class HubStatus:
    """What ``labkit hub status`` reports."""

    url: str
    pid: int | None
    people: list[Person] = field(default_factory=list)
    servers: dict[str, bool] = field(default_factory=dict)
    free_bytes: int = 0

    def message(self) -> str:
        state = f"running (process {self.pid})" if self.pid else "stopped"
        lines = [f"The hub is {state}. Address for learners: {self.url}"]
        learners_ = [p for p in self.people if not p.trainer]
        trainers = [p for p in self.people if p.trainer]
        lines.append(f"Trainers: {', '.join(p.name for p in trainers) or 'none yet'}.")
        running = [p.name for p in learners_ if self.servers.get(p.name)]
        lines.append(
            f"Learners: {len(learners_)} ({len(running)} with JupyterLab running now): "
            + (", ".join(p.name for p in learners_) or "nobody has signed in yet")
            + "."
        )
        from labkit.hub._jupyterhub import disk_problem

        problem = disk_problem(Path("."), self.free_bytes)
        lines.append(
            f"Free space for learners' work: {self.free_bytes / 1024**3:.1f} GB."
            + (" Too little: learners' servers will not start until you free space." if problem else "")
        )
        return "\n".join(lines)


def hub_status(root: str | Path) -> HubStatus:
    """Who is in the workshop, whose JupyterLab is running, and how much disk space is free."""
    workshop = open_workshop(root)
    pid = hub_pid(workshop)
    status = HubStatus(workshop.url, pid, people(workshop), free_bytes=shutil.disk_usage(workshop.root).free)
    token_file = workshop.hub_dir / "labkit-api-token"
    if pid and token_file.exists():
        host = "127.0.0.1" if workshop.settings.ip in ("", "0.0.0.0") else workshop.settings.ip
        request = urllib.request.Request(
            f"http://{host}:{workshop.settings.port}/hub/api/users",
            headers={"Authorization": f"token {token_file.read_text().strip()}"},
        )
        with (
            contextlib.suppress(urllib.error.URLError, OSError, ValueError),
            urllib.request.urlopen(request, timeout=5) as response,
        ):
            for user in json.loads(response.read()):
                status.servers[user["name"]] = bool(user.get("servers"))
    return status


def close_workshop(root: str | Path, archive: str | Path) -> list[Person]:
    """At the end of a programme: write every learner's files to ``archive``, then remove them.

    The hub must be stopped. The archive (a ``.tar.gz`` readable by root only) holds one folder per
    learner; after it is written and read back, each learner's system account and home folder are
    deleted. Trainers' accounts, the course repository and the cohort folder stay.
    """
    require_root("Closing a workshop")
    workshop = open_workshop(root)
    if hub_pid(workshop):
        raise LabkitError(
            "The hub is still running, so learners could be saving work.",
            where=str(workshop.root),
            fix="Stop it first with labkit hub stop, then close the workshop.",
        )
    target = Path(archive).resolve()
    if not target.name.endswith(".tar.gz"):
        raise LabkitError(
            f"The archive name must end in .tar.gz, not {target.name!r}.",
            where="option --export",
            fix="Name it for example workshop-2026-11-work.tar.gz.",
        )
    if target.exists():
        raise LabkitError(
            f"{target} already exists; labkit will not write over it.",
            where="option --export",
            fix="Choose a new file name.",
        )
    if workshop.root in target.parents:
        raise LabkitError(
            "The archive would be inside the workshop folder.",
            where="option --export",
            fix="Write it somewhere outside the workshop folder.",
        )
    gone = learners(workshop)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle, tarfile.open(fileobj=handle, mode="w:gz") as tar:
        for person in gone:
            tar.add(person.home, arcname=person.name)
    with tarfile.open(target) as tar:
        saved = {member.name.split("/")[0] for member in tar.getmembers()}
    missing = [p.name for p in gone if p.name not in saved]
    if missing:
        raise LabkitError(
            f"The archive does not hold the work of {', '.join(missing)}, so nothing was removed.",
            where=str(target),
            fix="Check the disk has space for the archive and try again.",
        )
    for person in gone:
        remove_account(workshop, person)
    return gone
