"""Register fixtures: a fresh copy of the sandbox register in a temporary folder for each test."""

from __future__ import annotations

import pytest


@pytest.fixture
def reg(tmp_path):
    from labkit.register import sandbox_register

    register = sandbox_register(tmp_path / "register.sqlite")
    yield register
    register.close()


@pytest.fixture
def entry():
    return {
        "id": "eastmere-damp-survey-planner",
        "title": "Damp survey planner",
        "council": "Eastmere District Council",
        "service": "Housing",
        "problem_statement": "Plan damp and mould surveys so the homes at most risk are visited first.",
        "status": "active",
        "phase": "idea",
        "contact_role": "Housing Standards Manager",
        "contact_email": "housing.ai@eastmere.example",
        "cost_gbp": "12,000",
    }
