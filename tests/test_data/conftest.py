"""Shared fixtures for labkit.data tests: generating is quick, but reuse within a session."""

from __future__ import annotations

import pytest

from labkit.data import generate


@pytest.fixture(scope="session")
def repairs():
    """The default housing repairs (the sandbox file's dataset)."""
    return generate("housing_repairs", seed=0)


@pytest.fixture(scope="session")
def repairs_small():
    return generate("housing_repairs", rows=3_000, seed=7)
