"""The fixed copy of the person's own workbook (PRODUCT.md section 5, `template-checker fix`).

The source workbook with every automatic fix and every edit made in the window written
into its cells (output.fixed_cells says which cells and what they hold). An .xlsx or
.xlsm is copied part by part by the workbook-copy writer, so everything else in it
(other sheets, styles, formulas, drop-downs, charts, names, macros) stays as it was. A
CSV, .xls or .ods source becomes an .xlsx of its data sheet (with an Info sheet saying
whose file it is and for which period, so the copy checks as the source did), written by
the streaming writer. The source is never changed; the copy is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.model.atomic import WriteRefused, atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.progress import Progress
from desktop_app.core.output.fixed_cells import EDITED, FixedCells, fixed_cells
from desktop_app.core.output.workbook_copy import (
    CellPatch,
    plain_sheet_name,
    writable_value,
    write_workbook_copy,
)
from desktop_app.core.output.xlsx_stream import Column, XlsxStream

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ROWS_PER_STEP = 5000


class FixedCopyRefused(ProblemForUser):
    """The fixed copy cannot be written as asked (its name, or no data sheet)."""


@dataclass
class FixedCopy:
    """A fixed copy written: where, from what, and what changed in it."""

    path: Path
    source: Path
    cells: FixedCells
    as_xlsx: bool  # the source was no Excel workbook: the copy is an .xlsx of its sheet

    @property
    def macros_left_out(self) -> bool:
        """An .xlsm copied to an .xlsx: as Excel's own "Save as .xlsx", without its macros."""
        return self.source.suffix.lower() == ".xlsm" and self.path.suffix.lower() == ".xlsx"

    @property
    def fixes(self) -> int:
        return sum(n for kind, n in self.cells.kinds.items() if kind != EDITED)

    @property
    def edits(self) -> int:
        return self.cells.kinds.get(EDITED, 0)

    @property
    def errors_left(self) -> int:
        return self.cells.errors_left

    def lines(self) -> list[str]:
        """What the copy holds, as the command line prints it: where it went (and how it
        was made), one line per kind of fix, how many errors are left."""
        said = {"source": self.source.name, "path": str(self.path)}
        lines = [render("copies.written", said)]
        if self.as_xlsx:
            kind = self.source.suffix.lstrip(".").upper() or "CSV"
            lines.append(render("copies.as_xlsx", {**said, "kind": kind}))
        elif self.macros_left_out:
            lines.append(render("copies.macros_left_out", said))
        for kind, count in sorted(self.cells.kinds.items(), key=_kind_order):
            code = f"copies.kind.{kind}"
            text = render(code, {"count": str(count)})
            if text == code:  # a fix the catalogue has no line for (a schema's own)
                text = render("copies.kind.other", {"code": kind, "count": str(count)})
            lines.append("  " + text)
        if not self.cells.kinds:
            lines.append(render("copies.nothing_to_fix", said))
        if self.cells.typed:
            lines.append("  " + render("copies.typed", {"count": str(self.cells.typed)}))
        if self.cells.edits_without_cell:
            lines.append(self.edits_without_cell_sentence())
        lines.append(self.errors_sentence())
        return lines

    def edits_without_cell_sentence(self) -> str:
        count = {"count": str(self.cells.edits_without_cell)}
        return render("copies.edits_without_cell", count)

    def errors_sentence(self) -> str:
        n = self.errors_left
        code = "copies.errors_left.none" if n == 0 else "copies.errors_left.one"
        if n > 1:
            code = "copies.errors_left.many"
        return render(code, {"errors": str(n), "path": self.path.name})

    def summary(self) -> str:
        """One line for the window's status bar."""
        said = {"path": str(self.path), "fixes": str(self.fixes), "edits": str(self.edits)}
        line = render("copies.saved", said) + " " + self.errors_sentence()
        if self.cells.edits_without_cell:
            line += " " + self.edits_without_cell_sentence()
        return line


def _kind_order(item: tuple[str, int]) -> tuple[int, str]:
    return (1 if item[0] == EDITED else 0, item[0])


def copy_suffix(source: Path) -> str:
    """The fixed copy's extension: the workbook's own (.xlsm keeps its macros), else .xlsx."""
    suffix = source.suffix.lower()
    return suffix if suffix in WORKBOOK_SUFFIXES else ".xlsx"


def default_fixed_name(source: Path, kind: str) -> str:
    """`{name}_fixed.xlsx` (or .xlsm) beside the source."""
    suffix = copy_suffix(source) if kind == "xlsx" else ".xlsx"
    return f"{source.stem}_fixed{suffix}"


