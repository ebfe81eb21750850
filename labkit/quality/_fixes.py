"""Fixes for the common defects. Each returns a :class:`FixReport` saying exactly what it changed.

No fix changes the table it is given: the fixed copy is ``report.data`` and
every changed value is a row of ``report.changes`` (row, column, before,
after, note), so a data owner can review the changes before accepting them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._report import Report, Section, Table
from labkit._text import count, listing, pct, plural
from labkit.quality._formats import (
    DFE_ETHNICITY_TO_CENSUS_2021,
    FORMATS,
    LEGACY_MISSING_CODES,
    PLACEHOLDER_DATES,
    SEX_CODES,
)
from labkit.quality._values import as_text, expected_by_key, parse_mixed_dates

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FixReport", "fill_from_key", "fix_codes", "fix_dates", "fix_placeholders", "fix_postcodes"]


class FixReport(Report):
    """What a fix changed.

    Attributes
    ----------
    data : DataFrame
        A fixed copy of the table (the original is unchanged).
    changes : DataFrame
        One row per changed value: ``row`` (position), ``column``, ``before``,
        ``after`` and ``note``.
    column : str
        The column that was fixed.
    """

    kind = "FixReport"

    def __init__(
        self, title: str, summary: str, data: pd.DataFrame, changes: pd.DataFrame, column: str
    ) -> None:
        self.data = data
        self.changes = changes
        self.column = column
        notes = changes["note"].value_counts().rename_axis("what changed").reset_index(name="values")
        sections = [
            Section("What changed", tables=[Table("Changes by kind", notes)] if len(notes) else []),
            Section(
                "Examples",
                tables=[Table("The first 20 changes", changes.head(20))] if len(changes) else [],
                text="" if len(changes) else "Nothing needed changing.",
            ),
        ]
        super().__init__(title, summary, sections, frame=changes)

    @property
    def n_changed(self) -> int:
        """How many values changed."""
        return len(self.changes)

    def notes(self, contains: str) -> pd.DataFrame:
        """The changes whose note contains ``contains`` (for example ``"ambiguous"``)."""
        return self.changes[self.changes["note"].str.contains(contains, regex=False)].reset_index(drop=True)

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "n_changed": self.n_changed,
            "by_note": self.changes["note"].value_counts().to_dict(),
        }


def _prepare(df: Any, column: Any, param: str = "column") -> pd.DataFrame:
    from labkit.quality._validate import require_columns, require_frame

    require_frame(df, "df")
    if not isinstance(column, str):
        raise LabkitError(
            f"{param} must be a column name (text), not {type(column).__name__}.",
            where=f"parameter {param}",
            fix="Pass the column's name, e.g. 'reported_at'.",
        )
    require_columns(df, [column], param)
    return df


def _changes(rows: Any, column: str, before: Any, after: Any, note: Any) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    n = len(rows)
    return pd.DataFrame(
        {
            "row": np.asarray(rows, dtype=np.int64),
            "column": [column] * n,
            "before": pd.Series(before, dtype=object).to_numpy(),
            "after": pd.Series(after, dtype=object).to_numpy(),
            "note": pd.Series(note, dtype=object).to_numpy() if not isinstance(note, str) else [note] * n,
        }
    )


def _show(values: pd.Series) -> pd.Series:
    """Values as display text; dates at midnight lose their time; missing shows as ''."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(values):
        text = values.dt.strftime("%Y-%m-%d %H:%M:%S").str.replace(" 00:00:00", "", regex=False)
        return text.where(values.notna(), "")
    return values.astype(object).where(values.notna(), "")


