"""pytest plugin (``pytest -p labkit_netguard_pytest``): fail the run on any blocked network attempt.

Every process of the run appends its blocked attempts to ``LABKIT_NETWORK_GUARD_LOG`` (see
labkit_netguard.py); at the end of the session this plugin prints them and sets the exit status to 1,
so an attempt a library caught and ignored, or one made in a kernel or subprocess, still fails the run.
"""

from __future__ import annotations

import json
import os
from typing import Any

import labkit_netguard


def pytest_configure(config: Any) -> None:
    if os.environ.get(labkit_netguard.ENV) == "1" and not labkit_netguard.active():
        raise RuntimeError(
            f"{labkit_netguard.ENV}=1 but the network guard is not installed: put tools/netguard first on "
            "PYTHONPATH."
        )


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    log = os.environ.get(labkit_netguard.LOG_ENV)
    if not log or not os.path.exists(log):
        return
    with open(log, encoding="utf-8") as fh:
        attempts = [json.loads(line) for line in fh if line.strip()]
    if attempts:
        for attempt in attempts:
            print(f"\nlabkit network guard: {attempt['what']} by {' '.join(attempt['argv'])[:200]}")
            print(attempt["stack"])
        print(f"labkit network guard: {len(attempts)} blocked network attempt(s); the run fails.")
        session.exitstatus = 1
