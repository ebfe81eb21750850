"""Fixtures for the hub's tests: a workshop folder whose accounts are removed afterwards.

Making system accounts needs root, as CI and the hub itself run; without it these tests are skipped.
Each test's accounts have a prefix of their own (``lkt1a2b-alice``), so they never meet real ones.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from labkit.hub import Workshop, WorkshopSettings, create_workshop, people

ROOT = Path(__file__).resolve().parents[2]
LEARNER_PASSWORD = "learners-password"
TRAINER_PASSWORD = "trainers-password-that-is-32-chars-or-more"

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="making system accounts needs root (CI runs as root)",
)


@pytest.fixture
def passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABKIT_HUB_LEARNER_PASSWORD", LEARNER_PASSWORD)
    monkeypatch.setenv("LABKIT_HUB_TRAINER_PASSWORD", TRAINER_PASSWORD)


@pytest.fixture
def workshop(passwords: None) -> Iterator[Workshop]:
    """A new workshop folder (not started) with two trainers and a cap of 2 learners.

    It is in a folder every account can pass through (pytest's own temporary folders are root's only),
    so the learners' accounts can reach their homes as they would in a real workshop.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("making system accounts needs root (CI runs as root)")
    top = Path(tempfile.mkdtemp(prefix="labkit-hub-unit-", dir="/tmp"))
    top.chmod(0o755)
    settings = WorkshopSettings(
        cap=2, trainers=["tess", "tom"], user_prefix=f"lkt{secrets.token_hex(2)}-", course_root=str(ROOT)
    )
    made = create_workshop(top / "workshop", settings)
    try:
        yield made
    finally:
        for person in people(made):
            subprocess.run(["userdel", person.account], capture_output=True)
        shutil.rmtree(top, ignore_errors=True)
