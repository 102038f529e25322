"""verify: a submission file unchanged since its check, or changed after it."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
import python_calamine as pc
import xlsxwriter
from helpers import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import make_exportable

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.jobs.verify import NotASubmission, verify_submission
from desktop_app.core.output.export import canonical_number, data_sha256, export_clean


@pytest.fixture
def submission(tmp_path, schema):
    result = check_file(make_exportable(tmp_path / "SE01_2026-Q4_local.xlsx", schema), schema)
    return export_clean(result, tmp_path / "SE01_2026-Q4_pipeline.xlsx")


def test_unchanged_file_passes_and_names_its_schema(submission, schema, capsys):
    result = verify_submission(submission)
    assert not result.changed
    assert (result.schema_id, result.schema_version) == (schema.id, schema.version)
    assert result.schema_sha256 == schema.sha256
    assert main(["verify", str(submission)]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out and f"{schema.id} {schema.version}" in out and schema.sha256 in out


def test_saving_again_without_a_change_is_not_a_change(submission):
    wb = openpyxl.load_workbook(submission)
    wb.save(submission)
    assert not verify_submission(submission).changed


@pytest.mark.parametrize(
    "change",
    [
        lambda ws: setattr(ws["K2"], "value", ws["K2"].value + 0.01),  # an amount
        lambda ws: setattr(ws["H3"], "value", "Qualify"),  # a stage
        lambda ws: setattr(ws["N4"], "value", ws["N4"].value + timedelta(days=1)),  # a date
        lambda ws: setattr(ws["T2"], "value", None),  # a cleared cell
        lambda ws: ws.delete_rows(5),  # a deleted row
        lambda ws: setattr(ws["N4"], "value", ws["N4"].value.date().isoformat()),  # date as text
    ],
    ids=["amount", "stage", "date", "cleared", "row deleted", "date as text"],
)
def test_a_changed_cell_is_detected(submission, change, capsys):
    wb = openpyxl.load_workbook(submission)
    change(wb["Pipeline"])
    wb.save(submission)
    result = verify_submission(submission)
    assert result.changed
    assert main(["verify", str(submission)]) == 1
    assert "CHANGED" in capsys.readouterr().out


def test_unreadable_files_exit_2(tmp_path, capsys):
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("hello")
    source = SAMPLES / "SE01_2026-Q4_pipeline.xlsx"  # a workbook, but not a submission
    for path in (not_a_workbook, source, tmp_path / "missing.xlsx"):
        assert main(["verify", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("template-checker: ") and "Traceback" not in err
    with pytest.raises(NotASubmission, match="no sheet 'Submission'"):
        verify_submission(source)


@pytest.mark.parametrize(
    ("garble", "named"),
    [
        (lambda ws: ws.delete_rows(16), "Data SHA-256"),
        (lambda ws: setattr(ws["B6"], "value", "many"), "Rows"),
    ],
    ids=["hash row deleted", "row count garbled"],
)
def test_a_garbled_submission_sheet_is_unreadable(submission, garble, named, capsys):
    wb = openpyxl.load_workbook(submission)
    garble(wb["Submission"])
    wb.save(submission)
    assert main(["verify", str(submission)]) == 2
    assert named in capsys.readouterr().err


cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6))
def test_hash_survives_the_xlsx_round_trip(tmp_path, rows):
    """What the export writes, python-calamine reads back to the same data hash."""
    path = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "constant_memory": True})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("Pipeline")
    ws.write_row(0, 0, ["a", "b", "c"])
    written = []
    for r, row in enumerate(rows, start=1):
        values = []
        for c, v in enumerate(row):
            if isinstance(v, str) and v:
                ws.write_string(r, c, v)
            elif isinstance(v, int | float):
                v = canonical_number(float(v))
                ws.write_number(r, c, v)
            elif isinstance(v, date):
                ws.write_datetime(r, c, v, date_format)
            values.append(v)
        written.append(values)
    wb.close()
    back = (
        pc.CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name("Pipeline")
        .to_python(skip_empty_area=False)
    )
    back += [[""] * 3] * (len(rows) + 1 - len(back))  # trailing empty rows are not stored
    assert data_sha256(back[0], back[1:]) == data_sha256(["a", "b", "c"], written)
