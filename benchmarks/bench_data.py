"""Benchmark: generating 1,000,000 housing-repair rows with defects.

Goals (issue 2): at most 5 s median and at most 1.5 GB peak memory on the
2-core course machine, and at least 20x faster than generating one row at a
time. The speed-up is measured like for like, on the task the reference was
timed on: a million names and postcodes. labkit's way (numpy sampling of indices
into code lists, then one lookup per column) is compared with a pure-Python
loop that makes one name and one postcode per call (``random`` module), timed
on 100,000 rows and scaled to a million. Faker is not installed in labkit's
environment; on this machine Faker en_GB took 34-50 s per million names and
postcodes (shared testing guide), which is printed for scale too.

Run with ``python benchmarks/run.py data`` (or ``make bench``).
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import time
import tracemalloc

ROWS = 1_000_000
REPEATS = 3
BASELINE_ROWS = 100_000
FAKER_REFERENCE_S = (34.0, 50.0)


def _labkit_once(seed: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds for one generation (CPU time is less affected by a busy machine)."""
    from labkit.data import generate

    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    ds = generate("housing_repairs", rows=ROWS, seed=seed)
    elapsed, cpu_used = time.perf_counter() - start, time.process_time() - cpu
    assert len(ds.clean) == ROWS and len(ds.defect_log) > 0
    return elapsed, cpu_used


def _load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "not available"


def _labkit_peak_memory() -> int:
    from labkit.data import generate

    gc.collect()
    tracemalloc.start()
    generate("housing_repairs", rows=ROWS, seed=99)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _per_row_names_and_postcodes(rows: int) -> float:
    """One Python call per row for a name and a postcode: the way a Faker-style generator works."""
    from labkit.data import _codes as C

    rng = random.Random(0)
    letters = C.POSTCODE_LETTERS
    first = C.FIRST_NAMES_FEMALE + C.FIRST_NAMES_MALE
    start = time.perf_counter()
    out = []
    for _ in range(rows):
        name = f"{rng.choice(first)} {rng.choice(C.SURNAMES)}"
        postcode = f"ZX{rng.randint(1, 8)} {rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        out.append((name, postcode))
    return time.perf_counter() - start


def _labkit_names_and_postcodes(rows: int) -> float:
    """labkit's way: numpy sampling of indices into code lists, then one lookup per column."""
    import numpy as np

    from labkit.data import _codes as C
    from labkit.data._population import _inward_codes

    rng = np.random.default_rng(0)
    start = time.perf_counter()
    first = np.asarray(C.FIRST_NAMES_FEMALE + C.FIRST_NAMES_MALE, dtype=object)
    last = np.asarray(C.SURNAMES, dtype=object)
    full_names = (first[:, None] + " " + last[None, :]).ravel()  # every combination, built once
    inward = _inward_codes(np.arange(4000)).astype(object)
    districts = np.asarray([f"ZX{d} " for d in range(1, 9)], dtype=object)
    all_postcodes = (districts[:, None] + inward[None, :]).ravel()
    names = full_names[rng.integers(0, len(full_names), rows)]
    postcodes = all_postcodes[rng.integers(0, len(all_postcodes), rows)]
    assert len(names) == len(postcodes) == rows
    return time.perf_counter() - start


def main() -> None:
    from labkit.data import generate

    generate("housing_repairs", rows=1_000, seed=0)  # warm up imports and caches
    print(f"load average before: {_load_average()} (this machine has {os.cpu_count()} cores)")
    runs = [_labkit_once(seed) for seed in range(REPEATS)]
    times = [wall for wall, _ in runs]
    median = statistics.median(times)
    cpu = statistics.median(c for _, c in runs)
    print(f"labkit generate housing_repairs, {ROWS:,} rows with defects: median {median:.2f} s "
          f"over {REPEATS} runs ({', '.join(f'{t:.2f}' for t in times)}) (goal <= 5 s); "
          f"median CPU time {cpu:.2f} s")  # fmt: skip
    peak = _labkit_peak_memory()
    print(f"peak memory traced while generating: {peak / 1e9:.2f} GB (goal <= 1.5 GB)")
    ours = statistics.median(_labkit_names_and_postcodes(ROWS) for _ in range(REPEATS))
    base = _per_row_names_and_postcodes(BASELINE_ROWS) * ROWS / BASELINE_ROWS
    print(
        f"{ROWS:,} names and postcodes: labkit (numpy sampling) {ours:.2f} s; pure-Python per-row loop "
        f"(random module, scaled from {BASELINE_ROWS:,}) {base:.1f} s; ratio {base / ours:.0f}x (goal >= 20x)"
    )
    lo, hi = FAKER_REFERENCE_S
    print(
        f"for scale: Faker en_GB, one call per row, took {lo:.0f}-{hi:.0f} s per million names and postcodes "
        f"on this machine: {lo / ours:.0f}-{hi / ours:.0f}x slower than labkit's sampling, and "
        f"{lo / median:.0f}-{hi / median:.0f}x slower than labkit's whole 27-column dataset with defects"
    )


if __name__ == "__main__":
    main()
