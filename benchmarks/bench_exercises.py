"""How fast exercise checks answer, on the default sandbox data.

Goal (issue 3): every check answers in at most 100 ms. For each exercise set,
the trainer edition runs in-process (seed 0, default council). Then the set is
bound again, as a learner's notebook does (this loads the learner's data and
works out the expected and known-wrong answers that depend on the data alone;
timed separately), and every question is checked three ways and timed: the
first check, a repeat check, and each declared known-wrong answer. The
progress log goes to a temporary file, so writing it is part of the time, as
it is for a learner. Prints the bind time per set, the ten slowest checks,
and the slowest against the 100 ms goal.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 0.100


def _measure() -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    import nbformat

    from labkit.exercises import BoundQuestion, exercise_set, list_exercise_sets
    from labkit.exercises._build import find_master, make_editions, project_root
    from labkit.exercises._selftest import run_edition

    root = project_root(Path(__file__).resolve().parents[1])
    timings: list[tuple[float, str]] = []
    binds: list[tuple[float, str]] = []
    for exercise_id in list_exercise_sets():
        exercise = exercise_set(exercise_id)
        path = find_master(exercise_id, root)
        _, trainer = make_editions(nbformat.read(path, as_version=4), path.relative_to(root).as_posix())
        run = run_edition(trainer, exercise, seed=0, name=f"trainer edition {exercise_id}")
        namespace = run.namespace
        # A fresh binding, so the first check pays for computing the expected answer, as a learner's does.
        fresh = {k: v for k, v in namespace.items() if not isinstance(v, BoundQuestion)}
        start = time.perf_counter()
        exercise.bind(fresh, seed=0)
        binds.append((time.perf_counter() - start, exercise_id))
        for leaf in exercise.leaves():
            bound = fresh[leaf.path.split(".")[0]]
            for part in leaf.path.split(".")[1:]:
                bound = getattr(bound, part)
            fresh[leaf.variable] = namespace[leaf.variable]
            for label in ("first check", "repeat check"):
                start = time.perf_counter()
                outcome = bound.check()
                timings.append((time.perf_counter() - start, f"{exercise_id} {leaf.path} {label}"))
                assert outcome.correct, f"{exercise_id} {leaf.path}: {outcome}"
            for number, wrong in enumerate(leaf.wrong, start=1):
                fresh[leaf.variable] = run.context.resolve(wrong.value)
                start = time.perf_counter()
                outcome = bound.check()
                timings.append(
                    (time.perf_counter() - start, f"{exercise_id} {leaf.path} wrong answer {number}")
                )
                assert outcome.status == "not yet"
            fresh[leaf.variable] = namespace[leaf.variable]
    return timings, binds


def main() -> None:
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as tmp:
        saved = os.environ.get("LABKIT_PROGRESS_FILE")
        os.environ["LABKIT_PROGRESS_FILE"] = str(Path(tmp) / "progress.jsonl")
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                timings, binds = _measure()
        finally:
            if saved is None:
                os.environ.pop("LABKIT_PROGRESS_FILE", None)
            else:
                os.environ["LABKIT_PROGRESS_FILE"] = saved
    for seconds, exercise_id in binds:
        print(f"set {exercise_id}: bind (load the learner's data, prepare the answers) {seconds:.2f} s")
    timings.sort(reverse=True)
    print(f"{len(timings)} checks timed; median {1000 * statistics.median(t for t, _ in timings):.2f} ms")
    print("slowest checks:")
    for seconds, label in timings[:10]:
        print(f"  {1000 * seconds:8.2f} ms  {label}")
    slowest, label = timings[0]
    verdict = "meets" if slowest <= GOAL_SECONDS else "MISSES"
    print(
        f"labkit slowest check {1000 * slowest:.1f} ms ({label}); goal 100 ms; "
        f"ratio {slowest / GOAL_SECONDS:.2f}x (goal <= 1x): {verdict} the goal"
    )


if __name__ == "__main__":
    main()
