"""Defect injection: the realistic data-quality problems of council systems, with an answer key.

Defects are applied to a copy of the clean records, never to the clean frame
itself, and every injected defect is logged with the Government Data Quality
Framework dimension it breaks. The log is the answer key for data-quality
exercises: a quality audit can be scored against it.

Rates are per kind, as a share in [0, 1] of what the kind acts on: people
(duplicate_person), months (late_period) or rows (every other kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from labkit.data import _codes as C
from labkit.data._registry import DatasetSpec
from labkit.data._sampling import cumcount, format_datetimes, id_strings
from labkit.data._schema import Field, _to_text, coerce_clean, coerce_dirty


@dataclass(frozen=True)
class DefectKind:
    """One kind of defect: its name (a contract), GDQF dimension, default rate and meaning."""

    name: str
    dimension: str
    default_rate: float
    rate_of: str
    description: str


DEFECT_KINDS: dict[str, DefectKind] = {
    k.name: k
    for k in (
        DefectKind(
            "duplicate_person",
            "Uniqueness",
            0.03,
            "people with two or more records",
            "The same person appears under a second ID, with a spelling variant of their name and sometimes "
            "a different form of their address, as when two systems or two officers create a record.",
        ),
        DefectKind(
            "address_variant",
            "Consistency",
            0.04,
            "rows",
            "The address is written another way: abbreviated street type, capitals, no town, "
            "'27C' or '3/27' for 'Flat 3, 27', or no commas.",
        ),
        DefectKind(
            "missing_uprn",
            "Completeness",
            0.05,
            "rows",
            "The UPRN is blank although the property has one.",
        ),
        DefectKind(
            "placeholder_date",
            "Accuracy",
            0.01,
            "rows",
            "An unknown date of birth was entered as the placeholder 1900-01-01 (the value is valid in "
            "format but not true: an Accuracy problem that also breaks Validity ranges).",
        ),
        DefectKind(
            "legacy_code",
            "Consistency",
            0.03,
            "rows",
            "An old system's code is used instead of the current code list: DfE ethnicity codes such as "
            "WBRI, REFU or NOBT, sex as 0/1/2/9/F/M, or the word UNSPECIFIED.",
        ),
        DefectKind(
            "contradiction",
            "Consistency",
            0.005,
            "rows",
            "Two values contradict each other: an end date before its start date.",
        ),
        DefectKind(
            "mixed_date_format",
            "Validity",
            0.05,
            "rows",
            "A date is written as dd/mm/yyyy (UK) or mm/dd/yyyy (US) instead of the ISO yyyy-mm-dd form.",
        ),
        DefectKind(
            "late_period",
            "Timeliness",
            0.02,
            "months",
            "A whole month of records is missing from the extract, as when a system was down or a "
            "month's data was loaded late. At least one month is dropped when the rate is above 0.",
        ),
    )
}

LOG_FIELDS: tuple[Field, ...] = (
    Field("row", "integer", "Position of the affected row in the dirty file (0 is the first data row); "
          "blank for a month missing from the extract.", required=False, minimum=0),
    Field("record_id", "string", "Primary key of the affected record; blank for a missing month.",
          required=False),
    Field("column", "string", "The column the defect is in."),
    Field("kind", "string", "Defect kind.", enum=tuple(DEFECT_KINDS)),
    Field("dimension", "string", "Government Data Quality Framework dimension.",
          enum=("Accuracy", "Completeness", "Consistency", "Timeliness", "Uniqueness", "Validity")),
    Field("original", "string", "The true value, as text.", required=False),
    Field("injected", "string", "The value in the dirty file, as text (blank when it was removed).",
          required=False),
    Field("detail", "string", "More about the defect.", required=False),
)  # fmt: skip
PLACEHOLDER_DOB = "1900-01-01"


def default_rates() -> dict[str, float]:
    """The default rate of every defect kind."""
    return {k: d.default_rate for k, d in DEFECT_KINDS.items()}


class _Log:
    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []

    def add(self, kind: str, rows, record_ids, column: str, original, injected, detail="") -> None:
        n = len(rows)
        if n == 0:
            return
        self.parts.append(
            pd.DataFrame(
                {
                    "row": pd.array(rows, dtype="Int64"),
                    "record_id": np.asarray(record_ids, dtype=object),
                    "column": column,
                    "kind": kind,
                    "dimension": DEFECT_KINDS[kind].dimension,
                    "original": np.asarray(original, dtype=object),
                    "injected": np.asarray(injected, dtype=object),
                    "detail": np.broadcast_to(np.asarray(detail, dtype=object), (n,)),
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            empty = pd.DataFrame({f.name: pd.Series([], dtype=object) for f in LOG_FIELDS})
            return coerce_clean(empty, LOG_FIELDS)
        log = pd.concat(self.parts, ignore_index=True)
        rank = {k: i for i, k in enumerate(sorted(DEFECT_KINDS))}
        key = log["row"].fillna(2**40).to_numpy(dtype=np.int64) * 16 + log["kind"].map(rank).to_numpy()
        order = np.argsort(key, kind="stable")
        log = log.iloc[order].reset_index(drop=True)
        for column in ("record_id", "original", "injected", "detail"):
            log[column] = log[column].where(log[column].notna() & (log[column] != ""), None)
        return coerce_clean(log, LOG_FIELDS)


# -- text variants -----------------------------------------------------------------------------------------
def _name_variants(names: np.ndarray, ops: np.ndarray, pos: np.ndarray) -> np.ndarray:
    out = []
    for name, op, p in zip(names.tolist(), ops.tolist(), pos.tolist(), strict=True):
        first, _, last = name.partition(" ")
        i = 1 + p % max(len(last) - 2, 1)
        if op == 0 and len(last) > 3:
            new = f"{first} {last[:i]}{last[i + 1 :]}"  # a letter dropped
        elif op == 1 and len(last) > 3:
            new = f"{first} {last[:i]}{last[i + 1]}{last[i]}{last[i + 2 :]}"  # two letters swapped
        elif op == 2:
            new = f"{first[0]} {last}"  # initial only
        elif op == 3:
            new = f"{first} {last[: i + 1]}{last[i:]}"  # a letter doubled
        elif op == 4:
            new = f"{last}, {first}"  # surname first
        else:
            new = name.upper()
        out.append(new if new != name else name.upper())
    return np.asarray(out, dtype=object)


_FLAT = re.compile(r"^Flat (\d+), (\d+) (.*)$")


def _address_variants(addresses: np.ndarray, ops: np.ndarray) -> np.ndarray:
    out = []
    for address, op in zip(addresses.tolist(), ops.tolist(), strict=True):
        new = address
        if op == 0:
            for full, short in C.STREET_ABBREVIATIONS.items():
                if f" {full}," in address:
                    new = address.replace(f" {full},", f" {short},")
                    break
        elif op == 1:
            new = address.rsplit(", ", 1)[0]  # no town
        elif op == 2:
            m = _FLAT.match(address)
            if m:
                flat, number, rest = m.groups()
                new = f"{number}{chr(64 + int(flat))} {rest}" if int(flat) % 2 else f"{flat}/{number} {rest}"
        elif op == 3:
            new = address.replace(",", "")
        if new == address:
            new = address.upper()
        out.append(new)
    return np.asarray(out, dtype=object)


def _uk_us(text: pd.Series, us: np.ndarray) -> pd.Series:
    y, m, d, rest = text.str[:4], text.str[5:7], text.str[8:10], text.str[10:16]
    uk = d + "/" + m + "/" + y + rest
    usa = m + "/" + d + "/" + y + rest
    return uk.where(~us, usa)


def _new_ids(existing: pd.Series, n: int) -> np.ndarray:
    sample = str(existing.iloc[0])
    m = re.match(r"^(.*?)(\d+)$", sample)
    prefix, width = (m.group(1), len(m.group(2))) if m else ("X", 7)
    numbers = pd.to_numeric(existing.str.slice(len(prefix)), errors="coerce")
    start = int(numbers.max()) + 1
    return id_strings(prefix, np.arange(start, start + n), width)


# -- the injector ------------------------------------------------------------------------------------------
def inject(
    clean: pd.DataFrame, spec: DatasetSpec, rates: dict[str, float], rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Apply defects to a copy of ``clean``.

    Returns the dirty frame (dirty types), the defect log and the extra crosswalk rows (second IDs given to
    duplicated people: columns ``original_id`` and ``service_id``).
    """
    log = _Log()
    # late_period first: it removes rows, and every later row number refers to the dirty frame.
    keep = _late_period(clean, spec, rates.get("late_period", 0.0), rng, log)
    base = clean.loc[keep].reset_index(drop=True) if not keep.all() else clean
    work = _Work.of(base, spec, rng, log)
    extra_crosswalk = pd.DataFrame(
        {"original_id": pd.Series([], dtype="str"), "service_id": pd.Series([], dtype="str")}
    )
    rate = rates.get("duplicate_person", 0.0)
    if rate > 0 and spec.roles.person_id:
        extra_crosswalk = _duplicate_person(work, spec, rate, spec.roles.person_id)
    for kind, step in _ROW_DEFECTS:
        rate = rates.get(kind, 0.0)
        if rate > 0:
            step(work, spec, rate)
    return coerce_dirty(work.columns, spec.dirty_fields), log.frame(), extra_crosswalk


