"""The annotated workbook: a copy of the source with every flagged cell marked.

Error cells are filled red and warning cells amber, each with a note holding the
message and the suggestion in the language in use; a `Findings` sheet lists every
finding with a link to its cell. A finding about a whole row marks the row's first cell,
one about a column its header cell. Fixed findings are listed but not coloured: nothing
is left to do.

The copy is made by workbook_copy: the source package part by part, only the data
sheet's XML streamed and patched, so charts, pivot tables, macros and everything else
stay as they were, and 100,000 rows take seconds (benchmarks/bench_export.py). A CSV,
.xls, .ods or .xlsb source becomes a plain .xlsx of its values first (one sheet named
after the source's), which is then annotated the same way.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from desktop_app.core.model.a1 import col_letter, parse_a1
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import language_in_use, render
from desktop_app.core.model.findings import Finding, display_value
from desktop_app.core.model.progress import Progress
from desktop_app.core.output.copy_parts import ERROR_FILL, WARNING_FILL
from desktop_app.core.output.workbook_copy import (
    AddedSheet,
    CellPatch,
    plain_sheet_name,
    write_plain_workbook,
    write_workbook_copy,
)
from desktop_app.core.output.xlsx_parts import quoted_sheet_name

__all__ = ["ERROR_FILL", "WARNING_FILL", "anchor_cell", "write_annotated"]

MARKED = ("error", "warning")
# The Findings sheet's headers (catalogue codes): the sheet is for whoever fills the file in.
FINDINGS_HEADERS = [
    f"output.label.{name}"
    for name in ("severity", "rule", "cell", "row", "column", "value", "message", "suggestion")
]
FINDINGS_WIDTHS = (9, 6, 8, 7, 18, 22, 90, 22)


def anchor_cell(f: Finding, table) -> str | None:
    """The cell a finding is shown at: its own, its row's first, its column's header."""
    if f.cell:
        return f.cell
    if f.row is not None and table.columns:
        return f"{col_letter(min(c.index for c in table.columns))}{f.row}"
    col = table.column(f.column) if f.column else None
    if col is not None and table.header_row is not None:
        return f"{col.letter}{table.header_row}"
    return None


def write_annotated(result, out: Path, *, progress: Progress | None = None) -> Path:
    """Write the annotated copy of result's source workbook to out (never over the source)."""
    progress = progress or Progress()
    table = result.table
    out = Path(out)
    ordered = sorted(result.findings, key=Finding.sort_key)
    sheet = table.sheet if table.kind == "xlsx" else plain_sheet_name(table.sheet)
    findings = _findings_sheet(ordered, table, sheet, result.schema)
    patches = _patches(ordered, table)
    if table.kind == "xlsx":
        write_workbook_copy(
            table.path, out, sheet, patches, progress=progress, add_sheets=[findings]
        )
        return out
    # CSV and legacy workbooks: their values as a plain workbook first, then annotated
    with atomic_path(out, protect=(table.path,)) as tmp:
        values = tmp.with_name(f"{tmp.name}.values.xlsx")
        try:
            label = render("workbook_copy.progress.values", {"file": table.path.name})
            progress.step(label, 0.02)
            write_plain_workbook(table.sheet_rows(), values, sheet)
            part = Progress(lambda label, f: progress.step(label, 0.4 + 0.6 * f))
            write_workbook_copy(values, tmp, sheet, patches, progress=part, add_sheets=[findings])
        finally:
            with contextlib.suppress(OSError):
                values.unlink()
    return out


def _note(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        severity = render(f"workbook_copy.severity.{f.severity}")
        text = f"{severity} ({f.rule}): {f.message}"
        if f.suggestion is not None:
            text += "\n" + render(
                "output.annotate.suggestion", {"value": display_value(f.suggestion)}
            )
        parts.append(text)
    return "\n\n".join(parts)


def _patches(findings: list[Finding], table) -> dict[tuple[int, int], CellPatch]:
    by_cell: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity in MARKED and (ref := anchor_cell(f, table)) is not None:
            row, col = parse_a1(ref)
            by_cell[(row, col + 1)].append(f)
    patches = {}
    for key, here in by_cell.items():
        worst = "error" if any(f.severity == "error" for f in here) else "warning"
        patches[key] = CellPatch(mark=worst, note=_note(here))
    return patches


def _findings_sheet(findings: list[Finding], table, data_sheet: str, schema) -> AddedSheet:
    """Every finding, one a row, with a link to its cell."""
    rows: list[list[Any]] = [[render(h) for h in FINDINGS_HEADERS]]
    links: dict[tuple[int, int], str] = {}
    target = quoted_sheet_name(data_sheet)
    for r, f in enumerate(findings, start=2):
        col = schema.column_by_name.get(f.column) if f.column else None
        ref = anchor_cell(f, table)
        rows.append(
            [
                f.severity,
                f.rule,
                ref,
                f.row,
                col.label_in(language_in_use()) if col else f.column,
                display_value(f.value) if f.value is not None else None,
                f.message,
                display_value(f.suggestion) if f.suggestion is not None else None,
            ]
        )
        if ref is not None:
            links[(r, 3)] = f"{target}!{ref}"
    return AddedSheet(render("output.annotate.sheet"), rows, links=links, widths=FINDINGS_WIDTHS)
