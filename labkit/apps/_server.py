"""Start a code-free app with Voila on this computer, and stop it again.

The app is served on 127.0.0.1 only (never to the network), on a free port,
with a secret token in its address: without the token the page asks for a
password, so other users of the same computer cannot use it. Voila's own
files (its configuration, connection files, the cookie secret) go to a
temporary folder that is deleted when the app stops, so nothing is written
to your home folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import webbrowser
from pathlib import Path
from typing import IO, TextIO

from labkit._errors import LabkitError
from labkit._process import stop_process_group
from labkit.apps._registry import App, get_app

__all__ = ["AppServer", "free_port", "run_app", "start_app"]

_HOST = "127.0.0.1"
_TEMPLATE = Path(__file__).resolve().parent / "voila_template" / "labkit"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((_HOST, port)) == 0


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


class AppServer:
    """A running Voila server for one app. Stop it with :meth:`stop` or a ``with`` block.

    Attributes
    ----------
    app : App
        The app being served.
    url : str
        The local address to open in a browser, including the secret token.
    port : int
        The port on 127.0.0.1.
    """

    def __init__(
        self, app: App, process: subprocess.Popen, port: int, token: str, workdir: Path, log: IO[str]
    ) -> None:
        self.app = app
        self.port = port
        self.url = f"http://{_HOST}:{port}/?token={token}"
        self._process = process
        self._workdir = workdir
        self._log = log

    @property
    def log_path(self) -> Path:
        """Voila's log file, in the app's temporary folder (deleted on stop)."""
        return self._workdir / "voila.log"

    def running(self) -> bool:
        """True while the Voila process is alive."""
        return self._process.poll() is None

    def wait(self) -> int:
        """Block until the Voila process ends, and return its exit code."""
        return self._process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop Voila and every process it started (its kernels), then delete the temporary folder."""
        stop_process_group(self._process, timeout)
        self._log.close()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> AppServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running() else "stopped"
        return f"AppServer({self.app.name!r}, port={self.port}, {state})"


def start_app(name: str | App, *, port: int | None = None, timeout: float = 60.0) -> AppServer:
    """Start the app called ``name`` with Voila and return once it accepts connections.

    Parameters
    ----------
    name : str or App
        An app name from :func:`~labkit.apps.available_apps`, for example ``"quality-explorer"``,
        or an :class:`~labkit.apps.App` (the browser tests use this for their own test notebooks).
    port : int, optional
        The port on 127.0.0.1; a free one by default.
    timeout : float
        How many seconds to wait for Voila to start.

    Returns
    -------
    AppServer
        Use ``server.url`` in a browser; call ``server.stop()`` when done.
    """
    app = name if isinstance(name, App) else get_app(name)
    if port is None:
        port = free_port()
    elif isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise LabkitError(
            f"The port must be a whole number from 1 to 65535, not {port!r}.",
            where="parameter port",
            fix="Leave the port out to use a free one, or pass a number such as 8866.",
        )
    elif _port_open(port):
        raise LabkitError(
            f"Something on this computer is already using port {port}.",
            where="parameter port",
            fix="Leave the port out to use a free one, or choose another number.",
        )
    if importlib.util.find_spec("voila") is None:
        raise LabkitError(
            "Voila is not installed, so labkit cannot start the app.",
            where=f"app {app.name}",
            fix="In the labkit course folder run make setup; in your own environment run: "
            'pip install "labkit[apps]".',
        )
    token = secrets.token_urlsafe(24)
    workdir = Path(tempfile.mkdtemp(prefix="labkit-app-"))
    env = dict(os.environ)
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
    ):
        (workdir / sub).mkdir()
        env[var] = str(workdir / sub)
    # The token goes in a private config file, not on the command line, where other users of the
    # computer could read it with `ps`.
    # labkit's Voila template ("lab" with accessibility fixes), where Voila looks for templates.
    shutil.copytree(_TEMPLATE, workdir / "data" / "voila" / "templates" / "labkit")
    config = workdir / "config" / "voila.json"
    config.touch(mode=0o600)
    config.write_text(json.dumps({"Voila": {"token": token}}), encoding="utf-8")
    env.setdefault("LABKIT_PROGRESS_FILE", str(workdir / "progress.jsonl"))
    command = [
        sys.executable,
        "-m",
        "labkit.apps._voila",  # Voila, with a guard against a lost ZeroMQ wake-up (see that module)
        str(app.notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={_HOST}",
        "--Voila.port_retries=0",
        "--theme=light",
        "--template=labkit",
    ]
    log = (workdir / "voila.log").open("w", encoding="utf-8")
    popen_kwargs: dict = {"start_new_session": True} if os.name == "posix" else {}
    if os.name != "posix":  # pragma: no cover - Windows
        popen_kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]  # Windows only
    process = subprocess.Popen(
        command,
        cwd=app.notebook.parent,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        **popen_kwargs,
    )
    server = AppServer(app, process, port, token, workdir, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.running():
            details = _tail(server.log_path)
            server.stop()
            raise LabkitError(
                f"Voila stopped while starting the app {app.name!r}. Its last messages were:\n{details}",
                where=f"app {app.name}",
                fix="Check that labkit is installed with `make setup` (it installs Voila), then try again.",
            )
        if _port_open(port):
            return server
        time.sleep(0.2)
    server.stop()
    raise LabkitError(
        f"Voila did not start the app {app.name!r} within {timeout:g} seconds.",
        where=f"app {app.name}",
        fix="Try again; if the computer is busy, close other programs first.",
    )


def run_app(
    name: str, *, port: int | None = None, open_browser: bool = False, out: TextIO | None = None
) -> int:
    """Start an app, print its local address, and keep it running until Ctrl+C.

    This is what ``labkit app NAME`` does. Returns the exit code for the command.
    """
    out = sys.stdout if out is None else out
    server = start_app(name, port=port)
    try:
        print(f"The {server.app.name} app is running on this computer only.", file=out)
        print(f"Open this address in your web browser: {server.url}", file=out)
        print("Press Ctrl+C here to stop it.", file=out, flush=True)
        if open_browser:
            webbrowser.open(server.url)
        code = server.wait()
        if code != 0:
            print(f"Voila stopped with code {code}. Its last messages were:", file=out)
            print(_tail(server.log_path), file=out, flush=True)
        return 0 if code == 0 else 1
    except KeyboardInterrupt:
        print("\nStopping the app.", file=out, flush=True)
        return 0
    finally:
        server.stop()
