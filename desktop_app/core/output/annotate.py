"""The annotated workbook: a copy of the source with every flagged cell marked.

Error cells are filled red and warning cells amber, each with a comment holding the
message and the suggestion; a `Findings` sheet lists every finding with a link to
its cell. A finding about a whole row marks the row's first cell, one about a column
its header cell. Fixed findings are listed but not coloured: nothing is left to do.

openpyxl keeps the source's formatting, formulas and validations (charts and images
it cannot keep). It loads the whole workbook, so this is the slow, memory-hungry
writer: 54 s and +900 MB peak at 100,000 rows with 5,000 flagged cells
(benchmarks/bench_export.py); progress is reported between its stages, which is also
where it can be cancelled. A CSV source becomes a plain workbook of its text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import language_in_use, render
from desktop_app.core.model.findings import Finding, display_value
from desktop_app.core.model.progress import Progress

ERROR_FILL = "FFC7CE"  # Excel's own light red for "Bad"
WARNING_FILL = "FFEB9C"  # and its amber for "Neutral"
MARKED = ("error", "warning")
# The Findings sheet's headers (catalogue codes): the sheet is for whoever fills the file in.
FINDINGS_HEADERS = [
    f"output.label.{name}"
    for name in ("severity", "rule", "cell", "row", "column", "value", "message", "suggestion")
]
AUTHOR = "Template Checker"


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
    progress.step(render("output.progress.opening_copy"), 0.05)
    workbook, sheet = _open_copy(table, keep_vba=out.suffix.lower() == ".xlsm")
    ordered = sorted(result.findings, key=Finding.sort_key)
    progress.step(render("output.progress.marking"), 0.55)
    if sheet is not None:
        _mark_cells(sheet, ordered, table)
    progress.step(render("output.progress.listing"), 0.65)
    _findings_sheet(workbook, ordered, table, sheet, result.schema)
    progress.step(render("output.progress.saving_annotated"), 0.7)
    with atomic_path(out, protect=(table.path,)) as tmp:
        workbook.save(tmp)
    progress.step(render("output.progress.annotated"), 1.0)
    return out


def _open_copy(table, *, keep_vba: bool):
    """(workbook, its data sheet or None) for the source, xlsx or CSV."""
    if table.kind == "xlsx":
        workbook = openpyxl.load_workbook(table.path, keep_vba=keep_vba, rich_text=True)
        sheet = workbook[table.sheet] if table.sheet in workbook.sheetnames else None
        return workbook, sheet
    rows = table.sheet_rows()  # CSV, or an .xls/.ods/.xlsb read in a separate process
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    # Named after the file, within what Excel allows in a sheet name.
    sheet.title = re.sub(r"[\\/?*:\[\]]", "_", table.sheet or "Data")[:31]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            put(sheet, r, c, value)
    return workbook, sheet


def put(sheet, row: int, column: int, value: Any):
    """Set a cell; text is always text (never a formula) and loses characters XML forbids."""
    if isinstance(value, str):
        cell = sheet.cell(row, column)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
        return cell
    return sheet.cell(row, column, value)


def _comment_text(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        text = f"{f.severity.upper()} ({f.rule}): {f.message}"
        if f.suggestion is not None:
            text += "\n" + render("output.annotate.suggestion", {"value": f.suggestion})
        parts.append(text)
    return "\n\n".join(parts)


def _mark_cells(sheet, findings: list[Finding], table) -> None:
    fills = {
        sev: PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        for sev, colour in (("error", ERROR_FILL), ("warning", WARNING_FILL))
    }
    by_cell: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity in MARKED and (ref := anchor_cell(f, table)) is not None:
            by_cell[ref].append(f)
    for ref, here in by_cell.items():
        cell = sheet[ref]
        worst = "error" if any(f.severity == "error" for f in here) else "warning"
        cell.fill = fills[worst]
        text = _comment_text(here)
        if cell.comment is not None:  # keep what the sender wrote
            text += "\n\n" + cell.comment.text
        lines = text.count("\n") + len(text) // 60 + 1
        comment = Comment(ILLEGAL_CHARACTERS_RE.sub("", text), AUTHOR)
        comment.width, comment.height = 360, min(20 + 15 * lines, 400)
        cell.comment = comment


def _free_name(workbook, name: str) -> str:
    taken = {n.casefold() for n in workbook.sheetnames}
    candidate, i = name, 2
    while candidate.casefold() in taken:
        candidate, i = f"{name} ({i})", i + 1
    return candidate


def _findings_sheet(workbook, findings: list[Finding], table, data_sheet, schema) -> None:
    # Added last: inserting it first would shift the sheet indices that defined names use.
    sheet = workbook.create_sheet(_free_name(workbook, render("output.annotate.sheet")))
    bold = Font(bold=True)
    link_font = Font(color="0563C1", underline="single")
    for c, header in enumerate(FINDINGS_HEADERS, start=1):
        put(sheet, 1, c, render(header)).font = bold
    target = quote_sheetname(data_sheet.title) if data_sheet is not None else None
    for r, f in enumerate(findings, start=2):
        col = schema.column_by_name.get(f.column) if f.column else None
        values = [
            f.severity,
            f.rule,
            None,
            f.row,
            col.label_in(language_in_use()) if col else f.column,
        ]
        values += [display_value(f.value) if f.value is not None else None, f.message]
        values += [display_value(f.suggestion) if f.suggestion is not None else None]
        for c, value in enumerate(values, start=1):
            put(sheet, r, c, value)
        ref = anchor_cell(f, table) if target else None
        if ref is not None:
            cell = put(sheet, r, 3, ref)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{target}!{ref}", display=ref)
            cell.font = link_font
    for letter, width in zip("ABCDEFGH", (9, 6, 8, 7, 18, 22, 90, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(len(findings) + 1, 2)}"
