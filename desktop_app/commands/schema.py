"""`template-checker schema show|validate|diff|import|list`: the schema's versions, and
`keygen|sign|trust|channel|update`: the schema channel (desktop_app/commands/schema_channel.py).

A schema is named by its file, or by a kept version such as 2026.1 (see
desktop_app.core.schema.store); without one, show names the version in use.
"""

from __future__ import annotations

import json
import sys

from desktop_app.commands import EXIT_OK, schema_channel


def add_parser(sub) -> None:
    p = sub.add_parser("schema", help="show, validate, compare and keep schema versions")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="what a schema holds (default: the one checks use)")
    show.add_argument("schema", nargs="?", help="schema file or kept version")
    validate = actions.add_parser("validate", help="check that a schema file can be used")
    validate.add_argument("schema", help="schema file")
    diff = actions.add_parser("diff", help="what changed between two schema versions")
    diff.add_argument("old", help="the older schema file or kept version")
    diff.add_argument("new", help="the newer schema file or kept version")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    keep = actions.add_parser(
        "import", help="keep a schema file in the user data folder (newest is used)"
    )
    keep.add_argument("schema", help="schema file from the global sales team")
    actions.add_parser("list", help="the schema versions kept, and which one checks use")
    schema_channel.add_parsers(actions)


def run(args) -> int:
    if args.action in schema_channel.ACTIONS:
        return schema_channel.run(args)
    return {
        "show": _show,
        "validate": _validate,
        "diff": _diff,
        "import": _import,
        "list": _list,
    }[args.action](args)


def _show(args) -> int:
    from desktop_app.core.output.export import signature_said
    from desktop_app.core.schema.store import schema_for

    schema = schema_for(args.schema)
    m = schema.model
    out = [
        f"{m.id} {m.version}: {m.title}",
        f"source: {schema.source}",
        f"sha256: {schema.sha256}",
        f"signature: {signature_said(schema)}",
        f"sheets: data {m.data_sheet!r}, info {m.info_sheet!r}",
        "",
        f"{len(m.columns)} columns:",
    ]
    for col in m.columns:
        need = "required" if col.required else "optional"
        if col.required_when:
            need = f"required when {col.required_when.column} is {col.required_when.equals}"
        extra = f", list {col.vocabulary}" if col.vocabulary else ""
        out.append(f"  {col.name:<20} {col.label!r:<22} {col.type:<8} {need}{extra}")
    out.append("")
    out.append(
        "process: "
        + "; ".join(
            f"{name} {s.probability[0]}-{s.probability[1]} %" for name, s in m.process.items()
        )
    )
    out.append(
        "subsidiaries: "
        + ", ".join(f"{code} ({'/'.join(s.currencies)})" for code, s in m.subsidiaries.items())
    )
    out.append("rates per EUR: " + ", ".join(f"{c} {r:g}" for c, r in m.rates.items()))
    if m.local_variants:
        out.append(
            "local variants: "
            + ", ".join(
                f"{code} ({len(v.columns)} local columns, "
                f"{sum(len(x) for x in v.aliases.values())} headers, "
                f"{sum(len(x) for x in v.synonyms.values())} synonyms)"
                for code, v in m.local_variants.items()
            )
        )
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _validate(args) -> int:
    from desktop_app.core.schema.loading import load_schema

    schema = load_schema(args.schema)  # an invalid file: SchemaError, one sentence, exit 2
    sys.stdout.write(
        f"{args.schema}: valid schema {schema.id} {schema.version} "
        f"({len(schema.model.columns)} columns, {len(schema.model.subsidiaries)} subsidiaries).\n"
    )
    return EXIT_OK


def _diff(args) -> int:
    from desktop_app.core.schema.diff import diff_schemas
    from desktop_app.core.schema.store import schema_for

    old, new = schema_for(args.old), schema_for(args.new)
    changes = diff_schemas(old, new)
    if args.format == "json":
        json.dump(
            {
                "old": {"id": old.id, "version": old.version, "sha256": old.sha256},
                "new": {"id": new.id, "version": new.version, "sha256": new.sha256},
                "changes": [{"area": c.area, "text": c.text} for c in changes],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    head = f"{old.id} {old.version} -> {new.id} {new.version}"
    if not changes:
        sys.stdout.write(f"{head}: no changes.\n")
        return EXIT_OK
    sys.stdout.write(f"{head}: {len(changes)} change{'s' * (len(changes) != 1)}.\n")
    sys.stdout.write(changes_text(changes))
    return EXIT_OK


def changes_text(changes) -> str:
    """The changes in plain words, under a heading per area (schema diff, schema update)."""
    lines = []
    area = None
    for change in changes:
        if change.area != area:
            area = change.area
            lines.append(f"{area.capitalize()}:")
        lines.append(f"  {change.text}")
    return "\n".join(lines) + "\n"


def _import(args) -> int:
    from desktop_app.core.schema.store import default_entry, import_schema

    entry, stored = import_schema(args.schema)
    what = "Kept" if stored else "Already kept:"
    used = default_entry()
    note = (
        "it is now the one checks use."
        if used == entry
        else f"checks still use {used.id} {used.version}, the newest."
    )
    sys.stdout.write(
        f"{what} {entry.id} {entry.version} in {entry.path or 'the program'}; {note}\n"
    )
    return EXIT_OK


def _list(args) -> int:
    from desktop_app.core.schema.store import default_entry, schema_entries, store_folder

    used = default_entry()
    lines = [f"Kept in {store_folder()}:"]
    for entry in schema_entries():
        mark = "*" if entry == used else " "
        note = "" if entry.trusted else "  [not signed by a trusted key: not used]"
        lines.append(f" {mark} {entry.label}{note}")
    lines.append("(* the schema checks use unless --schema names another)")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
