"""A small streaming .xlsx writer for the big sheets the program writes (export, consolidation).

xlsxwriter costs about 5 µs per cell; generating the sheet XML here and deflating it
at a low level writes the same 100,000 rows in about 1.5 s instead of 11.5 s
(benchmarks/bench_export.py). What it writes is modelled part by part, element by
element, on what xlsxwriter writes for the same workbook (tests/test_xlsx_stream.py
compares the two), so Excel opens it without a repair prompt. The blank template
(drop-down lists, input hints) stays with xlsxwriter.

    with XlsxStream(tmp) as book:
        sheet = book.add_sheet("Pipeline", [Column("Amount", 15, "#,##0.00"), ...])
        sheet.write_row([1234.5, ...])

Rows are kept in memory a few thousand at a time, then deflated into the sheet's zip
member, so memory stays flat however long the sheet. Only one zip member can be open
at a time: the first sheet to fill its buffer streams, the others keep their rows in
memory until the workbook is closed (write the big sheet's rows together; small sheets
may come before or after it).

Decisions the format leaves open:
- Text is stored inline (t="inlineStr"); an inline string is never a formula, so text
  starting with "=" stays text. Characters XML 1.0 cannot hold (control characters
  other than tab and newline, carriage return, lone surrogates) are written the OOXML
  way, _xHHHH_, and a literal "_xHHHH_" in the text as _x005F_xHHHH_, so Excel and
  python-calamine read back exactly what was written (openpyxl does not decode these
  escapes and shows them as stored). An empty string is an empty cell.
- Text longer than Excel's 32,767 characters per cell, a number that is infinite and a
  date before 1900-03-01 (Excel's 1900 date system is wrong before that day) raise
  ExcelCannotHold naming the cell: writing them cut or shifted would hand over data
  that is not what was checked. NaN is an empty cell (pandas' missing value).
- Numbers are written as repr() (shortest round trip, no locale); booleans as t="b".
- Dates are serial numbers of the 1900 system. A date takes its column's number format,
  else yyyy-mm-dd; a datetime with a time of day takes yyyy-mm-dd hh:mm:ss when its
  column has none; a datetime at midnight is written as the date (the same serial).
  Time zones are ignored: the wall-clock time is written.
- <dimension> comes first in a sheet, before its rows. A sheet that fits the buffer gets
  the exact one xlsxwriter writes; a streamed sheet (its rows outgrew the buffer) gets
  it from the number of rows the caller announced (add_sheet(rows=)), or, unannounced,
  none: the element is optional, and Excel, LibreOffice, openpyxl and python-calamine
  find the used range themselves.
The parts around the sheets (workbook, styles, relationships) are in xlsx_parts.py.
"""

from __future__ import annotations

import contextlib
import numbers
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.excel_errors import EXCEL_ERROR_TEXTS, ErrorValue
from desktop_app.core.output.xlsx_parts import (
    BUILT_IN_FORMATS,
    DATE_FORMAT,
    DATETIME_FORMAT,
    package_parts,
    sheet_head,
    sheet_tail,
    xml_text,
)

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
CELL_MAX_CHARS = 32_767  # counted in UTF-16 units, as Excel counts them
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
# Deflating the 87 MB of sheet XML of a 100,000-row export: level 1 0.30 s, 13.0 MB;
# level 2 0.32 s, 12.3 MB; level 3 0.47 s, 11.5 MB; level 6 (zlib's and xlsxwriter's
# default) 1.10 s, 10.1 MB. Level 2 buys most of the size for almost no time.
DEFAULT_LEVEL = 2
FLUSH_ROWS = 2_000  # rows kept in memory before they are deflated into the file
MEMBER_LIMIT = (1 << 31) - 1  # a zip member past this needs Zip64, which Excel may refuse
_EPOCH = date(1899, 12, 30).toordinal()  # serial 0 of the 1900 date system, as Excel counts
EXCEL_FIRST_DATE = date(1900, 3, 1)  # serials before it count a 29 February 1900 that never was
_FIRST_SERIAL = EXCEL_FIRST_DATE.toordinal() - _EPOCH  # 61


