"""The command line: a thin layer over desktop_app.core (see desktop_app/commands/)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.commands import COMMAND_MODULES, EXIT_UNREADABLE


def _command_modules():
    for name in COMMAND_MODULES:
        try:
            yield importlib.import_module(f"desktop_app.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"desktop_app.commands.{name}":
                raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="template-checker",
        description="Check a sales-pipeline workbook against the global reporting template. "
        "With no command (or just a FILE), the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"template-checker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        before = set(sub.choices)
        module.add_parser(sub)
        for name in set(sub.choices) - before:
            sub.choices[name].set_defaults(func=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix):
        argv = ["gui", *argv]  # no command: the window, on FILE if one is given
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
        return EXIT_UNREADABLE
    except Exception as exc:  # one sentence for a person, never a traceback
        if os.environ.get("TEMPLATE_CHECKER_DEBUG"):
            raise
        from desktop_app.core.errors import describe_error

        message, code = describe_error(exc)
        sys.stderr.write(f"template-checker: {message}\n")
        return code


if __name__ == "__main__":
    sys.exit(main())
