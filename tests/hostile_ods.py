"""Hostile and strange OpenDocument (.ods) files for tests/hostile_files.py's cases."""

from __future__ import annotations

from pathlib import Path

from tests.hostile_builders import (
    BILLION_LAUGHS,
    ZIP_BOMB_FILLER,
    OdsXml,
    insert_into,
    ods_workbook,
    rows_with_errors,
    template_sheets,
)


def legacy_huge_grid(folder: Path) -> Path:
    """An .ods whose one cell repeats across the whole grid: the reader cannot hold it."""
    path = folder / "SE01_2026-Q4_huge_grid.ods"
    huge = (
        '<table:table table:name="Pipeline"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row></table:table>'
    )
    return ods_workbook(path, {}, raw_table=huge)


def plain_ods(folder: Path) -> Path:
    return ods_workbook(folder / "SE01_2026-Q4_legacy.ods", template_sheets())


def ods_error(text: str) -> OdsXml:
    """An error cell as LibreOffice writes it: a formula whose result is the error."""
    return OdsXml(
        f'<table:table-cell table:formula="of:={text}" office:value-type="string" '
        f'office:string-value="" calcext:value-type="error"><text:p>{text}</text:p>'
        "</table:table-cell>"
    )


def ods_error_values(folder: Path) -> Path:
    """The error_values case as LibreOffice saves it, and a formula without a result."""
    rows = rows_with_errors(ods_error)
    rows[4]["amount_eur"] = OdsXml('<table:table-cell table:formula="of:=[.K6]/11.5"/>')
    path = folder / "SE01_2026-Q4_error_values.ods"
    return ods_workbook(path, template_sheets(rows))


def ods_zip_bomb(folder: Path) -> Path:
    """An .ods whose content inflates 1000-fold: refused from the zip directory alone."""
    path = ods_workbook(folder / "SE01_2026-Q4_zip_bomb.ods", template_sheets())
    return insert_into(path, "content.xml", b"<office:body>", ZIP_BOMB_FILLER)


def ods_entity_bomb(folder: Path) -> Path:
    path = ods_workbook(folder / "SE01_2026-Q4_entity_bomb.ods", template_sheets())
    return insert_into(path, "content.xml", b"<office:document-content", BILLION_LAUGHS.encode())
