"""The data standard: what a good table looks like, written down.

A :class:`DataStandard` lists each column's type, whether it is required,
allowed codes, ranges and formats, plus table-wide rules: a primary key,
cross-field rules ("completed_at is not before reported_at"), facts that must
agree for the same key (one address per property), freshness, gaps in the
monthly record and the columns that identify a person. It can be read from a
plain YAML file that a non-programmer edits, from a Frictionless Table Schema
(``datapackage.json``), or drafted from a DataFrame with :func:`labkit.quality.infer`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._text import listing, plural_of
from labkit.quality._formats import FORMATS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TYPES",
    "ColumnStandard",
    "Consistency",
    "DataStandard",
    "Freshness",
    "People",
    "Periods",
    "Rule",
    "read_standard",
    "sandbox_standard",
]

TYPES: dict[str, str] = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date",
    "datetime": "a date and time",
}

# Frictionless Table Schema types and the labkit type each one is checked as.
_TABLE_SCHEMA_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
    "year": "integer",
    "time": "string",
    "yearmonth": "string",
    "duration": "string",
    "any": "string",
}

_RULE_WORDS = {
    "is not before": ">=",
    "is on or after": ">=",
    "is at least": ">=",
    "is not after": "<=",
    "is on or before": "<=",
    "is at most": "<=",
}


@dataclass(frozen=True)
class ColumnStandard:
    """What one column must look like.

    Parameters
    ----------
    name : str
        The column's name, exactly as in the data.
    type : str
        One of ``string``, ``integer``, ``number``, ``boolean``, ``date``, ``datetime``.
    required : bool
        Every row must have a value (Completeness).
    unique : bool
        No two rows may share a value (Uniqueness).
    allowed : tuple of str, optional
        The only codes allowed (Validity).
    legacy_codes : tuple of str
        Old codes that still turn up and should be mapped to the current list (Consistency).
    placeholders : tuple of str
        Values that stand for "unknown", such as a 1900-01-01 birth date (Accuracy).
    minimum, maximum : number or str, optional
        The lowest and highest allowed values; dates as ``YYYY-MM-DD`` (Validity).
    format : str, optional
        A named format: ``uk_postcode``, ``uprn``, ``gss_code``, ``lsoa_code`` (Validity).
    pattern : str, optional
        A regular expression each value must match in full, from its first
        character to its last (Validity): ``^https?://`` matches no URL, but
        ``https?://.*`` matches them all.
    date_format : str, optional
        For dates, the form they must be written in: ``YYYY-MM-DD`` (the
        default), ``DD/MM/YYYY``, ``YYYY-MM`` (a month) and others in
        ``labkit.quality._values.DATE_FORMATS`` (Validity).
    description : str
        What the column means, in plain words.
    """

    name: str
    type: str = "string"
    required: bool = False
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    legacy_codes: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    minimum: float | str | None = None
    maximum: float | str | None = None
    format: str | None = None
    pattern: str | None = None
    date_format: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Rule:
    """A cross-field rule: ``column`` must be ``>=`` or ``<=`` ``other`` on the same row."""

    column: str
    op: str
    other: str

    @property
    def sentence(self) -> str:
        word = "is not before" if self.op == ">=" else "is not after"
        return f"{self.column} {word} {self.other}"


@dataclass(frozen=True)
class Consistency:
    """Rows that share ``key`` must agree on each of ``columns`` (one address per property)."""

    key: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Freshness:
    """The newest value in ``column`` must be at most ``within_days`` old on ``as_of``."""

    column: str
    within_days: int
    as_of: str | None = None


@dataclass(frozen=True)
class Periods:
    """Every month between the first and last value of ``column`` must hold a normal number of rows.

    A month with fewer than ``min_share`` of the median month's rows is reported (Timeliness).
    """

    column: str
    min_share: float = 0.5


@dataclass(frozen=True)
class People:
    """The columns that identify a person, used to find one person under two IDs (Uniqueness)."""

    id: str
    name: str
    date_of_birth: str | None = None
    postcode: str | None = None
    uprn: str | None = None


@dataclass(frozen=True)
class DataStandard:
    """A data standard for one table.

    Build one from YAML with :meth:`from_yaml`, from a Table Schema with
    :meth:`from_table_schema`, or draft one with :func:`labkit.quality.infer`;
    pass it to :func:`labkit.quality.audit`.

    Parameters
    ----------
    name : str
        The standard's name, used in report titles.
    columns : tuple of ColumnStandard
        What each column must look like.
    entity : str
        The word for one row, used in findings: ``"312 repairs (1.6%) have ..."``.
    entity_plural : str
        Its plural. Worked out when left empty (``charity`` -> ``charities``,
        ``person`` -> ``people``); give it for any other irregular word. In YAML,
        ``entity: [person, people]`` sets both.
    description : str
        What one row is, in plain words.
    primary_key : tuple of str
        The columns that identify a row; findings name each failing row by them.
    rules, consistent, freshness, periods, people
        Cross-field rules, columns that must agree for the same key, the newest
        date allowed, monthly completeness and the columns that identify a person.

    Examples
    --------
    >>> from labkit.quality import DataStandard
    >>> std = DataStandard.from_yaml('''
    ... name: Housing repairs
    ... entity: repair
    ... columns:
    ...   repair_id: {type: string, required: true, unique: true}
    ...   priority: {allowed: [Emergency, Urgent, Routine]}
    ...   reported_at: {type: datetime, required: true}
    ...   completed_at: {type: datetime}
    ... rules:
    ...   - completed_at is not before reported_at
    ... ''')
    >>> std.column("priority").allowed
    ('Emergency', 'Urgent', 'Routine')
    >>> std.rules[0].sentence
    'completed_at is not before reported_at'
    """

    name: str = "Data standard"
    columns: tuple[ColumnStandard, ...] = ()
    entity: str = "row"
    entity_plural: str = ""
    description: str = ""
    primary_key: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    consistent: tuple[Consistency, ...] = ()
    freshness: Freshness | None = None
    periods: Periods | None = None
    people: People | None = None
    column_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = tuple(c.name for c in self.columns)
        object.__setattr__(self, "column_names", names)
        if not self.entity_plural:
            object.__setattr__(self, "entity_plural", plural_of(self.entity))
        _validate_standard(self)

    # -- access -----------------------------------------------------------------------
    def column(self, name: str) -> ColumnStandard:
        """The standard for one column; a :class:`~labkit.LabkitError` if it has none."""
        for col in self.columns:
            if col.name == name:
                return col
        raise LabkitError(
            f"The data standard has no column called {name!r}.",
            where="parameter name",
            fix=f"Use one of: {listing(list(self.column_names))}.",
        )

    def noun(self, n: int) -> str:
        """``'1 repair'`` or ``'312 repairs'``."""
        from labkit._text import count

        return f"{count(n)} {self.entity if n == 1 else self.entity_plural}"

    # -- reading and writing -------------------------------------------------------------
    @classmethod
    def from_dict(cls, spec: dict[str, Any], *, source: str = "the data standard") -> DataStandard:
        """Build a standard from the plain dictionary form (what the YAML file holds)."""
        if not isinstance(spec, dict):
            raise LabkitError(
                f"{source} must be a set of 'key: value' lines, not {type(spec).__name__}.",
                where=source,
                fix="Start the file with 'name: ...' and a 'columns:' section; see docs/quality.md.",
            )
        _reject_unknown(spec, _TOP_KEYS, source)
        base: DataStandard | None = None
        if spec.get("based_on"):
            base = _load_base(spec["based_on"], source)
        columns_spec = spec.get("columns") or {}
        if isinstance(columns_spec, list):
            columns_spec = _columns_from_list(columns_spec, source)
        if not isinstance(columns_spec, dict):
            raise LabkitError(
                "The 'columns' section must list each column's name followed by its settings.",
                where=f"{source}, section columns",
                fix="Write e.g. 'columns:' then '  repair_id: {type: string, required: true}'.",
            )
        columns = {c.name: c for c in (base.columns if base else ())}
        for name, settings in columns_spec.items():
            settings = settings or {}
            where = f"{source}, column {name!r}"
            if not isinstance(settings, dict):
                raise LabkitError(
                    f"The settings for column {name!r} must be 'key: value' pairs.",
                    where=where,
                    fix="Write e.g. '  priority: {allowed: [Emergency, Urgent, Routine]}'.",
                )
            _reject_unknown(settings, _COLUMN_KEYS, where)
            current = columns.get(str(name), ColumnStandard(str(name)))
            columns[str(name)] = replace(current, **_column_fields(settings, where))
        if not columns:
            raise LabkitError(
                "The data standard describes no columns, so there is nothing to check.",
                where=f"{source}, section columns",
                fix="Add a 'columns:' section naming at least one column, or draft one with "
                "labkit quality infer FILE.csv.",
            )
        kwargs: dict[str, Any] = {"columns": tuple(columns.values())}
        if base is not None:
            kwargs |= {
                "name": base.name,
                "entity": base.entity,
                "entity_plural": base.entity_plural,
                "description": base.description,
                "primary_key": base.primary_key,
                "rules": base.rules,
                "consistent": base.consistent,
                "freshness": base.freshness,
                "periods": base.periods,
                "people": base.people,
            }
        for key in ("name", "description"):
            if key in spec:
                kwargs[key] = str(spec[key])
        kwargs |= _entity(spec, source)
        if "primary_key" in spec:
            kwargs["primary_key"] = _as_tuple(spec["primary_key"])
        if "rules" in spec:
            kwargs["rules"] = tuple(kwargs.get("rules", ())) + tuple(
                _parse_rule(r, source) for r in spec["rules"] or []
            )
        if "same_for_each" in spec:
            same = spec["same_for_each"] or {}
            if not isinstance(same, dict):
                raise LabkitError(
                    "'same_for_each' must map a key column to the columns that must agree.",
                    where=f"{source}, section same_for_each",
                    fix="Write e.g. 'same_for_each: {property_id: [address, postcode]}'.",
                )
            kwargs["consistent"] = tuple(kwargs.get("consistent", ())) + tuple(
                Consistency(str(k), _as_tuple(v)) for k, v in same.items()
            )
        if "freshness" in spec:
            kwargs["freshness"] = _section(Freshness, spec["freshness"], source, "freshness")
        if "monthly_records" in spec:
            kwargs["periods"] = _section(Periods, spec["monthly_records"], source, "monthly_records")
        if "people" in spec:
            kwargs["people"] = _section(People, spec["people"], source, "people")
        return cls(**kwargs)

    @classmethod
    def from_yaml(cls, source: str | Path) -> DataStandard:
        """Read a standard from a YAML file (a path) or from YAML text.

        The format is documented, with a worked example, in ``docs/quality.md``.
        """
        import yaml

        text, where = _read_text(source, (".yaml", ".yml"))
        try:
            spec = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" near line {mark.line + 1}" if mark is not None else ""
            raise LabkitError(
                f"The data standard is not valid YAML{line}: {getattr(exc, 'problem', exc)}.",
                where=where,
                fix="Check the indentation (spaces, not tabs) and that each setting is 'key: value'.",
            ) from exc
        return cls.from_dict(spec or {}, source=where)

    @classmethod
    def from_table_schema(
        cls, source: str | Path | dict[str, Any], resource: str | None = None
    ) -> DataStandard:
        """Read a standard from a Frictionless Table Schema or Data Package.

        Parameters
        ----------
        source : path, JSON text or dict
            A ``datapackage.json`` (then name the ``resource``) or a single Table Schema.
        resource : str, optional
            The resource (table) in the data package, for example ``"housing_repairs"``.
        """
        if isinstance(source, dict):
            spec, where = source, "the Table Schema"
        else:
            text, where = _read_text(source, (".json",))
            try:
                spec = json.loads(text)
            except json.JSONDecodeError as exc:
                raise LabkitError(
                    f"The Table Schema is not valid JSON: {exc.msg} at line {exc.lineno}.",
                    where=where,
                    fix="Open it in a JSON checker, or regenerate it.",
                ) from exc
        title = str(spec.get("title") or spec.get("name") or "Data standard")
        description = str(spec.get("description", ""))
        if "resources" in spec:
            names = [r.get("name") for r in spec["resources"]]
            if resource is None and len(names) == 1:
                resource = names[0]
            matches = [r for r in spec["resources"] if r.get("name") == resource]
            if not matches:
                raise LabkitError(
                    f"The data package has no resource called {resource!r}.",
                    where=f"{where}, parameter resource",
                    fix=f"Use one of: {listing([str(n) for n in names])}.",
                )
            res = matches[0]
            title = str(res.get("title") or res.get("name"))
            description = str(res.get("description", ""))
            spec = res.get("schema") or {}
        return _from_table_schema(spec, where, title, description)

    def to_dict(self) -> dict[str, Any]:
        """The standard in the plain form that :meth:`from_dict` reads back."""
        columns: dict[str, Any] = {}
        default = ColumnStandard("_")
        for col in self.columns:
            entry = {}
            for key, value in asdict(col).items():
                if key == "name" or value == getattr(default, key):
                    continue
                entry[key] = list(value) if isinstance(value, tuple) else value
            columns[col.name] = entry
        out: dict[str, Any] = {"name": self.name, "entity": self.entity}
        if self.entity_plural != plural_of(self.entity):
            out["entity_plural"] = self.entity_plural
        if self.description:
            out["description"] = self.description
        if self.primary_key:
            out["primary_key"] = list(self.primary_key)
        out["columns"] = columns
        if self.rules:
            out["rules"] = [r.sentence for r in self.rules]
        if self.consistent:
            out["same_for_each"] = {c.key: list(c.columns) for c in self.consistent}
        if self.freshness:
            out["freshness"] = {k: v for k, v in asdict(self.freshness).items() if v is not None}
        if self.periods:
            out["monthly_records"] = asdict(self.periods)
        if self.people:
            out["people"] = {k: v for k, v in asdict(self.people).items() if v is not None}
        return out

    def to_yaml(self, path: str | Path | None = None) -> str:
        """The standard as YAML text; also written to ``path`` if given."""
        import yaml

        text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)
        if path is not None:
            from labkit._inputs import write_text

            write_text(path, text, what="The data standard")
        return text

    def to_frame(self) -> pd.DataFrame:
        """One row per column: type, required, unique, allowed codes, range and format."""
        import pandas as pd

        rows = []
        for c in self.columns:
            rows.append(
                {
                    "column": c.name,
                    "type": c.type,
                    "required": c.required,
                    "unique": c.unique,
                    "allowed codes": len(c.allowed) if c.allowed else None,
                    "minimum": c.minimum,
                    "maximum": c.maximum,
                    "format": c.format or (c.pattern and "pattern") or None,
                    "description": c.description,
                }
            )
        frame = pd.DataFrame(rows)
        frame["allowed codes"] = frame["allowed codes"].astype("Int64")
        return frame


# --- parsing helpers -------------------------------------------------------------------
_TOP_KEYS = {
    "name",
    "entity",
    "entity_plural",
    "description",
    "based_on",
    "primary_key",
    "columns",
    "rules",
    "same_for_each",
    "freshness",
    "monthly_records",
    "people",
}
_COLUMN_KEYS = {f for f in ColumnStandard.__dataclass_fields__ if f != "name"}


def _reject_unknown(spec: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(k) for k in spec if k not in allowed)
    if unknown:
        raise LabkitError(
            f"The setting {unknown[0]!r} is not one labkit knows.",
            where=where,
            fix=f"Check the spelling. Known settings: {listing(sorted(allowed))}.",
        )


def _columns_from_list(items: list[Any], source: str) -> dict[str, Any]:
    """``columns:`` written as a list of ``{name: ..., type: ...}`` entries."""
    out: dict[str, Any] = {}
    for item in items:
        if not isinstance(item, dict) or not item.get("name"):
            raise LabkitError(
                f"Each entry in the 'columns' list needs a name, but one is {item!r}.",
                where=f"{source}, section columns",
                fix="Write each entry as '- {name: repair_id, type: string}'.",
            )
        name = str(item["name"])
        if name in out:
            raise LabkitError(
                f"The column {name!r} is described twice.",
                where=f"{source}, column {name!r}",
                fix="Keep one entry for each column.",
            )
        out[name] = {k: v for k, v in item.items() if k != "name"}
    return out


def _entity(spec: dict[str, Any], source: str) -> dict[str, str]:
    """``entity: charity`` (plural 'charities' worked out), ``entity: [person, people]`` or both keys."""
    out: dict[str, str] = {}
    entity = spec.get("entity")
    if entity is not None:
        words = list(entity) if isinstance(entity, (list, tuple)) else [entity]
        if not 1 <= len(words) <= 2 or not all(isinstance(w, str) and w.strip() for w in words):
            raise LabkitError(
                f"'entity' must be the word for one row, or that word and its plural, not {entity!r}.",
                where=f"{source}, setting entity",
                fix="Write 'entity: repair', or 'entity: [person, people]' for an irregular plural.",
            )
        out["entity"] = words[0].strip()
        out["entity_plural"] = words[1].strip() if len(words) == 2 else ""
    plural = spec.get("entity_plural")
    if plural is not None:
        if not isinstance(plural, str) or not plural.strip():
            raise LabkitError(
                f"'entity_plural' must be a word, not {plural!r}.",
                where=f"{source}, setting entity_plural",
                fix="Write for example 'entity_plural: people'.",
            )
        out["entity_plural"] = plural.strip()
    return out


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def _value(value: Any) -> Any:
    """Dates written in YAML arrive as ``datetime.date``; keep them as ISO text."""
    import datetime as dt

    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _column_fields(settings: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in settings.items():
        if key in {"allowed", "legacy_codes", "placeholders"}:
            out[key] = None if (key == "allowed" and value is None) else _as_tuple(_list_values(value))
        elif key in {"required", "unique"}:
            if not isinstance(value, bool):
                raise LabkitError(
                    f"'{key}' must be true or false, not {value!r}.",
                    where=where,
                    fix=f"Write '{key}: true' or '{key}: false'.",
                )
            out[key] = value
        elif key in {"minimum", "maximum"}:
            out[key] = _value(value)
        else:
            out[key] = None if value is None else str(value)
    return out


def _list_values(value: Any) -> list[Any]:
    values = value if isinstance(value, (list, tuple)) else [value]
    return [_value(v) for v in values]


def _parse_rule(rule: Any, source: str) -> Rule:
    where = f"{source}, section rules"
    if isinstance(rule, dict):
        _reject_unknown(rule, {"column", "not_before", "not_after"}, where)
        if "not_before" in rule:
            return Rule(str(rule["column"]), ">=", str(rule["not_before"]))
        if "not_after" in rule:
            return Rule(str(rule["column"]), "<=", str(rule["not_after"]))
    if isinstance(rule, str):
        for words, op in _RULE_WORDS.items():
            left, sep, right = rule.partition(f" {words} ")
            if sep and left.strip() and right.strip():
                return Rule(left.strip(), op, right.strip())
    raise LabkitError(
        f"labkit cannot read the rule {rule!r}.",
        where=where,
        fix="Write a rule as 'COLUMN is not before OTHER' or 'COLUMN is not after OTHER' "
        "(also: is at least, is at most).",
    )


def _section(cls: type[Any], value: Any, source: str, key: str) -> Any:
    where = f"{source}, section {key}"
    if not isinstance(value, dict):
        raise LabkitError(
            f"The '{key}' section must be 'key: value' settings.",
            where=where,
            fix="See the worked example in docs/quality.md.",
        )
    allowed = set(cls.__dataclass_fields__)
    _reject_unknown(value, allowed, where)
    try:
        return cls(**{k: _value(v) for k, v in value.items()})
    except TypeError as exc:
        missing = sorted(
            f for f, spec in cls.__dataclass_fields__.items() if spec.default is spec.default_factory
        )
        raise LabkitError(
            f"The '{key}' section is missing a setting.",
            where=where,
            fix=f"Give at least: {listing([m for m in missing if m not in value])}.",
        ) from exc


def _read_text(source: str | Path, suffixes: tuple[str, ...]) -> tuple[str, str]:
    if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and source.lower().endswith(suffixes)
    ):
        path = Path(source)
        if not path.is_file():
            raise LabkitError(
                f"There is no file at {str(path)!r}.",
                where="the data standard",
                fix="Check the path, or pass the standard's text instead of a file name.",
            )
        try:
            return path.read_text(encoding="utf-8-sig"), f"file {path.name!r}"
        except (OSError, UnicodeDecodeError) as exc:
            raise LabkitError(
                f"The file could not be read as UTF-8 text: {exc}.",
                where=f"file {path.name!r}",
                fix="Save it as UTF-8 text (in Notepad: Save as, Encoding UTF-8).",
            ) from exc
    if not isinstance(source, str):
        raise LabkitError(
            f"A data standard must be a file path or text, not {type(source).__name__}.",
            where="parameter source",
            fix="Pass the path of a .yaml or .json file.",
        )
    return source, "the data standard"


def _load_base(based_on: Any, source: str) -> DataStandard:
    """``based_on: sandbox:housing_repairs`` or ``based_on: path/datapackage.json#resource``."""
    text = str(based_on)
    if text.startswith("sandbox:"):
        name = text.split(":", 1)[1]
        from labkit.quality._sandbox import sandbox_resource

        return DataStandard.from_table_schema({"resources": [sandbox_resource(name)]})
    path, _, resource = text.partition("#")
    if path.lower().endswith((".yaml", ".yml")):
        return DataStandard.from_yaml(path)
    if path.lower().endswith(".json"):
        return DataStandard.from_table_schema(path, resource=resource or None)
    raise LabkitError(
        f"labkit cannot tell what 'based_on: {text}' refers to.",
        where=f"{source}, setting based_on",
        fix="Use 'sandbox:DATASET', a .yaml standard, or 'path/datapackage.json#RESOURCE'.",
    )