def _late_period(
    clean: pd.DataFrame, spec: DatasetSpec, rate: float, rng: np.random.Generator, log: _Log
) -> np.ndarray:
    """Drop whole months from the extract (not the first or last three); which rows to keep."""
    roles = spec.roles
    keep = np.ones(len(clean), dtype=bool)
    if not (rate > 0 and roles.period_column):
        return keep
    months = clean[roles.period_column].to_numpy(dtype="datetime64[us]").astype("datetime64[M]")
    uniq = np.unique(months)
    inner = uniq[3:-3] if len(uniq) > 8 else uniq
    n_drop = max(1, round(rate * len(uniq)))
    dropped = np.sort(rng.choice(inner, size=min(n_drop, len(inner)), replace=False))
    for month in dropped:
        hit = months == month
        keep &= ~hit
        label = str(month)
        log.add(
            "late_period",
            [None],
            [None],
            roles.period_column,
            [f"{int(hit.sum())} records in {label}"],
            ["0 records"],
            f"The month {label} is missing from the extract.",
        )
    return keep


@dataclass
class _Work:
    """The dirty copy being built, as plain numpy arrays (text as objects): fast, and no pandas
    copy-on-write copies per change. ``missing`` marks cells missing in the clean data and ``touched``
    cells a defect has changed, so no cell gets two defects."""

    base: pd.DataFrame
    columns: dict[str, Any]
    missing: dict[str, np.ndarray]
    touched: dict[str, np.ndarray]
    ids: Any
    rng: np.random.Generator
    log: _Log

    @classmethod
    def of(cls, base: pd.DataFrame, spec: DatasetSpec, rng: np.random.Generator, log: _Log) -> _Work:
        roles = spec.roles
        n = len(base)
        text_types = {"string", "date", "datetime"}
        editable = {roles.person_id, roles.person_name, roles.person_dob, roles.address, *roles.legacy,
                    *(roles.contradiction or ()), *roles.date_columns}  # fmt: skip
        columns: dict[str, Any] = {}
        missing: dict[str, np.ndarray] = {}
        for f in spec.dirty_fields:
            if f.type in text_types:
                text = _to_text(base[f.name], f)
                # copy=None: copy only when needed (Arrow-backed text, with pyarrow, always needs one).
                columns[f.name] = np.array(text, dtype=object, copy=True if f.name in editable else None)
            else:
                columns[f.name] = base[f.name]
            # Only optional columns can have missing values in the clean data.
            missing[f.name] = np.zeros(n, dtype=bool) if f.required else base[f.name].isna().to_numpy()
        touched = {c: np.zeros(n, dtype=bool) for c in columns}
        return cls(base, columns, missing, touched, columns[spec.primary_key], rng, log)

    @property
    def n(self) -> int:
        return len(self.base)

    def pick(self, column: str, rate: float) -> np.ndarray:
        """Rows to change in ``column``: each with chance ``rate``, if neither missing nor changed yet."""
        return np.flatnonzero(
            (self.rng.random(self.n) < rate) & ~self.touched[column] & ~self.missing[column]
        )

    def put(self, column: str, rows: np.ndarray, values: Any) -> None:
        self.columns[column][rows] = values
        self.touched[column][rows] = True


