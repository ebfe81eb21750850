"""``labkit quality audit`` and ``labkit quality infer``."""

from __future__ import annotations

import json

from labkit.cli import main

CSV = "repair_id,priority,reported_at\nR1,Urgent,2024-04-01\nR2,Soon,02/04/2024\nR2,Routine,2024-04-03\n"
STANDARD = """
entity: repair
columns:
  repair_id: {required: true, unique: true}
  priority: {allowed: [Emergency, Urgent, Routine]}
  reported_at: {type: date}
"""


def test_audit_prints_findings_and_saves(tmp_path, capsys) -> None:
    data = tmp_path / "repairs.csv"
    data.write_text(CSV, encoding="utf-8")
    std = tmp_path / "standard.yaml"
    std.write_text(STANDARD, encoding="utf-8")
    out = tmp_path / "report.json"
    code = main(["quality", "audit", str(data), "--standard", str(std), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "labkit checked 3 repairs" in printed
    assert "2 repairs (66.7%) share a repair_id with another repair (Uniqueness)" in printed
    assert "1 repair (33.3%) has a reported_at that is not a date written YYYY-MM-DD" in printed
    assert json.loads(out.read_text(encoding="utf-8"))["kind"] == "QualityReport"


def test_audit_without_standard_and_bad_file(tmp_path, capsys) -> None:
    data = tmp_path / "repairs.csv"
    data.write_text(CSV, encoding="utf-8")
    assert main(["quality", "audit", str(data)]) == 0
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["quality", "audit", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: The file is empty.") and "Traceback" not in err


def test_audit_warns_about_windows_1252(tmp_path, capsys) -> None:
    data = tmp_path / "excel.csv"
    data.write_bytes("name,fee\nRené,£5\n".encode("cp1252"))
    assert main(["quality", "audit", str(data)]) == 0
    assert "labkit: warning: excel.csv is not UTF-8" in capsys.readouterr().out


def test_infer_prints_or_writes_yaml(tmp_path, capsys) -> None:
    data = tmp_path / "repairs.csv"
    data.write_text(CSV, encoding="utf-8")
    assert main(["quality", "infer", str(data)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("name: Draft standard for repairs.csv")
    assert "priority:" in printed
    out = tmp_path / "draft.yaml"
    assert main(["quality", "infer", str(data), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == printed


def test_group_without_command_prints_help(capsys) -> None:
    assert main(["quality"]) == 2
    assert "audit" in capsys.readouterr().out


def test_audit_of_a_sandbox_file_with_the_sandbox_standard(capsys) -> None:
    from pathlib import Path

    from labkit.quality._sandbox import sandbox_resource

    root = Path(__file__).resolve().parents[2] / "sandbox_data"
    path = root / sandbox_resource("housing_repairs")["path"]
    assert main(["quality", "audit", str(path), "--standard", "sandbox:housing_repairs"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("labkit checked")
    assert "have no uprn (Completeness)" in printed