def _from_table_schema(spec: dict[str, Any], where: str, title: str, description: str) -> DataStandard:
    fields = spec.get("fields")
    if not isinstance(fields, list) or not fields:
        raise LabkitError(
            "The Table Schema has no 'fields' list.",
            where=where,
            fix="A Table Schema needs 'fields': [{'name': ..., 'type': ...}, ...].",
        )
    columns = []
    for f in fields:
        name = str(f.get("name"))
        ftype = str(f.get("type", "string"))
        if ftype not in _TABLE_SCHEMA_TYPES:
            raise LabkitError(
                f"The column {name!r} has type {ftype!r}, which labkit does not know.",
                where=f"{where}, field {name!r}",
                fix=f"Use a Table Schema type: {listing(sorted(_TABLE_SCHEMA_TYPES))}.",
            )
        cons = f.get("constraints") or {}
        fmt = f.get("format")
        allowed = cons.get("enum")
        columns.append(
            ColumnStandard(
                name=name,
                type=_TABLE_SCHEMA_TYPES[ftype],
                required=bool(cons.get("required", False)),
                unique=bool(cons.get("unique", False)),
                allowed=None if allowed is None else tuple(str(v) for v in allowed),
                minimum=cons.get("minimum"),
                maximum=cons.get("maximum"),
                pattern=cons.get("pattern"),
                format=fmt if fmt in FORMATS else None,
                legacy_codes=_as_tuple(f.get("legacyCodes")),
                placeholders=_as_tuple(f.get("placeholders")),
                description=str(f.get("description", "")),
            )
        )
    return DataStandard(
        name=title,
        columns=tuple(columns),
        description=description,
        primary_key=_as_tuple(spec.get("primaryKey")),
    )


