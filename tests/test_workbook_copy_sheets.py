"""The workbook copy on sheets as other tools write them: rows and cells without
references, rows out of order, namespace prefixes, shared formulas, merged cells, the 1904
date system, a package without styles, a header picture's drawing, any chunk size."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

from desktop_app.core.output.workbook_copy import CellPatch, write_workbook_copy
from tests.test_workbook_copy import AMBER, RED, fill, grid, members, plain_book

# ---------------------------------------------------------------- sheets as other tools write them

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_book(path: Path, sheet_data: str, *, prefix: str = "", tail: str = "", styles=True,
             workbook_pr: str = "", head: str = "", more: dict | None = None) -> Path:  # fmt: skip
    """A minimal package around one sheet's <sheetData> as given (prefix: its namespace's;
    more: other parts by name)."""
    p = prefix + ":" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            f'ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{ct}.worksheet+xml"/>'
            + (
                f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
                if styles
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}<sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (
                f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
                if styles
                else ""
            )
            + "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns} xmlns:r="{REL}">{head}'
            f"{sheet_data}{tail}</{p}worksheet>"
        ),
    }
    if styles:
        parts["xl/styles.xml"] = (
            f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Arial"/>'
            '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
            '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border/>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
            'xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
            'builtinId="0"/></cellStyles></styleSheet>'
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in {**parts, **(more or {})}.items():
            z.writestr(name, text)
    return path


def test_rows_and_cells_without_references_take_the_place_after_the_one_before(tmp_path):
    data = (
        '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
        '<row><c><v>2</v></c><c r="C2"><v>3</v></c><c><v>4</v></c></row>'
        '<row r="5"><c><v>5</v></c></row><row><c><v>6</v></c></row></sheetData>'
    )
    source = raw_book(tmp_path / "in.xlsx", data)
    patches = {
        (2, 2): CellPatch(value="B2"),  # between A2 and C2, neither of which names B
        (2, 4): CellPatch(value="D2 was 4"),
        (6, 1): CellPatch(mark="error"),
        (4, 1): CellPatch(value="new row 4"),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    assert grid(out) == [
        ["a", 1, None, None],
        [2, "B2", 3, "D2 was 4"],
        [None, None, None, None],
        ["new row 4", None, None, None],
        [5, None, None, None],
        [6, None, None, None],
    ]


def test_rows_out_of_order_are_patched_where_they_are(tmp_path):
    data = (
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="A5"><v>5</v></c>'
        '</row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>'
    )
    source = raw_book(tmp_path / "in.xlsx", data)
    patches = {
        (3, 1): CellPatch(value=30),
        (2, 1): CellPatch(value=20),
        (7, 1): CellPatch(value=70),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    rows = re.findall(r'<row r="(\d+)"', members(out)["xl/worksheets/sheet1.xml"].decode())
    assert sorted(rows) == ["1", "2", "3", "5", "7"] and len(rows) == len(set(rows))
    assert [r[0] for r in grid(out)] == [1, 20, 30, None, 5, None, 70]


def test_a_sheet_with_a_namespace_prefix_and_no_rows(tmp_path):
    source = raw_book(tmp_path / "in.xlsx", "<x:sheetData/>", prefix="x")
    patches = {(2, 2): CellPatch(value="new", mark="warning", note="a note")}
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["B2"].value == "new" and ws["B2"].comment.text == "a note"
    assert fill(ws["B2"]) == AMBER
    assert "<x:legacyDrawing " in members(out)["xl/worksheets/sheet1.xml"].decode()


def test_a_shared_formula_keeps_working_when_its_first_cell_gets_a_value(tmp_path):
    data = (
        '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">'
        'A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" '
        'si="0"/><v>4</v></c></row><row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" '
        'si="0"/><v>6</v></c></row></sheetData>'
    )
    source = raw_book(tmp_path / "in.xlsx", data)
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", {(1, 2): CellPatch(value=0)})
    assert grid(out) == [[1, 0], [2, "=A2*2"], [3, "=A3*2"]]


def test_merged_cells_dimension_and_the_1904_date_system(tmp_path):
    data = '<sheetData><row r="1"><c r="A1" s="1"><v>1.5</v></c><c r="B1"/></row></sheetData>'
    source = raw_book(
        tmp_path / "in.xlsx",
        data,
        head='<dimension ref="A1:B1"/>',
        tail='<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
        workbook_pr='<workbookPr date1904="1"/>',
    )
    patches = {
        (1, 1): CellPatch(mark="error", note="merged"),
        (3, 3): CellPatch(value=date(2026, 1, 2)),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    wb = openpyxl.load_workbook(out)
    ws = wb["Data"]
    assert wb.epoch.year == 1904 and ws["C3"].value == datetime(2026, 1, 2)
    assert ws["C3"].number_format == "yyyy-mm-dd"
    assert [r.coord for r in ws.merged_cells.ranges] == ["A1:B1"] and ws.dimensions == "A1:C3"
    assert (ws["A1"].number_format, fill(ws["A1"]), ws["A1"].comment.text) == (
        "#,##0.00",
        RED,
        "merged",
    )


def test_a_package_without_a_styles_part_gets_one(tmp_path):
    source = raw_book(
        tmp_path / "in.xlsx",
        '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
        styles=False,
    )
    out = write_workbook_copy(
        source, tmp_path / "out.xlsx", "Data", {(1, 1): CellPatch(mark="error")}
    )
    assert fill(openpyxl.load_workbook(out)["Data"]["A1"]) == RED


def test_the_result_does_not_depend_on_where_the_chunks_end(tmp_path, monkeypatch):
    import desktop_app.core.output.copy_sheet as copy_sheet

    source = plain_book(tmp_path / "in.xlsx", rows=40)
    patches = {
        (r, c): CellPatch(value=f"{r}/{c}", mark="error", note="n")
        for r in (2, 17, 41, 45)
        for c in (1, 3, 4)
    }
    whole = write_workbook_copy(source, tmp_path / "whole.xlsx", "Data", patches)
    expected = members(whole)["xl/worksheets/sheet1.xml"]
    for size in (1, 7, 64, 333):
        monkeypatch.setattr(copy_sheet, "CHUNK", size)
        out = write_workbook_copy(source, tmp_path / f"c{size}.xlsx", "Data", patches)
        assert members(out)["xl/worksheets/sheet1.xml"] == expected, size


HEADER_VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:'
    'office"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
    '<v:shape id="LH" o:spid="_x0000_s1025" type="#_x0000_t75"/></xml>'
)


def test_notes_beside_a_header_picture_get_their_own_drawing_in_its_place(tmp_path):
    data = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/>'
        "</Relationships>"
    )
    source = raw_book(
        tmp_path / "in.xlsx",
        data,
        tail='<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><legacyDrawingHF r:id="rId1"/>',
        more={
            "xl/worksheets/_rels/sheet1.xml.rels": rels,
            "xl/drawings/vmlDrawingHF1.vml": HEADER_VML,
        },
    )
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", {(1, 1): CellPatch(note="n")})
    parts = members(out)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    place = r'<pageMargins [^>]*/><legacyDrawing r:id="(rId\d+)"/><legacyDrawingHF r:id="rId1"/>'
    rid = re.search(place, sheet).group(1)
    rels = parts["xl/worksheets/_rels/sheet1.xml.rels"].decode()
    assert f'Id="{rid}" Type="{REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"' in rels
    assert parts["xl/drawings/vmlDrawingHF1.vml"] == HEADER_VML.encode()
    notes = parts["xl/drawings/vmlDrawing1.vml"].decode()
    assert 'data="2"' in notes and 'id="_x0000_s2049"' in notes  # ids of its own
    assert openpyxl.load_workbook(out)["Data"]["A1"].comment.text == "n"
