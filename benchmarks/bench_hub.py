"""Benchmark: a workshop hub (``labkit hub``). Goal: 30 learners on this 2-core, 24 GiB machine.

Measures, on a real hub and proxy on 127.0.0.1 (as ``labkit hub start`` runs them):

- the seconds from ``labkit hub start`` to the first learner's JupyterLab being ready (hub set-up and
  start, sign-in, the learner's server started and answering its API);
- the memory of each idle learner: their JupyterLab server alone, then with the labkit kernel running
  lesson 00's first steps (``from labkit import data``; the housing repairs loaded), as PSS (each shared
  page counted in fair shares, which is what adds up across learners) and RSS;
- how many learners those numbers fit in 24 GiB, leaving 2 GiB for the system and the hub.

Needs root (it makes system accounts, removed at the end). Where labkit's Python is one learners cannot
open (pyenv under /root), it runs the hub with /usr/bin/python3 using the same packages, as the browser
test does.

Usage: sudo python benchmarks/bench_hub.py [--learners N]   (3 by default)
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

GIB = 1024**3
MACHINE_GIB = 24
RESERVED_GIB = 2
GOAL_LEARNERS = 30
ROOT = Path(__file__).resolve().parents[1]
PROXY = ROOT / "deploy" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON_CODE = "from labkit import data\nrepairs = data.load('housing_repairs')\nlen(repairs)"


def _hub_python(tmp: Path) -> Path:
    from labkit.hub._workshop import python_problem

    if python_problem() is None:
        return Path(sys.executable)
    venv = tmp / "hub-python"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", venv], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    ours = sysconfig.get_paths()["purelib"]
    (site / "labkit-env.pth").write_text(f"import site; site.addsitedir({ours!r})\n", encoding="utf-8")
    return venv / "bin" / "python"


def _memory(pids: list[int]) -> tuple[int, int]:
    """PSS and RSS in bytes of ``pids`` and all their descendants."""
    seen, todo, pss, rss = set(), list(pids), 0, 0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1]) * 1024
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pss, rss


class Learner:
    def __init__(self, url: str, name: str) -> None:
        self.url, self.name = url, name
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _cookie(self, name: str, path: str = "/") -> str:
        return next(c.value for c in self.jar if c.name == name and c.path.startswith(path))

    def sign_in(self, password: str) -> None:
        self.opener.open(f"{self.url}/hub/login").read()
        form = {"username": self.name, "password": password, "_xsrf": self._cookie("_xsrf")}
        self.opener.open(f"{self.url}/hub/login?next=", urllib.parse.urlencode(form).encode()).read()

    def wait_ready(self, timeout: float = 300) -> None:
        """Ask for JupyterLab (which starts the server) until its API answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(urllib.error.URLError, OSError):
                page = self.opener.open(f"{self.url}/user/{self.name}/lab", timeout=60)
                if "/user/" in page.geturl() and "spawn-pending" not in page.geturl():
                    status = self.opener.open(f"{self.url}/user/{self.name}/api/status", timeout=10)
                    if status.status == 200:
                        return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}'s JupyterLab did not start within {timeout:g} s")

    def start_kernel(self) -> str:
        request = urllib.request.Request(
            f"{self.url}/user/{self.name}/api/kernels",
            data=json.dumps({"name": "labkit"}).encode(),
            headers={
                "X-XSRFToken": self._cookie("_xsrf", f"/user/{self.name}"),
                "Content-Type": "application/json",
            },
            method="POST",
        )
        return json.loads(self.opener.open(request, timeout=120).read())["id"]


def _run_lesson_code(home: Path, kernel_id: str) -> None:
    from jupyter_client import BlockingKernelClient

    connection = home / ".local" / "share" / "jupyter" / "runtime" / f"kernel-{kernel_id}.json"
    deadline = time.monotonic() + 60
    while not connection.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    client = BlockingKernelClient(connection_file=str(connection))
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(LESSON_CODE, timeout=300, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"lesson code failed in the kernel: {reply['content']}")
    finally:
        client.stop_channels()


