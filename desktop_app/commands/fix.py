"""`template-checker fix FILE -o OUT.xlsx`: the fixed copy of the person's own workbook.

Every automatic fix is written into the copy's cells; the copy is written even while
errors remain (it is the person's working file, not the submission) and says how many
are left. Exit 0 written, 2 when the file cannot be read or the copy cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app.commands import (
    EXIT_OK,
    add_check_options,
    add_language_option,
    matching_note,
    progress_printer,
    run_check,
)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "fix", help="write a copy of the workbook with every automatic fix made in its cells"
    )
    add_check_options(p)
    add_language_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.xlsx",
        help="file to write (default: FILE's name with _fixed, beside it; .xlsx for a CSV, "
        ".xls or .ods; .xlsm keeps an .xlsm's macros)",
    )


def run(args) -> int:
    from desktop_app.core.output.fixed_copy import (
        check_target,
        default_fixed_name,
        write_fixed_copy,
    )

    source = Path(args.file)
    if args.output:  # a name no copy can have is refused before the check, not after it
        check_target(source, Path(args.output), "xlsx")
    result = run_check(args, show_progress=True)
    table = result.table
    out = (
        Path(args.output) if args.output else source.parent / default_fixed_name(source, table.kind)
    )
    check_target(table.path, out, table.kind)
    note = matching_note(result)
    if note:
        sys.stdout.write(f"{note}\n")
    written = write_fixed_copy(result, out, progress=progress_printer(sys.stderr.isatty()))
    sys.stdout.write("\n".join(written.lines()) + "\n")
    return EXIT_OK
