"""Tests for the xlsx package and the sheet scan (desktop_app.core.reading): what calamine
hides, and refusing bad files clearly. CSV decoding is in test_sources_csv.py."""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from desktop_app.core.model.a1 import col_letter, parse_a1
from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.limits import bundled_limits, check_zip_limits
from desktop_app.core.reading.package import XlsxPackage, open_package
from desktop_app.core.reading.scan import _scan_stream, scan_sheet, sheet_extent

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WS_TYPE = REL_NS + "/worksheet"


# --------------------------------------------------------------------------- helpers


def _sheet_xml(cells_xml: str, *, dimension: str | None = None, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}>{dim}'
        f"<{p}sheetData>{cells_xml}</{p}sheetData></{p}worksheet>"
    )


def _write_xlsx(
    path: Path,
    sheets: list[tuple[str, str, str | None]],
    *,
    workbook_pr: str = "",
    styles: str | None = None,
    workbook_xml: str | None = None,
) -> Path:
    """Hand-written minimal xlsx: sheets are (name, sheet xml, state)."""
    sheet_els = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (f' state="{state}"' if state else "")
        + "/>"
        for i, (name, _, state) in enumerate(sheets)
    )
    wb = workbook_xml or (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f"{workbook_pr}<sheets>{sheet_els}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{WS_TYPE}" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(sheets))
    )
    rels += f'<Relationship Id="rIdS" Type="{REL_NS}/styles" Target="styles.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>',
        )
        if styles is not None:
            zf.writestr("xl/styles.xml", styles)
        for i, (_, xml, _) in enumerate(sheets):
            zf.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
    return path


_OPENED: list[XlsxPackage] = []


@pytest.fixture(autouse=True)
def _close_packages():
    yield
    while _OPENED:
        _OPENED.pop().close()


def _open(path: Path) -> XlsxPackage:
    """The package, opened as a read opens it (bundled limits); closed after the test."""
    package = open_package(path)
    _OPENED.append(package)
    return package


def _one_sheet(tmp_path: Path, cells_xml: str, **kw) -> tuple[Path, XlsxPackage]:
    path = _write_xlsx(tmp_path / "book.xlsx", [("Data", _sheet_xml(cells_xml, **kw), None)])
    return path, _open(path)


# --------------------------------------------------------------------------- A1


def test_parse_a1_and_col_letter():
    assert parse_a1("AB12") == (12, 27)
    assert parse_a1("A1") == (1, 0)
    assert parse_a1("$C$7") == (7, 2)
    assert parse_a1("XFD1048576") == (1048576, 16383)
    assert col_letter(0) == "A"
    assert col_letter(25) == "Z"
    assert col_letter(26) == "AA"
    assert col_letter(27) == "AB"
    assert col_letter(16383) == "XFD"
    for bad in ("", "12", "A0", "A1B", "ABCD1"):
        with pytest.raises(ValueError):
            parse_a1(bad)
    with pytest.raises(ValueError):
        col_letter(-1)


@given(st.integers(min_value=0, max_value=16383), st.integers(min_value=1, max_value=1048576))
def test_a1_round_trip(col, row):
    assert parse_a1(f"{col_letter(col)}{row}") == (row, col)


# --------------------------------------------------------------------------- openpyxl-made workbooks


