"""Builders of workbooks for the hostile-file tests: the filled-in template as openpyxl
holds it, zip rewriting, and small writers for the formats no library writes any more (the
compound file of .xls and encrypted .xlsx, BIFF8 workbooks, minimal OpenDocument .ods).

The shared data (schema, period, rows, info sheet) lives here too; `hostile_files` builds
its cases from these and re-exports them for the tests that imported them from there.
"""

from __future__ import annotations

import struct
import zipfile
from datetime import date
from pathlib import Path

import openpyxl

from desktop_app.core.model.period import parse_period
from desktop_app.core.schema.loading import load_schema
from tests.sample_data import header_labels, standard_info, valid_rows

SCHEMA = load_schema()
PERIOD = parse_period("2026-Q4")
NAMES = [c.name for c in SCHEMA.columns]
ROWS = valid_rows(SCHEMA, "SE01", PERIOD, 8, seed=21)
INFO = standard_info(SCHEMA, "SE01", PERIOD)
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


class ExcelError(str):
    """Write as an Excel error cell."""


def data_rows(rows=ROWS) -> list[list]:
    return [[r.get(n) for n in NAMES] for r in rows]


# --------------------------------------------------------------------------- xlsx


def template_book(path: Path, rows=ROWS, *, epoch=None, info=True) -> openpyxl.Workbook:
    """The filled-in template as openpyxl holds it (saved by the caller)."""
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = SCHEMA.model.data_sheet
    ws.append(header_labels(SCHEMA))
    for values in data_rows(rows):
        ws.append([None if isinstance(v, ExcelError) else v for v in values])
        for c, v in enumerate(values, start=1):
            cell = ws.cell(ws.max_row, c)
            if isinstance(v, ExcelError):
                cell.value, cell.data_type = str(v), "e"
            elif isinstance(v, date):
                cell.number_format = "yyyy-mm-dd"
    if info:
        sheet = wb.create_sheet(SCHEMA.model.info_sheet)
        for k, v in INFO.items():
            sheet.append([k, v])
    return wb


def valid_xlsx(folder: Path, name: str = "SE01_2026-Q4_valid.xlsx", rows=ROWS) -> Path:
    path = folder / name
    template_book(path, rows).save(path)
    return path


