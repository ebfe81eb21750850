"""The context a check runs in: the learner's data, namespace, seed and council.

Expected answers are usually functions of the data the learner is using. An
author writes them as plain functions whose parameter names say what they
need, for example ``lambda repairs: int(repairs["uprn"].isna().sum())``.
:meth:`Context.resolve` calls such a function with

- each exercise set dataset by name (an untouched copy, so a learner who
  changes their own copy cannot change the expected answer),
- ``seed`` and ``council`` (the learner's choices when they bound the set),
- ``data`` (every dataset, as a dict),
- otherwise, a variable of the learner's notebook with that name (for
  answers that depend on the learner's own earlier work, such as a model).

Values that depend only on the data are computed once and cached.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Context", "MissingVariable", "is_reference"]

_SPECIAL = {"seed", "council", "data"}


class MissingVariable(Exception):
    """An expected answer needs a notebook variable the learner has not set yet."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def is_reference(value: Any) -> bool:
    """True when ``value`` is a function to call for the real value (not a class or a constant)."""
    return callable(value) and not isinstance(value, type)


def parameter_names(func: Callable[..., Any]) -> list[str]:
    """The names of the parameters ``func`` takes, in order."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]


def _cache_key(value: Any) -> Any:
    """One key for every function made by the same ``lambda`` or ``def`` without free variables.

    So a check that writes ``ctx.resolve(lambda repairs: repairs)`` inside ``verify`` reuses one cache entry
    instead of adding one per call.
    """
    code = getattr(value, "__code__", None)
    plain = not getattr(value, "__closure__", None) and not getattr(value, "__defaults__", None)
    if code is not None and plain and not getattr(value, "__kwdefaults__", None):
        return code
    return value


class Context:
    """Everything a check may need, for one learner's notebook.

    Parameters
    ----------
    data : mapping of str to object
        The exercise set's datasets, as loaded for this learner (never shown to them).
    namespace : mapping of str to object
        The learner's notebook variables (``globals()``), read only.
    seed : int
        The seed the learner's data was generated with.
    council : str
        The fictional council the learner's data describes.
    """

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        namespace: Mapping[str, Any] | None = None,
        seed: int = 0,
        council: str = "northbrook",
    ) -> None:
        self.data = dict(data or {})
        self.namespace = namespace if namespace is not None else {}
        self.seed = seed
        self.council = council
        self._cache: dict[Any, Any] = {}

    def _argument(self, name: str) -> Any:
        if name in self.data:
            return self.data[name]
        if name == "seed":
            return self.seed
        if name == "council":
            return self.council
        if name == "data":
            return self.data
        if name in self.namespace:
            return self.namespace[name]
        raise MissingVariable(name)

    def call(self, func: Callable[..., Any], *leading: Any) -> Any:
        """Call ``func(*leading, **injected)``, injecting the rest of its parameters by name."""
        names = parameter_names(func)[len(leading) :]
        return func(*leading, **{name: self._argument(name) for name in names})

    def is_data_only(self, value: Any) -> bool:
        """True when ``value`` is a function of the data alone (so its result can be cached)."""
        if not is_reference(value):
            return False
        try:
            hash(value)
        except TypeError:
            return False
        return all(n in self.data or n in _SPECIAL for n in parameter_names(value))

    def prepare(self, value: Any) -> None:
        """Work out and cache ``value`` now if it depends on the data alone; never raises."""
        if self.is_data_only(value) and _cache_key(value) not in self._cache:
            # A failure here is left for the check to report, kindly, when it runs.
            with contextlib.suppress(Exception):
                self.resolve(value)

    def resolve(self, value: Any) -> Any:
        """``value`` itself, or, if it is a function, what it returns for this learner's data."""
        if not is_reference(value):
            return value
        cacheable = self.is_data_only(value)
        key = _cache_key(value) if cacheable else None
        if cacheable and key in self._cache:
            return self._cache[key]
        result = self.call(value)
        if cacheable:
            self._cache[key] = result
        return result
