"""Every labkit widget in one place, for officers who do not write code.

Each widget is a thin front end over a public labkit function, and lives in
the capability it belongs to; this module only gathers them, loading each on
first use.

>>> from labkit import widgets
>>> sorted(widgets.__all__)[:3]
['assistant_tester', 'bid_checker', 'cohort_dashboard']
"""

from __future__ import annotations

import importlib
from typing import Any

_WIDGETS = {
    "assistant_tester": "labkit.widgets._assistant_tester",
    "quality_explorer": "labkit.quality",
    "threshold_explorer": "labkit.evaluate",
    "fairness_explorer": "labkit.fairness",
    "measure_wizard": "labkit.fairness",
    "project_sorter": "labkit.exercises",
    "project_health": "labkit.projects",
    "bid_checker": "labkit.suppliers",
    "register_explorer": "labkit.register",
    "standard_builder": "labkit.quality",
    "cohort_dashboard": "labkit.exercises",
    "cohort_switch": "labkit.exercises",
}

__all__ = sorted(_WIDGETS)


def __getattr__(name: str) -> Any:
    if name in _WIDGETS:
        return getattr(importlib.import_module(_WIDGETS[name]), name)
    raise AttributeError(f"module 'labkit.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
