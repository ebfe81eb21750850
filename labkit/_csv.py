"""The one CSV reader behind every labkit command and public function that reads a file.

Council exports are rarely tidy: Excel's Windows-1252 ("ANSI") text, semicolon or tab
separators, zero-padded codes and phone numbers, repeated column names, a JSON file
saved as ``.csv``. :func:`read_csv` reads what it safely can and refuses the rest with
one plain-English :class:`~labkit.LabkitError` (what, where, how to fix), so that
``quality``, ``evaluate`` and ``fairness`` treat the same file the same way.

Values are read as text first. A column becomes numbers only when every value is
written as a number and none is zero-padded (``007``, ``01617486414``): codes and
phone numbers stay text, so their leading zeros survive and a data standard can
check them. A column whose name says it is a telephone number stays text too.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labkit._errors import LabkitError
from labkit._text import listing, plural

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "SOURCE_ATTR",
    "LabkitWarning",
    "read_csv",
    "read_csv_as_text",
    "read_table",
    "show_warnings",
    "source_line",
    "source_lines",
]

_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zipped file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls) or Word document",
    b"%PDF": "a PDF document",
}
_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
# A number as a spreadsheet writes it; a zero-padded one ("007") is a code, not a number.
_NUMBER = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[+-]?\.[0-9]+"
_PHONE_NAME = re.compile(r"(^|[^a-z])(phone|telephone|tel|mobile|fax)([^a-z]|$)", re.IGNORECASE)
_TRUE_FALSE = {"true": True, "false": False}


class LabkitWarning(UserWarning):
    """A warning from labkit about input it could use, but not as it expected."""


def _fail(what: str, where: str, fix: str) -> LabkitError:
    return LabkitError(what, where=where, fix=fix)


def _path(path: Any, param: str) -> Path:
    import os

    if isinstance(path, (str, os.PathLike)) and str(path).strip():
        return Path(path)
    shown = "an empty name" if isinstance(path, str) else type(path).__name__
    raise _fail(
        f"{param} must be the path of a CSV file, not {shown}.",
        f"parameter {param}",
        "Pass the file's path, for example 'repairs.csv'.",
    )


def _read_bytes(path: Path, where: str) -> bytes:
    if not path.exists():
        raise _fail("There is no file at this path.", where, "Check the folder and file name.")
    if path.is_dir():
        raise _fail("This is a folder, not a file.", where, "Give the path of a .csv file.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(
            f"The file could not be opened: {exc.strerror or exc}.",
            where,
            "Check that you may read it and that no other program has it locked.",
        ) from exc
    if raw.startswith(b"\x1f\x8b"):  # gzip: read the CSV inside
        import gzip
        import zlib

        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise _fail(
                "The file is a damaged gzip (.gz) file.",
                where,
                "Download or export it again, or unzip it first to check it.",
            ) from exc
    return raw


def _decode(raw: bytes, path: Path, where: str) -> str:
    if not raw.strip():
        raise _fail("The file is empty.", where, "Export the data again; the file has no text.")
    for signature, what in _SIGNATURES.items():
        if raw.startswith(signature):
            raise _fail(
                f"The file is {what}, not a CSV text file.",
                where,
                "Open it in its program and use Save as, choosing 'CSV UTF-8 (comma delimited)'.",
            )
    if b"\x00" in raw[:65536]:
        raise _fail(
            "The file holds binary data, not text, so it is not a CSV file (or it was saved as UTF-16).",
            where,
            "Save it again as 'CSV UTF-8 (comma delimited)'.",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.warn(
            f"{path.name} is not UTF-8; labkit read it as Windows-1252 (the encoding Excel uses on "
            "Windows). Check letters such as é and £ in the result, and save as 'CSV UTF-8' next time.",
            LabkitWarning,
            stacklevel=4,
        )
    if not text.strip():
        raise _fail("The file is empty.", where, "Export the data again; the file has no text.")
    first = text.lstrip()[:1]
    if first in "{[":
        raise _fail(
            "The file holds JSON, not a CSV table.",
            where,
            "Export the table as CSV, or read the JSON with pandas.read_json and pass the table.",
        )
    if first == "<":
        raise _fail(
            "The file holds a web page or XML, not a CSV table.",
            where,
            "Download the CSV file itself, not the page that links to it.",
        )
    return text


def _header(text: str) -> list[str]:
    import csv
    import io

    try:
        return next(csv.reader(io.StringIO(text)))
    except (StopIteration, csv.Error):
        return []


def _separator(text: str, path: Path) -> str:
    """A comma, or the separator the first line uses when it has no comma (Excel in Europe: ';')."""
    line = text.lstrip("\r\n").split("\n", 1)[0]
    if "," in line:
        return ","
    for sep, name in _SEPARATORS.items():
        if sep in line:
            warnings.warn(
                f"{path.name} separates its columns with {name}, not commas; labkit read it that way.",
                LabkitWarning,
                stacklevel=4,
            )
            return sep
    return ","


def _check_names(names: list[str], where: str) -> None:
    for i, name in enumerate(names):
        if not str(name).strip():
            raise _fail(
                "Some columns have no name in the first line of the file.",
                f"{where}, column {i + 1}",
                "Give every column a name in the first line (or remove the empty column).",
            )
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise _fail(
                f"The file has more than one column called {name!r}.",
                f"{where}, column {name!r}",
                "Rename the columns in the first line so each name is used once.",
            )
        seen.add(name)


def _convert(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn columns written wholly as numbers (or True/False) into numbers (or booleans)."""
    import pandas as pd

    out = {}
    for name in frame.columns:
        s = frame[name]
        values = s.dropna()
        out[name] = s
        if values.empty or _PHONE_NAME.search(str(name)):
            continue
        # Most text columns show on their first values that they are not numbers: skip them cheaply.
        head = values.iloc[:200].str.strip()
        if not (head.str.lower().isin(list(_TRUE_FALSE)).all() or head.str.fullmatch(_NUMBER).all()):
            continue
        stripped = values.str.strip()
        lowered = stripped.str.lower()
        if bool(lowered.isin(list(_TRUE_FALSE)).all()):
            flags = lowered.map(_TRUE_FALSE)
            out[name] = (
                flags.astype(bool) if len(values) == len(s) else flags.reindex(s.index).astype("boolean")
            )
            continue
        if not bool(stripped.str.fullmatch(_NUMBER).all()):
            continue
        if bool(stripped.str.fullmatch(r"[+-]?[0-9]{16,}").any()):  # too long to hold exactly: a code
            continue
        numbers = pd.to_numeric(s.str.strip(), errors="coerce")
        whole = bool(stripped.str.fullmatch(r"[+-]?[0-9]+").all())
        if not whole:
            out[name] = numbers.astype("float64")
        else:  # whole numbers stay whole: a gap is a missing value (pandas's nullable Int64), not 3.0
            out[name] = numbers.astype("int64") if len(values) == len(s) else numbers.astype("Int64")
    return pd.DataFrame(out, index=frame.index)


