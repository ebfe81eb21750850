"""``infer(df)``: draft a data standard from a table, for a person to check and edit.

The draft records what the data looks like now, in the conventions of UK council
exports: zero-padded codes and phone numbers stay text (with a pattern for their
digits), dates keep the form they are written in (``DD/MM/YYYY``, a month such as
``2017-01``), and a value's surrounding spaces do not stop a postcode being
recognised. A standard drafted from a file finds no problem in that same file
unless the file is mixed (for example 97% of dates ISO and 3% written 31/03/2024).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from labkit.quality._formats import FORMATS
from labkit.quality._profile import kind_of
from labkit.quality._standard import ColumnStandard, DataStandard
from labkit.quality._values import detect_date_format, looks_like_date_name

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["infer", "infer_column"]

# A column with at most this many distinct values (and each used at least twice on average) is a code list.
MAX_CODES = 25
_ID_NAME = re.compile(r"(^|_)(id|ref|reference|number|no|code|urn)$")


def _dates(text: pd.Series, name: str, kwargs: dict) -> ColumnStandard | None:
    """A date or datetime column in the form most of its values are written in, if they are dates."""
    import pandas as pd

    iso = FORMATS["iso_datetime"].pattern
    if text.str.fullmatch(iso).mean() >= 0.95:
        is_date = bool(text.str.fullmatch(FORMATS["iso_date"].pattern).mean() >= 0.95)
        return ColumnStandard(type="date" if is_date else "datetime", **kwargs)
    form = detect_date_format(text)
    if form is not None:
        timed = "HH" in form.name
        default = "YYYY-MM-DD HH:MM:SS" if timed else "YYYY-MM-DD"
        return ColumnStandard(
            type="datetime" if timed else "date",
            date_format=None if form.name == default else form.name,
            **kwargs,
        )
    if looks_like_date_name(name):
        parsed = pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce")
        if parsed.notna().mean() >= 0.95:
            is_date = bool((parsed.dropna().dt.normalize() == parsed.dropna()).all())
            return ColumnStandard(type="date" if is_date else "datetime", **kwargs)
    return None


def _digits(text: pd.Series, unique: bool, looks_like_id: bool, kwargs: dict) -> ColumnStandard | None:
    """Digit-only text (zero-padded codes, phone numbers): text with a pattern for its digits."""
    if not bool(text.str.fullmatch(r"[0-9]+").all()):
        return None
    lengths = text.str.len()
    low, high = int(lengths.min()), int(lengths.max())
    pattern = f"[0-9]{{{low}}}" if low == high else f"[0-9]{{{low},{high}}}"
    return ColumnStandard(type="string", pattern=pattern, unique=unique and looks_like_id, **kwargs)


def infer_column(s: pd.Series, name: str) -> ColumnStandard:
    """Draft the standard of one column from its values (see :func:`infer`)."""
    values = s.dropna()
    n, nv = len(s), len(values)
    kwargs: dict = {"name": name, "required": nv == n and n > 0}
    kind = kind_of(s)
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
    looks_like_id = bool(_ID_NAME.search(name.lower()))
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
    raw = values.astype(str)
    text = raw.str.strip()  # judged without the spaces fixed-width exports pad values with
    if nv:
        for fmt in ("uk_postcode", "lsoa_code", "gss_code", "uprn"):
            if fmt == "uprn" and "uprn" not in name.lower():
                continue
            if text.str.fullmatch(FORMATS[fmt].pattern).mean() >= 0.95:
                return ColumnStandard(type="string", format=fmt, unique=unique and looks_like_id, **kwargs)
        dated = _dates(text, name, kwargs)
        if dated is not None:
            return dated
    distinct = raw.unique() if nv else []
    if 0 < len(distinct) <= MAX_CODES and n >= 2 * len(distinct) and not unique:
        return ColumnStandard(type="string", allowed=tuple(sorted(str(v) for v in distinct)), **kwargs)
    if nv:
        digits = _digits(text, unique, looks_like_id, kwargs)
        if digits is not None:
            return digits
    return ColumnStandard(type="string", unique=unique and looks_like_id, **kwargs)


def infer(df: pd.DataFrame, name: str = "Draft data standard", entity: str = "row") -> DataStandard:
    """Draft a data standard from a DataFrame, for a person to check and edit.

    The draft records what the data looks like now (types, which columns are
    always filled in, short code lists, recognised formats such as postcodes,
    the form dates are written in, the digits of zero-padded codes, observed
    ranges). It cannot know what the data *should* look like: read it, then
    tighten or loosen it and save it with :meth:`DataStandard.to_yaml`.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import infer
    >>> df = pd.DataFrame({"repair_id": ["R1", "R2", "R3"], "postcode": ["ZX4 7NP", "ZX1 2AB", None],
    ...                    "reported": ["31/03/2024", "01/04/2024", "02/04/2024"]})
    >>> std = infer(df)
    >>> std.column("postcode").format, std.column("repair_id").unique, std.column("reported").date_format
    ('uk_postcode', True, 'DD/MM/YYYY')
    """
    from labkit.quality._validate import require_frame, text_columns

    require_frame(df, "df")
    df = text_columns(df)
    columns = tuple(infer_column(df[c], c) for c in df.columns)
    keys = tuple(c.name for c in columns if c.unique and c.required)
    return DataStandard(name=name, entity=entity, columns=columns, primary_key=keys[:1])