def _server_pids(workshop_root: Path) -> dict[str, int]:
    database = workshop_root / "hub" / "jupyterhub.sqlite"
    with contextlib.closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT users.name, spawners.state FROM spawners JOIN users ON spawners.user_id = users.id"
        ).fetchall()
    return {name: json.loads(state)["pid"] for name, state in rows if state and json.loads(state).get("pid")}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    learners = int(argv[argv.index("--learners") + 1]) if "--learners" in argv else 3
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        print("bench_hub needs root (it makes system accounts for learners): skipped.")
        return
    if not PROXY.exists():
        print("bench_hub needs the proxy: npm ci --prefix deploy/proxy. Skipped.")
        return
    from labkit.apps._server import free_port
    from labkit.hub import WorkshopSettings, create_workshop, open_workshop, people

    tmp = Path(tempfile.mkdtemp(prefix="labkit-bench-hub-", dir="/tmp"))
    tmp.chmod(0o755)
    root = tmp / "workshop"
    python = _hub_python(tmp)
    port = free_port()
    settings = WorkshopSettings(port=port, trainers=["tess"], user_prefix=f"lkb{secrets.token_hex(2)}-")
    passwords = create_workshop(root, settings).passwords()
    command = [str(python), "-m", "labkit.cli", "hub"]
    where = ["--workshop", str(root)]
    url = f"http://127.0.0.1:{port}"
    try:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        subprocess.run(
            [*command, "start", *where, "--course", str(ROOT), "--proxy", str(PROXY)],
            check=True,
            capture_output=True,
        )
        hub_ready = time.perf_counter() - started
        first = Learner(url, "learner1")
        first.sign_in(passwords["learner"])
        first.wait_ready()
        first_ready = time.perf_counter() - started
        others = [Learner(url, f"learner{n}") for n in range(2, learners + 1)]
        for learner in others:
            learner.sign_in(passwords["learner"])
            learner.wait_ready()
        everyone = [first, *others]
        time.sleep(5)  # let the servers settle into idle
        pids = _server_pids(root)
        idle = {learner.name: _memory([pids[learner.name]]) for learner in everyone}
        for learner in everyone:
            kernel = learner.start_kernel()
            _run_lesson_code(root / "home" / learner.name, kernel)
        time.sleep(3)
        with_kernel = {learner.name: _memory([pids[learner.name]]) for learner in everyone}
        hub_pid = int((root / "hub" / "jupyterhub.pid").read_text())
        proxy_pid = int((root / "hub" / "proxy.pid").read_text())
        # The hub's process tree holds the learners' servers too: take them out.
        hub_pss = _memory([hub_pid, proxy_pid])[0] - sum(v[0] for v in with_kernel.values())
    finally:
        subprocess.run([*command, "stop", *where], capture_output=True)
        for person in people(open_workshop(root)):
            subprocess.run(["userdel", person.account], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)

    def mean(values: dict[str, tuple[int, int]], index: int) -> float:
        return sum(v[index] for v in values.values()) / len(values) / GIB

    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start; {learners} learners")
    print(f"labkit hub start until the sign-in page answers: {hub_ready:.1f} s")
    print(f"labkit hub start until the first learner's JupyterLab is ready: {first_ready:.1f} s")
    print(
        f"hub and proxy: {hub_pss:.2f} GiB PSS"
        if hub_pss > GIB
        else f"hub and proxy: {hub_pss / 2**20:.0f} MiB PSS"
    )
    print(
        f"an idle learner's JupyterLab: {mean(idle, 0) * 1024:.0f} MiB PSS, "
        f"{mean(idle, 1) * 1024:.0f} MiB RSS"
    )
    per_learner = mean(with_kernel, 0)
    print(
        f"with the labkit kernel after lesson 00's first steps: {per_learner * 1024:.0f} MiB PSS, "
        f"{mean(with_kernel, 1) * 1024:.0f} MiB RSS"
    )
    room = MACHINE_GIB - RESERVED_GIB - hub_pss / GIB
    fits = int(room / per_learner)
    print(
        f"learners that fit in {MACHINE_GIB} GiB (keeping {RESERVED_GIB} GiB for the system): {fits} "
        f"(goal {GOAL_LEARNERS}: {'met' if fits >= GOAL_LEARNERS else 'NOT met'}); "
        f"{GOAL_LEARNERS} learners need {GOAL_LEARNERS * per_learner:.1f} GiB"
    )


if __name__ == "__main__":
    main()
