"""Reading a council's CSV file safely: clear messages for files that are not what they seem."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from labkit._errors import LabkitError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["LabkitWarning", "read_csv"]

_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (.xlsx) or another zipped file",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls) or Word document",
    b"%PDF": "a PDF document",
}


class LabkitWarning(UserWarning):
    """A warning from labkit about input it could use, but not as it expected."""


def read_csv(path: str | Path) -> pd.DataFrame:
    """Read a CSV file, with a clear message if it is empty, binary, ragged or not text.

    A gzip-compressed file (``.csv.gz``) is read too. Text is read as UTF-8; a
    file saved by Excel in Windows-1252 (the usual "ANSI" encoding on Windows) is
    read too, with a warning. Values are kept as
    written (dates stay text), so that :func:`labkit.quality.audit` can report
    dates written in the wrong form.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from labkit.quality import read_csv
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "repairs.csv").write_text("repair_id,reported_at\\nR1,31/03/2024\\n", encoding="utf-8")
    >>> read_csv(folder / "repairs.csv")["reported_at"].tolist()
    ['31/03/2024']
    """
    import pandas as pd

    path = Path(path)
    where = f"file {str(path)!r}"
    if not path.exists():
        raise LabkitError(
            "There is no file at this path.", where=where, fix="Check the folder and file name."
        )
    if path.is_dir():
        raise LabkitError("This is a folder, not a file.", where=where, fix="Give the path of a .csv file.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LabkitError(
            f"The file could not be opened: {exc.strerror or exc}.",
            where=where,
            fix="Check that you may read it and that no other program has it locked.",
        ) from exc
    if raw.startswith(b"\x1f\x8b"):  # gzip: read the CSV inside
        import gzip

        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise LabkitError(
                "The file is a damaged gzip (.gz) file.",
                where=where,
                fix="Download or export it again, or unzip it first to check it.",
            ) from exc
    if not raw.strip():
        raise LabkitError(
            "The file is empty.", where=where, fix="Export the data again; the file has no text."
        )
    for signature, what in _SIGNATURES.items():
        if raw.startswith(signature):
            raise LabkitError(
                f"The file is {what}, not a CSV text file.",
                where=where,
                fix="Open it in its program and use Save as, choosing 'CSV UTF-8 (comma delimited)'.",
            )
    if b"\x00" in raw[:65536]:
        raise LabkitError(
            "The file holds binary data, not text, so it is not a CSV file (or it was saved as UTF-16).",
            where=where,
            fix="Save it again as 'CSV UTF-8 (comma delimited)'.",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        warnings.warn(
            f"{path.name} is not UTF-8; labkit read it as Windows-1252 (the encoding Excel uses on Windows). "
            "Check letters such as é and £ in the result, and save as 'CSV UTF-8' next time.",
            LabkitWarning,
            stacklevel=2,
        )
    import io

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=None, keep_default_na=True, skipinitialspace=False)
    except pd.errors.EmptyDataError as exc:
        raise LabkitError(
            "The file has no columns.", where=where, fix="Check that the first line holds column names."
        ) from exc
    except pd.errors.ParserError as exc:
        message = str(exc)
        detail = message.split("Error tokenizing data. C error: ")[-1].rstrip(".\n")
        raise LabkitError(
            f"The file's rows do not all have the same number of fields: {detail}.",
            where=where,
            fix="Open it in a text editor at that line: a comma inside a value needs the value in double "
            "quotes, or a row was cut short.",
        ) from exc
    unnamed = [i for i, c in enumerate(frame.columns) if str(c).startswith("Unnamed: ")]
    if unnamed:
        raise LabkitError(
            "Some columns have no name in the first line of the file.",
            where=f"{where}, column {unnamed[0] + 1}",
            fix="Give every column a name in the first line (or remove the empty column).",
        )
    return frame
