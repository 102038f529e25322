"""The fixed copy of the person's own workbook (`template-checker fix`): every automatic fix
and every edit made in the window written into its cells with a proper type; checked
again, it has nothing left to fix and the same errors in the same cells; the source is
never changed; a CSV (a CRM export too) becomes an .xlsx of its sheet."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from helpers import PERIOD, SAMPLES, write_book
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from desktop_app.cli import main
from desktop_app.core.checking.any_layout import check_any_layout
from desktop_app.core.checking.engine import CheckOptions, check_file
from desktop_app.core.model.atomic import WriteRefused
from desktop_app.core.model.progress import Cancelled, Progress
from desktop_app.core.output.annotate import write_annotated
from desktop_app.core.output.fixed_cells import EDITED, fixed_cells
from desktop_app.core.output.fixed_copy import FixedCopyRefused, write_fixed_copy
from desktop_app.core.session.working import WorkingSession
from tests.crm_exports import exports, write_export
from tests.hostile_builders import OdsXml, ods_workbook, template_sheets
from tests.libreoffice import (
    needs_libreoffice,
    resave_with_libreoffice,
    values_seen_by_libreoffice,
)
from tests.sample_data import header_labels, valid_rows

PROBLEMS = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
CRM_EXPORT = SAMPLES / "US01_salesforce_opportunities.csv"
US01 = CheckOptions(subsidiary="US01", period="2026-Q4")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def errors(result) -> list[tuple]:
    """Every error, where it is."""
    return sorted(
        (f.code, f.cell or "", f.row or 0, f.column or "")
        for f in result.findings
        if f.severity == "error"
    )


def fixes(result) -> list:
    return [f for f in result.findings if f.severity == "fixed"]


@pytest.fixture(scope="module")
def problems(schema):
    return check_file(PROBLEMS, schema)


@pytest.fixture(scope="module")
def problems_copy(problems, tmp_path_factory):
    before = sha256(PROBLEMS)
    out = tmp_path_factory.mktemp("fixed") / "SE01_2026-Q4_pipeline_with_problems_fixed.xlsx"
    written = write_fixed_copy(problems, out)
    assert sha256(PROBLEMS) == before  # the source is never changed
    return written


def test_the_cells_a_fixed_copy_changes_are_typed(problems):
    cells = fixed_cells(problems).cells
    assert cells[(49, 14)].value == date(2026, 12, 15)  # "2026-12-15" typed as text
    assert cells[(49, 14)].number_format == "yyyy-mm-dd"
    assert cells[(54, 14)].value == date(2026, 11, 24)  # the serial number 46350
    assert cells[(48, 11)].value == 1234500.5  # "1 234 500,50"
    assert cells[(48, 11)].number_format == "#,##0.00"
    assert (cells[(53, 9)].value, cells[(53, 9)].number_format) == (45, "0")  # 0.45
    assert cells[(55, 3)].value == "CU-200123"  # " cu-200123"
    assert cells[(57, 8)].value == "Negotiate"  # "Förhandla"
    assert cells[(60, 5)].value == "SE"  # "Sverige"
    assert cells[(47, 20)].value is None  # the placeholder "-"
    assert len(cells) == len(fixes(problems))


def test_rechecking_the_fixed_sample_finds_nothing_to_fix_and_the_same_errors(
    problems, problems_copy, schema
):
    again = check_file(problems_copy.path, schema)
    assert fixes(problems) and not fixes(again)
    assert errors(again) == errors(problems)
    assert problems_copy.errors_left == problems.error_count == 22


def test_the_fixed_sample_holds_real_dates_and_numbers(problems_copy):
    book = openpyxl.load_workbook(problems_copy.path)
    sheet = book["Pipeline"]
    assert sheet["N49"].value == datetime(2026, 12, 15)
    assert sheet["N49"].is_date and "yy" in sheet["N49"].number_format
    assert sheet["N54"].value == datetime(2026, 11, 24) and sheet["N54"].is_date
    assert sheet["K48"].value == 1234500.5 and sheet["K48"].data_type == "n"
    assert sheet["I53"].value == 45 and "%" not in sheet["I53"].number_format
    assert [sheet[ref].value for ref in ("C55", "H57", "E60", "T47")] == [
        "CU-200123",
        "Negotiate",
        "SE",
        None,
    ]
    assert "Info" in book.sheetnames  # the rest of the workbook is kept


def test_edits_made_in_the_window_are_written_too(problems, schema, tmp_path):
    session = WorkingSession(check_file(PROBLEMS, schema))
    typo = next(f for f in session.findings if f.code == "DQ4.near_miss")
    bad_date = next(f for f in session.findings if f.code == "DQ3.date_order")
    session.apply(
        [
            session.make_edit(typo.row, typo.column, typo.suggestion),
            session.make_edit(
                bad_date.row, bad_date.column, session.typed_value(bad_date.column, "2026-12-01")
            ),
        ]
    )
    written = write_fixed_copy(session.result, tmp_path / "edited.xlsx")
    assert written.cells.kinds[EDITED] == 2
    sheet = openpyxl.load_workbook(written.path)["Pipeline"]
    assert sheet[typo.cell].value == typo.suggestion
    assert sheet[bad_date.cell].value == datetime(2026, 12, 1) and sheet[bad_date.cell].is_date
    again = check_file(written.path, schema)
    assert not fixes(again)
    assert errors(again) == errors(session.result)  # the errors the window shows


def test_a_crm_export_becomes_an_xlsx_of_its_sheet_with_the_fixes(schema, tmp_path):
    before = sha256(CRM_EXPORT)
    result, used = check_any_layout(CRM_EXPORT, schema, US01)
    assert fixes(result)
    written = write_fixed_copy(result, tmp_path / "US01_fixed.xlsx")
    assert written.as_xlsx and sha256(CRM_EXPORT) == before
    assert "CSV" in written.lines()[1] and ".xlsx" in written.lines()[1]
    # read back with the same matching, as next period's export would be
    again, _ = check_any_layout(
        written.path, schema, CheckOptions(), saved=lambda: (used.matching, "given", None)
    )
    assert not fixes(again)
    assert errors(again) == errors(result)
    sheet = openpyxl.load_workbook(written.path)["Pipeline"]
    assert sheet["A1"].value == "Opportunity Pipeline"  # the export's title rows are kept
    assert sheet["H5"].value == 10  # "10%"
    assert isinstance(sheet["F5"].value, float)  # "$166,522.81"
    assert sheet["J5"].value == datetime(2026, 12, 17) and sheet["J5"].is_date  # 12/17/2026


def _template_csv(path: Path, schema) -> Path:
    """A filled-in template saved as CSV the Swedish way, with things to fix and errors."""
    rows = valid_rows(schema, "SE01", PERIOD, 6, seed=5)
    rows[0]["stage"] = "Förhandla"
    rows[0]["probability"] = 60
    rows[0]["forecast_category"] = "Commit"
    rows[1]["customer_id"] = " cu-100777"
    rows[2]["stage"] = "Negotiaton"  # an error: stays
    rows[3]["next_step"] = "-"
    rows[4]["close_date"] = "12/31/2025"  # an error: stays

    def text(v) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:.2f}".replace(".", ",")
        return str(v)

    names = [c.name for c in schema.columns]
    lines = [";".join([*header_labels(schema), "Ramavtal t.o.m."])]  # SE01's own column
    lines += [";".join([*(text(r.get(n)) for n in names), "2027-06-30"]) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_template_csv_becomes_an_xlsx_that_checks_the_same(schema, tmp_path):
    source = _template_csv(tmp_path / "SE01_2026-Q4_pipeline.csv", schema)
    result = check_file(source, schema)
    assert {f.code for f in fixes(result)} >= {"DQ4.value_normalised", "DQ3.text_trimmed"}
    written = write_fixed_copy(result, tmp_path / "copy.xlsx")  # a name that says nothing
    book = openpyxl.load_workbook(written.path)
    assert book.sheetnames == ["Pipeline", "Info"]
    sheet = book["Pipeline"]
    assert isinstance(sheet["K2"].value, int | float)  # amounts are numbers now
    assert sheet["N2"].is_date  # and dates are dates
    again = check_file(written.path, schema)
    assert not fixes(again)
    assert errors(again) == errors(result)
    assert (again.subsidiary, again.period) == (result.subsidiary, result.period)


def test_the_source_itself_and_a_wrong_name_are_refused(schema, tmp_path):
    source = Path(shutil.copy(PROBLEMS, tmp_path / PROBLEMS.name))
    before = sha256(source)
    result = check_file(source, schema)
    with pytest.raises(WriteRefused):
        write_fixed_copy(result, source)
    with pytest.raises(FixedCopyRefused) as wrong:
        write_fixed_copy(result, tmp_path / "copy.csv")
    assert "copy.xlsx" in str(wrong.value)
    assert sha256(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [PROBLEMS.name]


def test_fix_command_says_what_it_fixed_and_where(capsys, tmp_path):
    out = tmp_path / "fixed.xlsx"
    code = main(["fix", str(PROBLEMS), "-o", str(out)])
    said = capsys.readouterr().out
    assert code == 0 and out.exists()
    assert "Dates typed as text written as dates: 1" in said
    assert "List values written in the template's words: 2" in said
    assert f"written to {out}" in said
    assert "22 errors are left to fix in fixed.xlsx" in said


def test_fix_command_on_an_unreadable_file_is_one_sentence(capsys, tmp_path):
    bad = tmp_path / "SE01_2026-Q4_broken.xlsx"
    bad.write_bytes(b"not a workbook at all")
    code = main(["fix", str(bad), "-o", str(tmp_path / "out.xlsx")])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.xlsx").exists()


@needs_libreoffice
def test_libreoffice_reads_the_fixed_values(problems_copy, tmp_path):
    seen = values_seen_by_libreoffice(problems_copy.path, tmp_path / "lo")["Pipeline"]
    assert seen[49 - 1][14 - 1] == datetime(2026, 12, 15)
    assert seen[48 - 1][11 - 1] == 1234500.5
    assert seen[57 - 1][8 - 1] == "Negotiate"
    assert seen[55 - 1][3 - 1] == "CU-200123"


@needs_libreoffice
def test_an_ods_workbook_becomes_an_xlsx_that_checks_the_same(schema, tmp_path):
    ods = resave_with_libreoffice(PROBLEMS, "ods", tmp_path / "ods")
    result = check_file(ods, schema)
    written = write_fixed_copy(result, tmp_path / "copy.xlsx")
    assert written.as_xlsx and written.cells.typed == 0  # its numbers were numbers already
    again = check_file(written.path, schema)
    assert len(fixes(result)) == 8 and not fixes(again)
    assert errors(again) == errors(result)


def test_a_date_and_time_in_an_ods_is_written_as_one_in_both_copies(schema, tmp_path):
    """A date-time cell of a legacy workbook (read as a datetime) is a date-time in the
    fixed and the annotated copy, not a crash comparing it with Excel's first day."""
    sheets = template_sheets()
    rows = sheets["Pipeline"]
    when = datetime(2026, 10, 1, 14, 30)
    cell = (
        f'<table:table-cell office:value-type="date" office:date-value="{when:%Y-%m-%dT%H:%M:%S}"/>'
    )
    rows[2] = [*rows[2], OdsXml(cell)]
    result = check_file(ods_workbook(tmp_path / "SE01_2026-Q4_times.ods", sheets), schema)
    copies = [
        write_fixed_copy(result, tmp_path / "fixed.xlsx").path,
        write_annotated(result, tmp_path / "annotated.xlsx"),
    ]
    for path in copies:
        book = openpyxl.load_workbook(path)
        assert book["Pipeline"].cell(3, len(rows[2])).value == when, path.name


