"""The HTTP adapter against ``labkit assistants serve`` in a real subprocess on 127.0.0.1, and its faults."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from labkit.assistants import HTTPAssistant, evaluate_assistant, get_product, load_test_set
from labkit.assistants._serve import make_server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.fixture(scope="module")
def served():
    """``labkit assistants serve staleleaf`` as a separate process; stopped after the tests."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "labkit.cli", "assistants", "serve", "staleleaf", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_served_product_answers_like_the_python_object(served):
    bot = HTTPAssistant(served, timeout=10)
    question = "How much does the garden waste subscription cost?"
    assert bot(question) == get_product("staleleaf")(question)
    reply = bot.ask(question)
    assert reply.tokens_in == -(-len(question) // 4) and reply.tokens_out > 0


def test_served_models_list(served):
    with urllib.request.urlopen(f"{served}/v1/models", timeout=10) as response:
        assert json.loads(response.read())["data"][0]["id"] == "staleleaf"


def test_evaluation_over_http_finds_the_same_failures(served):
    test_set = load_test_set().subset(kind="fact", n=20)
    over_http = evaluate_assistant(served + "/v1/chat/completions", test_set, timeout=10)
    local = evaluate_assistant(get_product("staleleaf"), test_set)
    assert over_http.results["outcome"].tolist() == local.results["outcome"].tolist()
    assert "superseded" in over_http.flagged
    assert over_http.latency["simulated"] is False
    assert over_http.cost["tokens_estimated"] is False


@pytest.fixture()
def faulty():
    """An in-process server whose every 2nd reply fails in the way asked."""
    servers = []

    def start(fault: str):
        server = make_server("clearpath", 0, fault=fault, every=2, delay=2.0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("timeout", "did not answer within 0.5 seconds"),
        ("error", "HTTP error 500"),
        ("malformed", "not valid JSON"),
        ("empty", "the answer was empty"),
    ],
)
def test_each_fault_is_a_finding_and_the_run_goes_on(faulty, fault, reason):
    test_set = load_test_set().subset(kind="fact", n=4)
    report = evaluate_assistant(faulty(fault), test_set, timeout=0.5)
    results = report.results
    assert results["answered"].tolist() == [True, False, True, False]
    assert results.loc[~results["answered"], "no_answer_reason"].str.contains(reason).all()
    assert (results.loc[~results["answered"], "outcome"] == "no_answer").all()
    assert results.loc[results["answered"], "passed"].all()
    assert "no_answer" in report.flagged
    assert "Questions with no answer" in report.to_markdown()


def test_unreachable_product_is_a_finding_not_a_crash():
    test_set = load_test_set().subset(n=2)
    report = evaluate_assistant(f"http://127.0.0.1:{_free_port()}", test_set, timeout=2)
    assert not report.results["answered"].any()
    assert report.results["no_answer_reason"].str.startswith("the product could not be reached").all()


def test_a_note_taker_served_over_http_takes_the_transcript_as_the_message():
    from labkit.assistants import load_transcripts

    server = make_server("brevis", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        visit = load_transcripts()["V02"]
        notes = HTTPAssistant(f"http://127.0.0.1:{server.server_address[1]}", timeout=10)(visit.text)
        assert notes == get_product("brevis")(visit.text)
        assert "scared" not in notes and "late" in notes
    finally:
        server.shutdown()
        server.server_close()
