"""The network guard (tools/netguard) catches every outbound attempt, allows loopback, and fails the run.

``make test`` runs the non-browser tests and nbval of every notebook with the guard on; these tests prove
the guard works, in a subprocess, in a Jupyter kernel and as a pytest plugin. Each gives its processes a
log file of its own, so the attempts they make on purpose never reach the real run's log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
GUARD = ROOT / "tools" / "netguard"
# TEST-NET-1 (RFC 5737): an address reserved for documentation, never routed.
OUTSIDE = "192.0.2.1"


def guarded_env(log: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LABKIT_NETWORK_GUARD": "1",
        "LABKIT_NETWORK_GUARD_LOG": str(log),
        "PYTHONPATH": str(GUARD),
    }


def run_guarded(code: str, log: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=guarded_env(log),
        capture_output=True,
        text=True,
        timeout=60,
    )


def attempts(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_a_connection_outside_this_computer_fails_loudly_and_is_logged(tmp_path):
    log = tmp_path / "network.jsonl"
    result = run_guarded(f"import socket; socket.socket().connect(({OUTSIDE!r}, 80))", log)
    assert result.returncode != 0
    assert "NetworkBlockedError" in result.stderr and "labkit network guard: blocked" in result.stderr
    assert [a["what"] for a in attempts(log)] == [f"a connection to ('{OUTSIDE}', 80)"]


def test_a_name_lookup_is_blocked_before_any_dns_query(tmp_path):
    log = tmp_path / "network.jsonl"
    result = run_guarded("import urllib.request; urllib.request.urlopen('https://pypi.org', timeout=5)", log)
    assert result.returncode != 0
    assert "labkit network guard: blocked a lookup of 'pypi.org'" in result.stderr
    assert len(attempts(log)) == 1


def test_an_attempt_a_library_swallows_is_still_logged(tmp_path):
    log = tmp_path / "network.jsonl"
    code = f"""
        import socket
        try:
            socket.create_connection(({OUTSIDE!r}, 443), timeout=1)
        except OSError:
            pass
    """
    assert run_guarded(code, log).returncode == 0
    assert len(attempts(log)) == 1


def test_loopback_is_allowed(tmp_path):
    log = tmp_path / "network.jsonl"
    code = """
        import socket
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        socket.create_connection(("localhost", port), timeout=5).close()
        print("connected")
    """
    result = run_guarded(code, log)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "connected"
    assert attempts(log) == []


def test_the_guard_is_on_in_a_jupyter_kernel(tmp_path, monkeypatch):
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    log = tmp_path / "network.jsonl"
    for key, value in guarded_env(log).items():
        if key.startswith(("LABKIT_NETWORK", "PYTHONPATH")):
            monkeypatch.setenv(key, value)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import socket\nserver = socket.socket()\nserver.bind(('127.0.0.1', 0))\nserver.listen()\n"
            "socket.create_connection(server.getsockname(), timeout=5).close()\nprint('loopback works')"
        ),
        nbformat.v4.new_code_cell(f"socket.create_connection(({OUTSIDE!r}, 80), timeout=5)"),
    ]
    client = NotebookClient(nb, kernel_name="python3", timeout=120)
    with pytest.raises(CellExecutionError, match="NetworkBlockedError"):
        client.execute()
    assert nb.cells[0].outputs[0]["text"] == "loopback works\n"
    assert [a["what"] for a in attempts(log)] == [f"a lookup of '{OUTSIDE}' (getaddrinfo)"]
    assert "ipykernel" in " ".join(attempts(log)[0]["argv"])


def test_the_pytest_plugin_fails_a_run_with_any_attempt(tmp_path):
    (tmp_path / "test_sneaky.py").write_text(
        textwrap.dedent(
            f"""
            import socket

            def test_quietly_tries_the_network():
                try:
                    socket.create_connection(({OUTSIDE!r}, 443), timeout=1)
                except OSError:
                    pass
            """
        ),
        encoding="utf-8",
    )
    log = tmp_path / "network.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "labkit_netguard_pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "test_sneaky.py",
        ],
        cwd=tmp_path,
        env=guarded_env(log),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 passed" in result.stdout
    assert result.returncode == 1, result.stdout
    assert "1 blocked network attempt(s); the run fails." in result.stdout


def test_this_run_is_guarded_when_make_test_says_so():
    if os.environ.get("LABKIT_NETWORK_GUARD") != "1":
        pytest.skip("this run is not under the network guard (make test turns it on)")
    import labkit_netguard

    assert labkit_netguard.active()
