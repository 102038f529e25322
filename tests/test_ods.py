"""OpenDocument (.ods) workbooks: their content.xml tells error cells, formulas without a
result, hidden rows and columns, merged cells and percent cells apart, as an .xlsx's sheet
XML does; it is streamed (repeated rows and cells are counted, never expanded)."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from desktop_app.core.checking.engine import check_file
from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.source import read_source
from tests.hostile_builders import _ods_cell
from tests.hostile_files import INFO, NAMES, ROWS, SCHEMA, data_rows, header_labels, ods_workbook

HEADER = header_labels(SCHEMA)


def col(name: str) -> str:
    return chr(65 + NAMES.index(name))


def error_cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell{rep} table:formula="of:={text}" office:value-type="string" '
        f'office:string-value="" calcext:value-type="error"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def row_xml(cells: list, attrs: str = "") -> str:
    return f"<table:table-row{attrs}>" + "".join(map(_ods_cell, cells)) + "</table:table-row>"


def raw_row(cells_xml: list[str], attrs: str = "") -> str:
    return f"<table:table-row{attrs}>" + "".join(cells_xml) + "</table:table-row>"


def cells_of(values: list) -> list[str]:
    return [_ods_cell(v) for v in values]


# LibreOffice ends every sheet with the rest of the grid, repeated: never expanded.
LIBREOFFICE_TAIL = (
    '<table:table-row table:number-rows-repeated="1048560">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)


def table(name: str, rows_xml: list[str], columns: str = "") -> str:
    columns = columns or (
        '<table:table-column table:number-columns-repeated="16384" '
        'table:default-cell-style-name="Default"/>'
    )
    return (
        f'<table:table table:name="{escape(name)}">{columns}'
        + "".join(rows_xml)
        + LIBREOFFICE_TAIL
        + "</table:table>"
    )


def info_table() -> str:
    return table(SCHEMA.model.info_sheet, [row_xml([k, v]) for k, v in INFO.items()])


def write_ods(tmp_path, tables: list[str], name="SE01_2026-Q4_test.ods"):
    return ods_workbook(tmp_path / name, {}, raw_table="".join(tables))


def data_xml() -> list[list[str]]:
    return [cells_of(r) for r in data_rows()]


def findings(path):
    result = check_file(path, SCHEMA)
    return {(f.cell, f.code) for f in result.findings if f.severity != "fixed"}, result


def test_error_cells_are_dq3_errors_naming_the_error_and_no_blanket_warning(tmp_path):
    rows = data_xml()
    rows[0][NAMES.index("country")] = error_cell("#REF!")
    rows[1][NAMES.index("amount")] = error_cell("#N/A")
    rows[2][NAMES.index("amount_eur")] = '<table:table-cell table:formula="of:=[.K4]/11.5"/>'
    path = write_ods(
        tmp_path, [table("Pipeline", [row_xml(HEADER)] + [raw_row(r) for r in rows]), info_table()]
    )
    got, result = findings(path)
    assert got == {
        (f"{col('country')}2", "DQ3.excel_error"),
        (f"{col('amount')}3", "DQ3.excel_error"),
        (f"{col('amount_eur')}4", "DQ3.formula_without_result"),
    }
    messages = {f.cell: f.message for f in result.findings}
    assert "#REF!" in messages[f"{col('country')}2"]
    assert "#N/A" in messages[f"{col('amount')}3"]
    assert result.table.formula_count == 3


def test_repeated_error_cells_and_rows_are_each_flagged(tmp_path):
    rows = data_xml()
    at = NAMES.index("customer_name")
    # customer_name and country: one cell repeated over two columns
    repeated = rows[0][:at] + [error_cell("#REF!", repeat=2)] + rows[0][at + 2 :]
    twice = raw_row(repeated, ' table:number-rows-repeated="2"')
    path = write_ods(
        tmp_path,
        [
            table("Pipeline", [row_xml(HEADER), twice] + [raw_row(r) for r in rows[2:]]),
            info_table(),
        ],
    )
    got, result = findings(path)
    errors = {cell for cell, code in got if code == "DQ3.excel_error"}
    letters = (col("customer_name"), col("country"))
    assert errors == {f"{c}{r}" for c in letters for r in (2, 3)}
    assert result.table.formula_count == 4


def test_covered_cells_keep_the_columns_in_place_and_are_merged_cells(tmp_path):
    rows = data_xml()
    at = NAMES.index("customer_name")
    merged = (
        '<table:table-cell office:value-type="string" table:number-columns-spanned="2" '
        f'table:number-rows-spanned="1"><text:p>{escape(ROWS[0]["customer_name"])}</text:p>'
        "</table:table-cell><table:covered-table-cell/>"
    )
    rows[0] = rows[0][:at] + [merged] + rows[0][at + 2 :]
    rows[0][NAMES.index("opportunity_name") - 1] = error_cell("#VALUE!")
    path = write_ods(
        tmp_path, [table("Pipeline", [row_xml(HEADER)] + [raw_row(r) for r in rows]), info_table()]
    )
    got, _ = findings(path)
    assert (f"{col('opportunity_name')}2", "DQ3.excel_error") in got
    assert "DQ1.merged_cells" in {code for _, code in got}


def test_the_data_sheet_is_the_one_the_reader_chose(tmp_path):
    rows = data_xml()
    rows[1][NAMES.index("country")] = error_cell("#N/A")
    notes = [raw_row([error_cell("#REF!")] * 20) for _ in range(4)]
    path = write_ods(
        tmp_path,
        [
            table("Notes", notes),
            table("Opportunities", [row_xml(HEADER)] + [raw_row(r) for r in rows]),
            info_table(),
        ],
    )
    got, result = findings(path)
    assert result.table.sheet == "Opportunities"
    assert {c for c, code in got if code.startswith("DQ3")} == {f"{col('country')}3"}


def test_hidden_rows_and_columns_are_seen(tmp_path):
    rows = [raw_row(r) for r in data_xml()]
    rows[2] = rows[2].replace("<table:table-row>", '<table:table-row table:visibility="collapse">')
    hide = NAMES.index("owner")
    columns = (
        f'<table:table-column table:number-columns-repeated="{hide}"/>'
        '<table:table-column table:visibility="collapse"/>'
        f'<table:table-column table:number-columns-repeated="{16384 - hide - 1}"/>'
    )
    path = write_ods(tmp_path, [table("Pipeline", [row_xml(HEADER), *rows], columns), info_table()])
    result = check_file(path, SCHEMA)
    by_code = {f.code: f for f in result.findings}
    assert "4" in by_code["DQ1.hidden_rows"].message
    assert col("owner") in by_code["DQ1.hidden_columns"].message


def test_a_probability_of_1_in_a_percent_cell_is_100(tmp_path):
    rows = data_xml()
    rows[0][NAMES.index("probability")] = (
        '<table:table-cell office:value-type="percentage" office:value="1"><text:p>100%</text:p>'
        "</table:table-cell>"
    )
    path = write_ods(
        tmp_path, [table("Pipeline", [row_xml(HEADER)] + [raw_row(r) for r in rows]), info_table()]
    )
    result = check_file(path, SCHEMA)
    (fix,) = [f for f in result.findings if f.code == "DQ3.percent_read"]
    assert fix.cell == f"{col('probability')}2" and fix.suggestion == 100


def test_a_far_cell_in_any_sheet_is_refused_before_the_reader(tmp_path):
    far = '<table:table-row table:number-rows-repeated="1048575"><table:table-cell/></table:table-row>'
    far += row_xml([None] * 16383 + [1])
    path = write_ods(
        tmp_path,
        [
            table("Pipeline", [row_xml(HEADER)] + [raw_row(r) for r in data_xml()]),
            f'<table:table table:name="Scratch">{far}</table:table>',
        ],
    )
    with pytest.raises(SourceError, match="XFD1048576, far beyond"):
        read_source(path, SCHEMA)


def sheet_with_everything(tmp_path):
    """Errors, a formula without a result, repeats, a merged, a percent and a hidden row."""
    rows = data_xml()
    rows[0][NAMES.index("country")] = error_cell("#REF!", repeat=2)
    del rows[0][NAMES.index("country") + 1]
    rows[1][NAMES.index("amount_eur")] = '<table:table-cell table:formula="of:=[.K3]/11.5"/>'
    rows[2][NAMES.index("probability")] = (
        '<table:table-cell office:value-type="percentage" office:value="1"/>'
    )
    rows[3][NAMES.index("customer_name")] = (
        '<table:table-cell office:value-type="string" table:number-columns-spanned="2" '
        'table:number-rows-spanned="1"><text:p>x</text:p></table:table-cell>'
        "<table:covered-table-cell/>"
    )
    del rows[3][NAMES.index("country")]
    body = [row_xml(HEADER)] + [raw_row(r) for r in rows]
    body[5] = body[5].replace("<table:table-row>", '<table:table-row table:visibility="collapse">')
    return write_ods(tmp_path, [table("Pipeline", body), info_table()])


def content_of(path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("content.xml")


def test_the_scan_is_the_same_whatever_the_chunks_and_the_namespace_prefixes(tmp_path):
    import io

    from desktop_app.core.reading.ods_content import scan_content

    content = content_of(sheet_with_everything(tmp_path))
    whole = scan_content(io.BytesIO(content))
    sheet = whole["Pipeline"]
    assert len(sheet.errors) == 1 and sheet.errors[0][0].cols == 2
    assert len(sheet.formulas_without_result) == 1 and len(sheet.percent) == 1
    assert len(sheet.merged) == 1 and len(sheet.hidden_rows) == 1
    assert sheet.extent.rows == len(ROWS) + 1 and sheet.extent.columns == len(NAMES)
    for size in (1, 7, 100, 4096):
        assert scan_content(io.BytesIO(content), chunk_size=size) == whole, size
    renamed = (
        content.replace(b"xmlns:table=", b"xmlns:tb=")
        .replace(b"<table:", b"<tb:")
        .replace(b"</table:", b"</tb:")
        .replace(b" table:", b" tb:")
    )
    assert scan_content(io.BytesIO(renamed)) == whole


def test_a_file_in_any_layout_gets_its_error_cells_too(tmp_path):
    """read_sheets (a CRM's export, matched by the program) puts them back as well."""
    from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue
    from desktop_app.core.reading.sheets import read_sheets

    book = read_sheets(sheet_with_everything(tmp_path), SCHEMA)
    (pipeline,) = book.sheets
    country, eur = NAMES.index("country"), NAMES.index("amount_eur")
    assert pipeline.rows[1][country] == ErrorValue("#REF!")
    assert pipeline.rows[1][country + 1] == ErrorValue("#REF!")  # repeated over two columns
    assert pipeline.rows[2][eur] is FORMULA_WITHOUT_RESULT


def test_a_scan_that_fails_for_our_reasons_leaves_the_file_read_with_the_warning(
    tmp_path, monkeypatch
):
    import desktop_app.core.reading.ods as ods

    def broken(stream):
        raise RuntimeError("a bug in the scan, not the file's fault")

    monkeypatch.setattr(ods, "scan_content", broken)
    path = write_ods(tmp_path, [table("Pipeline", [row_xml(HEADER)]), info_table()])
    codes = {f.code for f in check_file(path, SCHEMA).findings}
    assert "DQ1.legacy_format" in codes
