"""Read a workbook or CSV into a SourceTable: raw values with their cell coordinates.

Values are kept exactly as the file holds them (text stays text: `00123`, `TRUE`,
`NA`); typing and fixing are the rules' job. python-calamine reads the values fast;
what it cannot tell apart (an Excel error or a formula without a result, both read
as "") comes from a scan of the sheet XML.

The scan runs before calamine parses the sheet, because it also reads the sheet's true
extent: calamine aborts the process on a grid too large to allocate. Files with no XML to
measure (.xls, .ods, .xlsb) are read in a child process (desktop_app.core.reading.isolation).
What a person should know about how the file was read (hidden rows, merged cells,
formulas, links, macros, the 1904 date system) becomes a note that DQ1 reports.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.isolation import HeaderProbe, WorkbookRows, read_in_child
from desktop_app.core.reading.limits import ReadingLimits, bundled_limits
from desktop_app.core.reading.sniffing import check_format, damaged, password_protected
from desktop_app.core.reading.sources import (
    SheetScan,
    SourceError,
    XlsxFacts,
    col_letter,
    inspect_xlsx,
    read_csv_rows,
    recorded_extent,
    scan_in_background,
    scan_sheet,
    sheet_extent,
)
from desktop_app.core.schema.definition import TemplateSchema, normalise_label

LEGACY_FORMATS = {
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "xlsb": "Excel binary (.xlsb)",
}


class ErrorValue(str):
    """An Excel error value (#N/A, #REF!) or a formula without a stored result."""

    __slots__ = ()


FORMULA_WITHOUT_RESULT = ErrorValue("(formula without a result)")


class HeaderNotFound(SourceError):
    """No sheet of the workbook has the template's header row: nothing can be checked."""


@dataclass(frozen=True)
class ReadingNote:
    """Something a person should know about how the file was read; DQ1 reports it."""

    code: str  # a DQ1 message code
    row: int | None = None
    column: str | None = None
    value: Any = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class SourceColumn:
    name: str  # canonical column name, or the header as found for an unknown column
    header: str  # the header text as found
    index: int  # 0-based column index in the sheet
    known: bool

    @property
    def letter(self) -> str:
        return col_letter(self.index)


@dataclass
class SourceTable:
    path: Path
    kind: str  # "xlsx", "csv", or a legacy workbook: "xls", "ods", "xlsb"
    sheet: str | None  # the data sheet's name, None when no data sheet was found
    sheet_names: list[str]
    header_row: int | None  # Excel row number of the header row
    columns: list[SourceColumn] = field(default_factory=list)  # in sheet order, first of each name
    duplicate_headers: list[SourceColumn] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # Excel row number of each data row
    raw: dict[str, np.ndarray] = field(
        default_factory=dict
    )  # column name -> object array of values
    info: dict[str, Any] = field(default_factory=dict)  # subsidiary / period / template_version
    hidden_sheets: list[str] = field(default_factory=list)
    date1904: bool = False
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, col index)
    has_error_values: bool = False  # some raw value is an ErrorValue
    notes: list[ReadingNote] = field(default_factory=list)

    def column(self, name: str) -> SourceColumn | None:
        for col in self.columns:
            if col.name == name:
                return col
        return None

    def cell_ref(self, name: str, row: int) -> str | None:
        col = self.column(name)
        return f"{col.letter}{row}" if col else None


def _map_columns(header: list[Any], first_rows: list[list[Any]], schema: TemplateSchema):
    """The sheet's columns by their headers, and the repeated ones. A column without a
    header is kept for now (marked unnamed): it is dropped later if nothing is in it."""
    lookup = schema.header_lookup
    columns: list[SourceColumn] = []
    duplicates: list[SourceColumn] = []
    seen: set[str] = set()
    width = max([len(header), *(len(r) for r in first_rows[:1000])])
    for index in range(width):
        text = header[index] if index < len(header) else ""
        text = (
            "" if text is None else str(text).strip() if not isinstance(text, str) else text.strip()
        )
        name = lookup.get(normalise_label(text)) if text else None
        if name is None:
            label = text or f"(no header, column {col_letter(index)})"
            col = SourceColumn(label, text, index, known=False)
        else:
            col = SourceColumn(name, text, index, known=True)
        if col.name in seen:
            duplicates.append(col)
            continue
        seen.add(col.name)
        columns.append(col)
    return columns, duplicates


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_info(rows: list[list[Any]], schema: TemplateSchema) -> dict[str, Any]:
    wanted = {
        normalise_label(label): key
        for key, labels in schema.model.info_keys.model_dump().items()
        for label in labels
    }
    info: dict[str, Any] = {}
    for row in rows[:200]:
        cells = [v for v in row if not _is_blank(v)]
        if len(cells) >= 2 and isinstance(cells[0], str):
            key = wanted.get(normalise_label(cells[0]))
            if key and key not in info:
                info[key] = cells[1]
    return info


