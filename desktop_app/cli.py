"""The command line: a thin layer over desktop_app.core.

Heavy libraries (pandas, pandera, openpyxl, Qt) are imported only by the command
that needs them, so `template-checker --help` starts at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.errors import ProblemForUser

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class UserError(ProblemForUser):
    """A problem the user can fix; str() is the one sentence we print."""


def _progress_printer(enabled: bool):
    from desktop_app.core.progress import Progress

    if not enabled:
        return Progress()

    def draw(label: str, fraction: float) -> None:
        width = 24
        done = int(width * fraction)
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {fraction:4.0%} {label[:48]:<48}")
        if fraction >= 1:
            sys.stderr.write("\r" + " " * (width + 60) + "\r")
        sys.stderr.flush()

    return Progress(draw)


def _load_schema(arg: str | None):
    from desktop_app.core.schema import load_schema

    return load_schema(arg)


def _run_check(args):
    from desktop_app.core.check import CheckOptions, check_file

    schema = _load_schema(args.schema)
    progress = _progress_printer(sys.stderr.isatty() and args.format == "text")
    options = CheckOptions(subsidiary=args.subsidiary, period=args.period)
    return check_file(args.file, schema, options, progress)


def cmd_check(args) -> int:
    result = _run_check(args)
    if args.format == "json":
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from desktop_app.core.report_text import render_text

        sys.stdout.write(render_text(result, limit=args.limit))
    return EXIT_OK if result.passed else EXIT_ERRORS


def cmd_gui(args) -> int:
    try:
        from desktop_app.gui.app import run_gui
    except ImportError as exc:
        raise UserError(
            f"The window cannot start: {exc}. Use the command line (template-checker --help)."
        ) from None
    return run_gui(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="template-checker",
        description="Check a sales-pipeline workbook against the global reporting template. "
        "With no command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"template-checker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="check a workbook and list what is wrong")
    check.add_argument("file", help="the filled-in workbook (.xlsx, .xlsm) or .csv")
    check.add_argument("--schema", help="schema file (default: the bundled global-pipeline schema)")
    check.add_argument(
        "--subsidiary", help="subsidiary code, when the file does not say (e.g. SE01)"
    )
    check.add_argument(
        "--period", help="reporting period, when the file does not say (e.g. 2026-Q4)"
    )
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument(
        "--limit", type=int, default=40, help="findings to list in text output (0: all; default 40)"
    )
    check.set_defaults(func=cmd_check)

    gui = sub.add_parser("gui", help="open the window (optionally on FILE)")
    gui.add_argument("file", nargs="?")
    gui.add_argument("--schema")
    gui.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="save a screenshot once the check is done, then exit",
    )
    gui.set_defaults(func=cmd_gui)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix):
        argv = ["gui", *argv]  # no command: the window, on FILE if one is given
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return args.func(args)
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
        return EXIT_UNREADABLE
    except Exception as exc:  # one sentence for a person, never a traceback
        from desktop_app.core.errors import describe_error

        message, code = describe_error(exc)
        if os.environ.get("TEMPLATE_CHECKER_DEBUG"):
            raise
        sys.stderr.write(f"template-checker: {message}\n")
        return code if code is not None else EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
