"""The single exception family that labkit raises for bad input."""

from __future__ import annotations

__all__ = ["LabkitError"]


class LabkitError(ValueError):
    """A plain-English error about the input a person gave labkit.

    Every message says what is wrong, where (parameter, column, row or file)
    and how to fix it. It is a ``ValueError``, so code that already catches
    ``ValueError`` keeps working.

    Parameters
    ----------
    what : str
        What is wrong, as a sentence.
    where : str, optional
        Where the problem is, for example ``"column 'uprn'"`` or ``"parameter rows"``.
    fix : str, optional
        How to fix it, as a sentence.

    Examples
    --------
    >>> err = LabkitError("rows must be a positive whole number, not -5.", where="parameter rows",
    ...                   fix="Pass rows=1000 or another number above 0.")
    >>> err.where
    'parameter rows'
    >>> str(err).startswith("rows must be a positive whole number")
    True
    """

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None) -> None:
        self.what = what
        self.where = where
        self.fix = fix
        parts = [what]
        if where:
            parts.append(f"(Where: {where}.)")
        if fix:
            parts.append(f"How to fix: {fix}")
        super().__init__(" ".join(parts))
