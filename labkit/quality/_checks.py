"""Turn a data standard into pandera schemas, run them, and collect failures.

Every check is a named, vectorised :class:`pandera.Check`. labkit keeps a
:class:`CheckSpec` beside each one (its Data Quality Framework dimension, the
columns it reads, a plain-English sentence and a suggested fix), so pandera's
tidy failure cases can be turned into findings. Three kinds of schema run:

- a *raw* schema on the values as received (is each date written in the
  expected form? is each number a number?);
- a *typed* schema on the same values converted to their declared types
  (required, unique, codes, formats, ranges, placeholders);
- small table schemas for checks that read several columns (cross-field rules,
  one value per key, primary keys, possible duplicate people).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from labkit._text import count, listing, pct, plural
from labkit.quality._formats import FORMATS
from labkit.quality._values import (
    BOOL_TEXT,
    DATE_FORMATS,
    as_text,
    expected_by_key,
    in_form,
    iso_form,
    per_unique,
    read_dates,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    import pandera.pandas as pa

    from labkit.quality._standard import ColumnStandard, DataStandard

__all__ = ["DIMENSIONS", "CheckPlan", "CheckSpec", "build_plan", "run_plan"]

DIMENSIONS: dict[str, str] = {
    "Completeness": "the records and values that should be there are there",
    "Uniqueness": "nothing is recorded twice",
    "Consistency": "values agree with each other and with the same thing recorded elsewhere",
    "Timeliness": "the data covers the period it should and is up to date",
    "Validity": "values are in the range and format expected",
    "Accuracy": "values match reality",
}


def a(word: str) -> str:
    """``a('postcode') -> 'a postcode'``; ``a('address') -> 'an address'``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


@dataclass
class CheckSpec:
    """What one check means, for turning its failures into a finding."""

    id: str
    kind: str
    dimension: str
    columns: tuple[str, ...]
    sentence: str
    fix: str
    n_checked: int = 0
    # Filled in after the run:
    rows: Any = None  # numpy array of failing row positions
    values: str = ""  # the most common failing values, as text
    n_failed: int | None = None  # for table-level checks that fail periods, not rows


@dataclass
class CheckPlan:
    """The schemas to run and the frames they run on."""

    specs: dict[str, CheckSpec] = field(default_factory=dict)
    runs: list[tuple[pa.DataFrameSchema, pd.DataFrame]] = field(default_factory=list)
    table_findings: list[CheckSpec] = field(default_factory=list)
    typed: pd.DataFrame | None = None

    def add(self, spec: CheckSpec) -> str:
        self.specs[spec.id] = spec
        return spec.id


# --- converting values ---------------------------------------------------------------
def to_typed(s: pd.Series, col: ColumnStandard) -> tuple[pd.Series, pd.Series | None]:
    """Convert ``s`` to the column's declared type.

    Returns the typed values (unconvertible values become missing) and, when a
    conversion from text was needed, the raw text to check the form of.
    """
    import pandas as pd

    t = col.type
    if t in {"date", "datetime"}:
        if pd.api.types.is_datetime64_any_dtype(s):
            return (s.dt.tz_localize(None) if s.dt.tz is not None else s), None
        text = as_text(s)
        return read_dates(text, DATE_FORMATS.get(col.date_format or "")), text
    if t in {"integer", "number"}:
        if pd.api.types.is_bool_dtype(s):
            return s.astype("Int64"), None
        if pd.api.types.is_numeric_dtype(s):
            return s, None
        text = as_text(s)
        return pd.to_numeric(text.str.strip(), errors="coerce"), text
    if t == "boolean":
        if pd.api.types.is_bool_dtype(s):
            return s, None
        text = as_text(s)
        return per_unique(text, lambda u: u.str.strip().str.lower().map(BOOL_TEXT)), text
    return as_text(s), None