def build_table(
    path: Path,
    kind: str,
    sheet: str | None,
    sheet_names: list[str],
    rows: Iterable[list[Any]],
    schema: TemplateSchema,
) -> SourceTable:
    """Find the header row in rows and split the rest into raw columns.

    rows may be the reader's iterator: they are taken a block at a time and not kept,
    so each block's cells are still in the CPU's cache while they are laid out.
    """
    table = SourceTable(path=path, kind=kind, sheet=sheet, sheet_names=sheet_names, header_row=None)
    rows = iter(rows)
    probe = HeaderProbe.from_schema(schema)
    head = list(islice(rows, probe.search_rows))
    header_index, _ = probe.header_row(head)
    if header_index is None:
        return table
    table.header_row = header_index + 1
    first_block = head[header_index + 1 :] + list(islice(rows, _BLOCK_ROWS))
    table.columns, table.duplicate_headers = _map_columns(head[header_index], first_block, schema)
    layout = _ColumnLayout([c.index for c in table.columns])
    layout.add(first_block)
    del head, first_block
    for block in iter(lambda: list(islice(rows, _BLOCK_ROWS)), []):
        layout.add(block)
    count = layout.filled  # trailing empty rows are not part of the data
    columns = []
    for col, values in zip(table.columns, layout.columns(count), strict=True):
        if not col.header and not _holds_anything(values):
            continue  # an empty column between or after the data
        table.raw[col.name] = values
        columns.append(col)
    table.columns = columns
    first = header_index + 2
    table.rows = list(range(first, first + count))
    return table


def _holds_anything(values: np.ndarray) -> bool:
    return any(v is not None and v != "" for v in values)


# Rows taken at a time: a block's cells fit in the CPU's cache.
_BLOCK_ROWS = 1024


class _ColumnLayout:
    """Takes rows a block at a time and gives each wanted column as an object array.

    The reader makes its values row by row, so one column's strings lie scattered among
    the others' and every pass of the rules over a column would wait on memory. A text
    column's cells are therefore joined, block by block (while the block is in cache),
    and split once at the end, so that its strings lie in order: the rules' passes then
    run ~3x faster (measured: the copy costs less than it saves). Other columns are
    gathered as they are.
    """

    _SEP = "\x00"  # XML cannot hold it; a CSV cell that does is caught per block

    def __init__(self, indexes: list[int]) -> None:
        self.indexes = indexes
        self.needed = max(indexes, default=-1) + 1
        self.joined: dict[int, list[str]] = {i: [] for i in indexes}  # while all text
        self.gathered: dict[int, list[Any]] = {}
        self.count = 0  # rows taken
        self.filled = 0  # rows taken up to the last one with something in it

    def add(self, block: list[list[Any]]) -> None:
        if not block:
            return
        if min(map(len, block)) < self.needed:  # rows of unequal length, as a CSV may have
            block = [
                r if len(r) >= self.needed else [*r, *[""] * (self.needed - len(r))] for r in block
            ]
        sep = self._SEP
        for index in self.indexes:
            get = itemgetter(index)
            pieces = self.joined.get(index)
            if pieces is not None:
                try:
                    text = sep.join(map(get, block))
                    if text.count(sep) == len(block) - 1:
                        pieces.append(text)
                        continue
                except TypeError:  # not all text
                    pass
                del self.joined[index]  # gathered from now on, the text so far included
                self.gathered[index] = self._split(pieces)
            self.gathered[index].extend(map(get, block))
        for i in range(len(block) - 1, -1, -1):
            if not all(map(_is_blank, block[i])):
                self.filled = self.count + i + 1
                break
        self.count += len(block)

    @classmethod
    def _split(cls, pieces: list[str]) -> list[str]:
        """The cells of a column's joined blocks, as new strings in order."""
        return cls._SEP.join(pieces).split(cls._SEP) if pieces else []

    def columns(self, count: int) -> list[np.ndarray]:
        """The first count rows of each column, in the order of the indexes."""
        out = []
        for index in self.indexes:
            values = self.gathered.get(index)
            if values is None:
                values = self._split(self.joined[index])
            # fromiter keeps the objects as they are (assigning a list inspects dates)
            out.append(np.fromiter(values, dtype=object, count=count))
        return out


# ---------------------------------------------------------------- xlsx


