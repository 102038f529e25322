"""The streaming .xlsx writer: values and types read back by openpyxl and python-calamine,
column layout, Excel's limits, and parts laid out as xlsxwriter lays them out."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
import python_calamine as pc
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

import desktop_app.core.output.xlsx_stream as xlsx_stream
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.output.xlsx_stream import Column, ExcelCannotHold, XlsxStream
from tests.helpers import xml_shape

TEXTS = [
    "=cmd|' /C calc'!A0",
    "+46 8 123 45",
    "00123",
    " leading",
    "trailing ",
    "  both  ",
    "\u00a0non-breaking\u00a0",
    "line\nbreak",
    "\nnewline first",
    "tab\there",
    "cr\r\nlf",
    "ÅÄÖ åäö ß Müller",
    "emoji 😀 👍🏽 👨‍👩‍👧",
    "שלום עולם",
    "\u200fRTL mark",
    "مرحبا 123",
    "control \x01\x07\x0b\x1f\x00 chars",
    "_x0041_",
    "a_x005F_b_X00ff_",
    "_x12_ is not an escape",
    "&amp; <b>not bold</b> \"quoted\" 'single'",
    "x" * 40,
]
NUMBERS = [0, -7, 2**31, 10**15, 0.1, -2.5, 1e-300, 1e300, 123456789.123, 1e16, 2.0**53, -0.0]
DATES = [date(1900, 3, 1), date(1999, 12, 31), date(2026, 1, 1), date(2026, 12, 31)]
DATES += [date(2028, 2, 29), date(9999, 12, 31)]


def calamine_rows(path: Path, sheet: str) -> list[list]:
    book = pc.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def openpyxl_sheet(path: Path, sheet: str):
    return openpyxl.load_workbook(path)[sheet]


def write(path: Path, rows: list[list], columns: list[Column] | None = None, **kw) -> Path:
    width = max((len(r) for r in rows), default=1)
    with XlsxStream(path) as book:
        sheet = book.add_sheet("Data", columns or [Column()] * width, **kw)
        for row in rows:
            sheet.write_row(row)
    return path


# ---------------------------------------------------------------- values and types


def test_text_round_trip(tmp_path):
    path = write(tmp_path / "t.xlsx", [[t] for t in TEXTS])
    assert [r[0] for r in calamine_rows(path, "Data")] == TEXTS
    ws = openpyxl_sheet(path, "Data")
    # openpyxl does not decode the OOXML _xHHHH_ escapes; decoded, the text is exact.
    assert [unescape(c.value) for (c,) in ws.iter_rows()] == TEXTS
    assert all(c.data_type == "s" for (c,) in ws.iter_rows())


def test_noncharacters_are_stored_the_ooxml_way(tmp_path):
    """U+FFFE and U+FFFF cannot appear in XML: stored as _xFFFE_ and _xFFFF_, as Excel
    does (python-calamine 0.9 leaves those two escapes undecoded)."""
    path = write(tmp_path / "nc.xlsx", [["a\ufffe\uffffb"]])
    assert "a_xFFFE__xFFFF_b" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert unescape(openpyxl_sheet(path, "Data")["A1"].value) == "a\ufffe\uffffb"


def test_formula_like_text_is_stored_as_text_not_formula(tmp_path):
    path = write(tmp_path / "f.xlsx", [["=1+1", "=cmd|' /C calc'!A0"]])
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and sheet_xml.count('t="inlineStr"') == 2
    assert calamine_rows(path, "Data") == [["=1+1", "=cmd|' /C calc'!A0"]]


def test_numbers_round_trip(tmp_path):
    path = write(tmp_path / "n.xlsx", [[x] for x in NUMBERS])
    back = [r[0] for r in calamine_rows(path, "Data")]
    assert back == NUMBERS and all(type(x) is float for x in back)
    ws = openpyxl_sheet(path, "Data")
    got = [c.value for (c,) in ws.iter_rows()]
    assert got == NUMBERS and all(type(x) in (int, float) for x in got)
    assert [type(x) for x in got[:4]] == [int] * 4  # whole numbers come back whole


def test_dates_datetimes_and_booleans_round_trip(tmp_path):
    moment = datetime(2026, 3, 31, 12, 34, 56)
    rows = [[d] for d in DATES] + [[moment], [datetime(2026, 4, 1)], [True], [False]]
    path = write(tmp_path / "d.xlsx", rows)
    back = [r[0] for r in calamine_rows(path, "Data")]
    assert back[: len(DATES)] == DATES and all(type(d) is date for d in back[: len(DATES)])
    assert back[len(DATES) :] == [moment, date(2026, 4, 1), True, False]
    ws = openpyxl_sheet(path, "Data")
    cells = [c for (c,) in ws.iter_rows()]
    assert [c.value.date() for c in cells[: len(DATES)]] == DATES
    assert [c.number_format for c in cells[: len(DATES) + 2]] == ["yyyy-mm-dd"] * len(DATES) + [
        "yyyy-mm-dd hh:mm:ss",
        "yyyy-mm-dd",  # a datetime at midnight is the date
    ]
    assert cells[len(DATES)].value == moment
    assert [c.value for c in cells[-2:]] == [True, False]


def test_date_serials_are_excels(tmp_path):
    path = write(tmp_path / "s.xlsx", [[date(1900, 3, 1), date(2026, 1, 2)]])
    sheet_xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>61</v>" in sheet_xml and "<v>46024</v>" in sheet_xml


def test_empty_cells_and_nan_leave_gaps(tmp_path):
    rows = [["a", None, 1, "", float("nan"), "f"], [None, None, None], [None, "b"]]
    path = write(tmp_path / "g.xlsx", rows)
    assert calamine_rows(path, "Data") == [
        ["a", "", 1.0, "", "", "f"],
        ["", "", "", "", "", ""],
        ["", "b", "", "", "", ""],
    ]
    ws = openpyxl_sheet(path, "Data")
    assert ws["B1"].value is None and ws["D1"].value is None and ws["E1"].value is None
    assert ws.max_row == 3 and ws["B3"].value == "b"


cells = st.one_of(
    st.none(),
    st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\ufffe\uffff"), max_size=30
    ),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
)


def _as_calamine_reads(v):
    if v is None:
        return ""
    if type(v) in (int, float):
        return float(v)
    return v


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(cells, min_size=4, max_size=4), min_size=1, max_size=8))
def test_random_rows_round_trip(tmp_path, rows):
    path = write(tmp_path / "p.xlsx", [["a", "b", "c", "d"], *rows])
    back = calamine_rows(path, "Data")[1:]
    back += [[""] * 4] * (len(rows) - len(back))  # calamine leaves out trailing empty rows
    assert back == [[_as_calamine_reads(v) for v in row] for row in rows]
    ws = openpyxl_sheet(path, "Data")
    for row, got in zip(rows, ws.iter_rows(min_row=2, max_row=len(rows) + 1), strict=True):
        for v, cell in zip(row, got, strict=True):
            value = cell.value
            if type(v) is date:
                assert value.date() == v
            elif type(v) is str:
                assert unescape(value) == v if v else value is None
            else:
                assert value == v and type(value) is type(v)


# ---------------------------------------------------------------- layout


def test_widths_formats_bold_header_frozen_and_filtered(tmp_path):
    columns = [
        Column("ID", 16, "@"),
        Column("Close date", 12, "yyyy-mm-dd"),
        Column("Amount", 15, "#,##0.00"),
        Column("Probability", None, "0"),
        Column("Note"),
    ]
    path = write(tmp_path / "l.xlsx", [["00123", date(2026, 1, 2), 1234.5, 45, "x"]], columns)
    ws = openpyxl_sheet(path, "Data")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E2"
    assert [c.value for c in ws[1]] == ["ID", "Close date", "Amount", "Probability", "Note"]
    assert all(c.font.b for c in ws[1]) and not any(c.font.b for c in ws[2])
    assert [c.number_format for c in ws[2]] == ["@", "yyyy-mm-dd", "#,##0.00", "0", "General"]
    widths = {k: round(d.width, 2) for k, d in ws.column_dimensions.items()}
    assert widths == {"A": 16.71, "B": 12.71, "C": 15.71, "D": 9.14}  # D: Excel's default
    assert ws.column_dimensions["D"].number_format == "0"  # what a typed-in value gets


def test_sheet_without_headers_has_no_header_row_freeze_or_filter(tmp_path):
    path = write(tmp_path / "h.xlsx", [["Rows", 10]], [Column(None, 36), Column(None, 68)])
    ws = openpyxl_sheet(path, "Data")
    assert ws["A1"].value == "Rows" and ws.freeze_panes is None and ws.auto_filter.ref is None


def test_bold_rows_and_number_format_overrides(tmp_path):
    with XlsxStream(tmp_path / "b.xlsx") as book:
        sheet = book.add_sheet("Summary", [Column(width=30), Column(width=14)])
        sheet.write_row(["Per subsidiary"], bold=True)
        sheet.write_row(["SE01", 1234.5], number_formats=[None, "#,##0.00"])
        sheet.write_row(["rows", 12])
    ws = openpyxl_sheet(tmp_path / "b.xlsx", "Summary")
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert (ws["B2"].number_format, ws["B3"].number_format) == ("#,##0.00", "General")


def test_sheets_hidden_and_in_order_the_first_visible_selected(tmp_path):
    path = tmp_path / "s.xlsx"
    with XlsxStream(path) as book:
        book.add_sheet("Lists", [Column("a")], hidden=True).write_row(["x"])
        book.add_sheet("Pipeline", [Column("b")]).write_row(["y"])
        book.add_sheet("It's here", [Column("c")]).write_row(["z"])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Lists", "Pipeline", "It's here"]
    assert [ws.sheet_state for ws in wb] == ["hidden", "visible", "visible"]
    assert wb.active.title == "Pipeline"
    workbook_xml = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    assert "'It''s here'!$A$1:$A$2" in workbook_xml
    assert [r[0] for r in calamine_rows(path, "It's here")] == ["c", "z"]


# ---------------------------------------------------------------- streaming


def test_a_long_sheet_streams_with_a_small_buffer(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "FLUSH_ROWS", 50)
    path = tmp_path / "long.xlsx"
    with XlsxStream(path) as book:
        first = book.add_sheet("Summary", [Column("k"), Column("v")])  # the first tab
        pipeline = book.add_sheet("Pipeline", [Column("n"), Column("text")])
        for i in range(1000):
            pipeline.write_row([i, f"row {i}"])
            assert len(pipeline._buffer) < 50  # memory stays flat
        first.write_row(["rows", 1000])  # written after the long sheet, still the first tab
        for i in range(120):  # another sheet: kept in memory while Pipeline streams
            book.add_sheet(f"S{i}", [Column()]).write_row([i]) if i == 0 else None
    rows = calamine_rows(path, "Pipeline")
    assert len(rows) == 1001 and rows[-1] == [999.0, "row 999"]
    assert openpyxl.load_workbook(path, read_only=True).sheetnames == ["Summary", "Pipeline", "S0"]
    assert calamine_rows(path, "Summary") == [["k", "v"], ["rows", 1000.0]]
    assert zipfile.ZipFile(path).testzip() is None


def test_two_long_sheets_written_side_by_side(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_stream, "FLUSH_ROWS", 10)
    path = tmp_path / "two.xlsx"
    with XlsxStream(path) as book:
        a = book.add_sheet("A", [Column("a")])
        b = book.add_sheet("B", [Column("b")])
        for i in range(100):
            a.write_row([i])
            b.write_row([-i])
    assert [r[0] for r in calamine_rows(path, "A")][1:] == [float(i) for i in range(100)]
    assert [r[0] for r in calamine_rows(path, "B")][1:] == [float(-i) for i in range(100)]


def test_zip_is_sound_and_deflated_at_the_level_asked(tmp_path):
    rows = [[f"text {i}", i, date(2026, 1, 1)] for i in range(500)]
    with XlsxStream(tmp_path / "9.xlsx", compresslevel=9) as book:
        sheet = book.add_sheet("Data", [Column("a"), Column("b"), Column("c")])
        for row in rows:
            sheet.write_row(row)
    fast = write(tmp_path / "1.xlsx", [["a", "b", "c"], *rows])
    for path in (fast, tmp_path / "9.xlsx"):
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}
    assert (tmp_path / "9.xlsx").stat().st_size < fast.stat().st_size


def test_an_interrupted_workbook_leaves_no_file(tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp, XlsxStream(tmp) as book:
        sheet = book.add_sheet("Data", [Column("a")])
        for i in range(10):
            sheet.write_row([i])
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- Excel's limits


def test_text_up_to_excels_cell_limit(tmp_path):
    longest = "é" * 32_767
    path = write(tmp_path / "ok.xlsx", [[longest]])
    assert calamine_rows(path, "Data") == [[longest]]
    for too_long in ("x" * 32_768, "😀" * 16_384):  # an emoji counts twice, as in Excel
        with pytest.raises(ExcelCannotHold, match=r"Cell B3 of sheet 'Data'.*32,767"):
            write(tmp_path / "no.xlsx", [[None], [None], [None, too_long]])


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (float("inf"), "an infinite number"),
        (float("-inf"), "an infinite number"),
        (date(1900, 2, 28), "the date 1900-02-28, before 1900-03-01"),
        (datetime(1899, 12, 31, 12), "the date 1899-12-31"),
    ],
)
def test_values_excel_cannot_hold_are_named(tmp_path, value, said):
    with pytest.raises(ExcelCannotHold, match=f"Cell A2 of sheet 'Data' would hold {said}"):
        write(tmp_path / "x.xlsx", [["ok"], [value]])
    assert issubclass(ExcelCannotHold, ProblemForUser)


@pytest.mark.parametrize(
    "name", ["", "x" * 32, "a/b", "a[1]", "Q1: plan", "what?", "'quoted'", "History", "DATA"]
)
def test_sheet_names_follow_excels_rules(tmp_path, name):
    with XlsxStream(tmp_path / "n.xlsx") as book:
        book.add_sheet("Data", [Column()])
        with pytest.raises(ExcelCannotHold, match="cannot be the name of a sheet"):
            book.add_sheet(name, [Column()])


def test_writing_mistakes_are_errors(tmp_path):
    with XlsxStream(tmp_path / "m.xlsx") as book:
        sheet = book.add_sheet("Data", [Column(), Column()])
        with pytest.raises(ValueError, match="3 values for the 2 columns"):
            sheet.write_row([1, 2, 3])
        with pytest.raises(TypeError, match="cell A1"):
            sheet.write_row([object()])
    with pytest.raises(ValueError, match="visible sheet"), XlsxStream(tmp_path / "h.xlsx") as book:
        book.add_sheet("Hidden", [Column()], hidden=True)


# ---------------------------------------------------------------- the parts, as xlsxwriter writes them


def _equivalent_books(folder: Path, rows: int, announce: bool = True) -> tuple[Path, Path]:
    """The same two-sheet workbook written by xlsxwriter and by XlsxStream."""
    ours, theirs = folder / "ours.xlsx", folder / "theirs.xlsx"
    values = [[f"ID-{i}", date(2026, 1, 1 + i % 28), 1000.5 + i, i, " kept "] for i in range(rows)]
    wb = xlsxwriter.Workbook(str(theirs), {"constant_memory": True, "strings_to_formulas": False})
    bold = wb.add_format({"bold": True})
    formats = [wb.add_format({"num_format": f}) for f in ("@", "yyyy-mm-dd", "#,##0.00", "0")]
    ws = wb.add_worksheet("Pipeline")
    for c, (fmt, width) in enumerate(zip(formats, (16, 12, 15, 9), strict=True)):
        ws.set_column(c, c, width, fmt)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, rows, 4)
    ws.write_row(0, 0, ["ID", "Date", "Amount", "Count", "Note"], bold)
    for r, row in enumerate(values, start=1):
        ws.write_string(r, 0, row[0], formats[0])
        ws.write_datetime(r, 1, row[1], formats[1])
        ws.write_number(r, 2, row[2], formats[2])
        ws.write_number(r, 3, row[3], formats[3])
        ws.write_string(r, 4, row[4])
    other = wb.add_worksheet("Submission")
    other.set_column(0, 0, 36)
    other.write_string(0, 0, "Rows")
    other.write_number(0, 1, rows)
    wb.close()
    with XlsxStream(ours) as book:
        sheet = book.add_sheet(
            "Pipeline",
            [
                Column("ID", 16, "@"),
                Column("Date", 12, "yyyy-mm-dd"),
                Column("Amount", 15, "#,##0.00"),
                Column("Count", 9, "0"),
                Column("Note"),
            ],
            rows=rows if announce else None,
        )
        for row in values:
            sheet.write_row(row)
        book.add_sheet("Submission", [Column(None, 36), Column()]).write_row(["Rows", rows])
    return ours, theirs


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# What XlsxStream leaves out on purpose: the theme part, and the fonts' references into it.
THEME_ONLY = {("styleSheet", "fonts", "font"): {"color", "scheme"}}


@pytest.mark.parametrize(
    "how", ["buffered", "streamed, rows announced", "streamed"], ids=lambda how: how
)
def test_parts_and_element_order_match_xlsxwriters(tmp_path, monkeypatch, how):
    if how != "buffered":
        monkeypatch.setattr(xlsx_stream, "FLUSH_ROWS", 3)
    ours, theirs = _equivalent_books(tmp_path, rows=10, announce=how != "streamed")
    with zipfile.ZipFile(ours) as a, zipfile.ZipFile(theirs) as b:
        assert set(a.namelist()) == set(b.namelist()) - {"xl/theme/theme1.xml"}
        for part in a.namelist():
            if not part.endswith((".xml", ".rels")):
                continue
            mine, reference = xml_shape(a.read(part)), xml_shape(b.read(part))
            for path, leave_out in THEME_ONLY.items():
                if path in reference:
                    reference[path] = [t for t in reference[path] if t not in leave_out]
                    reference.pop((*path, "color"), None)
                    reference.pop((*path, "scheme"), None)
            if how == "streamed" and part == "xl/worksheets/sheet1.xml":
                # unannounced, the last row is not known when the sheet starts: no <dimension>
                reference[("worksheet",)].remove("dimension")
                reference.pop(("worksheet", "dimension"))
            assert mine == reference, part
    sheet1 = zipfile.ZipFile(ours).read("xl/worksheets/sheet1.xml").decode()
    assert ('<dimension ref="A1:E11"/>' in sheet1) is (how != "streamed")
    assert '<autoFilter ref="A1:E11"/>' in sheet1


def test_announced_rows_must_be_the_rows_written(tmp_path):
    with XlsxStream(tmp_path / "a.xlsx") as book:
        sheet = book.add_sheet("Data", [Column("a")], rows=2)
        sheet.write_row([1])
        sheet.write_row([2])
        with pytest.raises(ValueError, match="was to have 3 rows"):
            sheet.write_row([3])
    with XlsxStream(tmp_path / "c.xlsx") as book:
        book.add_sheet("Data", [Column("a")], rows=0)  # the header alone
    assert calamine_rows(tmp_path / "c.xlsx", "Data") == [["a"]]
    short = pytest.raises(ValueError, match="was to have 3 rows, header included, and has 2")
    with short, XlsxStream(tmp_path / "b.xlsx") as book:
        book.add_sheet("Data", [Column("a")], rows=2).write_row([1])


def _styles(path: Path) -> list[tuple[str, bool]]:
    """Each cell style of a workbook as (number format, bold)."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/styles.xml"))
    codes = {"0": "General", "1": "0"}  # built into Excel
    codes |= {f.get("numFmtId"): f.get("formatCode") for f in root.iter(f"{{{MAIN}}}numFmt")}
    fonts = [f.find(f"{{{MAIN}}}b") is not None for f in root.iter(f"{{{MAIN}}}font")]
    xfs = root.find(f"{{{MAIN}}}cellXfs")
    return [(codes[xf.get("numFmtId")], fonts[int(xf.get("fontId"))]) for xf in xfs]


