"""The annotated copy keeps everything of the person's workbook: a chart sheet, a drop-down
list, conditional formatting, frozen header rows, a defined name, an existing note and
macros (.xlsm) are all still there, untouched parts byte for byte, and LibreOffice opens
the copy and reads the same values as from the source."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import SAMPLES
from libreoffice import needs_libreoffice, resave_with_libreoffice, values_seen_by_libreoffice
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.core.checking.engine import check_file
from desktop_app.core.output.annotate import write_annotated

PROBLEMS = "SE01_2026-Q4_pipeline_with_problems.xlsx"
VBA = b"\xd0\xcf\x11\xe0 not really a VBA project, kept byte for byte \x00\x01\x02"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# The parts an annotated copy may change; everything else is copied byte for byte.
MAY_CHANGE = {
    "[Content_Types].xml",
    "docProps/app.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
}


def rich_workbook(folder: Path) -> Path:
    """The problem sample with a chart sheet, a chart, a drop-down list, conditional
    formatting, frozen rows, a defined name, a note and a macro project, as .xlsm."""
    wb = openpyxl.load_workbook(SAMPLES / PROBLEMS)
    ws = wb["Pipeline"]
    ws.freeze_panes = "A4"
    drop_down = DataValidation(type="list", formula1='"Lead,Qualify,Negotiate,Won,Lost"')
    ws.add_data_validation(drop_down)
    drop_down.add("H4:H200")
    red = PatternFill(fill_type="solid", start_color="FFFF0000", end_color="FFFF0000")
    ws.conditional_formatting.add(
        "J4:J200", CellIsRule(operator="lessThan", formula=["0"], fill=red)
    )
    wb.defined_names["Amounts"] = DefinedName("Amounts", attr_text="Pipeline!$J$4:$J$200")
    ws["B4"].comment = Comment("Checked with the customer", "Anna")
    rates = wb.create_sheet("Rates")
    rates.append(["Currency", "Rate", "Double"])
    rates.append(["EUR", 1.0, "=B2*2"])
    rates.append(["SEK", 0.087, "=B3*2"])
    chart = BarChart()
    chart.add_data(Reference(rates, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    rates.add_chart(chart, "E2")
    sheet_chart = BarChart()
    sheet_chart.add_data(Reference(rates, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    wb.create_chartsheet("Chart").add_chart(sheet_chart)
    plain = folder / "plain.xlsx"
    wb.save(plain)
    return add_macros(plain, folder / "SE01_2026-Q4_pipeline.xlsm")


def add_macros(plain: Path, target: Path) -> Path:
    """plain as an .xlsm with a (made-up) vbaProject.bin part."""
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                text = data.decode().replace(PLAIN_MAIN, MACRO_MAIN)
                text = text.replace(
                    '<Default Extension="xml"',
                    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    '<Default Extension="xml"',
                )
                data = text.encode()
            elif info.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdVba" Type="{VBA_REL}" Target="vbaProject.bin"/>'
                data = data.decode().replace("</Relationships>", rel + "</Relationships>").encode()
            out.writestr(info, data)
        out.writestr("xl/vbaProject.bin", VBA)
    return target


@pytest.fixture
def annotated(tmp_path, schema):
    source = rich_workbook(tmp_path)
    result = check_file(source, schema)
    assert result.summary["errors"] > 0
    out = write_annotated(result, tmp_path / "annotated.xlsm")
    return source, out, result


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_untouched_parts_are_byte_for_byte_and_macros_kept(annotated):
    source, out, _ = annotated
    before, after = members(source), members(out)
    assert set(before) <= set(after)
    data_sheet = "xl/worksheets/sheet1.xml"
    notes = {n for n in before if re.search(r"comment|vmlDrawing|sheet1\.xml\.rels", n)}
    changed = {n for n in before if after[n] != before[n]}
    assert changed <= MAY_CHANGE | notes | {data_sheet}
    assert after["xl/vbaProject.bin"] == VBA
    for kept in ("xl/chartsheets/sheet1.xml", "xl/charts/chart1.xml", "xl/worksheets/sheet2.xml"):
        assert after[kept] == before[kept], kept
    assert MACRO_MAIN in after["[Content_Types].xml"].decode()
    assert VBA_REL in after["xl/_rels/workbook.xml.rels"].decode()
    # the data sheet: only the flagged cells' styles changed, the rest of it as it was
    sheet_before = before[data_sheet].decode()
    sheet_after = after[data_sheet].decode()
    tail = sheet_before[sheet_before.index("</sheetData>") :]
    assert sheet_after.endswith(tail) or "<legacyDrawing" in sheet_after
    assert (
        sheet_after[: sheet_after.index("<sheetData>")]
        == sheet_before[: sheet_before.index("<sheetData>")]
    )


def test_everything_is_still_there_for_openpyxl(annotated):
    source, out, result = annotated
    before = openpyxl.load_workbook(source, keep_vba=True)
    after = openpyxl.load_workbook(out, keep_vba=True)
    assert after.sheetnames == [*before.sheetnames, "Findings"]
    ws = after["Pipeline"]
    assert ws.freeze_panes == "A4"
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == [
        '"Lead,Qualify,Negotiate,Won,Lost"'
    ]
    assert [str(r.sqref) for r in ws.conditional_formatting] == ["J4:J200"]
    assert after.defined_names["Amounts"].attr_text == "Pipeline!$J$4:$J$200"
    assert after.chartsheets[0].title == "Chart"
    assert after["Rates"]["C2"].value == "=B2*2" and len(after["Rates"]._charts) == 1
    assert ws["B4"].comment is not None and "Checked with the customer" in ws["B4"].comment.text
    flagged = {f.cell for f in result.findings if f.cell and f.severity in ("error", "warning")}
    for ref in flagged:
        assert ws[ref].comment is not None and ws[ref].fill.fill_type == "solid", ref
    for name in before.sheetnames:
        if name == "Chart":
            continue
        values_before = [[c.value for c in row] for row in before[name].iter_rows()]
        values_after = [[c.value for c in row] for row in after[name].iter_rows()]
        assert values_after == values_before, name
    assert after.vba_archive is not None
    assert after.vba_archive.read("xl/vbaProject.bin") == VBA


def test_a_macro_workbook_annotated_as_xlsx_has_no_macros(tmp_path, schema):
    source = rich_workbook(tmp_path)
    out = write_annotated(check_file(source, schema), tmp_path / "annotated.xlsx")
    parts = members(out)
    assert "xl/vbaProject.bin" not in parts
    assert MACRO_MAIN not in parts["[Content_Types].xml"].decode()
    assert VBA_REL not in parts["xl/_rels/workbook.xml.rels"].decode()
    assert openpyxl.load_workbook(out).sheetnames[-1] == "Findings"


@needs_libreoffice
def test_libreoffice_opens_the_annotated_copy_and_reads_the_same_values(annotated, tmp_path):
    source, out, result = annotated
    plain_source = tmp_path / "source.xlsx"
    shutil.copy(source, plain_source)
    seen_before = values_seen_by_libreoffice(plain_source, tmp_path / "lo-source")
    resaved = resave_with_libreoffice(out, "xlsx", tmp_path / "lo-copy")
    resaved = openpyxl.load_workbook(resaved, data_only=True)
    seen_after = {
        ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in resaved.worksheets
    }
    assert set(seen_after) == set(seen_before) | {"Findings"}
    for name, rows in seen_before.items():
        assert seen_after[name] == rows, name
    assert len(seen_after["Findings"]) > 1
    # and it shows the notes and the fills
    ws = resaved["Pipeline"]
    for f in result.findings:
        if f.cell and f.severity == "error":
            assert f.message in ws[f.cell].comment.text
            assert ws[f.cell].fill.fgColor.rgb == "FFFFC7CE"
