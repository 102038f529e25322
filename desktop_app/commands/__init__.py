"""The command line's commands, one module each.

Each module has add_parser(subparsers) and run(args) -> exit code, and imports the
heavy libraries only inside run(), so `template-checker --help` starts at once.
"""

from __future__ import annotations

import sys

# In the order `--help` lists them.
COMMAND_MODULES = (
    "check",
    "export",
    "fix",
    "map",
    "verify",
    "template",
    "schema",
    "consolidate",
    "gui",
)

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def progress_printer(enabled: bool):
    """A Progress that draws a bar on stderr (only on a terminal)."""
    from desktop_app.core.model.progress import Progress

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


def add_language_option(parser) -> None:
    """--language: what the text output, report and notes are written in (JSON keeps its
    codes and canonical column names; only the message and suggestion text follow it)."""
    parser.add_argument(
        "--language",
        choices=["en", "sv", "de"],
        default="en",
        help="language of messages, column names, report and notes (default: en)",
    )


def add_check_options(parser) -> None:
    """The options every command that checks a file shares (check, export)."""
    parser.add_argument(
        "file", help="the filled-in workbook: .xlsx, .xlsm or .csv (also .xls, .ods, .xlsb)"
    )
    parser.add_argument(
        "--schema",
        help="schema file or kept version (default: the newest kept or bundled schema)",
    )
    parser.add_argument(
        "--subsidiary", help="subsidiary code, when the file does not say (e.g. SE01)"
    )
    parser.add_argument(
        "--period", help="reporting period, when the file does not say (e.g. 2026-Q4)"
    )
    parser.add_argument(
        "--mapping",
        metavar="M.yaml",
        help="for a file not in the template's layout (a CRM export): the matching to read it "
        "with (default: the one kept for --subsidiary, else one proposed)",
    )


def saved_matching(args, schema):
    """(matching, origin, where) for a file not in the template's layout: --mapping's,
    else the one kept for --subsidiary, else the one the schema ships for it, else
    (None, "proposed", None)."""
    from desktop_app.core.matching.kept import matching_for
    from desktop_app.core.matching.mapping import Matching

    if args.mapping:
        return Matching.load(args.mapping), "given", args.mapping
    return matching_for(schema, args.subsidiary)


def matching_note(result) -> str | None:
    """The sentence saying which matching a file not in the template's layout was read
    with; None for a template file."""
    from desktop_app.core.model.catalogue import render

    used = result.matched_with
    if used is None:
        return None
    params = {
        "file": result.table.path.name,
        "matching": used.source,
        "subsidiary": result.subsidiary,
    }
    return render(f"matching.used.{used.origin}", params)


def run_check(args, *, show_progress: bool):
    """Load the schema named by --schema and check args.file with the options given,
    reading it with the policy the command line chose (args.read_policy, see cli.run)."""
    from desktop_app.core.checking.any_layout import check_any_layout
    from desktop_app.core.checking.engine import CheckOptions
    from desktop_app.core.schema.store import schema_for

    schema = schema_for(args.schema)  # --schema, else the newest kept or bundled schema
    options = CheckOptions(subsidiary=args.subsidiary, period=args.period)
    progress = progress_printer(show_progress and sys.stderr.isatty())
    result, _ = check_any_layout(
        args.file,
        schema,
        options,
        progress,
        policy=args.read_policy,
        saved=lambda: saved_matching(args, schema),  # read only for a file not in the layout
    )
    return result