def read_csv(path: str | Path, *, param: str = "path") -> pd.DataFrame:
    """Read a CSV file, with a clear message if it is empty, binary, ragged or not a CSV table.

    A gzip-compressed file (``.csv.gz``) is read too. Text is read as UTF-8; a
    file saved by Excel in Windows-1252 (the usual "ANSI" encoding on Windows) is
    read too, with a :class:`LabkitWarning`, and so is a file separated by
    semicolons or tabs. Dates stay text, so that :func:`labkit.quality.audit`
    can report dates written in the wrong form. A column becomes numbers only
    when every value is a number and none is zero-padded: codes such as
    ``007`` and phone numbers such as ``01617486414`` stay text. Columns whose
    name says they hold telephone numbers stay text as well. The words ``NA``,
    ``N/A``, ``NULL`` and an empty cell mean "missing". Whole numbers with gaps
    stay whole numbers (pandas's nullable ``Int64``, the gaps ``<NA>``), with
    or without pyarrow, rather than becoming decimals such as ``3.0``. A row
    with fewer values than the header is read with blanks for the values it
    lacks, and a :class:`LabkitWarning` names its line, so that an audit
    reports the blanks rather than refusing the whole file.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    param : str
        The name of the parameter or argument that gave the path, for messages.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from labkit.quality import read_csv
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "schools.csv").write_text(
    ...     "urn,phone,opened,pupils\\n012345,01617486414,31/03/2024,120\\n", encoding="utf-8")
    >>> df = read_csv(folder / "schools.csv")
    >>> df.loc[0, "urn"], df.loc[0, "phone"], df.loc[0, "opened"], int(df.loc[0, "pupils"])
    ('012345', '01617486414', '31/03/2024', 120)
    """
    path = _path(path, param)
    text, frame, sep = _read_text(path, missing_words=True)
    # A short row leaves blanks at the end, so only a file with a blank in its last column can have one.
    if frame.shape[1] > 1 and bool(frame.iloc[:, -1].isna().any()):
        header, short = _short_rows(text, sep)
        if short:
            more = (
                f" {plural(len(short) - 1, 'more line')} {'is' if len(short) == 2 else 'are'} short too "
                f"({_some_lines(short[1:])})."
                if len(short) > 1
                else ""
            )
            warnings.warn(
                f"{path.name}: line {short[0]} has fewer values than the first line has column names "
                f"({header}), so labkit read the values it lacks as blanks.{more} Open the file in a text "
                f"editor at line {short[0]}: a value or a separator may be missing.",
                LabkitWarning,
                stacklevel=2,
            )
    return _note_source(_convert(frame), text, sep, path)


