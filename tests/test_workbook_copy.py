"""The writer of copies of the person's own workbook: patched cells, everything else kept."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment

from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.progress import Cancelled, Progress
from desktop_app.core.output.workbook_copy import (
    KEEP,
    AddedSheet,
    CellPatch,
    write_workbook_copy,
)
from tests.helpers import xml_shape
from tests.libreoffice import needs_libreoffice, values_seen_by_libreoffice

RED, AMBER = "FFFFC7CE", "FFFFEB9C"


def plain_book(path: Path, rows: int = 10) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["ID", "Date", "Amount"])
    for i in range(rows):
        ws.append([f"ID-{i}", "12/31/2025", i * 1.5])
    ws["C2"].number_format = "#,##0.00"
    wb.save(path)
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def grid(path: Path, sheet: str = "Data") -> list[list]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


def fill(cell) -> str | None:
    return cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None


def test_values_fills_and_notes_on_a_plain_workbook(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    patches = {
        (2, 1): CellPatch(mark="error", note="Customer ID is wrong"),
        (3, 1): CellPatch(mark="warning", note="Looks odd"),
        (2, 2): CellPatch(value=date(2025, 12, 31), number_format="yyyy-mm-dd"),
        (3, 2): CellPatch(value=datetime(2025, 12, 31, 13, 30)),
        (4, 3): CellPatch(value=Decimal("7.25")),
        (5, 3): CellPatch(value=None),
        (6, 3): CellPatch(value="=not a formula"),
        (7, 3): CellPatch(value=True),
        (2, 3): CellPatch(mark="error"),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    ws = openpyxl.load_workbook(out)["Data"]
    assert (fill(ws["A2"]), ws["A2"].comment.text) == (RED, "Customer ID is wrong")
    assert (fill(ws["A3"]), ws["A3"].comment.text) == (AMBER, "Looks odd")
    assert ws["A2"].value == "ID-0" and ws["A4"].comment is None and fill(ws["A4"]) is None
    assert ws["B2"].value == datetime(2025, 12, 31) and ws["B2"].number_format == "yyyy-mm-dd"
    assert ws["B3"].value == datetime(2025, 12, 31, 13, 30)
    assert ws["B3"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["C4"].value == 7.25 and ws["C5"].value is None
    assert ws["C6"].value == "=not a formula" and ws["C6"].data_type == "s"
    assert ws["C7"].value is True
    # a flagged cell keeps its number format
    assert (fill(ws["C2"]), ws["C2"].number_format, ws["C2"].value) == (RED, "#,##0.00", 0)
    # untouched cells as they were
    assert [c.value for c in ws[11]] == ["ID-9", "12/31/2025", 13.5]


def test_untouched_parts_are_copied_byte_for_byte(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    before = members(source)
    out = write_workbook_copy(
        source, tmp_path / "out.xlsx", "Data", {(2, 1): CellPatch(mark="error", note="x")}
    )
    after = members(out)
    changed = {n for n in before if after.get(n) != before[n]}
    assert changed == {
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/worksheets/_rels/sheet1.xml.rels",
        "[Content_Types].xml",
    } - ({"xl/worksheets/_rels/sheet1.xml.rels"} - set(before))
    assert set(before) <= set(after)


def test_nothing_asked_copies_every_part_unchanged(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", {})
    assert members(out) == members(source)


def test_cells_and_rows_not_in_the_sheet_are_inserted_in_order(tmp_path):
    source = plain_book(tmp_path / "in.xlsx", rows=3)
    patches = {
        (2, 5): CellPatch(value="E2"),
        (2, 4): CellPatch(value="D2"),
        (8, 2): CellPatch(value=8),
        (6, 1): CellPatch(value="A6", mark="error", note="new row"),
        (1, 1): CellPatch(value=KEEP, mark="warning"),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    ws = openpyxl.load_workbook(out)["Data"]
    assert [c.value for c in ws[2]] == ["ID-0", "12/31/2025", 0, "D2", "E2"]
    assert ws["A6"].value == "A6" and ws["A6"].comment.text == "new row"
    assert ws["B8"].value == 8 and ws["A1"].value == "ID" and fill(ws["A1"]) == AMBER
    assert ws.dimensions == "A1:E8"
    xml = members(out)["xl/worksheets/sheet1.xml"].decode()
    assert xml.index('r="D2"') < xml.index('r="E2"') < xml.index('<row r="3"')
    assert xml.index('<row r="6"') < xml.index('<row r="8"')


def test_a_formula_given_a_value_loses_it_and_others_keep_theirs(tmp_path):
    source = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([1, 2, "=A1+B1", "=A1*2"])
    wb.save(source)
    patches = {(1, 3): CellPatch(value=99), (1, 4): CellPatch(mark="error")}
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    ws = openpyxl.load_workbook(out)["Data"]
    assert [c.value for c in ws[1]] == [1, 2, 99, "=A1*2"]


def test_a_missing_sheet_or_a_damaged_file_is_one_sentence(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    with pytest.raises(ProblemForUser, match='no worksheet named "Nope"'):
        write_workbook_copy(source, tmp_path / "out.xlsx", "Nope", {})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ProblemForUser, match="could not be copied"):
        write_workbook_copy(broken, tmp_path / "out.xlsx", "Data", {})
    assert not (tmp_path / "out.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cancelled_copy_leaves_no_file(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        write_workbook_copy(source, tmp_path / "out.xlsx", "Data", {}, progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx"]


def test_an_existing_note_is_kept_and_merged(tmp_path):
    source = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["a", "b", "c"])
    ws["A1"].comment = Comment("the sender's own note", "Anna")
    ws["C1"].comment = Comment("another", "Anna")
    wb.save(source)
    patches = {(1, 1): CellPatch(note="ours"), (1, 2): CellPatch(note="new")}
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    ws = openpyxl.load_workbook(out)["Data"]
    assert ws["A1"].comment.text == "ours\n\nthe sender's own note"
    assert ws["B1"].comment.text == "new" and ws["C1"].comment.text == "another"


def test_an_added_sheet_with_links(tmp_path):
    source = plain_book(tmp_path / "in.xlsx")
    added = AddedSheet(
        "Findings",
        [["Severity", "Cell"], ["error", "A2"], ["warning", 3]],
        links={(2, 2): "'Data'!A2"},
        widths=[9, 8],
    )
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", {}, add_sheets=[added])
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Data", "Findings"]
    ws = wb["Findings"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == added.rows
    assert ws["B2"].hyperlink.location == "'Data'!A2" and ws["A1"].font.b
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B3"


# ---------------------------------------------------------------- as Excel lays the parts out


def test_notes_and_fills_are_laid_out_as_xlsxwriter_writes_them(tmp_path):
    """The same notes and fills written by xlsxwriter (modelled on Excel's own files) and
    added by the copy: the same parts, each with its elements in the same order."""
    rows = [["ID", "Amount"], ["A-1", 10], ["A-2", 20]]

    def book(path: Path, annotate: bool) -> Path:
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("Data")
        red = wb.add_format({"bg_color": "#FFC7CE"})
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                ws.write(r, c, v, red if annotate and (r, c) == (1, 1) else None)
        if annotate:
            ws.write_comment(1, 1, "Amount is wrong")
        wb.close()
        return path

    plain = book(tmp_path / "plain.xlsx", annotate=False)
    theirs = book(tmp_path / "theirs.xlsx", annotate=True)
    ours = write_workbook_copy(
        plain,
        tmp_path / "ours.xlsx",
        "Data",
        {(2, 2): CellPatch(mark="error", note="Amount is wrong")},
    )
    a, b = members(ours), members(theirs)
    assert set(a) == set(b)
    for part in a:
        if part.endswith((".xml", ".rels", ".vml")):
            assert xml_shape(a[part]) == xml_shape(b[part]), part
    ws = openpyxl.load_workbook(ours)["Data"]
    assert ws["B2"].comment.text == "Amount is wrong" and fill(ws["B2"]) == RED


# ---------------------------------------------------------------- any sheet, any patches

_VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
    st.integers(-(10**9), 10**9),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
)
_CELLS = st.tuples(st.integers(1, 12), st.integers(1, 6))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.dictionaries(_CELLS, _VALUES.filter(lambda v: v not in (None, "")), max_size=30),
    patches=st.dictionaries(_CELLS, _VALUES, max_size=15),
)
def test_any_patches_on_any_sheet_read_back_as_asked(tmp_path, cells, patches):
    # a number given to a date cell keeps the cell's date format: it reads as a date
    assume(
        not any(
            isinstance(cells.get(k), date) and type(v) in (int, float) for k, v in patches.items()
        )
    )
    source = tmp_path / "in.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for (r, c), v in cells.items():
        ws.cell(r, c).value = v
        if isinstance(v, str):
            ws.cell(r, c).data_type = "s"  # text, even when it looks like a formula
    wb.save(source)
    out = write_workbook_copy(
        source, tmp_path / "out.xlsx", "Data", {k: CellPatch(value=v) for k, v in patches.items()}
    )
    expected = {**cells, **patches}
    read = openpyxl.load_workbook(out)["Data"]
    for (r, c), v in expected.items():
        got = read.cell(r, c).value
        if isinstance(v, date):
            assert got == datetime(v.year, v.month, v.day), (r, c)
        elif isinstance(v, float) and not isinstance(v, bool):
            assert got == pytest.approx(v, rel=1e-15, abs=0) or got == v, (r, c)
        else:
            assert got == (None if v == "" else v), (r, c)
    written = {(c.row, c.column) for row in read.iter_rows() for c in row if c.value is not None}
    assert written == {k for k, v in expected.items() if v not in (None, "")}


@needs_libreoffice
def test_libreoffice_reads_the_values_written_into_a_copy(tmp_path):
    source = plain_book(tmp_path / "in.xlsx", rows=4)
    patches = {
        (2, 2): CellPatch(value=date(2025, 12, 31), number_format="yyyy-mm-dd"),
        (3, 1): CellPatch(value="CU-200123", mark="error", note="was cu-200123"),
        (4, 3): CellPatch(value=576032.0),
        (8, 5): CellPatch(value="a new row", note="inserted"),
    }
    out = write_workbook_copy(source, tmp_path / "out.xlsx", "Data", patches)
    seen = values_seen_by_libreoffice(out, tmp_path / "lo")["Data"]
    assert seen == grid(out)