def fix_dates(df: pd.DataFrame, column: str, *, dayfirst: bool = True) -> FixReport:
    """Read a column of dates written in mixed forms into real dates.

    ISO dates (2024-03-31) are read as they are. Dates with slashes are read
    as day/month/year when the first number is over 12, as month/day/year (the
    US form) when the second is over 12, and otherwise as ``dayfirst`` says
    (UK day-first by default) -- these are *ambiguous* and listed in the report
    so that someone can check them. Values that cannot be read become missing
    and are listed too.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import fix_dates
    >>> df = pd.DataFrame({"reported_at": ["2024-03-31", "31/03/2024", "03/04/2024", "12/31/2024"]})
    >>> result = fix_dates(df, "reported_at")
    >>> result.data["reported_at"].dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-31', '2024-03-31', '2024-04-03', '2024-12-31']
    >>> result.notes("ambiguous")["before"].tolist()
    ['03/04/2024']
    """
    import numpy as np
    import pandas as pd

    _prepare(df, column)
    original = df[column]
    out = df.copy()
    if pd.api.types.is_datetime64_any_dtype(original):
        return FixReport(
            f"Fix dates: {column}",
            f"{column} already holds dates; nothing needed changing.",
            out,
            _changes([], column, [], [], []),
            column,
        )
    text = as_text(original).str.strip()
    fixed, iso_ok, ambiguous, uk_only, us_only = parse_mixed_dates(text, dayfirst)
    present = text.notna() & text.ne("")
    unreadable = present & fixed.isna()
    changed = present & ~iso_ok
    first = "day-first (UK)" if dayfirst else "month-first (US)"
    note = np.select(
        [unreadable, ambiguous & changed, uk_only, us_only],
        [
            "could not be read: now missing",
            f"ambiguous: read as {first}",
            "day-first (UK) form",
            "month-first (US) form",
        ],
        default="day and month equal",
    )
    rows = np.flatnonzero(changed.to_numpy())
    changes = _changes(rows, column, text.to_numpy()[rows], _show(fixed).to_numpy()[rows], note[rows])
    out[column] = fixed.set_axis(df.index)
    n_amb = int((ambiguous & changed).sum())
    n_bad = int(unreadable.sum())
    summary = (
        f"{plural(int(present.sum()), 'value')} of {column} "
        f"{'was' if int(present.sum()) == 1 else 'were'} read as dates; "
        f"{count(int(changed.sum()))} {'was' if int(changed.sum()) == 1 else 'were'} not in the ISO form "
        f"(YYYY-MM-DD) and {'was' if int(changed.sum()) == 1 else 'were'} converted. "
        f"{plural(n_amb, 'date')} could be read either way (such as 03/04/2024) and "
        f"{'was' if n_amb == 1 else 'were'} read as {first}: check "
        f"{'it' if n_amb == 1 else 'them'} against another source. "
        f"{plural(n_bad, 'value')} could not be read and {'is' if n_bad == 1 else 'are'} now missing."
    )
    return FixReport(f"Fix dates: {column}", summary, out, changes, column)


def fix_postcodes(df: pd.DataFrame, column: str) -> FixReport:
    """Write postcodes in the standard form: capitals, one space before the last three characters.

    Postcodes that still do not look like a UK postcode afterwards are left as
    they are and listed in the report.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import fix_postcodes
    >>> df = pd.DataFrame({"postcode": ["zx47np", " ZX4  7NP", "ZX4 7NP", "7NP"]})
    >>> result = fix_postcodes(df, "postcode")
    >>> result.data["postcode"].tolist()
    ['ZX4 7NP', 'ZX4 7NP', 'ZX4 7NP', '7NP']
    >>> result.changes["note"].tolist()
    ['tidied', 'tidied', 'not a valid UK postcode: left as it was']
    """
    import numpy as np

    _prepare(df, column)
    text = as_text(df[column])
    squashed = text.str.upper().str.replace(r"\s+", "", regex=True)
    tidy = squashed.str[:-3] + " " + squashed.str[-3:]
    valid = tidy.str.fullmatch(FORMATS["uk_postcode"].pattern).fillna(False).astype(bool)
    fixed = tidy.where(valid, text)
    present = text.notna()
    changed = present & valid & (fixed != text)
    invalid = present & ~valid
    rows = np.flatnonzero((changed | invalid).to_numpy())
    note = np.where(invalid.to_numpy()[rows], "not a valid UK postcode: left as it was", "tidied")
    changes = _changes(rows, column, text.to_numpy()[rows], fixed.to_numpy()[rows], note)
    out = df.copy()
    out[column] = fixed.set_axis(df.index)
    n_bad = int(invalid.sum())
    summary = (
        f"{plural(int(changed.sum()), 'postcode')} in {column} were rewritten in the standard form "
        f"(capitals, one space). {plural(n_bad, 'value')} still "
        f"{'does' if n_bad == 1 else 'do'} not look like a UK postcode and "
        f"{'was left as it was' if n_bad == 1 else 'were left as they were'}: check against the address."
    )
    return FixReport(f"Fix postcodes: {column}", summary, out, changes, column)