def _validate_standard(std: DataStandard) -> None:
    names = std.column_names
    seen: set[str] = set()
    for col in std.columns:
        where = f"the data standard, column {col.name!r}"
        if col.name in seen:
            raise LabkitError(
                f"The column {col.name!r} is described twice.", where=where, fix="Keep one entry."
            )
        seen.add(col.name)
        if col.type not in TYPES:
            raise LabkitError(
                f"The column {col.name!r} has type {col.type!r}, which labkit does not know.",
                where=where,
                fix=f"Use one of: {listing(list(TYPES))}.",
            )
        if col.format is not None and col.format not in FORMATS:
            raise LabkitError(
                f"The format {col.format!r} is not one labkit knows.",
                where=where,
                fix=f"Use one of: {listing(list(FORMATS))}, or give a 'pattern' instead.",
            )
        if col.pattern is not None:
            try:
                re.compile(col.pattern)
            except re.error as exc:
                raise LabkitError(
                    f"The pattern {col.pattern!r} is not a valid regular expression: {exc}.",
                    where=where,
                    fix="Check the brackets and backslashes, or use a named 'format' instead.",
                ) from exc
        for bound in ("minimum", "maximum"):
            value = getattr(col, bound)
            if value is None:
                continue
            if col.type in {"integer", "number"} and not isinstance(value, (int, float)):
                raise LabkitError(
                    f"The {bound} {value!r} is not a number, but the column holds numbers.",
                    where=where,
                    fix=f"Write a number, e.g. '{bound}: 0'.",
                )
            if col.type in {"date", "datetime"}:
                _check_date_text(str(value), where, bound)
        if col.type in {"date", "datetime"}:
            for value in col.placeholders:
                _check_date_text(value, where, "placeholder")
        _check_date_format(col, where)
        _check_range(col, where)

    def need(column: str, what: str) -> None:
        if column not in names:
            raise LabkitError(
                f"The {what} names the column {column!r}, which the standard does not describe.",
                where=f"the data standard, {what}",
                fix=f"Add {column!r} under 'columns', or use one of: {listing(list(names))}.",
            )

    for key in std.primary_key:
        need(key, "primary key")
    for rule in std.rules:
        need(rule.column, f"rule '{rule.sentence}'")
        need(rule.other, f"rule '{rule.sentence}'")
    for cons in std.consistent:
        need(cons.key, "same_for_each section")
        for c in cons.columns:
            need(c, "same_for_each section")
    if std.freshness:
        need(std.freshness.column, "freshness section")
        days = std.freshness.within_days
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise LabkitError(
                f"within_days must be a whole number of days, 0 or more, not {days!r}.",
                where="the data standard, freshness",
                fix="Write for example 'within_days: 35'.",
            )
        if std.freshness.as_of is not None:
            _check_date_text(str(std.freshness.as_of), "the data standard, freshness", "as_of")
    if std.periods:
        need(std.periods.column, "monthly_records section")
        share = std.periods.min_share
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
            raise LabkitError(
                f"min_share must be a share above 0 and at most 1, not {share!r}.",
                where="the data standard, monthly_records",
                fix="Write for example 'min_share: 0.5' (half the typical month).",
            )
    if std.people:
        for person_column in (std.people.id, std.people.name, std.people.date_of_birth, std.people.postcode):
            if person_column is not None:
                need(person_column, "people section")