# --- the plan ------------------------------------------------------------------------
def build_plan(df: pd.DataFrame, std: DataStandard) -> CheckPlan:
    """Build every check the standard asks for on ``df`` (which is never changed).

    Each described column is converted to its declared type (:func:`_convert`), its
    checks are built (:func:`_column_checks`), and the checks are gathered into one
    typed and one raw pandera schema; then the table-level checks are added.
    """
    import pandas as pd

    plan = CheckPlan()
    n = len(df)
    index = pd.RangeIndex(n)
    typed_cols: dict[str, pd.Series] = {}
    raw_cols: dict[str, pd.Series] = {}
    present_cols: dict[str, pd.Series] = {}
    typed_checks: dict[str, list[pa.Check]] = {}
    raw_checks: dict[str, list[pa.Check]] = {}
    for col in std.columns:
        if col.name not in df.columns:
            plan.table_findings.append(_missing_column(col.name, n))
            continue
        typed, raw, present = _convert(df[col.name].set_axis(index), col)
        typed_cols[col.name] = typed
        present_cols[col.name] = present
        checks_t, checks_r = _column_checks(plan, std, col, typed, raw, present)
        if checks_t:
            typed_checks[col.name] = checks_t
        if checks_r:
            raw_checks[col.name] = checks_r
        if raw is not None:
            raw_cols[col.name] = raw
    plan.typed = pd.DataFrame(typed_cols, index=index) if typed_cols else pd.DataFrame(index=index)
    if typed_checks:
        plan.runs.append((_schema(typed_checks), plan.typed[list(typed_checks)]))
    if raw_checks:
        plan.runs.append(
            (_schema(raw_checks), pd.DataFrame({c: raw_cols[c] for c in raw_checks}, index=index))
        )
    _table_checks(plan, std, plan.typed, present_cols)
    return plan


def _missing_column(name: str, n: int) -> CheckSpec:
    import numpy as np

    return CheckSpec(
        id=f"missing_column:{name}",
        kind="missing_column",
        dimension="Completeness",
        columns=(name,),
        sentence=f"The column {name!r} that the standard describes is not in the data.",
        fix="Add the column to the extract, or take it out of the standard if it is not needed.",
        n_checked=n,
        rows=np.arange(n),
    )


def _convert(source: pd.Series, col: ColumnStandard) -> tuple[pd.Series, pd.Series | None, pd.Series]:
    """The typed values, the raw text (when a conversion was needed) and where a value is present."""
    import pandas as pd

    typed, raw = to_typed(source, col)
    blank = raw if raw is not None else (typed if col.type == "string" else None)
    # Empty text counts as missing (read_csv already reads empty cells as missing).
    present = source.notna()
    if blank is not None and pd.api.types.is_string_dtype(blank):
        present &= blank.ne("").fillna(False).astype(bool)
    return typed, raw, present


def _schema(checks: dict[str, list[pa.Check]]) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {c: pa.Column(checks=ch, nullable=True, required=False) for c, ch in checks.items()}
    )


def _column_checks(
    plan: CheckPlan,
    std: DataStandard,
    col: ColumnStandard,
    typed: pd.Series,
    raw: pd.Series | None,
    present: pd.Series,
) -> tuple[list[pa.Check], list[pa.Check]]:
    """The checks on one column's typed values and on its raw text."""
    n, name = len(typed), col.name
    n_typed = int(typed.notna().sum())
    checks_t: list[pa.Check] = []
    checks_r: list[pa.Check] = []
    if col.required:
        cid = plan.add(
            CheckSpec(
                f"required:{name}",
                "required",
                "Completeness",
                (name,),
                f"[have] no {name}",
                f"Find the missing {name} values in the system they came from; where a value is "
                "truly unknown, record why.",
                n,
            )
        )
        checks_t.append(_check(lambda s, m=present: m, cid, ignore_na=False))
    if raw is not None:
        checks_r.append(_raw_type_check(plan, col, int(present.sum())))
    if col.unique:
        cid = plan.add(
            CheckSpec(
                f"unique:{name}",
                "unique",
                "Uniqueness",
                (name,),
                f"[share] {a(name)} with another {std.entity}",
                f"Find the repeated {name} values and decide which record to keep; a value that "
                "identifies a record must never be reused.",
                n_typed,
            )
        )
        checks_t.append(_check(lambda s: ~s.duplicated(keep=False), cid))
    if col.type == "integer":
        cid = plan.add(
            CheckSpec(
                f"whole:{name}",
                "type",
                "Validity",
                (name,),
                f"[have] {a(name)} that is not a whole number",
                f"Correct the {name} values at source; counts and codes are whole numbers.",
                n_typed,
            )
        )
        checks_t.append(_check(lambda s: (s % 1) == 0, cid))
    if col.type == "string":
        _string_checks(plan, col, n_typed, checks_t)
    _placeholder_and_range_checks(plan, col, n_typed, checks_t)
    return checks_t, checks_r


