"""Every command's options: unknown columns, bad labels and scores in the file, and --out paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bad_input.conftest import FILE_COMMANDS, assert_plain_cli_error, command_argv, scored_frame

# (command, option whose value is replaced by a column the file lacks)
UNKNOWN_COLUMNS = [
    ("evaluate report", "label"),
    ("evaluate report", "score"),
    ("evaluate threshold", "label"),
    ("evaluate threshold", "score"),
    ("evaluate leakage", "label"),
    ("fairness audit", "label"),
    ("fairness audit", "score"),
    ("fairness audit", "sex"),
    ("fairness proxies", "sex"),
]


@pytest.mark.parametrize(("command", "value"), UNKNOWN_COLUMNS)
def test_a_column_the_file_lacks(cli, good_csv, command: str, value: str) -> None:
    argv = command_argv(command, good_csv, **{value: "nope"})
    assert_plain_cli_error(*cli(argv), "no column 'nope'", "label")


@pytest.mark.parametrize(
    "extra",
    [
        ["--period", "nope"],
        ["--rule", "nope"],
    ],
)
def test_optional_columns_the_file_lacks(cli, good_csv, extra: list[str]) -> None:
    argv = command_argv("evaluate report", good_csv) + extra
    assert_plain_cli_error(*cli(argv), "no column 'nope'", extra[0])


def test_leakage_recorded_after_a_missing_column(cli, good_csv) -> None:
    argv = [*command_argv("evaluate leakage", good_csv), "--recorded-after", "nope"]
    assert_plain_cli_error(*cli(argv), "--recorded-after")


def test_proxies_columns_a_missing_column(cli, good_csv) -> None:
    argv = [*command_argv("fairness proxies", good_csv), "--columns", "group", "nope"]
    assert_plain_cli_error(*cli(argv), "--columns")


# name: (a change to the scored table, words the message must contain)
BAD_CONTENT = {
    "text labels": (lambda f: f.assign(label=f["label"].map({0: "no", 1: "yes"})), ("pos_label",)),
    "three label values": (lambda f: f.assign(label=f["label"].where(f.index % 7 != 0, 2)), ("binary",)),
    "missing labels": (lambda f: f.assign(label=f["label"].where(f.index != 3)), ("missing value", "row 3")),
    "scores above 1": (lambda f: f.assign(score=f["score"] * 10), ("between 0 and 1",)),
    "text scores": (
        lambda f: f.assign(score=f["score"].astype(str).where(f.index != 5, "high")),
        ("'high'",),
    ),
    "missing scores": (
        lambda f: f.assign(score=f["score"].where(f.index != 4)),
        ("missing or infinite", "row 4"),
    ),
    "one outcome only": (lambda f: f.assign(label=1), ("nothing to tell apart",)),
}
SCORED_COMMANDS = ["evaluate report", "evaluate threshold", "fairness audit"]


@pytest.mark.parametrize("command", SCORED_COMMANDS)
@pytest.mark.parametrize("kind", list(BAD_CONTENT))
def test_bad_labels_and_scores_in_the_file(cli, tmp_path, command: str, kind: str) -> None:
    change, words = BAD_CONTENT[kind]
    if kind == "one outcome only" and command == "fairness audit":
        pytest.skip("an audit of one outcome is still an audit of decisions")
    path = tmp_path / "scored.csv"
    change(scored_frame()).to_csv(path, index=False)
    assert_plain_cli_error(*cli(command_argv(command, path)), *words)


@pytest.mark.parametrize("command", SCORED_COMMANDS)
def test_pos_label_reads_text_labels(cli, tmp_path, command: str) -> None:
    path = tmp_path / "scored.csv"
    frame = scored_frame()
    frame.assign(label=frame["label"].map({0: "no", 1: "yes"})).to_csv(path, index=False)
    code, out, err = cli([*command_argv(command, path), "--pos-label", "yes"])
    assert code == 0, err
    reference = tmp_path / "numbers.csv"
    frame.to_csv(reference, index=False)
    assert cli(command_argv(command, reference))[1] == out


@pytest.mark.parametrize("command", SCORED_COMMANDS)
def test_pos_label_not_in_the_file(cli, good_csv, command: str) -> None:
    argv = [*command_argv(command, good_csv), "--pos-label", "maybe"]
    assert_plain_cli_error(*cli(argv), "pos_label='maybe'", "0 and 1")


@pytest.mark.parametrize("command", list(FILE_COMMANDS))
@pytest.mark.parametrize("kind", ["a folder", "under a file", "unknown suffix", "cannot be created"])
def test_out_paths(cli, good_csv, tmp_path, command: str, kind: str) -> None:
    blocker = tmp_path / "a-file.txt"
    blocker.write_text("x")
    suffix = ".yaml" if command == "quality infer" else ".html"
    out = {
        "a folder": tmp_path,
        "under a file": blocker / f"report{suffix}",
        "unknown suffix": tmp_path / "report.txt",
        "cannot be created": Path("/proc/labkit-cannot-write-here") / f"report{suffix}",
    }[kind]
    code, stdout, err = cli([*command_argv(command, good_csv), "--out", out])
    assert_plain_cli_error(
        code, "", err, "--out" if command == "quality infer" and kind == "unknown suffix" else ""
    )
    assert "Traceback" not in stdout


def test_infer_out_json_is_refused_not_yaml_in_disguise(cli, good_csv, tmp_path) -> None:
    out = tmp_path / "standard.json"
    assert_plain_cli_error(*cli(["quality", "infer", good_csv, "--out", out]), ".yaml")
    assert not out.exists()


def test_infer_out_writes_a_standard_that_audits_its_file_cleanly(cli, good_csv, tmp_path) -> None:
    out = tmp_path / "drafts" / "standard.yaml"
    assert cli(["quality", "infer", good_csv, "--out", out])[0] == 0
    code, stdout, err = cli(["quality", "audit", good_csv, "--standard", out])
    assert code == 0, err
    assert "Every check passed." in stdout
