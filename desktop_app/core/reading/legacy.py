"""Reading a workbook in a child process: always for .xls, .ods and .xlsb, and for an
.xlsx when the read's policy says so.

python-calamine aborts the whole process when a sheet's grid is too large to allocate
(one value at XFD1048576 is ~550 GB), and for .xls and .xlsb there is no sheet XML to
measure first (an .ods's content is measured by reading.ods, beside the child). Such files are read in a child process started for the purpose,
under a memory limit (RLIMIT_AS on Linux and macOS) and a time limit: if the reader
crashes, runs out of memory or takes too long, the child dies and the window, with
the user's edits, lives on; the person gets one sentence.

The child returns plain rows (lists of str, float, int, bool, date, datetime), pickled
with protocol 5 over a pipe; the HeaderProbe it is sent tells it the data sheet.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.header import HeaderProbe, no_header
from desktop_app.core.reading.limits import ReadingLimits, bundled_limits, far_cell
from desktop_app.core.reading.ods import OdsSheet, apply_ods, scan_beside_reader
from desktop_app.core.reading.scan import background_result
from desktop_app.core.reading.sniffing import password_protected
from desktop_app.core.reading.table import (
    ReadingNote,
    SourceTable,
    build_table,
    read_info,
    workbook_notes,
)
from desktop_app.core.schema.definition import TemplateSchema

_POLL_SECONDS = 0.1  # how often the parent looks at the clock and at Cancel while it waits

LEGACY_FORMATS = {
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "xlsb": "Excel binary (.xlsb)",
}


@dataclass
class WorkbookRows:
    """What the child read: the data sheet (None when no sheet has the header row)."""

    sheet_names: list[str]
    hidden_sheets: list[str]
    sheet: str | None
    rows: list[list[Any]] = field(default_factory=list)
    info_rows: list[list[Any]] = field(default_factory=list)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


class TooManyCells(Exception):
    """A sheet reaches far beyond its data: (sheet name, last cell) in args."""


def read_with_calamine(
    path: str, probe: HeaderProbe, max_cells: int, sheet: str | None = None
) -> WorkbookRows:
    """Open any workbook calamine reads and take the data and Info sheets' rows
    (or, when sheet is named, that sheet's rows alone)."""
    import python_calamine as pc

    workbook = pc.CalamineWorkbook.from_path(path)
    worksheets = [m for m in workbook.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
    names = [m.name for m in worksheets]
    hidden = [m.name for m in worksheets if m.visible != pc.SheetVisibleEnum.Visible]
    sheets = {}

    def load(name: str) -> list[list[Any]]:
        sheets[name] = sheet = workbook.get_sheet_by_name(name)
        if sheet.end is not None:  # rows as Python lists cost far more than calamine's grid
            last_row, last_col = sheet.end
            if (last_row + 1) * (last_col + 1) > max_cells:
                raise TooManyCells(name, f"{col_letter(last_col)}{last_row + 1}")
        return sheet.to_python(skip_empty_area=False)

    if sheet is not None:
        rows = load(sheet)
        workbook.close()
        return WorkbookRows(names, hidden, sheet, rows)
    sheet, picked = probe.pick(names, load)
    rows = list(picked)  # sent to the parent whole
    info = probe.info_name(names)
    info_rows = load(info) if info else []
    merged = list(sheets[sheet].merged_cell_ranges or []) if sheet else []
    workbook.close()
    return WorkbookRows(names, hidden, sheet, rows, info_rows, merged)


def _child(conn, path: str, probe: HeaderProbe, limits: ReadingLimits, sheet: str | None) -> None:
    """The child process: limit its memory, read, send one pickled answer, exit."""
    # A reader that aborts prints its own report; the parent says it in one sentence.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import resource

        memory = limits.reader_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass  # no RLIMIT_AS (Windows): the time limit still holds
    try:
        import python_calamine as pc

        try:
            answer: tuple[str, Any] = (
                "rows",
                read_with_calamine(path, probe, limits.max_sheet_cells, sheet),
            )
        except pc.PasswordError:
            answer = ("password", None)
    except MemoryError:
        answer = ("memory", None)
    except TooManyCells as exc:
        answer = ("far", exc.args)
    except BaseException as exc:  # a reader's panic is a BaseException, not an Exception
        answer = ("failed", f"{type(exc).__name__}: {exc}"[:300])
    conn.send_bytes(pickle.dumps(answer, protocol=5))
    conn.close()


def read_in_child(
    path: Path,
    probe: HeaderProbe,
    limits: ReadingLimits,
    progress: Progress,
    sheet: str | None = None,
) -> WorkbookRows:
    """read_with_calamine(path) in a child process, within limits; SourceError otherwise."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(send, str(path), probe, limits, sheet),
        daemon=True,
    )
    child.start()
    send.close()
    deadline = time.monotonic() + limits.reader_seconds
    try:
        while not receive.poll(_POLL_SECONDS):
            progress.step(render("reading.progress"), 0.1)  # raises Cancelled: the child is ended
            if not child.is_alive() and not receive.poll():
                raise _crashed(path, child)
            if time.monotonic() > deadline:
                raise SourceError(
                    "reading.too_slow", file=path.name, seconds=f"{limits.reader_seconds:g}"
                )
        kind, payload = pickle.loads(receive.recv_bytes())
    except EOFError:
        raise _crashed(path, child) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "rows":
        return payload
    if kind == "password":
        raise password_protected(path)
    if kind == "memory":
        mb = f"{limits.reader_memory_bytes // 2**20:,}"
        raise SourceError("reading.needs_more_memory", file=path.name, mb=mb)
    if kind == "far":
        raise far_cell(path, *payload)
    raise SourceError("reading.reader_failed", file=path.name, reason=payload)


def _crashed(path: Path, child) -> SourceError:
    child.join(1)
    return SourceError("reading.reader_crashed", file=path.name, code=str(child.exitcode))


def read_legacy(path: Path, kind: str, schema: TemplateSchema, progress: Progress) -> SourceTable:
    """.xls, .ods or .xlsb: read by python-calamine in a child process. An .ods's content
    is scanned beside the reader (reading.ods): its limits, each sheet's extent, and what
    calamine reads as empty; .xls and .xlsb have no XML to scan, and a DQ1 warning says so."""
    progress.step(render("reading.progress"), 0.05)
    probe = HeaderProbe.from_schema(schema)
    limits = ReadingLimits.from_schema(schema)
    scanning = scan_beside_reader(path, limits) if kind == "ods" else None
    try:
        read = read_in_child(path, probe, limits, progress)
    except SourceError:
        background_result(scanning)  # what the scan refuses (a far cell, unsafe XML) says it better
        raise
    # None: the scan failed for a reason not the file's; read as an .xls is, with its warning
    scanned = background_result(scanning)
    progress.step(render("reading.progress"), 0.5)
    if read.sheet is None:
        raise no_header(path, read.sheet_names, schema)
    table = build_table(path, kind, read.sheet, read.sheet_names, read.rows, schema)
    table.hidden_sheets = read.hidden_sheets
    table.info = read_info(read.info_rows, schema)
    info_name = probe.info_name(read.sheet_names)
    if scanned is not None:
        sheet = scanned.get(read.sheet) or OdsSheet(read.sheet)
        table.notes = workbook_notes(table, sheet.merged, info_name) + apply_ods(table, sheet)
        return table
    table.notes = workbook_notes(table, read.merged, info_name)
    table.notes.append(
        ReadingNote(
            "DQ1.legacy_format", value=LEGACY_FORMATS[kind], params={"format": LEGACY_FORMATS[kind]}
        )
    )
    return table


def read_sheet_in_child(path: Path, sheet: str | None) -> list[list[Any]]:
    """One sheet's values as read, in a child process within the bundled schema's limits."""
    probe = HeaderProbe({}, 1, 1, sheet or "", "")
    return read_in_child(path, probe, bundled_limits(), Progress(), sheet=sheet).rows
