"""`template-checker map FILE`: how a file not in the template's layout (a CRM's export)
matches the template; -o writes it in the template's layout. Exit 0, or 2 when the file
cannot be read or holds no table of opportunities."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop_app.commands import EXIT_OK, add_language_option, progress_printer, saved_matching

_SAMPLES = 3  # sample values shown per source column


def add_parser(sub) -> None:
    p = sub.add_parser("map", help="match a CRM export's columns and words onto the template")
    p.add_argument("file", help="the export: .xlsx, .xlsm, .csv (also .xls, .ods, .xlsb)")
    p.add_argument("--schema", help="schema file or kept version (default: the newest)")
    p.add_argument("--subsidiary", help="subsidiary code (e.g. SE01): fills its code and currency")
    p.add_argument("--period", help="reporting period for -o's Info sheet (e.g. 2026-Q4)")
    p.add_argument("--mapping", metavar="M.yaml", help="apply this saved matching")
    p.add_argument(
        "--save-mapping",
        metavar="M.yaml",
        help="write the matching to M.yaml (with --subsidiary, also keep it for that subsidiary)",
    )
    p.add_argument(
        "-o", "--output", metavar="OUT.xlsx", help="write the data in the template's layout"
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_language_option(p)


def run(args) -> int:
    from desktop_app.core.checking.any_layout import match_file
    from desktop_app.core.matching.kept import keep_matching
    from desktop_app.core.model.catalogue import render
    from desktop_app.core.schema.store import schema_for

    schema = schema_for(args.schema)
    args.subsidiary = args.subsidiary.strip().upper() if args.subsidiary else None
    saved, _origin, _where = saved_matching(args, schema)
    progress = progress_printer(args.format == "text" and sys.stderr.isatty())
    matched = match_file(args.file, schema, saved, subsidiary=args.subsidiary, progress=progress)
    matching = matched.matching
    said = []  # what was written, on stderr after a JSON object, else below the table
    if args.save_mapping:
        matching.save(args.save_mapping)
        said.append(render("matching.saved", {"path": args.save_mapping}))
        if args.subsidiary:
            path = keep_matching(matching, args.subsidiary)
            said.append(render("matching.kept", {"subsidiary": args.subsidiary, "path": path}))
    if args.output:
        rows = _write_output(args, matched, schema)
        said.append(render("matching.written", {"path": args.output, "rows": f"{rows:,}"}))
    if args.format == "json":
        out = {"file": str(matched.book.path), **matching.as_dict()}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for line in said:
            sys.stderr.write(f"{line}\n")
    else:
        sys.stdout.write(_text(matched))
        sys.stdout.write("".join(f"{line}\n" for line in said))
    return EXIT_OK


def _write_output(args, matched, schema) -> int:
    """The matched data in the template's layout at -o; amount_eur from the rates when
    the source has none (as the submission would have it). The rows written."""
    from desktop_app.core.checking.engine import CheckOptions, check_table
    from desktop_app.core.checking.money import frame_amount_eur
    from desktop_app.core.matching.matched import matched_table
    from desktop_app.core.output.matched_workbook import write_matched

    table = matched_table(matched, schema)
    eur = None
    if "amount_eur" not in table.raw:
        options = CheckOptions(subsidiary=args.subsidiary, period=args.period)
        result = check_table(matched_table(matched, schema), schema, options)
        if result.frame is not None:
            values, _ = frame_amount_eur(result.frame, schema.model.rates)
            eur = {row: float(v) for row, v in zip(result.rows, values, strict=True) if v == v}
    subsidiary = args.subsidiary or _constant(matched.matching, "subsidiary_code")
    period = args.period or table.info.get("period")
    write_matched(
        table, Path(args.output), schema, subsidiary=subsidiary, period=period, amount_eur=eur
    )
    return len(table.rows)


def _constant(matching, column: str) -> str | None:
    match = matching.columns.get(column)
    return match.value if match is not None and match.by == "constant" else None


def _text(matched) -> str:
    """The matching as a table: template column, source column, how sure, why, samples."""
    from desktop_app.core.matching.profile import is_blank
    from desktop_app.core.model.catalogue import render

    matching = matched.matching
    body = matched.sheet.rows[matched.shape.first :]
    none = render("matching.text.none")
    title = {
        "file": matched.book.path.name,
        "sheet": matched.sheet.name,
        "row": matching.header_row or none,
    }
    lines = [render("matching.text.title", title), ""]
    heads = ["template_column", "source_column", "sure", "by", "samples"]
    table = [[render(f"matching.text.{h}") for h in heads]]
    for column, match in matching.columns.items():
        if match is None:
            table.append([column, render("matching.text.missing"), "", "", ""])
            continue
        samples: list[str] = []
        if match.by == "constant":
            samples = [str(match.value)]
        elif match.index is not None:
            for row in body:
                value = row[match.index] if match.index < len(row) else None
                if not is_blank(value) and str(value) not in samples:
                    samples.append(str(value))
                if len(samples) == _SAMPLES:
                    break
        reason = render(f"matching.by.{match.by}")
        samples = [s if len(s) <= 24 else s[:23] + "…" for s in samples]
        table.append(
            [column, match.source or "", f"{match.confidence:.2f}", reason, ", ".join(samples)]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(heads) - 1)]
    for r in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    lines.append("")
    if matching.unmapped:
        lines.append(render("matching.text.unmapped", {"columns": ", ".join(matching.unmapped)}))
    for column, words in matching.values.items():
        shown = ", ".join(f"{w} → {v}" for w, v in words.items())
        lines.append(render("matching.text.words", {"column": column, "words": shown}))
    for column, words in matching.unsure_values.items():
        if words:
            shown = ", ".join(words)
            lines.append(render("matching.text.unsure", {"column": column, "words": shown}))
    return "\n".join(line.rstrip() for line in lines) + "\n"
