"""The shared CSV reader everywhere: register import, and line numbers when a row spans several lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from labkit import quality
from labkit._csv import read_csv_as_text, source_line, source_lines
from labkit.register import Register, read_entries
from tests.test_bad_input.conftest import assert_plain_cli_error, raises_plain

ENTRY = {
    "id": "eastmere-damp-survey-planner",
    "title": "Damp survey planner for café-side homes",
    "council": "Eastmere District Council",
    "service": "Housing",
    "problem_statement": "Plan damp surveys so the homes at most risk are visited first.\nThen the rest.",
    "status": "active",
    "phase": "idea",
    "contact_role": "Housing Standards Manager",
    "lessons_learned": "N/A",
}


def _register_csv(entries: list[dict[str, str]]) -> str:
    names = list(dict.fromkeys(k for e in entries for k in e))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(entries)
    return buf.getvalue()


TWO = _register_csv([ENTRY, ENTRY | {"id": "eastmere-second", "problem_statement": "One line."}])


# name: the file's bytes (a register export as an officer might save it), the words of the warning
AWKWARD_REGISTER_FILES = {
    "windows-1252": (TWO.encode("cp1252"), "Windows-1252"),
    "semicolons": (TWO.replace(",", ";").encode(), "semicolons"),
}


@pytest.mark.parametrize("kind", list(AWKWARD_REGISTER_FILES))
def test_register_import_reads_what_every_command_reads(cli, tmp_path: Path, kind: str) -> None:
    raw, warning = AWKWARD_REGISTER_FILES[kind]
    path = tmp_path / "entries.csv"
    path.write_bytes(raw)
    code, out, err = cli(["register", "import", path, "--register", tmp_path / "r.sqlite"])
    assert code == 0, err
    assert "labkit: warning:" in out and warning in out and "2 added" in out
    with Register(tmp_path / "r.sqlite") as reg:
        got = reg.get(ENTRY["id"])
    assert got["title"] == ENTRY["title"]  # the é survives
    assert got["problem_statement"] == ENTRY["problem_statement"]


def test_register_import_keeps_na_words_and_empty_cells_as_written(tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(_register_csv([ENTRY | {"contact_email": ""}]), encoding="utf-8")
    (entry,) = read_entries(path)
    assert entry["lessons_learned"] == "N/A" and entry["contact_email"] == ""


# name: (the file's text, words the message must contain)
BAD_REGISTER_FILES = {
    "json saved as csv": ('{"entries": []}', ("JSON",)),
    "html saved as csv": ("<html><body>Export</body></html>", ("web page",)),
    "header only": (TWO.split("\n", 1)[0] + "\n", ("no rows",)),
    "repeated column": ("id,id,title\na,b,c\n", ("more than one column",)),
    # The first entry's problem statement spans lines 2-3, so the second entry starts on line 4.
    "a row too short": (TWO.rstrip("\n").rsplit(",", 1)[0] + "\n", ("line 4", "fewer values")),
    "a row too long": (TWO.rstrip("\n") + ",extra\n", ("line 4",)),
}


@pytest.mark.parametrize("kind", list(BAD_REGISTER_FILES))
def test_bad_register_files_are_plain_errors(cli, tmp_path: Path, kind: str) -> None:
    text, words = BAD_REGISTER_FILES[kind]
    path = tmp_path / "entries.csv"
    path.write_text(text, encoding="utf-8")
    raises_plain(read_entries, path, words=words)
    assert_plain_cli_error(*cli(["register", "import", path, "--register", tmp_path / "r.sqlite"]), *words)


# A table whose second row has a value in quotes over three lines, then a blank line: rows start on
# lines 2, 3 and 7 (the header is line 1).
SPANNING = 'case_id,note,visits\nC1,short,1\nC2,"one\ntwo\nthree",x\n\nC3,short,y\n'


def test_findings_name_the_line_a_spanning_row_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SPANNING, encoding="utf-8")
    frame = quality.read_csv(path)
    standard = {"primary_key": "case_id", "columns": {"case_id": {}, "visits": {"type": "integer"}}}
    report = quality.audit(frame, standard)
    assert report.failures["line"].tolist() == [3, 7]
    assert report.locate([1, 2])["line in file"].tolist() == [3, 7]
    assert "line 3" in report.where([1, 2])


def test_line_numbers_follow_rows_through_filtering_and_sorting(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SPANNING, encoding="utf-8")
    frame = quality.read_csv(path)
    picked = frame.iloc[[2, 1]]
    assert source_lines(picked, [0, 1]).tolist() == [7, 3]
    assert source_line(read_csv_as_text(path), 2) == 7


def test_line_numbers_are_unknown_rather_than_wrong_after_a_new_index(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SPANNING, encoding="utf-8")
    frame = quality.read_csv(path)
    moved = frame.set_axis(pd.RangeIndex(10, 13))
    assert source_lines(moved, [0]) is None


def test_a_ragged_row_after_a_spanning_row_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text('case_id,note\nC1,"one\ntwo"\n\nC2,x,extra\n', encoding="utf-8")
    raises_plain(quality.read_csv, path, words=("line 5",))


# Whole numbers with gaps: read as whole numbers with missing values, never as decimals (3.0).
GAPS = "case_id,visits,label,score\nC1,1,1,0.5\nC2,,0,0.25\nC3,3,1,0.75\nC4,2,0,\n"


def test_whole_numbers_with_gaps_stay_whole(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(GAPS, encoding="utf-8")
    frame = quality.read_csv(path)
    assert str(frame["visits"].dtype) == "Int64" and str(frame["label"].dtype) == "int64"
    assert frame["visits"].tolist()[::2] == [1, 3] and frame["visits"].isna().tolist() == [0, 1, 0, 0]
    assert str(frame["score"].dtype) == "float64"  # decimals with a gap stay decimals
    standard = quality.infer(frame)
    assert standard.column("visits").type == "integer"
    assert quality.audit(frame, standard).findings.empty


def test_a_gap_in_whole_number_labels_is_named_by_its_row(cli, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(GAPS.replace("C3,3,1,", "C3,3,,"), encoding="utf-8")
    argv = ["evaluate", "report", path, "--label", "label", "--score", "visits"]
    assert_plain_cli_error(*cli(argv), "missing value", "row 2")


# A row cut short (line 4, after a value in quotes over two lines) and another (line 6). Blanks in the
# last column alone (line 5) are not a short row.
SHORT = 'case_id,note,visits\nC1,"one\ntwo",1\nC2,x\nC3,y,\nC4\nC5,z,2\n'


def test_a_short_row_is_read_with_blanks_and_a_warning_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SHORT, encoding="utf-8")
    with pytest.warns(quality.LabkitWarning) as caught:
        frame = quality.read_csv(path)
    (message,) = [str(w.message) for w in caught]
    assert message.startswith("cases.csv: line 4 has fewer values than the first line has column names (3)")
    assert "1 more line is short too (line 6)" in message and "at line 4" in message
    assert frame["case_id"].tolist() == ["C1", "C2", "C3", "C4", "C5"]
    assert frame["visits"].isna().tolist() == [False, True, True, True, False]
    assert frame["note"].isna().tolist() == [False, False, False, True, False]
    assert path.read_text(encoding="utf-8") == SHORT  # the file is left as it was


def test_many_short_rows_are_counted_not_all_listed(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("case_id,visits\n" + "".join(f"C{i}\n" for i in range(9)), encoding="utf-8")
    with pytest.warns(
        quality.LabkitWarning,
        match=r"line 2 .* 8 more lines are short too "
        r"\(lines 3, 4, 5, 6, 7 and 3 others\)",
    ):
        quality.read_csv(path)


def test_blanks_in_the_last_column_alone_give_no_warning(tmp_path: Path, recwarn) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(GAPS, encoding="utf-8")  # its last row's last value is blank, written with its comma
    quality.read_csv(path)
    assert not [w for w in recwarn if issubclass(w.category, quality.LabkitWarning)]


def test_commands_print_the_short_row_warning_then_report_the_blanks(cli, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(SHORT, encoding="utf-8")
    code, out, err = cli(["quality", "audit", path])
    assert code == 0, err
    assert "labkit: warning: cases.csv: line 4 has fewer values" in out
    labels = tmp_path / "labels.csv"
    labels.write_text("case_id,label,score\nC1,1,0.9\nC2,0,0.2\nC3,1\nC4,0,0.4\n", encoding="utf-8")
    code, out, err = cli(["evaluate", "report", labels, "--label", "label", "--score", "score"])
    assert "labkit: warning: labels.csv: line 4 has fewer values" in out
    assert_plain_cli_error(code, out, err, "1 missing or infinite value", "row 2")
