"""Publish a register read-only as a browsable, searchable web page with Datasette.

Datasette (https://datasette.io, version 0.65) shows every table as a web page with search, facets and a
JSON API (add ``.json`` to any page's address). labkit starts it on 127.0.0.1 (this computer only) by
default, in immutable mode (it never writes to the file), with the register's column descriptions as
metadata. Datasette's own files go to a temporary folder, deleted when it stops.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from labkit._errors import LabkitError
from labkit._process import stop_process_group
from labkit.register._schema import COLUMNS
from labkit.register._store import Register

__all__ = ["RegisterServer", "metadata", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def metadata(database: str) -> dict:
    """Datasette metadata for a register: title, description, licence, column descriptions, facets."""
    return {
        "title": "Project register",
        "description": "AI and data projects that councils share with each other, so nobody repeats a "
        "project, or a failure, without knowing. Published read-only by labkit (docs/register.md).",
        "license": "OGL-UK-3.0",
        "extra_css_urls": ["/labkit-assets/labkit.css"],
        "extra_js_urls": ["/labkit-assets/labkit.js"],
        "license_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "databases": {
            database: {
                "tables": {
                    "projects": {
                        "description": "One row per project. Search finds words in the title, council, "
                        "service, problem statement, supplier and lessons learned.",
                        "columns": {c.name: c.description for c in COLUMNS} | {"pk": "Row number."},
                        "facets": ["council", "service", "phase", "status", "rag_status"],
                        "sort": "council",
                        "fts_table": "projects_fts",
                        "fts_pk": "pk",
                        "label_column": "title",
                    }
                }
            }
        },
    }


# Datasette 0.65's own pages miss a few WCAG 2.2 AA points that axe-core finds: no page language, filter
# controls without labels, and white-on-blue buttons below 4.5:1 contrast. labkit adds this small script
# and style sheet to every page it publishes (written to Datasette's temporary folder at start-up).
_JS = """
(function () {
  function fix() {
    document.documentElement.setAttribute("lang", "en-GB");
    var names = {
      "_filter_column": "Column to filter on",
      "_filter_op": "How to compare",
      "_filter_value": "Value to compare with",
      "_sort": "Sort by",
      "_sort_desc": "Sort descending",
      "_search": "Search the projects",
      "_facet": "Add a facet"
    };
    document.querySelectorAll("select, input").forEach(function (el) {
      if (el.labels && el.labels.length) return;
      if (el.getAttribute("aria-label")) return;
      var name = (el.getAttribute("name") || "").replace(/_[0-9]+$/, "");
      if (names[name]) el.setAttribute("aria-label", names[name]);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
  else fix();
})();
"""
_CSS = """
html body form input[type=submit] { background-color: #1d70b8; border-color: #1d70b8; color: #fff; }
"""


def _port_open(host: str, port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RegisterServer:
    """A running Datasette server for one register. Stop it with :meth:`stop` or a ``with`` block."""

    def __init__(self, process: subprocess.Popen, url: str, port: int, workdir: Path, log: IO[str]) -> None:
        self.url = url
        self.port = port
        self._process = process
        self._workdir = workdir
        self._log = log

    def running(self) -> bool:
        return self._process.poll() is None

    def wait(self) -> int:
        return self._process.wait()

    def log_text(self) -> str:
        try:
            return (self._workdir / "datasette.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        """Stop Datasette (its whole process group) and delete its temporary folder."""
        stop_process_group(self._process, timeout)
        self._log.close()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> RegisterServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(
    register: Register | str | Path,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    timeout: float = 60.0,
) -> RegisterServer:
    """Start Datasette on a register, read-only, and return once it accepts connections.

    Parameters
    ----------
    register : Register or path
        The register to publish.
    host : str, default "127.0.0.1"
        Where to listen. The default is this computer only; anything else publishes the register to your
        network, so labkit refuses it unless you name it deliberately.
    port : int, optional
        A free one by default.
    timeout : float, default 60
        Seconds to wait for Datasette to start.

    Returns
    -------
    RegisterServer
        ``server.url`` is the address; ``server.stop()`` stops it.
    """
    path = register.path if isinstance(register, Register) else Path(register)
    if not path.is_file():
        raise LabkitError("The register file does not exist.", where=f"path {path.as_posix()!r}")
    with Register(path, create=False):
        pass  # checks it is a readable, up-to-date labkit register before publishing it
    if importlib.util.find_spec("datasette") is None:
        raise LabkitError(
            "Datasette is not installed, so labkit cannot publish the register.",
            where="labkit register serve",
            fix="Install labkit's pinned packages with `make setup` (it installs Datasette 0.65.5).",
        )
    if not isinstance(host, str) or not host:
        raise LabkitError(f"host must be a host name or address, not {host!r}.", where="parameter host")
    if port is None:
        port = _free_port()
    elif isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise LabkitError(
            f"The port must be a whole number from 1 to 65535, not {port!r}.", where="parameter port"
        )
    elif _port_open("127.0.0.1" if host in LOOPBACK else host, port):
        raise LabkitError(
            f"Something on this computer is already using port {port}.",
            where="parameter port",
            fix="Leave the port out to use a free one, or choose another number.",
        )
    workdir = Path(tempfile.mkdtemp(prefix="labkit-register-serve-"))
    assets = workdir / "labkit-assets"
    assets.mkdir()
    (assets / "labkit.js").write_text(_JS, encoding="utf-8")
    (assets / "labkit.css").write_text(_CSS, encoding="utf-8")
    meta = workdir / "metadata.json"
    meta.write_text(json.dumps(metadata(path.stem), indent=2), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(path.resolve()),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(meta),
        "--static",
        f"labkit-assets:{assets}",
        "--setting",
        "default_page_size",
        "50",
    ]
    env = dict(os.environ)
    env["HOME"] = str(workdir)  # Datasette writes nothing under the user's own home folder
    log = (workdir / "datasette.log").open("w", encoding="utf-8")
    kwargs: dict = {"start_new_session": True} if os.name == "posix" else {}
    process = subprocess.Popen(
        command,
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        **kwargs,
    )
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost") else host
    server = RegisterServer(process, f"http://{shown}:{port}/", port, workdir, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.running():
            details = server.log_text()[-1500:]
            server.stop()
            raise LabkitError(
                f"Datasette stopped while starting. Its last messages were:\n{details}",
                where="labkit register serve",
                fix="Check labkit is installed with `make setup`, then try again.",
            )
        if _port_open("127.0.0.1" if host in LOOPBACK else host, port):
            return server
        time.sleep(0.2)
    server.stop()
    raise LabkitError(
        f"Datasette did not start within {timeout:g} seconds.",
        where="labkit register serve",
        fix="Try again; if the computer is busy, close other programs first.",
    )