def read_csv_as_text(path: str | Path, *, param: str = "path") -> pd.DataFrame:
    """Read a CSV file as :func:`read_csv` does, but keep every value as written, as text.

    For files whose columns are text by design (the project register's layout): no column becomes
    numbers, an empty cell is an empty string, and words such as ``NA`` stay as they are. The same
    files are refused, with the same messages, as by :func:`read_csv`, and so is a row with fewer
    values than the header (such files are small, so every row's fields are counted).
    """
    path = _path(path, param)
    text, frame, sep = _read_text(path, missing_words=False)
    header, short = _short_rows(text, sep)
    if short:
        raise _fail(
            f"Line {short[0]} has fewer values than the first line has column names ({header}).",
            f"file {str(path)!r}, line {short[0]}",
            "Open it in a text editor at that line: a value or a separator is missing, or a quote is "
            "not closed.",
        )
    return _note_source(frame, text, sep, path)


def _read_text(path: Path, *, missing_words: bool) -> tuple[str, pd.DataFrame, str]:
    """The file's text, its table (every value as text) and separator; refuse what is not a CSV table."""
    import io

    import pandas as pd

    where = f"file {str(path)!r}"
    text = _decode(_read_bytes(path, where), path, where)
    sep = _separator(text, path)
    names = _header(text) if sep == "," else text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r").split(sep)
    _check_names(names, where)
    try:
        with warnings.catch_warnings():
            # Without this, rows that all have one field more than the header silently become the index.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text), sep=sep, dtype=str, keep_default_na=missing_words, index_col=False
            )
    except pd.errors.ParserWarning as exc:
        raise _fail(
            f"The rows have more fields than the first line has column names ({len(names)}).",
            where,
            "Open it in a text editor: give every column a name in the first line, or remove the "
            "separator at the end of each row.",
        ) from exc
    except pd.errors.EmptyDataError as exc:
        raise _fail(
            "The file has no columns.", where, "Check that the first line holds column names."
        ) from exc
    except pd.errors.ParserError as exc:
        detail = _file_line(text, sep, str(exc).split("Error tokenizing data. C error: ")[-1].rstrip(".\n"))
        raise _fail(
            f"The file's rows do not all have the same number of fields: {detail}.",
            where,
            "Open it in a text editor at that line: a comma inside a value needs the value in double "
            "quotes, or a row was cut short.",
        ) from exc
    if frame.empty:
        raise _fail(
            "The file has column names but no rows of data.",
            where,
            "Export the data again, checking that the query or filter returned rows.",
        )
    return text, frame, sep


# The key of DataFrame.attrs where read_csv notes the file a table came from.
SOURCE_ATTR = "labkit_csv"


def _note_source(frame: pd.DataFrame, text: str, sep: str, path: Path) -> pd.DataFrame:
    """Note in ``frame.attrs`` the file and the line each row starts on, so findings can name lines."""
    if _one_line_per_row(text, len(frame)):
        # Row i (its index label) is line i + 2 of the file: audits report the line an officer opens.
        frame.attrs[SOURCE_ATTR] = {"file": path.name, "first_line": 2}
        return frame
    lines = _row_lines(text, sep)
    if lines is not None and len(lines) == len(frame):
        # Blank lines, or values in quotes that run over several lines: each row's own first line.
        frame.attrs[SOURCE_ATTR] = {"file": path.name, "lines": lines}
    return frame