def _as_xlsm(xlsx: Path, xlsm: Path, vba: bytes) -> Path:
    """The workbook with a macro project added, as Excel saves an .xlsm."""
    macro_ct = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    macro_ct,
                ).replace(
                    b"<Default ",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"<Default ",
                    1,
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            out.writestr(item, data)
        out.writestr("xl/vbaProject.bin", vba)
    return xlsm


@pytest.fixture
def rich_xlsm(schema, tmp_path) -> Path:
    """A filled-in template with things to fix and everything a person's workbook may hold:
    a chart sheet, a drop-down list, conditional formatting, a frozen header, a defined
    name, a note on a cell the fix changes, and macros."""
    rows = valid_rows(schema, "SE01", PERIOD, 8, seed=7)
    rows[0].update(stage="Förhandla", probability=60, forecast_category="Commit")
    rows[1]["close_date"] = rows[1]["close_date"].isoformat()
    rows[2]["amount"] = f"{rows[2]['amount']:.2f}".replace(".", ",")
    xlsx = write_book(tmp_path / "rich.xlsx", schema, rows)
    book = openpyxl.load_workbook(xlsx)
    sheet = book["Pipeline"]
    sheet.freeze_panes = "A2"
    stages = DataValidation(type="list", formula1='"Qualify,Develop,Propose,Negotiate"')
    stages.add("H2:H100")
    sheet.add_data_validation(stages)
    sheet.conditional_formatting.add(
        "K2:K100",
        CellIsRule(
            operator="greaterThan", formula=["500000"], fill=PatternFill("solid", bgColor="FFC7CE")
        ),
    )
    book.defined_names["Amounts"] = DefinedName("Amounts", attr_text="Pipeline!$K$2:$K$9")
    sheet["H2"].comment = Comment("Ask Anna before the review", "Anna")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=11, min_row=1, max_row=9), titles_from_data=True)
    book.create_chartsheet("Chart").add_chart(chart)
    book.save(xlsx)
    return _as_xlsm(xlsx, tmp_path / "SE01_2026-Q4_rich.xlsm", b"macro project " * 64)


