"""The report pattern every labkit analysis helper follows.

A report has a plain-English ``summary``, its main numbers as a DataFrame
(``to_frame()``), a rich HTML display in Jupyter, ``to_markdown()``,
``to_dict()`` (JSON-safe) and ``save(path)``, which picks HTML, Markdown or
JSON from the file's suffix. Officers paste reports into board papers;
analysts load the JSON.

Subclasses (``QualityReport``, ``EvaluationReport``, ``FairnessReport``, ...)
build their sections and pass them to :class:`Report`, and may add fields to
the JSON form by overriding :meth:`Report._extra_dict`. A chart is a
:class:`Figure` holding a function that draws it: reports compute first and
draw only when shown or saved as HTML, as scikit-learn's Display objects do.
Widgets show :meth:`Report.body_html` in their own output area.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from labkit._errors import LabkitError
from labkit._style import REPORT_CSS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Figure", "Report", "Section", "Table", "to_jsonable"]


def to_jsonable(obj: Any) -> Any:
    """Convert numbers, arrays, DataFrames and dates into plain JSON types.

    NaN and missing values become ``None``; timestamps become ISO 8601
    strings; numpy scalars become Python numbers.
    """
    import numpy as np
    import pandas as pd

    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (int,)) and not isinstance(obj, bool):
        return obj
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return to_jsonable(float(obj))
    if isinstance(obj, (pd.Timestamp, _dt.datetime, _dt.date)):
        return None if pd.isna(obj) else obj.isoformat()
    if isinstance(obj, pd.Timedelta):
        return None if pd.isna(obj) else obj.total_seconds()
    if isinstance(obj, Path):
        return obj.as_posix()
    if isinstance(obj, pd.DataFrame):
        return [
            to_jsonable(rec)
            for rec in obj.reset_index(
                drop=obj.index.name is None and not isinstance(obj.index, pd.MultiIndex)
            ).to_dict(orient="records")
        ]
    if isinstance(obj, pd.Series):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    if obj is pd.NA or obj is pd.NaT:
        return None
    if hasattr(obj, "to_dict") and callable(obj.to_dict):
        return to_jsonable(obj.to_dict())
    return str(obj)


def _cell_text(value: Any) -> str:
    import pandas as pd

    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


@dataclass
class Table:
    """A titled table of numbers inside a report section."""

    title: str
    frame: pd.DataFrame
    note: str = ""

    def to_html(self) -> str:
        frame = self.frame
        cols = [str(c) for c in frame.columns]
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in cols)
        rows = []
        for _, row in frame.iterrows():
            cells = "".join(f"<td>{html.escape(_cell_text(v))}</td>" for v in row.tolist())
            rows.append(f"<tr>{cells}</tr>")
        note = f'<p class="labkit-note">{html.escape(self.note)}</p>' if self.note else ""
        return (
            f"<table><caption>{html.escape(self.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}"
        )

    def to_markdown(self) -> str:
        def esc(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        cols = [esc(str(c)) for c in self.frame.columns]
        lines = [
            f"**{esc(self.title)}**",
            "",
            "| " + " | ".join(cols) + " |",
            "|" + "|".join(" --- " for _ in cols) + "|",
        ]
        for _, row in self.frame.iterrows():
            lines.append("| " + " | ".join(esc(_cell_text(v)) for v in row.tolist()) + " |")
        if self.note:
            lines += ["", f"_{self.note}_"]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "rows": to_jsonable(self.frame.reset_index(drop=True)),
            "note": self.note,
        }


class Figure:
    """A chart with its text alternative, which is always shown beside it.

    A figure is drawn only when it is shown or saved as HTML, as scikit-learn's
    Display objects are: the report is computed first and keeps a ``draw``
    function, so ``to_dict()``, ``to_markdown()`` and ``summary`` never pay for
    matplotlib. The PNG is drawn once, then kept.

    Parameters
    ----------
    title : str
        The chart's title, shown in its caption.
    alt : str
        The text alternative: what the chart shows, in a sentence or two.
    draw : callable, optional
        Takes no arguments and returns a matplotlib figure; called the first
        time :attr:`png` is needed.
    png : bytes, optional
        The chart already drawn, instead of ``draw``.

    Examples
    --------
    >>> from labkit._report import Figure
    >>> calls = []
    >>> def draw():
    ...     import matplotlib.pyplot as plt
    ...     calls.append(1)
    ...     fig, ax = plt.subplots()
    ...     ax.bar(["Routine", "Urgent"], [5, 2])
    ...     return fig
    >>> chart = Figure("Late repairs", "Routine repairs: 5 late; urgent: 2.", draw=draw)
    >>> chart.to_markdown(), calls
    ('**Figure: Late repairs.** Routine repairs: 5 late; urgent: 2.', [])
    >>> chart.png[:4], calls
    (b'\\x89PNG', [1])
    """

    def __init__(
        self, title: str, alt: str, draw: Callable[[], Any] | None = None, *, png: bytes | None = None
    ) -> None:
        if (draw is None) == (png is None):
            raise TypeError("Figure needs exactly one of draw (a function) or png (bytes).")
        self.title = title
        self.alt = alt
        self._draw = draw
        self._png = png

    def __repr__(self) -> str:
        state = "drawn" if self._png is not None else "not drawn yet"
        return f"Figure({self.title!r}, {state})"

    @classmethod
    def from_matplotlib(cls, fig: Any, title: str, alt: str) -> Figure:
        """Render a matplotlib figure that is already drawn to PNG now, and close it."""
        return cls(title, alt, png=_render_png(fig))

    @property
    def drawn(self) -> bool:
        """Whether the PNG exists yet (False until the figure is first shown or saved)."""
        return self._png is not None

    @property
    def png(self) -> bytes:
        """The chart as PNG bytes, drawn the first time it is asked for."""
        if self._png is None:
            assert self._draw is not None
            self._png = _render_png(self._draw())
            self._draw = None
        return self._png

    def to_html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}">'
            f"<figcaption><strong>{html.escape(self.title)}.</strong> "
            f"{html.escape(self.alt)}</figcaption></figure>"
        )

    def to_markdown(self) -> str:
        return f"**Figure: {self.title}.** {self.alt}"


def _render_png(fig: Any) -> bytes:
    """A matplotlib figure as PNG bytes (no timestamp, so the bytes are reproducible); closes it."""
    import io

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


@dataclass
class Section:
    """A headed part of a report: paragraphs, tables and figures.

    ``text`` is plain English. Blank lines separate paragraphs; lines starting
    with a hyphen and a space (``- Ward B: 30``) become a bulleted list.
    """

    heading: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def _blocks(self) -> list[tuple[str, list[str]]]:
        blocks: list[tuple[str, list[str]]] = []
        for para in [p.strip() for p in self.text.strip().split("\n\n") if p.strip()]:
            lines = [ln.strip() for ln in para.splitlines() if ln.strip()]
            if all(ln.startswith("- ") for ln in lines):
                blocks.append(("list", [ln[2:] for ln in lines]))
            else:
                blocks.append(("para", [" ".join(lines)]))
        return blocks

    def to_html(self, level: int = 2) -> str:
        parts = [f"<h{level}>{html.escape(self.heading)}</h{level}>"]
        for kind, lines in self._blocks():
            if kind == "list":
                items = "".join(f"<li>{html.escape(ln)}</li>" for ln in lines)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{html.escape(lines[0])}</p>")
        parts += [t.to_html() for t in self.tables]
        parts += [f.to_html() for f in self.figures]
        return "".join(parts)

    def to_markdown(self, level: int = 2) -> str:
        parts = ["#" * level + " " + self.heading]
        for kind, lines in self._blocks():
            parts.append("\n".join(f"- {ln}" for ln in lines) if kind == "list" else lines[0])
        parts += [t.to_markdown() for t in self.tables]
        parts += [f.to_markdown() for f in self.figures]
        return "\n\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "text": self.text.strip(),
            "tables": [t.to_dict() for t in self.tables],
            "figures": [{"title": f.title, "alt": f.alt} for f in self.figures],
        }


class Report:
    """Base class of every labkit report.

    Parameters
    ----------
    title : str
        A short title, for example ``"Data quality audit: housing repairs"``.
    summary : str
        The plain-English summary a board member reads first.
    sections : list of Section
        The body of the report.
    frame : pandas.DataFrame, optional
        The report's main numbers, returned by :meth:`to_frame`.

    Examples
    --------
    >>> import pandas as pd
    >>> from labkit._report import Report, Section, Table
    >>> r = Report("Example", "Two repairs were late.",
    ...            [Section("Numbers", tables=[Table("Late repairs", pd.DataFrame({"late": [2]}))])])
    >>> r.summary
    'Two repairs were late.'
    >>> r.to_dict()["title"]
    'Example'
    """

    kind: ClassVar[str] = "Report"

    def __init__(
        self,
        title: str,
        summary: str,
        sections: list[Section] | None = None,
        frame: pd.DataFrame | None = None,
    ) -> None:
        self.title = title
        self.summary = summary
        self.sections = list(sections or [])
        self._frame = frame

    # -- the numbers -----------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The report's main numbers as a DataFrame (a copy, safe to change)."""
        import pandas as pd

        if self._frame is not None:
            return self._frame.copy()
        if self.sections and self.sections[0].tables:
            return self.sections[0].tables[0].frame.copy()
        return pd.DataFrame()

    def _extra_dict(self) -> dict[str, Any]:
        """Extra JSON fields for subclasses; plain Python types only."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        """Everything in the report as JSON-safe Python types."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "sections": [s.to_dict() for s in self.sections],
        }
        out.update(to_jsonable(self._extra_dict()))
        return out

    # -- the documents ---------------------------------------------------------------
    def to_markdown(self) -> str:
        """The report as Markdown, ready to paste into a board paper."""
        parts = [f"# {self.title}", self.summary]
        parts += [s.to_markdown() for s in self.sections]
        return "\n\n".join(parts) + "\n"

    def body_html(self) -> str:
        """The report's body as an HTML fragment, without page or stylesheet.

        Widgets put it inside their own output area; :meth:`to_html` wraps it in
        a complete page, and Jupyter's display adds the report stylesheet.
        """
        summary = "".join(f"<p>{html.escape(p.strip())}</p>" for p in self.summary.split("\n\n") if p.strip())
        body = "".join(s.to_html() for s in self.sections)
        return (
            f'<div class="labkit-report"><h1>{html.escape(self.title)}</h1>'
            f'<div class="labkit-summary">{summary}</div>{body}</div>'
        )

    def to_html(self) -> str:
        """The report as a complete, accessible HTML page."""
        return (
            '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(self.title)}</title><style>{REPORT_CSS}</style></head>"
            f"<body><main>{self.body_html()}</main></body></html>\n"
        )

    def _repr_html_(self) -> str:
        return f"<style>{REPORT_CSS.replace('body{', '.labkit-report{')}</style>{self.body_html()}"

    def __repr__(self) -> str:
        return f"{self.kind}: {self.title}\n\n{self.summary}"

    def save(self, path: str | Path) -> Path:
        """Write the report to ``path``: ``.html``, ``.md`` or ``.json`` by suffix.

        Returns the path written. Folders in the path are created if missing.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix in {".html", ".htm"}:
            text = self.to_html()
        elif suffix in {".md", ".markdown"}:
            text = self.to_markdown()
        elif suffix == ".json":
            text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        else:
            raise LabkitError(
                f"labkit cannot tell which format to save from the suffix {suffix or '(none)'!r}.",
                where=f"path {str(path)!r}",
                fix="End the file name with .html (a web page), .md (Markdown) or .json (data).",
            )
        from labkit._inputs import write_text

        return write_text(path, text, what="The report")
