"""Shared test helpers: the bundled samples and schema text, the test period, workbooks built
from rows.

A plain module (not conftest) so test files import it by name; tests/gui has its own conftest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl

from desktop_app.bundled import data_folder
from desktop_app.core.model.period import parse_period
from tests.sample_data import header_labels, standard_info

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"
PERIOD = parse_period("2026-Q4")
BUNDLED_SCHEMA = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")


class ExcelError(str):
    """Write this value as an Excel error cell (#N/A, #REF!)."""


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


def xml_shape(xml: bytes) -> dict[tuple[str, ...], list[str]]:
    """For every element path of an XML part, its child elements' names in the order they
    first appear: how a part is laid out, whatever its values (compared with xlsxwriter's)."""
    out: dict[tuple[str, ...], list[str]] = {}

    def walk(element, path: tuple[str, ...]) -> None:
        here = (*path, element.tag.rsplit("}", 1)[-1])
        order = out.setdefault(here, [])
        for child in element:
            name = child.tag.rsplit("}", 1)[-1]
            if name not in order:
                order.append(name)
            walk(child, here)

    walk(ElementTree.fromstring(xml), ())
    return out
