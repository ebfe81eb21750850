"""The website (``make site``): gathering the pages, a build from scratch, and a build with nothing changed.

Goals on the 2-core machine: a build from scratch within 90 s and a build with
nothing changed within 30 s, so that ``make test`` (which builds the site before
the browser tests) stays quick. Everything goes to a temporary folder; the
project's own ``_build`` is not touched.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from website.build import build, gather  # noqa: E402 (the project folder is on the path only now)

GOALS = {"from scratch": 90.0, "nothing changed": 30.0}


def _timed(step) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = step()
    if code:
        raise SystemExit(f"the website did not build (Sphinx exit code {code})")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work, output = Path(folder) / "work", Path(folder) / "site"
        start = time.perf_counter()
        pages = gather(ROOT, work / "site-src")
        print(f"gather {len(pages)} pages: {time.perf_counter() - start:.1f} s")
        for label in GOALS:
            took = _timed(lambda: build(ROOT, output, work=work))
            print(
                f"build, {label}: {took:.1f} s (goal {GOALS[label]:.0f} s; ratio {took / GOALS[label]:.2f})"
            )


if __name__ == "__main__":
    main()
