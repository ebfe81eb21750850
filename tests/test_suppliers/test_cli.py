"""``labkit suppliers ...``: the commands a team runs on a real supplier's returned scores."""

from __future__ import annotations

import pytest

from labkit.cli import main


@pytest.fixture
def local_csv(tmp_path, tender):
    path = tmp_path / "local.csv"
    tender.local.to_csv(path, index=False)
    return path


def test_check_claims_from_returned_scores(tender, local_csv, tmp_path, capsys):
    bid = tender.bids["corvane"]
    out = tmp_path / "check.json"
    code = main(
        [
            "suppliers",
            "check-claims",
            str(bid.folder / "claims.yaml"),
            "--scores",
            str(bid.scores_path),
            "--data",
            str(local_csv),
            "--id",
            "repair_id",
            "--label",
            "target_missed",
            "--council",
            "Northbrook",
            "--after-outcome",
            "complaint_logged",
            "--out",
            str(out),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "not supported" in text and "recorded after the outcome" in text
    assert out.is_file()


def test_check_claims_from_a_model_file(tender, local_csv, capsys):
    bid = tender.bids["haldor"]
    code = main(
        [
            "suppliers",
            "check-claims",
            str(bid.folder / "claims.yaml"),
            "--model",
            str(bid.model_path),
            "--data",
            str(local_csv),
            "--label",
            "target_missed",
            "--protected",
            "tenant_ethnic_group_5",
        ]
    )
    assert code == 0
    assert "stands in for" in capsys.readouterr().out


def test_check_claims_with_outcomes_in_the_scores_file(tender, tmp_path, capsys):
    bid = tender.bids["quillfield"]
    scored = tender.local[["repair_id", "target_missed"]].assign(
        score=__import__("pandas").read_csv(bid.scores_path)["score"]
    )
    path = tmp_path / "scored.csv"
    scored.to_csv(path, index=False)
    code = main(
        [
            "suppliers",
            "check-claims",
            str(bid.folder / "claims.yaml"),
            "--scores",
            str(path),
            "--label",
            "target_missed",
        ]
    )
    assert code == 0
    # No ethnic group column in this file: the fairness claim cannot be checked, and says so.
    assert "3 supported, 0 not supported, 2 cannot be checked" in capsys.readouterr().out


def test_bad_input_is_one_line_and_exit_code_2(tender, tmp_path, capsys):
    bid = tender.bids["quillfield"]
    assert (
        main(
            [
                "suppliers",
                "check-claims",
                str(bid.folder / "claims.yaml"),
                "--scores",
                str(bid.scores_path),
                "--label",
                "target_missed",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("labkit: The label column") and err.count("\n") == 1
    pickle_file = tmp_path / "model.pkl"
    pickle_file.write_bytes(b"\x80\x04K\x01.")
    assert (
        main(
            [
                "suppliers",
                "check-claims",
                str(bid.folder / "claims.yaml"),
                "--model",
                str(pickle_file),
                "--data",
                str(bid.scores_path),
                "--label",
                "target_missed",
            ]
        )
        == 2
    )
    assert "pickle" in capsys.readouterr().err
    assert (
        main(
            [
                "suppliers",
                "check-claims",
                str(bid.folder / "claims.yaml"),
                "--model",
                str(bid.model_path),
                "--label",
                "target_missed",
            ]
        )
        == 2
    )
    assert "--data" in capsys.readouterr().err
    assert main(["suppliers", "lock-in", str(tmp_path)]) == 2
    assert "no bid.yaml" in capsys.readouterr().err


def test_lock_in_and_scorecard_commands(tender, local_csv, capsys):
    folders = [str(b.folder) for b in tender.bids.values()]
    assert main(["suppliers", "lock-in", str(tender.bids["merrowgate"].folder / "bid.yaml")]) == 0
    assert "6 lock-in risks" in capsys.readouterr().out
    assert (
        main(
            [
                "suppliers",
                "scorecard",
                *folders,
                "--data",
                str(local_csv),
                "--label",
                "target_missed",
                "--id",
                "repair_id",
                "--council",
                "Northbrook",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Highest total of those that pass: Quillfield Analytics" in out
    assert "Merrowgate Cloud, which fails 'No disqualifying lock-in'" in out
    assert main(["suppliers", "scorecard", *folders, "--data", str(local_csv)]) == 2
