"""Hostile, broken and strange input files, generated at test time (nothing big is committed).

Each case is a builder (folder -> path of the file it wrote) and what the program must do
with it: refuse it with one sentence matching a pattern, or read it and say the listed
DQ1 warnings. The .xls and the encrypted workbook are compound files written here by a
small writer (no library writes .xls any more); the .ods is a minimal OpenDocument zip.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

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
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(v) -> str:
    from xml.sax.saxutils import escape

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


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    build: object  # folder -> Path
    refused: str | None = None  # regex the one sentence must match; None: read and checked
    warnings: frozenset[str] = field(default_factory=frozenset)  # DQ1 codes it must say
    errors_at: frozenset[str] = field(default_factory=frozenset)  # cells with a DQ3 error


def _password(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_password.xlsx"
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<encryption/>"
    path.write_bytes(compound_file({"EncryptionInfo": info, "EncryptedPackage": b"\x93" * 5000}))
    return path


def _truncated(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_truncated.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt(folder: Path) -> Path:
    """Sheet bytes overwritten in the middle, the zip directory intact."""
    path = valid_xlsx(folder, "SE01_2026-Q4_corrupt.xlsx")
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    return path


def _xls_renamed(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_really_xls.xlsx"
    path.write_bytes(biff_workbook(template_sheets()))
    return path


def _pdf_renamed(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_really_pdf.xlsx"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    return path


def _html_renamed(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_crm_export.xls"
    cells = "".join(f"<td>{h}</td>" for h in header_labels(SCHEMA))
    path.write_text(f"<html><body><table><tr>{cells}</tr></table></body></html>", "utf-8")
    return path


def _csv_renamed(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_really_csv.xlsx"
    path.write_text(",".join(header_labels(SCHEMA)) + "\n", "utf-8")
    return path


def _zip_bomb(folder: Path) -> Path:
    """A workbook whose sheet inflates 1000-fold: refused from the zip directory alone."""
    path = valid_xlsx(folder, "SE01_2026-Q4_zip_bomb.xlsx")
    filler = b"<!--" + b" " * 40_000_000 + b"-->"
    rewrite_zip(
        path,
        lambda name, data: (
            data.replace(b"<sheetData>", filler + b"<sheetData>")
            if name == "xl/worksheets/sheet1.xml"
            else data
        ),
    )
    return path


def _entity_bomb(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_entity_bomb.xlsx")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return data.replace(b"<workbook", BILLION_LAUGHS.encode() + b"<workbook", 1)
        return data

    rewrite_zip(path, change)
    return path


def _sheet_entity_bomb(folder: Path) -> Path:
    """The entities in the sheet XML, which only calamine (and openpyxl) would parse."""
    path = valid_xlsx(folder, "SE01_2026-Q4_sheet_entity_bomb.xlsx")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data = data.replace(b"<worksheet", BILLION_LAUGHS.encode() + b"<worksheet", 1)
            return data.replace(b"<t>Closed Won</t>", b"<t>&lol9;</t>")
        return data

    rewrite_zip(path, change)
    return path


def _empty(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_empty.xlsx"
    path.write_bytes(b"")
    return path


def _no_sheets(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_no_sheets.xlsx")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            start, end = data.index(b"<sheets>"), data.index(b"</sheets>")
            return data[:start] + b"<sheets></sheets>" + data[end + len(b"</sheets>") :]
        return data

    rewrite_zip(path, change)
    return path


def _no_header(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_no_header.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Deal", "Value", "When"])
    wb.active.append(["Big one", 1000, date(2026, 12, 1)])
    wb.save(path)
    return path


def _far_cell(folder: Path) -> Path:
    """A stray value at XFD1048576: calamine would try to allocate ~550 GB and abort."""
    path = folder / "SE01_2026-Q4_far_cell.xlsx"
    wb = template_book(path)
    wb[SCHEMA.model.data_sheet]["XFD1048576"] = "x"
    wb.save(path)
    return path


def _far_cell_out_of_order(folder: Path) -> Path:
    """The far cell written first, in row 1, under a dimension that hides it."""
    path = valid_xlsx(folder, "SE01_2026-Q4_far_cell_hidden.xlsx")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data = data.replace(b'<c r="A1"', b'<c r="XFD1048576"><v>1</v></c><c r="A1"', 1)
            start = data.index(b"<dimension")
            return data[:start] + b'<dimension ref="A1:T9"/>' + data[data.index(b">", start) + 1 :]
        return data

    rewrite_zip(path, change)
    return path


def _legacy_huge_grid(folder: Path) -> Path:
    """An .ods whose one cell repeats across the whole grid: the reader cannot hold it."""
    path = folder / "SE01_2026-Q4_huge_grid.ods"
    huge = (
        '<table:table table:name="Pipeline"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row></table:table>'
    )
    return ods_workbook(path, {}, raw_table=huge)


def _xlsb_unreadable(folder: Path) -> Path:
    """An .xlsb whose binary workbook part is damaged: read in the child, refused there."""
    path = folder / "SE01_2026-Q4_binary.xlsb"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00" + bytes(range(256)))
    return path


def _csv(folder: Path, name: str, encoding: str, delimiter: str) -> Path:
    """A CSV export as Swedish Excel writes it (decimal comma)."""

    def cell(v) -> str:
        if v is None:
            return ""
        if isinstance(v, date):
            return v.isoformat()
        if isinstance(v, float):
            return f"{v:.2f}".replace(".", ",")
        return str(v)

    lines = [delimiter.join(header_labels(SCHEMA))]
    lines += [delimiter.join(cell(v) for v in row) for row in data_rows()]
    lines[1] = lines[1].replace(ROWS[0]["customer_name"], "Åkesson Müller AB")
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def _xls(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_legacy.xls"
    path.write_bytes(biff_workbook(template_sheets()))
    return path


def _ods(folder: Path) -> Path:
    return ods_workbook(folder / "SE01_2026-Q4_legacy.ods", template_sheets())


def _formulas(folder: Path) -> Path:
    """amount_eur as a formula with its stored result, and one formula without a result."""
    path = folder / "SE01_2026-Q4_formulas.xlsx"
    wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False})
    ws = wb.add_worksheet(SCHEMA.model.data_sheet)
    dated = wb.add_format({"num_format": "yyyy-mm-dd"})
    eur, amount = NAMES.index("amount_eur"), NAMES.index("amount")
    ws.write_row(0, 0, header_labels(SCHEMA))
    for r, values in enumerate(data_rows(), start=1):
        for c, v in enumerate(values):
            if c == eur:
                rate = SCHEMA.model.rates[ROWS[r - 1]["currency"]]
                result = round(ROWS[r - 1]["amount"] / rate, 2)
                ws.write_formula(r, c, f"=ROUND({chr(65 + amount)}{r + 1}/{rate},2)", None, result)
            elif isinstance(v, date):
                ws.write_datetime(r, c, v, dated)
            elif v is not None:
                ws.write(r, c, v)
    info = wb.add_worksheet(SCHEMA.model.info_sheet)
    for r, (k, v) in enumerate(INFO.items()):
        info.write_row(r, 0, [k, v])
    wb.close()
    # xlsxwriter always stores a result (0 by default); take it away from the first formula.
    rewrite_zip(
        path,
        lambda name, data: (
            re.sub(rb"</f><v>[^<]*</v>", b"</f>", data, count=1)
            if name == "xl/worksheets/sheet1.xml"
            else data
        ),
    )
    return path


_EXTERNAL_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _external_links(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_linked.xlsx")
    link_rels = (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        f'Type="{_EXTERNAL_REL}/externalLinkPath" Target="file:///C:/CRM/rates.xlsx" '
        'TargetMode="External"/></Relationships>'
    )
    link = (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'r:id="rId1"/></externalLink>'
    )

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            rel = (
                f'<Relationship Id="rIdX1" Type="{_EXTERNAL_REL}/externalLink" '
                'Target="externalLinks/externalLink1.xml"/></Relationships>'
            )
            return data.replace(b"</Relationships>", rel.encode())
        return data

    rewrite_zip(path, change)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/externalLinks/externalLink1.xml", link)
        zf.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", link_rels)
    return path


def _macros(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_macros.xlsm")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run, never parsed")
    return path


def _merged(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_merged.xlsx"
    rows = [dict(r) for r in ROWS]
    rows[1]["next_step"], rows[2]["next_step"] = "Call the CFO", "Send the offer"
    wb = template_book(path, rows)
    ws = wb[SCHEMA.model.data_sheet]
    col = NAMES.index("next_step") + 1
    ws.merge_cells(start_row=3, end_row=4, start_column=col, end_column=col)
    wb.save(path)
    return path


def _hidden(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_hidden.xlsx"
    wb = template_book(path)
    ws = wb[SCHEMA.model.data_sheet]
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["S"].hidden = True
    ws.sheet_state = "hidden"
    wb[SCHEMA.model.info_sheet].sheet_view.tabSelected = True
    wb.active = 1
    wb.save(path)
    return path


def _date1904(folder: Path) -> Path:
    path = folder / "SE01_2026-Q4_mac1904.xlsx"
    template_book(path, epoch=CALENDAR_MAC_1904).save(path)
    return path


def _big_dimension(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_big_dimension.xlsx")

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            start = data.index(b"<dimension")
            end = data.index(b">", start) + 1
            return data[:start] + b'<dimension ref="A1:XFD1048576"/>' + data[end:]
        return data

    rewrite_zip(path, change)
    return path


def _strange_text(folder: Path) -> Path:
    rows = [dict(r) for r in ROWS]
    rows[0]["next_step"] = "x" * 32_767
    rows[1]["next_step"] = "Ring_x0007_ the\u200b bell\ufeff"  # how xlsx stores a control character
    rows[2]["customer_name"] = "\u0634\u0631\u0643\u0629 \u0627\u0644\u062e\u0644\u064a\u062c"
    rows[3]["opportunity_name"] = "Rollout 🚀 phase 2 👩\u200d💻"
    rows[4]["owner"] = "\u202eevil\u202c Name"
    path = folder / "SE01_2026-Q4_strange_text.xlsx"
    template_book(path, rows).save(path)
    return path


def _error_values(folder: Path) -> Path:
    rows = [dict(r) for r in ROWS]
    rows[0]["amount"] = ExcelError("#N/A")
    rows[1]["probability"] = ExcelError("#REF!")
    rows[2]["close_date"] = ExcelError("#DIV/0!")
    rows[3]["customer_name"] = ExcelError("#VALUE!")
    path = folder / "SE01_2026-Q4_error_values.xlsx"
    template_book(path, rows).save(path)
    return path


def _cell(name: str, row_index: int) -> str:
    return f"{chr(65 + NAMES.index(name))}{row_index + 2}"


CASES: dict[str, Case] = {
    "password": Case(_password, refused="password-protected"),
    "truncated": Case(_truncated, refused="damaged or incomplete"),
    "corrupt": Case(_corrupt, refused="damaged|could not be read|is not an Excel workbook"),
    "xls_renamed": Case(_xls_renamed, refused="really an Excel 97-2003 workbook"),
    "pdf_renamed": Case(_pdf_renamed, refused="really a PDF"),
    "html_renamed": Case(_html_renamed, refused="really a web page"),
    "csv_renamed": Case(_csv_renamed, refused="really a text file.*rename it to .csv"),
    "zip_bomb": Case(_zip_bomb, refused="zip bomb"),
    "entity_bomb": Case(_entity_bomb, refused="unsafe XML"),
    "sheet_entity_bomb": Case(_sheet_entity_bomb, refused="could not be read|unsafe XML"),
    "empty": Case(_empty, refused="is empty"),
    "no_sheets": Case(_no_sheets, refused="has no worksheets"),
    "no_header": Case(_no_header, refused="does not have the template's header row"),
    "far_cell": Case(_far_cell, refused="cell XFD1048576, far beyond"),
    "far_cell_out_of_order": Case(_far_cell_out_of_order, refused="cell XFD1048576, far beyond"),
    "legacy_huge_grid": Case(
        _legacy_huge_grid, refused="could not be read|made the spreadsheet reader fail"
    ),
    "xlsb_unreadable": Case(_xlsb_unreadable, refused="could not be read"),
    "csv_utf16": Case(lambda f: _csv(f, "SE01_2026-Q4_utf16.csv", "utf-16", "\t")),
    "csv_cp1252": Case(lambda f: _csv(f, "SE01_2026-Q4_cp1252.csv", "cp1252", ";")),
    "xls": Case(_xls, warnings=frozenset({"DQ1.legacy_format"})),
    "ods": Case(_ods, warnings=frozenset({"DQ1.legacy_format"})),
    "formulas": Case(
        _formulas,
        warnings=frozenset({"DQ1.formula_results"}),
        errors_at=frozenset({_cell("amount_eur", 0)}),
    ),
    "external_links": Case(_external_links, warnings=frozenset({"DQ1.external_links"})),
    "macros": Case(_macros, warnings=frozenset({"DQ1.macros_not_run"})),
    "merged": Case(_merged, warnings=frozenset({"DQ1.merged_cells"})),
    "hidden": Case(
        _hidden,
        warnings=frozenset({"DQ1.hidden_sheet", "DQ1.hidden_rows", "DQ1.hidden_columns"}),
    ),
    "date1904": Case(_date1904, warnings=frozenset({"DQ1.date_system_1904"})),
    "big_dimension": Case(_big_dimension),
    "strange_text": Case(_strange_text),
    "error_values": Case(
        _error_values,
        errors_at=frozenset(
            {
                _cell("amount", 0),
                _cell("probability", 1),
                _cell("close_date", 2),
                _cell("customer_name", 3),
            }
        ),
    ),
}
