"""Shared fixtures for the suppliers tests: the sandbox tender, loaded once."""

from __future__ import annotations

import pytest

from labkit.suppliers import load_tender


@pytest.fixture(scope="session")
def tender():
    return load_tender()
