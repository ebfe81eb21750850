"""Benchmarks for labkit.evaluate (issue 5).

Goals: ``evaluate()`` with every confidence interval, baselines, calibration and
periods on 1,000,000 rows in at most 3 s; one threshold-explorer update at
1,000,000 rows in at most 50 ms. References: scikit-learn computing the same
point estimates without any interval, and a numpy recount of the confusion
matrix on every slider move.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

ROWS = 1_000_000


def _data(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = rng.random(n) < 0.25
    s = 1.0 / (1.0 + np.exp(-(rng.normal(size=n) * 1.2 + 1.5 * y - 1.8)))
    periods = rng.choice(np.array(["2021-22", "2022-23", "2023-24", "2024-25"]), size=n)
    rule = rng.random(n) < 0.2
    return y, s, periods, rule


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from sklearn import metrics as skm

    from labkit.evaluate import evaluate, threshold_explorer

    y, s, periods, rule = _data(ROWS)
    evaluate(y_true=y[:1000], y_score=s[:1000])  # warm up imports and matplotlib

    def ours() -> None:
        evaluate(y_true=y, y_score=s, periods=periods, baseline_rule=rule, baseline_name="rule")

    def reference() -> None:
        pred = s >= 0.5
        skm.confusion_matrix(y, pred)
        skm.precision_score(y, pred)
        skm.recall_score(y, pred)
        skm.f1_score(y, pred)
        skm.balanced_accuracy_score(y, pred)
        skm.roc_auc_score(y, s)
        skm.average_precision_score(y, s)
        skm.brier_score_loss(y, s)

    t_ours = _median_time(ours, 3)
    t_ref = _median_time(reference, 3)
    print(
        f"labkit evaluate() on {ROWS:,} rows with intervals, baselines, calibration chart (drawn when shown) "
        "and 4 periods: "
        f"{t_ours:.2f} s; scikit-learn point estimates alone (no intervals): {t_ref:.2f} s; "
        f"ratio {t_ours / t_ref:.1f}x (goal: labkit <= 3 s)"
    )

    box = threshold_explorer(y, s, cost_action=50, cost_harm=300, prevented=0.5)
    values = np.linspace(0.05, 0.95, 200)
    start = time.perf_counter()
    for v in values:
        box.slider.value = float(v)
    per_update = (time.perf_counter() - start) / values.size

    start = time.perf_counter()
    for v in values[:20]:
        flagged = s >= v
        tp = int(np.count_nonzero(flagged & y))
        _ = (tp, int(np.count_nonzero(flagged)) - tp)
    per_recount = (time.perf_counter() - start) / 20
    print(
        f"labkit threshold explorer, one update at {ROWS:,} rows (kernel side): "
        f"{per_update * 1000:.2f} ms per update; "
        f"numpy recount of the confusion matrix: {per_recount * 1000:.2f} ms; "
        f"ratio {per_update / per_recount:.2f}x (goal: labkit <= 50 ms)"
    )


if __name__ == "__main__":
    main()
