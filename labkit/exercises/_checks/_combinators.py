"""Checks made of other checks."""

from __future__ import annotations

from typing import Any

from labkit._errors import LabkitError
from labkit.exercises._checks._base import Check
from labkit.exercises._context import Context

__all__ = ["AllOf"]


class AllOf(Check):
    """Every one of several checks passes; feedback comes from the first that fails.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.exercises import HasColumns, HasShape
    >>> check = AllOf(HasColumns(["trade"]), HasShape(rows=2))
    >>> check.verify(pd.DataFrame({"trade": ["Roofing"]}), Context())
    'Your table has fewer rows than the answer.'
    """

    def __init__(self, *checks: Check) -> None:
        if not checks or not all(isinstance(c, Check) for c in checks):
            raise LabkitError(
                "AllOf needs one or more checks.",
                where="arguments of AllOf",
                fix="Pass checks, for example AllOf(HasColumns([...]), HasShape(rows=10)).",
            )
        self.checks = checks
        self.kind = checks[0].kind

    def describe_kind(self, ctx: Context) -> str:
        return self.checks[0].describe_kind(ctx)

    def right_answer(self, ctx: Context) -> Any:
        return self.checks[0].right_answer(ctx)

    def forbidden(self, ctx: Context) -> list[str]:
        return [f for c in self.checks for f in c.forbidden(ctx)]

    def verify(self, answer: Any, ctx: Context) -> str | None:
        for check in self.checks:
            message = check.verify(answer, ctx)
            if message is not None:
                return message
        return None
