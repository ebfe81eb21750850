"""LabkitError, plain-English formatting and the command line's behaviour."""

from __future__ import annotations

import subprocess
import sys

import pytest

from labkit import LabkitError, _text
from labkit.cli import main


def test_labkit_error_is_a_value_error_with_parts() -> None:
    err = LabkitError("rows must be above 0, not -5.", where="parameter rows", fix="Pass rows=1000.")
    assert isinstance(err, ValueError)
    assert str(err) == "rows must be above 0, not -5. (Where: parameter rows.) How to fix: Pass rows=1000."
    assert (err.what, err.where, err.fix) == (
        "rows must be above 0, not -5.",
        "parameter rows",
        "Pass rows=1000.",
    )
    assert str(LabkitError("Just this.")) == "Just this."


@pytest.mark.parametrize(
    ("func", "args", "expected"),
    [
        (_text.count, (1234567,), "1,234,567"),
        (_text.pct, (0.016,), "1.6%"),
        (_text.pct, (float("nan"),), "not available"),
        (_text.num, (3.14159, 3), "3.142"),
        (_text.plural, (1, "repair"), "1 repair"),
        (_text.plural, (2, "repair"), "2 repairs"),
        (_text.plural, (2, "child", "children"), "2 children"),
        (_text.listing, (["a", "b", "c"],), "a, b and c"),
        (_text.listing, (["a"],), "a"),
        (_text.listing, ([],), ""),
    ],
)
def test_text_formatting(func, args, expected) -> None:
    assert func(*args) == expected


def test_cli_without_command_prints_help(capsys) -> None:
    assert main([]) == 0
    assert "usage: labkit" in capsys.readouterr().out


def test_cli_unknown_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2


def test_cli_runs_as_module() -> None:
    out = subprocess.run([sys.executable, "-m", "labkit.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "nothing is sent anywhere" in out.stdout


def test_cli_shows_labkit_errors_as_one_line(monkeypatch, capsys) -> None:
    import argparse

    import labkit.cli as cli

    def failing(args: argparse.Namespace) -> int:
        raise LabkitError("The file is empty.", where="file 'x.csv'", fix="Export it again.")

    def parser() -> argparse.ArgumentParser:
        p = argparse.ArgumentParser(prog="labkit")
        sub = p.add_subparsers(dest="command")
        sub.add_parser("boom").set_defaults(handler=failing)
        return p

    monkeypatch.setattr(cli, "build_parser", parser)
    assert cli.main(["boom"]) == 2
    err = capsys.readouterr().err
    assert err == "labkit: The file is empty. (Where: file 'x.csv'.) How to fix: Export it again.\n"