def _refuse_far_cells(path: Path, name: str, extent, limits: ReadingLimits) -> None:
    """Refuse a sheet whose grid would be too large for calamine to allocate (it aborts
    the process instead of raising); the true extent comes from the sheet's XML."""
    if extent.cells > limits.max_sheet_cells:
        raise SourceError(
            f'"{path.name}": sheet "{name}" has something in cell {extent.far_cell}, far beyond '
            "any pipeline report; delete the stray cells (Ctrl+End in Excel goes to them) "
            "and save the file again."
        )


# A sheet this big (XML bytes) is scanned in a thread while calamine reads it,
# when its recorded size can be trusted (see _trusted_record); smaller ones are
# scanned first, which costs little.
PARALLEL_SCAN_MIN_BYTES = 8_000_000
# More XML than this per recorded cell means the record understates the sheet.
MAX_BYTES_PER_CELL = 400


def _trusted_record(path: Path, facts, name: str, limits: ReadingLimits) -> bool:
    """Whether calamine may read a big sheet before its true extent is known.

    Excel, LibreOffice and the common writers record the used range in <dimension>; a
    record that says the sheet is small, with about as much XML as that range needs,
    is believed. A far cell typed in Excel widens the record, so such a sheet is
    scanned first. Only a file crafted to understate its range could still reach the
    reader early; the parallel scan refuses it afterwards if the reader survives.
    """
    record = recorded_extent(path, facts, name)
    if record is None:
        return False
    extent, size = record
    # A record beyond the limit may just be bloated (formatting applied to whole
    # columns): the serial scan finds the true extent.
    return (
        extent.cells <= limits.max_sheet_cells
        and PARALLEL_SCAN_MIN_BYTES <= size <= extent.cells * MAX_BYTES_PER_CELL
    )


def reason_reader_stopped(path: Path, schema: TemplateSchema) -> str | None:
    """Why a reader may have aborted the process on path, found without a reader: a
    sheet reaching far beyond any report, or a damaged file. None when nothing is."""
    try:
        if check_format(path) != "xlsx":
            return None
        limits = ReadingLimits.from_schema(schema)
        facts = inspect_xlsx(path, limits)
        for name in facts.sheet_xml:
            _refuse_far_cells(path, name, sheet_extent(path, facts, name), limits)
    except SourceError as exc:
        return str(exc)
    return None


def _background_result(pending) -> SheetScan | None:
    """The parallel scan's result; None (scan here instead) if that process failed."""
    if pending is None:
        return None
    try:
        return pending.result()
    except SourceError:
        raise
    except Exception:  # a broken worker process: not the file's fault
        return None


def read_xlsx(
    path: Path, schema: TemplateSchema, progress: Progress, *, scan_first: bool = False
) -> SourceTable:
    import python_calamine as pc

    limits = ReadingLimits.from_schema(schema)
    facts = inspect_xlsx(path, limits)
    names = list(facts.sheet_xml)
    probe = HeaderProbe.from_schema(schema)
    wanted = normalise_label(probe.data_sheet)
    data_name = next((n for n in names if normalise_label(n) == wanted), None)
    # Before the reader sees a sheet: its true extent (a far cell makes calamine abort
    # the process) and what calamine hides (error cells, formulas without a result,
    # hidden rows), in one pass over its XML. calamine lets go of the GIL while it
    # parses, so a big sheet is scanned in a thread, beside it.
    scans: dict[str, SheetScan] = {}
    pending = None
    if not scan_first and data_name is not None and _trusted_record(path, facts, data_name, limits):
        pending = scan_in_background(path, facts, data_name)

    def scan(name: str) -> SheetScan:
        if name not in scans:
            scans[name] = _background_result(pending) if name == data_name else None
            if scans[name] is None:
                scans[name] = scan_sheet(path, facts, name)
            _refuse_far_cells(path, name, scans[name].extent, limits)
        return scans[name]

    progress.step("Reading the workbook", 0.05)
    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
        sheets: dict[str, Any] = {}

        def load(name: str) -> Iterable[list[Any]]:
            if pending is None or name != data_name:
                scan(name)  # the extent is known before the reader allocates
            sheets[name] = workbook.get_sheet_by_name(name)
            return _sheet_rows(sheets[name])

        sheet, rows = probe.pick(names, load)
        info_name = probe.info_name(names)
        info_rows = list(load(info_name)) if info_name else []
        merged = list(sheets[sheet].merged_cell_ranges or []) if sheet else []
        workbook.close()
    except pc.PasswordError:
        raise password_protected(path) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError(
            f'"{path.name}" could not be read as a workbook ({exc}); open it in Excel, save it as .xlsx and try again.'
        ) from None
    except BaseException as exc:
        # The reader's own assertion failures (pyo3's PanicException) derive from
        # BaseException; the file is what is wrong, not the program.
        if type(exc).__name__ != "PanicException":
            raise
        raise damaged(path) from None
    progress.step("Reading the workbook", 0.5)
    if sheet is None:
        raise _no_header(path, names, schema)
    scan(sheet)
    table = build_table(path, "xlsx", sheet, names, rows, schema)  # rows made as taken
    table.hidden_sheets = facts.hidden_sheets
    table.date1904 = facts.date1904
    table.info = _read_info(info_rows, schema)
    _apply_scan(table, scans[sheet], path, facts, sheet)
    table.notes = _workbook_notes(table, merged, info_name) + _xlsx_notes(
        table, scans[sheet], facts
    )
    return table


