"""Benchmark for labkit.projects (issue 12).

Goal: ``monitor()`` on 24 months x 1,000,000 rows (every interval, PSI for four inputs, fairness by month
and group, benefits and stop rules) in at most 5 s, charts included. Reference: scikit-learn computing
only the point estimates of recall and ROC-AUC month by month, with no intervals, drift or fairness.
"""

from __future__ import annotations

import os
import statistics
import time

ROWS = 1_000_000
MONTHS = 24


def _median_time(fn, repeats: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    from sklearn.metrics import recall_score, roc_auc_score

    from labkit.data._monitoring import generate_monitoring
    from labkit.projects import example_canvas, monitor

    log = generate_monitoring(months=MONTHS, rows_per_month=ROWS // MONTHS)
    canvas = example_canvas()
    monitor(log.head(20_000), canvas)  # warm up imports and matplotlib
    print(f"rows: {len(log):,} over {log['month'].nunique()} months; load average {os.getloadavg()[0]:.1f}")

    with_charts = _median_time(lambda: monitor(log, canvas), 3)
    without = _median_time(lambda: monitor(log, canvas, plot=False), 3)

    def reference() -> None:
        known = log[log["target_missed"].notna()]
        for _, part in known.groupby("month", sort=True):
            y = part["target_missed"].to_numpy(dtype=bool)
            recall_score(y, part["flagged"].to_numpy())
            roc_auc_score(y, part["risk_score"].to_numpy())

    ref = _median_time(reference, 3)
    goal = 5.0
    print(f"monitor(), charts included: {with_charts[0]:.2f} s wall, {with_charts[1]:.2f} s CPU (median)")
    print(f"monitor(plot=False):        {without[0]:.2f} s wall, {without[1]:.2f} s CPU (median)")
    print(f"scikit-learn recall + ROC-AUC by month, point estimates only: {ref[0]:.2f} s wall")
    print(f"ratio monitor / scikit-learn point estimates: {with_charts[0] / ref[0]:.1f}x")
    verdict = "meets" if with_charts[0] <= goal else "misses"
    print(f"goal: at most {goal:.0f} s for 24 months x 1,000,000 rows -> {verdict} the goal")


if __name__ == "__main__":
    main()