def _placeholder_and_range_checks(
    plan: CheckPlan, col: ColumnStandard, n_typed: int, checks: list[pa.Check]
) -> None:
    name = col.name
    skip = _typed_values(col.placeholders, col.type) if col.placeholders else []
    if col.placeholders:
        cid = plan.add(
            CheckSpec(
                f"placeholder:{name}",
                "placeholder",
                "Accuracy",
                (name,),
                f"[have] a placeholder {name} ({listing(list(col.placeholders), 'or')}) that stands "
                "for 'not known'",
                f"Turn the placeholders into missing values with labkit.quality.fix_placeholders(df, "
                f"{name!r}) so nobody mistakes them for real values; then find the real value.",
                n_typed,
            )
        )
        checks.append(_check(lambda s, v=skip: ~s.isin(v), cid))
    for bound, op in (("minimum", ">="), ("maximum", "<=")):
        limit = getattr(col, bound)
        if limit is None:
            continue
        value = _typed_values([limit], col.type)[0]
        word = "below" if op == ">=" else "above"
        if col.type in {"date", "datetime"}:
            word = "before" if op == ">=" else "after"
        cid = plan.add(
            CheckSpec(
                f"{bound}:{name}",
                "range",
                "Validity",
                (name,),
                f"[have] {a(name)} {word} the {bound} of {limit}",
                f"Check the {name} values outside the range at source; most are typing errors.",
                n_typed,
            )
        )
        if op == ">=":
            checks.append(_check(lambda s, v=value, k=skip: (s >= v) | s.isin(k), cid))
        else:
            checks.append(_check(lambda s, v=value, k=skip: (s <= v) | s.isin(k), cid))


def _check(fn: Any, name: str, ignore_na: bool = True) -> pa.Check:
    import pandera.pandas as pa

    return pa.Check(fn, name=name, ignore_na=ignore_na, error=name)


def _typed_values(values: Any, kind: str) -> list[Any]:
    import pandas as pd

    if kind in {"date", "datetime"}:
        return [pd.Timestamp(str(v)) for v in values]
    if kind in {"integer", "number"}:
        return [float(v) for v in values]
    return [str(v) for v in values]


def _raw_type_check(plan: CheckPlan, col: ColumnStandard, n_present: int) -> pa.Check:
    import pandas as pd

    name = col.name
    if col.type in {"date", "datetime"}:
        form = DATE_FORMATS.get(col.date_format or "")
        fmt = FORMATS["iso_date" if col.type == "date" else "iso_datetime"]
        described = (
            f"a date written {form.name} (for example {form.example})"
            if form
            else (f"{fmt.description} (for example {fmt.example})")
        )
        cid = plan.add(
            CheckSpec(
                f"date_format:{name}",
                "date_format",
                "Validity",
                (name,),
                f"[have] {a(name)} that is not {described}",
                f"Convert the dates with labkit.quality.fix_dates(df, {name!r}), then check by hand the "
                "ones it reports as ambiguous (such as 03/04/2024, which could be March or April).",
                n_present,
            )
        )
        if form is not None:
            return _check(lambda s, f=form: in_form(s, f), cid)
        return _check(lambda s, k=col.type: iso_form(s, k), cid)
    if col.type in {"integer", "number"}:
        cid = plan.add(
            CheckSpec(
                f"number:{name}",
                "type",
                "Validity",
                (name,),
                f"[have] {a(name)} that is not a number",
                f"Correct the {name} values at source; remove units and words from number columns.",
                n_present,
            )
        )
        return _check(lambda s: pd.to_numeric(s, errors="coerce").notna(), cid)
    cid = plan.add(
        CheckSpec(
            f"boolean:{name}",
            "type",
            "Validity",
            (name,),
            f"[have] {a(name)} that is not true or false",
            f"Record {name} as true or false (yes/no and 1/0 are also understood).",
            n_present,
        )
    )
    return _check(lambda s: per_unique(s, lambda u: u.str.strip().str.lower().isin(list(BOOL_TEXT))), cid)