def test_openpyxl_errors_formulas_and_percent(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Pipeline"
    ws["A1"] = "Deal"
    ws["B1"] = 0.25
    ws["B1"].number_format = "0%"
    ws["C1"] = 0.5
    ws["C1"].number_format = "0.00%"
    ws["D1"] = 12.5
    ws["D1"].number_format = "#,##0.00"
    err = ws["B4"]
    err.value = "#N/A"
    err.data_type = "e"
    ws["A3"] = "=1/0"
    ws["C3"] = "=SUM(B1:C1)"
    hidden = wb.create_sheet("Lookup")
    hidden.sheet_state = "hidden"
    path = tmp_path / "made.xlsx"
    wb.save(path)

    package = _open(path)
    assert list(package.sheet_xml) == ["Pipeline", "Lookup"]
    assert package.hidden_sheets == ["Lookup"]
    assert package.date1904 is False

    scan = scan_sheet(package, "Pipeline", style_cells=[(1, 1), (1, 2), (1, 3), (1, 0), (50, 5)])
    assert scan.errors == {(4, 1): "#N/A"}
    assert scan.formulas_without_result == {(3, 0), (3, 2)}
    assert scan.formula_count == 2
    assert scan.cell_styles[(1, 1)] in scan.percent_styles
    assert scan.cell_styles[(1, 2)] in scan.percent_styles
    assert scan.cell_styles[(1, 3)] not in scan.percent_styles
    assert scan.cell_styles[(1, 0)] == 0
    assert scan.cell_styles[(50, 5)] == 0  # not in the file: default style


def test_openpyxl_1904_flag(tmp_path):
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active["A1"] = 1
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert _open(path).date1904 is True


# --------------------------------------------------------------------------- hand-written parts


def test_hidden_sheets_1904_and_extent(tmp_path):
    path = _write_xlsx(
        tmp_path / "b.xlsx",
        [
            (
                "Visible",
                _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1:T100001"),
                None,
            ),
            ("Hid", _sheet_xml(""), "hidden"),
            ("VeryHid", _sheet_xml(""), "veryHidden"),
        ],
        workbook_pr='<workbookPr date1904="true"/>',
    )
    package = _open(path)
    assert package.sheet_xml == {
        "Visible": "xl/worksheets/sheet1.xml",
        "Hid": "xl/worksheets/sheet2.xml",
        "VeryHid": "xl/worksheets/sheet3.xml",
    }
    assert package.hidden_sheets == ["Hid", "VeryHid"]
    assert package.date1904 is True
    # The recorded <dimension> is not trusted: the extent is that of the cells.
    extent = sheet_extent(package, "Visible")
    assert (extent.rows, extent.far_cell) == (1, "A1") and extent.cells <= 26


@pytest.mark.parametrize("chunk_size", [64, 1000, 1 << 20])
def test_extent_finds_a_far_cell_anywhere(tmp_path, chunk_size):
    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="T{r}"><v>2</v></c></row>'
        for r in range(1, 200)
    )
    far = '<row r="300"><c r="A300"><v>1</v></c><c r="ZZ999"><v>1</v></c></row>'
    stray = '<c r="XFD1048576"><v>1</v></c><c r="A50">'
    for cells, expected in [
        (rows, ("T199", 199, 26)),  # one-letter columns: 26 is the bound
        (rows.replace('<c r="A50">', stray), ("XFD1048576", 1048576, 16384)),  # out of order
        (rows + far, ("ZZ999", 999, 702)),
        (rows.replace('r="A7"', "r = 'AB7'"), ("T199", 199, 28)),  # odd spelling: exact
    ]:
        path = _write_xlsx(tmp_path / "e.xlsx", [("S", _sheet_xml(cells, dimension="A1:B2"), None)])
        extent = sheet_extent(_open(path), "S", chunk_size=chunk_size)
        assert (extent.far_cell, extent.rows, extent.columns) == expected, cells[:80]


@pytest.mark.parametrize(
    "flag, expected", [('date1904="1"', True), ('date1904="0"', False), ("", False)]
)
def test_date1904_variants(tmp_path, flag, expected):
    path = _write_xlsx(
        tmp_path / "b.xlsx", [("S", _sheet_xml(""), None)], workbook_pr=f"<workbookPr {flag}/>"
    )
    assert _open(path).date1904 is expected


def test_excel_style_cells_and_attribute_order(tmp_path):
    cells = (
        '<row r="1" spans="1:3">'
        '<c s="3" r="A1" t="e"><v>#REF!</v></c>'  # attribute order varies
        "<c t='e' r='B1'><v>#VALUE!</v></c>"  # single quotes
        '<c r="C1"><f>1/0</f></c>'  # Excel: formula, no <v>
        "</row>"
        '<row r="2">'
        '<c r="A2"><f>A1</f><v></v></c>'  # empty <v></v>
        '<c r="B2"><f t="shared" ref="B2:B3" si="0">A1*2</f><v>4</v></c>'  # has result
        '<c r="C2" t="str"><f>""</f><v></v></c>'  # stored empty-string result
        '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'  # formula with error result
        "</row>"
        '<row r="3"><c r="B3"><f t="shared" si="0"/><v>8</v></c><c><f>1+1</f></c></row>'
    )
    path, package = _one_sheet(tmp_path, cells)
    scan = scan_sheet(package, "Data", style_cells=[(1, 0), (2, 1)])
    assert scan.errors == {(1, 0): "#REF!", (1, 1): "#VALUE!", (2, 3): "#DIV/0!"}
    assert scan.formulas_without_result == {(1, 2), (2, 0)}
    assert scan.formula_count == 7  # includes the cell without r=
    assert scan.cell_styles == {(1, 0): 3, (2, 1): 0}