def check_target(source: Path, target: Path, kind: str) -> None:
    """Refuse, with a sentence, a target that is the source or not named as a workbook
    (an .xlsx or .xlsm copy of a workbook; an .xlsx of anything else)."""
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise WriteRefused("model.write_over_source", file=target.name)
    suffix = target.suffix.lower()
    if kind == "xlsx" and suffix not in WORKBOOK_SUFFIXES:
        suggested = target.with_suffix(copy_suffix(source)).name
        raise FixedCopyRefused("copies.name_workbook", source=source.name, suggested=suggested)
    if kind != "xlsx" and suffix != ".xlsx":
        suggested = target.with_suffix(".xlsx").name
        raise FixedCopyRefused("copies.name_xlsx", source=source.name, suggested=suggested)


def write_fixed_copy(result, target: str | Path, *, progress: Progress | None = None) -> FixedCopy:
    """Write the fixed copy of result's source (with result's edits) to target."""
    progress = progress or Progress()
    table = result.table
    target = Path(target)
    check_target(table.path, target, table.kind)
    if table.sheet is None or table.header_row is None:
        raise FixedCopyRefused("copies.no_data_sheet", source=table.path.name)
    progress.step(render("copies.progress.finding"), 0.02)
    cells = fixed_cells(result)
    if table.kind == "xlsx":
        _write_workbook(result, cells, target, progress)
    else:
        _write_sheet(result, cells, target, progress)
    if not progress.cancelled:  # written is written: a cancel now comes too late
        progress.step(render("copies.progress.written"), 1.0)
    return FixedCopy(target, table.path, cells, as_xlsx=table.kind != "xlsx")


def _write_workbook(result, cells: FixedCells, target: Path, progress: Progress) -> None:
    """The source package, part by part, with the cells patched (workbook_copy)."""
    patches = {
        where: CellPatch(value=cell.value, number_format=cell.number_format)
        for where, cell in cells.cells.items()
    }
    part = Progress(lambda label, f: progress.step(label, 0.05 + 0.9 * f))
    write_workbook_copy(result.table.path, target, cells.sheet, patches, progress=part)


def _write_sheet(result, cells: FixedCells, target: Path, progress: Progress) -> None:
    """A CSV, .xls or .ods source: its data sheet as read, patched, as a new .xlsx."""
    table = result.table
    progress.step(render("copies.progress.reading"), 0.05)
    rows = table.sheet_rows()  # the sheet as the source holds it (read again)
    width = max([1] + [len(r) for r in rows] + [c for _, c in cells.cells])
    by_row = cells.by_row()
    name = _sheet_name(result)
    with atomic_path(target, protect=(table.path,)) as tmp, XlsxStream(tmp) as book:
        sheet = book.add_sheet(
            name, [Column()] * width, freeze_header=False, autofilter=False, rows=len(rows)
        )
        for start in range(0, len(rows), ROWS_PER_STEP):
            progress.step(render("copies.progress.writing"), 0.1 + 0.8 * start / len(rows))
            for r in range(start, min(len(rows), start + ROWS_PER_STEP)):
                values = [writable_value(v) for v in rows[r]] + [None] * (width - len(rows[r]))
                changed = by_row.get(r + 1)
                if not changed:
                    sheet.write_row(values)
                    continue
                formats: list[str | None] = [None] * width
                for col, cell in changed:
                    values[col - 1], formats[col - 1] = cell.value, cell.number_format
                sheet.write_row(values, number_formats=formats)
        _info_sheet(book, result, name)
        progress.step(render("copies.progress.writing"), 0.95)  # the last moment to cancel


def _sheet_name(result) -> str:
    """The template's data sheet name for a CSV (a file has no sheet name to keep); else
    the source's sheet name, within what Excel allows."""
    table, schema = result.table, result.schema
    if table.kind == "csv" or not table.sheet:
        return schema.model.data_sheet
    return plain_sheet_name(table.sheet)


def _info_sheet(book: XlsxStream, result, data_sheet: str) -> None:
    """Whose file it is and for which period, as the check settled it, so that the copy,
    whatever it is named, is checked as its source was."""
    schema = result.schema
    if schema.model.info_sheet.casefold() == data_sheet.casefold():
        return
    if not result.subsidiary and not result.period:
        return
    keys = schema.model.info_keys
    info = book.add_sheet(schema.model.info_sheet, [Column(None, 20), Column(None, 18, "@")])
    info.write_row([keys.subsidiary[0], result.subsidiary or ""])
    info.write_row([keys.period[0], result.period.label if result.period else ""])
    version = result.table.info.get("template_version")
    if version is not None:  # as the source said (none said: none written)
        info.write_row([keys.template_version[0], str(version)])
