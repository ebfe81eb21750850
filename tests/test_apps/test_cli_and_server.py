"""``labkit app``: listing apps, and starting and stopping one with Voila."""

from __future__ import annotations

import http.client
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from labkit import LabkitError
from labkit.apps import App, available_apps, start_app
from labkit.apps._server import free_port
from labkit.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "harness-voila.ipynb"


def test_list_shows_every_app_with_its_description(capsys) -> None:
    assert main(["app", "--list"]) == 0
    out = capsys.readouterr().out
    for app in available_apps():
        assert app.name in out and app.description in out


def test_app_without_a_name_lists_the_apps(capsys) -> None:
    assert main(["app"]) == 0
    assert "labkit app NAME" in capsys.readouterr().out


def test_unknown_app_is_one_plain_line_and_exit_code_2(capsys) -> None:
    assert main(["app", "no-such-app"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: There is no labkit app called 'no-such-app'.")
    assert "Traceback" not in err


@pytest.mark.parametrize("port", [0, 70000, True, "8866"])
def test_a_bad_port_is_refused_before_anything_starts(port) -> None:
    with pytest.raises(LabkitError, match="parameter port"):
        start_app("quality-explorer", port=port)


def test_a_busy_port_is_refused() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(LabkitError, match="already using port"):
            start_app("quality-explorer", port=sock.getsockname()[1])


def test_free_port_is_free() -> None:
    import socket

    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def _read_until(url: str, markers: list[str], deadline_seconds: float = 90.0) -> tuple[int, str]:
    """Read Voila's page until every marker has arrived, the page ends, or the deadline passes.

    Voila streams the page while it runs the notebook, and now and then it holds the last chunk
    open; reading to the very end could then wait for ever. So read piece by piece and stop as soon
    as what the test checks has arrived.
    """
    import time

    with urllib.request.urlopen(url, timeout=30) as response:
        status = response.status
        chunks: list[bytes] = []
        deadline = time.monotonic() + deadline_seconds
        while time.monotonic() < deadline:
            try:
                chunk = response.read1(65536)
            except TimeoutError:
                break  # Voila is holding the stream open; check what has arrived.
            if not chunk:
                break
            chunks.append(chunk)
            text = b"".join(chunks).decode("utf-8", errors="replace")
            if all(m in text for m in markers):
                break
    return status, b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.slow
def test_start_app_serves_on_localhost_with_a_token_and_cleans_up() -> None:
    app = App(name="harness-voila", description="Fixture.", widget="repairs_counter", notebook=FIXTURE)
    server = start_app(app)
    try:
        assert server.url.startswith(f"http://127.0.0.1:{server.port}/?token=")
        assert server.running()
        workdir = server.log_path.parent
        assert workdir.is_dir()
        # Without the token, Voila sends the browser to its login page instead of the app.
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status in {302, 401, 403}
        assert response.status != 302 or "/login" in response.getheader("Location", "")
        conn.close()
        status, page = _read_until(server.url, ["Harness fixture for Voila", "nameSliders"])
        assert status == 200 and "Harness fixture for Voila" in page
        # Voila ran the notebook but shows none of its code.
        assert "mark_widget(" not in page
        assert "nameSliders" in page, "the page uses labkit's Voila template with its accessibility fixes"
    finally:
        server.stop()
    assert not server.running()
    assert not workdir.exists(), "the app's temporary folder is deleted when it stops"
    assert "stopped" in repr(server)


@pytest.mark.slow
def test_labkit_app_command_prints_the_address_and_stops_on_interrupt(tmp_path: Path) -> None:
    """Run `labkit app` as a person would, then press Ctrl+C (SIGINT)."""
    import os
    import signal
    import time

    if os.name != "posix":  # pragma: no cover
        pytest.skip("Sends SIGINT, which needs a POSIX system.")
    proc = subprocess.Popen(
        [sys.executable, "-m", "labkit.cli", "app", "quality-explorer"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As in a terminal. A run started in the background without job control (`cmd &` in a
        # script, nohup) ignores Ctrl+C, and the child would inherit that and rightly keep running.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(lines) < 3:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
        assert lines[0] == "The quality-explorer app is running on this computer only."
        assert lines[1].startswith("Open this address in your web browser: http://127.0.0.1:")
        assert lines[2] == "Press Ctrl+C here to stop it."
        url = lines[1].rsplit(" ", 1)[1]
        port = int(url.split(":")[2].split("/")[0])
        proc.send_signal(signal.SIGINT)
        # Stopping is bounded by design (10 s polite, then 10 s firm: labkit._process); this
        # timeout only catches a hang, and allows for a starved CPU on a shared CI machine.
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "Stopping the app." in out
    import socket

    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "Voila still listens after Ctrl+C"
