"""An OpenDocument spreadsheet (.ods): its content.xml, streamed, says what python-calamine
reads as empty, as an .xlsx's sheet XML does (reading.scan):

* error cells (``calcext:value-type="error"``, LibreOffice's mark; or a formula showing
  an Excel error text) and formulas without a result (``table:formula`` and no value
  type), and how many formulas there are,
* percent cells (``office:value-type="percentage"``), hidden rows and columns
  (``table:visibility``), merged cells (``number-columns-spanned``/``rows-spanned``),
* how far each sheet reaches, so that a sheet too large for the reader is refused
  with the same sentence as an .xlsx before the reader sees it.

The zip is checked against the same limits as an .xlsx's, the XML is parsed by defusedxml
(no entities), one row at a time (each row is dropped once read). A repeated row or cell
(``number-rows-repeated``/``number-columns-repeated``, a million of them at the end of
every sheet LibreOffice writes) is one run of positions, counted and never expanded; only
the runs that fall on the data table's rows and columns become cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat as pyexpat

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.excel_errors import EXCEL_ERROR_TEXTS
from desktop_app.core.reading.limits import ReadingLimits, check_zip_limits, refuse_far_cells
from desktop_app.core.reading.scan import SheetExtent, SheetScan
from desktop_app.core.reading.sniffing import damaged
from desktop_app.core.reading.table import ReadingNote, SourceTable, hidden_notes, put_marks

# Names as expat gives them with namespace_separator=" ": "namespace-uri local-name".
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0 "
T_TABLE, T_ROW, T_COLUMN = _TABLE + "table", _TABLE + "table-row", _TABLE + "table-column"
T_CELL, T_COVERED = _TABLE + "table-cell", _TABLE + "covered-table-cell"
T_NAME, T_FORMULA, T_VISIBILITY = _TABLE + "name", _TABLE + "formula", _TABLE + "visibility"
T_ROWS_REPEATED = _TABLE + "number-rows-repeated"
T_COLS_REPEATED = _TABLE + "number-columns-repeated"
T_COLS_SPANNED = _TABLE + "number-columns-spanned"
T_ROWS_SPANNED = _TABLE + "number-rows-spanned"
O_VALUE_TYPE = _OFFICE + "value-type"
C_VALUE_TYPE = _CALCEXT + "value-type"
_TABLE_TAGS = frozenset({T_TABLE, T_ROW, T_COLUMN, T_CELL, T_COVERED})
CONTENT = "content.xml"
_HIDDEN = ("collapse", "filter")
_CHUNK = 1 << 20  # inflated XML fed to the parser at a time
_MAX_COUNT = 1 << 30  # a repeat beyond any grid: the extent refuses the sheet


@dataclass(frozen=True)
class Run:
    """A cell as written, repeated over rows x columns: row 1-based, col 0-based."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1

    def cells(self, first: int, last: int, columns: Iterable[int]) -> list[tuple[int, int]]:
        """Its (row, col) positions within rows first..last and the given columns."""
        cols = [c for c in columns if self.col <= c < self.col + self.cols]
        low, high = max(self.row, first), min(self.row + self.rows - 1, last)
        return [(r, c) for r in range(low, high + 1) for c in cols]


@dataclass
class OdsSheet:
    """What one sheet's content says beyond its values."""

    name: str
    errors: list[tuple[Run, str]] = field(default_factory=list)
    formulas_without_result: list[Run] = field(default_factory=list)
    percent: list[Run] = field(default_factory=list)
    hidden_rows: list[Run] = field(default_factory=list)
    hidden_columns: list[Run] = field(default_factory=list)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    formula_count: int = 0
    extent: SheetExtent = field(default_factory=SheetExtent)

    def facts(self, first: int, last: int, columns: Iterable[int]) -> SheetScan:
        """The runs that fall on rows first..last and columns, as an .xlsx scan has them."""
        columns = sorted(set(columns))
        out = SheetScan(formula_count=self.formula_count, extent=self.extent)
        for run, text in self.errors:
            out.errors.update(dict.fromkeys(run.cells(first, last, columns), text))
        for run in self.formulas_without_result:
            out.formulas_without_result.update(run.cells(first, last, columns))
        for run in self.hidden_rows:
            out.hidden_rows.update(
                range(max(run.row, first), min(run.row + run.rows - 1, last) + 1)
            )
        for run in self.hidden_columns:
            out.hidden_columns.update(c for c in columns if run.col <= c < run.col + run.cols)
        return out

    def percent_cells(self, first: int, last: int, column: int) -> set[tuple[int, int]]:
        return {cell for run in self.percent for cell in run.cells(first, last, [column])}


