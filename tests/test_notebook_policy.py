"""Every committed notebook was executed top to bottom, cleanly, with outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(
    p
    for folder in ("curriculum", "exercises")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
ALLOWED_ERROR_TAGS = {"raises-exception", "nbval-raises-exception"}


def _code_cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks() -> None:
    assert (ROOT / "curriculum" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_executed_in_order_without_errors(path: Path) -> None:
    cells = _code_cells(path)
    counts = [c.get("execution_count") for c in cells]
    assert None not in counts, f"{path.name} has code cells that were never executed; run `make notebooks`."
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name} was not executed top to bottom in one clean kernel (counts {counts}); "
        "run `make notebooks`."
    )
    for cell in cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error" or tags & ALLOWED_ERROR_TAGS, (
                f"{path.name} stores an error output ({out.get('ename')}: {out.get('evalue')})."
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_ignored_outputs_say_why(path: Path) -> None:
    """A cell may skip output comparison only with a comment saying why."""
    for cell in _code_cells(path):
        tags = set(cell.get("metadata", {}).get("tags", []))
        source = "".join(cell["source"])
        if "nbval-ignore-output" in tags or "# NBVAL_IGNORE_OUTPUT" in source:
            assert "# Output varies:" in source, (
                f"{path.name}: a cell ignores its output without a '# Output varies: <why>' comment:\n"
                f"{source[:200]}"
            )