def _duplicate_person(work: _Work, spec: DatasetSpec, rate: float, person_id: str) -> pd.DataFrame:
    """Give chosen people a second ID (column person_id) on some later records; their crosswalk rows."""
    roles, rng, ids = spec.roles, work.rng, work.ids
    person = work.columns[person_id]
    codes, uniq = pd.factorize(person)
    uniq = np.asarray(uniq, dtype=object)
    counts = np.bincount(codes)
    rank = cumcount(codes)
    chosen = (rng.random(len(uniq)) < rate) & (counts >= 2)
    coin = rng.random(work.n) < 0.5
    rows = np.flatnonzero(chosen[codes] & (rank >= 1) & (coin | (rank == counts[codes] - 1)))
    people = np.unique(codes[rows])
    new_for = np.empty(len(uniq), dtype=object)
    new_for[people] = _new_ids(pd.Series(uniq, dtype=object), len(people))
    new_ids = new_for[codes[rows]]
    details = np.full(len(rows), "Second ID for the same person.", dtype=object)
    if roles.person_name:
        ops = rng.integers(0, 6, len(uniq))
        pos = rng.integers(0, 100, len(uniq))
        variants = _name_variants(work.columns[roles.person_name][rows], ops[codes[rows]], pos[codes[rows]])
        details = details + " Name recorded as '" + variants + "'."
        work.put(roles.person_name, rows, variants)
    if roles.address:
        vary = (rng.random(len(uniq)) < 0.5)[codes[rows]]
        sub = rows[vary]
        ops = rng.integers(0, 4, len(uniq))[codes[sub]]
        variants = _address_variants(work.columns[roles.address][sub], ops)
        details[vary] = details[vary] + " Address recorded as '" + variants + "'."
        work.put(roles.address, sub, variants)
    work.log.add("duplicate_person", rows, ids[rows], person_id, person[rows], new_ids, details)
    work.put(person_id, rows, new_ids)
    return pd.DataFrame({"original_id": uniq[people], "service_id": new_for[people]}).astype("str")


