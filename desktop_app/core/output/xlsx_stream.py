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
- No theme part: fonts name Calibri 11 directly instead of the theme's minor font.
"""

from __future__ import annotations

import contextlib
import numbers
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.errors import ProblemForUser

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
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
_EPOCH = date(1899, 12, 30).toordinal()  # serial 0 of the 1900 date system, as Excel counts
_FIRST_SERIAL = 61  # 1900-03-01: serials before it count a 29 February 1900 that never was
# Number formats built into Excel that xlsxwriter refers to by id (None: General)
_BUILT_IN = {None: 0, "General": 0, "0": 1}
_WIDTH_DEFAULT = 8.43  # Excel's default column width in characters (Calibri 11)

_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class ExcelCannotHold(ProblemForUser):
    """A value, name or size beyond what an Excel workbook can hold."""


@dataclass(frozen=True)
class Column:
    """One column: its header (None: no header), width in characters and number format."""

    header: str | None = None
    width: float | None = None
    number_format: str | None = None  # e.g. "yyyy-mm-dd", "#,##0.00", "0", "@"


def _text(value: str) -> str:
    """Text for an XML element or attribute: escaped, illegal characters as _xHHHH_."""
    return _ESCAPE.sub(_escape_one, value)


def _escape_one(match: re.Match) -> str:
    ch = match.group()
    return _ENTITIES.get(ch) or f"_x{ord(ch):04X}_"


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _stored_width(width: float) -> float:
    """Excel's stored width for a width in characters, as xlsxwriter computes it."""
    digit, padding = 7, 5  # pixels, Calibri 11
    if width < 1:
        pixels = int(width * (digit + padding) + 0.5)
    else:
        pixels = int(width * digit + 0.5) + padding
    return int(pixels / digit * 256) / 256


def check_sheet_name(name: str, taken: Sequence[str] = ()) -> None:
    """Raise ExcelCannotHold unless name is a sheet name Excel accepts."""
    problem = None
    if not name or len(name) > SHEET_NAME_MAX:
        problem = f"it must have 1 to {SHEET_NAME_MAX} characters"
    elif SHEET_NAME_FORBIDDEN & set(name) or any(ord(ch) < 32 for ch in name):
        problem = "it must not contain [ ] : * ? / \\ or control characters"
    elif name.startswith("'") or name.endswith("'"):
        problem = "it must not begin or end with an apostrophe"
    elif name.casefold() == "history":
        problem = "Excel keeps that name for itself"
    elif name.casefold() in (t.casefold() for t in taken):
        problem = "another sheet has that name (Excel ignores case)"
    if problem:
        raise ExcelCannotHold(
            f"{name!r} cannot be the name of a sheet in Excel: {problem}; choose another name."
        )