class ExcelCannotHold(ProblemForUser):
    """A value, name or size beyond what an Excel workbook can hold."""


@dataclass(frozen=True)
class Column:
    """One column: its header (None: no header), width in characters and number format."""

    header: str | None = None
    width: float | None = None
    number_format: str | None = None  # e.g. "yyyy-mm-dd", "#,##0.00", "0", "@"


def check_sheet_name(name: str, taken: Sequence[str] = ()) -> None:
    """Raise ExcelCannotHold unless name is a sheet name Excel accepts."""
    said = {"name": repr(name), "most": str(SHEET_NAME_MAX)}
    if not name or len(name) > SHEET_NAME_MAX:
        raise ExcelCannotHold("output.sheet_name.length", **said)
    if SHEET_NAME_FORBIDDEN & set(name) or any(ord(ch) < 32 for ch in name):
        raise ExcelCannotHold("output.sheet_name.characters", **said)
    if name.startswith("'") or name.endswith("'"):
        raise ExcelCannotHold("output.sheet_name.apostrophe", **said)
    if name.casefold() == "history":
        raise ExcelCannotHold("output.sheet_name.reserved", **said)
    if name.casefold() in (t.casefold() for t in taken):
        raise ExcelCannotHold("output.sheet_name.taken", **said)


class _Tags:
    """The opening of a cell, after its row number, for each kind of value in one style."""

    def __init__(self, book: XlsxStream, number_format: str | None, bold: bool) -> None:
        self._book, self._format, self._bold = book, number_format, bold
        plain = self._s(number_format)
        self.text = f'"{plain} t="inlineStr"><is><t>'
        self.text_kept = f'"{plain} t="inlineStr"><is><t xml:space="preserve">'
        self.number = f'"{plain}><v>'
        self.boolean = f'"{plain} t="b"><v>'
        self.error = f'"{plain} t="e"><v>'

    def _s(self, number_format: str | None) -> str:
        index = self._book._style(number_format, self._bold)
        return f' s="{index}"' if index else ""

    # Dates register their style when the first one is written, so that a workbook
    # without dates has no date style.
    @cached_property
    def date(self) -> str:
        return f'"{self._s(self._format or DATE_FORMAT)}><v>'

    @cached_property
    def date_time(self) -> str:
        return f'"{self._s(self._format or DATETIME_FORMAT)}><v>'