def _count(value: str | None) -> int:
    if value is None:
        return 1
    if not value.isdigit():
        return 1
    return min(int(value[:10]), _MAX_COUNT) or 1


class _SheetReader:
    """Takes one sheet's columns, rows and cells as the parser meets their start tags."""

    def __init__(self, name: str) -> None:
        self.sheet = OdsSheet(name)
        self.next_row = 1  # the row the next <table:table-row> starts
        self.next_col = 0  # the column the next <table:table-column>/cell starts
        self.row, self.rows, self.col = 1, 1, 0  # the row being read, its repeats, next cell
        self.last_col = -1  # the row's last column with content

    def column(self, attrs: dict[str, str]) -> None:
        n = _count(attrs.get(T_COLS_REPEATED))
        if attrs.get(T_VISIBILITY) in _HIDDEN:
            self.sheet.hidden_columns.append(Run(1, self.next_col, 1, n))
        self.next_col += n

    def start_row(self, attrs: dict[str, str]) -> None:
        self.finish_row()
        rep = attrs.get(T_ROWS_REPEATED)
        self.row, self.rows, self.col = self.next_row, 1 if rep is None else _count(rep), 0
        self.next_row += self.rows
        if attrs.get(T_VISIBILITY) in _HIDDEN:
            self.sheet.hidden_rows.append(Run(self.row, 0, self.rows, 1))

    def finish_row(self) -> None:
        """The sheet reaches as far as the last cell with content in the row just read."""
        if self.last_col < 0:
            return
        ext = self.sheet.extent
        row, col = self.row + self.rows - 1, self.last_col
        self.last_col = -1
        ext.rows, ext.columns = max(ext.rows, row), max(ext.columns, col + 1)
        if row * (col + 1) > ext.far_cells:
            ext.far_cells, ext.far_cell = row * (col + 1), f"{col_letter(min(col, 16383))}{row}"

    def cell(self, attrs: dict[str, str]) -> Run | None:
        """The cell's run when its text is still to be read (an error, a formula's
        result, content without a value type); None when its start tag said it all."""
        rep = attrs.get(T_COLS_REPEATED)
        cols = 1 if rep is None else _count(rep)
        col = self.col
        self.col = col + cols
        value_type = attrs.get(O_VALUE_TYPE)
        formula = attrs.get(T_FORMULA)
        if value_type is None and formula is None:
            return Run(self.row, col, self.rows, cols)  # a style alone, or untyped text
        self.last_col = col + cols - 1
        if value_type == "percentage":
            self.sheet.percent.append(Run(self.row, col, self.rows, cols))
        if T_COLS_SPANNED in attrs or T_ROWS_SPANNED in attrs:
            across, down = _count(attrs.get(T_COLS_SPANNED)), _count(attrs.get(T_ROWS_SPANNED))
            if across > 1 or down > 1:
                self.sheet.merged.append(
                    ((self.row - 1, col), (self.row + down - 2, col + across - 1))
                )
        if formula is not None:
            self.sheet.formula_count += self.rows * cols
            if value_type in (None, "string"):
                return Run(self.row, col, self.rows, cols)
        if attrs.get(C_VALUE_TYPE) == "error":
            return Run(self.row, col, self.rows, cols)
        return None

    def content(self, run: Run) -> None:
        """A cell without a value type holds an element (text): it has content."""
        self.last_col = max(self.last_col, run.col + run.cols - 1)

    def cell_ends(self, run: Run, attrs: dict[str, str], text: str) -> None:
        """A cell whose text mattered: an error, a formula's result (or none), a value."""
        if attrs.get(C_VALUE_TYPE) == "error":
            self.sheet.errors.append((run, text or "#ERROR"))
        elif T_FORMULA in attrs and text in EXCEL_ERROR_TEXTS:
            self.sheet.errors.append((run, text))  # written without LibreOffice's mark
        elif T_FORMULA in attrs and O_VALUE_TYPE not in attrs:
            self.sheet.formulas_without_result.append(run)


