"""The other commands: data generate, exercises copy, course outline, and mistakes argparse catches."""

from __future__ import annotations

import pytest

from labkit.cli import main
from tests.test_bad_input.conftest import assert_plain_cli_error


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["data", "generate", "nope"], ("no dataset called 'nope'",)),
        (["data", "generate", "housing_repairs", "--rows", "0"], ("at least 10",)),
        (["data", "generate", "housing_repairs", "--rows", "1"], ("at least 10",)),
        (["data", "generate", "housing_repairs", "--rows", "-4"], ("at least 10",)),
        (["data", "generate", "housing_repairs", "--seed", "-1"], ("seed",)),
        (["data", "generate", "housing_repairs", "--council", "Nowhere"], ("northbrook",)),
    ],
)
def test_data_generate(cli, tmp_path, argv, words) -> None:
    assert_plain_cli_error(*cli([*argv, "--out", str(tmp_path / "out")]), *words)


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_exercises_copy_to_a_file(cli, tmp_path, where: str) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    target = blocker if where == "a file" else blocker / "copies"
    assert_plain_cli_error(*cli(["exercises", "copy", "01", "--to", target]), "is a file", "--to")
    assert blocker.read_text() == "mine"


def test_course_outline_of_a_folder_with_no_lessons(cli, tmp_path) -> None:
    assert_plain_cli_error(*cli(["course", "outline", "--root", tmp_path]), "no lessons")


@pytest.mark.parametrize(
    "argv",
    [
        ["quality", "audit"],
        ["evaluate", "report", "x.csv", "--label", "y"],
        ["evaluate", "threshold", "x.csv", "--label", "y", "--score", "s", "--capacity", "many"],
        ["fairness", "audit", "x.csv", "--label", "y", "--sensitive", "sex"],
        [
            "fairness",
            "audit",
            "x.csv",
            "--label",
            "y",
            "--score",
            "s",
            "--prediction",
            "p",
            "--sensitive",
            "x",
        ],
        [
            "fairness",
            "audit",
            "x.csv",
            "--label",
            "y",
            "--score",
            "s",
            "--sensitive",
            "x",
            "--missing",
            "ignore",
        ],
        ["data", "generate", "housing_repairs", "--rows", "ten"],
        ["nonsense"],
    ],
)
def test_mistakes_in_the_command_itself_show_usage_not_a_traceback(capsys, argv) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: labkit" in err and "error:" in err and "Traceback" not in err