def _string_checks(plan: CheckPlan, col: ColumnStandard, n_typed: int, checks: list[pa.Check]) -> None:
    """Codes, formats and patterns. A declared placeholder is reported once, as a placeholder (Accuracy)."""
    name = col.name
    legacy = list(col.legacy_codes)
    skip = [str(v) for v in col.placeholders]
    if col.allowed is not None:
        ok = list(col.allowed) + legacy + skip
        shown = listing([repr(a) for a in col.allowed[:4]], "or") + (" …" if len(col.allowed) > 4 else "")
        cid = plan.add(
            CheckSpec(
                f"allowed:{name}",
                "allowed",
                "Validity",
                (name,),
                f"[have] {a(name)} that is not "
                + (
                    "the one allowed code"
                    if len(col.allowed) == 1
                    else f"one of the {count(len(col.allowed))} allowed codes"
                ),
                f"Map each value to an allowed code ({shown}), or add it to the standard if the code "
                "list is out of date.",
                n_typed,
            )
        )
        checks.append(_check(lambda s, v=ok: s.isin(v), cid))
    if legacy:
        cid = plan.add(
            CheckSpec(
                f"legacy:{name}",
                "legacy",
                "Consistency",
                (name,),
                f"[use] an old code in {name} instead of the current code list",
                f"Map the old codes to the current list with labkit.quality.fix_codes(df, {name!r}); "
                "codes such as REFU (refused) become missing values, not categories.",
                n_typed,
            )
        )
        checks.append(_check(lambda s, v=legacy: ~s.isin(v), cid))
    fmt = FORMATS.get(col.format) if col.format else None
    if fmt is not None:
        fix = {
            "uk_postcode": f"Tidy the postcodes with labkit.quality.fix_postcodes(df, {name!r}); check any "
            "that still fail against the address.",
            "uprn": "Look the UPRN up in your address gazetteer (AddressBase) and copy it exactly.",
        }.get(fmt.name, f"Correct the {name} values at source so that each one is {fmt.description}.")
        cid = plan.add(
            CheckSpec(
                f"format:{name}",
                "format",
                "Validity",
                (name,),
                f"[have] {a(name)} that is not {fmt.description} (for example {fmt.example})",
                fix,
                n_typed,
            )
        )
        checks.append(_check(lambda s, p=fmt.pattern, k=skip: _matches(s, p, k), cid))
    if col.pattern:
        cid = plan.add(
            CheckSpec(
                f"pattern:{name}",
                "format",
                "Validity",
                (name,),
                f"[have] {a(name)} that does not match the pattern {col.pattern} from start to end",
                f"Correct the {name} values at source so that each whole value matches the pattern; if "
                "the pattern is meant to match only the start of a value, end it with .* in the standard.",
                n_typed,
            )
        )
        checks.append(_check(lambda s, p=col.pattern, k=skip: _matches(s, p, k), cid))


def _matches(s: pd.Series, pattern: str, skip: list[str]) -> pd.Series:
    """True where the whole value, without surrounding spaces, matches ``pattern`` (or is a placeholder)."""
    ok = per_unique(s, lambda u: u.str.strip().str.fullmatch(pattern))
    return ok.fillna(False).astype(bool) | s.isin(skip) if skip else ok


