"""The problem canvas: a project's problem, options, measures, stop rules and legal answers, as one object.

A canvas is written before anything is bought. It reads and writes YAML with a stable schema
(``labkit.projects/canvas/1``) that later lessons reuse for the transparency record and the project
register. Every field is typed; :meth:`ProblemCanvas.from_dict` checks names, types, units and dates and
raises :class:`~labkit.LabkitError` saying what is wrong, where and how to fix it.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import itertools
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from labkit._errors import LabkitError
from labkit._text import listing

__all__ = [
    "ART6_BASES",
    "ART9_CATEGORIES",
    "MONITOR_MEASURES",
    "OPTION_KINDS",
    "SCHEMA",
    "UNITS",
    "Amount",
    "Baseline",
    "DataNeed",
    "Dates",
    "Decision",
    "Legal",
    "Measure",
    "MonitorPlan",
    "Option",
    "Owner",
    "ProblemCanvas",
    "Risk",
    "StopRule",
    "read_canvas",
]

SCHEMA = "labkit.projects/canvas/1"

UNITS: dict[str, tuple[float | None, float | None]] = {
    "share": (0.0, 1.0),
    "percent": (0.0, 100.0),
    "count": (0.0, None),
    "days": (0.0, None),
    "hours": (0.0, None),
    "minutes": (0.0, None),
    "pounds": (None, None),
    "score": (None, None),
}
"""Units a measure, target or amount may use, with the range of values each allows."""

OPTION_KINDS = ("do-nothing", "process", "form", "rule", "ai")
"""Kinds of option: doing nothing, a process change, a better form, a simple rule, or an AI tool."""

ART6_BASES = (
    "consent",
    "contract",
    "legal obligation",
    "vital interests",
    "public task",
    "legitimate interests",
)
"""The six lawful bases of UK GDPR Art. 6(1)."""

ART9_CATEGORIES = (
    "racial or ethnic origin",
    "political opinions",
    "religious or philosophical beliefs",
    "trade union membership",
    "genetic data",
    "biometric data",
    "health",
    "sex life or sexual orientation",
)
"""Special category data (UK GDPR Art. 9(1))."""

MONITOR_MEASURES = {
    "outcome_rate": "share of cases with the outcome (for example jobs that missed their target)",
    "flagged_rate": "share of cases the tool flagged",
    "recall": "share of cases with the outcome that the tool flagged",
    "precision": "share of flagged cases that had the outcome",
    "roc_auc": "ROC-AUC: how well the score separates cases with and without the outcome",
    "max_psi": "largest population stability index (PSI) over the inputs: drift",
    "recall_gap": "largest gap in recall between groups",
    "flagged_rate_gap": "largest gap in the share flagged between groups",
}
"""Measures :func:`labkit.projects.monitor` computes each month; stop rules and measures may name them."""


def _item_where(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


class _Part:
    """Shared YAML/dict behaviour of every canvas part: checked construction from a dict, and back."""

    _required: ClassVar[tuple[str, ...]] = ()
    _describe: ClassVar[str] = ""

    @classmethod
    def from_dict(cls, data: Any, where: str = "") -> Any:
        label = where or "the canvas"
        if not isinstance(data, dict):
            raise LabkitError(
                f"{label} must be a mapping of field names to values, not {type(data).__name__}.",
                where=label,
                fix=f"Write it as 'name: value' lines. Fields: {listing(_names(cls))}.",
            )
        known = _names(cls)
        unknown = [str(k) for k in data if k not in known]
        if unknown:
            bad = unknown[0]
            close = difflib.get_close_matches(bad, known, n=1)
            hint = f"Did you mean {close[0]!r}? " if close else ""
            raise LabkitError(
                f"{label} has an unknown field {bad!r}.",
                where=_item_where(where, bad),
                fix=f"{hint}The fields are {listing(known)}.",
            )
        missing = [name for name in cls._required if data.get(name) in (None, "")]
        if missing:
            raise LabkitError(
                f"{label} is missing the field {missing[0]!r}"
                + (f" ({cls._describe})." if cls._describe else "."),
                where=_item_where(where, missing[0]),
                fix=f"Add '{missing[0]}: ...'. Required fields here: {listing(cls._required)}.",
            )
        hints = typing.get_type_hints(cls)
        values = {}
        for f in _fields(cls):
            if f.name in data:
                values[f.name] = _convert(data[f.name], hints[f.name], _item_where(where, f.name))
        obj = cls(**values)
        obj._check(where)
        return obj

    def _check(self, where: str) -> None:
        """Cross-field checks of one part; raise LabkitError."""

    def to_dict(self) -> dict[str, Any]:
        """The part as plain Python types (the YAML form), fields in schema order."""
        out: dict[str, Any] = {}
        for f in _fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _fields(part: Any) -> tuple[dataclasses.Field, ...]:
    """The fields of a canvas part or part class (every subclass of _Part is a dataclass)."""
    return dataclasses.fields(part)


def _names(cls: type) -> list[str]:
    return [f.name for f in _fields(cls)]


def _plain(value: Any) -> Any:
    if isinstance(value, _Part):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _type_name(tp: Any) -> str:
    if tp is str:
        return "text"
    if tp is float:
        return "a number"
    if tp is int:
        return "a whole number"
    if tp is bool:
        return "true or false"
    if tp is _dt.date:
        return "a date (YYYY-MM-DD)"
    if isinstance(tp, type) and issubclass(tp, _Part):
        return "a mapping"
    origin = typing.get_origin(tp)
    if origin is list:
        return "a list"
    return str(tp)


def _convert(value: Any, tp: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _convert(value, args[0], where)
    if origin is list:
        (inner,) = typing.get_args(tp)
        if value is None:
            return []
        if not isinstance(value, list):
            if inner is str and isinstance(value, str):
                return [value]
            raise LabkitError(
                f"{where} must be a list, not {type(value).__name__}.",
                where=where,
                fix="Write each item on its own line starting with '- '.",
            )
        return [_convert(v, inner, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(tp, type) and issubclass(tp, _Part):
        return tp.from_dict(value, where)
    if value is None:
        raise LabkitError(
            f"{where} is empty but must be {_type_name(tp)}.",
            where=where,
            fix="Give a value, or delete the line if the field is optional.",
        )
    ok = False
    if tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok:
            value = float(value)
    elif tp is str:
        ok = isinstance(value, str)
    elif tp is _dt.date:
        if isinstance(value, _dt.datetime):
            value, ok = value.date(), True
        elif isinstance(value, _dt.date):
            ok = True
        elif isinstance(value, str):
            try:
                value, ok = _dt.date.fromisoformat(value.strip()), True
            except ValueError:
                ok = False
    if not ok:
        extra = ""
        if tp is float and isinstance(value, str):
            extra = (
                " Put the unit in the 'unit' field, not beside the number (for example 0.12 with unit share)."
            )
        raise LabkitError(
            f"{where} must be {_type_name(tp)}, not {value!r}.",
            where=where,
            fix=f"Give {_type_name(tp)}.{extra}",
        )
    return value


def _invalid(where: str, name: str, said: str, *, fix: str) -> LabkitError:
    """The error for the field ``name`` of the part at ``where``: "{where}.{name} is {said}"."""
    return LabkitError(f"{where}.{name} is {said}", where=f"{where}.{name}", fix=fix)


def _check_unit(unit: str, where: str, values: dict[str, float | None]) -> None:
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        return
    if not unit:
        first = next(iter(given))
        raise LabkitError(
            f"{where} gives a {first} ({given[first]:g}) without a unit.",
            where=f"{where}.unit",
            fix=f"Add 'unit:' with one of {listing(list(UNITS))}: a target with no unit cannot be checked.",
        )
    if unit not in UNITS:
        close = difflib.get_close_matches(unit, list(UNITS), n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        raise LabkitError(
            f"{where} has an unknown unit {unit!r}.",
            where=f"{where}.unit",
            fix=f"{hint}Use one of {listing(list(UNITS))}.",
        )
    low, high = UNITS[unit]
    for name, value in given.items():
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low:g} to {high:g}" if high is not None else f"at least {low:g}"
            raise LabkitError(
                f"{where}.{name} is {value:g}, outside what the unit {unit!r} allows ({span}).",
                where=f"{where}.{name}",
                fix="A share is written 0.18 for 18%; use unit percent for 18.",
            )


@dataclass
class Owner(_Part):
    """Who is accountable for the project and its results (a role title, not a person's name)."""

    accountable: str = ""
    team: str = ""


@dataclass
class Decision(_Part):
    """The decision the tool would support, who makes it and how a person is involved."""

    what: str = ""
    made_by: str = ""
    human_involvement: str = ""


@dataclass
class Baseline(_Part):
    """How well today's process works, measured before anything changes."""

    measure: str = ""
    value: float | None = None
    unit: str = ""
    low: float | None = None
    high: float | None = None
    source: str = ""

    def _check(self, where: str) -> None:
        _check_unit(self.unit, where or "baseline", {"value": self.value, "low": self.low, "high": self.high})
        if (
            self.low is not None
            and self.value is not None
            and self.high is not None
            and not (self.low <= self.value <= self.high)
        ):
            raise LabkitError(
                f"{where}: the interval {self.low:g} to {self.high:g} does not contain the value "
                f"{self.value:g}.",
                where=f"{where}.low, {where}.high",
                fix="Give low <= value <= high, for example from labkit.projects.baseline().",
            )


@dataclass
class Option(_Part):
    """One way to meet the need. At least one should not use AI."""

    _required: ClassVar[tuple[str, ...]] = ("name", "kind")
    name: str = ""
    kind: str = ""
    description: str = ""

    def _check(self, where: str) -> None:
        if self.kind not in OPTION_KINDS:
            raise _invalid(
                where,
                "kind",
                f"{self.kind!r}, not a kind of option labkit knows.",
                fix=f"Use one of {listing(OPTION_KINDS)} (process, form and rule are the no-AI options).",
            )


@dataclass
class Measure(_Part):
    """A success measure fixed before buying: what, in which unit, from which baseline to which target."""

    _required: ClassVar[tuple[str, ...]] = ("name",)
    name: str = ""
    description: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: str = ""
    by_month: int | None = None
    how_measured: str = ""

    def _check(self, where: str) -> None:
        _check_unit(self.unit, where, {"baseline": self.baseline, "target": self.target})
        if self.direction not in ("", "lower", "higher"):
            raise _invalid(
                where,
                "direction",
                f"{self.direction!r}.",
                fix="Use 'lower' (smaller is better) or 'higher' (larger is better).",
            )
        if self.by_month is not None and self.by_month < 1:
            raise _invalid(
                where,
                "by_month",
                f"{self.by_month}; months after go-live start at 1.",
                fix="Give the month number after go-live by which the target should be met, e.g. 6.",
            )


@dataclass
class StopRule(_Part):
    """A rule set in advance: when a measure passes a value for some months running, act."""

    _required: ClassVar[tuple[str, ...]] = ("measure", "when", "value", "status")
    _describe: ClassVar[str] = "a stop rule names a measure, 'below' or 'above', a value and a status"
    name: str = ""
    measure: str = ""
    when: str = ""
    value: float | None = None
    unit: str = ""
    months: int = 1
    status: str = ""
    decision: str = ""

    def _check(self, where: str) -> None:
        if self.when not in ("below", "above"):
            raise _invalid(where, "when", f"{self.when!r}.", fix="Use 'below' or 'above'.")
        if self.status not in ("amber", "red"):
            raise _invalid(
                where,
                "status",
                f"{self.status!r}.",
                fix="Use 'amber' (investigate and fix) or 'red' (stop and decide).",
            )
        if self.months < 1:
            raise _invalid(
                where,
                "months",
                f"{self.months}; it counts months in a row and starts at 1.",
                fix="Give 1 to act on a single month, or 2 or more for months in a row.",
            )
        _check_unit(self.unit, where, {"value": self.value})


@dataclass
class DataNeed(_Part):
    """Data the tool needs, where it comes from and what state it is in."""

    _required: ClassVar[tuple[str, ...]] = ("name",)
    name: str = ""
    source: str = ""
    state: str = ""
    quality_audit: str = ""


@dataclass
class Risk(_Part):
    """A risk, how it is reduced and who watches it."""

    _required: ClassVar[tuple[str, ...]] = ("risk",)
    risk: str = ""
    mitigation: str = ""
    owner: str = ""


@dataclass
class Amount(_Part):
    """A cost or benefit with its range: the low and high ends say how uncertain it is."""

    _required: ClassVar[tuple[str, ...]] = ("item",)
    item: str = ""
    value: float | None = None
    unit: str = ""
    low: float | None = None
    high: float | None = None
    per: str = ""

    def _check(self, where: str) -> None:
        _check_unit(self.unit, where, {"value": self.value, "low": self.low, "high": self.high})
        if (
            self.low is not None
            and self.value is not None
            and self.high is not None
            and not (self.low <= self.value <= self.high)
        ):
            raise LabkitError(
                f"{where}: low, value and high are not in order "
                f"({self.low:g}, {self.value:g}, {self.high:g}).",
                where=where,
                fix="Give low <= value <= high.",
            )


@dataclass
class Dates(_Part):
    """Key dates: start, go-live and the first review. Each must not be before the one before it."""

    start: _dt.date | None = None
    go_live: _dt.date | None = None
    review: _dt.date | None = None

    def _check(self, where: str) -> None:
        order = [(n, getattr(self, n)) for n in ("start", "go_live", "review") if getattr(self, n)]
        for (a, da), (b, db) in itertools.pairwise(order):
            if db < da:
                raise LabkitError(
                    f"The dates are in the wrong order: {b} ({db.isoformat()}) is before "
                    f"{a} ({da.isoformat()}).",
                    where=f"{where or 'dates'}.{b}",
                    fix="Check the years and the order: start, then go_live, then review.",
                )


@dataclass
class Legal(_Part):
    """Answers to the legal screening questions (UK GDPR, the Equality Act and the ATRS).

    Leave a yes/no question out (null) when it has not been answered: the screening says so.
    """

    personal_data: bool | None = None
    special_category_data: list[str] = field(default_factory=list)
    innovative_technology: bool | None = None
    automated_decisions_about_access: bool | None = None
    combines_datasets: bool | None = None
    large_scale: bool | None = None
    lawful_basis: str = ""
    article_9_condition: str = ""
    solely_automated: bool | None = None
    significant_effect: bool | None = None
    safeguards: list[str] = field(default_factory=list)
    protected_characteristics_considered: list[str] = field(default_factory=list)
    equality_impact_assessment: str = ""
    affects_public: bool | None = None
    dpo_consulted: bool | None = None

    def _check(self, where: str) -> None:
        for i, cat in enumerate(self.special_category_data):
            if cat not in ART9_CATEGORIES:
                raise LabkitError(
                    f"{where}.special_category_data has {cat!r}, which is not an Art. 9 category.",
                    where=f"{where}.special_category_data[{i}]",
                    fix=f"Use the words of UK GDPR Art. 9(1): {listing(ART9_CATEGORIES)}.",
                )
        if self.lawful_basis and self.lawful_basis not in ART6_BASES:
            raise _invalid(
                where,
                "lawful_basis",
                f"{self.lawful_basis!r}, not one of the six Art. 6 bases.",
                fix=f"Use one of {listing(ART6_BASES)} (councils' statutory services usually rely on "
                "public task).",
            )
        if self.equality_impact_assessment not in ("", "not started", "planned", "done"):
            raise _invalid(
                where,
                "equality_impact_assessment",
                f"{self.equality_impact_assessment!r}.",
                fix="Use 'not started', 'planned' or 'done'.",
            )


@dataclass
class MonitorPlan(_Part):
    """How the deployed tool is monitored: the log's columns, the threshold and the alert levels.

    Attributes
    ----------
    month, score, outcome, flagged : str
        The log's columns: the month (YYYY-MM), the score (0 to 1), the outcome (yes/no, blank while not
        known) and whether the case was flagged (optional: without it, ``threshold`` decides).
    threshold : float, optional
        Cases scoring at least this are flagged.
    inputs : list of str
        The inputs whose drift is measured.
    group : str
        A column of groups (a protected characteristic) for fairness by month.
    reference_months : int, default 3
        The first months, which later months are compared with.
    min_group_cases : int, default 30
        The fewest cases with the outcome a group needs in a month before its recall is compared.
    drift_alert : float, default 0.25
        An input has drifted when its PSI is above this (a common rule of thumb).
    performance_alert : float, default 0.05
        Performance has fallen when ROC-AUC is at least this much below the reference (and its interval
        wholly below it) for two months in a row.
    fairness_alert : float, default 0.15
        A fairness gap has opened when the recall gap between groups is above this (and its interval above
        0) for two months in a row.
    """

    month: str = "month"
    score: str = "risk_score"
    outcome: str = ""
    flagged: str = ""
    threshold: float | None = None
    inputs: list[str] = field(default_factory=list)
    group: str = ""
    reference_months: int = 3
    min_group_cases: int = 30
    drift_alert: float = 0.25
    performance_alert: float = 0.05
    fairness_alert: float = 0.15

    def _check(self, where: str) -> None:
        if self.threshold is not None and not 0 <= self.threshold <= 1:
            raise _invalid(
                where,
                "threshold",
                f"{self.threshold:g}; scores run from 0 to 1.",
                fix="Give the threshold at which a case is flagged, for example 0.25.",
            )
        if self.reference_months < 1:
            raise _invalid(
                where,
                "reference_months",
                f"{self.reference_months}.",
                fix="Give the number of first months to compare later months with, for example 3.",
            )
        if self.min_group_cases < 1:
            raise _invalid(
                where,
                "min_group_cases",
                f"{self.min_group_cases}.",
                fix="Give the fewest cases a group needs before its rate is compared, for example 30.",
            )
        if self.drift_alert <= 0:
            raise _invalid(
                where,
                "drift_alert",
                f"{self.drift_alert:g}.",
                fix="Give a PSI above which an input counts as drifted; 0.25 is the usual convention.",
            )
        for name in ("performance_alert", "fairness_alert"):
            value = getattr(self, name)
            if not 0 < value < 1:
                raise LabkitError(
                    f"{where}.{name} is {value:g}; it is a fall or gap on a 0 to 1 scale.",
                    where=f"{where}.{name}",
                    fix="Give a value between 0 and 1, for example 0.05 for a fall of 5 points of ROC-AUC.",
                )


@dataclass
class ProblemCanvas(_Part):
    """A project's problem canvas: the problem before the technology, and how success will be judged.

    Attributes
    ----------
    title : str
        A short name for the project.
    user_need : str
        The need in the resident's terms ("As a tenant ... I need ... so that ...").
    owner : Owner
        Who is accountable (a role title).
    request : str
        The request as it first arrived, kept to compare with the problem statement.
    affected : list of str
        Who is affected: residents, staff, partners.
    decision : Decision
        The decision the tool would support, who makes it and how a person is involved.
    current_process : str
        How the work is done today.
    baseline : Baseline
        How well today's process works, measured (see :func:`labkit.projects.baseline`).
    options : list of Option
        The ways to meet the need, including at least one without AI.
    measures : list of Measure
        Success measures and targets fixed in advance.
    stop_rules : list of StopRule
        When to fix or stop, set before go-live.
    data : list of DataNeed
        The data needed and its state (link a quality audit).
    risks : list of Risk
    costs, benefits : list of Amount
        With low and high ends for their uncertainty.
    dates : Dates
    legal : Legal
        Answers to the legal screening questions (see :func:`labkit.projects.screen`).
    monitor : MonitorPlan
        How the deployed tool will be monitored (see :func:`labkit.projects.monitor`).

    Examples
    --------
    >>> from labkit.projects import ProblemCanvas
    >>> canvas = ProblemCanvas.from_yaml('''
    ... schema: labkit.projects/canvas/1
    ... title: Repairs that miss their target
    ... user_need: As a tenant, I need my repair done by the date I was given.
    ... owner: {accountable: Head of Repairs}
    ... ''')
    >>> canvas.owner.accountable
    'Head of Repairs'
    >>> ProblemCanvas.from_yaml(canvas.to_yaml()) == canvas
    True
    """

    _required: ClassVar[tuple[str, ...]] = ("schema", "title", "user_need")
    _describe: ClassVar[str] = "every canvas has a schema line, a title and the user need"
    schema: str = SCHEMA
    title: str = ""
    council: str = ""
    request: str = ""
    user_need: str = ""
    affected: list[str] = field(default_factory=list)
    owner: Owner = field(default_factory=Owner)
    decision: Decision = field(default_factory=Decision)
    current_process: str = ""
    baseline: Baseline = field(default_factory=Baseline)
    options: list[Option] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    stop_rules: list[StopRule] = field(default_factory=list)
    data: list[DataNeed] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    costs: list[Amount] = field(default_factory=list)
    benefits: list[Amount] = field(default_factory=list)
    dates: Dates = field(default_factory=Dates)
    legal: Legal = field(default_factory=Legal)
    monitor: MonitorPlan = field(default_factory=MonitorPlan)

    def _check(self, where: str) -> None:
        if self.schema != SCHEMA:
            raise LabkitError(
                f"The canvas says schema {self.schema!r}; labkit reads {SCHEMA!r}.",
                where="schema",
                fix=f"Start the file with 'schema: {SCHEMA}'.",
            )
        names = [m.name for m in self.measures]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            raise LabkitError(
                f"Two measures are called {dup!r}.",
                where="measures",
                fix="Give each measure its own name: stop rules find measures by name.",
            )

    # -- YAML ----------------------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, source: str | Path) -> ProblemCanvas:
        """Read a canvas from YAML text or a ``.yaml``/``.yml`` file, checking every field."""
        import yaml

        where = "the canvas text"
        if isinstance(source, Path) or (
            isinstance(source, str) and "\n" not in source and source.endswith((".yaml", ".yml"))
        ):
            path = Path(source)
            where = f"file {path.as_posix()!r}"
            if not path.is_file():
                raise LabkitError(
                    f"There is no canvas file {path.as_posix()!r}.",
                    where=where,
                    fix="Check the path, or start from labkit.projects.example_canvas().save('canvas.yaml').",
                )
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise LabkitError(
                    "The canvas file is not UTF-8 text.", where=where, fix="Save it as UTF-8 text."
                ) from exc
        elif isinstance(source, str):
            text = source
        else:
            raise LabkitError(
                f"A canvas is read from YAML text or a file path, not {type(source).__name__}.",
                where="parameter source",
                fix="Pass the path of a .yaml file, or the YAML text itself.",
            )
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" at line {mark.line + 1}" if mark is not None else ""
            raise LabkitError(
                f"The canvas is not valid YAML{line}: {getattr(exc, 'problem', exc)}.",
                where=where,
                fix="Check the indentation and that every 'name: value' has a space after the colon.",
            ) from exc
        if data is None:
            raise LabkitError("The canvas is empty.", where=where, fix=f"Start with 'schema: {SCHEMA}'.")
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any, where: str = "") -> ProblemCanvas:
        """Build a canvas from a dict (as loaded from YAML or JSON), checking every field."""
        return super().from_dict(data, where)

    def to_yaml(self) -> str:
        """The canvas as YAML text, fields in schema order (the stable form other tools read)."""
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)

    def to_markdown(self) -> str:
        """The canvas as a one-page Markdown document for a board paper or a project register.

        Examples
        --------
        >>> from labkit.projects import example_canvas
        >>> example_canvas().to_markdown().splitlines()[0]
        '# Problem canvas: Repair jobs that miss their target'
        """

        def esc(value: Any) -> str:
            text = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            return text.replace("|", "\\|").replace("\n", " ")

        def table(rows: Sequence[_Part], columns: list[str]) -> list[str]:
            if not rows:
                return ["None recorded.", ""]
            out = ["| " + " | ".join(c.replace("_", " ") for c in columns) + " |"]
            out.append("|" + "|".join(" --- " for _ in columns) + "|")
            out += ["| " + " | ".join(esc(getattr(r, c)) for c in columns) + " |" for r in rows]
            return [*out, ""]

        b = self.baseline
        lines = [f"# Problem canvas: {self.title}", ""]
        if self.council:
            lines += [f"Council: {self.council}", ""]
        lines += ["## The need", "", self.user_need or "Not stated.", ""]
        if self.request:
            lines += [f"The request as it arrived: {self.request}", ""]
        if self.affected:
            lines += ["Who is affected:", "", *[f"- {a}" for a in self.affected], ""]
        lines += [
            "## The decision and who is accountable",
            "",
            f"- Decision: {self.decision.what or 'not stated'}",
            f"- Made by: {self.decision.made_by or 'not stated'}",
            f"- Human involvement: {self.decision.human_involvement or 'not stated'}",
            f"- Accountable: {self.owner.accountable or 'no one named'}",
            "",
            "## Today's process and its baseline",
            "",
            self.current_process or "Not described.",
            "",
        ]
        if b.value is None:
            lines += ["No baseline measured.", ""]
        else:
            interval = f" ({esc(b.low)} to {esc(b.high)})" if b.low is not None and b.high is not None else ""
            lines += [f"Baseline: {b.measure}: {esc(b.value)} {b.unit}{interval}. Source: {b.source}.", ""]
        lines += ["## Options", "", *table(self.options, ["name", "kind", "description"])]
        lines += ["## Success measures", ""]
        lines += table(self.measures, ["name", "unit", "baseline", "target", "direction", "by_month"])
        lines += ["## Stop rules", ""]
        lines += table(self.stop_rules, ["name", "measure", "when", "value", "months", "status", "decision"])
        lines += ["## Data", "", *table(self.data, ["name", "source", "state", "quality_audit"])]
        lines += ["## Risks", "", *table(self.risks, ["risk", "mitigation", "owner"])]
        lines += ["## Costs", "", *table(self.costs, ["item", "value", "low", "high", "unit", "per"])]
        lines += ["## Benefits", "", *table(self.benefits, ["item", "value", "low", "high", "unit", "per"])]
        d = self.dates
        dates = [
            f"{n.replace('_', '-')}: {getattr(d, n).isoformat()}"
            for n in ("start", "go_live", "review")
            if getattr(d, n)
        ]
        if dates:
            lines += ["## Dates", "", *[f"- {x}" for x in dates], ""]
        return "\n".join(lines).rstrip() + "\n"

    def save(self, path: str | Path) -> Path:
        """Write the canvas to a ``.yaml`` (or ``.yml``) file, or as Markdown to ``.md``; returns the path."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".yaml", ".yml", ".md"):
            raise LabkitError(
                "A canvas is saved as YAML or Markdown, but the file name ends "
                f"{path.suffix or '(no suffix)'!r}.",
                where=f"path {path.as_posix()!r}",
                fix="End the file name with .yaml (to read it back) or .md (a document for people).",
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_markdown() if suffix == ".md" else self.to_yaml(), encoding="utf-8")
        return path

    def measure(self, name: str) -> Measure | None:
        """The measure with this name, or None."""
        return next((m for m in self.measures if m.name == name), None)


def require_canvas(canvas: Any, caller: str) -> None:
    """Refuse anything but a :class:`ProblemCanvas` passed to ``caller`` (for example ``"review()"``)."""
    if not isinstance(canvas, ProblemCanvas):
        raise LabkitError(
            f"{caller} needs a ProblemCanvas, not {type(canvas).__name__}.",
            where="parameter canvas",
            fix="Read one first: canvas = labkit.projects.read_canvas('canvas.yaml').",
        )


def read_canvas(source: str | Path) -> ProblemCanvas:
    """Read a problem canvas from a YAML file or text (the same as :meth:`ProblemCanvas.from_yaml`).

    Examples
    --------
    >>> from labkit.projects import example_canvas, read_canvas
    >>> read_canvas(example_canvas().to_yaml()).title
    'Repair jobs that miss their target'
    """
    return ProblemCanvas.from_yaml(source)
