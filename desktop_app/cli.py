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
        from desktop_app.core.model.errors import describe_error

        message, code = describe_error(exc)
        sys.stderr.write(f"template-checker: {message}\n")
        return code


# The commands that read a subsidiary's workbook (the window reads only after a scan).
SUPERVISED = {"check", "export", "verify", "consolidate"}


def run(argv: list[str] | None = None) -> int:
    """The `template-checker` command: main(), in a child process for the commands that
    read workbooks (Linux), so that a reader which aborts the process on a crafted file
    (python-calamine does, on a grid it cannot allocate) still ends in one sentence.

    Big sheets are read while their XML is scanned in a thread, before their
    true extent is known; a file that hides a far cell behind a small recorded range
    can only be told apart afterwards, and this parent is what is left to tell it.
    """
    argv = sys.argv[1:] if argv is None else argv
    if sys.platform != "linux" or not argv or argv[0] not in SUPERVISED:
        return main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child does the work and exits with its code
        os.environ["RUST_BACKTRACE"] = "0"  # a reader's abort: no stack dump for a person
        code = 1
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, or a usage error already printed
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C: the child says "Stopped."
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    sys.stderr.write(f"template-checker: {_reader_stopped(argv)}\n")
    return EXIT_UNREADABLE


def _reader_stopped(argv: list[str]) -> str:
    """Why the child died: the workbook's far cells when the scan finds them."""
    try:
        args = build_parser().parse_args(argv)
        path = Path(getattr(args, "file", "") or "")
        if path.is_file():
            from desktop_app.core.reading.workbook import reason_reader_stopped
            from desktop_app.core.schema.store import schema_for

            schema = schema_for(getattr(args, "schema", None))
            reason = reason_reader_stopped(path, schema)
            if reason:
                return reason
            return (
                f'"{path.name}" made the workbook reader stop; open it in Excel, save it '
                "again and try once more."
            )
    except Exception:  # explaining must not fail in turn
        pass
    return "the workbook reader stopped on one of the files; open them in Excel, save them again and try once more."


if __name__ == "__main__":
    sys.exit(run())