def _one_line_per_row(text: str, n_rows: int) -> bool:
    """Whether each row is one line, with no blank lines (so a row's line number is simple to give)."""
    body = text.replace("\r\n", "\n").rstrip("\n")
    return not body.startswith("\n") and "\n\n" not in body and body.count("\n") == n_rows


def _records(text: str, sep: str) -> list[tuple[int, int]] | None:
    """Each record of the file as (the line it starts on, its number of fields); a blank line has 0.

    A value in quotes can run over several lines, so a record's line is not its position plus one.
    None when the text is not CSV the standard library can read.
    """
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    out: list[tuple[int, int]] = []
    end = 0
    try:
        for row in reader:
            out.append((end + 1, len(row)))
            end = reader.line_num
    except csv.Error:
        return None
    return out


def _short_rows(text: str, sep: str) -> tuple[int, list[int]]:
    """The header's number of fields, and the line of each row with fewer (blank lines are not rows)."""
    records = _records(text, sep) or []
    header = next((fields for _, fields in records if fields), 0)
    return header, [line for line, fields in records if 0 < fields < header]


def _some_lines(lines: list[int], shown: int = 5) -> str:
    """``'lines 9, 12 and 30'``, or the first few and how many others for a long list."""
    if len(lines) <= shown:
        return f"{'line' if len(lines) == 1 else 'lines'} {listing(lines)}"
    return f"lines {', '.join(map(str, lines[:shown]))} and {plural(len(lines) - shown, 'other')}"


def _row_lines(text: str, sep: str) -> tuple[int, ...] | None:
    """The line of the file on which each data row starts (after the header), or None if unsure."""
    records = _records(text, sep)
    if records is None:
        return None
    starts = [line for line, fields in records if fields]  # blank lines are skipped, as pandas skips them
    return tuple(starts[1:])


def _file_line(text: str, sep: str, message: str) -> str:
    """pandas's message with its "line N" (which counts records, not lines) made the file's line."""
    found = re.search(r"\bline (\d+)", message)
    records = _records(text, sep) if found else None
    if not found or records is None or not 1 <= int(found.group(1)) <= len(records):
        return message
    line = records[int(found.group(1)) - 1][0]
    return message[: found.start(1)] + str(line) + message[found.end(1) :]


def source_lines(df: Any, positions: Any) -> Any:
    """The file's line number of each row position of ``df``, or None when labkit cannot know it.

    Known when ``df`` came from :func:`read_csv`; it follows each row's index label, so filtering or
    sorting the table keeps it right. A row whose values in quotes run over several lines is given
    the line it starts on.
    """
    import numpy as np
    import pandas as pd

    source = getattr(df, "attrs", {}).get(SOURCE_ATTR)
    if not source or not pd.api.types.is_integer_dtype(df.index):
        return None
    labels = np.asarray(df.index[np.asarray(positions, dtype=np.int64)], dtype=np.int64)
    if "lines" not in source:
        return labels + source["first_line"]
    lines = np.asarray(source["lines"], dtype=np.int64)
    if len(labels) and (labels.min() < 0 or labels.max() >= len(lines)):
        return None
    return lines[labels]


def source_line(df: Any, position: int) -> int | None:
    """The file's line number of the row at ``position`` of ``df`` (see :func:`source_lines`)."""
    lines = source_lines(df, [position])
    return None if lines is None else int(lines[0])


def show_warnings(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` and print each :class:`LabkitWarning` it gives as one line (for the CLI)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LabkitWarning)
        result = fn(*args, **kwargs)
    for warning in caught:
        if issubclass(warning.category, LabkitWarning):
            print(f"labkit: warning: {warning.message}")
        else:  # pragma: no cover - someone else's warning: pass it on unchanged
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return result


def read_table(path: Any, columns: Any = (), *, options: Any = None) -> pd.DataFrame:
    """For a command: read a CSV file (printing any warning), then check the named columns exist.

    ``columns`` are the column names the command's options gave (``None`` and
    empty names are skipped); ``options`` names the option of each, for the message.
    """
    from labkit._inputs import preview

    frame = show_warnings(read_csv, path, param="FILE.csv")
    columns = list(columns)
    flags = list(options) if options is not None else [None] * len(columns)
    for name, flag in zip(columns, flags, strict=True):
        if name and name not in frame.columns:
            raise LabkitError(
                f"The file has no column {name!r}.",
                where=f"option {flag}" if flag else "the column options",
                fix=f"Use one of the file's columns: {preview(list(frame.columns), 15)}.",
            )
    return frame
