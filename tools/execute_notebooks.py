"""Re-execute every notebook top to bottom in a clean kernel and save it in place.

Usage: python tools/execute_notebooks.py [FOLDER_OR_NOTEBOOK ...]

Run through ``make notebooks`` after any change to labkit that could alter what a
notebook shows, then read the diffs. The environment matches the one ``make
test`` uses for nbval, so stored outputs compare equal:
``IPYKERNEL_CELL_NAME`` fixes the file name in warnings, and the progress log
goes to a throw-away file rather than your home folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def find_notebooks(targets: list[str]) -> list[Path]:
    found: list[Path] = []
    for target in targets or ["curriculum", "exercises"]:
        path = (ROOT / target).resolve() if not Path(target).is_absolute() else Path(target)
        if path.is_file():
            found.append(path)
        else:
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


def execute(path: Path, progress_file: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    os.environ["IPYKERNEL_CELL_NAME"] = "<IPY-INPUT>"
    os.environ["LABKIT_PROGRESS_FILE"] = str(progress_file)
    os.environ["PYTHONHASHSEED"] = "0"
    # The committed outputs are the default learner's: no personal seed or council.
    for name in ("LABKIT_SEED", "LABKIT_COUNCIL"):
        os.environ.pop(name, None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata["kernelspec"] = {"name": "labkit", "display_name": "labkit (Python 3)", "language": "python"}
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    notebooks = find_notebooks(argv)
    if not notebooks:
        print("No notebooks found.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in notebooks:
            seconds = execute(path, Path(tmp) / "progress.jsonl")
            print(f"executed {path.relative_to(ROOT)} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
