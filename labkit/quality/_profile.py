"""Column profiles: type, missing values, distinct values, top values and range.

Written here rather than taken from ydata-profiling, which does not support
pandas 3, and because a profile for officers needs only a few honest numbers
per column, computed in one vectorised pass.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from labkit._text import count

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from labkit.quality._standard import ColumnStandard

__all__ = ["infer_column", "profile"]

_MAX_CODES = 25


def _kind(s: pd.Series) -> str:
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
        kind = _kind(s)
        try:
            counts = s.value_counts(dropna=True, sort=True)
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


def infer_column(s: pd.Series, name: str) -> ColumnStandard:
    """Draft the standard of one column from its values (see :func:`labkit.quality.infer`)."""
    import pandas as pd

    from labkit.quality._formats import FORMATS
    from labkit.quality._standard import ColumnStandard

    values = s.dropna()
    n, nv = len(s), len(values)
    required = nv == n and n > 0
    kwargs: dict = {"name": name, "required": required}
    kind = _kind(s)
    if kind == "true/false":
        return ColumnStandard(type="boolean", **kwargs)
    if kind == "date and time":
        is_date = bool(nv) and bool((values.dt.normalize() == values).all())
        lo, hi = (values.min(), values.max()) if nv else (None, None)
        return ColumnStandard(
            type="date" if is_date else "datetime",
            minimum=None if lo is None else lo.date().isoformat() if is_date else lo.isoformat(),
            maximum=None if hi is None else hi.date().isoformat() if is_date else hi.isoformat(),
            **kwargs,
        )
    unique = nv == n and n > 1 and not values.duplicated().any()
    looks_like_id = bool(re.search(r"(^|_)(id|ref|reference|number|no)$", name.lower()))
    if kind in {"whole number", "number"}:
        if "uprn" in name.lower():
            return ColumnStandard(type="string", format="uprn", **kwargs)
        integral = kind == "whole number" or bool(nv and (values % 1 == 0).all())
        lo = None if not nv else (int(values.min()) if integral else float(values.min()))
        hi = None if not nv else (int(values.max()) if integral else float(values.max()))
        return ColumnStandard(
            type="integer" if integral else "number",
            unique=unique and looks_like_id,
            minimum=lo,
            maximum=hi,
            **kwargs,
        )
    text = values.astype(str)
    if nv:
        for fmt in ("uk_postcode", "lsoa_code", "gss_code", "iso_datetime", "iso_date", "uprn"):
            if fmt == "uprn" and "uprn" not in name.lower():
                continue
            share = text.str.fullmatch(FORMATS[fmt].pattern).mean()
            if share >= 0.95:
                if fmt in {"iso_date", "iso_datetime"}:
                    is_date = bool(text.str.fullmatch(FORMATS["iso_date"].pattern).mean() >= 0.95)
                    return ColumnStandard(type="date" if is_date else "datetime", **kwargs)
                return ColumnStandard(type="string", format=fmt, unique=unique and looks_like_id, **kwargs)
        parsed = pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce")
        if parsed.notna().mean() >= 0.95 and re.search(r"date|_at$|_on$|dob", name.lower()):
            is_date = bool((parsed.dropna().dt.normalize() == parsed.dropna()).all())
            return ColumnStandard(type="date" if is_date else "datetime", **kwargs)
    distinct = text.unique() if nv else []
    if 0 < len(distinct) <= _MAX_CODES and n >= 2 * len(distinct) and not unique:
        return ColumnStandard(type="string", allowed=tuple(sorted(str(v) for v in distinct)), **kwargs)
    return ColumnStandard(type="string", unique=unique and looks_like_id, **kwargs)
