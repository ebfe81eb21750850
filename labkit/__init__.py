"""labkit: helpers for the labkit course on AI in UK local government.

Importing ``labkit`` is quick: each capability (``labkit.data``,
``labkit.quality``, ``labkit.evaluate``, ``labkit.fairness``,
``labkit.exercises``, ``labkit.widgets``) loads its heavy libraries only
when you first use it.

>>> import labkit
>>> from labkit import data   # loads pandas and numpy now
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError

__all__ = ["LabkitError", "__version__"]
__version__ = "0.1.0"

_CAPABILITIES = {"data", "quality", "evaluate", "fairness", "exercises", "widgets", "apps"}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from labkit import data, evaluate, exercises, fairness, quality  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _CAPABILITIES:
        return importlib.import_module(f"labkit.{name}")
    raise AttributeError(f"module 'labkit' has no attribute {name!r}")
