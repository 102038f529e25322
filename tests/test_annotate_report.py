"""The annotated workbook marks exactly the flagged cells; the HTML report stands alone."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

import openpyxl
import pytest
from helpers import PERIOD, SAMPLES, write_book
from test_export import make_exportable

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.model.atomic import WriteRefused
from desktop_app.core.model.findings import display_value
from desktop_app.core.output.annotate import ERROR_FILL, WARNING_FILL, write_annotated
from desktop_app.core.output.report_html import write_report
from tests.sample_data import valid_rows

PROBLEMS = "SE01_2026-Q4_pipeline_with_problems.xlsx"


@pytest.fixture
def problems(tmp_path, schema):
    source = tmp_path / PROBLEMS
    source.write_bytes((SAMPLES / PROBLEMS).read_bytes())
    return check_file(source, schema)


def filled(ws) -> dict[str, str]:
    return {
        c.coordinate: c.fill.fgColor.rgb[-6:]
        for row in ws.iter_rows()
        for c in row
        if c.fill is not None and c.fill.fill_type == "solid"
    }


def expected_marks(result) -> dict[str, str]:
    """Cell findings at their cell, row findings at column A, column findings at the header."""
    table = result.table
    marks: dict[str, str] = {}
    for f in result.findings:
        if f.severity == "fixed":
            continue
        if f.cell:
            ref = f.cell
        elif f.row is not None:
            ref = f"A{f.row}"
        elif f.column and table.column(f.column):
            ref = f"{table.column(f.column).letter}{table.header_row}"
        else:
            continue  # about the whole file: listed on the Findings sheet only
        if marks.get(ref) != ERROR_FILL:
            marks[ref] = ERROR_FILL if f.severity == "error" else WARNING_FILL
    return marks


def test_annotate_marks_exactly_the_flagged_cells(problems, tmp_path):
    source = openpyxl.load_workbook(problems.table.path)["Pipeline"]
    assert filled(source) == {}
    out = write_annotated(problems, tmp_path / "annotated.xlsx")
    ws = openpyxl.load_workbook(out)["Pipeline"]
    marks = filled(ws)
    assert marks == expected_marks(problems)
    assert "D45" in marks and "A65" in marks and "U3" in marks  # cell, row and column findings
    commented = {c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None}
    assert commented == set(marks)


def test_comments_hold_message_and_suggestion(problems, tmp_path):
    ws = openpyxl.load_workbook(write_annotated(problems, tmp_path / "a.xlsx"))["Pipeline"]
    for f in problems.findings:
        if f.cell and f.severity != "fixed":
            text = ws[f.cell].comment.text
            assert f.message in text
            if f.suggestion is not None:
                assert f"Suggestion: {display_value(f.suggestion)}" in text
    assert "Negotiate" in ws["H58"].comment.text


def looks(cell) -> tuple:
    """Value and formatting, apart from the fill the annotation may change."""
    parts = (cell.font, cell.border, cell.alignment, cell.protection)
    return (cell.value, cell.number_format, *map(repr, parts))


def test_formatting_and_values_are_kept(problems, tmp_path):
    before = openpyxl.load_workbook(problems.table.path)
    after = openpyxl.load_workbook(write_annotated(problems, tmp_path / "a.xlsx"))
    assert after.sheetnames == [*before.sheetnames, "Findings"]
    for name in before.sheetnames:
        for row_b, row_a in zip(before[name].iter_rows(), after[name].iter_rows(), strict=True):
            for b, a in zip(row_b, row_a, strict=True):
                assert looks(a) == looks(b), a.coordinate


def test_findings_sheet_links_every_finding_to_its_cell(problems, tmp_path):
    wb = openpyxl.load_workbook(write_annotated(problems, tmp_path / "a.xlsx"))
    rows = list(wb["Findings"].iter_rows(min_row=2))
    assert len(rows) == len(problems.findings)
    links = {r[2].value: r[2].hyperlink.location for r in rows if r[2].hyperlink is not None}
    assert links["D45"] == "'Pipeline'!D45"
    cell_findings = {f.cell for f in problems.findings if f.cell}
    assert cell_findings <= set(links)
    assert {r[0].value for r in rows} == {"error", "warning", "fixed"}


def test_annotate_a_csv_source(schema, base_rows, tmp_path):
    header = [c.label for c in schema.columns]
    lines = [",".join(header)]
    for row in base_rows[:3]:
        lines.append(
            ",".join("" if row[c.name] is None else str(row[c.name]) for c in schema.columns)
        )
    lines[2] = lines[2].replace("CU-", "XX-", 1)  # a pattern error in C3
    source = tmp_path / "SE01_2026-Q4_pipeline.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_file(source, schema)
    ws = openpyxl.load_workbook(write_annotated(result, tmp_path / "a.xlsx")).worksheets[0]
    assert filled(ws) == expected_marks(result)
    assert "C3" in filled(ws)


def test_annotate_never_over_the_source(problems):
    before = problems.table.path.read_bytes()
    with pytest.raises(WriteRefused):
        write_annotated(problems, problems.table.path)
    assert problems.table.path.read_bytes() == before


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_report_is_self_contained_and_complete(problems, schema, tmp_path):
    out = write_report(problems, tmp_path / "report.html")
    page = out.read_text("utf-8")
    parsed = _Page()
    parsed.feed(page)
    text = " ".join(parsed.text)
    for fetches in ("http:", "https:", "url(", "@import", "//"):
        assert fetches not in page
    assert "script" not in parsed.tags and not any(k in ("src", "href") for k, _ in parsed.attrs)
    assert "svg" in parsed.tags and "@media print" in page
    assert "NOT READY: 22 errors to fix" in text
    assert f"{schema.id} {schema.version}" in text and schema.sha256 in text
    assert hashlib.sha256(problems.table.path.read_bytes()).hexdigest() in text
    assert page.count('<tr class="error">') == 22
    assert page.count('<tr class="warning">') == problems.summary["warnings"]
    assert "Template structure" in text  # the counts per rule, by name


def test_report_escapes_what_the_file_holds(schema, tmp_path):
    rows = valid_rows(schema, "SE01", PERIOD, 3)
    rows[1]["customer_id"] = "<script>alert(1)</script>"
    result = check_file(write_book(tmp_path / "SE01_2026-Q4_x.xlsx", schema, rows), schema)
    page = write_report(result, tmp_path / "r.html").read_text("utf-8")
    parsed = _Page()
    parsed.feed(page)
    assert "script" not in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_check_writes_annotated_copy_and_report(problems, tmp_path, capsys):
    annotated, report = tmp_path / "a.xlsx", tmp_path / "r.html"
    args = ["check", str(problems.table.path), "--format", "json"]
    assert main([*args, "--annotate", str(annotated), "--report", str(report)]) == 1
    captured = capsys.readouterr()
    assert captured.out.lstrip().startswith("{")  # stdout stays one JSON object
    assert annotated.exists() and report.exists()
    assert "Findings" in openpyxl.load_workbook(annotated).sheetnames


def test_report_of_a_passing_file(schema, tmp_path):
    result = check_file(make_exportable(tmp_path / "SE01_2026-Q4_x.xlsx", schema), schema)
    page = write_report(result, tmp_path / "r.html").read_text("utf-8")
    assert "READY TO SUBMIT" in page and 'class="verdict pass"' in page


def test_a_csv_sources_annotated_copy_never_goes_over_the_csv(schema, base_rows, tmp_path):
    header = [c.label for c in schema.columns]
    source = tmp_path / "SE01_2026-Q4_pipeline.csv"
    source.write_text(",".join(header) + "\n", encoding="utf-8")
    before = source.read_bytes()
    result = check_file(source, schema)
    with pytest.raises(WriteRefused):
        write_annotated(result, source)
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]
