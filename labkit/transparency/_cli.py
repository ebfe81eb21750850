"""``labkit transparency check RECORD.json``: check an ATRS record before publishing it."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``transparency`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "transparency",
        help="check an algorithmic transparency (ATRS) record before publishing it",
        description="Check an ATRS record saved as JSON by labkit: required fields, the guidance on roles, "
        "emails and redaction, plain English, and agreement with its evidence.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="transparency_command", metavar="COMMAND")
    check = commands.add_parser(
        "check", help="check a record saved as JSON", description="Check an ATRS record."
    )
    check.add_argument("file", metavar="RECORD.json", help="a record saved with record.save('record.json')")
    check.add_argument("--out", metavar="REPORT", help="also save the check: .html, .md or .json")
    check.add_argument(
        "--template", metavar="FILE.csv", help="also write the record in the template's layout"
    )
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from labkit.transparency import check_record, load_record

    record = load_record(args.file)
    result = check_record(record)
    print(result.summary)
    if len(result.findings):
        print()
        print(result.findings[["field", "severity", "finding"]].to_string(index=False))
    if args.out:
        print(f"\nThe full check is in {result.save(args.out)}.")
    if args.template:
        print(f"The record in the template's layout is in {record.save(args.template).as_posix()}.")
    return 0 if result.passed else 1