class Sheet:
    """One worksheet; rows are written top to bottom with write_row()."""

    def __init__(
        self,
        book: XlsxStream,
        index: int,
        name: str,
        columns: Sequence[Column],
        freeze_header: bool,
        autofilter: bool,
        hidden: bool,
        rows: int | None,
    ) -> None:
        self.book, self.index, self.name = book, index, name
        self.columns = list(columns)
        self.hidden = hidden
        self.member = f"xl/worksheets/sheet{index + 1}.xml"
        self.rows = 0  # rows written, the header row included
        self._planned: int | None = None  # all the sheet's rows, when announced
        self._width = 0  # columns used, for <dimension>
        self._buffer: list[str] = []
        self._bytes = 0  # written to the zip member so far
        self._streaming = False
        self._refs = [f'<c r="{col_letter(c)}' for c in range(len(self.columns))]
        self._tags = [book._tags(col.number_format, False) for col in self.columns]
        self._col_styles = [book._style(col.number_format, False) for col in self.columns]
        has_header = any(col.header is not None for col in self.columns)
        self.freeze_header = freeze_header and has_header
        self.autofilter = autofilter and has_header
        if has_header:  # bold, in the General format, as xlsxwriter writes a header
            header_tags = [book._tags(None, True)] * len(self.columns)
            self._append([col.header for col in self.columns], header_tags)
        if rows is not None:
            self._planned = self.rows + rows

    # ------------------------------------------------------------ rows

    @cached_property
    def _bold_tags(self) -> list[_Tags]:
        return [self.book._tags(col.number_format, True) for col in self.columns]

    def write_row(
        self,
        values: Sequence[Any],
        *,
        bold: bool = False,
        number_formats: Sequence[str | None] | None = None,
    ) -> None:
        """Append one row: str, int, float, bool, date, datetime or None (an empty cell).

        number_formats, when given, overrides the columns' formats for this row's cells
        (None keeps the column's).
        """
        if number_formats is not None:
            formats = list(number_formats) + [None] * (len(self.columns) - len(number_formats))
            tags = [
                self.book._tags(col.number_format if fmt is None else fmt, bold)
                for col, fmt in zip(self.columns, formats, strict=False)
            ]
        else:
            tags = self._bold_tags if bold else self._tags
        self._append(values, tags)

    def _append(self, values: Sequence[Any], tags: Sequence[_Tags]) -> None:
        n = len(values)
        if n > len(self.columns):
            raise ValueError(f"{n} values for the {len(self.columns)} columns of {self.name!r}")
        if self.book._closed:
            raise ValueError("the workbook is closed")
        row = self.rows + 1
        if self._planned is not None and row > self._planned:
            raise ValueError(f"{self.name!r} was to have {self._planned} rows, header included")
        if row > EXCEL_MAX_ROWS:
            raise ExcelCannotHold(
                "output.sheet_rows", sheet=repr(self.name), rows=f"{EXCEL_MAX_ROWS:,}"
            )
        refs, rn = self._refs, str(row)
        cells: list[str] = []
        add = cells.append
        for c, v in enumerate(values):
            t = type(v)
            if t is str:
                if v:
                    # Fast: nothing to escape, no white space at either end (every white
                    # space but " " is unprintable), short enough. Else _text_cell.
                    if (
                        v.isprintable()
                        and v[0] != " "
                        and v[-1] != " "
                        and "&" not in v
                        and "<" not in v
                        and ">" not in v
                        and "_x" not in v
                        and len(v) < CELL_MAX_CHARS // 2
                    ):
                        add(f"{refs[c]}{rn}{tags[c].text}{v}</t></is></c>")
                    else:
                        add(f"{refs[c]}{rn}{self._text_cell(c, row, v, tags[c])}")
            elif t is float:
                if v - v:  # NaN (an empty cell) or infinite
                    if v == v:
                        raise ExcelCannotHold("output.cell.infinite", **self._cell(c, row))
                else:
                    add(f"{refs[c]}{rn}{tags[c].number}{v!r}</v></c>")
            elif t is int:
                add(f"{refs[c]}{rn}{tags[c].number}{v}</v></c>")
            elif t is date:
                serial = v.toordinal() - _EPOCH
                if serial < _FIRST_SERIAL:
                    raise self._early_date(c, row, v)
                add(f"{refs[c]}{rn}{tags[c].date}{serial}</v></c>")
            elif v is not None:
                cell = self._other_cell(c, row, v, tags[c])
                if cell:
                    add(f"{refs[c]}{rn}{cell}")
        self.rows = row
        if cells:
            while n and _empty(values[n - 1]):
                n -= 1
            self._width = max(self._width, n)
            self._buffer.append(f'<row r="{rn}">{"".join(cells)}</row>')
            if len(self._buffer) >= FLUSH_ROWS:
                self._flush()

    def _text_cell(self, c: int, row: int, v: str, tags: _Tags) -> str:
        if len(v) > CELL_MAX_CHARS // 2 and len(v.encode("utf-16-le")) > 2 * CELL_MAX_CHARS:
            raise ExcelCannotHold(
                "output.cell.long_text",
                length=f"{len(v):,}",
                start=repr(v[:30]),
                most=f"{CELL_MAX_CHARS:,}",
                **self._cell(c, row),
            )
        opening = tags.text_kept if v[0].isspace() or v[-1].isspace() else tags.text
        return f"{opening}{xml_text(v)}</t></is></c>"

    def _other_cell(self, c: int, row: int, v: Any, tags: _Tags) -> str | None:
        """A cell whose value is not exactly str, float, int, date or None (rare: slow)."""
        if isinstance(v, bool):
            return f"{tags.boolean}{int(v)}</v></c>"
        if isinstance(v, datetime):
            days = v.toordinal() - _EPOCH
            if days < _FIRST_SERIAL:
                raise self._early_date(c, row, v)
            seconds = v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
            if not seconds:
                return f"{tags.date}{days}</v></c>"
            return f"{tags.date_time}{days + seconds / 86400!r}</v></c>"
        if isinstance(v, date):
            return self._other_cell(c, row, datetime.combine(v, datetime.min.time()), tags)
        if isinstance(v, numbers.Integral):
            return f"{tags.number}{int(v)}</v></c>"
        if isinstance(v, numbers.Real):
            x = float(v)
            if x != x:
                return None
            if x - x:
                raise ExcelCannotHold("output.cell.infinite", **self._cell(c, row))
            return f"{tags.number}{x!r}</v></c>"
        if isinstance(v, ErrorValue) and v in EXCEL_ERROR_TEXTS:  # what Excel shows as #N/A
            return f"{tags.error}{v}</v></c>"
        if isinstance(v, str):
            return self._text_cell(c, row, str(v), tags) if v else None
        raise TypeError(f"cell {col_letter(c)}{row} of {self.name!r}: cannot write {v!r}")

    def _cell(self, c: int, row: int) -> dict[str, str]:
        """Where a value Excel cannot store would have gone, as its refusal names it."""
        return {"cell": f"{col_letter(c)}{row}", "sheet": repr(self.name)}

    def _early_date(self, c: int, row: int, v: date) -> ExcelCannotHold:
        date_ = f"{v:%Y-%m-%d}"
        return ExcelCannotHold("output.cell.early_date", date=date_, **self._cell(c, row))

    # ------------------------------------------------------------ the part

    def _flush(self) -> None:
        """Deflate the buffered rows into the zip member, if no other sheet is streaming."""
        if not self._streaming:
            if not self.book._claim_member(self):
                return  # another sheet streams: keep the rows until the workbook closes
            self._streaming = True
            self._write(self._head(dimension=self._planned is not None))
        self._write("".join(self._buffer))
        self._buffer.clear()

    def _finish(self) -> None:
        """Into the open member: all of a sheet that never streamed, else its last rows."""
        if self._planned not in (None, self.rows):
            raise ValueError(
                f"{self.name!r} was to have {self._planned} rows, header included, "
                f"and has {self.rows}"
            )
        if not self._streaming:
            self._write(self._head(dimension=True))
        for start in range(0, len(self._buffer), FLUSH_ROWS):
            self._write("".join(self._buffer[start : start + FLUSH_ROWS]))
        self._buffer.clear()
        self._write(self._tail())

    def _write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._bytes += len(data)
        if self._bytes > MEMBER_LIMIT:
            raise ExcelCannotHold("output.sheet_too_big", sheet=repr(self.name))
        self.book._member.write(data)

    @property
    def _used_range(self) -> str:
        """From the cells written; for a streamed sheet, from the rows planned (every
        column counted, as a header row fills them all)."""
        rows, width = self.rows, self._width
        if self._streaming:
            rows, width = self._planned, len(self.columns)
        if not rows or not width:
            return "A1"
        last = f"{col_letter(width - 1)}{rows}"
        return "A1" if last == "A1" else f"A1:{last}"

    @property
    def filter_range(self) -> str:
        return f"$A$1:${col_letter(len(self.columns) - 1)}${max(self.rows, 1)}"

    def _head(self, *, dimension: bool) -> str:
        return sheet_head(
            self.columns,
            self._col_styles,
            used_range=self._used_range if dimension else None,
            selected=self.index == self.book._active,
            freeze_header=self.freeze_header,
        )

    def _tail(self) -> str:
        return sheet_tail(self.filter_range if self.autofilter else None)


