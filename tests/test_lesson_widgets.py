"""Every widget a lesson shows works in a fresh kernel, with no other cell run first.

The intelligent consumer track needs no code: a learner may open a lesson and run only the cell with the
widget. So each lesson cell that displays a widget is run in a new kernel, with no other cell first except
a cell that loads an exercise set's questions (``exNN.bind(...)``, a step for everyone), and must show the
widget without an error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "curriculum").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _widget_cells() -> list[tuple[str, int, str]]:
    found = []
    for path in LESSONS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        binds: list[str] = []  # cells that load an exercise set's questions, allowed to run first
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            if any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", [])):
                found.append((path.name, i, "\n\n".join([*binds, source])))
            if ".bind(" in source:
                binds.append(source)
    return found


CELLS = _widget_cells()


def test_the_lessons_show_widgets() -> None:
    names = {name for name, _, _ in CELLS}
    assert {"04_build_and_evaluate_a_model.ipynb", "06_fairness_and_equality.ipynb"} <= names


@pytest.mark.slow
@pytest.mark.parametrize(("name", "index", "source"), CELLS, ids=[f"{n}:cell{i}" for n, i, _ in CELLS])
def test_widget_cell_runs_alone_in_a_fresh_kernel(name: str, index: int, source: str, tmp_path: Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    env = {"LABKIT_PROGRESS_FILE": str(tmp_path / "progress.jsonl")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
        ).execute()
    except Exception as exc:  # the cell's own error, shown in the failure
        pytest.fail(f"{name} cell {index} fails in a fresh kernel (run no other cell first):\n{exc}")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    outputs = nb.cells[0].outputs
    assert any(WIDGET_VIEW in out.get("data", {}) for out in outputs), (
        f"{name} cell {index} shows no widget in a fresh kernel"
    )