class _Parser:
    """content.xml through expat, start tags only but for the few cells whose text
    matters: no element tree is built, so memory stays flat and a cell costs one call.
    DTDs and entities are refused as defusedxml refuses them."""

    def __init__(self) -> None:
        self.sheets: dict[str, OdsSheet] = {}
        self.reader: _SheetReader | None = None
        self.depth = 0  # tables open: a table inside a cell is part of that cell
        self.cell: tuple[Run, dict[str, str]] | None = None  # a cell whose text is read
        self.cell_depth = 0
        self.text: list[str] = []
        self.expat = pyexpat.ParserCreate(namespace_separator=" ")
        self.expat.buffer_text = True
        self.expat.StartElementHandler = self.start
        self.expat.EndElementHandler = self.end
        self.expat.StartDoctypeDeclHandler = self.doctype
        self.expat.EntityDeclHandler = self.entity
        self.expat.UnparsedEntityDeclHandler = self.entity
        self.expat.ExternalEntityRefHandler = self.external

    def doctype(self, name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def entity(self, name, *args):
        raise EntitiesForbidden(name, None, None, None, None, None)

    def external(self, context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cell is not None:
            self._inside_cell(name)
        elif name in _TABLE_TAGS:  # not text, styles and the rest: most tags are skipped
            self._table_tag(name, attrs)

    def _inside_cell(self, name: str) -> None:
        self.cell_depth += 1
        if self.cell_depth == 1 and self.reader is not None and self.cell is not None:
            self.reader.content(self.cell[0])
        if name == T_TABLE:
            self.depth += 1

    def _table_tag(self, name: str, attrs: dict[str, str]) -> None:
        reader = self.reader
        if reader is not None and self.depth == 1:
            if name in (T_CELL, T_COVERED):
                run = reader.cell(attrs)
                if run is not None:
                    self.cell, self.cell_depth, self.text = (run, attrs), 0, []
                    self.expat.CharacterDataHandler = self.text.append
            elif name == T_ROW:
                reader.start_row(attrs)
            elif name == T_COLUMN:
                reader.column(attrs)
            elif name == T_TABLE:
                self.depth += 1
        elif name == T_TABLE:
            self.depth += 1
            if self.depth == 1:
                self.reader = _SheetReader(attrs.get(T_NAME) or "")

    def end(self, name: str) -> None:
        if self.cell is not None:
            if name == T_TABLE:
                self.depth -= 1
            if self.cell_depth:
                self.cell_depth -= 1
                return
            run, attrs = self.cell
            self.cell = None
            self.expat.CharacterDataHandler = None
            if self.reader is not None:
                self.reader.cell_ends(run, attrs, "".join(self.text).strip())
        elif name == T_TABLE:
            self.depth -= 1
            if self.depth == 0 and self.reader is not None:
                self.reader.finish_row()
                self.sheets.setdefault(self.reader.sheet.name, self.reader.sheet)
                self.reader = None

    def parse(self, stream) -> dict[str, OdsSheet]:
        while chunk := stream.read(_CHUNK):
            self.expat.Parse(chunk, False)
        self.expat.Parse(b"", True)
        return self.sheets


def _open_zip(path: Path, limits: ReadingLimits) -> zipfile.ZipFile:
    zf = zipfile.ZipFile(path)
    try:
        check_zip_limits(zf, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def scan_ods(path: Path, limits: ReadingLimits) -> dict[str, OdsSheet]:
    """Every sheet's facts, by name; a sheet reaching beyond the limits is refused with the
    sentence an .xlsx gets. SourceError otherwise."""
    try:
        with _open_zip(path, limits) as zf, zf.open(CONTENT) as stream:
            sheets = _Parser().parse(stream)
    except DefusedXmlException as exc:
        raise SourceError("reading.unsafe_xml", file=path.name, part=CONTENT) from exc
    except (pyexpat.ExpatError, KeyError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise damaged(path) from exc
    for name, sheet in sheets.items():
        refuse_far_cells(path, name, sheet.extent, limits)
    return sheets


def apply_ods(table: SourceTable, sheet: OdsSheet) -> list[ReadingNote]:
    """Put the data sheet's error cells and formulas without a result into the table (as
    an .xlsx's are), note its percent cells and formulas; the notes on hidden rows and
    columns."""
    table.formula_count = sheet.formula_count
    if not table.rows:
        return []
    first, last = table.rows[0], table.rows[-1]
    found = sheet.facts(first, last, [c.index for c in table.columns])
    put_marks(table, found.errors, found.formulas_without_result)
    prob = table.column("probability")
    if prob is not None:
        table.percent_cells = sheet.percent_cells(first, last, prob.index)
    return hidden_notes(table, found.hidden_rows, found.hidden_columns)


def scan_beside_reader(path: Path, limits: ReadingLimits):
    """scan_ods in a thread of its own, beside the reader's child process (the scan is
    Python work, the reader another process: they take a core each); a Future. The zip's
    limits are checked here first, before any reader inflates anything."""
    import concurrent.futures

    try:
        _open_zip(path, limits).close()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise damaged(path) from exc
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ods-scan")
    pending = pool.submit(scan_ods, path, limits)
    pool.shutdown(wait=False)  # the thread ends with its one scan
    return pending