@needs_libreoffice
def test_a_macro_workbook_keeps_everything_but_the_fixed_cells(rich_xlsm, schema, tmp_path):
    before = sha256(rich_xlsm)
    result = check_file(rich_xlsm, schema)
    assert len(fixes(result)) == 3
    written = write_fixed_copy(result, tmp_path / "SE01_2026-Q4_rich_fixed.xlsm")
    assert sha256(rich_xlsm) == before
    with zipfile.ZipFile(rich_xlsm) as a, zipfile.ZipFile(written.path) as b:
        kept = [n for n in a.namelist() if "sheet1.xml" not in n and "styles" not in n]
        changed = [n for n in kept if n not in b.namelist() or a.read(n) != b.read(n)]
        assert "xl/vbaProject.bin" in kept and not changed, changed  # byte for byte
    book = openpyxl.load_workbook(written.path, keep_vba=True)
    sheet = book["Pipeline"]
    assert sheet.freeze_panes == "A2"
    assert [str(v.sqref) for v in sheet.data_validations.dataValidation] == ["H2:H100"]
    assert [str(r.sqref) for r in sheet.conditional_formatting] == ["K2:K100"]
    assert "Amounts" in book.defined_names
    assert book.chartsheets and book.chartsheets[0].title == "Chart"
    assert sheet["H2"].value == "Negotiate"
    assert sheet["H2"].comment.text == "Ask Anna before the review"  # the note stays
    assert sheet["N3"].is_date and isinstance(sheet["K4"].value, float)
    again = check_file(written.path, schema)
    assert not fixes(again) and errors(again) == errors(result)
    seen = values_seen_by_libreoffice(written.path, tmp_path / "lo")["Pipeline"]
    assert seen[1][7] == "Negotiate" and isinstance(seen[2][13], datetime)


