"""Write environment.yml from requirements/lock.txt, so conda users get the same pins.

Usage: python tools/sync_environment.py   (tests/test_packaging.py checks they agree)
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lock_pins(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def render(pins: list[str]) -> str:
    lines = [
        "# Conda environment for labkit (Anaconda and Miniconda are common on council laptops).",
        "#   conda env create -f environment.yml",
        "#   conda activate labkit",
        '#   python -m ipykernel install --user --name labkit --display-name "labkit (Python 3)"',
        "#   labkit lab",
        "# Generated from requirements/lock.txt by tools/sync_environment.py: do not edit by hand.",
        "name: labkit",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {pin}" for pin in pins]
    lines += ["      - -e ."]
    return "\n".join(lines) + "\n"


def main() -> None:
    pins = lock_pins((ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8"))
    (ROOT / "environment.yml").write_text(render(pins), encoding="utf-8")
    print(f"environment.yml written with {len(pins)} pinned packages.")


if __name__ == "__main__":
    main()