def rewrite_zip(path: Path, change) -> None:
    """Rewrite a zip, passing each member through change(name, data) -> data or None (drop)."""
    with zipfile.ZipFile(path) as src:
        members = [(i, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            data = change(info.filename, data)
            if data is not None:
                out.writestr(info.filename, data)


# The error cells of the error_values cases: row index -> (column, the error shown).
ERROR_CELLS = {
    0: ("amount", "#N/A"),
    1: ("probability", "#REF!"),
    2: ("close_date", "#DIV/0!"),
    3: ("customer_name", "#VALUE!"),
}


def rows_with_errors(make) -> list[dict]:
    """ROWS with ERROR_CELLS written as make(error text) makes them."""
    rows = [dict(r) for r in ROWS]
    for index, (name, text) in ERROR_CELLS.items():
        rows[index][name] = make(text)
    return rows


def insert_into(path: Path, member: str, before: bytes, text: bytes) -> Path:
    """Rewrite one zip member with text put in front of the first occurrence of before."""
    rewrite_zip(
        path, lambda name, data: data.replace(before, text + before, 1) if name == member else data
    )
    return path


# 40 MB of XML comment that deflates to almost nothing: a part inflating 1000-fold.
ZIP_BOMB_FILLER = b"<!--" + b" " * 40_000_000 + b"-->"


# --------------------------------------------------------------------------- compound files

_FREE, _END, _FAT, _DIFAT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (the container of .xls and of encrypted .xlsx).

    Streams are padded to 4096 bytes so that none lives in the mini stream. The header
    lists the first 109 FAT sectors; DIFAT sectors (127 each) list the rest.
    """
    padded = [d.ljust(-(-max(len(d), 4096) // 512) * 512, b"\0") for d in streams.values()]
    n_data = sum(len(d) // 512 for d in padded)
    n_dir = -(-(len(streams) + 1) // 4)
    n_fat = n_difat = 1
    while n_fat * 128 < n_fat + n_difat + n_data + n_dir:
        n_fat += 1
        n_difat = -(-max(n_fat - 109, 0) // 127)
    fat, starts = [_FAT] * n_fat + [_DIFAT] * n_difat, []
    for data in padded:
        n = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [_END]
    dir_start = len(fat)
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [_END]
    fat += [_FREE] * (n_fat * 128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child=_FREE, right=_FREE) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        head = struct.pack("<HBBIII", len(raw), kind, 1, _FREE, right, child)
        return raw.ljust(64, b"\0") + head + b"\0" * 36 + struct.pack("<IQ", start, size)

    entries = [entry("Root Entry", 5, _END, 0, child=1)]
    for i, name in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else _FREE
        entries.append(entry(name, 2, starts[i], len(padded[i]), right=right))
    unused = b"\0" * 64 + struct.pack("<HBBIII", 2, 0, 0, _FREE, _FREE, _FREE) + b"\0" * 48
    entries += [unused] * (n_dir * 4 - len(entries))
    listed = list(range(n_fat)) + [_FREE] * (109 + 127 * n_difat - n_fat)
    difat = b""
    for i in range(n_difat):
        chunk = listed[109 + 127 * i : 109 + 127 * (i + 1)]
        difat += struct.pack("<128I", *chunk, n_fat + i + 1 if i + 1 < n_difat else _END)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, 4096, _END, 0, n_fat, n_difat)
        + struct.pack("<109I", *listed[:109])
    )
    if not n_difat:
        header = header[:68] + struct.pack("<I", _END) + header[72:]
    fat_sectors = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_sectors + difat + b"".join(padded) + b"".join(entries)


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


_ERROR_CODES = {"#NULL!": 0, "#DIV/0!": 7, "#VALUE!": 15, "#REF!": 23, "#NAME?": 29, "#N/A": 42}


def biff_workbook(sheets: dict[str, list[list]]) -> bytes:
    """An Excel 97-2003 (BIFF8) workbook: text, numbers, dates (as dated numbers),
    booleans and error cells. XF 15 is the general cell format, XF 16 a date format."""

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))

    def xf(number_format: int, style: bool) -> bytes:
        return _record(
            0x00E0,
            struct.pack(
                "<HHHBBBBIIH", 0, number_format, 0xFFF5 if style else 1, 0x20, 0, 0, 0, 0, 0, 0x20C0
            ),
        )

    xfs = b"".join(xf(0, True) for _ in range(15)) + xf(0, False) + xf(14, False)
    head = bof(5) + _record(0x0042, struct.pack("<H", 1200)) + _record(0x0022, b"\0\0") + xfs
    names = [name.encode("utf-16-le") for name in sheets]
    globals_len = len(head) + sum(12 + len(n) for n in names) + 4
    streams, offsets = [], []
    for rows in sheets.values():
        offsets.append(globals_len + sum(len(s) for s in streams))
        cells = bytearray()  # appended to in place: linear, not quadratic
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, ExcelError):
                    cells += _record(0x0205, struct.pack("<HHHBB", r, c, 15, _ERROR_CODES[v], 1))
                elif isinstance(v, bool):
                    cells += _record(0x0205, struct.pack("<HHHBB", r, c, 15, int(v), 0))
                elif isinstance(v, date):
                    serial = (v - date(1899, 12, 30)).days
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 16, float(serial)))
                elif isinstance(v, int | float):
                    cells += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
                else:
                    text = str(v).encode("utf-16-le")
                    cells += _record(
                        0x0204, struct.pack("<HHHHB", r, c, 15, len(text) // 2, 1) + text
                    )
        width = max((len(r) for r in rows), default=0)
        dims = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
        streams.append(bof(0x10) + dims + cells + _record(0x000A))
    for name, raw, offset in zip(sheets, names, offsets, strict=True):
        head += _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + raw)
    return compound_file({"Workbook": head + _record(0x000A) + b"".join(streams)})


def template_sheets(rows=ROWS) -> dict[str, list[list]]:
    return {
        SCHEMA.model.data_sheet: [header_labels(SCHEMA), *data_rows(rows)],
        SCHEMA.model.info_sheet: [[k, v] for k, v in INFO.items()],
    }


# --------------------------------------------------------------------------- OpenDocument

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


class OdsXml(str):
    """A cell written into an .ods as this XML, as it stands (error cells, formulas, repeats)."""


def _ods_cell(v) -> str:
    from xml.sax.saxutils import escape

    if isinstance(v, OdsXml):
        return str(v)
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, date):
        return f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}"/>'
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f'<table:table-cell office:value-type="float" office:value="{v!r}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def ods_workbook(path: Path, sheets: dict[str, list[list]], raw_table: str = "") -> Path:
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join(
            "<table:table-row>" + "".join(map(_ods_cell, row)) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f"{tables}{raw_table}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path
