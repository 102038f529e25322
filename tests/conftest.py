"""Shared fixtures: the bundled schema and workbooks built from valid rows."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.check import CheckOptions, check_file  # noqa: E402
from desktop_app.core.period import parse_period  # noqa: E402
from desktop_app.core.sample_data import header_labels, standard_info, valid_rows  # noqa: E402
from desktop_app.core.schema import load_schema  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "samples"
PERIOD = parse_period("2026-Q4")


class ExcelError(str):
    """Write this value as an Excel error cell (#N/A, #REF!)."""


@pytest.fixture(scope="session")
def schema():
    return load_schema()


def write_book(
    path: Path,
    schema,
    rows: list[dict],
    *,
    headers: list[str] | None = None,
    info: dict | None = None,
    title_rows: int = 0,
    sheet: str | None = None,
    percent_cells: tuple[str, ...] = (),
) -> Path:
    """A workbook as a subsidiary sends it; values typed as openpyxl writes them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet or schema.model.data_sheet
    for i in range(title_rows):
        ws.append([f"Title line {i + 1}"] if i == 0 else [])
    names = [c.name for c in schema.columns]
    ws.append(headers or header_labels(schema))
    for row in rows:
        ws.append([None if isinstance(row.get(n), ExcelError) else row.get(n) for n in names])
        r = ws.max_row
        for c, n in enumerate(names, start=1):
            v = row.get(n)
            if isinstance(v, ExcelError):
                ws.cell(r, c).value = str(v)
                ws.cell(r, c).data_type = "e"
            elif isinstance(v, date):
                ws.cell(r, c).number_format = "yyyy-mm-dd"
    for ref in percent_cells:
        ws[ref].number_format = "0%"
    if info is not False:
        info_ws = wb.create_sheet(schema.model.info_sheet)
        for k, v in (info or standard_info(schema, "SE01", PERIOD)).items():
            info_ws.append([k, v])
    wb.save(path)
    return path


@pytest.fixture
def base_rows(schema):
    """Ten valid SE01 rows for 2026-Q4."""
    return valid_rows(schema, "SE01", PERIOD, 10, seed=11)


@pytest.fixture
def check_rows(tmp_path, schema):
    """Write rows into a workbook, check it, return the result."""

    def run(rows, name="SE01_2026-Q4_test.xlsx", options=None, **kw):
        path = write_book(tmp_path / name, schema, rows, **kw)
        return check_file(path, schema, options or CheckOptions())

    return run
