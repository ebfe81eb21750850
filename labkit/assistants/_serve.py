"""``labkit assistants serve NAME``: a simulated product on 127.0.0.1, speaking chat-completions JSON.

The server answers ``POST /v1/chat/completions`` with the OpenAI-compatible JSON that most products and
gateways use, so the same test code works against a real product's address later. It listens on
127.0.0.1 only: nothing outside this computer can reach it. ``fault=`` makes every few replies fail on
purpose (a timeout, an HTTP error, malformed JSON or an empty answer) to show that a test run survives it.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from labkit._errors import LabkitError

__all__ = ["FAULTS", "make_server", "serve"]

FAULTS = ("timeout", "error", "malformed", "empty")


def _handler(product: Any, fault: str | None, every: int, delay: float) -> type[BaseHTTPRequestHandler]:
    counter = {"n": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "labkit-simulated-product"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/v1/models":
                body = {
                    "object": "list",
                    "data": [{"id": product.name, "object": "model", "owned_by": "labkit"}],
                }
                self._send(200, json.dumps(body).encode("utf-8"))
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            try:
                length = int(self.headers.get("Content-Length", "0"))
                request = json.loads(self.rfile.read(length).decode("utf-8"))
                messages = [m for m in request["messages"] if m.get("role") == "user"]
                question = str(messages[-1]["content"])
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                self._send(
                    400, b'{"error": {"message": "send {\\"messages\\": [{\\"role\\": \\"user\\", ...}]}"}}'
                )
                return
            with lock:
                counter["n"] += 1
                failing = fault is not None and counter["n"] % every == 0
            if failing and fault == "timeout":
                time.sleep(delay)
            if failing and fault == "error":
                self._send(500, b'{"error": {"message": "simulated server error"}}')
                return
            if failing and fault == "malformed":
                self._send(200, b'{"choices": [{"message": {"content": "half a repl')
                return
            try:
                answer = "" if failing and fault == "empty" else product(question)
            except LabkitError as exc:
                self._send(400, json.dumps({"error": {"message": str(exc)}}).encode("utf-8"))
                return
            body = {
                "id": f"chatcmpl-labkit-{counter['n']}",
                "object": "chat.completion",
                "created": 0,
                "model": product.name,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
                ],
                "usage": {
                    "prompt_tokens": -(-len(question) // 4),
                    "completion_tokens": -(-len(answer) // 4),
                    "total_tokens": -(-len(question) // 4) - (-len(answer) // 4),
                },
            }
            self._send(200, json.dumps(body, ensure_ascii=False).encode("utf-8"))

    return Handler


def make_server(
    name: str, port: int = 8765, *, fault: str | None = None, every: int = 3, delay: float = 5.0
) -> ThreadingHTTPServer:
    """A server (not yet started) for the simulated product ``name`` on 127.0.0.1.

    Parameters
    ----------
    name : str
        A simulated product (see :func:`products`).
    port : int, default 8765
        The port; 0 picks a free one (read it back from ``server.server_address[1]``).
    fault : {"timeout", "error", "malformed", "empty"}, optional
        Make every ``every``-th reply fail this way, on purpose.
    every : int, default 3
        How often the fault happens.
    delay : float, default 5
        How long a "timeout" reply waits before answering, in seconds.

    Examples
    --------
    >>> server = make_server("clearpath", 0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
    """
    from labkit.assistants._products import get_product

    product = get_product(name)
    if fault is not None and fault not in FAULTS:
        raise LabkitError(
            f"There is no fault called {fault!r}.",
            where="parameter fault",
            fix=f"Use one of {', '.join(FAULTS)}.",
        )
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        raise LabkitError(
            f"every must be 1 or more, not {every!r}.", where="parameter every", fix="Use every=3."
        )
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise LabkitError(
            f"port must be a whole number from 0 to 65535, not {port!r}.",
            where="parameter port",
            fix="Use 8765.",
        )
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), _handler(product, fault, every, delay))
    except OSError as exc:
        raise LabkitError(
            f"Port {port} cannot be used: {exc.strerror or exc}.",
            where="parameter port",
            fix="Another program is using it: choose another port, for example --port 8766.",
        ) from exc


def serve(name: str, port: int = 8765, *, fault: str | None = None, every: int = 3) -> None:
    """Serve the simulated product ``name`` on ``http://127.0.0.1:PORT/v1/chat/completions`` until Ctrl+C."""
    server = make_server(name, port, fault=fault, every=every)
    real_port = server.server_address[1]
    print(f"Serving {name} on http://127.0.0.1:{real_port}/v1/chat/completions (Ctrl+C to stop).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
