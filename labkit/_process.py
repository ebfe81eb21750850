"""Stop a local server that labkit started (Voila, Datasette), with every process it started."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess

__all__ = ["stop_process_group"]


def stop_process_group(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop ``process`` and its children: politely (SIGTERM), then firmly (SIGKILL) after ``timeout``.

    The process must have been started in a session of its own (``start_new_session=True`` on POSIX,
    ``CREATE_NEW_PROCESS_GROUP`` on Windows), so its kernels or workers stop with it.
    """
    if process.poll() is not None:
        return
    _signal(process, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL)
        process.wait(timeout=timeout)


def _signal(process: subprocess.Popen, sig: signal.Signals) -> None:
    if os.name != "posix":  # pragma: no cover - Windows
        process.terminate() if sig == signal.SIGTERM else process.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
