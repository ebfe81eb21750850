"""``labkit register add|list|search|export|import|merge|similar|duplicates|who|serve``: the project register.

Every command works on a register file: ``--register PATH`` (default ``register.sqlite`` in the current
folder), or ``--sandbox`` for the six fictional councils' register of lesson 08 (a fresh copy each time).
"""

from __future__ import annotations

import argparse

__all__ = ["register"]

_DEFAULT = "register.sqlite"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``register`` command group. Cheap: imports nothing heavy."""
    from labkit.register._schema import COLUMNS

    group = subparsers.add_parser(
        "register",
        help="a register of councils' AI projects: add, search, exchange, merge and publish",
        description="A project register in a SQLite file: add and search projects, exchange them with other "
        "councils as CSV or JSON, merge registers, find similar projects and who to talk to, and publish it "
        "read-only as a web page with Datasette.",
    )
    group.set_defaults(group_parser=group)
    commands = group.add_subparsers(dest="register_command", metavar="COMMAND")

    def command(name: str, help_text: str, handler, *, writes: bool = False) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        p.add_argument(
            "--register", metavar="PATH", default=None, help=f"the register file (default {_DEFAULT})"
        )
        if not writes:
            p.add_argument(
                "--sandbox", action="store_true", help="use the sandbox register of six fictional councils"
            )
        p.set_defaults(handler=handler)
        return p

    add = command("add", "add one project to the register", _add, writes=True)
    for c in COLUMNS:
        flag = "--" + c.name.replace("_", "-")
        choices = list(c.values) if c.values else None
        add.add_argument(flag, dest=c.name, required=c.required, choices=choices, help=c.description)
    add.add_argument("--overwrite", action="store_true", help="replace a project with the same id")

    lst = command("list", "list the projects", _list)
    lst.add_argument("--council", help="only this council's projects")
    lst.add_argument("--service", help="only this service's projects")
    lst.add_argument("--status", help="only projects with this status")

    search = command("search", "search titles, problems, suppliers and lessons", _search)
    search.add_argument("words", nargs="+", help="words to find, e.g. damp mould")
    search.add_argument("--limit", type=int, default=20, help="at most this many results (default 20)")

    export = command("export", "export every entry as CSV or JSON in the open register layout", _export)
    export.add_argument("file", metavar="FILE", help="a .csv or .json file to write")

    imp = command("import", "import entries from a CSV or JSON file (all or nothing)", _import, writes=True)
    imp.add_argument("file", metavar="FILE", help="a .csv or .json file in the register layout")
    imp.add_argument("--overwrite", action="store_true", help="replace projects with the same id")

    mrg = command(
        "merge",
        "merge other councils' registers, keeping provenance and finding duplicates",
        _merge,
        writes=True,
    )
    mrg.add_argument(
        "files", nargs="+", metavar="FILE", help="registers to merge in (.csv, .json or .sqlite)"
    )
    mrg.add_argument("--overwrite", action="store_true", help="take the incoming entry when ids conflict")
    mrg.add_argument("--out", metavar="REPORT", help="also save the merge report: .html, .md or .json")

    sim = command("similar", "projects similar to one in the register, or to a description", _similar)
    sim.add_argument("about", help="a project id, or a sentence describing your problem (in quotes)")
    sim.add_argument("-k", type=int, default=5, help="how many to show (default 5)")

    dup = command(
        "duplicates", "pairs of projects in different councils that look like the same effort", _dups
    )
    dup.add_argument("--threshold", type=float, default=None, help="similarity from 0 to 1 (default 0.28)")

    who = command("who", "who to talk to before starting a project", _who)
    who.add_argument("about", help="a project id, or a sentence describing your problem (in quotes)")
    who.add_argument("--out", metavar="REPORT", help="also save the report: .html, .md or .json")

    srv = command("serve", "publish the register read-only as a web page with Datasette", _serve)
    srv.add_argument(
        "--host", default="127.0.0.1", help="where to listen (default 127.0.0.1: this computer only)"
    )
    srv.add_argument("--port", type=int, default=None, help="the port (a free one by default)")


def _open(args: argparse.Namespace, *, create: bool = False):
    from pathlib import Path

    from labkit._errors import LabkitError
    from labkit.register import Register, sandbox_register

    if getattr(args, "sandbox", False):
        if args.register:
            raise LabkitError("Use --register or --sandbox, not both.", where="options")
        return sandbox_register()
    path = Path(args.register or _DEFAULT)
    if not create and not path.exists():
        raise LabkitError(
            "There is no register file here yet.",
            where=f"path {path.as_posix()!r}",
            fix="Add a project (labkit register add ...) or import entries to create it, name another file "
            "with --register PATH, or try the sandbox with --sandbox.",
        )
    return Register(path)


def _table(frame) -> None:
    if frame.empty:
        print("No projects.")
    else:
        print(frame.fillna("").to_string(index=False))


def _add(args: argparse.Namespace) -> int:
    from labkit.register._schema import COLUMNS

    entry = {c.name: getattr(args, c.name) for c in COLUMNS if getattr(args, c.name) is not None}
    with _open(args, create=True) as reg:
        reg.add(entry, overwrite=args.overwrite)
        print(f"Added {entry['id']} to {reg.path.as_posix()} ({len(reg)} projects).")
    return 0


def _list(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        _table(reg.list(council=args.council, service=args.service, status=args.status))
    return 0


def _search(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        _table(reg.search(" ".join(args.words), limit=args.limit))
    return 0


def _export(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        path = reg.export(args.file)
        print(f"Exported {len(reg)} projects to {path.as_posix()}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from labkit._csv import show_warnings

    with _open(args, create=True) as reg:
        added, replaced = show_warnings(reg.import_file, args.file, overwrite=args.overwrite)
        print(
            f"Imported {args.file}: {added} added, {replaced} replaced ({len(reg)} projects in the register)."
        )
    return 0


def _merge(args: argparse.Namespace) -> int:
    from labkit._csv import show_warnings
    from labkit.register import merge

    with _open(args, create=True) as reg:
        report = show_warnings(merge, reg, args.files, overwrite=args.overwrite)
        print(report.summary)
        if args.out:
            print(f"\nThe full report is in {report.save(args.out)}.")
    return 0


def _similar(args: argparse.Namespace) -> int:
    from labkit.register import similar_projects

    with _open(args) as reg:
        _table(similar_projects(reg, args.about, k=args.k))
    return 0


def _dups(args: argparse.Namespace) -> int:
    from labkit.register import DUPLICATE_THRESHOLD, find_duplicates

    with _open(args) as reg:
        _table(find_duplicates(reg, threshold=args.threshold or DUPLICATE_THRESHOLD))
    return 0


def _who(args: argparse.Namespace) -> int:
    from labkit.register import who_to_talk_to

    with _open(args) as reg:
        report = who_to_talk_to(reg, args.about)
        print(report.summary)
        if len(report.contacts):
            print()
            _table(report.contacts[["council", "title", "contact_role", "contact_email", "similarity"]])
        if args.out:
            print(f"\nThe full report is in {report.save(args.out)}.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from labkit.register import serve

    reg = _open(args)
    path = reg.path
    reg.close()
    server = serve(path, host=args.host, port=args.port)
    try:
        where = (
            "this computer only" if args.host in ("127.0.0.1", "localhost", "::1") else f"host {args.host}"
        )
        print(f"The register {path.name} is published read-only on {where}.")
        print(f"Open this address in your web browser: {server.url}{path.stem}/projects")
        print("Press Ctrl+C here to stop it.", flush=True)
        code = server.wait()
        if code != 0:
            print(f"Datasette stopped with code {code}. Its last messages were:")
            print(server.log_text()[-1500:], flush=True)
        return 0 if code == 0 else 1
    except KeyboardInterrupt:
        print("\nStopping.", flush=True)
        return 0
    finally:
        server.stop()
