"""`template-checker check FILE`: list what is wrong; exit 0 clean, 1 errors, 2 unreadable."""

from __future__ import annotations

import json
import sys

from desktop_app.commands import (
    EXIT_ERRORS,
    EXIT_OK,
    add_check_options,
    add_language_option,
    matching_note,
    progress_printer,
    run_check,
)


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="check a workbook and list what is wrong")
    add_check_options(p)
    add_language_option(p)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--limit", type=int, default=40, help="findings to list in text output (0: all; default 40)"
    )
    p.add_argument(
        "--annotate",
        metavar="OUT.xlsx",
        help="also write a copy of the workbook with flagged cells marked",
    )
    p.add_argument("--report", metavar="OUT.html", help="also write a one-page HTML report")


def run(args) -> int:
    result = run_check(args, show_progress=args.format == "text")
    note = matching_note(result)
    if args.format == "json":
        if note:  # on stderr: stdout stays one JSON object
            sys.stderr.write(f"{note}\n")
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from desktop_app.core.output.report_text import render_text

        if note:
            sys.stdout.write(f"{note}\n")
        sys.stdout.write(render_text(result, limit=args.limit))
    write_extras(args, result)
    return EXIT_OK if result.passed else EXIT_ERRORS


def write_extras(args, result) -> None:
    """The annotated copy and the HTML report, when asked for (said on stderr, so the
    JSON on stdout stays one object)."""
    from pathlib import Path

    from desktop_app.core.model.catalogue import render

    if args.annotate:
        from desktop_app.core.output.annotate import write_annotated

        progress = progress_printer(args.format == "text" and sys.stderr.isatty())
        path = write_annotated(result, Path(args.annotate), progress=progress)
        sys.stderr.write(render("cli.annotated_written", {"path": str(path)}) + "\n")
    if args.report:
        from desktop_app.core.output.report_html import write_report

        path = write_report(result, Path(args.report))
        sys.stderr.write(render("cli.report_written", {"path": str(path)}) + "\n")
