"""``labkit projects example|review|screen|baseline|monitor``: define the problem, then check the benefits."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``projects`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "projects",
        help="problem canvas, review, legal screening, baseline and monitoring of a project",
        description="Define the problem before the technology, then check the benefits arrive: a problem "
        "canvas in YAML, its review and legal screening, a baseline from data, and a monthly monitor.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="projects_command", metavar="COMMAND")

    def out(p: argparse.ArgumentParser) -> None:
        p.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")

    example = commands.add_parser(
        "example",
        help="write the example canvas (repairs that miss their target) to start from",
        description="Write labkit's example problem canvas as YAML, to copy and edit.",
    )
    example.add_argument("--out", required=True, metavar="CANVAS.yaml", help="where to write the canvas")
    example.set_defaults(handler=handle_example)

    review = commands.add_parser(
        "review",
        help="find the classic failures of a problem canvas",
        description="Check a canvas for a solution instead of a problem, no baseline, unmeasurable measures, "
        "no stop rule, no option without AI and no one accountable.",
    )
    review.add_argument("canvas", metavar="CANVAS.yaml", help="the problem canvas")
    out(review)
    review.set_defaults(handler=handle_review)

    screen = commands.add_parser(
        "screen",
        help="legal screening: DPIA, lawful basis, automated decisions, equality duty, ATRS",
        description="Screen a canvas's legal answers. A screening, not legal advice: consult your DPO.",
    )
    screen.add_argument("canvas", metavar="CANVAS.yaml", help="the problem canvas")
    out(screen)
    screen.set_defaults(handler=handle_screen)

    baseline = commands.add_parser(
        "baseline",
        help="measure today's process from a CSV file, with an interval",
        description="The share of cases with an outcome (for example repairs that missed their target), "
        "with a Wilson interval, overall and by period.",
    )
    baseline.add_argument("file", metavar="FILE.csv", help="the CSV file, one row per case")
    baseline.add_argument("--outcome", required=True, metavar="COL", help="a yes/no column to count")
    baseline.add_argument("--period", metavar="COL", help="a column of periods, e.g. financial_year")
    baseline.add_argument("--noun", default="cases", help="what the rows are, e.g. 'repair jobs'")
    baseline.add_argument(
        "--outcome-words", default="had the outcome", help="the outcome in words, e.g. 'missed their target'"
    )
    out(baseline)
    baseline.set_defaults(handler=handle_baseline)

    monitor = commands.add_parser(
        "monitor",
        help="monitor a deployed tool month by month against its canvas",
        description="Performance, drift, fairness and benefits by month from a monitoring log, with a "
        "red/amber/green status from the canvas's stop rules.",
    )
    monitor.add_argument(
        "files", nargs="+", metavar="LOG.csv", help="the monitoring log: one file, or one file per month"
    )
    monitor.add_argument("--canvas", required=True, metavar="CANVAS.yaml", help="the problem canvas")
    out(monitor)
    monitor.set_defaults(handler=handle_monitor)


def _read(path: str, columns: tuple = (), options: tuple = ()):
    """The shared CSV reader (labkit._csv): encodings, separators and codes handled as everywhere else."""
    from labkit._csv import read_table

    return read_table(path, list(columns), options=list(options))


def _finish(report, out: str | None) -> int:
    print(report.summary)
    if out:
        print(f"\nThe full report is in {report.save(out)}.")
    return 0


def handle_example(args: argparse.Namespace) -> int:
    """Run ``labkit projects example``."""
    from labkit.projects import example_canvas

    path = example_canvas().save(args.out)
    print(f"The example canvas is in {path}. Edit it, then run: labkit projects review {path}")
    return 0


def _canvas_check(
    args: argparse.Namespace, check: Callable[[Any], Any], lines: Callable[[Any], list[str]]
) -> int:
    """Read the canvas, run ``check`` on it, print its summary and its ``lines`` as a list."""
    from labkit.projects import read_canvas

    result = check(read_canvas(args.canvas))
    _finish(result, args.out)
    for line in lines(result):
        print(f"- {line}")
    return 0


def handle_review(args: argparse.Namespace) -> int:
    """Run ``labkit projects review``."""
    from labkit.projects import review

    return _canvas_check(args, review, lambda r: [f"[{f.level}] {f.where}: {f.advice}" for f in r.findings])


def handle_screen(args: argparse.Namespace) -> int:
    """Run ``labkit projects screen``."""
    from labkit.projects import screen

    return _canvas_check(args, screen, lambda r: r.actions)


def handle_baseline(args: argparse.Namespace) -> int:
    """Run ``labkit projects baseline``."""
    from labkit.projects import baseline

    frame = _read(args.file, (args.outcome, args.period), ("--outcome", "--period"))
    result = baseline(
        frame, args.outcome, period=args.period, noun=args.noun, outcome_words=args.outcome_words
    )
    return _finish(result, args.out)


def handle_monitor(args: argparse.Namespace) -> int:
    """Run ``labkit projects monitor``."""
    from labkit.projects import monitor, read_canvas

    canvas = read_canvas(args.canvas)
    frames = [_read(f) for f in args.files]
    log = frames[0] if len(frames) == 1 else frames
    plot = bool(args.out and args.out.lower().endswith((".html", ".htm")))
    return _finish(monitor(log, canvas, plot=plot), args.out)
