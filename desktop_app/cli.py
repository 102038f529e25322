"""The command line: a thin layer over desktop_app.core (see desktop_app/commands/)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from desktop_app import __version__
from desktop_app.commands import COMMAND_MODULES, EXIT_UNREADABLE
from desktop_app.core.reading.policy import SCAN_BESIDE, SCAN_FIRST, ReadPolicy


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


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, parsed once; --help and usage errors end here (SystemExit)."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or (len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix):
        argv = ["gui", *argv]  # no command: the window, on FILE if one is given
    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """The command, in this process: with nothing left to explain a reader that aborts
    it, every sheet is scanned before it is read."""
    return _run_command(parse(argv), SCAN_FIRST)


def _run_command(args: argparse.Namespace, policy: ReadPolicy) -> int:
    """args' command, reading workbooks with policy; one sentence for a person, never a
    traceback, when it fails."""
    if args.command is None:
        build_parser().print_help()
        return 0
    args.read_policy = policy  # what run_check reads with
    try:
        if getattr(args, "language", None):
            from desktop_app.core.model.catalogue import set_language

            set_language(args.language)
        return args.func(args)
    except KeyboardInterrupt:
        sys.stderr.write(f"{_sentence('cli.stopped')}\n")
        return EXIT_UNREADABLE
    except Exception as exc:
        if os.environ.get("TEMPLATE_CHECKER_DEBUG"):
            raise
        from desktop_app.core.model.errors import describe_error

        message, code = describe_error(exc)
        sys.stderr.write(f"template-checker: {message}\n")
        return code


def _sentence(code: str, **params) -> str:
    from desktop_app.core.model.catalogue import render

    return render(code, params)


# The commands that read a subsidiary's workbook (the window reads only after a scan).
SUPERVISED = {"check", "export", "fix", "map", "verify", "consolidate"}


def run(argv: list[str] | None = None) -> int:
    """The `template-checker` command: the commands that read workbooks run in a forked
    child (Linux), so that a reader which aborts the process on a crafted file
    (python-calamine does, on a grid it cannot allocate) still ends in one sentence.

    That parent is what lets the child read a big sheet beside its scan (SCAN_BESIDE),
    before the sheet's true extent is known: a file that hides a far cell behind a small
    recorded range can only be told apart afterwards, and the parent is left to tell it.
    Elsewhere (no fork) the command scans first.
    """
    args = parse(argv)
    if sys.platform != "linux" or args.command not in SUPERVISED:
        return _run_command(args, SCAN_FIRST)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child does the work and exits with its code
        os.environ["RUST_BACKTRACE"] = "0"  # a reader's abort: no stack dump for a person
        code = 1
        try:
            code = _run_command(args, SCAN_BESIDE)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the child says "Stopped."
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    sys.stderr.write(f"template-checker: {_reader_stopped(args)}\n")
    return EXIT_UNREADABLE


def _reader_stopped(args: argparse.Namespace) -> str:
    """Why the child died: the workbook's far cells when the scan finds them."""
    try:
        path = Path(getattr(args, "file", "") or "")  # consolidate names a folder instead
        if path.is_file():
            from desktop_app.core.reading.source import reason_reader_stopped
            from desktop_app.core.schema.store import schema_for

            schema = schema_for(getattr(args, "schema", None))
            return reason_reader_stopped(path, schema) or _sentence(
                "cli.reader_stopped", file=path.name
            )
    except Exception:  # explaining must not fail in turn
        pass
    return _sentence("cli.reader_stopped_on_a_file")


if __name__ == "__main__":
    sys.exit(run())
