"""Benchmark: labkit's fairness fast path against fairlearn's MetricFrame.

Workload (from issue 6): 1,000,000 rows, 3 sensitive features making 40
intersectional groups, 7 metrics. fairlearn's MetricFrame took 18.9 s on this
machine class; the goal is at least 20 times faster. Also times a full
``audit`` (without charts) and one update of the fairness threshold explorer
(goal: at most 50 ms at 1,000,000 rows).

Usage: python benchmarks/bench_fairness.py [--quick]   (--quick uses 100,000 rows)
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd


def _data(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    sf = pd.DataFrame(
        {
            "ethnic_group": rng.choice(
                ["Asian", "Black", "Mixed", "Other", "White"], n, p=[0.09, 0.04, 0.03, 0.02, 0.82]
            ),
            "sex": rng.choice(["Female", "Male"], n),
            "age_band": rng.choice(["16-34", "35-54", "55-74", "75+"], n),
        }
    )
    y_true = (rng.random(n) < 0.25).astype(int)
    score = np.clip(0.3 * y_true + 0.7 * rng.random(n), 0, 1)
    y_pred = (score >= 0.5).astype(int)
    return y_true, y_pred, score, sf


def _best_of(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    n = 100_000 if "--quick" in argv else 1_000_000
    from fairlearn.metrics import (
        MetricFrame,
        count,
        false_negative_rate,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )
    from sklearn.metrics import accuracy_score, precision_score

    from labkit.fairness import ThresholdExplorer, audit, group_metrics

    y_true, y_pred, score, sf = _data(n)
    metrics = [
        "count",
        "selection_rate",
        "true_positive_rate",
        "false_positive_rate",
        "false_negative_rate",
        "precision",
        "accuracy",
    ]
    print(
        f"Workload: {n:,} rows, 3 sensitive features ({sf.nunique().prod()} groups), {len(metrics)} metrics."
    )

    labkit_s = _best_of(lambda: group_metrics(y_true, y_pred, sensitive_features=sf, metrics=metrics))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        MetricFrame(
            metrics={
                "count": count,
                "selection_rate": selection_rate,
                "true_positive_rate": true_positive_rate,
                "false_positive_rate": false_positive_rate,
                "false_negative_rate": false_negative_rate,
                "precision": precision_score,
                "accuracy": accuracy_score,
            },
            y_true=y_true,
            y_pred=y_pred,
            sensitive_features=sf,
        )
        fairlearn_s = time.perf_counter() - start
    ratio = fairlearn_s / labkit_s
    print(
        f"labkit group_metrics {labkit_s:.3f} s; fairlearn MetricFrame {fairlearn_s:.1f} s; "
        f"ratio {ratio:.0f}x faster (goal >= 20x)"
    )
    audit_s = _best_of(lambda: audit(y_true, y_score=score, sensitive_features=sf, figures=False), repeats=1)
    print(
        f"labkit audit (3 features + intersection, intervals, flags, narrative, no charts) {audit_s:.2f} s; "
        f"ratio to MetricFrame {fairlearn_s / audit_s:.0f}x faster"
    )

    start = time.perf_counter()
    explorer = ThresholdExplorer(y_true, score, sf["ethnic_group"])
    setup_s = time.perf_counter() - start
    thresholds = np.linspace(0.05, 0.95, 41)
    explorer.to_html(0.5)  # warm-up: the first call loads the text helpers
    per_update = []
    for t in thresholds:
        start = time.perf_counter()
        explorer.to_html(float(t))
        per_update.append(time.perf_counter() - start)
    median_ms = statistics.median(per_update) * 1000
    worst_ms = max(per_update) * 1000
    print(
        f"fairness explorer: set-up {setup_s:.2f} s once; one update (counts, rates, sentence, HTML table) "
        f"median {median_ms:.2f} ms, worst {worst_ms:.2f} ms over {len(thresholds)} updates (goal <= 50 ms)"
    )
    from labkit.fairness import fairness_explorer

    widget = fairness_explorer(y_true, score, sf["ethnic_group"])
    common = widget.children[0]
    widget_times = []
    for t in thresholds:
        start = time.perf_counter()
        common.value = round(float(t), 2)  # moves every group's slider, then redraws once
        widget_times.append(time.perf_counter() - start)
    print(
        f"fairness explorer widget: moving the 'everyone' slider (all sliders and the table update) median "
        f"{statistics.median(widget_times) * 1000:.2f} ms, worst {max(widget_times) * 1000:.2f} ms "
        "(goal <= 50 ms; the browser's drawing time is extra)"
    )


if __name__ == "__main__":
    main()