def _address_variant(work: _Work, spec: DatasetSpec, rate: float) -> None:
    column = spec.roles.address
    if not column:
        return
    rows = work.pick(column, rate)
    original = work.columns[column][rows]
    variants = _address_variants(original, work.rng.integers(0, 4, len(rows)))
    work.put(column, rows, variants)
    work.log.add("address_variant", rows, work.ids[rows], column, original, variants)


def _missing_uprn(work: _Work, spec: DatasetSpec, rate: float) -> None:
    name = spec.roles.uprn
    if not name:
        return
    rows = work.pick(name, rate)
    column = work.columns[name].copy()
    original = column.to_numpy(dtype=object)[rows].astype(str)
    column.iloc[rows] = pd.NA
    work.columns[name] = column
    work.touched[name][rows] = True
    work.log.add("missing_uprn", rows, work.ids[rows], name, original, [None] * len(rows))


def _placeholder_date(work: _Work, spec: DatasetSpec, rate: float) -> None:
    column = spec.roles.person_dob
    if not column:
        return
    rows = work.pick(column, rate)
    original = work.columns[column][rows]
    work.put(column, rows, PLACEHOLDER_DOB)
    work.log.add("placeholder_date", rows, work.ids[rows], column, original, [PLACEHOLDER_DOB] * len(rows))


def _legacy_code(work: _Work, spec: DatasetSpec, rate: float) -> None:
    """Replace codes by an old system's codes (ethnicity, sex) or its 'unspecified' code."""
    legacy, rng = spec.roles.legacy, work.rng
    if not legacy:
        return
    columns = list(legacy)
    rows = np.flatnonzero(rng.random(work.n) < rate)
    which = rng.integers(0, len(columns), len(rows))
    draw = rng.random(len(rows))
    for j, column in enumerate(columns):
        sel = which == j
        sub, u = rows[sel], draw[sel]
        ok = ~work.touched[column][sub] & ~work.missing[column][sub]
        sub, u = sub[ok], u[ok]
        original = work.columns[column][sub]
        code_set = legacy[column]
        if code_set == "ethnicity":
            codes = np.asarray([C.DFE_ETHNICITY_CODES.get(v, "OOTH") for v in original], dtype=object)
            codes = np.where(u < 0.12, np.where(u < 0.06, "REFU", "NOBT"), codes)
        elif code_set == "sex":
            table = np.asarray([C.LEGACY_SEX_CODES[v] for v in original], dtype=object).reshape(-1, 4)
            codes = table[np.arange(len(sub)), (u * 4).astype(int)]
        else:
            codes = np.full(len(sub), C.LEGACY_UNSPECIFIED, dtype=object)
        work.put(column, sub, codes)
        work.log.add("legacy_code", sub, work.ids[sub], column, original, codes)