def _empty(v: Any) -> bool:
    return v is None or v == "" or (type(v) is float and v != v)


class XlsxStream:
    """A workbook written sheet by sheet, row by row. Use it as a context manager; a
    workbook left by an exception is not finished (the caller's atomic_path removes it)."""

    def __init__(self, path: str | Path, *, compresslevel: int = DEFAULT_LEVEL) -> None:
        self._zip = zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
        )
        self.sheets: list[Sheet] = []
        self._member = None  # the zip member being written
        self._streamer: Sheet | None = None
        self._styles: dict[tuple[str | None, bool], int] = {(None, False): 0}
        self._formats: dict[str, int] = {}  # custom format code -> numFmtId
        self._tag_cache: dict[tuple[str | None, bool], _Tags] = {}
        self._closed = False

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._abandon()
            return
        try:
            self.close()
        except BaseException:
            self._abandon()
            raise

    def add_sheet(
        self,
        name: str,
        columns: Sequence[Column],
        *,
        freeze_header: bool = True,
        autofilter: bool = True,
        hidden: bool = False,
        rows: int | None = None,
    ) -> Sheet:
        """A new sheet, placed after the others. When any column has a header, row 1 holds
        the headers in bold; freeze_header and autofilter apply to that row.

        rows: how many rows will follow the header, when known. A long sheet streams
        before its last row is known; told, it still starts with its <dimension>, which
        lets readers (ours among them) trust the sheet's size before reading it.
        """
        check_sheet_name(name, [s.name for s in self.sheets])
        if not columns or len(columns) > EXCEL_MAX_COLUMNS:
            raise ValueError(f"a sheet needs 1 to {EXCEL_MAX_COLUMNS:,} columns")
        sheet = Sheet(
            self, len(self.sheets), name, columns, freeze_header, autofilter, hidden, rows
        )
        self.sheets.append(sheet)
        return sheet

    @property
    def _active(self) -> int:
        """The sheet shown when the file opens: the first visible one."""
        return next((s.index for s in self.sheets if not s.hidden), 0)

    def close(self) -> None:
        """Finish every sheet and write the workbook's other parts."""
        if self._closed:
            return
        if not self.sheets or all(s.hidden for s in self.sheets):
            raise ValueError("a workbook needs at least one visible sheet")
        streamer = self._streamer
        if streamer is not None:
            streamer._finish()
            self._member.close()
        for sheet in self.sheets:
            if sheet is not streamer:
                self._member = self._zip.open(sheet.member, "w")
                sheet._finish()
                self._member.close()
        self._member = None
        self._closed = True
        for name, xml in self._package_parts():
            self._zip.writestr(name, xml)
        self._zip.close()

    def _abandon(self) -> None:
        """Close the file without finishing it: it is incomplete and will be removed."""
        self._closed = True
        with contextlib.suppress(Exception):
            if self._member is not None:
                self._member.close()
        with contextlib.suppress(Exception):
            self._zip.close()

    def _claim_member(self, sheet: Sheet) -> bool:
        """Open sheet's zip member unless another sheet streams into its own."""
        if self._streamer is None:
            self._streamer = sheet
            self._member = self._zip.open(sheet.member, "w")
        return self._streamer is sheet

    # ------------------------------------------------------------ styles

    def _style(self, number_format: str | None, bold: bool) -> int:
        """The cellXfs index of a number format (None: General) and weight."""
        key = (number_format, bold)
        if key not in self._styles:
            if number_format not in BUILT_IN_FORMATS and number_format not in self._formats:
                self._formats[number_format] = 164 + len(self._formats)  # first custom id
            self._styles[key] = len(self._styles)
        return self._styles[key]

    def _tags(self, number_format: str | None, bold: bool) -> _Tags:
        key = (number_format, bold)
        if key not in self._tag_cache:
            self._tag_cache[key] = _Tags(self, number_format, bold)
        return self._tag_cache[key]

    # ------------------------------------------------------------ the package

    def _package_parts(self) -> list[tuple[str, str]]:
        return package_parts(self.sheets, self._active, list(self._styles), self._formats)
