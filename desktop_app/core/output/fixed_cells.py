"""The cells a fixed copy of the person's own workbook changes, from a check result.

Every automatic fix (a finding of severity "fixed") is written in place with the value the
clean export would hold, typed as Excel types it: a text date becomes a date cell in the
column's date format, a text number a number, a percentage a whole number, a synonym the
list's own word, an ID its trimmed form, a placeholder an empty cell. A fix whose value a
later step still could not use (0.9 read from text in a whole-number column: an error)
is not written: the cell stays as it is, with its error. Every edit made in the window is
written too (the cell as edited; a fix the check then made to it wins).

For a source that is not an Excel workbook (CSV, .xls, .ods) the copy is a new .xlsx of
its sheet, so every readable number and date of the template's typed columns is written
typed as well: a spreadsheet opening the CSV would have typed them, and a text date left
in an .xlsx would be something to fix again.

No Qt, no reader: what is written comes from the CheckResult (its table, frame, findings
and edits).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop_app.core.model.findings import Finding, Severity
from desktop_app.core.output.template import DEFAULT_FORMATS
from desktop_app.core.output.xlsx_stream import DATE_FORMAT, EXCEL_FIRST_DATE

EDITED = "edited"  # the kind of change an edit made in the window is counted as
EMPTIED = "DQ2.placeholder_cleared"  # the one fix whose value is an empty cell


@dataclass(frozen=True)
class FixedCell:
    """What one cell of the copy holds: the value (None: empty) and, for a number or a
    date, the number format it is shown in (the template's for its column)."""

    value: Any
    number_format: str | None = None


@dataclass
class FixedCells:
    """The cells to change, by (Excel row, Excel column), both 1-based, and what changed."""

    sheet: str | None
    cells: dict[tuple[int, int], FixedCell] = field(default_factory=dict)
    kinds: Counter = field(default_factory=Counter)  # fix code (or EDITED) -> cells
    errors_left: int = 0
    typed: int = 0  # cells of a CSV/.xls/.ods typed as numbers or dates (not fixes)
    # edits to a column the source has no cells for (a matching filled it in, e.g. the
    # subsidiary code): they reach the submission, not the person's workbook
    edits_without_cell: int = 0

    def by_row(self) -> dict[int, list[tuple[int, FixedCell]]]:
        rows: dict[int, list[tuple[int, FixedCell]]] = {}
        for (row, col), cell in self.cells.items():
            rows.setdefault(row, []).append((col, cell))
        return rows


def fixed_cells(result) -> FixedCells:
    """Every cell the fixed copy of result's source changes, with its new typed value."""
    table = result.table
    plan = FixedCells(sheet=table.sheet, errors_left=result.error_count)
    if table.sheet is None or table.header_row is None:
        return plan
    values = _FrameValues(result)
    for edit_cell in {(e.row, e.column) for e in result.edits}:
        row, name = edit_cell
        where = _where(table, name, row)
        if where is None or row not in values.position_in_table:
            plan.edits_without_cell += 1
            continue
        raw = _plain(table.raw[name][values.position_in_table[row]])
        raw = None if raw == "" else raw
        if isinstance(raw, date) and raw < EXCEL_FIRST_DATE:
            raw = raw.isoformat()  # no Excel date: written as typed, for the check to flag
        plan.cells[where] = FixedCell(raw, values.number_format(name, raw))
        plan.kinds[EDITED] += 1
    fixes: dict[tuple[int, int], list[Finding]] = {}
    for f in result.findings:
        if f.severity != Severity.FIXED or f.row is None or f.column is None or not f.cell:
            continue
        where = _where(table, f.column, f.row)
        if where is not None:
            fixes.setdefault(where, []).append(f)
    for where, found in fixes.items():
        name, row = found[-1].column, found[-1].row
        value = values.typed(name, row)
        if value is None and not any(f.code == EMPTIED for f in found):
            continue  # the fixed value is still wrong (an error says so): left as it is
        if isinstance(value, date) and value < EXCEL_FIRST_DATE:
            continue  # no Excel date (an error says the date is wrong): left as it is
        plan.cells[where] = FixedCell(value, values.number_format(name, value))
        plan.kinds.update(f.code for f in found)
    if table.kind != "xlsx":
        plan.typed = _type_the_rest(result, plan, values)
    return plan


def local_schema(result):
    """The schema the file was checked with: its subsidiary's local columns included."""
    return result.schema.for_subsidiary(result.subsidiary)


def _where(table, name: str, row: int) -> tuple[int, int] | None:
    col = table.column(name)
    return (row, col.index + 1) if col is not None and col.index >= 0 else None


class _FrameValues:
    """The check's typed, canonical values, by Excel row and column name."""

    def __init__(self, result) -> None:
        self.result = result
        self.schema = local_schema(result)
        self.frame = result.frame
        self.position = {row: pos for pos, row in enumerate(result.rows)}
        self.position_in_table = {row: pos for pos, row in enumerate(result.table.rows)}

    def typed(self, name: str, row: int) -> Any:
        """The frame's value (None when the cell is empty or could not be read)."""
        pos = self.position.get(row)
        if self.frame is None or pos is None or name not in self.frame.columns:
            return None
        return _plain(self.frame[name].iat[pos])

    def number_format(self, name: str, value: Any) -> str | None:
        """The column's number format for a number or a date; None for text or empty."""
        if value is None or isinstance(value, str | bool):
            return None
        col = self.schema.column_by_name.get(name)
        if col is None or col.type == "text":
            return DATE_FORMAT if isinstance(value, date) else None
        if isinstance(value, date) != (col.type == "date"):
            return None  # a date typed into a number column, or the reverse: its own style
        if col.type == "integer" and isinstance(value, float):
            return None  # 45.5 typed as a probability: shown as typed, not rounded by "0"
        return col.format or DEFAULT_FORMATS[col.type]


def _type_the_rest(result, plan: FixedCells, values: _FrameValues) -> int:
    """Every readable number and date of the typed columns that the source holds as text,
    written typed (a CSV, .xls or .ods becoming an .xlsx); returns how many cells that is
    beyond the fixes and edits."""
    table, frame = result.table, result.frame
    if frame is None:
        return 0
    count = 0
    for col in values.schema.columns:
        source = table.column(col.name)
        if col.type == "text" or col.name not in frame.columns or source is None:
            continue
        if source.index < 0:
            continue
        fmt = col.format or DEFAULT_FORMATS[col.type]
        typed = frame[col.name].tolist()
        raw = table.raw[col.name]
        for pos, row in enumerate(result.rows):
            where = (row, source.index + 1)
            value = _plain(typed[pos])
            if value is None or where in plan.cells:
                continue
            if type(raw[values.position_in_table[row]]) is not str:
                continue  # a number or date already (an .xls or .ods cell)
            if isinstance(value, date) and value < EXCEL_FIRST_DATE:
                continue  # no Excel date: the text stays
            plan.cells[where] = FixedCell(value, fmt)
            count += 1
    return count


def _plain(value: Any) -> Any:
    """A value as the writers take it: str, int, float, bool, date or None."""
    if value is None or type(value).__name__ == "NAType":  # pandas' missing value
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp (NaT is caught below)
        if value != value:
            return None
        value = value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        if str(getattr(value, "dtype", "")).startswith("datetime64"):
            return None if value != value else _plain(value.astype("datetime64[us]").item())
        value = value.item()
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, str | bool | int | date):
        return value
    return str(value)
