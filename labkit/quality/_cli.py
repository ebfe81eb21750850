"""``labkit quality audit FILE.csv`` and ``labkit quality infer FILE.csv``."""

from __future__ import annotations

import argparse

__all__ = ["handle_audit", "handle_infer", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``quality`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "quality",
        help="check a CSV file against a data standard, or draft a standard",
        description="Data quality in the six dimensions of the Government Data Quality Framework.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="quality_command", metavar="COMMAND")
    audit = commands.add_parser(
        "audit",
        help="check a CSV file and report its data-quality problems",
        description="Check a CSV file against a data standard and report each problem in plain English.",
    )
    audit.add_argument("file", metavar="FILE.csv", help="the CSV file to check")
    audit.add_argument(
        "--standard",
        metavar="S",
        help="the data standard: a .yaml file, a datapackage.json, or sandbox:NAME "
        "(without it, labkit drafts one from the file, which finds much less)",
    )
    audit.add_argument("--resource", metavar="NAME", help="the table's name in a datapackage.json")
    audit.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    audit.set_defaults(handler=handle_audit)
    infer = commands.add_parser(
        "infer",
        help="draft a data standard (YAML) from a CSV file",
        description="Draft a data standard from a CSV file, for you to check and edit.",
    )
    infer.add_argument("file", metavar="FILE.csv", help="the CSV file to read")
    infer.add_argument("--out", metavar="STANDARD.yaml", help="save the draft here instead of printing it")
    infer.set_defaults(handler=handle_infer)


def handle_audit(args: argparse.Namespace) -> int:
    """Run ``labkit quality audit``."""
    from labkit._csv import read_table
    from labkit.quality import audit, read_standard

    frame = read_table(args.file)
    standard = read_standard(args.standard, resource=args.resource) if args.standard else None
    report = audit(frame, standard)
    print(report.summary)
    if not report.findings.empty:
        print()
        for _, f in report.findings.iterrows():
            print(f"- [{f['severity']}] {f['finding']} ({f['dimension']}). Fix: {f['fix']}")
            if f["examples"]:
                print(f"  For example: {report.where(f['examples'])}.")
    if args.out:
        path = report.save(args.out)
        print(f"\nThe full report is in {path}.")
    return 0


def handle_infer(args: argparse.Namespace) -> int:
    """Run ``labkit quality infer``."""
    from pathlib import Path

    from labkit._csv import read_table
    from labkit._errors import LabkitError
    from labkit._inputs import write_text
    from labkit.quality import infer

    if args.out and Path(args.out).suffix.lower() not in {".yaml", ".yml"}:
        raise LabkitError(
            f"The draft standard is written as YAML, so --out must end in .yaml, not {args.out!r}.",
            where="option --out",
            fix="Use for example --out standard.yaml.",
        )
    frame = read_table(args.file)
    standard = infer(frame, name=f"Draft standard for {Path(args.file).name}")
    text = standard.to_yaml()
    if args.out:
        write_text(args.out, text, what="The draft standard")
        print(f"The draft standard is in {args.out}. Read it, correct it, then use it with --standard.")
    else:
        print(text, end="")
    return 0
