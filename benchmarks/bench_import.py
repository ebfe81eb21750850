"""How long ``import labkit`` takes in a fresh Python (goal: at most 0.3 s).

The reference is a fresh Python that imports nothing (``python -c pass``): the
ratio shows what labkit adds on top of starting Python. Heavy libraries load
only inside the capability that needs them, so the import itself stays quick.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7


def _median_seconds(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    bare = _median_seconds("pass")
    with_labkit = _median_seconds("import labkit")
    cost = with_labkit - bare
    print(f"fresh Python, nothing imported: {bare:.3f} s (median of {RUNS})")
    print(f"fresh Python + import labkit:   {with_labkit:.3f} s (median of {RUNS})")
    verdict = "meets the goal" if cost <= 0.3 else "MISSES the goal"
    print(f"import labkit itself: {cost:.3f} s; goal <= 0.3 s; ratio to goal {cost / 0.3:.2f}x: {verdict}")
    code = (
        "import sys, time; t = time.perf_counter(); from labkit.data import load; "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    print(f"for comparison, from labkit.data import load (loads pandas and numpy): {float(out.stdout):.3f} s")


if __name__ == "__main__":
    main()