def _contradiction(work: _Work, spec: DatasetSpec, rate: float) -> None:
    """Put an end date or time before its start."""
    if not spec.roles.contradiction:
        return
    start, end = spec.roles.contradiction
    rows = work.pick(end, rate)
    rows = rows[~work.missing[start][rows]]
    start_values = work.base[start].to_numpy(dtype="datetime64[s]")[rows]
    minutes = work.rng.integers(60, 20 * 24 * 60, len(rows)).astype("timedelta64[m]")
    text = format_datetimes(start_values - minutes)
    if spec.field(end).type == "date":
        text = np.asarray([t[:10] for t in text], dtype=object)
    original = work.columns[end][rows]
    work.put(end, rows, text)
    work.log.add("contradiction", rows, work.ids[rows], end, original, text, f"{end} is before {start}.")


def _mixed_date_format(work: _Work, spec: DatasetSpec, rate: float) -> None:
    """Write some dates day-first (UK) or month-first (US) instead of ISO."""
    if not spec.roles.date_columns:
        return
    rng = work.rng
    columns = list(spec.roles.date_columns)
    rows = np.flatnonzero(rng.random(work.n) < rate)
    which = rng.integers(0, len(columns), len(rows))
    us = rng.random(len(rows)) < 0.4
    for j, column in enumerate(columns):
        sel = which == j
        sub, sub_us = rows[sel], us[sel]
        ok = ~work.touched[column][sub] & ~work.missing[column][sub]
        sub, sub_us = sub[ok], sub_us[ok]
        original = work.columns[column][sub]
        text = _uk_us(pd.Series(original, dtype=object), sub_us).to_numpy(dtype=object)
        work.put(column, sub, text)
        detail = np.where(sub_us, "US month-first format", "UK day-first format")
        work.log.add("mixed_date_format", sub, work.ids[sub], column, original, text, detail)


# The defects acting on rows, in the order they are applied (after late_period and duplicate_person): the
# order fixes the random draws, and so the committed sandbox files.
_ROW_DEFECTS = (
    ("address_variant", _address_variant),
    ("missing_uprn", _missing_uprn),
    ("placeholder_date", _placeholder_date),
    ("legacy_code", _legacy_code),
    ("contradiction", _contradiction),
    ("mixed_date_format", _mixed_date_format),
)


def validate_rates(defects: Any) -> dict[str, float] | None:
    """Turn the ``defects`` argument into a rate per kind (None means no dirty copy)."""
    from labkit._errors import LabkitError

    if defects is None:
        return None
    if isinstance(defects, str):
        if defects == "default":
            return default_rates()
        raise LabkitError(
            f"defects={defects!r} is not a setting labkit knows.",
            where="parameter defects",
            fix="Use defects='default', defects=None (no defects) or a dict such as {'missing_uprn': 0.1}.",
        )
    if not isinstance(defects, dict):
        raise LabkitError(
            f"defects must be 'default', None or a dict of rates, not {type(defects).__name__}.",
            where="parameter defects",
            fix="Pass a dict such as {'missing_uprn': 0.1, 'duplicate_person': 0.05}.",
        )
    rates = dict.fromkeys(DEFECT_KINDS, 0.0)
    for kind, rate in defects.items():
        if kind not in DEFECT_KINDS:
            raise LabkitError(
                f"{kind!r} is not a defect kind labkit knows.",
                where="parameter defects",
                fix=f"Use one of: {', '.join(DEFECT_KINDS)}.",
            )
        ok = isinstance(rate, (int, float, np.integer, np.floating)) and not isinstance(rate, bool)
        if not ok or not (0.0 <= float(rate) <= 1.0) or np.isnan(float(rate)):
            raise LabkitError(
                f"The rate for {kind!r} must be a number from 0 to 1, not {rate!r}.",
                where=f"parameter defects[{kind!r}]",
                fix="Give a share such as 0.05 for 5%.",
            )
        rates[kind] = float(rate)
    return rates
