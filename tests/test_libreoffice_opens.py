"""LibreOffice Calc opens every file the program writes, and reads back the values we wrote:
the clean export (.xlsx and .csv), the blank template and the consolidated workbook. (The
annotated and fixed copies have their own tests beside their writers.)

`values_seen_by_libreoffice` has LibreOffice open the file and save what it read; a file it
cannot open fails the conversion. Our own .xlsx files are read back with openpyxl for the
comparison: every sheet, every value, exactly (floats too: a total written as
53112683.53999999 would show here).
"""

from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest
from helpers import PERIOD, write_book

from desktop_app.core.checking.engine import check_file
from desktop_app.core.jobs.consolidate import consolidate_folder
from desktop_app.core.output.export import export_clean
from desktop_app.core.output.template import write_template
from tests.libreoffice import needs_libreoffice, values_seen_by_libreoffice
from tests.sample_data import standard_info, valid_rows
from tests.test_export import make_exportable

pytestmark = needs_libreoffice
UTF8_CSV = "CSV:44,34,76,1"


def trimmed(rows: list[list]) -> list[list]:
    """Rows without trailing empty cells, and without trailing empty rows: how far a sheet
    reaches is a matter of formatting (the template formats whole columns)."""
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] in (None, ""):
            row.pop()
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def values_written(path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: trimmed(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def assert_libreoffice_reads_what_we_wrote(path, tmp_path):
    seen = {
        name: trimmed(rows) for name, rows in values_seen_by_libreoffice(path, tmp_path).items()
    }
    written = values_written(path)
    assert list(seen) == list(written)
    for name, rows in written.items():
        assert len(seen[name]) == len(rows), name
        for r, (ours, theirs) in enumerate(zip(rows, seen[name], strict=True), start=1):
            assert theirs == ours, f"{path.name} {name} row {r}"
            assert list(map(kind, theirs)) == list(map(kind, ours)), f"{name} row {r}"


def kind(value) -> str:
    """What a cell holds: a number is a number whether written 10 or 10.0 (the file
    format does not tell them apart), a date is a date, text is text."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


@pytest.fixture
def exportable(tmp_path, schema):
    result = check_file(make_exportable(tmp_path / "SE01_2026-Q4_local.xlsx", schema), schema)
    assert result.passed
    return result


def test_libreoffice_opens_the_export(exportable, tmp_path):
    out = export_clean(exportable, tmp_path / "SE01_2026-Q4_pipeline.xlsx")
    assert_libreoffice_reads_what_we_wrote(out, tmp_path / "lo")


def test_libreoffice_opens_the_csv_export(exportable, tmp_path):
    out = export_clean(exportable, tmp_path / "SE01_2026-Q4_pipeline.csv", fmt="csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        ours = list(csv.reader(fh))
    # As a person opening it picks in LibreOffice's Text Import dialog: UTF-8 (headless,
    # LibreOffice 7.4 would take the byte-order mark for Latin-1 text), comma, quote.
    (theirs,) = values_seen_by_libreoffice(out, tmp_path / "lo", UTF8_CSV).values()
    theirs = trimmed(theirs)
    assert len(theirs) == len(ours)
    for r, (row, seen) in enumerate(zip(ours, theirs, strict=True), start=1):
        seen = seen + [None] * (len(row) - len(seen))
        for text, value in zip(row, seen, strict=True):
            assert as_csv_text(value) == text, f"row {r}: {text!r} read as {value!r}"


def as_csv_text(value) -> str:
    """A value LibreOffice read from our CSV, as the CSV wrote it: numbers with a decimal
    point, ISO dates, text as it stands (a formula-like text keeps its leading ')."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def test_libreoffice_opens_the_blank_template(schema, tmp_path):
    for subsidiary in ("SE01", "DE01", "US01"):
        out = write_template(schema, tmp_path / f"{subsidiary}_template.xlsx", subsidiary)
        assert_libreoffice_reads_what_we_wrote(out, tmp_path / "lo")


def test_libreoffice_opens_the_consolidated_workbook(schema, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed, sub in enumerate(("SE01", "DE01", "FI01", "US01")):
        rows = valid_rows(schema, sub, PERIOD, 25, seed=40 + seed)
        for i, row in enumerate(rows):
            row["customer_id"] = f"CU-{seed}7{i:04d}"
        path = folder / f"{sub}_2026-Q4_pipeline.xlsx"
        write_book(path, schema, rows, info=standard_info(schema, sub, PERIOD))
    out = tmp_path / "global_2026-Q4.xlsx"
    assert consolidate_folder(folder, schema, out, workers=0).passed
    assert_libreoffice_reads_what_we_wrote(out, tmp_path / "lo")
