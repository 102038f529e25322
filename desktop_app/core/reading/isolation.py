"""Reading a workbook in a separate process when nothing can be checked before parsing.

python-calamine aborts the whole process when a sheet's grid is too large to allocate
(one value at XFD1048576 is ~550 GB), and for .xls, .ods and .xlsb there is no sheet
XML to measure first. Such files are read in a child process started for the purpose,
under a memory limit (RLIMIT_AS on Linux and macOS) and a time limit: if the reader
crashes, runs out of memory or takes too long, the child dies and the window, with
the user's edits, lives on; the person gets one sentence.

The child returns plain rows (lists of str, float, int, bool, date, datetime), pickled
with protocol 5 over a pipe. HeaderProbe is what the child needs to find the data
sheet: the header names, small enough to send along.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.limits import ReadingLimits
from desktop_app.core.reading.sniffing import password_protected
from desktop_app.core.schema.definition import normalise_label

_POLL_SECONDS = 0.1  # how often the parent looks at the clock and at Cancel while it waits


@dataclass(frozen=True)
class HeaderProbe:
    """How to recognise the template's header row and its sheets."""

    lookup: dict[str, str]  # normalised header label or alias -> canonical column name
    search_rows: int
    min_matches: int
    data_sheet: str
    info_sheet: str

    @classmethod
    def from_schema(cls, schema) -> HeaderProbe:
        th = schema.thresholds
        return cls(
            lookup=dict(schema.header_lookup),
            search_rows=th.header_search_rows,
            min_matches=th.header_min_matches,
            data_sheet=schema.model.data_sheet,
            info_sheet=schema.model.info_sheet,
        )

    def header_row(self, rows: list[list[Any]]) -> tuple[int | None, int]:
        """Index (0-based) of the row with most known headers, and how many it has."""
        best, best_hits = None, 0
        for i, row in enumerate(rows[: self.search_rows]):
            hits = len(
                {
                    self.lookup[k]
                    for v in row
                    if isinstance(v, str) and (k := normalise_label(v)) in self.lookup
                }
            )
            if hits > best_hits:
                best, best_hits = i, hits
        if best_hits < self.min_matches:
            return None, best_hits
        return best, best_hits

    def candidates(self, names: list[str]) -> list[str]:
        """The sheet named like the data sheet first, then every other but the Info sheet."""
        wanted = normalise_label(self.data_sheet)
        info = normalise_label(self.info_sheet)
        ordered = [n for n in names if normalise_label(n) == wanted]
        return ordered + [n for n in names if n not in ordered and normalise_label(n) != info]

    def info_name(self, names: list[str]) -> str | None:
        info = normalise_label(self.info_sheet)
        return next((n for n in names if normalise_label(n) == info), None)

    def pick(
        self, names: list[str], load: Callable[[str], Iterable[list[Any]]]
    ) -> tuple[str | None, Iterable[list[Any]]]:
        """The first candidate sheet (loaded with load) that has the header row, and its
        rows. load may give an iterator: only the first rows are taken to look."""
        for name in self.candidates(names):
            rows = iter(load(name))
            head = list(islice(rows, self.search_rows))
            if self.header_row(head)[0] is not None:
                return name, chain(head, rows)
        return None, []


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

    from desktop_app.core.reading.sources import col_letter

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
            progress.step("Reading the workbook", 0.1)  # raises Cancelled: the child is ended
            if not child.is_alive() and not receive.poll():
                raise _crashed(path, child)
            if time.monotonic() > deadline:
                raise SourceError(
                    f'"{path.name}" took longer than {limits.reader_seconds:g} seconds to read '
                    "and was given up; open it in Excel, save it as .xlsx and try again."
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
        raise _too_big(path, limits)
    if kind == "far":
        sheet, cell = payload
        raise SourceError(
            f'"{path.name}": sheet "{sheet}" has something in cell {cell}, far beyond any '
            "pipeline report; delete the stray cells (Ctrl+End in Excel goes to them) and "
            "save the file again."
        )
    raise SourceError(
        f'"{path.name}" could not be read ({payload}); it may be damaged: open it in Excel, '
        "save it as .xlsx and try again."
    )


def _too_big(path: Path, limits: ReadingLimits) -> SourceError:
    return SourceError(
        f'"{path.name}" needs more than {limits.reader_memory_bytes // 2**20:,} MB of memory '
        "to read; delete unused sheets or stray cells far from the data in Excel, save it "
        "as .xlsx and try again."
    )


def _crashed(path: Path, child) -> SourceError:
    child.join(1)
    return SourceError(
        f'"{path.name}" made the spreadsheet reader fail (it stopped with exit code '
        f"{child.exitcode}: it ran out of memory, or the file is damaged); open it in Excel, "
        "delete stray cells far from the data, save it as .xlsx and try again."
    )
