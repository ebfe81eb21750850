"""Benchmark: generating 1,000,000 housing-repair rows with defects.

Goals (issue 2): at most 5 s median and at most 1.5 GB peak memory on the
2-core course machine, and at least 20x faster than generating one row at a
time. The one-row-at-a-time reference here is a pure-Python loop with the
``random`` module (names, postcodes, dates and codes, one call per row),
timed on 100,000 rows and scaled to a million. Faker is not installed in
labkit's environment; on this machine Faker en_GB took 34-50 s per million
names and postcodes (docs/testing guide), which is also printed for scale.

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


def _per_row_baseline(rows: int) -> float:
    """One Python call per row: the way a Faker-style generator works."""
    from labkit.data import _codes as C

    rng = random.Random(0)
    letters = C.POSTCODE_LETTERS
    first = C.FIRST_NAMES_FEMALE + C.FIRST_NAMES_MALE
    start = time.perf_counter()
    out = []
    for i in range(rows):
        inward = f"{rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(
            {
                "repair_id": f"HR{i:07d}",
                "tenant_name": f"{rng.choice(first)} {rng.choice(C.SURNAMES)}",
                "postcode": f"ZX{rng.randint(1, 8)} {inward}",
                "reported_at": f"{day} {rng.randint(7, 21):02d}:00:00",
                "trade": rng.choice(C.REPAIR_TRADES),
                "priority": rng.choices(C.REPAIR_PRIORITIES, weights=(10, 25, 65))[0],
                "target_missed": rng.random() < 0.25,
            }
        )
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
    base = _per_row_baseline(BASELINE_ROWS) * ROWS / BASELINE_ROWS
    print(f"pure-Python per-row loop (random module, 7 fields), scaled from {BASELINE_ROWS:,} rows: "
          f"{base:.1f} s per {ROWS:,}")  # fmt: skip
    print(f"ratio: labkit is {base / median:.0f}x faster than the per-row loop (goal >= 20x)")
    lo, hi = FAKER_REFERENCE_S
    print(
        f"for scale: Faker en_GB, one call per row, took {lo:.0f}-{hi:.0f} s per million names and "
        f"postcodes on this machine, so labkit is about {lo / median:.0f}-{hi / median:.0f}x faster than that"
    )


if __name__ == "__main__":
    main()
