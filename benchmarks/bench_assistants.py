"""Benchmark: the assistant-testing harness's own time per question, on 1,000 questions.

Workload (from issue 11): the sandbox test set repeated to 1,000 questions (fact, signposting, decline and
red-team questions in five ways of writing), asked of an *instant* product (a dictionary of clearpath's
answers, looked up in well under a microsecond), so the time measured is the harness's own: asking through
the adapter, keeping each reply in the resume file, checking facts, tracing every statement to the 81
passages of the service pages, the verdicts, intervals by way of writing, consistency and the report.
Goal: at most 5 ms per question.

Usage: python benchmarks/bench_assistants.py [--quick]   (--quick uses 200 questions)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 5.0


def _test_set(n: int):
    import pandas as pd

    from labkit.assistants import TestSet, load_test_set

    base = load_test_set()
    copies = -(-n // len(base))
    frames = []
    for copy in range(copies):
        q = base.questions.copy()
        q["question_id"] = [f"{qid}-{copy}" for qid in q["question_id"]]
        q["topic"] = [f"{t}-{copy}" for t in q["topic"]]
        frames.append(q)
    return TestSet(pd.concat(frames, ignore_index=True).head(n), base.pages)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    n = 200 if "--quick" in argv else 1_000
    from labkit.assistants import evaluate_assistant, get_product

    test_set = _test_set(n)
    bot = get_product("clearpath")
    answers = {q: bot(q) for q in test_set.questions["question"]}

    def instant(question: str) -> str:
        return answers[question]

    def run() -> float:
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            report = evaluate_assistant(instant, test_set, resume=Path(folder) / "run.jsonl")
            _ = report.summary, report.to_markdown()
            return time.perf_counter() - start

    questions = list(test_set.questions["question"])
    start = time.perf_counter()
    for q in questions:
        instant(q)
    product_s = time.perf_counter() - start
    runs = [run() for _ in range(3)]
    t = statistics.median(runs)
    per_q = (t - product_s) / n * 1000
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"
    print(f"questions: {n:,}; load average (1 min): {load}")
    print(
        f"evaluate_assistant with an instant product, resume file and report: median {t:.2f} s "
        f"(runs {', '.join(f'{r:.2f}' for r in runs)}); the product itself: {product_s * 1000:.2f} ms in all"
    )
    print(f"harness overhead per question: {per_q:.2f} ms")
    print(f"ratio overhead / goal ({GOAL_MS:g} ms): {per_q / GOAL_MS:.2f}x")
    print(f"goal: at most {GOAL_MS:g} ms per question: {'met' if per_q <= GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
