"""The clean submission file: sheets, values and types, refusal, atomic writing, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import python_calamine as pc
from helpers import PERIOD, SAMPLES, write_book
from hypothesis import given
from hypothesis import strategies as st

from desktop_app import __version__
from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file, check_table
from desktop_app.core.model.atomic import WriteRefused
from desktop_app.core.model.edits import Edit, apply_edit
from desktop_app.core.model.progress import Cancelled, Progress
from desktop_app.core.output.export import (
    FORMULA_STARTS,
    ExportColumn,
    ExportRefused,
    csv_text,
    data_sha256,
    default_export_name,
    export_clean,
)
from desktop_app.core.reading.source import read_source
from tests.sample_data import valid_rows

CMD = "=cmd|' /C calc'!A0"


def make_exportable(path: Path, schema, drop: tuple[str, ...] = ()) -> Path:
    """Ten SE01 rows with only safe fixes and warnings (no errors), a totals row and
    an unknown column; `drop` removes whole columns by canonical name."""
    rows = valid_rows(schema, "SE01", PERIOD, 10, seed=11)
    rows[0]["stage"] = "Förhandla"  # fixed to Negotiate (H2)
    rows[1].update(amount="276 544,13", amount_eur=None)  # text number, fixed (K3)
    rows[2]["next_step"] = "--"  # placeholder cleared (T4); D4 becomes CMD below
    rows[3].update(last_activity_date=date(2026, 8, 1), close_date="2027-02-01")  # stale, fixed
    rows[4].update(customer_name="Müller Straße ÅÄÖ", next_step="+46 8 123 45", owner="@Karin")
    rows[5]["amount_eur"] = None  # computed by the export
    rows[9]["next_step"] = "- call back Monday"
    rows.append({"opportunity_id": "Summa", "amount": 1000.0})  # a totals row (row 12)
    write_book(path, schema, rows)
    wb = openpyxl.load_workbook(path)
    ws = wb[schema.model.data_sheet]
    ws.cell(1, 21, "Intern kommentar")
    ws.cell(2, 21, "only for us")
    ws["D4"].value = CMD
    ws["D4"].data_type = "s"  # text that looks like a formula, as a CRM export may hold
    names = [c.name for c in schema.columns]
    for name in sorted(drop, key=names.index, reverse=True):
        ws.delete_cols(names.index(name) + 1)
    wb.save(path)
    return path


@pytest.fixture
def exportable(tmp_path, schema):
    result = check_file(make_exportable(tmp_path / "SE01_2026-Q4_local.xlsx", schema), schema)
    assert result.passed, [f.message for f in result.findings if f.severity == "error"]
    return result


def read_calamine(path: Path, sheet: str) -> list[list]:
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def expected_cell(result, name: str, pos: int):
    value = result.frame[name].iloc[pos] if name in result.frame.columns else None
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.datetime64 | datetime):
        return (
            value.astype("datetime64[D]").astype(object)
            if isinstance(value, np.datetime64)
            else value.date()
        )
    return value


def test_export_fixture_has_fixes_and_warnings_only(exportable):
    s = exportable.summary
    assert s["errors"] == 0 and s["fixed"] >= 4 and s["warnings"] >= 3


def test_round_trip_same_values_and_types(exportable, schema, tmp_path):
    out = export_clean(exportable, tmp_path / "out.xlsx")
    labels = [c.label for c in schema.columns]
    by_calamine = read_calamine(out, "Pipeline")
    ws = openpyxl.load_workbook(out)["Pipeline"]
    by_openpyxl = [list(r) for r in ws.iter_rows(values_only=True)]
    assert by_calamine[0] == labels and by_openpyxl[0] == labels
    assert len(by_calamine) == len(by_openpyxl) == len(exportable.rows) + 1
    for pos in range(len(exportable.rows)):
        for c, col in enumerate(schema.columns):
            want = expected_cell(exportable, col.name, pos)
            if col.name == "amount_eur" and want is None:
                continue  # computed by the export; see test_amount_eur_filled_from_rates
            got_c, got_o = by_calamine[pos + 1][c], by_openpyxl[pos + 1][c]
            where = f"{col.name} row {pos}"
            if want is None:
                assert got_c == "" and got_o is None, where
            elif col.type == "text":
                assert got_c == got_o == want and type(got_c) is type(got_o) is str, where
            elif col.type == "date":
                assert type(got_c) is date and got_c == want, where
                assert type(got_o) is datetime and got_o.date() == want, where
            else:
                assert type(got_c) is float and got_c == want, where
                assert type(got_o) in (int, float) and got_o == want, where


def test_typed_cells_carry_the_schema_formats(exportable, schema, tmp_path):
    ws = openpyxl.load_workbook(export_clean(exportable, tmp_path / "out.xlsx"))["Pipeline"]
    for c, col in enumerate(schema.columns, start=1):
        if col.format:
            assert ws.cell(2, c).number_format == col.format, col.name
    assert ws.freeze_panes == "A2"


def test_formula_like_text_stays_text(exportable, tmp_path):
    ws = openpyxl.load_workbook(export_clean(exportable, tmp_path / "out.xlsx"))["Pipeline"]
    cell = ws["D4"]
    assert cell.value == CMD and cell.data_type == "s"


def test_canonical_values_and_left_out_rows_and_columns(exportable, tmp_path):
    rows = read_calamine(export_clean(exportable, tmp_path / "out.xlsx"), "Pipeline")
    assert "Intern kommentar" not in rows[0]
    assert all(r[0] != "Summa" for r in rows)
    assert len(rows) == 11
    assert rows[1][7] == "Negotiate"  # was Förhandla
    assert rows[2][10] == 276544.13  # was the text 276 544,13
    assert rows[3][19] == ""  # the placeholder -- cleared


def test_amount_eur_filled_from_rates(exportable, schema, tmp_path):
    out = export_clean(exportable, tmp_path / "out.xlsx")
    rows = read_calamine(out, "Pipeline")
    rate = schema.model.rates["SEK"]
    assert rows[2][12] == round(276544.13 / rate, 2)
    assert rows[6][12] == round(rows[6][10] / rate, 2)
    submission = dict(r[:2] for r in read_calamine(out, "Submission"))
    assert submission["Amount (EUR) computed from the rates"] == 2


def test_every_schema_column_even_when_missing_in_the_source(schema, tmp_path):
    path = make_exportable(
        tmp_path / "SE01_2026-Q4_x.xlsx", schema, drop=("amount_eur", "last_activity_date")
    )
    result = check_file(path, schema)
    assert result.passed
    rows = read_calamine(export_clean(result, tmp_path / "out.xlsx"), "Pipeline")
    assert rows[0] == [c.label for c in schema.columns]
    amount_eur, activity = rows[0].index("Amount (EUR)"), rows[0].index("Last activity")
    assert all(isinstance(r[amount_eur], float) and r[amount_eur] > 0 for r in rows[1:])
    assert all(r[activity] == "" for r in rows[1:])


def test_submission_sheet(exportable, schema, tmp_path):
    out = export_clean(exportable, tmp_path / "out.xlsx")
    record = dict(r[:2] for r in read_calamine(out, "Submission"))
    s = exportable.summary
    assert record["Schema id"] == schema.id and record["Schema version"] == schema.version
    assert record["Schema SHA-256"] == schema.sha256
    assert record["Subsidiary"] == "SE01" and record["Reporting period"] == "2026-Q4"
    assert record["Rows"] == 10
    assert record["Warnings"] == s["warnings"] and record["Fixed automatically"] == s["fixed"]
    assert record["Program"] == f"Template Checker {__version__}"
    assert record["Checked at"] == exportable.checked_at.isoformat(timespec="seconds")
    pipeline = read_calamine(out, "Pipeline")
    assert record["Data SHA-256"] == data_sha256(pipeline[0], pipeline[1:])


def test_changes_sheet_lists_every_fix_and_edit(schema, tmp_path):
    path = make_exportable(tmp_path / "SE01_2026-Q4_x.xlsx", schema)
    table = read_source(path, schema)
    edit = Edit(row=8, column="owner", before="Johan Berg", after="Johan Bergström", reason="typo")
    apply_edit(table, edit)
    result = check_table(table, schema)
    result.edits = [edit]
    out = export_clean(result, tmp_path / "out.xlsx")
    sheet = read_calamine(out, "Changes")
    assert sheet[0] == ["Cell", "Row", "Opportunity ID", "Column", "Before", "After"] + [
        "Rule",
        "Reason",
        "At",
    ]
    listed = {r[0]: r for r in sheet[1:]}
    fixed = [f for f in result.findings if f.severity == "fixed"]
    assert len(sheet) - 1 == len(fixed) + 1
    for f in fixed:
        row = listed[f.cell]
        assert row[1] == f.row and row[6] == f.rule and row[7] == f.message
    assert listed["H2"][4:6] == ["Förhandla", "Negotiate"]
    assert listed["K3"][4:6] == ["276 544,13", 276544.13]
    assert listed["N5"][4:6] == ["2027-02-01", date(2027, 2, 1)]
    assert listed["T4"][4:6] == ["--", ""]
    assert listed["Q8"][2:8] == ["SE01-000007", "Owner", "Johan Berg", "Johan Bergström"] + [
        "Edit",
        "typo",
    ]
    pipeline = read_calamine(out, "Pipeline")
    assert pipeline[7][16] == "Johan Bergström"


def test_warnings_are_recorded(exportable, tmp_path):
    sheet = read_calamine(export_clean(exportable, tmp_path / "out.xlsx"), "Warnings")
    codes = {(r[0], r[5]) for r in sheet[1:]}
    assert ("P5", "DQ5") in codes and ("row 12", "DQ1") in codes
    assert len(sheet) - 1 == exportable.summary["warnings"]


def test_refused_while_errors_remain(schema, tmp_path, capsys):
    source = tmp_path / "SE01_2026-Q4_pipeline_with_problems.xlsx"
    source.write_bytes((SAMPLES / source.name).read_bytes())
    out = tmp_path / "out.xlsx"
    assert main(["export", str(source), "-o", str(out)]) == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]
    err = capsys.readouterr().err
    assert "22 errors" in err and "D45, Q46, O50, K51, M52 and 17 more" in err
    with pytest.raises(ExportRefused, match="22 errors"):
        export_clean(check_file(source, schema), out)
    assert not out.exists()


def test_never_over_its_own_source(exportable):
    before = exportable.table.path.read_bytes()
    with pytest.raises(WriteRefused):
        export_clean(exportable, exportable.table.path)
    assert exportable.table.path.read_bytes() == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_interrupted_write_leaves_old_file_and_no_part(exportable, tmp_path, monkeypatch, fmt):
    import desktop_app.core.output.export as export
    from desktop_app.core.output.xlsx_stream import Sheet

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"submission.{fmt}"
    out.write_bytes(b"the old file")
    calls = {"n": 0}

    def failing(original):
        def write(*args, **kw):
            calls["n"] += 1
            if calls["n"] > 25:
                raise OSError(28, "No space left on device")
            return original(*args, **kw)

        return write

    if fmt == "xlsx":
        monkeypatch.setattr(Sheet, "write_row", failing(Sheet.write_row))
    else:
        monkeypatch.setattr(export, "ROWS_PER_STEP", 3)
        monkeypatch.setattr(export, "csv_text", failing(export.csv_text))
    with pytest.raises(OSError):
        export_clean(exportable, out, fmt=fmt)
    assert calls["n"] > 25  # it failed midway, not before starting
    assert out.read_bytes() == b"the old file"
    assert [p.name for p in folder.iterdir()] == [out.name]


def test_cancelled_export_writes_nothing(exportable, tmp_path):
    progress = Progress()
    seen = []

    def on_step(label, fraction):
        seen.append(fraction)
        if len(seen) == 2:
            progress.cancel()

    progress._callback = on_step
    with pytest.raises(Cancelled):
        export_clean(exportable, tmp_path / "out.xlsx", progress=progress)
    assert not (tmp_path / "out.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir()] == [exportable.table.path.name]


def test_progress_is_reported_up_to_done(exportable, tmp_path):
    seen = []
    export_clean(exportable, tmp_path / "o.xlsx", progress=Progress(lambda _, f: seen.append(f)))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4


def test_csv_encoding_escaping_and_formats(exportable, schema, tmp_path):
    out = export_clean(exportable, tmp_path / "out.csv", fmt="csv")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == [c.label for c in schema.columns]
    assert len(rows) == 11
    assert rows[5][3] == "Müller Straße ÅÄÖ"
    assert rows[3][3] == "'" + CMD
    assert rows[5][19] == "'+46 8 123 45" and rows[5][16] == "'@Karin"
    assert rows[10][19] == "'- call back Monday"
    assert rows[2][10] == "276544.13"  # decimal point, no grouping
    assert rows[1][8] == "85"  # probability, a whole number
    assert rows[1][13] == "2027-11-04"  # ISO date
    assert rows[3][19] == ""  # the cleared placeholder


def test_csv_numbers_are_never_escaped():
    column = ExportColumn("x", "X", "decimal", None, None, np.array([-5.5, -3.0, 1234567.891]))
    from desktop_app.core.output.export import _csv_cells

    assert _csv_cells(column, 0, 3) == ["-5.5", "-3", "1234567.891"]


@given(st.text())
def test_csv_text_never_starts_a_formula(text):
    escaped = csv_text(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert escaped == text or escaped == "'" + text


def test_default_name(exportable, tmp_path, capsys):
    assert default_export_name(exportable) == "SE01_2026-Q4_pipeline.xlsx"
    assert default_export_name(exportable, "csv") == "SE01_2026-Q4_pipeline.csv"
    source = exportable.table.path
    assert main(["export", str(source)]) == 0
    assert (source.parent / "SE01_2026-Q4_pipeline.xlsx").exists()
    assert "SE01_2026-Q4_pipeline.xlsx" in capsys.readouterr().out


def test_default_name_never_the_source_itself(schema, tmp_path):
    source = tmp_path / "SE01_2026-Q4_pipeline.xlsx"
    source.write_bytes((SAMPLES / source.name).read_bytes())
    result = check_file(source, schema)
    assert default_export_name(result) == "SE01_2026-Q4_pipeline_clean.xlsx"


def test_csv_chosen_by_extension(exportable, tmp_path):
    out = tmp_path / "x.csv"
    assert main(["export", str(exportable.table.path), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfOpportunity ID,")
