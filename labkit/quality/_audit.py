"""``audit(df, standard)``: check a table against its data standard and report in plain English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labkit._csv import source_lines
from labkit._errors import LabkitError
from labkit._report import Figure, Report, Section, Table
from labkit._style import OKABE_ITO
from labkit._text import listing, pct, plural
from labkit.quality._checks import DIMENSIONS, CheckSpec, build_plan, run_plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from labkit.quality._standard import DataStandard

__all__ = ["QualityReport", "audit"]

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_VERBS = {
    "[have]": ("has", "have"),
    "[share]": ("shares", "share"),
    "[use]": ("uses", "use"),
    "[belong]": ("belongs", "belong"),
}
_CHECK_COLUMNS = [
    "check",
    "kind",
    "dimension",
    "column",
    "checked",
    "failed",
    "passed",
    "finding",
    "percent",
    "severity",
    "fix",
    "examples",
    "values",
]
# Colour-blind-safe (Okabe-Ito) blue for bars; text labels carry every value.
_BAR = OKABE_ITO[0]


def _severity(spec: CheckSpec, share: float) -> str:
    if spec.kind in {"missing_column", "freshness", "periods"}:
        return "high"
    if spec.kind == "unique" or share >= 0.05:
        return "high"
    if share >= 0.01:
        return "medium"
    return "low"


def _sentence(std: DataStandard, spec: CheckSpec, n_failed: int) -> str:
    if spec.kind in {"missing_column", "freshness", "periods"}:
        return spec.sentence
    text = spec.sentence
    for token, (one, many) in _VERBS.items():
        text = text.replace(token, one if n_failed == 1 else many)
    share = n_failed / spec.n_checked if spec.n_checked else 0.0
    return f"{std.noun(n_failed)} ({pct(share)}) {text}"


class QualityReport(Report):
    """The result of :func:`audit`.

    Attributes
    ----------
    findings : DataFrame
        One row per problem found: ``check``, ``dimension``, ``column``,
        ``finding`` (a plain-English sentence), ``rows``, ``percent``,
        ``severity``, ``fix``, ``examples`` (row positions) and ``values``
        (the most common failing values).
    checks : DataFrame
        Every check that ran, passed or not, with the rows it checked.
    dimensions : DataFrame
        The score (0-100) of each of the six Data Quality Framework dimensions.
    columns : DataFrame
        The score of each column and its number of failing rows.
    profile : DataFrame
        The profile of each column (see :func:`labkit.quality.profile`).
    failures : DataFrame
        Every failing row: ``row`` (position in the table, counting from 0),
        ``check``, ``dimension``, ``column`` and, when the table came from
        :func:`labkit.quality.read_csv`, ``line`` (the line in the file).
        :meth:`locate` gives the primary key of rows.
    """

    kind = "QualityReport"

    def __init__(
        self, data: pd.DataFrame, standard: DataStandard, specs: list[CheckSpec], extra_columns: list[str]
    ) -> None:
        import pandas as pd

        self.standard = standard
        self.n_rows = len(data)
        self._data = data
        self.extra_columns = extra_columns
        check_rows = []
        failure_parts = []
        for spec in specs:
            n_failed = (
                spec.n_failed
                if spec.n_failed is not None
                else len(spec.rows if spec.rows is not None else [])
            )
            failed = n_failed > 0
            share = n_failed / spec.n_checked if spec.n_checked else 0.0
            check_rows.append(
                {
                    "check": spec.id,
                    "kind": spec.kind,
                    "dimension": spec.dimension,
                    "column": spec.columns[0] if spec.columns else "",
                    "checked": spec.n_checked,
                    "failed": n_failed,
                    "passed": not failed,
                    "finding": _sentence(standard, spec, n_failed) if failed else "",
                    "percent": round(100 * share, 2),
                    "severity": _severity(spec, share) if failed else "",
                    "fix": spec.fix,
                    "examples": [int(r) for r in (spec.rows[:5] if spec.rows is not None else [])],
                    "values": spec.values,
                }
            )
            if n_failed and spec.kind != "missing_column":
                failure_parts.append(
                    pd.DataFrame(
                        {
                            "row": spec.rows,
                            "check": spec.id,
                            "kind": spec.kind,
                            "dimension": spec.dimension,
                            "column": spec.columns[0],
                        }
                    )
                )
        checks = pd.DataFrame(check_rows, columns=_CHECK_COLUMNS)
        self.checks = checks
        found = checks[~checks["passed"]].copy()
        found["_order"] = found["severity"].map(SEVERITY_ORDER)
        found = found.sort_values(["_order", "failed"], ascending=[True, False], kind="stable")
        self.findings = found.drop(columns=["_order", "passed"]).reset_index(drop=True)
        cols = ["row", "check", "kind", "dimension", "column"]
        self.failures = (
            pd.concat(failure_parts, ignore_index=True) if failure_parts else pd.DataFrame(columns=cols)
        )
        lines = source_lines(data, self.failures["row"].to_numpy(dtype="int64"))
        if lines is not None:
            self.failures["line"] = lines
        self._profile: pd.DataFrame | None = None
        self.dimensions = self._dimension_scores(checks)
        self.columns = self._column_scores(checks)
        self._figure: Figure | None = None
        summary = self._summary()
        super().__init__(f"Data quality audit: {standard.name}", summary, sections=None, frame=self.findings)
        self._sections_built = False

    @property
    def profile(self) -> pd.DataFrame:
        """The profile of each column (worked out on first use: it is not needed for the findings)."""
        if self._profile is None:
            from labkit.quality._profile import profile

            self._profile = profile(self._data)
        return self._profile

    # -- scores -----------------------------------------------------------------------
    @staticmethod
    def _dimension_scores(checks: pd.DataFrame) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for dim, meaning in DIMENSIONS.items():
            part = checks[checks["dimension"] == dim]
            checked = int(part["checked"].sum())
            failed = int(part["failed"].clip(upper=part["checked"]).sum())
            score = round(100 * (1 - failed / checked), 1) if checked else None
            rows.append(
                {
                    "dimension": dim,
                    "meaning": meaning,
                    "checks": len(part),
                    "problems": int((~part["passed"]).sum()),
                    "score": score,
                }
            )
        return pd.DataFrame(rows)

    def _column_scores(self, checks: pd.DataFrame) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for col in self.standard.column_names:
            part = checks[checks["column"] == col]
            if part.empty:
                continue
            checked = int(part["checked"].sum())
            failed = int(part["failed"].clip(upper=part["checked"]).sum())
            rows.append(
                {
                    "column": col,
                    "checks": len(part),
                    "failing rows": int(part["failed"].sum()),
                    "score": round(100 * (1 - failed / checked), 1) if checked else None,
                    "dimensions with problems": ", ".join(
                        sorted(set(part.loc[~part["passed"], "dimension"]))
                    ),
                }
            )
        return pd.DataFrame(rows)

    # -- words ------------------------------------------------------------------------
    def _summary(self) -> str:
        std = self.standard
        n_checks = len(self.checks)
        found = self.findings
        head = (
            f"labkit checked {std.noun(self.n_rows)} against {plural(n_checks, 'check')} from the "
            f"data standard '{std.name}'."
        )
        if found.empty:
            return head + " Every check passed."
        by_sev = found["severity"].value_counts()
        sev = listing([f"{by_sev[s]} {s}" for s in ("high", "medium", "low") if s in by_sev])
        scored = self.dimensions.dropna(subset=["score"])
        worst = scored.sort_values(["score", "dimension"], kind="stable").iloc[0]
        first = found.iloc[0]
        return (
            f"{head} It found {plural(len(found), 'problem')} ({sev} severity). The weakest dimension is "
            f"{worst['dimension']}, with a score of {worst['score']:.1f} out of 100. The most serious "
            f"problem: {first['finding'].rstrip('.')} ({first['dimension']})."
        )

    # -- sections (built on first use, so a large audit stays quick) -------------------
    @property
    def sections(self) -> list[Section]:
        if not getattr(self, "_sections_built", True):
            self._sections = self._build_sections()
            self._sections_built = True
        return self._sections

    @sections.setter
    def sections(self, value: list[Section]) -> None:
        self._sections = value

    def _build_sections(self) -> list[Section]:
        found = self.findings
        lines = [
            f"- {f} ({d}, {s} severity)" for f, d, s in found[["finding", "dimension", "severity"]].values
        ]
        sections = [
            Section(
                "What labkit found",
                "\n".join(lines) if lines else "Every check in the standard passed.",
                tables=[
                    Table(
                        "Problems found, most serious first",
                        found[
                            ["finding", "dimension", "column", "failed", "percent", "severity", "fix"]
                        ].rename(columns={"failed": "rows", "percent": "% of rows checked"}),
                    )
                ]
                if not found.empty
                else [],
            ),
            Section(
                "Scores by dimension",
                "Each score is the share of checked values that passed the checks of that dimension, out "
                "of 100. A dimension with no checks in the standard is not scored. Accuracy (does the data "
                "match reality?) can only be measured against a trusted source; the audit sees only "
                "placeholder values, which are known to be wrong.",
                tables=[Table("Scores by Data Quality Framework dimension", self.dimensions)],
                figures=[self.figure()],
            ),
        ]
        if not found.empty:
            sections.append(Section("Example rows", tables=self._example_tables(found.head(8))))
        sections.append(
            Section("Scores by column", tables=[Table("Scores and failing rows by column", self.columns)])
        )
        sections.append(Section("Profile of each column", tables=[Table("Column profile", self.profile)]))
        if self.extra_columns:
            sections.append(
                Section(
                    "Columns the standard does not describe",
                    f"The data has {plural(len(self.extra_columns), 'column')} that the standard does not "
                    f"mention, so labkit did not check them: {listing(self.extra_columns)}. Add them to the "
                    "standard if they matter.",
                )
            )
        return sections

    def locate(self, positions: list[int]) -> pd.DataFrame:
        """Where rows are, as an officer finds them: the file's line (when known) and the primary key.

        ``positions`` are row positions in the audited table (as in ``findings["examples"]``).
        The line is known when the table came from :func:`labkit.quality.read_csv` with one
        line per row; without a line or a key, the row's position (counting from 0) is given.

        Examples
        --------
        >>> import pandas as pd
        >>> from labkit.quality import audit
        >>> df = pd.DataFrame({"repair_id": ["R1", "R2"], "priority": ["Urgent", "Soon"]})
        >>> report = audit(df, {"primary_key": "repair_id", "columns": {
        ...     "repair_id": {"unique": True}, "priority": {"allowed": ["Urgent", "Routine"]}}})
        >>> report.locate(report.findings.loc[0, "examples"])["repair_id"].tolist()
        ['R2']
        """
        import pandas as pd

        rows = self._data.iloc[list(positions)]
        out = pd.DataFrame(index=range(len(rows)))
        lines = source_lines(self._data, list(positions))
        if lines is not None:
            out["line in file"] = lines
        for key in self.standard.primary_key:
            if key in self._data.columns:
                out[key] = rows[key].to_numpy()
        if out.shape[1] == 0:
            out["row (counting from 0)"] = list(positions)
        return out

    def where(self, positions: list[int], limit: int = 3) -> str:
        """The first few rows in words: ``repair_id HR0000042 (line 44), ...``."""
        located = self.locate(list(positions)[:limit])
        keys = [c for c in located.columns if c != "line in file"]
        parts = []
        for _, row in located.iterrows():
            text = ", ".join(f"{k} {row[k]}" for k in keys)
            if "line in file" in located:
                text = f"{text} (line {row['line in file']})" if keys else f"line {row['line in file']}"
            parts.append(text)
        return "; ".join(parts)

    def _example_tables(self, found: pd.DataFrame) -> list[Table]:
        import pandas as pd

        tables = []
        for _, f in found.iterrows():
            if not f["examples"]:
                continue
            place = self.locate(f["examples"])
            cols = [c for c in dict.fromkeys([f["column"], *self._related(f["check"])]) if c in self._data]
            cols = [c for c in cols if c not in place.columns]
            values = _as_written(self._data.iloc[f["examples"]][cols].reset_index(drop=True))
            frame = pd.concat([place, values], axis=1)
            tables.append(Table(f"Examples: {f['finding']}", frame))
        return tables

    def _related(self, check: str) -> list[str]:
        spec = self.checks.loc[self.checks["check"] == check]
        if spec.empty:
            return []
        parts = check.split(":")
        if parts[0] == "rule":
            rule = next(r for r in self.standard.rules if r.sentence == ":".join(parts[1:]))
            return [rule.column, rule.other]
        if parts[0] in {"consistent", "recoverable"}:
            return [parts[1], parts[2]]
        if parts[0] == "duplicate_person" and self.standard.people:
            p = self.standard.people
            return [c for c in (p.id, p.name, p.date_of_birth, p.postcode) if c]
        return []

    def figure(self) -> Figure:
        """A bar chart of the six dimension scores, with its text alternative (drawn when shown)."""
        if self._figure is None:
            scored = self.dimensions.dropna(subset=["score"])
            alt = "Scores out of 100: " + listing(
                [f"{d} {s:.1f}" for d, s in zip(scored["dimension"], scored["score"], strict=True)]
            )
            unscored = self.dimensions.loc[self.dimensions["score"].isna(), "dimension"].tolist()
            if unscored:
                alt += f". Not scored (no checks): {listing(unscored)}"
            self._figure = Figure("Data quality scores by dimension", alt + ".", draw=self._draw_scores)
        return self._figure

    def _draw_scores(self) -> Any:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt

        scored = self.dimensions.dropna(subset=["score"])
        fig, ax = plt.subplots(figsize=(6, 3))
        bars = ax.barh(scored["dimension"], scored["score"], color=_BAR)
        ax.bar_label(bars, labels=[f"{s:.1f}" for s in scored["score"]], padding=3)
        ax.set_xlim(0, 110)
        ax.invert_yaxis()
        ax.set_xlabel("Score out of 100 (share of checked values that pass)")
        ax.set_ylabel("Data Quality Framework dimension")
        ax.set_title(f"Data quality scores: {self.standard.name}")
        return fig

    # -- looking things up ---------------------------------------------------------------
    def rows(
        self, check: str | None = None, *, dimension: str | None = None, column: str | None = None
    ) -> pd.DataFrame:
        """The rows of the audited table that fail a check, a dimension or a column's checks.

        Examples
        --------
        >>> import pandas as pd
        >>> from labkit.quality import audit
        >>> df = pd.DataFrame({"priority": ["Urgent", "Soon", "Routine"]})
        >>> report = audit(df, {"columns": {"priority": {"allowed": ["Emergency", "Urgent", "Routine"]}}})
        >>> report.rows(dimension="Validity")["priority"].tolist()
        ['Soon']
        """
        f = self.failures
        if check is not None:
            if check not in set(self.checks["check"]):
                raise LabkitError(
                    f"The audit ran no check called {check!r}.",
                    where="parameter check",
                    fix=f"Use one of: {listing(self.checks['check'].tolist()[:20])}.",
                )
            f = f[f["check"] == check]
        if dimension is not None:
            if dimension not in DIMENSIONS:
                raise LabkitError(
                    f"{dimension!r} is not a Data Quality Framework dimension.",
                    where="parameter dimension",
                    fix=f"Use one of: {listing(list(DIMENSIONS))}.",
                )
            f = f[f["dimension"] == dimension]
        if column is not None:
            f = f[f["column"] == column]
        positions = sorted(set(f["row"].tolist()))
        return self._data.iloc[positions]

    def _extra_dict(self) -> dict[str, Any]:
        return {
            "n_rows": self.n_rows,
            "standard": self.standard.name,
            "findings": self.findings,
            "dimensions": self.dimensions,
            "columns": self.columns,
            "profile": self.profile,
        }


def _as_written(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole numbers held as floats (a column with gaps) shown without '.0': 1617778511, not 1617778511.0."""
    import pandas as pd

    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if pd.api.types.is_float_dtype(col) and bool((col.dropna() % 1 == 0).all()):
            out[name] = col.astype("Int64")
    return out


