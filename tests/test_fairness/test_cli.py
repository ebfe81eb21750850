"""The ``labkit fairness`` commands."""

from __future__ import annotations

import sys

from labkit.cli import main


def test_group_alone_prints_help(capsys) -> None:
    assert main(["fairness"]) == 2  # a group with no command shows its help
    assert "audit" in capsys.readouterr().out


def test_registration_is_cheap() -> None:
    import subprocess

    code = (
        "import sys, argparse; from labkit.fairness import _cli; "
        "_cli.register(argparse.ArgumentParser().add_subparsers()); "
        "print(sorted(m for m in ('pandas', 'numpy', 'sklearn', 'fairlearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_audit_command(repairs_like, tmp_path, capsys) -> None:
    path = tmp_path / "scores.csv"
    repairs_like.to_csv(path, index=False, encoding="utf-8")
    out = tmp_path / "report.md"
    code = main(
        [
            "fairness",
            "audit",
            str(path),
            "--label",
            "y",
            "--score",
            "score",
            "--sensitive",
            "ethnic_group",
            "sex",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "This audit looked at 2,000 people" in printed
    assert out.read_text(encoding="utf-8").startswith("# Fairness audit by race and sex")


def test_audit_command_takes_the_noun_for_a_row(repairs_like, tmp_path, capsys) -> None:
    path = tmp_path / "data.csv"
    repairs_like.to_csv(path, index=False, encoding="utf-8")
    args = ["fairness", "audit", str(path), "--label", "y", "--score", "score", "--sensitive", "sex"]
    assert main([*args, "--noun", "repair"]) == 0
    assert "This audit looked at 2,000 repairs." in capsys.readouterr().out
    assert main([*args, "--noun", "household", "households"]) == 0
    assert "This audit looked at 2,000 households." in capsys.readouterr().out


def test_proxies_command(repairs_like, tmp_path, capsys) -> None:
    path = tmp_path / "data.csv"
    repairs_like.to_csv(path, index=False, encoding="utf-8")
    assert (
        main(["fairness", "proxies", str(path), "--protected", "ethnic_group", "--columns", "score", "y"])
        == 0
    )
    assert "cramers_v" in capsys.readouterr().out


def test_bad_column_is_one_plain_line(repairs_like, tmp_path, capsys) -> None:
    path = tmp_path / "data.csv"
    repairs_like.to_csv(path, index=False, encoding="utf-8")
    code = main(
        ["fairness", "audit", str(path), "--label", "nope", "--prediction", "y", "--sensitive", "sex"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("labkit: The file has no column 'nope'") and "Traceback" not in err


def test_missing_file(capsys) -> None:
    assert main(["fairness", "proxies", "no-such-file.csv", "--protected", "x"]) == 2
    assert "There is no file" in capsys.readouterr().err
