"""Benchmark: labkit's fairness audit and fast path against fairlearn's MetricFrame.

Workload (issue 18): 300,000 rows, 3 sensitive features making 40 intersectional
groups, 7 metrics, all timed in the same run against one MetricFrame call:

- ``audit`` exactly as a user calls it (defaults: charts included, drawn only
  when the report is shown): goal at least 20 times faster than MetricFrame;
- ``group_metrics``, the fairlearn-equal engine: goal at least 50 times faster;
- for information, ``audit`` and then showing the report (the three charts drawn).

Then one update of the fairness threshold explorer at 1,000,000 rows (goal: at most 50 ms).

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


def _metric_frame(y_true: np.ndarray, y_pred: np.ndarray, sf: pd.DataFrame) -> float:
    from fairlearn.metrics import (
        MetricFrame,
        count,
        false_negative_rate,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )
    from sklearn.metrics import accuracy_score, precision_score

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
        return time.perf_counter() - start


def bench_audit(n: int) -> None:
    from labkit.fairness import audit, group_metrics

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
    audit(y_true[:1000], y_score=score[:1000], sensitive_features=sf.iloc[:1000])._repr_html_()  # warm-up
    fairlearn_s = _metric_frame(y_true, y_pred, sf)
    gm_s = _best_of(lambda: group_metrics(y_true, y_pred, sensitive_features=sf, metrics=metrics))
    audit_s = _best_of(lambda: audit(y_true, y_score=score, sensitive_features=sf))
    shown_s = _best_of(lambda: audit(y_true, y_score=score, sensitive_features=sf)._repr_html_(), repeats=1)
    print(f"fairlearn MetricFrame (7 metrics): {fairlearn_s:.2f} s")
    print(
        f"labkit audit as a user calls it (3 features + intersection, intervals, flags, narrative; charts "
        f"drawn when shown) {audit_s:.3f} s; ratio {fairlearn_s / audit_s:.0f}x faster (goal >= 20x)"
    )
    print(f"labkit group_metrics {gm_s:.3f} s; ratio {fairlearn_s / gm_s:.0f}x faster (goal >= 50x)")
    print(
        f"labkit audit and then shown (its 3 charts drawn): {shown_s:.2f} s; "
        f"ratio {fairlearn_s / shown_s:.1f}x faster (for information)"
    )


def bench_explorer(n: int) -> None:
    from labkit.fairness import ThresholdExplorer, fairness_explorer

    y_true, _, score, sf = _data(n)
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
        f"fairness explorer at {n:,} rows: set-up {setup_s:.2f} s once; one update (counts, rates, sentence, "
        f"HTML table) median {median_ms:.2f} ms, worst {worst_ms:.2f} ms over {len(thresholds)} updates "
        "(goal <= 50 ms)"
    )
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


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    quick = "--quick" in argv
    bench_audit(100_000 if quick else 300_000)
    bench_explorer(100_000 if quick else 1_000_000)


if __name__ == "__main__":
    main()
