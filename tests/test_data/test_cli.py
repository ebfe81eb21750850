"""`labkit data list | describe | generate`."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from labkit.cli import main


def test_data_alone_prints_its_help(capsys):
    main(["data"])
    out = capsys.readouterr().out
    assert "list" in out and "describe" in out and "generate" in out


def test_list_names_every_dataset_and_council(capsys):
    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out
    assert "housing_repairs" in out
    assert "northbrook" in out and "eastmere" in out
    assert "synthetic" in out


def test_describe_prints_the_data_dictionary(capsys, tmp_path):
    out_file = tmp_path / "repairs.json"
    assert main(["data", "describe", "housing_repairs", "--out", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert "target_missed" in out and "complaint_logged" in out
    saved = json.loads(out_file.read_text(encoding="utf-8"))
    assert saved["dataset"] == "housing_repairs"


def test_generate_writes_every_file(capsys, tmp_path):
    args = ["--rows", "400", "--seed", "2", "--council", "eastmere", "--out", str(tmp_path)]
    code = main(["data", "generate", "housing_repairs", *args])
    assert code == 0
    folder = tmp_path / "eastmere"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "housing_repairs.csv",
        "housing_repairs_clean.csv",
        "housing_repairs_crosswalk.csv",
        "housing_repairs_defect_log.csv",
        "housing_repairs_ground_truth.json",
    ]
    assert len(pd.read_csv(folder / "housing_repairs_clean.csv")) == 400
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} >= {"eastmere/housing_repairs.csv"}
    assert (tmp_path / "MANIFEST.sha256").is_file()


def test_generate_without_defects_writes_no_dirty_file(tmp_path):
    assert (
        main(["data", "generate", "housing_repairs", "--rows", "300", "--no-defects", "--out", str(tmp_path)])
        == 0
    )
    assert not (tmp_path / "northbrook" / "housing_repairs.csv").exists()
    assert (tmp_path / "northbrook" / "housing_repairs_clean.csv").exists()


def test_bad_input_is_one_plain_line_and_exit_code_2(capsys, tmp_path):
    assert main(["data", "generate", "housing_repairs", "--rows", "-3", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: rows must be at least 10")
    assert "Traceback" not in err
    assert main(["data", "describe", "repairs"]) == 2
    assert "housing_repairs" in capsys.readouterr().err


def test_registering_the_command_does_not_import_pandas():
    code = (
        "import sys, argparse; import labkit.data._cli as c; "
        "p = argparse.ArgumentParser(); c.register(p.add_subparsers()); "
        "sys.exit(1 if 'pandas' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
