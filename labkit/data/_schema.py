"""Field definitions: one place that says what each column is.

A :class:`Field` drives four things, so they cannot drift apart: the pandas
types of the clean and dirty frames, the text written to CSV, the reading of
that text back in :func:`labkit.data.load`, and the Frictionless Table Schema
in ``datapackage.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._sampling import format_dates, format_datetimes

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TYPES = {"string", "integer", "number", "boolean", "date", "datetime"}


@dataclass(frozen=True)
class Field:
    """One column of a dataset.

    Attributes
    ----------
    name : str
        Column name (part of the contract other code relies on).
    type : str
        Table Schema type: string, integer, number, boolean, date or datetime.
    description : str
        What the column holds, in plain English.
    enum : tuple of str, optional
        The allowed codes (a code list). The clean frame holds a pandas categorical.
    ordered : bool
        Whether the codes have an order (for example priority).
    pattern : str, optional
        A regular expression every clean value matches.
    minimum, maximum : number, optional
        The range of clean values.
    required : bool
        False when the clean data has missing values in this column.
    unique : bool
        True when no two rows share a value.
    role : str, optional
        What the column is for in teaching: "identifier", "personal", "protected", "label", "leaky",
        "proxy", "feature", "outcome", or "latent" (a truth known only to the simulation, such as a child's
        real level of need: in the clean data, never in the as-received file).
    assumption : str, optional
        Set when the figures behind this column are a design assumption rather than published fact.
    """

    name: str
    type: str
    description: str
    enum: tuple[str, ...] | None = None
    ordered: bool = False
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True
    unique: bool = False
    role: str | None = None
    assumption: str | None = None

    def __post_init__(self) -> None:
        if self.type not in _TYPES:
            raise ValueError(f"Field {self.name!r}: unknown type {self.type!r}")

    # -- pandas types --------------------------------------------------------------------------------------
    def clean_dtype(self) -> Any:
        if self.enum is not None:
            return pd.CategoricalDtype(list(self.enum), ordered=self.ordered)
        return {
            "string": "str",
            "integer": "Int64",
            "number": "float64",
            "boolean": "bool" if self.required else "boolean",
            "date": "datetime64[us]",
            "datetime": "datetime64[us]",
        }[self.type]

    def dirty_dtype(self) -> Any:
        """Dirty frames hold text wherever a defect may have mixed formats or codes."""
        return {
            "string": "str",
            "integer": "Int64",
            "number": "float64",
            "boolean": "boolean",
            "date": "str",
            "datetime": "str",
        }[self.type]

    # -- Table Schema ----------------------------------------------------------------------------------------
    def to_table_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "date":
            out["format"] = DATE_FORMAT
        elif self.type == "datetime":
            out["format"] = DATETIME_FORMAT
        constraints: dict[str, Any] = {"required": self.required}
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        out["constraints"] = constraints
        if self.ordered:
            out["labkit:ordered"] = True
        if self.role:
            out["labkit:role"] = self.role
        if self.assumption:
            out["labkit:assumption"] = self.assumption
        return out


AREA_FIELDS = (
    Field(
        "lsoa_code",
        "string",
        "LSOA-like small-area code (fictional range E019xxxxx).",
        pattern=C.LSOA_PATTERN,
        role="proxy",
    ),
    Field(
        "imd_decile",
        "integer",
        "IMD decile: 1 is the most deprived 10%.",
        minimum=1,
        maximum=10,
        role="feature",
    ),
)
"""The small-area columns that several datasets share, described the same way in each."""


def _to_text(series: pd.Series, field: Field) -> pd.Series:
    """A column as the text written to CSV (missing values stay missing)."""
    if field.type == "date" and not pd.api.types.is_string_dtype(series.dtype):
        text = format_dates(series.to_numpy(dtype="datetime64[us]"))
        return pd.Series(text, index=series.index, dtype=object, copy=False)
    if field.type == "datetime" and not pd.api.types.is_string_dtype(series.dtype):
        text = format_datetimes(series.to_numpy(dtype="datetime64[us]"))
        return pd.Series(text, index=series.index, dtype=object, copy=False)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype(object).where(series.notna(), None)
    return series


def coerce_clean(frame: pd.DataFrame, fields: tuple[Field, ...]) -> pd.DataFrame:
    """Give a clean frame exactly the documented columns, in order, with their clean types."""
    out = {}
    for f in fields:
        col = frame[f.name]
        dtype = f.clean_dtype()
        if f.type in {"date", "datetime"}:
            col = pd.Series(np.asarray(col, dtype="datetime64[us]"), index=frame.index, copy=False)
        out[f.name] = col.astype(dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def coerce_dirty(frame, fields: tuple[Field, ...]) -> pd.DataFrame:
    """Give a dirty frame (or a dict of equal-length columns) its documented columns and dirty types."""
    out = {}
    n = None
    for f in fields:
        col = frame[f.name]
        if not isinstance(col, pd.Series):
            col = pd.Series(col, dtype=object, copy=False)
        n = len(col)
        col = _to_text(col.reset_index(drop=True), f)
        out[f.name] = col.astype(f.dirty_dtype())
    return pd.DataFrame(out, index=pd.RangeIndex(n or 0))


def to_csv_text(frame: pd.DataFrame, fields: tuple[Field, ...]) -> str:
    """The CSV text of a clean or dirty frame: UTF-8, ``\\n`` line ends, ISO dates, empty for missing."""
    text = pd.DataFrame({f.name: _to_text(frame[f.name], f) for f in fields})
    return text.to_csv(index=False, lineterminator="\n")


def parse_text(frame: pd.DataFrame, fields: tuple[Field, ...], *, clean: bool) -> pd.DataFrame:
    """Turn a frame read as text (every column ``str``) into the clean or dirty types."""
    out = {}
    for f in fields:
        col = frame[f.name]
        if clean:
            if f.type == "date":
                col = pd.to_datetime(col, format=DATE_FORMAT)
            elif f.type == "datetime":
                col = pd.to_datetime(col, format=DATETIME_FORMAT)
        if f.type == "integer":
            col = pd.to_numeric(col).astype("Int64")
        elif f.type == "number":
            col = pd.to_numeric(col).astype("float64")
        elif f.type == "boolean":
            col = col.map({"True": True, "False": False}).astype("boolean")
        out[f.name] = col.astype(f.clean_dtype() if clean else f.dirty_dtype())
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def read_csv_text(path, fields: tuple[Field, ...], *, clean: bool) -> pd.DataFrame:
    """Read a sandbox CSV file into the clean or dirty types."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    return parse_text(raw, fields, clean=clean)


def table_schema(fields: tuple[Field, ...], primary_key: str | None) -> dict[str, Any]:
    """A Frictionless Table Schema for these fields."""
    schema: dict[str, Any] = {"fields": [f.to_table_schema() for f in fields], "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = [primary_key]
    return schema
