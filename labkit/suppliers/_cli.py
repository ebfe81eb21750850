"""``labkit suppliers check-claims``, ``labkit suppliers lock-in`` and ``labkit suppliers scorecard``."""

from __future__ import annotations

import argparse

__all__ = ["handle_check_claims", "handle_lock_in", "handle_scorecard", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``suppliers`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "suppliers",
        help="check a supplier's claims on your own data, its contract for lock-in, and score bids",
        description="Evaluate a supplier's AI before you buy it: on your own held-out data, on this "
        "computer.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="suppliers_command", metavar="COMMAND")
    check = commands.add_parser(
        "check-claims",
        help="recompute a supplier's claims on your held-out sample",
        description="Recompute every claim in a claims file (YAML) on your held-out sample, from the scores "
        "the supplier returned or from its skops model file, with confidence intervals and a verdict "
        "for each.",
    )
    check.add_argument("claims", metavar="CLAIMS.yaml", help="the supplier's claims (see docs/suppliers.md)")
    source = check.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--scores", metavar="SCORES.csv", help="the scores the supplier returned for your sample"
    )
    source.add_argument("--model", metavar="MODEL.skops", help="the supplier's model file (skops only)")
    check.add_argument(
        "--data",
        metavar="LOCAL.csv",
        help="your held-out cases with their outcomes (default: the outcomes are in the scores file)",
    )
    check.add_argument(
        "--label", required=True, metavar="COL", help="the column of true outcomes (True/False)"
    )
    check.add_argument("--id", metavar="COL", help="the ID column that matches scores to your cases")
    check.add_argument(
        "--score-column", default="score", metavar="COL", help="the scores' column (default score)"
    )
    check.add_argument("--council", metavar="NAME", help="your council's name, to spot claims from elsewhere")
    check.add_argument(
        "--after-outcome", nargs="+", default=[], metavar="COL", help="columns recorded after the outcome"
    )
    check.add_argument(
        "--protected", nargs="+", default=[], metavar="COL", help="protected-characteristic columns"
    )
    check.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    check.set_defaults(handler=handle_check_claims)
    lock = commands.add_parser(
        "lock-in",
        help="check a bid's contract terms for lock-in",
        description="Check the contract terms in a bid (bid.yaml, or its folder) against the lock-in "
        "checklist.",
    )
    lock.add_argument("bid", metavar="BID", help="a bid folder or its bid.yaml")
    lock.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    lock.set_defaults(handler=handle_lock_in)
    card = commands.add_parser(
        "scorecard",
        help="score bids in a tender evaluation matrix",
        description="Score bid folders against the award criteria; with --data, first check each bid's "
        "claims "
        "from the scores.csv in its folder.",
    )
    card.add_argument(
        "bids", nargs="+", metavar="BID", help="bid folders (each with bid.yaml and claims.yaml)"
    )
    card.add_argument(
        "--quality-weight", type=float, default=0.7, help="share of the total for quality (0.7)"
    )
    card.add_argument(
        "--data", metavar="LOCAL.csv", help="your held-out cases with outcomes, to check claims"
    )
    card.add_argument("--label", metavar="COL", help="with --data: the column of true outcomes")
    card.add_argument("--id", metavar="COL", help="with --data: the ID column that matches the scores")
    card.add_argument("--council", metavar="NAME", help="your council's name")
    card.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    card.set_defaults(handler=handle_scorecard)


def _read(path: str, what: str):
    """Read a CSV file with labkit's one reader (the same rules and messages as every command)."""
    from labkit._csv import read_table

    return read_table(path)


def _finish(report, out: str | None) -> int:
    print(report.to_markdown())
    if out:
        print(f"\nSaved {report.save(out)}")
    return 0


def handle_check_claims(args: argparse.Namespace) -> int:
    """Run ``labkit suppliers check-claims``."""
    from labkit._errors import LabkitError
    from labkit.suppliers import check_claims

    kwargs = {
        "label": args.label,
        "council": args.council,
        "after_outcome": args.after_outcome,
        "protected": args.protected,
        "score_column": args.score_column,
    }
    if args.model:
        if not args.data:
            raise LabkitError(
                "With --model, give your held-out cases with --data.",
                where="option --data",
                fix="Add --data LOCAL.csv (your cases, with the model's input columns and the outcome).",
            )
        report = check_claims(args.claims, _read(args.data, "option --data"), model=args.model, **kwargs)
    elif args.data:
        data = _read(args.data, "option --data")
        report = check_claims(args.claims, data, scores=args.scores, id_column=args.id, **kwargs)
    else:
        scored = _read(args.scores, "option --scores")
        if args.score_column not in scored.columns:
            raise LabkitError(
                f"The scores file has no column {args.score_column!r}.",
                where=f"file {args.scores!r}",
                fix="Name the column of scores with --score-column, or give your outcomes with --data.",
            )
        report = check_claims(args.claims, scored, scores=scored[args.score_column].to_numpy(), **kwargs)
    return _finish(report, args.out)


def _bid(path: str):
    from pathlib import Path

    from labkit.suppliers import load_bid

    p = Path(path)
    return load_bid(p.parent if p.name == "bid.yaml" else p)


def handle_lock_in(args: argparse.Namespace) -> int:
    """Run ``labkit suppliers lock-in``."""
    from labkit.suppliers import lock_in_risks

    return _finish(lock_in_risks(_bid(args.bid)), args.out)


def handle_scorecard(args: argparse.Namespace) -> int:
    """Run ``labkit suppliers scorecard``."""
    from labkit._errors import LabkitError
    from labkit.suppliers import check_claims, scorecard

    bids = [_bid(b) for b in args.bids]
    checks = {}
    if args.data:
        if not args.label:
            raise LabkitError("With --data, name the outcome column with --label.", where="option --label")
        data = _read(args.data, "option --data")
        for bid in bids:
            checks[bid.slug] = check_claims(
                bid.claims,
                data,
                label=args.label,
                scores=bid.scores_path,
                id_column=args.id,
                council=args.council,
            )
    return _finish(scorecard(bids, checks=checks, quality_weight=args.quality_weight), args.out)
