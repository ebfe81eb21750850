"""Run every benchmark in this folder (``make bench``).

Each ``bench_*.py`` module has a ``main()`` that prints its measurements and the
ratio against the reference it names. Benchmarks are not tests: this machine
is shared and noisy, so run them when it is quiet and read the ratios.

Usage: python benchmarks/run.py [NAME ...]   e.g. python benchmarks/run.py data fairness
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    modules = sorted(HERE.glob("bench_*.py"))
    for path in modules:
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"\n=== {name} ({path.name}) ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        start = time.perf_counter()
        module.main()
        print(f"--- {name} took {time.perf_counter() - start:.1f} s in all", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
