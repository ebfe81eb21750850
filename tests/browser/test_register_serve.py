"""``labkit register serve`` opened in Chromium: the published register is browsable and searchable.

The command is started exactly as an officer starts it (``labkit register serve --sandbox``, in its own
process group, stopped by its process id), and the page is opened with every request to the internet
refused. A search typed into Datasette's search box must find a known project, the JSON API must answer,
and axe-core must find no serious or critical problem and no text-contrast failure on the pages labkit
publishes.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from browser_harness import blocking, run_axe

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "labkit.cli", "register", "serve", "--sandbox", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        address = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and address is None:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail(f"labkit register serve stopped with code {process.returncode}")
            if "Open this address" in line:
                address = line.rsplit(" ", 1)[-1].strip()
        assert address, "labkit register serve printed no address"
        yield address, port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def test_register_serve_is_searchable_in_the_browser_and_accessible(served, page, axe_script, artifacts):
    address, port = served
    assert address.startswith(f"http://127.0.0.1:{port}/")
    page.goto(f"http://127.0.0.1:{port}/")
    assert "Project register" in page.locator("h1").first.inner_text()
    home = blocking(run_axe(page, axe_script))
    page.goto(address)
    page.fill("input[name='_search']", "mould")
    page.press("input[name='_search']", "Enter")
    page.wait_for_url("**_search=mould**")
    body = page.locator("body").inner_text()
    page.screenshot(path=str(artifacts / "register-serve-search.png"), full_page=True)
    assert "northbrook-damp-mould-risk" in body
    assert "sallowford-mould-risk-score" in body
    assert "ottercombe-family-risk-score" not in body  # the search narrowed the table
    findings = blocking(run_axe(page, axe_script))
    # The JSON API comes with it: the same search as data.
    with urllib.request.urlopen(page.url.replace("/projects?", "/projects.json?") + "&_shape=array") as r:
        ids = {row["id"] for row in json.load(r)}
    assert ids == {
        "northbrook-damp-mould-risk",
        "brackenmoor-mould-prediction",
        "ottercombe-damp-homes-model",
        "sallowford-mould-risk-score",
    }
    assert not [url for url in page.blocked_requests if "127.0.0.1" in url]
    findings += [f"home page: {f}" for f in home]
    assert not findings, "accessibility of the published register:\n- " + "\n- ".join(findings)