def _table_checks(
    plan: CheckPlan, std: DataStandard, typed: pd.DataFrame, present: dict[str, pd.Series]
) -> None:
    import pandera.pandas as pa

    def run(cols: list[str], spec: CheckSpec, fn: Any) -> None:
        cid = plan.add(spec)
        schema = pa.DataFrameSchema(checks=[_check(fn, cid, ignore_na=False)])
        plan.runs.append((schema, typed[cols]))

    have = set(typed.columns)
    pk = [c for c in std.primary_key if c in have]
    if pk and (len(pk) > 1 or not any(c.unique for c in std.columns if c.name == pk[0])):
        complete = typed[pk].notna().all(axis=1)
        run(
            pk,
            CheckSpec(
                "primary_key",
                "unique",
                "Uniqueness",
                tuple(pk),
                f"[share] the key {listing(pk)} with another {std.entity}",
                "Each record needs its own key: find the repeated keys and decide which record to keep.",
                int(complete.sum()),
            ),
            lambda d: ~(d.duplicated(keep=False) & d.notna().all(axis=1)),
        )
    for rule in std.rules:
        if rule.column not in have or rule.other not in have:
            continue
        both = typed[rule.column].notna() & typed[rule.other].notna()
        word = "before" if rule.op == ">=" else "after"
        if typed[rule.column].dtype.kind in "iuf":
            word = "below" if rule.op == ">=" else "above"
        run(
            [rule.column, rule.other],
            CheckSpec(
                f"rule:{rule.sentence}",
                "rule",
                "Consistency",
                (rule.column, rule.other),
                f"[have] {a(rule.column)} {word} the {rule.other}",
                f"Check these records with the service: either {rule.column} or {rule.other} is wrong.",
                int(both.sum()),
            ),
            lambda d, r=rule: _rule_holds(d, r),
        )
    for cons in std.consistent:
        if cons.key not in have:
            continue
        for col in cons.columns:
            if col not in have:
                continue
            _consistency_checks(run, std, typed, cons.key, col)
    if std.people is not None:
        from labkit.quality._match import duplicate_person_mask

        p = std.people
        needed = [c for c in (p.id, p.name, p.date_of_birth) if c is not None]
        if all(c in have for c in needed):
            mask, n_people = duplicate_person_mask(typed, p)
            run(
                [p.id],
                CheckSpec(
                    "duplicate_person",
                    "duplicate_person",
                    "Uniqueness",
                    tuple(needed),
                    f"[belong] to a person who seems to be recorded under more than one {p.id}",
                    "Review the likely pairs with labkit.quality.match_people(df) and merge the records "
                    "that are the same person; keep one ID per person.",
                    int(typed[p.id].notna().sum()),
                ),
                lambda d, m=mask: m,
            )
            plan.specs["duplicate_person"].values = f"{plural(n_people, 'likely pair')} of IDs"
    _timeliness_checks(plan, std, typed)


def _rule_holds(d: pd.DataFrame, rule: Any) -> pd.Series:
    a, b = d[rule.column], d[rule.other]
    holds = (a >= b) if rule.op == ">=" else (a <= b)
    return holds | a.isna() | b.isna()


def _consistency_checks(run: Any, std: DataStandard, typed: pd.DataFrame, key: str, col: str) -> None:
    has_key = typed[key].notna()
    run(
        [key, col],
        CheckSpec(
            f"consistent:{key}:{col}",
            "consistent",
            "Consistency",
            (col, key),
            f"[have] {a(col)} that differs from other {std.entity_plural} for the same {key}",
            f"Agree one {col} for each {key} and correct the others; for addresses, use the UPRN to "
            "take the address from your gazetteer.",
            int((has_key & typed[col].notna()).sum()),
        ),
        lambda d, k=key, c=col: ~(d[k].notna() & d[c].notna() & (d[c] != expected_by_key(d, k, c))),
    )
    run(
        [key, col],
        CheckSpec(
            f"recoverable:{key}:{col}",
            "recoverable_missing",
            "Completeness",
            (col, key),
            f"[have] no {col} although other {std.entity_plural} for the same {key} have one",
            f"Fill the gaps with labkit.quality.fill_from_key(df, key={key!r}, column={col!r}), "
            "which copies the value the other records agree on.",
            int(has_key.sum()),
        ),
        lambda d, k=key, c=col: ~(d[k].notna() & d[c].isna() & expected_by_key(d, k, c).notna()),
    )


