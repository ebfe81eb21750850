"""The ``labkit`` command line.

Each capability adds its own sub-commands from a small ``_cli`` module with a
``register(subparsers)`` function. Registration must stay cheap (no pandas or
scikit-learn at import time); the command's handler imports what it needs.

Every handler is called as ``handler(args) -> int`` (the exit code). A
:class:`~labkit.LabkitError` is shown as one plain-English line, never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from labkit import __version__
from labkit._errors import LabkitError

__all__ = ["main"]

# One line per capability that offers commands. Order is the order of `labkit --help`.
_COMMAND_MODULES: list[str] = [
    "labkit.data._cli",
    "labkit.quality._cli",
    "labkit.evaluate._cli",
    "labkit.fairness._cli",
    "labkit.projects._cli",
    "labkit.suppliers._cli",
    "labkit.assistants._cli",
    "labkit.transparency._cli",
    "labkit.register._cli",
    "labkit.exercises._cli",
    "labkit.apps._cli",
    "labkit.apps._doctor",
]


def build_parser() -> argparse.ArgumentParser:
    """Build the full ``labkit`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="labkit",
        description="Helpers for the labkit course on AI in UK local government. "
        "Everything runs on this computer; nothing is sent anywhere.",
    )
    parser.add_argument("--version", action="version", version=f"labkit {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``labkit`` command and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        # A command group with no sub-command, or no command at all: show its help.
        (getattr(args, "group_parser", None) or parser).print_help()
        return 0 if args.command is None else 2
    try:
        return int(handler(args) or 0)
    except LabkitError as exc:
        print(f"labkit: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("labkit: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The output went to a program that stopped reading (for example `| head`): not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
