"""Shared fixtures: every exercise test logs progress to its own temporary file."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_progress_log(tmp_path, monkeypatch):
    path = tmp_path / "progress.jsonl"
    monkeypatch.setenv("LABKIT_PROGRESS_FILE", str(path))
    monkeypatch.delenv("LABKIT_SEED", raising=False)
    monkeypatch.delenv("LABKIT_COUNCIL", raising=False)
    monkeypatch.delenv("LABKIT_COHORT_DIR", raising=False)  # nothing is shared unless a test sets it
    return path
