"""An OpenDocument spreadsheet (.ods): its content.xml, streamed, says what python-calamine
reads as empty, as an .xlsx's sheet XML does (reading.scan):

* error cells (``calcext:value-type="error"``, LibreOffice's mark; or a formula showing
  an Excel error text) and formulas without a result (``table:formula`` and no value
  type), and how many formulas there are,
* percent cells (``office:value-type="percentage"``), hidden rows and columns
  (``table:visibility``), merged cells (``number-columns-spanned``/``rows-spanned``),
* how far each sheet reaches, so that a sheet too large for the reader is refused
  with the same sentence as an .xlsx before the reader sees it.

The zip is checked against the same limits as an .xlsx's; content.xml is streamed a row
at a time (reading.ods_content: no DOM, no entities). A repeated row or cell
(``number-rows-repeated``/``number-columns-repeated``, a million of them at the end of
every sheet LibreOffice writes) is one run of positions, counted and never expanded; only
the runs that fall on the data table's rows and columns become cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.limits import ReadingLimits, check_zip_limits, refuse_far_cells
from desktop_app.core.reading.ods_content import OdsSheet, UnsafeXml, scan_content
from desktop_app.core.reading.sniffing import damaged
from desktop_app.core.reading.table import ReadingNote, SourceTable, hidden_notes, put_marks

__all__ = ["OdsSheet", "apply_ods", "scan_beside_reader", "scan_ods"]

CONTENT = "content.xml"


def _open_zip(path: Path, limits: ReadingLimits) -> zipfile.ZipFile:
    zf = zipfile.ZipFile(path)
    try:
        check_zip_limits(zf, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def scan_ods(path: Path, limits: ReadingLimits) -> dict[str, OdsSheet]:
    """Every sheet's facts, by name; a sheet reaching beyond the limits is refused with the
    sentence an .xlsx gets. SourceError otherwise."""
    try:
        with _open_zip(path, limits) as zf, zf.open(CONTENT) as stream:
            sheets = scan_content(stream)
    except UnsafeXml as exc:
        raise SourceError("reading.unsafe_xml", file=path.name, part=CONTENT) from exc
    except (KeyError, zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise damaged(path) from exc
    for name, sheet in sheets.items():
        refuse_far_cells(path, name, sheet.extent, limits)
    return sheets


def apply_ods(table: SourceTable, sheet: OdsSheet) -> list[ReadingNote]:
    """Put the data sheet's error cells and formulas without a result into the table (as
    an .xlsx's are), note its percent cells and formulas; the notes on hidden rows and
    columns."""
    table.formula_count = sheet.formula_count
    if not table.rows:
        return []
    first, last = table.rows[0], table.rows[-1]
    found = sheet.facts(first, last, [c.index for c in table.columns])
    put_marks(table, found.errors, found.formulas_without_result)
    prob = table.column("probability")
    if prob is not None:
        table.percent_cells = sheet.percent_cells(first, last, prob.index)
    return hidden_notes(table, found.hidden_rows, found.hidden_columns)


def scan_beside_reader(path: Path, limits: ReadingLimits):
    """scan_ods in a thread of its own, beside the reader's child process (the scan is
    Python work, the reader another process: they take a core each); a Future. The zip's
    limits are checked here first, before any reader inflates anything."""
    import concurrent.futures

    try:
        _open_zip(path, limits).close()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise damaged(path) from exc
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ods-scan")
    pending = pool.submit(scan_ods, path, limits)
    pool.shutdown(wait=False)  # the thread ends with its one scan
    return pending
