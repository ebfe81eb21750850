"""Every command that reads a file, and ``quality.read_csv``, on every kind of bad or awkward file."""

from __future__ import annotations

import gzip

import pytest

from labkit import quality
from tests.test_bad_input.conftest import (
    FILE_COMMANDS,
    assert_plain_cli_error,
    command_argv,
    raises_plain,
    scored_frame,
)

GOOD = scored_frame().to_csv(index=False)
HEADER = GOOD.split("\n", 1)[0]

# name: (the file's bytes, words the message must contain)
BAD_FILES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty": (b"", ("empty",)),
    "whitespace only": (b"  \n\n \t\n", ("empty",)),
    "xlsx workbook": (b"PK\x03\x04" + b"\x00" * 40, ("Excel",)),
    "old xls workbook": (b"\xd0\xcf\x11\xe0" + b"\x00" * 40, ("Excel",)),
    "pdf": (b"%PDF-1.4\n%...", ("PDF",)),
    "binary": (HEADER.encode() + b"\n\x00\x01\x02\x03", ("binary",)),
    "utf-16": (GOOD.encode("utf-16"), ("UTF-16",)),
    "ragged": ((GOOD + "C1,Male,White,2023-24,1,0,0.5,extra\n").encode(), ("same number of fields",)),
    "every row too long": ((HEADER + "\nC1,Male,White,2023-24,1,0,0.5,extra\n").encode(), ("more fields",)),
    "unnamed column": (("," + HEADER + "\n1," + GOOD.split("\n")[1] + "\n").encode(), ("no name",)),
    "repeated column": (
        ("label," + HEADER + "\n1," + GOOD.split("\n")[1] + "\n").encode(),
        ("more than one column",),
    ),
    "json object": (b'{"label": [0, 1], "score": [0.2, 0.8]}', ("JSON",)),
    "json list": (b'[{"label": 0, "score": 0.2}]', ("JSON",)),
    "html page": (b"<!DOCTYPE html><html><body>Download</body></html>", ("web page",)),
    "header only": ((HEADER + "\n").encode(), ("no rows",)),
    "damaged gzip": (b"\x1f\x8b\x08\x00not-really-gzip", ("damaged gzip",)),
}


@pytest.mark.parametrize("command", list(FILE_COMMANDS))
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_one_plain_line(cli, tmp_path, command: str, kind: str) -> None:
    content, words = BAD_FILES[kind]
    path = tmp_path / "extract.csv"
    path.write_bytes(content)
    assert_plain_cli_error(*cli(command_argv(command, path)), *words)


@pytest.mark.parametrize("command", list(FILE_COMMANDS))
@pytest.mark.parametrize("kind", ["no such file", "a folder"])
def test_missing_file_or_folder(cli, tmp_path, command: str, kind: str) -> None:
    path = tmp_path / "nope.csv" if kind == "no such file" else tmp_path
    assert_plain_cli_error(
        *cli(command_argv(command, path)), "no file" if kind == "no such file" else "folder"
    )


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_read_csv_refuses_bad_files(tmp_path, kind: str) -> None:
    content, words = BAD_FILES[kind]
    path = tmp_path / "extract.csv"
    path.write_bytes(content)
    error = raises_plain(quality.read_csv, path, words=words)
    assert "extract.csv" in error.where


@pytest.mark.parametrize("value", [None, 3, "", "   ", ["a.csv"]])
def test_read_csv_refuses_what_is_not_a_path(value) -> None:
    raises_plain(quality.read_csv, value, words=("path",))


# name: a function turning the good CSV text into an awkward but valid file (read, maybe with a warning)
AWKWARD: dict[str, object] = {
    "windows-1252": lambda text: text.encode("cp1252"),
    "utf-8 with BOM": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "semicolons": lambda text: text.replace(",", ";").encode(),
    "tabs": lambda text: text.replace(",", "\t").encode(),
    "gzip": lambda text: gzip.compress(text.encode()),
    "windows line endings": lambda text: text.replace("\n", "\r\n").encode(),
}


@pytest.mark.parametrize("command", list(FILE_COMMANDS))
@pytest.mark.parametrize("kind", list(AWKWARD))
def test_awkward_but_valid_files_are_read(cli, tmp_path, command: str, kind: str) -> None:
    path = tmp_path / "extract.csv"
    path.write_bytes(AWKWARD[kind](GOOD))
    code, out, err = cli(command_argv(command, path))
    assert code == 0, err
    assert "Traceback" not in out + err
    if kind in {"windows-1252", "semicolons", "tabs"}:
        assert "labkit: warning:" in out


@pytest.mark.parametrize("kind", list(AWKWARD))
def test_awkward_files_give_the_same_table(tmp_path, kind: str) -> None:
    path = tmp_path / "extract.csv"
    path.write_bytes(AWKWARD[kind](GOOD))
    with pytest.warns() if kind in {"windows-1252", "semicolons", "tabs"} else _no_warning():
        frame = quality.read_csv(path)
    expected = scored_frame()
    assert frame.columns.tolist() == expected.columns.tolist()
    assert frame["group"].tolist() == expected["group"].tolist()
    assert frame["score"].tolist() == expected["score"].tolist()
    assert frame["label"].tolist() == expected["label"].tolist()


class _no_warning:
    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("error")
        return self

    def __exit__(self, *exc):
        return self._catch.__exit__(*exc)
