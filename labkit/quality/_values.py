"""Reading values written as text: numbers, true/false, dates in ISO, UK and US forms, month-only dates.

The checks, the fixes and record linkage all read values through these
functions, so a date is read the same way everywhere. Nothing here imports
another ``labkit.quality`` module: the dependencies point one way, down to here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "BOOL_TEXT",
    "DATE_FORMATS",
    "DateForm",
    "as_text",
    "detect_date_format",
    "expected_by_key",
    "iso_form",
    "parse_mixed_dates",
    "per_unique",
    "read_dates",
]

BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
BOOL_TEXT |= {"t": True, "f": False, "y": True, "n": False}

_SLASH = r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
_ISO_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class DateForm:
    """A way of writing dates that a data standard can ask for (``date_format: DD/MM/YYYY``)."""

    name: str
    strftime: str
    pattern: str
    example: str


DATE_FORMATS: dict[str, DateForm] = {
    f.name: f
    for f in [
        DateForm("YYYY-MM-DD", "%Y-%m-%d", r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "2024-03-31"),
        DateForm(
            "YYYY-MM-DD HH:MM:SS",
            "%Y-%m-%d %H:%M:%S",
            r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}",
            "2024-03-31 14:05:00",
        ),
        DateForm("DD/MM/YYYY", "%d/%m/%Y", r"[0-9]{2}/[0-9]{2}/[0-9]{4}", "31/03/2024"),
        DateForm(
            "DD/MM/YYYY HH:MM",
            "%d/%m/%Y %H:%M",
            r"[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}",
            "31/03/2024 14:05",
        ),
        DateForm(
            "DD/MM/YYYY HH:MM:SS",
            "%d/%m/%Y %H:%M:%S",
            r"[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}",
            "31/03/2024 14:05:00",
        ),
        DateForm("DD-MM-YYYY", "%d-%m-%Y", r"[0-9]{2}-[0-9]{2}-[0-9]{4}", "31-03-2024"),
        DateForm("DD.MM.YYYY", "%d.%m.%Y", r"[0-9]{2}\.[0-9]{2}\.[0-9]{4}", "31.03.2024"),
        DateForm("MM/DD/YYYY", "%m/%d/%Y", r"[0-9]{2}/[0-9]{2}/[0-9]{4}", "03/31/2024"),
        DateForm("YYYY-MM", "%Y-%m", r"[0-9]{4}-[0-9]{2}", "2024-03"),
        DateForm("MM/YYYY", "%m/%Y", r"[0-9]{2}/[0-9]{4}", "03/2024"),
    ]
}


# --- text ------------------------------------------------------------------------------
def as_text(s: pd.Series) -> pd.Series:
    """Values as text, keeping missing values missing; whole-number floats lose their '.0'."""
    import pandas as pd

    if pd.api.types.is_float_dtype(s):
        vals = s.dropna()
        if len(vals) and bool((vals % 1 == 0).all()):
            return s.astype("Int64").astype("str").where(s.notna())
    if pd.api.types.is_string_dtype(s) and not pd.api.types.is_object_dtype(s):
        return s
    out = s.astype("str")
    return out.where(s.notna())


def per_unique(s: pd.Series, fn: Any) -> pd.Series:
    """Apply a slow per-value text function once per distinct value (codes and postcodes repeat a lot)."""
    import pandas as pd

    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    if len(uniques) > 0.5 * len(s):
        return fn(s)
    values = fn(pd.Series(uniques, dtype=s.dtype)).to_numpy()
    out = pd.Series(values.take(codes), index=s.index)
    return out.where(codes >= 0)


# --- dates -----------------------------------------------------------------------------
def iso_form(text: pd.Series, kind: str) -> pd.Series:
    """True where a value is written in the ISO form (YYYY-MM-DD, with a time for datetimes)."""
    import pandas as pd

    formats = ("%Y-%m-%d",) if kind == "date" else _ISO_FORMATS
    ok = pd.Series(False, index=text.index)
    todo = text.notna()
    for fmt in formats:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce").notna()
        ok[parsed.index[parsed.to_numpy()]] = True
        todo &= ~ok
    return ok


def in_form(text: pd.Series, form: DateForm) -> pd.Series:
    """True where a value is a real date written exactly in ``form``."""
    import pandas as pd

    stripped = text.str.strip()
    return pd.to_datetime(stripped, format=form.strftime, errors="coerce").notna() & text.notna()


def parse_mixed_dates(text: pd.Series, dayfirst: bool = True) -> tuple[pd.Series, ...]:
    """Parse ISO and slash-written dates; return the dates and masks of how each was read."""
    import pandas as pd

    from labkit.quality._formats import FORMATS

    iso_ok = text.str.fullmatch(FORMATS["iso_datetime"].pattern).fillna(False).astype(bool)
    iso = pd.to_datetime(text.where(iso_ok), format="ISO8601", errors="coerce")
    parts = text.str.extract(_SLASH)
    a = pd.to_numeric(parts[0], errors="coerce")
    b = pd.to_numeric(parts[1], errors="coerce")
    slash = a.notna() & b.notna()
    uk_only = slash & (a > 12)
    us_only = slash & (b > 12) & (a <= 12)
    ambiguous = slash & (a <= 12) & (b <= 12) & (a != b)
    day_first = uk_only | ((ambiguous | (slash & (a == b))) & dayfirst)
    day = a.where(day_first, b)
    month = b.where(day_first, a)
    stamp = pd.to_datetime(
        pd.DataFrame(
            {
                "year": pd.to_numeric(parts[2], errors="coerce"),
                "month": month,
                "day": day,
                "hour": pd.to_numeric(parts[3], errors="coerce").fillna(0),
                "minute": pd.to_numeric(parts[4], errors="coerce").fillna(0),
                "second": pd.to_numeric(parts[5], errors="coerce").fillna(0),
            }
        ).where(slash),
        errors="coerce",
    )
    return iso.where(iso_ok, stamp), iso_ok, ambiguous, uk_only, us_only


def read_dates(text: pd.Series, form: DateForm | None = None) -> pd.Series:
    """Read dates: the declared form (or ISO) quickly in C; anything else with the mixed-form reader.

    A date such as 03/04/2024 could be either of two days: unless the standard
    declares the form, it is left unknown rather than guessed.
    """
    import pandas as pd

    if form is None:
        typed = pd.to_datetime(text, format="ISO8601", errors="coerce")
    else:
        typed = pd.to_datetime(text.str.strip(), format=form.strftime, errors="coerce")
    rest = typed.isna() & text.notna()
    if rest.any():
        typed = typed.copy()
        other, _, ambiguous, _, _ = parse_mixed_dates(text[rest].str.strip())
        if form is None or form.name.startswith("YYYY"):
            other = other.where(~ambiguous)
        iso = pd.to_datetime(text[rest].str.strip(), format="ISO8601", errors="coerce")
        typed[rest] = other.where(other.notna(), iso)
    return typed


def detect_date_format(text: pd.Series, share: float = 0.95) -> DateForm | None:
    """The declared form that at least ``share`` of the values are written in, if any.

    Day-first (UK) is preferred to month-first (US) unless a value shows that the
    second number is the day (over 12).
    """
    values = text.dropna().str.strip()
    if values.empty:
        return None
    for name in (
        "YYYY-MM-DD",
        "YYYY-MM-DD HH:MM:SS",
        "DD/MM/YYYY",
        "DD/MM/YYYY HH:MM",
        "DD/MM/YYYY HH:MM:SS",
        "DD-MM-YYYY",
        "DD.MM.YYYY",
        "YYYY-MM",
        "MM/YYYY",
    ):
        form = DATE_FORMATS[name]
        if float(in_form(values, form).mean()) >= share:
            if name == "DD/MM/YYYY" and float(in_form(values, form).mean()) < float(
                in_form(values, DATE_FORMATS["MM/DD/YYYY"]).mean()
            ):
                return DATE_FORMATS["MM/DD/YYYY"]
            return form
    us = DATE_FORMATS["MM/DD/YYYY"]
    if float(in_form(values, us).mean()) >= share:
        return us
    return None


def looks_like_date_name(name: str) -> bool:
    """Whether a column's name suggests it holds dates (``reported_at``, ``date_of_birth``, ``dob``)."""
    return bool(re.search(r"date|_at$|_on$|dob|month|period|opened|closed", name.lower()))


# --- several columns ---------------------------------------------------------------------
def expected_by_key(d: pd.DataFrame, key: str, col: str) -> pd.Series:
    """For each row, the value of ``col`` most rows with the same ``key`` agree on."""
    import pandas as pd

    known = d.dropna()
    sizes = known.groupby([key, col], sort=False, observed=True).size()
    sizes = sizes.sort_values(ascending=False, kind="stable").reset_index()
    mode = sizes.drop_duplicates(key).set_index(key)[col]
    expected = d[key].map(mode)
    if isinstance(d[col].dtype, pd.CategoricalDtype):
        expected = expected.astype(d[col].dtype)
    return expected
