"""`template-checker template -o OUT.xlsx [--schema S] [--subsidiary CODE]`: a blank template."""

from __future__ import annotations

import sys

from desktop_app.commands import EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("template", help="write a blank template workbook from the schema")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx", help="file to write")
    p.add_argument(
        "--schema", help="schema file or kept version (default: the newest kept or bundled schema)"
    )
    p.add_argument(
        "--subsidiary",
        help="make it for one subsidiary: its language, currencies and local columns (e.g. SE01)",
    )


def run(args) -> int:
    from desktop_app.core.output.template import write_template
    from desktop_app.core.schema.store import schema_for

    schema = schema_for(args.schema)
    path = write_template(schema, args.output, args.subsidiary)
    who = f" for {args.subsidiary.strip().upper()}" if args.subsidiary else ""
    sys.stdout.write(f"Wrote the blank template{who} ({schema.id} {schema.version}) to {path}.\n")
    return EXIT_OK