def test_a_macro_workbook_copied_to_xlsx_says_its_macros_are_left_out(rich_xlsm, schema, tmp_path):
    result = check_file(rich_xlsm, schema)
    written = write_fixed_copy(result, tmp_path / "SE01_2026-Q4_rich_fixed.xlsx")
    assert any("macros" in line and ".xlsm" in line for line in written.lines())
    with zipfile.ZipFile(written.path) as copy:
        assert "xl/vbaProject.bin" not in copy.namelist()
    assert not fixes(check_file(written.path, schema))


@pytest.mark.parametrize("source", [PROBLEMS, CRM_EXPORT], ids=["xlsx", "csv"])
def test_a_cancelled_fixed_copy_leaves_no_file(source, schema, tmp_path):
    result, _ = check_any_layout(source, schema, US01 if source == CRM_EXPORT else CheckOptions())
    progress = Progress(lambda label, fraction: progress.cancel() if fraction > 0.05 else None)
    with pytest.raises(Cancelled):
        write_fixed_copy(result, tmp_path / "copy.xlsx", progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_a_fix_whose_value_is_still_an_error_is_left_as_it_is(schema, tmp_path):
    rows = valid_rows(schema, "SE01", PERIOD, 4, seed=3)
    rows[1]["probability"] = "0,9"  # read as 0.9, which is no whole percentage: an error
    rows[2]["close_date"] = rows[2]["close_date"].isoformat()
    rows[3]["created_date"] = "1899-12-31"  # read, but no date Excel can hold
    result = check_file(write_book(tmp_path / "SE01_2026-Q4_p.xlsx", schema, rows), schema)
    assert {(f.code, f.severity) for f in result.findings if f.cell == "I3"} == {
        ("DQ3.number_read", "fixed"),
        ("DQ3.not_an_integer", "error"),
    }
    assert {"O5"} < {f.cell for f in fixes(result)}
    written = write_fixed_copy(result, tmp_path / "copy.xlsx")
    assert (3, 9) not in written.cells.cells and written.fixes == 1  # only the close date
    sheet = openpyxl.load_workbook(written.path)["Pipeline"]
    assert (sheet["I3"].value, sheet["O5"].value) == ("0,9", "1899-12-31")
    again = check_file(written.path, schema)
    assert errors(again) == errors(result)
    assert sorted(f.cell for f in fixes(again)) == ["I3", "O5"]  # beside their errors


def test_fix_command_refuses_the_source_and_other_names_at_once(capsys, tmp_path):
    source = Path(shutil.copy(PROBLEMS, tmp_path / PROBLEMS.name))
    for out in (source, tmp_path / "copy.ods"):
        code = main(["fix", str(source), "-o", str(out)])
        _, err = capsys.readouterr()
        assert code == 2 and err.count("\n") == 1, err
    assert "copy.xlsx" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [PROBLEMS.name]


def test_an_edit_is_written_as_typed_even_where_it_is_still_wrong(schema, tmp_path):
    session = WorkingSession(check_file(PROBLEMS, schema))
    row = session.table.rows[0]
    session.apply(
        [
            session.make_edit(row, "probability", session.typed_value("probability", "45,5")),
            session.make_edit(row, "close_date", date(1899, 12, 31)),
        ]
    )
    cells = fixed_cells(session.result).cells
    assert cells[(row, 9)].value == 45.5 and cells[(row, 9)].number_format is None  # not "0"
    assert cells[(row, 14)].value == "1899-12-31"  # no Excel date: as typed
    written = write_fixed_copy(session.result, tmp_path / "copy.xlsx")
    again = check_file(written.path, schema)
    assert {f.code for f in again.findings if f.row == row and f.column == "probability"} == {
        "DQ3.not_an_integer"
    }


@pytest.mark.parametrize("export", exports(30), ids=lambda e: e.name)
def test_every_crm_export_of_the_corpus_checks_the_same_once_fixed(export, schema, tmp_path):
    source = write_export(export, tmp_path)
    options = CheckOptions(subsidiary=export.subsidiary, period="2026-Q4")
    result, used = check_any_layout(source, schema, options)
    written = write_fixed_copy(result, tmp_path / f"{source.stem}_fixed.xlsx")
    saved = (lambda: (used.matching, "given", None)) if used else None
    again, _ = check_any_layout(written.path, schema, options, saved=saved)
    assert errors(again) == errors(result)
    flagged = {f.cell for f in again.findings if f.severity == "error"}
    assert {f.cell for f in fixes(again)} <= flagged  # a fix left only beside its error


def test_an_edit_to_a_column_the_matching_filled_in_is_said_not_to_be_in_the_copy(schema, tmp_path):
    result, _ = check_any_layout(CRM_EXPORT, schema, US01)
    assert result.table.column("currency").index < 0  # filled in: the CSV has no such column
    session = WorkingSession(result)
    session.apply([session.make_edit(result.table.rows[0], "currency", "CAD")])
    written = write_fixed_copy(session.result, tmp_path / "US01_fixed.xlsx")
    assert written.cells.edits_without_cell == 1
    said = "1 of your changes are in columns your workbook does not have"
    assert any(line.startswith(said) for line in written.lines())
    assert said in written.summary()
