"""Shared fixtures for labkit.projects tests: the example canvas and the sandbox monitoring log."""

from __future__ import annotations

import copy

import pytest

from labkit.projects import example_canvas, load_monitoring_log, load_monitoring_truth, monitor


@pytest.fixture(scope="session")
def canvas_dict():
    """The example canvas as a dict (a deep copy per use keeps tests independent)."""
    return example_canvas().to_dict()


@pytest.fixture
def good(canvas_dict):
    return copy.deepcopy(canvas_dict)


@pytest.fixture(scope="session")
def log():
    return load_monitoring_log()


@pytest.fixture(scope="session")
def truth():
    return load_monitoring_truth()


@pytest.fixture(scope="session")
def report(log):
    return monitor(log, example_canvas(), plot=False)
