"""``labkit assistants list | serve | test | notes | review-sample | review-import``."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``assistants`` command group. Cheap: imports nothing heavy."""
    group = subparsers.add_parser(
        "assistants",
        help="test generative-AI assistants and note-takers against your own pages and transcripts",
        description="Test a website assistant or an AI note-taker before and after you buy it, on this "
        "computer. Simulated products with planted failures are built in.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="assistants_command", metavar="COMMAND")
    listing = commands.add_parser(
        "list", help="list the simulated products", description="List the simulated products."
    )
    listing.set_defaults(handler=handle_list)

    serve = commands.add_parser(
        "serve",
        help="serve a simulated product on 127.0.0.1 (OpenAI-compatible chat completions)",
        description="Serve a simulated product on http://127.0.0.1:PORT/v1/chat/completions until Ctrl+C.",
    )
    serve.add_argument("name", metavar="NAME", help="a simulated product (see labkit assistants list)")
    serve.add_argument("--port", type=int, default=8765, help="the port (default 8765)")
    serve.add_argument(
        "--fault",
        choices=("timeout", "error", "malformed", "empty"),
        help="make every few replies fail this way",
    )
    serve.add_argument(
        "--every", type=int, default=3, help="with --fault: how often (default every 3rd reply)"
    )
    serve.set_defaults(handler=handle_serve)

    test = commands.add_parser(
        "test",
        help="run a test set against a product and report what the checks find",
        description="Run a test set against a simulated product (by name) or any OpenAI-compatible "
        "chat-completions endpoint (by its http:// address).",
    )
    test.add_argument(
        "product", metavar="NAME-or-URL", help="a simulated product's name, or an http:// address"
    )
    test.add_argument("--test-set", metavar="CSV", help="your test set (default: the sandbox's)")
    test.add_argument(
        "--pages", metavar="PAGES", help="your service pages, .json or .csv (default: the sandbox's)"
    )
    test.add_argument("--model", default="default", help="with an address: the model name to send")
    test.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each answer (30)")
    test.add_argument("--resume", metavar="FILE.jsonl", help="keep every answer here; run again to carry on")
    test.add_argument("--price-in", type=float, metavar="£", help="price per 1,000 tokens in")
    test.add_argument("--price-out", type=float, metavar="£", help="price per 1,000 tokens out")
    test.add_argument("--price-question", type=float, default=0.0, metavar="£", help="price per question")
    test.add_argument("--results", metavar="CSV", help="also save one row per question (for review-sample)")
    test.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    test.set_defaults(handler=handle_test)

    notes = commands.add_parser(
        "notes",
        help="check a note-taker's notes against the visit transcript",
        description="Find statements in the notes that nobody made, and key facts the notes left out.",
    )
    notes.add_argument(
        "transcript", metavar="TRANSCRIPT", help="a transcript (.json or UTF-8 .txt), or V01-V04"
    )
    notes.add_argument("notes", metavar="NOTES", help="the notes (.txt), or a simulated note-taker's name")
    notes.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    notes.set_defaults(handler=handle_notes)

    sample = commands.add_parser(
        "review-sample",
        help="export a stratified sample of answers for staff to mark",
        description="Write a sample of answers (without the automatic verdict) for staff to mark.",
    )
    sample.add_argument("results", metavar="RESULTS.csv", help="the file saved by test --results")
    sample.add_argument("--n", type=int, default=40, help="how many answers (40)")
    sample.add_argument("--seed", type=int, default=0, help="the random seed (0)")
    sample.add_argument("--out", metavar="SAMPLE.csv", required=True, help="where to write the sample")
    sample.set_defaults(handler=handle_review_sample)

    imp = commands.add_parser(
        "review-import",
        help="measure agreement between staff's marks and the automatic checks",
        description="Read a marked sample and report agreement with the automatic checks (Cohen's kappa).",
    )
    imp.add_argument("results", metavar="RESULTS.csv", help="the file saved by test --results")
    imp.add_argument("marks", metavar="MARKED.csv", help="the sample, marked")
    imp.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")
    imp.set_defaults(handler=handle_review_import)


def _finish(report, out: str | None) -> int:
    if out:
        # The whole report is in the file; the terminal gets its summary.
        print(report.summary)
        print(f"\nSaved {report.save(out)}")
    else:
        print(report.to_markdown())
    return 0


def handle_list(args: argparse.Namespace) -> int:
    """Run ``labkit assistants list``."""
    from labkit.assistants import products

    table = products()
    for row in table.itertuples():
        print(f"{row.name:10}  {row.kind:10}  {row.product} ({row.supplier}): {row.claim}")
    return 0


def handle_serve(args: argparse.Namespace) -> int:
    """Run ``labkit assistants serve``."""
    from labkit.assistants import serve

    serve(args.name, args.port, fault=args.fault, every=args.every)
    return 0


def handle_test(args: argparse.Namespace) -> int:
    """Run ``labkit assistants test``."""
    import sys

    from labkit.assistants import (
        HTTPAssistant,
        Price,
        evaluate_assistant,
        get_product,
        load_pages,
        load_test_set,
    )

    pages = load_pages(args.pages) if args.pages else None
    test_set = load_test_set(args.test_set, pages=pages)
    ask: Any
    if args.product.startswith(("http://", "https://")):
        ask = HTTPAssistant(args.product, model=args.model, timeout=args.timeout)
    else:
        ask = get_product(args.product, pages=test_set.pages)
    price = None
    if args.price_in is not None or args.price_out is not None or args.price_question:
        price = Price(args.price_in or 0.0, args.price_out or 0.0, args.price_question)

    def progress(done: int, total: int) -> None:
        if done % 25 == 0 or done == total:
            print(f"asked {done} of {total}", file=sys.stderr, flush=True)

    report = evaluate_assistant(
        ask, test_set, price=price, timeout=args.timeout, resume=args.resume, progress=progress
    )
    if args.results:
        from labkit._inputs import write_text

        cols = [c for c in report.results.columns if c != "traces"]
        write_text(
            args.results, report.results[cols].to_csv(index=False, lineterminator="\n"), what="The results"
        )
        print(f"Saved the results to {args.results}", file=sys.stderr)
    if not report.results["answered"].any():
        # Nothing answered (a wrong address, the product not running): an error, not a result.
        print(f"labkit: {report.summary}", file=sys.stderr)
        return 1
    return _finish(report, args.out)


def handle_notes(args: argparse.Namespace) -> int:
    """Run ``labkit assistants notes``."""
    from pathlib import Path

    from labkit.assistants import check_notes, get_product, load_transcripts, products

    sandbox = load_transcripts()
    transcript = sandbox.get(args.transcript, args.transcript)
    if args.notes in set(products()["name"]) and not Path(args.notes).exists():
        notes = get_product(args.notes)(transcript)
    else:
        notes = args.notes
    return _finish(check_notes(transcript, notes), args.out)


def handle_review_sample(args: argparse.Namespace) -> int:
    """Run ``labkit assistants review-sample``."""
    from labkit.assistants import review_sample

    sample = review_sample(args.results, n=args.n, seed=args.seed, path=args.out)
    print(
        f"Wrote {len(sample)} answers to {args.out}: fill in the mark column ('acceptable' or 'not "
        "acceptable')."
    )
    return 0


def handle_review_import(args: argparse.Namespace) -> int:
    """Run ``labkit assistants review-import``."""
    from labkit.assistants import import_review

    return _finish(import_review(args.results, args.marks), args.out)
