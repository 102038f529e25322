"""`template-checker export FILE -o OUT`: write the clean submission file; exit 1 while errors remain."""

from __future__ import annotations

import sys
from pathlib import Path

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
    p = sub.add_parser("export", help="write the clean, standardised submission file")
    add_check_options(p)
    add_language_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file to write (default: {subsidiary}_{period}_pipeline.xlsx beside FILE)",
    )
    p.add_argument(
        "--format",
        choices=["xlsx", "csv"],
        help="xlsx (default) or csv; taken from OUT's extension when not given",
    )


def run(args) -> int:
    from desktop_app.core.model.catalogue import render
    from desktop_app.core.output.export import default_export_name, export_clean

    fmt = args.format or ("csv" if args.output and args.output.lower().endswith(".csv") else "xlsx")
    result = run_check(args, show_progress=True)
    note = matching_note(result)
    if note:
        sys.stdout.write(f"{note}\n")
    if not result.passed:
        from desktop_app.core.output.export import refusal

        sys.stderr.write(f"template-checker: {refusal(result)}\n")
        return EXIT_ERRORS
    out = (
        Path(args.output)
        if args.output
        else result.table.path.parent / default_export_name(result, fmt)
    )
    export_clean(result, out, fmt=fmt, progress=progress_printer(sys.stderr.isatty()))
    s = result.summary
    said = {"file": str(out), "rows": f"{len(result.rows):,}", "warnings": str(s["warnings"])}
    version = result.schema.version
    if result.schema.signed is False:  # a --schema draft: say so beside its version
        version += f" ({render('channel.unsigned_schema')})"
    said.update(fixed=str(s["fixed"]), schema=result.schema.id, version=version)
    sys.stdout.write(render("cli.export_written", said) + "\n")
    return EXIT_OK