def test_cells_are_written_as_xlsxwriter_writes_them(tmp_path):
    """Cell for cell: reference, type, style and value as xlsxwriter writes them."""
    ours, theirs = _equivalent_books(tmp_path, rows=3)
    cells = {}
    for path in (ours, theirs):
        styles = _styles(path)
        root = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml"))
        cells[path] = [
            (c.get("r"), c.get("t"), styles[int(c.get("s", 0))], ElementTree.tostring(c[0]))
            for c in root.iter(f"{{{MAIN}}}c")
        ]
    assert len(cells[ours]) == 4 * 5 and cells[ours] == cells[theirs]


def test_a_streamed_export_verifies_unchanged(tmp_path, schema, monkeypatch):
    """The exported Pipeline streams, its <dimension> from the rows announced; verify reads
    it back whole."""
    from test_export import make_exportable

    from desktop_app.core.checking.engine import check_file
    from desktop_app.core.jobs.verify import verify_submission
    from desktop_app.core.output.export import export_clean

    monkeypatch.setattr(xlsx_stream, "FLUSH_ROWS", 3)
    result = check_file(make_exportable(tmp_path / "SE01_2026-Q4_local.xlsx", schema), schema)
    out = export_clean(result, tmp_path / "out.xlsx")
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count("<row ") == 11 and '<dimension ref="A1:T11"/>' in sheet_xml
    verified = verify_submission(out)
    assert not verified.changed and verified.rows_found == len(result.rows) == 10


def test_an_excel_error_value_is_written_as_an_error_cell(tmp_path):
    from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue

    path = tmp_path / "errors.xlsx"
    with XlsxStream(path) as book:
        sheet = book.add_sheet("S", [Column(), Column(), Column()])
        sheet.write_row([ErrorValue("#N/A"), ErrorValue("#REF!"), FORMULA_WITHOUT_RESULT])
    cells = openpyxl.load_workbook(path)["S"][1]
    assert [(c.value, c.data_type) for c in cells[:2]] == [("#N/A", "e"), ("#REF!", "e")]
    assert cells[2].data_type == "s"  # not an error Excel knows: its words, as text
