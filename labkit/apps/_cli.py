"""``labkit app``: start a code-free app, or list them."""

from __future__ import annotations

import argparse

__all__ = ["handler", "register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``app`` command. Cheap: imports nothing heavy."""
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
