"""Benchmark for sharing progress with a trainer and the cohort dashboard (issue 14).

Goals: a check while sharing (log the event, rewrite the learner's shared file) stays within the exercise
engine's goal of 100 ms per check, even with a long progress log (a full course: 3,000 events); the
dashboard reads a room of 30 learners sharing in well under a second, so Refresh feels instant.
Reference: the same check with sharing off (only the progress log line is written).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

EVENTS = 3_000
LEARNERS = 30


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from labkit.exercises import ex00, share_progress
    from labkit.exercises._cohort_report import cohort_progress
    from labkit.exercises._progress import record

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "cohort"
        folder.mkdir()
        os.environ.update(
            LABKIT_PROGRESS_FILE=str(Path(temp) / "progress.jsonl"),
            LABKIT_COHORT_DIR=str(folder),
            JUPYTERHUB_USER="learner00",
        )
        for i in range(EVENTS):
            record(f"{i % 8:02d}", f"q{i % 12 + 1}", "check", outcome="not yet", wrong=1 + i % 3)
        namespace: dict = {}
        ex00.bind(namespace)
        namespace[ex00.questions[0].variable] = ex00.questions[0].wrong[0].value
        check = namespace["q1"].check
        off = _median_ms(check, 21)
        share_progress(True)
        on = _median_ms(check, 21)
        print(f"load average {os.getloadavg()[0]:.1f}; progress log of {EVENTS:,} events")
        print(f"check, sharing off: {off:.1f} ms; sharing on: {on:.1f} ms (goal 100 ms)")
        shared = (folder / "learner00.json").read_bytes()
        for n in range(1, LEARNERS):
            (folder / f"learner{n:02d}.json").write_bytes(
                shared.replace(b"learner00", f"learner{n:02d}".encode())
            )
        read = _median_ms(lambda: cohort_progress(folder), 5)
        print(f"dashboard read of {LEARNERS} learners' files: {read:.0f} ms (goal well under 1,000 ms)")
        for name in ("LABKIT_PROGRESS_FILE", "LABKIT_COHORT_DIR", "JUPYTERHUB_USER"):
            os.environ.pop(name, None)
