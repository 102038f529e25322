"""Hostile, broken and strange input files, generated at test time (nothing big is committed).

Each case is a builder (folder -> path of the file it wrote) and what the program must do
with it: refuse it with one sentence matching a pattern, or read it and say the listed
DQ1 warnings. The workbook writers the cases use (.xlsx from the template, the compound
files of .xls and encrypted workbooks, the minimal .ods) are in `hostile_builders`; the .ods cases in `hostile_ods`.
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

from tests.hostile_builders import (
    BILLION_LAUGHS,
    ERROR_CELLS,
    INFO,
    NAMES,
    PERIOD,
    ROWS,
    SCHEMA,
    ZIP_BOMB_FILLER,
    ExcelError,
    biff_workbook,
    compound_file,
    data_rows,
    insert_into,
    ods_workbook,
    rewrite_zip,
    rows_with_errors,
    template_book,
    template_sheets,
    valid_xlsx,
)
from tests.hostile_ods import (
    legacy_huge_grid,
    ods_entity_bomb,
    ods_error_values,
    ods_zip_bomb,
    plain_ods,
)
from tests.sample_data import header_labels

# Re-exported: other tests and the benchmark import these from here.
__all__ = [
    "CASES",
    "INFO",
    "NAMES",
    "PERIOD",
    "ROWS",
    "SCHEMA",
    "Case",
    "ExcelError",
    "biff_workbook",
    "compound_file",
    "data_rows",
    "header_labels",
    "ods_workbook",
    "rewrite_zip",
    "template_book",
    "template_sheets",
    "valid_xlsx",
]


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
    return insert_into(path, "xl/worksheets/sheet1.xml", b"<sheetData>", ZIP_BOMB_FILLER)


def _entity_bomb(folder: Path) -> Path:
    path = valid_xlsx(folder, "SE01_2026-Q4_entity_bomb.xlsx")
    return insert_into(path, "xl/workbook.xml", b"<workbook", BILLION_LAUGHS.encode())


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
    rows = rows_with_errors(ExcelError)
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
    "legacy_huge_grid": Case(legacy_huge_grid, refused="cell XFD1048576, far beyond"),
    "xlsb_unreadable": Case(_xlsb_unreadable, refused="could not be read"),
    "csv_utf16": Case(lambda f: _csv(f, "SE01_2026-Q4_utf16.csv", "utf-16", "\t")),
    "csv_cp1252": Case(lambda f: _csv(f, "SE01_2026-Q4_cp1252.csv", "cp1252", ";")),
    "xls": Case(_xls, warnings=frozenset({"DQ1.legacy_format"})),
    # LibreOffice's own format: its content tells error cells and formulas apart
    "ods": Case(plain_ods),
    "ods_error_values": Case(
        ods_error_values,
        errors_at=frozenset(
            {_cell("amount_eur", 4), *(_cell(n, i) for i, (n, _) in ERROR_CELLS.items())}
        ),
    ),
    "ods_zip_bomb": Case(ods_zip_bomb, refused="zip bomb"),
    "ods_entity_bomb": Case(ods_entity_bomb, refused="unsafe XML"),
    # formulas with saved results are ordinary (no warning); the one without is an error
    "formulas": Case(
        _formulas,
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
        _error_values, errors_at=frozenset(_cell(n, i) for i, (n, _) in ERROR_CELLS.items())
    ),
}