class _Tags:
    """The opening of a cell, after its row number, for each kind of value in one style."""

    def __init__(self, book: XlsxStream, number_format: str | None, bold: bool) -> None:
        self._book, self._format, self._bold = book, number_format, bold
        plain = self._s(number_format)
        self.text = f'"{plain} t="inlineStr"><is><t>'
        self.text_kept = f'"{plain} t="inlineStr"><is><t xml:space="preserve">'
        self.number = f'"{plain}><v>'
        self.boolean = f'"{plain} t="b"><v>'

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
                f"Sheet {self.name!r} would need more than the {EXCEL_MAX_ROWS:,} rows "
                "an Excel sheet can hold; write fewer rows."
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
                        raise self._cannot_hold(c, row, "an infinite number")
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
            raise self._cannot_hold(
                c,
                row,
                f"a text of {len(v):,} characters starting {v[:30]!r}, more than the "
                f"{CELL_MAX_CHARS:,} a cell can hold",
            )
        opening = tags.text_kept if v[0].isspace() or v[-1].isspace() else tags.text
        return f"{opening}{_text(v)}</t></is></c>"

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
                raise self._cannot_hold(c, row, "an infinite number")
            return f"{tags.number}{x!r}</v></c>"
        if isinstance(v, str):
            return self._text_cell(c, row, str(v), tags) if v else None
        raise TypeError(f"cell {col_letter(c)}{row} of {self.name!r}: cannot write {v!r}")

    def _cannot_hold(self, c: int, row: int, what: str) -> ExcelCannotHold:
        return ExcelCannotHold(
            f"Cell {col_letter(c)}{row} of sheet {self.name!r} would hold {what}, which "
            "Excel cannot store; correct that value and try again."
        )

    def _early_date(self, c: int, row: int, v: date) -> ExcelCannotHold:
        return self._cannot_hold(
            c, row, f"the date {v:%Y-%m-%d}, before 1900-03-01 (Excel's dates are wrong before it)"
        )

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
            raise ExcelCannotHold(
                f"Sheet {self.name!r} holds more than 2 GB of cell data, more than "
                "a workbook sheet can be written with; write fewer rows."
            )
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
    def _filter_range(self) -> str:
        return f"$A$1:${col_letter(len(self.columns) - 1)}${max(self.rows, 1)}"

    def _head(self, *, dimension: bool) -> str:
        parts = [_XML_HEAD, f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">']
        if dimension:
            parts.append(f'<dimension ref="{self._used_range}"/>')
        selected = ' tabSelected="1"' if self.index == self.book._active else ""
        if self.freeze_header:
            parts.append(
                f'<sheetViews><sheetView{selected} workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                '<selection pane="bottomLeft"/></sheetView></sheetViews>'
            )
        else:
            parts.append(f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>')
        parts.append('<sheetFormatPr defaultRowHeight="15"/>')
        cols = []
        for c, (col, style) in enumerate(zip(self.columns, self._col_styles, strict=True)):
            if col.width is None and not style:
                continue
            width = _stored_width(_WIDTH_DEFAULT if col.width is None else col.width)
            extra = (f' style="{style}"' if style else "") + (
                ' customWidth="1"' if col.width is not None else ""
            )
            cols.append(f'<col min="{c + 1}" max="{c + 1}" width="{width}"{extra}/>')
        if cols:
            parts.append(f"<cols>{''.join(cols)}</cols>")
        parts.append("<sheetData>")
        return "".join(parts)

    def _tail(self) -> str:
        autofilter = ""
        if self.autofilter:
            autofilter = f'<autoFilter ref="{self._filter_range.replace("$", "")}"/>'
        return (
            f"</sheetData>{autofilter}"
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>'
        )


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
            if number_format not in _BUILT_IN and number_format not in self._formats:
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
        return [
            ("[Content_Types].xml", self._content_types()),
            ("_rels/.rels", _ROOT_RELS),
            ("docProps/app.xml", self._app()),
            ("docProps/core.xml", _core()),
            ("xl/workbook.xml", self._workbook()),
            ("xl/_rels/workbook.xml.rels", self._workbook_rels()),
            ("xl/styles.xml", self._styles_xml()),
        ]

    def _content_types(self) -> str:
        ct = "application/vnd.openxmlformats-officedocument"
        overrides = [
            ("/docProps/app.xml", f"{ct}.extended-properties+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/xl/styles.xml", f"{ct}.spreadsheetml.styles+xml"),
            ("/xl/workbook.xml", f"{ct}.spreadsheetml.sheet.main+xml"),
        ] + [(f"/{s.member}", f"{ct}.spreadsheetml.worksheet+xml") for s in self.sheets]
        return (
            f"{_XML_HEAD}<Types "
            'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
            + "</Types>"
        )

    def _app(self) -> str:
        names = "".join(f"<vt:lpstr>{_text(s.name)}</vt:lpstr>" for s in self.sheets)
        n = len(self.sheets)
        return (
            f"{_XML_HEAD}<Properties "
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
            "<ScaleCrop>false</ScaleCrop><HeadingPairs>"
            '<vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
            f"</vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector>"
            f'</HeadingPairs><TitlesOfParts><vt:vector size="{n}" baseType="lpstr">{names}'
            "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<AppVersion>12.0000</AppVersion></Properties>"
        )

    def _workbook(self) -> str:
        active = self._active
        view = f' firstSheet="{active}" activeTab="{active}"' if active else ""
        sheets = "".join(
            f'<sheet name="{_attr(s.name)}" sheetId="{s.index + 1}"'
            + (' state="hidden"' if s.hidden else "")
            + f' r:id="rId{s.index + 1}"/>'
            for s in self.sheets
        )
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{s.index}" hidden="1">'
            f"{_text(_quoted(s.name))}!{s._filter_range}</definedName>"
            for s in self.sheets
            if s.autofilter
        )
        return (
            f'{_XML_HEAD}<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
            '<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/>'
            '<workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" '
            f'yWindow="15" windowWidth="16095" windowHeight="9660"{view}/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{filters}</definedNames>" if filters else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )

    def _workbook_rels(self) -> str:
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        targets = [(f"{rel}/worksheet", f"worksheets/sheet{s.index + 1}.xml") for s in self.sheets]
        targets.append((f"{rel}/styles", "styles.xml"))
        return _relationships(targets)

    def _styles_xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>'
            for code, i in self._formats.items()
        )
        xfs = []
        for number_format, bold in self._styles:  # in index order
            fmt_id = _BUILT_IN.get(number_format) or self._formats.get(number_format, 0)
            applied = (' applyNumberFormat="1"' if fmt_id else "") + (
                ' applyFont="1"' if bold else ""
            )
            xfs.append(
                f'<xf numFmtId="{fmt_id}" fontId="{int(bold)}" fillId="0" borderId="0" '
                f'xfId="0"{applied}/>'
            )
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return (
            f'{_XML_HEAD}<styleSheet xmlns="{_MAIN_NS}">'
            + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>' if formats else "")
            + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
        )


def _quoted(sheet_name: str) -> str:
    """A sheet name as a formula names it: always quoted, apostrophes doubled."""
    return "'" + sheet_name.replace("'", "''") + "'"


def _relationships(targets: list[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{t}" Target="{target}"/>'
        for i, (t, target) in enumerate(targets, start=1)
    )
    return f'{_XML_HEAD}<Relationships xmlns="{_PKG_REL_NS}">{rels}</Relationships>'


_ROOT_RELS = _relationships(
    [
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
         "xl/workbook.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
         "docProps/app.xml"),
    ]
)  # fmt: skip


def _core() -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )
