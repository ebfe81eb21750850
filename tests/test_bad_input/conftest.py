"""The bad-input corpus: helpers that every case uses to assert a plain error or a correct result.

A *plain error* is, from Python, a :class:`labkit.LabkitError` with what, where and
fix filled in; from the command line, exit code 2 and one ``labkit:`` line that says
how to fix it. Neither may show a traceback or a numpy repr such as ``np.float64(0.5)``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from labkit import LabkitError
from labkit.cli import main

# Words that must never reach an officer.
FORBIDDEN = ("Traceback", "np.float64(", "np.str_(", "np.int64(", "and and", "KeyError", "IndexError")


def scored_frame(n: int = 240, seed: int = 7) -> pd.DataFrame:
    """A small scored table that every command accepts: label, score, groups, a year and a postcode."""
    rng = np.random.default_rng(seed)
    sex = rng.choice(["Female", "Male"], size=n)
    group = rng.choice(["Asian", "Black", "White", "Café"], size=n)
    score = np.round(rng.random(n), 3)
    label = (rng.random(n) < score).astype(int)
    return pd.DataFrame(
        {
            "case_id": [f"C{i:05d}" for i in range(n)],
            "sex": sex,
            "group": group,
            "year": rng.choice(["2023-24", "2024-25"], size=n),
            "visits": rng.integers(0, 5, size=n),
            "label": label,
            "score": score,
        }
    )


# Every command that reads a table: the arguments that work on the scored file ("{file}" stands for it).
FILE_COMMANDS: dict[str, list[str]] = {
    "evaluate report": ["evaluate", "report", "{file}", "--label", "label", "--score", "score"],
    "evaluate threshold": ["evaluate", "threshold", "{file}", "--label", "label", "--score", "score",
                           "--capacity", "5"],
    "evaluate leakage": ["evaluate", "leakage", "{file}", "--label", "label"],
    "fairness audit": ["fairness", "audit", "{file}", "--label", "label", "--score", "score",
                       "--sensitive", "sex"],
    "fairness proxies": ["fairness", "proxies", "{file}", "--protected", "sex"],
    "quality audit": ["quality", "audit", "{file}"],
    "quality infer": ["quality", "infer", "{file}"],
}  # fmt: skip


def command_argv(command: str, path: Path, **replace: str) -> list[str]:
    """The working arguments of ``command`` on the file ``path``, with any argument replaced by name."""
    return [str(path) if a == "{file}" else replace.get(a, a) for a in FILE_COMMANDS[command]]


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    path = tmp_path / "scored.csv"
    scored_frame().to_csv(path, index=False, encoding="utf-8")
    return path


@pytest.fixture
def cli(capsys):
    """Run ``labkit ARGS``; return (exit code, stdout, stderr)."""

    def run(argv: list[str]) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def assert_plain_cli_error(code: int, out: str, err: str, *words: str) -> None:
    """Exit code 2 and one plain line on stderr saying what, where and how to fix it."""
    assert code == 2, (code, out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("labkit: "), err
    assert "How to fix:" in err, err
    for bad in FORBIDDEN:
        assert bad not in err and bad not in out, (bad, err)
    for word in words:
        assert word in err, (word, err)


def assert_plain_error(error: BaseException, *words: str) -> None:
    """A LabkitError with what, where and fix, and none of the forbidden words."""
    assert isinstance(error, LabkitError), repr(error)
    assert error.what and error.where and error.fix, (error.what, error.where, error.fix)
    text = str(error)
    for bad in FORBIDDEN:
        assert bad not in text, (bad, text)
    for word in words:
        assert word in text, (word, text)


def raises_plain(fn, *args, words: tuple[str, ...] = (), **kwargs) -> LabkitError:
    """Call ``fn``; it must raise a plain LabkitError (and nothing else)."""
    with pytest.raises(LabkitError) as info:
        fn(*args, **kwargs)
    assert_plain_error(info.value, *words)
    return info.value
