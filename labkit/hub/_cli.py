"""``labkit hub``: start, stop and look after a workshop's JupyterHub (see ``docs/hub.md``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

__all__ = ["register"]

_WORKSHOP_HELP = "the workshop folder (default: $LABKIT_HUB_WORKSHOP, or ./workshop)"


def _workshop_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workshop",
        default=os.environ.get("LABKIT_HUB_WORKSHOP") or "workshop",
        metavar="FOLDER",
        help=_WORKSHOP_HELP,
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``labkit hub`` and its sub-commands. Cheap: imports nothing heavy."""
    hub = subparsers.add_parser(
        "hub",
        help="run a JupyterHub for a workshop room: learners' own JupyterLab, lesson links, updates",
        description="Run a JupyterHub for one workshop room on this machine. Each learner signs in with a "
        "name and the workshop password and gets their own JupyterLab with the course; learners cannot see "
        "each other's files. Needs administrator rights (sudo) to start and stop.",
    )
    hub.set_defaults(group_parser=hub)
    commands = hub.add_subparsers(dest="hub_command", metavar="COMMAND")

    start = commands.add_parser(
        "start",
        help="set up (the first time) and start the workshop's hub in the background",
        description="Set up the workshop folder the first time (passwords, course repository, cohort "
        "folder), then start JupyterHub in the background and print the address and passwords. Options you "
        "give are saved; next time the saved ones are used.",
    )
    _workshop_option(start)
    start.add_argument("--port", type=int, default=None, help="the port learners connect to (8000)")
    start.add_argument(
        "--ip", default=None, help="the address to listen on: 127.0.0.1 (this computer only) unless you ask"
    )
    start.add_argument("--cap", type=int, default=None, help="the most learners who can sign in (30)")
    start.add_argument(
        "--trainer", action="append", default=None, metavar="NAME", help="a trainer's user name (repeatable)"
    )
    start.add_argument(
        "--idle-minutes", type=int, default=None, help="stop idle learners' servers after this (60)"
    )
    start.add_argument("--base-url", default=None, help="the address learners use, behind a TLS front end")
    start.add_argument("--course", default=None, help="the labkit course folder (found automatically)")
    start.add_argument(
        "--proxy", default=None, help="the configurable-http-proxy program, if not the project's"
    )
    start.set_defaults(handler=_start)

    stop = commands.add_parser("stop", help="stop the hub and every learner's server; keep all work")
    _workshop_option(stop)
    stop.set_defaults(handler=_stop)

    status = commands.add_parser("status", help="is the hub running, who has signed in, free disk space")
    _workshop_option(status)
    status.set_defaults(handler=_status)

    learners = commands.add_parser(
        "learners", help="list the workshop's people, or add learners before they arrive"
    )
    _workshop_option(learners)
    learners.add_argument("--add", nargs="+", metavar="NAME", help="make accounts for these learners now")
    learners.set_defaults(handler=_learners)

    link = commands.add_parser("link", help="the nbgitpuller link that gives learners a lesson")
    _workshop_option(link)
    link.add_argument("lesson", help="the lesson number, for example 00")
    link.add_argument("--base-url", default=None, help="the hub's address as learners see it")
    link.set_defaults(handler=_link)

    publish = commands.add_parser(
        "publish",
        help="send the current lessons to learners (their own changes are kept when they pull)",
    )
    _workshop_option(publish)
    publish.add_argument("--course", default=None, help="the labkit course folder (found automatically)")
    publish.add_argument("-m", "--message", default=None, help="what changed, for the course's history")
    publish.set_defaults(handler=_publish)

    close = commands.add_parser(
        "close",
        help="at the end: archive every learner's work, then remove their accounts and files",
    )
    _workshop_option(close)
    close.add_argument("--export", required=True, metavar="FILE.tar.gz", help="the archive to write first")
    close.set_defaults(handler=_close)


def _course(args: argparse.Namespace) -> Path:
    from labkit.exercises._build import project_root

    return project_root(getattr(args, "course", None))


def _start(args: argparse.Namespace) -> int:
    from labkit.hub import start_hub

    workshop = start_hub(
        args.workshop,
        course_root=_course(args),
        proxy=args.proxy,
        port=args.port,
        ip=args.ip,
        cap=args.cap,
        trainers=args.trainer,
        idle_minutes=args.idle_minutes,
        base_url=args.base_url,
    )
    passwords = workshop.passwords()
    print(f"The workshop hub is running. Learners open: {workshop.url}")
    print(f"Learners sign in with a name of their own and the password: {passwords['learner']}")
    trainers = ", ".join(workshop.settings.trainers)
    print(f"Trainers ({trainers}) sign in with the password: {passwords['trainer']}")
    print(f"A lesson's link: labkit hub link 00 --workshop {workshop.root}")
    from labkit.hub._server import DASHBOARD, dashboard_url

    if (workshop.home_dir / workshop.settings.trainers[0] / f"{DASHBOARD}.ipynb").exists():
        print(f"The cohort dashboard, for trainers: {dashboard_url(workshop, workshop.settings.trainers[0])}")
    print(f"Stop it with: labkit hub stop --workshop {workshop.root}")
    return 0


def _stop(args: argparse.Namespace) -> int:
    from labkit.hub import stop_hub

    if stop_hub(args.workshop):
        print("The hub, its proxy and every learner's server are stopped. Everyone's files are kept.")
    else:
        print("The hub was not running. Everyone's files are kept.")
    return 0


def _status(args: argparse.Namespace) -> int:
    from labkit.hub import hub_status

    print(hub_status(args.workshop).message())
    return 0


def _learners(args: argparse.Namespace) -> int:
    from labkit.hub import check_name, ensure_account, open_workshop, people

    workshop = open_workshop(args.workshop)
    if args.add:
        from labkit._errors import LabkitError
        from labkit._text import plural
        from labkit.hub._workshop import require_root

        require_root("Adding learners")
        for name in args.add:
            check_name(name, where="option --add")
        already = [p.name for p in people(workshop) if not p.trainer]
        new = [n for n in dict.fromkeys(args.add) if n not in already]
        if len(already) + len(new) > workshop.settings.cap:
            raise LabkitError(
                f"Adding {plural(len(new), 'learner')} would make {len(already) + len(new)}, more than the "
                f"workshop's cap of {workshop.settings.cap}.",
                where="option --add",
                fix="Add fewer, or restart the hub with a higher --cap if the machine has room.",
            )
        for name in new:
            ensure_account(workshop, name)
    for person in people(workshop):
        role = "trainer" if person.trainer else "learner"
        print(f"{person.name}\t{role}\t{person.account}\t{person.home}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from labkit.hub import lesson_link, open_workshop

    print(lesson_link(open_workshop(args.workshop), args.lesson, base_url=args.base_url))
    return 0


def _publish(args: argparse.Namespace) -> int:
    from labkit.hub import open_workshop, publish_course

    commit = publish_course(open_workshop(args.workshop), _course(args), args.message)
    if commit is None:
        print("Nothing has changed since the course was last published.")
    else:
        print(
            f"Published the course (commit {commit[:10]}). Learners get it the next time they open a lesson "
            "link; their own changes are kept."
        )
    return 0


def _close(args: argparse.Namespace) -> int:
    from labkit.hub import close_workshop

    gone = close_workshop(args.workshop, args.export)
    print(
        f"Wrote the work of {len(gone)} learners to {args.export} and removed their accounts and files. "
        "Trainers' accounts, the course and the cohort folder are kept."
    )
    return 0