def default_code_map(values: pd.Series, column: str) -> dict[str, str | None]:
    """The legacy codes labkit recognises in a column, and what each becomes."""
    mapping: dict[str, str | None] = dict.fromkeys(LEGACY_MISSING_CODES)
    present = set(values.dropna().astype(str).str.strip().str.upper())
    if present & (set(DFE_ETHNICITY_TO_CENSUS_2021) - {"REFU", "NOBT"}):
        mapping |= DFE_ETHNICITY_TO_CENSUS_2021
    if any(word in column.lower() for word in ("sex", "gender")):
        mapping |= SEX_CODES | {"F": "Female", "M": "Male"}
    return mapping


def fix_codes(df: pd.DataFrame, column: str, mapping: dict[str, str | None] | None = None) -> FixReport:
    """Replace legacy codes with the current code list; codes meaning "not known" become missing.

    Without a ``mapping``, labkit uses the code lists it knows: DfE four-letter
    ethnicity codes become census 2021 categories (REFU, refused, and NOBT, not
    obtained, become missing); in a column about sex, 1/2/M/F become Male/Female
    and 0/9 become missing; words such as UNSPECIFIED become missing. DfE's
    WROM (Gypsy / Roma) has no exact census category and is noted as approximate.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import fix_codes
    >>> df = pd.DataFrame({"ethnic_group": ["WBRI", "Asian: Indian", "REFU"]})
    >>> fix_codes(df, "ethnic_group").data["ethnic_group"].tolist()
    ['White: English, Welsh, Scottish, Northern Irish or British', 'Asian: Indian', nan]
    """
    import numpy as np
    import pandas as pd

    _prepare(df, column)
    text = as_text(df[column])
    if mapping is None:
        mapping = default_code_map(text, column)
    elif not isinstance(mapping, dict):
        raise LabkitError(
            f"mapping must be a dict from old code to new value, not {type(mapping).__name__}.",
            where="parameter mapping",
            fix="Pass e.g. {'WIRI': 'White: Irish', 'REFU': None}.",
        )
    lookup = {str(k).strip().upper(): v for k, v in mapping.items()}
    key = text.str.strip().str.upper()
    hit = key.isin(list(lookup)) & text.notna()
    new = key.map(lookup)
    fixed = text.where(~hit, new)
    rows = np.flatnonzero(hit.to_numpy())
    before = text.to_numpy()[rows]
    after = fixed.to_numpy()[rows]
    missing = pd.isna(after)
    note = np.where(missing, "code means 'not known': now missing", "old code mapped to the current list")
    note = np.where(
        key.to_numpy()[rows] == "WROM", "old code mapped (approximate: DfE WROM is Gypsy / Roma)", note
    )
    changes = _changes(rows, column, before, np.where(missing, "", after), note)
    out = df.copy()
    out[column] = fixed.set_axis(df.index)
    n_missing = int(missing.sum())
    used = sorted(set(key.to_numpy()[rows]))
    summary = (
        f"{plural(len(rows), 'value')} in {column} used old codes ({listing(used[:8])}"
        f"{' and others' if len(used) > 8 else ''}). {count(len(rows) - n_missing)} "
        f"{'was' if len(rows) - n_missing == 1 else 'were'} mapped to the current list and "
        f"{count(n_missing)} meant 'not known' and {'is' if n_missing == 1 else 'are'} now missing."
        if len(rows)
        else f"No old codes were found in {column}; nothing needed changing."
    )
    return FixReport(f"Fix codes: {column}", summary, out, changes, column)