def _check_date_format(col: ColumnStandard, where: str) -> None:
    from labkit.quality._values import DATE_FORMATS

    if col.date_format is None:
        return
    if col.type not in {"date", "datetime"}:
        raise LabkitError(
            f"The column {col.name!r} has a date_format but its type is {col.type!r}.",
            where=where,
            fix="Add 'type: date' (or 'type: datetime'), or remove date_format.",
        )
    if col.date_format not in DATE_FORMATS:
        raise LabkitError(
            f"The date_format {col.date_format!r} is not one labkit knows.",
            where=where,
            fix=f"Use one of: {listing(list(DATE_FORMATS))}.",
        )


def _check_range(col: ColumnStandard, where: str) -> None:
    if col.minimum is None or col.maximum is None:
        return
    if col.type in {"date", "datetime"}:
        out_of_order = str(col.minimum) > str(col.maximum)
    else:
        try:
            out_of_order = float(col.minimum) > float(col.maximum)
        except (TypeError, ValueError):
            return
    if out_of_order:
        raise LabkitError(
            f"The minimum {col.minimum!r} is above the maximum {col.maximum!r}, so no value could pass.",
            where=where,
            fix="Swap them, or correct the one that is wrong.",
        )


def _check_date_text(value: str, where: str, what: str) -> None:
    import datetime as dt

    try:
        dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise LabkitError(
            f"The {what} {value!r} is not a date written YYYY-MM-DD.",
            where=where,
            fix=f"Write the {what} like 2024-03-31.",
        ) from exc