def _sheet_rows(sheet) -> Iterable[list[Any]]:
    """A sheet's rows from A1, as calamine makes them; an iterator where it can be.

    Taken one by one (iter_rows) the rows are made while build_table lays them out,
    in cache, and never all held at once (measured at 100,000 rows: the read with the
    layout went from about 1.2x to about 1.0x to_python's time, peak memory 426 -> 332 MB).
    iter_rows starts at the sheet's first used column, so a sheet whose data starts
    right of column A is read whole (to_python pads it from A1).
    """
    start = sheet.start
    if start is None:  # an empty sheet
        return []
    if start[1] != 0:
        return sheet.to_python(skip_empty_area=False)
    return sheet.iter_rows()  # empty rows above the data come first, as from A1


def _apply_scan(table: SourceTable, scan: SheetScan, path: Path, facts, sheet: str) -> None:
    """Put error values where calamine read "", and note percent-formatted cells."""
    by_index = {c.index: c.name for c in table.columns}
    first = table.rows[0] if table.rows else 0
    marks = {**{k: ErrorValue(v) for k, v in scan.errors.items()}}
    marks.update({k: FORMULA_WITHOUT_RESULT for k in scan.formulas_without_result})
    for (row, col), mark in marks.items():
        name = by_index.get(col)
        pos = row - first
        if name is not None and 0 <= pos < len(table.rows):
            table.raw[name][pos] = mark
            table.has_error_values = True
    # Only a probability of exactly 1 needs its format: 100 % or the number 1.
    prob = table.column("probability")
    if prob is not None and scan.percent_styles:
        ones = [(table.rows[p], prob.index) for p in np.flatnonzero(table.raw["probability"] == 1)]
        if ones:
            styles = scan_sheet(path, facts, sheet, style_cells=ones).cell_styles
            table.percent_cells = {k for k, s in styles.items() if s in scan.percent_styles}


# ---------------------------------------------------------------- notes

_ROWS_LISTED = 10  # hidden rows named in the note; the rest are counted


def _workbook_notes(table: SourceTable, merged, info_sheet: str | None) -> list[ReadingNote]:
    """Hidden sheets that were read and merged cells in the data, for any workbook."""
    notes = [
        ReadingNote("DQ1.hidden_sheet", value=name, params={"sheet": name})
        for name in (table.sheet, info_sheet)
        if name and name in table.hidden_sheets
    ]
    by_index = {c.index: c.name for c in table.columns}
    data_rows = set(table.rows)
    last_row = table.rows[-1] if table.rows else table.header_row or 0
    for (r0, c0), (r1, c1) in merged:
        top, bottom = r0 + 1, r1 + 1  # calamine counts from 0, Excel from 1
        if bottom < (table.header_row or 0) or top > last_row:
            continue
        if not any(c0 <= i <= c1 for i in by_index):
            continue
        area = f"{col_letter(c0)}{top}:{col_letter(c1)}{bottom}"
        first = f"{col_letter(c0)}{top}"
        name = by_index.get(c0) if top in data_rows else None  # else: about the sheet
        notes.append(
            ReadingNote(
                "DQ1.merged_cells",
                row=top if name else None,
                column=name,
                value=area,
                params={"area": area, "first": first},
            )
        )
    return notes


