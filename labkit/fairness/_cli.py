"""``labkit fairness audit FILE.csv`` and ``labkit fairness proxies FILE.csv``."""

from __future__ import annotations

import argparse

__all__ = ["handle_audit", "handle_proxies", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fairness`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "fairness",
        help="audit a model's decisions across protected characteristics, or find proxies",
        description="Fairness audits with the same numbers as fairlearn, in plain English.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="fairness_command", metavar="COMMAND")
    audit = commands.add_parser(
        "audit",
        help="audit decisions or scores in a CSV file by protected characteristics",
        description="Audit a model's decisions (or scores) in a CSV file across protected characteristics "
        "and their intersections.",
    )
    audit.add_argument("file", metavar="FILE.csv", help="the CSV file, one row per person or case")
    audit.add_argument(
        "--label", required=True, metavar="COL", help="the column with what really happened (0/1)"
    )
    source = audit.add_mutually_exclusive_group(required=True)
    source.add_argument("--prediction", metavar="COL", help="the column with the model's decisions (0/1)")
    source.add_argument("--score", metavar="COL", help="the column with the model's scores (0 to 1)")
    audit.add_argument(
        "--pos-label", metavar="VALUE", help="the --label value that marks the outcome, if not 1/True"
    )
    audit.add_argument("--threshold", type=float, default=0.5, help="cut-off for --score (default 0.5)")
    audit.add_argument(
        "--sensitive",
        required=True,
        nargs="+",
        metavar="COL",
        help="one or more protected-characteristic columns",
    )
    audit.add_argument("--min-n", type=int, default=30, help="flag groups smaller than this (default 30)")
    audit.add_argument(
        "--missing",
        choices=["group", "drop", "error"],
        default="group",
        help="people with no recorded characteristic: a group of their own (default), left out, or an error",
    )
    audit.add_argument(
        "--noun",
        nargs="+",
        metavar="WORD",
        help="what one row is, for example 'repair', or 'person people' (default: person)",
    )
    audit.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    audit.set_defaults(handler=handle_audit)
    proxies = commands.add_parser(
        "proxies",
        help="find columns that stand in for a protected characteristic",
        description="Rank the columns of a CSV file by how strongly they go with a protected characteristic.",
    )
    proxies.add_argument("file", metavar="FILE.csv", help="the CSV file")
    proxies.add_argument(
        "--protected", required=True, metavar="COL", help="the protected-characteristic column"
    )
    proxies.add_argument(
        "--columns", nargs="+", metavar="COL", help="the columns to test (default: all others)"
    )
    proxies.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    proxies.set_defaults(handler=handle_proxies)


def _read(path: str, columns: list[str], options: list[str]):
    from labkit._csv import read_table

    return read_table(path, columns, options=options)


def handle_audit(args: argparse.Namespace) -> int:
    """Run ``labkit fairness audit``."""
    from labkit._inputs import labels
    from labkit.fairness import audit

    frame = _read(
        args.file,
        [args.label, args.prediction or args.score, *args.sensitive],
        ["--label", "--prediction" if args.prediction else "--score", *["--sensitive"] * len(args.sensitive)],
    )
    y_true = labels(frame[args.label], args.label, pos_label=args.pos_label) if args.pos_label else None
    report = audit(
        frame[args.label] if y_true is None else y_true,
        frame[args.prediction] if args.prediction else None,
        y_score=frame[args.score] if args.score else None,
        threshold=args.threshold,
        sensitive_features=frame[args.sensitive],
        min_n=args.min_n,
        missing=args.missing,
        noun=(args.noun[0] if len(args.noun) == 1 else tuple(args.noun))
        if args.noun
        else ("person", "people"),
        figures=bool(args.out and args.out.lower().endswith((".html", ".htm"))),
    )
    print(report.summary)
    if args.out:
        print(f"\nThe full report is in {report.save(args.out)}.")
    return 0


def handle_proxies(args: argparse.Namespace) -> int:
    """Run ``labkit fairness proxies``."""
    from labkit.fairness import find_proxies

    frame = _read(
        args.file,
        [args.protected, *(args.columns or [])],
        ["--protected", *["--columns"] * len(args.columns or [])],
    )
    report = find_proxies(frame, args.protected, args.columns)
    print(report.summary)
    print()
    print(report.table[["column", "cramers_v", "strength", "balanced_accuracy"]].to_string(index=False))
    if args.out:
        print(f"\nThe full report is in {report.save(args.out)}.")
    return 0