def read_standard(
    source: str | Path | dict[str, Any] | DataStandard, resource: str | None = None
) -> DataStandard:
    """Read a data standard from whatever a person has to hand.

    Parameters
    ----------
    source : DataStandard, dict, path or text
        A :class:`DataStandard` (returned as is); a dict in the YAML form; a
        ``.yaml``/``.yml`` file or YAML text; a ``.json`` Table Schema or Data
        Package (with ``resource``); or ``"sandbox:NAME"`` for the sandbox
        dataset's standard that ships with labkit.
    resource : str, optional
        The table in a Data Package.

    Examples
    --------
    >>> from labkit.quality import read_standard
    >>> read_standard({"columns": {"uprn": {"format": "uprn"}}}).column("uprn").format
    'uprn'
    """
    if isinstance(source, DataStandard):
        return source
    if isinstance(source, dict):
        if "fields" in source or "resources" in source:
            return DataStandard.from_table_schema(source, resource=resource)
        return DataStandard.from_dict(source)
    text = str(source)
    if isinstance(source, str) and text.startswith("sandbox:"):
        return sandbox_standard(text.split(":", 1)[1])
    if text.lower().endswith(".json"):
        return DataStandard.from_table_schema(source, resource=resource)
    return DataStandard.from_yaml(source)


def sandbox_standard(name: str) -> DataStandard:
    """The data standard for a sandbox dataset, e.g. ``sandbox_standard("housing_repairs")``.

    It starts from the dataset's Table Schema in ``sandbox_data/datapackage.json``
    and adds what ``labkit/quality/standards/NAME.yaml`` says.

    Examples
    --------
    >>> from labkit.quality import sandbox_standard
    >>> std = sandbox_standard("housing_repairs")
    >>> std.entity, std.rules[0].sentence
    ('repair', 'completed_at is not before reported_at')
    """
    from labkit.quality._sandbox import STANDARDS_FOLDER, sandbox_resource, standard_names

    path = STANDARDS_FOLDER / f"{name}.yaml"
    if path.is_file():
        return DataStandard.from_yaml(path)
    try:
        return DataStandard.from_table_schema({"resources": [sandbox_resource(name)]})
    except LabkitError as exc:
        raise LabkitError(
            f"There is no sandbox data standard called {name!r}.",
            where="parameter name",
            fix=f"Use one of: {listing(standard_names())}.",
        ) from exc