def test_prefixed_namespace(tmp_path):
    cells = '<x:row r="1"><x:c r="A1" t="e"><x:v>#N/A</x:v></x:c><x:c r="B1"><x:f>1/0</x:f></x:c></x:row>'
    path, package = _one_sheet(tmp_path, cells, prefix="x")
    scan = scan_sheet(package, "Data")
    assert scan.errors == {(1, 0): "#N/A"}
    assert scan.formulas_without_result == {(1, 1)}


def test_plain_sheet_has_nothing(tmp_path):
    # Row 1 holds text that looks like the things we search for; it must not count.
    decoy = (
        '<row r="1"><c r="A1" s="5" t="inlineStr"><is><t>r="B5" t="e" &lt;f&gt;</t></is></c></row>'
    )
    cells = decoy + "".join(
        f'<row r="{r}"><c r="A{r}" s="2"><v>{r}</v></c><c r="B{r}" s="4" t="s"><v>0</v></c></row>'
        for r in range(2, 200)
    )
    path, package = _one_sheet(tmp_path, cells)
    scan = scan_sheet(package, "Data", style_cells=[(150, 0), (5, 1)])
    assert scan.errors == {}
    assert scan.formulas_without_result == set()
    assert scan.formula_count == 0
    assert scan.cell_styles == {(150, 0): 2, (5, 1): 4}


def _boundary_sheet(rows: int) -> tuple[bytes, dict, set, dict]:
    """A sheet where every few cells is an error/formula, so tiny chunks cut through them."""
    parts = []
    errors: dict = {}
    no_result: set = set()
    styles: dict = {}
    for r in range(1, rows + 1):
        parts.append(f'<row r="{r}">')
        parts.append(f'<c r="A{r}" s="{r % 7}"><v>{r}</v></c>')
        styles[(r, 0)] = r % 7
        if r % 3 == 0:
            parts.append(f'<c r="B{r}" t="e"><v>#N/A</v></c>')
            errors[(r, 1)] = "#N/A"
        if r % 4 == 0:
            parts.append(f'<c r="C{r}"><f>B{r}*2</f></c>')
            no_result.add((r, 2))
        if r % 5 == 0:
            parts.append(f'<c r="D{r}"><f>1</f><v>1</v></c>')
        parts.append("</row>")
    xml = _sheet_xml("".join(parts)).encode()
    return xml, errors, no_result, styles


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 5, 7, 16, 31, 64, 97, 1000])
def test_chunk_boundaries(chunk_size):
    xml, errors, no_result, styles = _boundary_sheet(60)
    wanted = [(r, 0) for r in range(1, 61, 7)]
    scan = _scan_stream(io.BytesIO(xml), wanted, chunk_size)
    assert scan.errors == errors
    assert scan.formulas_without_result == no_result
    assert scan.formula_count == 15 + 12
    assert scan.cell_styles == {k: styles[k] for k in wanted}


def test_chunk_boundary_through_file(tmp_path):
    xml, errors, no_result, _ = _boundary_sheet(40)
    path = _write_xlsx(tmp_path / "b.xlsx", [("Data", xml.decode(), None)])
    package = _open(path)
    scan = scan_sheet(package, "Data", style_cells=[(40, 0)], chunk_size=13)
    assert scan.errors == errors
    assert scan.formulas_without_result == no_result
    assert scan.cell_styles == {(40, 0): 40 % 7}


