"""`template-checker consolidate DIR -o OUT.xlsx`: check every submission, merge the clean ones.

Exit 0 when every file was taken in and no cross-file error was found, 1 otherwise,
2 when the folder (or the schema) cannot be used.
"""

from __future__ import annotations

import json
import sys

from desktop_app.commands import EXIT_ERRORS, EXIT_OK, add_language_option, progress_printer


def add_parser(sub) -> None:
    p = sub.add_parser(
        "consolidate", help="check every submission in a folder and merge the clean ones"
    )
    p.add_argument("folder", metavar="DIR", help="the folder of submission files")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="file to write")
    p.add_argument(
        "--schema", help="schema file or kept version (default: the newest kept or bundled schema)"
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_language_option(p)
    p.add_argument(
        "--limit",
        type=int,
        default=20,
        help="cross-file findings to list in text output (0: all; default 20)",
    )


def run(args) -> int:
    from desktop_app.core.jobs.consolidate import consolidate_folder
    from desktop_app.core.schema.store import schema_for

    schema = schema_for(args.schema)
    progress = progress_printer(args.format == "text" and sys.stderr.isatty())
    result = consolidate_folder(args.folder, schema, args.output, progress)
    if args.format == "json":
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(result, args.limit))
    return EXIT_OK if result.passed else EXIT_ERRORS


def render_text(result, limit: int = 20) -> str:
    taken, left = result.taken_in, result.left_out
    head = "CONSOLIDATED" if result.passed else "CONSOLIDATED WITH PROBLEMS"
    lines = [
        f"{head}: {len(taken)} of {len(result.files)} files taken in, "
        f"{result.rows_written:,} rows; {len(result.cross_file)} cross-file "
        f"finding{'s' * (len(result.cross_file) != 1)} ({result.cross_file_errors} errors).",
        f"Written: {result.target}",
        "",
        f"{'subsidiary':<12}{'files':>6}{'rows':>10}{'warnings':>10}{'open pipeline EUR':>20}",
    ]
    for code, s in result.subsidiaries().items():
        lines.append(
            f"{code:<12}{s['taken_in']:>3}/{s['files']:<2}{s['rows']:>10,}{s['warnings']:>10,}"
            f"{s['open_pipeline_eur']:>20,.2f}"
        )
    lines += _versions_text(result)
    if left:
        lines += ["", "Left out:"]
        for f in left:
            count = f" ({f.errors} error{'s' * (f.errors != 1)})" if f.errors else ""
            lines.append(f"  {f.status.upper():<11}{f.file}{count}")
            lines += [f"      {reason}" for reason in f.reasons]
    if result.cross_file:
        shown = result.cross_file if limit <= 0 else result.cross_file[:limit]
        lines += ["", "Across files (DQ9):"]
        for c in shown:
            lines.append(f"  {c.finding.severity.upper():<8}{c.finding.message}")
            for o in c.occurrences:
                rows = ", ".join(map(str, o["rows"][:8])) + (" ..." if len(o["rows"]) > 8 else "")
                lines.append(f"      {o['subsidiary']} {o['file']}: rows {rows}")
        if len(shown) < len(result.cross_file):
            lines.append(
                f"  ... and {len(result.cross_file) - len(shown)} more (--limit 0 lists all; "
                "all are on the output's Cross-file findings sheet)."
            )
    return "\n".join(lines) + "\n"


def _versions_text(result) -> list[str]:
    """Which schema version each exported file was checked against (its Submission sheet),
    when that is not the version in use: every file was checked again against it."""
    schema = result.schema
    unsigned = " (unsigned schema)" if schema.signed is False else ""
    recorded = [f for f in result.files if f.checked_against]
    other = [f for f in recorded if result.rechecked(f)]
    if not recorded:
        return []
    lines = [
        "",
        f"Schema in use: {schema.id} {schema.version}{unsigned}; every file was checked "
        f"against it. {len(recorded) - len(other)} of {len(recorded)} exported files had been "
        "checked against it already.",
    ]
    lines += [
        f"  {f.file}: exported after a check against {f.checked_against}, "
        f"checked again against {schema.version}"
        for f in other
    ]
    return lines
