"""Run Voila with a guard against a lost ZeroMQ wake-up (``python -m labkit.apps._voila``).

Why this exists
---------------
Voila runs an app's notebook through nbclient, which waits for each cell's reply from the kernel
with one unbounded ``await socket.poll()`` on a ``zmq.asyncio`` socket. ZeroMQ signals a waiting
event loop through an edge-triggered file descriptor; when that edge is consumed without the
asyncio side seeing it, the reply sits in the socket and the wait never ends. We saw exactly this
on this project's machines: the kernel idle, its reply sent, Voila idle, and the app's page held
open for ever, sending only heartbeats (about 1 page load in 10 on a busy 2-core machine, with
ipykernel 6 and 7 alike; see docs/browser-testing.md). In a browser that is a blank app with a
spinner; in CI it was the Voila fixture that timed out after 120 seconds.

The guard: in the Voila process that labkit starts (and only there), a wait for a kernel message
is split into slices of at most one second. Each new slice asks ZeroMQ afresh whether a message is
ready, so a lost wake-up costs at most one second instead of the whole app. Nothing else about
Voila changes; every argument is passed on to Voila's own ``main``.
"""

from __future__ import annotations

import logging
import time
from queue import Empty
from typing import Any

_SLICE_SECONDS = 1.0
# Voila's own log (the traitlets application logger), so the note lands in voila.log.
_log = logging.getLogger("Voila")


async def _get_msg_in_slices(self: Any, timeout: float | None = None) -> dict[str, Any]:
    """A drop-in for ``AsyncZMQSocketChannel.get_msg`` that never waits more than a slice at once."""
    deadline = None if timeout is None else time.monotonic() + timeout
    silent = False
    while True:
        wait = _SLICE_SECONDS if deadline is None else min(_SLICE_SECONDS, deadline - time.monotonic())
        started = time.monotonic()
        ready = await self.socket.poll(int(max(wait, 0) * 1000))
        if ready:
            if silent and time.monotonic() - started < 0.005:
                _log.warning(
                    "labkit: a kernel message was already waiting after a silent %.0f s wait "
                    "(a lost ZeroMQ wake-up, recovered).",
                    _SLICE_SECONDS,
                )
            return await self._recv()
        if deadline is not None and time.monotonic() >= deadline:
            raise Empty
        silent = True


def install_guard() -> None:
    """Make every asynchronous kernel channel in this process wait in slices."""
    from jupyter_client.channels import AsyncZMQSocketChannel

    AsyncZMQSocketChannel.get_msg = _get_msg_in_slices  # type: ignore[method-assign]


def main() -> None:
    """Install the guard, then run Voila with this process's command-line arguments."""
    install_guard()
    from voila.app import main as voila_main

    voila_main()


if __name__ == "__main__":
    main()