def test_percent_styles_from_custom_formats(tmp_path):
    styles = (
        f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="4">'
        '<numFmt numFmtId="164" formatCode="0.0%"/>'
        '<numFmt numFmtId="165" formatCode="0&quot;%&quot;"/>'  # quoted: literal text
        '<numFmt numFmtId="166" formatCode="0\\%"/>'  # escaped: literal text
        '<numFmt numFmtId="167" formatCode="[Red]#,##0.00"/>'
        "</numFmts><cellXfs>"
        '<xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="164"/>'
        '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>'
        "</cellXfs></styleSheet>"
    )
    path = _write_xlsx(tmp_path / "s.xlsx", [("Data", _sheet_xml(""), None)], styles=styles)
    scan = scan_sheet(_open(path), "Data")
    assert scan.percent_styles == {1, 2, 3}


def test_unknown_sheet(tmp_path):
    path, package = _one_sheet(tmp_path, "")
    with pytest.raises(SourceError, match="no worksheet named"):
        scan_sheet(package, "Nope")


# --------------------------------------------------------------------------- refusing bad files


def test_entity_bomb_in_workbook_xml(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
        '<sheet name="&lol3;" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    path = _write_xlsx(tmp_path / "lol.xlsx", [("S", _sheet_xml(""), None)], workbook_xml=bomb)
    with pytest.raises(SourceError, match="unsafe XML") as info:
        _open(path)
    assert "lol.xlsx" in str(info.value)


def test_zip_bomb_member(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", bytes(50_000_000))
    start = time.perf_counter()
    with pytest.raises(SourceError, match="zip bomb") as info, zipfile.ZipFile(path) as package:
        check_zip_limits(package, replace(bundled_limits(), max_zip_ratio=50))
    assert "bomb.xlsx" in str(info.value)
    with pytest.raises(SourceError, match="zip bomb"):
        _open(path)  # the schema's limits catch a 1000-fold ratio too
    assert time.perf_counter() - start < 2


def test_zip_total_and_member_limits(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(20):
            zf.writestr(f"part{i}.xml", os.urandom(1000))
    limits = bundled_limits()
    with zipfile.ZipFile(path) as package:
        check_zip_limits(package, limits)
        with pytest.raises(SourceError, match="20 parts"):
            check_zip_limits(package, replace(limits, max_zip_parts=10))
        with pytest.raises(SourceError, match="too large"):
            check_zip_limits(package, replace(limits, max_unzipped_bytes=10_000))


def test_password_protected(tmp_path):
    from hostile_files import compound_file

    path = tmp_path / "secret.xlsx"
    path.write_bytes(compound_file({"EncryptionInfo": b"\4\0\4\0", "EncryptedPackage": b"x"}))
    with pytest.raises(SourceError, match="password-protected") as info:
        _open(path)
    assert "secret.xlsx" in str(info.value)


def test_other_compound_files_are_old_office_files(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    with pytest.raises(SourceError, match="Excel 97-2003"):
        _open(path)


def test_random_bytes_not_a_workbook(tmp_path):
    path = tmp_path / "junk.xlsx"
    path.write_bytes(b"PK" + os.urandom(5000))
    with pytest.raises(SourceError, match="is not an Excel workbook") as info:
        _open(path)
    assert "junk.xlsx" in str(info.value)


def test_zip_without_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(SourceError, match="is not an Excel workbook"):
        _open(path)


def test_empty_and_missing_files(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="empty.xlsx.*is empty"):
        _open(path)
    with pytest.raises(SourceError, match="could not be found"):
        _open(tmp_path / "nowhere.xlsx")


def test_a_zip_entry_claiming_an_unknown_zip_version_is_a_damaged_file(schema, tmp_path):
    """Seen by the fuzz test: a flipped byte in the central directory made zipfile raise
    NotImplementedError ("zip file version 7.2") past the sentence for a damaged file."""
    from desktop_app.core.checking.engine import check_file
    from desktop_app.core.model.errors import ProblemForUser
    from tests.sample_data import make_valid_workbook

    data = bytearray(make_valid_workbook(tmp_path / "ok.xlsx", schema, n=3).read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6 : entry + 8] = (72).to_bytes(2, "little")  # version needed: 7.2
    path = tmp_path / "SE01_2026-Q4_damaged.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(ProblemForUser):
        check_file(path, schema)