def _xlsx_notes(table: SourceTable, scan: SheetScan, facts: XlsxFacts) -> list[ReadingNote]:
    """What the sheet XML and the workbook parts tell beyond the values."""
    notes: list[ReadingNote] = []
    data_rows = set(table.rows)
    hidden_rows = sorted(r for r in scan.hidden_rows if r in data_rows)
    if hidden_rows:
        shown = ", ".join(map(str, hidden_rows[:_ROWS_LISTED]))
        more = len(hidden_rows) - _ROWS_LISTED
        notes.append(
            ReadingNote(
                "DQ1.hidden_rows",
                value=len(hidden_rows),
                params={
                    "count": len(hidden_rows),
                    "rows": shown + (f" and {more} more" if more > 0 else ""),
                },
            )
        )
    hidden_cols = [c for c in table.columns if c.index in scan.hidden_columns]
    if hidden_cols:
        letters = ", ".join(c.letter for c in hidden_cols)
        notes.append(ReadingNote("DQ1.hidden_columns", value=letters, params={"letters": letters}))
    with_results = scan.formula_count - len(scan.formulas_without_result)
    if with_results > 0:  # those without a result are DQ3 errors, each at its cell
        notes.append(
            ReadingNote("DQ1.formula_results", value=with_results, params={"count": with_results})
        )
    if facts.external_links:
        files = ", ".join(facts.external_links)
        notes.append(ReadingNote("DQ1.external_links", value=files, params={"files": files}))
    if facts.has_macros:
        notes.append(ReadingNote("DQ1.macros_not_run"))
    if facts.date1904:
        notes.append(ReadingNote("DQ1.date_system_1904"))
    return notes


# ---------------------------------------------------------------- other formats


def read_legacy(path: Path, kind: str, schema: TemplateSchema, progress: Progress) -> SourceTable:
    """.xls, .ods or .xlsb: read by python-calamine in a child process (no XML to measure)."""
    progress.step("Reading the workbook", 0.05)
    probe = HeaderProbe.from_schema(schema)
    read: WorkbookRows = read_in_child(path, probe, ReadingLimits.from_schema(schema), progress)
    progress.step("Reading the workbook", 0.5)
    if read.sheet is None:
        raise _no_header(path, read.sheet_names, schema)
    table = build_table(path, kind, read.sheet, read.sheet_names, read.rows, schema)
    table.hidden_sheets = read.hidden_sheets
    table.info = _read_info(read.info_rows, schema)
    table.notes = _workbook_notes(table, read.merged, probe.info_name(read.sheet_names))
    table.notes.append(
        ReadingNote(
            "DQ1.legacy_format", value=LEGACY_FORMATS[kind], params={"format": LEGACY_FORMATS[kind]}
        )
    )
    return table


def sheet_rows(table: SourceTable, schema: TemplateSchema | None = None) -> list[list[Any]]:
    """The data sheet's values as read, for a plain copy of a CSV or legacy workbook."""
    if table.kind == "csv":
        return read_csv_rows(table.path)[0]
    limits = ReadingLimits.from_schema(schema) if schema else bundled_limits()
    probe = HeaderProbe({}, 1, 1, table.sheet or "", "")
    return read_in_child(table.path, probe, limits, Progress(), sheet=table.sheet).rows


def read_csv(path: Path, schema: TemplateSchema) -> SourceTable:
    rows, _encoding, _delimiter = read_csv_rows(path)
    table = build_table(path, "csv", path.stem, [path.stem], rows, schema)
    if table.header_row is None:
        raise _no_header(path, [], schema)
    return table


def _no_header(path: Path, sheets: list[str], schema: TemplateSchema) -> HeaderNotFound:
    expected = ", ".join(c.label for c in schema.columns[:4])
    where = f"in any of its sheets ({', '.join(sheets)})" if sheets else "in its first rows"
    return HeaderNotFound(
        f'"{path.name}" does not have the template\'s header row {where}: looked for '
        f"headers such as {expected}; fill in the global template (template-checker "
        "template) or name the columns as it does, and try again."
    )


# ---------------------------------------------------------------- entry point


def read_source(
    path: str | Path,
    schema: TemplateSchema,
    progress: Progress | None = None,
    *,
    scan_first: bool = False,
) -> SourceTable:
    """Read FILE into a SourceTable; raises SourceError with a sentence for a person."""
    path = Path(path)
    progress = progress or Progress()
    if not path.exists():
        raise SourceError(f"{path} was not found; check the file name and folder.")
    if path.is_dir():
        raise SourceError(f"{path} is a folder, not a file; choose the workbook inside it.")
    try:
        kind = check_format(path)
        if kind == "xlsx":
            return read_xlsx(path, schema, progress, scan_first=scan_first)
        if kind == "text":
            return read_csv(path, schema)
        return read_legacy(path, kind, schema, progress)
    except PermissionError:
        raise SourceError(
            f"{path.name} cannot be opened: permission denied (is it open in another program?)."
        ) from None
    except MemoryError:
        raise SourceError(f"{path.name} is too large to check on this computer.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # damage found mid-read
        raise damaged(path) from exc
