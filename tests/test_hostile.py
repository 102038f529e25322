"""Hostile, broken and strange files: one clear sentence or a correct check, never a crash.

The files come from tests/hostile_files.py, generated in a temporary folder.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import struct
import time
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from hostile_files import CASES, NAMES, ROWS, SCHEMA, biff_workbook, valid_xlsx

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.jobs.verify import verify_submission
from desktop_app.core.model.errors import ProblemForUser, SourceError
from desktop_app.core.model.progress import Cancelled, Progress
from desktop_app.core.reading.header import HeaderProbe
from desktop_app.core.reading.legacy import read_in_child
from desktop_app.core.reading.limits import ReadingLimits
from desktop_app.core.reading.package import open_package
from desktop_app.core.reading.source import read_source
from desktop_app.core.schema.definition import TemplateSchema

LIMITS = ReadingLimits.from_schema(SCHEMA)
PROBE = HeaderProbe.from_schema(SCHEMA)
# Refusals guard against hangs, not speed: a generous bound, far above the ~0.1 s they take.
REFUSED_WITHIN_S = 10


def run_cli(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.refused])
def test_refused_with_one_sentence(name, tmp_path, capsys):
    case = CASES[name]
    path = case.build(tmp_path)
    start = time.perf_counter()
    code, out, err = run_cli(["check", str(path), "--format", "json"], capsys)
    took = time.perf_counter() - start
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("template-checker: "), err
    assert path.name in err
    assert re.search(case.refused, err), err
    assert "Traceback" not in err and "unexpected" not in err
    assert took < REFUSED_WITHIN_S


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if not c.refused])
def test_read_and_checked_with_warnings(name, tmp_path, capsys):
    case = CASES[name]
    path = case.build(tmp_path)
    code, out, err = run_cli(["check", str(path), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == (1 if case.errors_at else 0), err
    codes = {f["code"] for f in report["findings"]}
    assert case.warnings <= codes
    assert all(c in case.warnings for c in codes if c.startswith("DQ1"))
    errors = {f["cell"] for f in report["findings"] if f["severity"] == "error"}
    assert errors == set(case.errors_at)
    assert all(f["code"].startswith("DQ3") for f in report["findings"] if f["severity"] == "error")


def frame_of(name, tmp_path):
    return check_file(CASES[name].build(tmp_path), SCHEMA).frame


def test_legacy_workbooks_read_the_same_values_as_xlsx(tmp_path):
    expected = check_file(valid_xlsx(tmp_path), SCHEMA).frame
    for name in ("xls", "ods"):
        got = frame_of(name, tmp_path)
        assert got.equals(expected), name


def test_1904_dates_are_the_dates_written(tmp_path):
    frame = frame_of("date1904", tmp_path)
    for column in ("close_date", "created_date"):
        got = [d.date() for d in frame[column]]
        assert got == [r[column] for r in ROWS]


def test_plain_number_in_a_1904_date_cell_uses_the_1904_epoch(tmp_path):
    path = CASES["date1904"].build(tmp_path)
    wb = openpyxl.load_workbook(path)
    cell = wb[SCHEMA.model.data_sheet].cell(2, NAMES.index("close_date") + 1)
    cell.value, cell.number_format = 44894, "General"  # 2026-11-30 in the 1904 system
    wb.save(path)
    result = check_file(path, SCHEMA)
    (fix,) = [f for f in result.findings if f.code == "DQ3.serial_date_read"]
    assert fix.suggestion == date(2026, 11, 30)


@pytest.mark.parametrize("name", ["csv_utf16", "csv_cp1252"])
def test_csv_in_utf16_and_cp1252_reads_the_accents(name, tmp_path):
    frame = frame_of(name, tmp_path)
    assert frame["customer_name"].iat[0] == "Åkesson Müller AB"
    assert list(frame["amount"]) == pytest.approx([r["amount"] for r in ROWS])


def test_strange_text_is_kept_exactly(tmp_path):
    frame = frame_of("strange_text", tmp_path)
    assert frame["next_step"].iat[0] == "x" * 32_767
    assert frame["next_step"].iat[1] == "Ring\x07 the\u200b bell\ufeff"
    assert frame["opportunity_name"].iat[3] == "Rollout 🚀 phase 2 👩\u200d💻"
    assert frame["owner"].iat[4].startswith("\u202eevil")


def test_merged_cells_name_the_range_and_invent_nothing(tmp_path):
    result = check_file(CASES["merged"].build(tmp_path), SCHEMA)
    (note,) = [f for f in result.findings if f.code == "DQ1.merged_cells"]
    assert (note.cell, note.severity) == ("T3", "warning") and "T3:T4" in note.message
    assert result.frame["next_step"].iat[1] == "Call the CFO"
    assert result.frame["next_step"].iat[2] is None  # T4: not copied from T3


def test_hidden_rows_columns_and_sheet_are_checked_and_said(tmp_path):
    path = CASES["hidden"].build(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[SCHEMA.model.data_sheet]["B4"] = "XX99"  # a mistake in the hidden row
    wb.save(path)
    result = check_file(path, SCHEMA)
    messages = {f.code: f.message for f in result.findings}
    assert "rows 4" in messages["DQ1.hidden_rows"]
    assert "columns S" in messages["DQ1.hidden_columns"]
    assert "Pipeline" in messages["DQ1.hidden_sheet"]
    assert any(f.cell == "B4" and f.severity == "error" for f in result.findings)


def test_external_links_name_the_file(tmp_path):
    result = check_file(CASES["external_links"].build(tmp_path), SCHEMA)
    (note,) = [f for f in result.findings if f.code == "DQ1.external_links"]
    assert "rates.xlsx" in note.message


def test_a_bloated_dimension_reads_only_the_data(tmp_path):
    table = read_source(CASES["big_dimension"].build(tmp_path), SCHEMA)
    assert table.rows == list(range(2, 2 + len(ROWS)))


# --------------------------------------------------------------------------- XML attacks


@pytest.mark.parametrize("name", ["entity_bomb", "sheet_entity_bomb"])
def test_entity_bombs_are_refused_fast_by_every_path(name, tmp_path):
    """defusedxml is in force for our own parsing and for openpyxl's (annotate)."""
    assert openpyxl.xml.DEFUSEDXML is True
    path = CASES[name].build(tmp_path)
    start = time.perf_counter()
    with pytest.raises(ProblemForUser):
        read_source(path, SCHEMA)
    with pytest.raises(ProblemForUser):
        verify_submission(path)
    with pytest.raises(Exception, match="(?i)entit|forbidden|DTD"):
        openpyxl.load_workbook(path)  # what the annotated copy opens
    assert time.perf_counter() - start < REFUSED_WITHIN_S


