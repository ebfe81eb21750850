"""Input checks shared by the public functions of ``labkit.quality``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._text import listing

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["require_columns", "require_frame"]


def require_frame(df: Any, param: str, *, allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame with rows and columns; return it unchanged."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        hint = (
            " It looks like a file path: read it first with labkit.quality.read_csv(path)."
            if isinstance(df, str)
            else ""
        )
        raise LabkitError(
            f"{param} must be a pandas DataFrame (a table), not {type(df).__name__}.{hint}",
            where=f"parameter {param}",
            fix="Pass a table, for example labkit.data.load('housing_repairs').",
        )
    if not allow_empty and (df.shape[0] == 0 or df.shape[1] == 0):
        what = "no rows" if df.shape[0] == 0 else "no columns"
        raise LabkitError(
            f"The table has {what}, so there is nothing to check.",
            where=f"parameter {param}",
            fix="Check that the file or query returned data.",
        )
    if df.columns.has_duplicates:
        dup = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
        raise LabkitError(
            f"The table has more than one column called {dup[0]!r}.",
            where=f"parameter {param}, column {dup[0]!r}",
            fix="Rename the columns so each name is used once.",
        )
    return df


def require_columns(df: pd.DataFrame, columns: list[str], param: str) -> None:
    """Raise a LabkitError naming the first column of ``columns`` missing from ``df``."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise LabkitError(
            f"The table has no column called {missing[0]!r}.",
            where=f"parameter {param}",
            fix=f"Use one of the table's columns: {listing([str(c) for c in df.columns][:30])}.",
        )
