"""An .xlsx (or .xlsm) package to a SourceTable: python-calamine reads the values fast,
the scan of the sheet XML adds what calamine cannot tell apart (an Excel error or a
formula without a result, both read as "") and how far the sheet reaches.

Each sheet is scanned before calamine sees it (calamine aborts the process on a grid
too large to allocate), unless the read's policy lets a big data sheet be scanned in a
thread beside the reader (see reading.policy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.header import HeaderProbe, no_header
from desktop_app.core.reading.legacy import read_in_child
from desktop_app.core.reading.limits import refuse_far_cells
from desktop_app.core.reading.package import XlsxPackage
from desktop_app.core.reading.policy import ReadPolicy
from desktop_app.core.reading.scan import (
    SheetScan,
    background_result,
    recorded_extent,
    scan_in_background,
    scan_sheet,
)
from desktop_app.core.reading.sniffing import damaged, password_protected
from desktop_app.core.reading.table import (
    ReadingNote,
    SourceTable,
    build_table,
    hidden_notes,
    put_marks,
    read_info,
    workbook_notes,
)
from desktop_app.core.schema.definition import TemplateSchema


def read_xlsx(
    package: XlsxPackage, schema: TemplateSchema, progress: Progress, policy: ReadPolicy
) -> SourceTable:
    path, limits = package.path, package.limits
    names = list(package.sheet_xml)
    probe = HeaderProbe.from_schema(schema)
    data_name = probe.data_name(names)
    # Before the reader sees a sheet: its true extent (a far cell makes calamine abort
    # the process) and what calamine hides (error cells, formulas without a result,
    # hidden rows), in one pass over its XML. calamine lets go of the GIL while it
    # parses, so where the policy allows, a big sheet is scanned in a thread, beside it.
    pending = None
    if data_name is not None and policy.scan_beside:
        record = recorded_extent(package, data_name)
        if policy.reads_beside_scan(record, limits.max_sheet_cells):
            pending = scan_in_background(package, data_name)
    scans: dict[str, SheetScan] = {}

    def scan(name: str) -> SheetScan:
        if name not in scans:
            found = background_result(pending) if name == data_name else None
            scans[name] = found if found is not None else scan_sheet(package, name)
            refuse_far_cells(path, name, scans[name].extent, limits)
        return scans[name]

    def scan_before_reading(name: str) -> None:
        if pending is None or name != data_name:
            scan(name)  # the extent is known before the reader allocates

    progress.step(render("reading.progress"), 0.05)
    if policy.in_child:
        # The sheet the reader loads first is measured first, as it is here: a far cell
        # in it is the same sentence, not a child that died.
        for name in probe.candidates(names)[:1]:
            scan_before_reading(name)
        read = read_in_child(path, probe, limits, progress)
        sheet, rows, info_rows, merged = read.sheet, read.rows, read.info_rows, read.merged
    else:
        sheet, rows, info_rows, merged = _read_here(package, probe, scan_before_reading)
    progress.step(render("reading.progress"), 0.5)
    if sheet is None:
        raise no_header(path, names, schema)
    found = scan(sheet)
    table = build_table(path, "xlsx", sheet, names, rows, schema)  # rows made as taken
    table.hidden_sheets = package.hidden_sheets
    table.date1904 = package.date1904
    table.info = read_info(info_rows, schema)
    _apply_scan(table, found, package)
    info_name = probe.info_name(names)
    table.notes = workbook_notes(table, merged, info_name) + _xlsx_notes(table, found, package)
    return table


def _read_here(package: XlsxPackage, probe: HeaderProbe, scan_before: Callable[[str], None]):
    """(data sheet, its rows, the Info sheet's rows, merged ranges), read by calamine in
    this process; each sheet's extent is known (scan_before) before calamine loads it."""
    import python_calamine as pc

    path = package.path
    names = list(package.sheet_xml)
    try:
        # calamine opens the file itself (it takes a path or bytes, not our zip): the
        # one open besides the package's.
        workbook = pc.CalamineWorkbook.from_path(str(path))
        sheets: dict[str, Any] = {}

        def load(name: str) -> Iterable[list[Any]]:
            scan_before(name)
            sheets[name] = workbook.get_sheet_by_name(name)
            return _sheet_rows(sheets[name])

        sheet, rows = probe.pick(names, load)
        info_name = probe.info_name(names)
        info_rows = list(load(info_name)) if info_name else []
        merged = list(sheets[sheet].merged_cell_ranges or []) if sheet else []
        workbook.close()
    except pc.PasswordError:
        raise password_protected(path) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError("reading.not_read_as_workbook", file=path.name, reason=str(exc)) from None
    except BaseException as exc:
        # The reader's own assertion failures (pyo3's PanicException) derive from
        # BaseException; the file is what is wrong, not the program.
        if type(exc).__name__ != "PanicException":
            raise
        raise damaged(path) from None
    return sheet, rows, info_rows, merged


def _sheet_rows(sheet) -> Iterable[list[Any]]:
    """A sheet's rows from A1, as calamine makes them; an iterator where it can be.

    Taken one by one (iter_rows) the rows are made while build_table lays them out,
    in cache, and never all held at once (measured at 100,000 rows: the read with the
    layout went from about 1.2x to about 1.0x to_python's time, peak memory 426 -> 332 MB).
    iter_rows starts at the sheet's first used column, so a sheet whose data starts
    right of column A is read whole (to_python pads it from A1).
    """
    start = sheet.start
    if start is None:  # an empty sheet
        return []
    if start[1] != 0:
        return sheet.to_python(skip_empty_area=False)
    return sheet.iter_rows()  # empty rows above the data come first, as from A1


def _apply_scan(table: SourceTable, scan: SheetScan, package: XlsxPackage) -> None:
    """Put error values where calamine read "", and note percent-formatted cells."""
    put_marks(table, scan.errors, scan.formulas_without_result)
    # Only a probability of exactly 1 needs its format: 100 % or the number 1. Which
    # cells hold it is known only now: their styles take a second pass over the sheet.
    prob = table.column("probability")
    if prob is not None and scan.percent_styles:
        ones = [(table.rows[p], prob.index) for p in np.flatnonzero(table.raw["probability"] == 1)]
        if ones:
            styles = scan_sheet(package, table.sheet, style_cells=ones).cell_styles
            table.percent_cells = {k for k, s in styles.items() if s in scan.percent_styles}


def _xlsx_notes(table: SourceTable, scan: SheetScan, package: XlsxPackage) -> list[ReadingNote]:
    """What the sheet XML and the workbook parts tell beyond the values."""
    notes = hidden_notes(table, scan.hidden_rows, scan.hidden_columns)
    # Formulas with saved results are ordinary: checked by those results, only counted for
    # the report's header; those without a result are DQ3 errors, each at its cell.
    table.formula_count = scan.formula_count
    if package.external_links:
        files = ", ".join(package.external_links)
        notes.append(ReadingNote("DQ1.external_links", value=files, params={"files": files}))
    if package.has_macros:
        notes.append(ReadingNote("DQ1.macros_not_run"))
    if package.date1904:
        notes.append(ReadingNote("DQ1.date_system_1904"))
    return notes
