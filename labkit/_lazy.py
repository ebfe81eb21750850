"""Lazy public names for labkit's packages (PEP 562), so ``import labkit.fairness`` stays quick.

Each package lists its public names and the private module that defines each, and gets its
``__getattr__`` and ``__dir__`` from :func:`lazy_exports`: a name's module is imported the first time
the name is used, and the value is kept in the package's namespace after that.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose public names load on first use.

    Parameters
    ----------
    package : str
        The package's ``__name__``, for example ``"labkit.fairness"``.
    exports : mapping of str to str
        Each public name and the module that defines it: a full name (``"labkit.evaluate._card"``) or
        one inside the package (``"_audit"``).

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("labkit.evaluate", {"evaluate": "_evaluation"})
    >>> getattr_("evaluate").__name__
    'evaluate'
    >>> "evaluate" in dir_()
    True
    """

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        full = module if module.startswith("labkit.") else f"{package}.{module}"
        value = getattr(importlib.import_module(full), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(exports) | set(getattr(sys.modules[package], "__all__", ())))

    return __getattr__, __dir__