def fix_placeholders(
    df: pd.DataFrame, column: str, placeholders: list[str] | None = None, *, flag_column: str | None = None
) -> FixReport:
    """Turn placeholder values (such as a 1900-01-01 birth date) into missing values, and flag them.

    Parameters
    ----------
    placeholders : list of str, optional
        The values that mean "not known". Default: the placeholder dates
        1900-01-01, 1901-01-01, 1899-12-31 and 9999-12-31.
    flag_column : str, optional
        If given, a true/false column of this name marks the rows that held a placeholder.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import fix_placeholders
    >>> df = pd.DataFrame({"dob": ["1980-02-01", "1900-01-01"]})
    >>> result = fix_placeholders(df, "dob", flag_column="dob_unknown")
    >>> result.data["dob_unknown"].tolist(), result.n_changed
    ([False, True], 1)
    """
    import numpy as np
    import pandas as pd

    _prepare(df, column)
    values = df[column]
    holders = list(placeholders) if placeholders is not None else list(PLACEHOLDER_DATES)
    if pd.api.types.is_datetime64_any_dtype(values):
        hit = values.isin([pd.Timestamp(p) for p in holders])
    else:
        text = as_text(values).str.strip()
        hit = text.isin(holders) | text.str.slice(0, 10).isin([h for h in holders if len(h) == 10])
        hit &= text.notna()
    hit = hit.fillna(False).astype(bool)
    rows = np.flatnonzero(hit.to_numpy())
    changes = _changes(
        rows, column, _show(values).to_numpy()[rows], [""] * len(rows), "placeholder: now missing"
    )
    out = df.copy()
    out[column] = values.where(~hit)
    if flag_column:
        out[flag_column] = hit.to_numpy()
    summary = (
        f"{plural(len(rows), 'value')} of {column} ({pct(len(rows) / len(df))}) held a placeholder "
        f"({listing(holders, 'or')}) and {'is' if len(rows) == 1 else 'are'} now missing."
    )
    return FixReport(f"Fix placeholders: {column}", summary, out, changes, column)


def fill_from_key(df: pd.DataFrame, key: str, column: str) -> FixReport:
    """Fill missing values of ``column`` from other rows with the same ``key``.

    For example, fill a missing UPRN from another repair to the same property.
    The value used is the one most rows for that key agree on.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import fill_from_key
    >>> df = pd.DataFrame({"property_id": ["P1", "P1", "P2"], "uprn": ["990001", None, None]})
    >>> fill_from_key(df, key="property_id", column="uprn").data["uprn"].tolist()
    ['990001', '990001', nan]
    """
    import numpy as np

    from labkit.quality._validate import require_columns

    _prepare(df, column)
    require_columns(df, [key], "key")
    pair = df[[key, column]].reset_index(drop=True)
    expected = expected_by_key(pair, key, column)
    fill = pair[column].isna() & expected.notna() & pair[key].notna()
    rows = np.flatnonzero(fill.to_numpy())
    out = df.copy()
    out[column] = pair[column].where(~fill, expected).set_axis(df.index)
    changes = _changes(
        rows,
        column,
        [""] * len(rows),
        _show(expected).to_numpy()[rows],
        f"filled from other rows with the same {key}",
    )
    left = int(out[column].isna().sum())
    summary = (
        f"{plural(len(rows), 'missing value')} of {column} {'was' if len(rows) == 1 else 'were'} "
        f"filled from other rows with the same {key}. {plural(left, 'value')} "
        f"{'is' if left == 1 else 'are'} still missing."
    )
    return FixReport(f"Fill from key: {column}", summary, out, changes, column)