# --------------------------------------------------------------------------- limits


def test_declared_sizes_are_refused_before_inflating(tmp_path):
    """A zip whose directory claims gigabytes is refused from the directory alone."""
    path = valid_xlsx(tmp_path)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    entry = data.find(b"PK\x01\x02")  # central directory entries: the size is at +24
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.find(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = struct.pack("<I", 3_000_000_000)
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError, match="too large"):
        open_package(path, LIMITS)


def test_every_limit_comes_from_the_schema():
    th = SCHEMA.thresholds
    assert LIMITS.max_sheet_cells == th.max_sheet_cells
    assert LIMITS.max_zip_ratio == th.max_zip_ratio
    assert LIMITS.max_zip_parts == th.max_zip_parts
    assert LIMITS.max_unzipped_bytes == th.max_unzipped_mb * 2**20
    assert LIMITS.reader_seconds == th.reader_seconds
    assert LIMITS.reader_memory_bytes == th.reader_memory_mb * 2**20


def test_max_sheet_cells_refuses_a_sheet_wider_than_allowed(tmp_path):
    path = valid_xlsx(tmp_path)
    model = SCHEMA.model.model_copy(
        update={"thresholds": SCHEMA.thresholds.model_copy(update={"max_sheet_cells": 100})}
    )
    small = TemplateSchema(model=model, source="test", sha256="")
    with pytest.raises(SourceError, match="far beyond") as refused:
        read_source(path, small)
    assert "T9" in str(refused.value)


