"""read_csv(): every kind of bad file gives a clear LabkitError; Windows-1252 is read with a warning."""

from __future__ import annotations

import pytest

from labkit import LabkitError
from labkit.quality import LabkitWarning, read_csv


def test_reads_utf8_and_keeps_dates_as_text(tmp_path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\ufeffrepair_id,reported_at,cost\nR1,31/03/2024,1.5\n", encoding="utf-8")
    df = read_csv(path)
    assert df.columns.tolist() == ["repair_id", "reported_at", "cost"]
    assert df["reported_at"].iloc[0] == "31/03/2024"


def test_gzip_files_are_read(tmp_path) -> None:
    import gzip

    path = tmp_path / "r.csv.gz"
    path.write_bytes(gzip.compress(b"repair_id,priority\nR1,Urgent\n"))
    assert read_csv(path)["priority"].tolist() == ["Urgent"]
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not really gzip")
    with pytest.raises(LabkitError, match="damaged gzip"):
        read_csv(broken)


def test_windows_1252_is_read_with_a_warning(tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("name,fee\nRené,£5\n".encode("cp1252"))
    with pytest.warns(LabkitWarning, match="Windows-1252"):
        df = read_csv(path)
    assert df.loc[0, "name"] == "René" and df.loc[0, "fee"] == "£5"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"   \n\n", "The file is empty"),
        (b"PK\x03\x04rest-of-zip", "Excel workbook"),
        (b"%PDF-1.4", "PDF document"),
        (b"a,b\n\x00\x01\x02", "binary data"),
        (b"a,b\n1,2\n3,4,5\n", "Expected 2 fields in line 3, saw 3"),
        (b"a,,b\n1,2,3\n", "no name"),
    ],
)
def test_bad_files(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(LabkitError, match=message) as info:
        read_csv(path)
    assert "bad.csv" in info.value.where


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(LabkitError, match="There is no file"):
        read_csv(tmp_path / "nope.csv")
    with pytest.raises(LabkitError, match="folder"):
        read_csv(tmp_path)
