"""``labkit app``: start a code-free app, or list them; ``labkit lab``: the course in JupyterLab."""

from __future__ import annotations

import argparse

__all__ = ["handler", "lab_handler", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``app`` and ``lab`` commands. Cheap: imports nothing heavy."""
    parser = subparsers.add_parser(
        "app",
        help="start a code-free app (a labkit tool as a web page) or list them",
        description="Start one of labkit's code-free apps in your web browser. It runs on this computer "
        "only and stops when you press Ctrl+C.",
    )
    parser.add_argument(
        "name", nargs="?", metavar="NAME", help="the app to start, for example quality-explorer"
    )
    parser.add_argument("--list", action="store_true", help="list the apps and what each one does")
    parser.add_argument("--port", type=int, default=None, help="the port to use (a free one by default)")
    parser.add_argument("--open", action="store_true", help="open the app in your web browser as well")
    parser.set_defaults(handler=handler)
    lab = subparsers.add_parser(
        "lab",
        help="open the course in JupyterLab, with your own copy of every lesson and exercise (make lab)",
        description="Copy every lesson and exercise notebook into my-work/ (never overwriting a copy you "
        "have), then open your copy of lesson 00 in JupyterLab on this computer. Course updates never change "
        "your copies. Stop JupyterLab with Ctrl+C.",
    )
    lab.add_argument("--root", default=None, help="the labkit course folder (found automatically)")
    lab.add_argument("--port", type=int, default=None, help="the port to use (8888, or the next free one)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    lab.set_defaults(handler=lab_handler)


def handler(args: argparse.Namespace) -> int:
    """Run ``labkit app``."""
    from labkit.apps import available_apps, run_app

    if args.list or args.name is None:
        apps = available_apps()
        if not apps:
            print("No apps are available yet.")
            return 0
        width = max(len(app.name) for app in apps)
        print("Apps you can start with `labkit app NAME`:")
        for app in apps:
            print(f"  {app.name.ljust(width)}  {app.description}")
        return 0
    return run_app(args.name, port=args.port, open_browser=args.open)


def lab_handler(args: argparse.Namespace) -> int:
    """Run ``labkit lab``."""
    from labkit.apps._lab import run_lab
    from labkit.exercises._build import project_root

    return run_lab(project_root(args.root), port=args.port, open_browser=not args.no_browser)
