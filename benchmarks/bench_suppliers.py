"""Benchmark: ``check_claims`` on 1,000,000 rows against scikit-learn's metric calls on the same data.

Workload (from issue 10): a supplier's claims file with the claims the sandbox bids make (ROC-AUC, accuracy,
precision and recall at a threshold, a flag-rate ratio between five ethnic groups, and an unchecked claim),
checked from returned scores matched to 1,000,000 held-out cases by ID, with the proxy check over two inputs
the supplier declared. Goal: at most 3 s. The reference is scikit-learn's ``roc_auc_score``,
``accuracy_score``, ``precision_score`` and ``recall_score`` plus a pandas groupby of flag rates, on the same
arrays: the numbers alone, without IDs matched, intervals, verdicts or the report.

Usage: python benchmarks/bench_suppliers.py [--quick]   (--quick uses 100,000 rows)
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy as np
import pandas as pd

POP = {"description": "Synthetic benchmark data", "council": "Northbrook"}
CLAIMS = {
    "supplier": "Benchmark Ltd (fictional)",
    "product": "Bench",
    "inputs": ["trade", "imd_decile"],
    "claims": [
        {"id": "1", "metric": "roc_auc", "value": 0.7, "population": POP},
        {"id": "2", "metric": "accuracy", "value": 0.7, "threshold": 0.5, "population": POP},
        {"id": "3", "metric": "precision", "value": 0.5, "threshold": 0.5, "population": POP},
        {"id": "4", "metric": "recall", "value": 0.5, "threshold": 0.5, "population": POP},
        {
            "id": "5",
            "metric": "selection_rate_ratio",
            "value": 0.8,
            "threshold": 0.5,
            "group": "ethnic_group",
            "population": POP,
        },
        {"id": "6", "metric": "training_records", "value": 40000},
    ],
}


def _data(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    y = rng.random(n) < 0.25
    score = np.clip(0.3 * y + 0.7 * rng.random(n), 0, 1).round(4)
    ids = np.char.add("R", np.arange(n).astype(str))
    local = pd.DataFrame(
        {
            "repair_id": ids,
            "target_missed": y,
            "ethnic_group": rng.choice(
                ["Asian", "Black", "Mixed", "Other", "White"], n, p=[0.09, 0.04, 0.03, 0.02, 0.82]
            ),
            "trade": rng.choice(["Plumbing", "Roofing", "Electrical", "Damp and mould"], n),
            "imd_decile": rng.integers(1, 11, n),
        }
    )
    order = rng.permutation(n)  # the supplier returns its scores in its own order
    scores = pd.DataFrame({"repair_id": ids[order], "score": score[order]})
    return local, scores


def _median_of(fn, repeats: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    n = 100_000 if "--quick" in argv else 1_000_000
    from sklearn.metrics import accuracy_score, precision_score, recall_score, roc_auc_score

    from labkit.suppliers import check_claims

    local, scores = _data(n)
    y = local["target_missed"].to_numpy()
    s = scores.set_index("repair_id")["score"].reindex(local["repair_id"]).to_numpy()

    def labkit_run():
        return check_claims(
            CLAIMS,
            local,
            label="target_missed",
            scores=scores,
            id_column="repair_id",
            council="Northbrook",
            protected=["ethnic_group"],
        )

    def sklearn_run():
        flag = s >= 0.5
        roc_auc_score(y, s)
        accuracy_score(y, flag)
        precision_score(y, flag)
        recall_score(y, flag)
        rates = pd.Series(flag).groupby(local["ethnic_group"].to_numpy()).mean()
        return rates.min() / rates.max()

    check = labkit_run()
    got = check.verdicts.set_index("claim")["on_your_data"]
    flag = s >= 0.5
    assert abs(got["1"] - roc_auc_score(y, s)) < 1e-9 and abs(got["3"] - precision_score(y, flag)) < 1e-9
    t_lab, runs_lab = _median_of(labkit_run)
    t_skl, runs_skl = _median_of(sklearn_run)
    load = f"{__import__('os').getloadavg()[0]:.1f}" if hasattr(__import__("os"), "getloadavg") else "n/a"
    print(f"rows: {n:,}; load average (1 min): {load}")
    print(
        f"labkit check_claims (6 claims, IDs matched, intervals, proxy check, report): median {t_lab:.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in runs_lab)})"
    )
    print(
        f"scikit-learn metric calls on the same data (numbers only): median {t_skl:.2f} s "
        f"(runs {', '.join(f'{t:.2f}' for t in runs_skl)})"
    )
    print(f"ratio labkit / scikit-learn: {t_lab / t_skl:.2f}x")
    goal = 3.0 if n == 1_000_000 else 0.3
    print(f"goal: check_claims at most {goal:g} s on {n:,} rows: {'met' if t_lab <= goal else 'NOT met'}")


if __name__ == "__main__":
    main()