# --------------------------------------------------------------------------- the child process


def far_xls(tmp_path):
    """An .xls whose last cell is IV65536: 16.7 million cells for calamine's grid."""
    rows = [["Opportunity ID"], *([[]] * 65534), [None] * 255 + [1.0]]
    path = tmp_path / "far.xls"
    path.write_bytes(biff_workbook({"Pipeline": rows}))
    return path


def test_a_reader_that_crashes_in_the_child_is_one_sentence(tmp_path):
    limits = replace(LIMITS, reader_memory_bytes=300 * 2**20)
    with pytest.raises(SourceError, match="made the spreadsheet reader fail") as refused:
        read_in_child(far_xls(tmp_path), PROBE, limits, Progress())
    assert "far.xls" in str(refused.value)
    assert multiprocessing.active_children() == []


def test_the_child_refuses_a_sheet_beyond_max_cells(tmp_path):
    limits = replace(LIMITS, max_sheet_cells=1_000_000)
    with pytest.raises(SourceError, match="cell IV65536, far beyond"):
        read_in_child(far_xls(tmp_path), PROBE, limits, Progress())


def test_a_slow_read_is_given_up(tmp_path):
    path = CASES["xls"].build(tmp_path)
    with pytest.raises(SourceError, match="took longer than 0.01 seconds"):
        read_in_child(path, PROBE, replace(LIMITS, reader_seconds=0.01), Progress())
    assert multiprocessing.active_children() == []


def test_cancel_ends_the_child(tmp_path):
    path = CASES["xls"].build(tmp_path)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        read_in_child(path, PROBE, LIMITS, progress)
    assert multiprocessing.active_children() == []


def test_a_reader_that_aborts_on_a_hidden_far_cell_still_ends_in_one_sentence(tmp_path):
    """The command reads a big sheet beside its scan, before its true extent is known;
    when a small recorded range hides a far cell, python-calamine aborts the process
    that reads, and the command's parent says why (here every sheet counts as big)."""
    import os
    import subprocess
    import sys

    path = CASES["far_cell_out_of_order"].build(tmp_path)
    code = (
        "import sys\n"
        "import desktop_app.core.reading.policy as policy\n"
        "policy.SCAN_BESIDE_FROM_BYTES = 0\n"
        "from desktop_app.cli import run\n"
        "sys.exit(run(['check', sys.argv[1]]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,  # nothing is left behind holding the output open
        env={**os.environ, "RUST_BACKTRACE": "1"},  # the child must quiet it
    )
    assert proc.returncode == 2 and proc.stdout == ""
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("template-checker: ") and path.name in last
    assert "XFD1048576, far beyond" in last
    assert "Traceback" not in proc.stderr and "stack backtrace" not in proc.stderr


def test_report_header_counts_the_formulas(tmp_path, capsys):
    """Formulas with saved results raise no warning; the text and HTML headers count them."""
    from desktop_app.core.output.report_html import render_report

    path = CASES["formulas"].build(tmp_path)
    code, out, err = run_cli(["check", str(path)], capsys)
    assert f"{len(ROWS)} formula cells, checked by the results Excel saved" in out
    assert "hold formulas" not in out
    html = render_report(check_file(path, SCHEMA))
    assert f"<td>{len(ROWS)} formula cells, checked by the results Excel saved</td>" in html
    code, out, err = run_cli(["check", str(valid_xlsx(tmp_path))], capsys)
    assert "formula" not in out


def test_one_formula_cell_is_said_in_the_singular():
    from types import SimpleNamespace

    from desktop_app.core.output.report_text import formulas_said

    assert formulas_said(SimpleNamespace(formula_count=1)).startswith("1 formula cell,")
    assert formulas_said(SimpleNamespace(formula_count=2)).startswith("2 formula cells,")
    assert formulas_said(SimpleNamespace(formula_count=0)) == ""