def audit(df: pd.DataFrame, standard: Any = None) -> QualityReport:
    """Check a table against a data standard; report each problem in plain English.

    Parameters
    ----------
    df : DataFrame
        The table to check. It is never changed.
    standard : DataStandard, dict, path or str, optional
        The data standard (see :func:`labkit.quality.read_standard`), for
        example ``"sandbox:housing_repairs"`` or ``"my_standard.yaml"``.
        Without one, labkit drafts one from the data with
        :func:`labkit.quality.infer`, which can only find missing values in
        nearly complete columns, repeats in ID columns, and the like.

    Returns
    -------
    QualityReport
        Findings tagged with their Data Quality Framework dimension, counts,
        percentages, example rows, severity and a suggested fix; scores per
        dimension and per column; and a profile of each column.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit.quality import audit
    >>> repairs = pd.DataFrame({
    ...     "repair_id": ["R1", "R2", "R3", "R4"],
    ...     "reported_at": ["2024-04-01", "2024-04-02", "02/04/2024", "2024-04-05"],
    ...     "completed_at": ["2024-04-03", "2024-03-30", "2024-04-09", None]})
    >>> report = audit(repairs, {"entity": "repair", "columns": {
    ...     "repair_id": {"required": True, "unique": True},
    ...     "reported_at": {"type": "date", "required": True},
    ...     "completed_at": {"type": "date"}},
    ...     "rules": ["completed_at is not before reported_at"]})
    >>> for line in report.findings["finding"]:
    ...     print(line)
    1 repair (25.0%) has a reported_at that is not a date written YYYY-MM-DD (for example 2024-03-31)
    1 repair (50.0%) has a completed_at before the reported_at
    """
    from labkit.quality._infer import infer
    from labkit.quality._standard import read_standard
    from labkit.quality._validate import require_frame, text_columns

    require_frame(df, "df")
    df = text_columns(df)  # a standard names columns as text; the caller's table is not changed
    std = infer(df) if standard is None else read_standard(standard)
    plan = build_plan(df, std)
    run_plan(plan)
    specs = list(plan.table_findings) + list(plan.specs.values())
    described = set(std.column_names)
    extra = [str(c) for c in df.columns if c not in described]
    return QualityReport(df, std, specs, extra)
