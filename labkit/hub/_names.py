"""Workshop user names: what a learner or trainer may sign in as."""

from __future__ import annotations

import re

from labkit._errors import LabkitError

__all__ = ["NAME_PATTERN", "check_name"]

NAME_PATTERN = re.compile(r"[a-z][a-z0-9]{0,19}")
_RESERVED = {"admin", "hub", "user", "users", "api", "services", "cohort"}


def check_name(name: object, *, where: str = "user name") -> str:
    """Return ``name`` if it can be a workshop user name, or raise a :class:`LabkitError` saying why.

    A name is 1 to 20 lower-case letters and digits, starting with a letter (``alice``, ``jsmith2``),
    so it can become part of a system account name on every Linux.

    Examples
    --------
    >>> check_name("alice2")
    'alice2'
    >>> check_name("Alice Smith")
    Traceback (most recent call last):
    ...
    labkit._errors.LabkitError: 'Alice Smith' cannot be a workshop user name: ...
    """
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name) or name in _RESERVED:
        shown = repr(name)
        reason = (
            "it is a word the hub uses itself"
            if name in _RESERVED
            else "use 1 to 20 lower-case letters and digits, starting with a letter, with no spaces or "
            "punctuation"
        )
        raise LabkitError(
            f"{shown} cannot be a workshop user name: {reason}.",
            where=where,
            fix="Sign in with a short name such as your first name and the first letter of your surname, "
            "for example asmith.",
        )
    return name
