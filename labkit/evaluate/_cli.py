"""``labkit evaluate report|threshold|leakage FILE.csv``: model evaluation from a CSV file."""

from __future__ import annotations

import argparse

__all__ = ["handle_leakage", "handle_report", "handle_threshold", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``evaluate`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "evaluate",
        help="evaluate a model's scores, choose a threshold, or check data for leaks",
        description="Honest model evaluation from a CSV file: metrics with confidence intervals, "
        "thresholds from costs and capacity, and a leakage check.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="evaluate_command", metavar="COMMAND")

    def scored(name: str, help_text: str, description: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help_text, description=description)
        p.add_argument("file", metavar="FILE.csv", help="the CSV file, one row per case")
        p.add_argument("--label", required=True, metavar="COL", help="the column with what really happened")
        p.add_argument(
            "--score", required=True, metavar="COL", help="the column with the model's scores (0 to 1)"
        )
        p.add_argument(
            "--pos-label", metavar="VALUE", help="the label value that marks the outcome, if not 1/True"
        )
        p.add_argument("--noun", default="case", help="what one row is, e.g. repair (default: case)")
        p.add_argument(
            "--outcome", default="had the outcome", help="the outcome in words, e.g. 'missed the target'"
        )
        p.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
        return p

    report = scored(
        "report",
        "metrics with confidence intervals, baselines, calibration and periods",
        "Evaluate scores in a CSV file against what really happened.",
    )
    report.add_argument(
        "--threshold", type=float, default=0.5, help="flag scores at least this (default 0.5)"
    )
    report.add_argument("--period", metavar="COL", help="a column of periods, e.g. financial_year")
    report.add_argument("--rule", metavar="COL", help="a True/False column: a simple rule to compare with")
    report.set_defaults(handler=handle_report)

    threshold = scored(
        "threshold",
        "choose a threshold from what acting and a missed case cost, and/or a capacity",
        "Choose the threshold with the lowest expected total cost within a capacity. Acting costs "
        "--cost-action on every flagged case, true or false; a case with the outcome costs --cost-harm "
        "unless it was flagged and acting prevented it, which happens --prevented of the time (an "
        "assumption: the result is also shown from 10%% to 100%%).",
    )
    threshold.add_argument(
        "--cost-action", type=float, metavar="POUNDS", help="cost of acting on one flagged case"
    )
    threshold.add_argument(
        "--cost-harm", type=float, metavar="POUNDS", help="cost of one case with the outcome, not prevented"
    )
    threshold.add_argument(
        "--prevented", type=float, metavar="SHARE", help="share of harms that acting prevents, 0 to 1"
    )
    threshold.add_argument("--capacity", type=int, metavar="N", help="the most cases you can act on")
    threshold.set_defaults(handler=handle_threshold)

    leakage = commands.add_parser(
        "leakage",
        help="flag columns recorded after the outcome, or too predictive on their own",
        description="Check every column of a CSV file for leakage of the outcome.",
    )
    leakage.add_argument("file", metavar="FILE.csv", help="the CSV file, one row per case")
    leakage.add_argument("--label", required=True, metavar="COL", help="the outcome column")
    leakage.add_argument(
        "--recorded-after", nargs="+", default=[], metavar="COL", help="columns recorded after the outcome"
    )
    leakage.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    leakage.set_defaults(handler=handle_leakage)


def _read(path: str, columns: list[str], options: list[str]):
    from labkit._csv import read_table

    return read_table(path, columns, options=options)


def _finish(report, out: str | None) -> int:
    print(report.summary)
    if out:
        print(f"\nThe full report is in {report.save(out)}.")
    return 0


def _pos_label(frame, column: str, value: str | None):
    """A --pos-label typed on the command line, matched to the column's own values."""
    if value is None:
        return None
    for v in frame[column].dropna().unique():
        if str(v) == value:
            return v
    return value


def handle_report(args: argparse.Namespace) -> int:
    """Run ``labkit evaluate report``."""
    from labkit.evaluate import evaluate

    frame = _read(
        args.file,
        [args.label, args.score, args.period, args.rule],
        ["--label", "--score", "--period", "--rule"],
    )
    report = evaluate(
        X=frame,
        y_true=frame[args.label],
        y_score=frame[args.score],
        threshold=args.threshold,
        periods=args.period,
        period_name=args.period or "period",
        baseline_rule=args.rule,
        baseline_name=f"flag where {args.rule} is true" if args.rule else "the officer's rule",
        pos_label=_pos_label(frame, args.label, args.pos_label),
        noun=args.noun,
        outcome=args.outcome,
        plot=bool(args.out and args.out.lower().endswith((".html", ".htm"))),
    )
    return _finish(report, args.out)


def handle_threshold(args: argparse.Namespace) -> int:
    """Run ``labkit evaluate threshold``."""
    from labkit.evaluate import choose_threshold

    frame = _read(args.file, [args.label, args.score], ["--label", "--score"])
    choice = choose_threshold(
        frame[args.label],
        frame[args.score],
        cost_action=args.cost_action,
        cost_harm=args.cost_harm,
        prevented=args.prevented,
        capacity=args.capacity,
        pos_label=_pos_label(frame, args.label, args.pos_label),
        noun=args.noun,
        outcome=args.outcome,
        plot=bool(args.out and args.out.lower().endswith((".html", ".htm"))),
    )
    return _finish(choice, args.out)


def handle_leakage(args: argparse.Namespace) -> int:
    """Run ``labkit evaluate leakage``."""
    from labkit.evaluate import leakage_check

    frame = _read(
        args.file,
        [args.label, *args.recorded_after],
        ["--label", *["--recorded-after"] * len(args.recorded_after)],
    )
    return _finish(leakage_check(frame, args.label, recorded_after=args.recorded_after), args.out)
