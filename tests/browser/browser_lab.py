"""A private JupyterLab server for the browser tests.

The server listens on 127.0.0.1 only, on a free port, with a random token, and
keeps its configuration, data, runtime and settings in a temporary folder, so
the tests never read or write the tester's own Jupyter set-up. It runs in its
own process group, stopped by its process id at the end.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from labkit.apps._server import free_port

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts" / "browser"

# Settings for every test session: no news pop-up, every cell kept in the page (so that errors and
# widgets in cells scrolled out of view are still found), and no "restore workspace" surprises.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    # Never write the executed notebook back over the committed one.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}


class LabServer:
    """JupyterLab serving ``root_dir``, with all of its state under ``workdir``."""

    def __init__(self, root_dir: Path, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.root_dir = Path(root_dir).resolve()
        self.workdir = Path(workdir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._extra_env = dict(env or {})
        self._process: subprocess.Popen | None = None

    # -- life cycle --------------------------------------------------------------------
    def _environment(self) -> dict[str, str]:
        dirs = {name: self.workdir / name for name in ("config", "data", "runtime", "app", "home")}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        settings = dirs["app"] / "settings"
        settings.mkdir(exist_ok=True)
        (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES), encoding="utf-8")
        # A "labkit" kernel that runs this Python, as `make setup` registers for learners.
        kernel = dirs["data"] / "kernels" / "labkit"
        kernel.mkdir(parents=True, exist_ok=True)
        spec = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "labkit (Python 3)",
            "language": "python",
        }
        (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        env = dict(os.environ)
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["config"] / "lab" / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["config"] / "lab" / "workspaces"),
            IPYTHONDIR=str(dirs["home"] / "ipython"),
            MPLCONFIGDIR=str(dirs["home"] / "matplotlib"),
            IPYKERNEL_CELL_NAME="<IPY-INPUT>",
            PYTHONHASHSEED="0",
            JUPYTER_TOKEN=self.token,
        )
        env.setdefault("LABKIT_PROGRESS_FILE", str(dirs["home"] / "progress.jsonl"))
        env.update(self._extra_env)
        return env

    def start(self, timeout: float = 60.0) -> LabServer:
        env = self._environment()
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.app_settings_dir={self.workdir / 'app' / 'settings'}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.open_browser=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.log_path = self.workdir / "jupyterlab.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self._process = subprocess.Popen(
            command,
            cwd=self.root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped while starting:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not start within {timeout:g} s:\n{self.log_tail()}")

    def stop(self) -> None:
        proc = self._process
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
            except ProcessLookupError:
                pass
        if proc is not None:
            self._log.close()

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def saved_files(self) -> list[str]:
        """Files JupyterLab has written since it started (its log says "Saving file at PATH")."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        return re.findall(r"Saving file at (\S+)", text)

    # -- the REST API ------------------------------------------------------------------
    def api(self, method: str, path: str, body: object | None = None) -> object:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.base_url + path,
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode("utf-8")
        return json.loads(text) if text else None

    def shutdown_all_kernels(self) -> None:
        """Shut down every kernel and session, so the next notebook starts fresh."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def lab_url(self, relpath: str) -> str:
        """The address that opens ``relpath`` (relative to the root) in a fresh workspace."""
        workspace = "t" + secrets.token_hex(4)
        return f"{self.base_url}/lab/workspaces/{workspace}/tree/{relpath}?token={self.token}"


def start_lab(root_dir: Path) -> tuple[LabServer, Path]:
    """Start JupyterLab on ``root_dir`` with its state in a new temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix="labkit-lab-"))
    return LabServer(root_dir, workdir).start(), workdir