def _timeliness_checks(plan: CheckPlan, std: DataStandard, typed: pd.DataFrame) -> None:
    import numpy as np
    import pandas as pd

    if std.freshness is not None and std.freshness.column in typed.columns:
        f = std.freshness
        values = typed[f.column]
        newest = values.max()
        as_of = pd.Timestamp(f.as_of) if f.as_of else pd.Timestamp.today().normalize()
        if pd.notna(newest):
            age = (as_of - newest).days
            fresh = age <= f.within_days
            plan.table_findings.append(
                CheckSpec(
                    f"freshness:{f.column}",
                    "freshness",
                    "Timeliness",
                    (f.column,),
                    f"The newest {f.column} is {newest.date().isoformat()}, {plural(age, 'day')} before "
                    f"{as_of.date().isoformat()}; the standard asks for data no more than "
                    f"{plural(f.within_days, 'day')} old.",
                    "Ask the system owner for a newer extract, and agree how often it is refreshed.",
                    n_checked=1,
                    rows=None if fresh else np.array([], dtype=np.int64),
                    n_failed=None if fresh else 1,
                )
            )
    if std.periods is not None and std.periods.column in typed.columns:
        p = std.periods
        values = typed[p.column].dropna()
        if values.empty:
            return
        months = values.dt.to_period("M")
        counts = months.value_counts().sort_index()
        full = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
        counts = counts.reindex(full, fill_value=0)
        # Gaps inside the main run of months; a stray month or two at either end (often a
        # mistyped date) is not a gap. A stale end is the freshness check's job. The main run
        # is found against a first guess at a typical month (the median of the months with any
        # records); the typical month is then the median of every month in the main run, empty
        # ones included, so stray months at the ends cannot move it.
        first_guess = float(counts[counts > 0].median())
        enough = counts[counts >= p.min_share * first_guess]
        counts = counts.loc[enough.index.min() : enough.index.max()]
        typical = float(counts.median())
        low = counts[counts < p.min_share * typical]
        if len(low):
            shown = listing([f"{m} ({std.noun(int(c))})" for m, c in low.head(6).items()])
            median_text = count(typical) if typical == int(typical) else f"{typical:,.1f}"
            has = "has" if len(low) == 1 else "have"
            these = "this month" if len(low) == 1 else "these months"
            plan.table_findings.append(
                CheckSpec(
                    f"periods:{p.column}",
                    "periods",
                    "Timeliness",
                    (p.column,),
                    f"{count(len(low))} of {plural(len(counts), 'month')} {has} far fewer "
                    f"{std.entity_plural} than usual: {shown}. From {counts.index.min()} to "
                    f"{counts.index.max()} the median month has {median_text} "
                    f"{std.entity if typical == 1 else std.entity_plural}, and a month with fewer than "
                    f"{pct(p.min_share, 0)} of that is flagged. Records for {these} may be missing "
                    "or loaded late.",
                    "Ask the system owner whether these months were fully loaded, and reload them if not.",
                    n_checked=len(counts),
                    rows=np.array([], dtype=np.int64),
                    n_failed=len(low),
                    values=", ".join(str(m) for m in low.index),
                )
            )


def run_plan(plan: CheckPlan) -> None:
    """Run every schema in the plan, filling in each spec's failing rows and values."""
    import numpy as np
    import pandera.pandas as pa

    frames = []
    for schema, frame in plan.runs:
        try:
            schema.validate(frame, lazy=True, inplace=True)
        except pa.errors.SchemaErrors as err:
            frames.append(err.failure_cases[["check", "failure_case", "index", "column"]])
    empty = np.array([], dtype=np.int64)
    for planned in plan.specs.values():
        planned.rows = empty
    if not frames:
        return
    import pandas as pd

    cases = pd.concat(frames, ignore_index=True)
    cases = cases[cases["index"].notna()]
    for check, group in cases.groupby("check", sort=False):
        spec = plan.specs.get(str(check))
        if spec is None:  # pragma: no cover - a pandera-internal check
            continue
        spec.rows = np.unique(group["index"].to_numpy(dtype=np.int64))
        if spec.kind in {"required", "duplicate_person"} or not spec.n_checked:
            continue
        own = group[group["column"] == spec.columns[0]] if spec.kind in {"rule", "consistent"} else group
        top = _as_display(own["failure_case"]).value_counts().head(3)
        spec.values = ", ".join(f"{v} ({count(c)})" for v, c in top.items())


def _as_display(values: pd.Series) -> pd.Series:
    """Failing values as short text: dates at midnight lose their time."""
    text = values.astype("str")
    return text.str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1", regex=True)
