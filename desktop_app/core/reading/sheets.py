"""Every sheet of a file as raw rows, for a file that is not in the template's layout (a
CRM's export): the matcher looks for the table itself, on any sheet and any row.

The same readers and guards as read_source: an .xlsx's sheets are measured (and their
error cells found) before calamine reads them, .xls/.ods/.xlsb are read in a child
process, a CSV is decoded as for a template file. Row i of a sheet is Excel row i + 1.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.csv_text import read_csv_rows
from desktop_app.core.reading.header import HeaderProbe
from desktop_app.core.reading.legacy import read_in_child
from desktop_app.core.reading.limits import ReadingLimits, refuse_far_cells
from desktop_app.core.reading.ods import scan_ods
from desktop_app.core.reading.package import open_package
from desktop_app.core.reading.scan import scan_sheet
from desktop_app.core.reading.sniffing import check_format, damaged, password_protected
from desktop_app.core.reading.table import read_info
from desktop_app.core.schema.definition import TemplateSchema


@dataclass
class SheetRows:
    name: str
    rows: list[list[Any]]  # from A1; row i is Excel row i + 1


@dataclass
class WorkbookSheets:
    path: Path
    kind: str  # "xlsx", "csv", "xls", "ods", "xlsb"
    sheets: list[SheetRows]  # the data sheets in workbook order (not the Info sheet)
    sheet_names: list[str]
    hidden_sheets: list[str] = field(default_factory=list)
    date1904: bool = False
    info: dict[str, Any] = field(default_factory=dict)  # the Info sheet's, when it has one


def read_sheets(
    path: str | Path, schema: TemplateSchema, progress: Progress | None = None
) -> WorkbookSheets:
    """Every sheet of FILE as raw rows; SourceError with a sentence for a person."""
    path = Path(path)
    progress = progress or Progress()
    if not path.exists():
        raise SourceError("reading.not_found", path=str(path))
    limits = ReadingLimits.from_schema(schema)
    probe = HeaderProbe.from_schema(schema)
    try:
        found = check_format(path)
        if found.kind == "text":
            rows = read_csv_rows(path)[0]
            return WorkbookSheets(path, "csv", [SheetRows(path.stem, rows)], [path.stem])
        if found.kind == "xlsx":
            book = _read_xlsx(path, limits, found.package, probe)
        else:
            book = _read_in_child(path, found.kind, limits, probe, progress)
    except PermissionError:
        raise SourceError("reading.permission_denied", file=path.name) from None
    except MemoryError:
        raise SourceError("reading.too_large_to_check", file=path.name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise damaged(path) from exc
    info_name = probe.info_name(book.sheet_names)
    info = next((s for s in book.sheets if s.name == info_name), None)
    if info is not None:
        book.info = read_info(info.rows, schema)
        book.sheets.remove(info)
    return book


def _read_xlsx(path: Path, limits: ReadingLimits, opened, probe: HeaderProbe) -> WorkbookSheets:
    """Each sheet scanned first (its true extent: calamine aborts on a far cell), then
    read by calamine, with the error cells it reads as "" put back."""
    import python_calamine as pc

    with open_package(path, limits, opened) as package:
        names = list(package.sheet_xml)
        scans = {}
        for name in names:
            scans[name] = scan_sheet(package, name)
            refuse_far_cells(path, name, scans[name].extent, limits)
        book = WorkbookSheets(
            path, "xlsx", [], names, list(package.hidden_sheets), package.date1904
        )
    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
        for name in names:
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False) if sheet.start is not None else []
            _put_back_errors(rows, scans[name])
            book.sheets.append(SheetRows(name, rows))
        workbook.close()
    except pc.PasswordError:
        raise password_protected(path) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError("reading.not_read_as_workbook", file=path.name, reason=str(exc)) from None
    return book


def _put_back_errors(rows: list[list[Any]], scan) -> None:
    marks = {**{k: ErrorValue(v) for k, v in scan.errors.items()}}
    marks.update({k: FORMULA_WITHOUT_RESULT for k in scan.formulas_without_result})
    for (row, col), mark in marks.items():
        if 0 < row <= len(rows) and col < len(rows[row - 1]):
            rows[row - 1][col] = mark


def _read_in_child(
    path: Path, kind: str, limits: ReadingLimits, probe: HeaderProbe, progress: Progress
) -> WorkbookSheets:
    """.xls, .ods, .xlsb: each sheet is read in a child process; an .ods's content is
    scanned first (limits, extents, error cells), and its error cells put back."""
    scanned = scan_ods(path, limits) if kind == "ods" else {}
    first = read_in_child(path, probe, limits, progress)
    names = first.sheet_names
    sheets = []
    for name in names:
        rows = read_in_child(path, probe, limits, progress, sheet=name).rows
        if name in scanned:
            width = max(map(len, rows), default=0)
            _put_back_errors(rows, scanned[name].facts(1, len(rows), range(width)))
        sheets.append(SheetRows(name, rows))
    return WorkbookSheets(path, kind, sheets, names, first.hidden_sheets)
