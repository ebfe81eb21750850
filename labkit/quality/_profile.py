"""Column profiles: type, missing values, distinct values, top values and range.

Written here rather than taken from ydata-profiling, which does not support
pandas 3, and because a profile for officers needs only a few honest numbers
per column, computed in one vectorised pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labkit._text import count

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["kind_of", "profile"]


def kind_of(s: pd.Series) -> str:
    """The kind of values a column holds, in words: text, whole number, number, date and time, ..."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(s):
        return "true/false"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date and time"
    if pd.api.types.is_integer_dtype(s):
        return "whole number"
    if pd.api.types.is_numeric_dtype(s):
        return "number"
    if isinstance(s.dtype, pd.CategoricalDtype):
        return "category"
    return "text"


def profile(df: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Profile every column of ``df``: one row per column.

    Columns of the result: ``column``, ``type``, ``missing``, ``missing %``,
    ``distinct``, ``top values`` (the ``top`` most common with their counts),
    ``minimum`` and ``maximum`` (numbers and dates only).

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import profile
    >>> p = profile(pd.DataFrame({"priority": ["Urgent", "Routine", "Routine", None]}))
    >>> print(p.loc[0, "missing"], p.loc[0, "distinct"], p.loc[0, "top values"])
    1 2 Routine (2), Urgent (1)
    """
    import pandas as pd

    from labkit.quality._validate import require_frame

    require_frame(df, "df", allow_empty=True)
    n = len(df)
    rows = []
    for name in df.columns:
        s = df[name]
        missing = int(s.isna().sum())
        kind = kind_of(s)
        try:
            shown = s
            if kind == "number" and missing < n and bool((s.dropna() % 1 == 0).all()):
                shown = s.astype("Int64")  # whole numbers with gaps: 1617778511, not 1617778511.0
            counts = shown.value_counts(dropna=True, sort=True)
        except TypeError:  # unhashable values such as lists
            counts = s.astype(str).value_counts(dropna=True, sort=True)
        top_text = ", ".join(f"{_short(v)} ({count(c)})" for v, c in counts.head(top).items())
        lo = hi = None
        if kind in {"whole number", "number", "date and time"} and missing < n:
            lo, hi = s.min(), s.max()
            if kind == "date and time":
                lo, hi = str(lo), str(hi)
        rows.append(
            {
                "column": str(name),
                "type": kind,
                "missing": missing,
                "missing %": round(100 * missing / n, 2) if n else 0.0,
                "distinct": len(counts),
                "top values": top_text,
                "minimum": lo,
                "maximum": hi,
            }
        )
    return pd.DataFrame(rows)


def _short(value: object, width: int = 40) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
