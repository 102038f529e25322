"""The sheet as a table: one model over the working session's raw cells.

Findings are filed by cell once per check (CellFindings), so data() only looks
things up and a 100,000-row sheet scrolls freely. Sorting permutes the model's own
row order with one vectorised sort (a proxy's comparison per pair would call back
into Python millions of times); filtering (only flagged rows, search) is a proxy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.findings import SEVERITY_ORDER, Finding, display_value
from desktop_app.core.progress import Progress
from desktop_app.core.session import Recheck, WorkingSession
from desktop_app.gui.style import SEVERITY_LABELS, mark_icon, tint
from desktop_app.gui.workers import Task

SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1  # the worst severity flagged on a cell, or None
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 2  # the findings on a cell (and its whole row)
_ANY_INDEX = QModelIndex | QPersistentModelIndex


def number_symbols(locale: str) -> tuple[str, str]:
    """(decimal mark, group mark) of a locale such as sv-SE."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    tag = locale.replace("-", "_")
    return get_decimal_symbol(tag), get_group_symbol(tag)


def cell_text(value: Any, symbols: tuple[str, str] = (".", ",")) -> str:
    """A raw cell as the subsidiary's Excel would show it (and as it can be typed back)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        text = repr(float(value))
        if "e" in text or "n" in text:  # tiny, huge, inf or nan: as Python writes it
            return text
        whole, _, decimals = text.partition(".")
        decimals = decimals.rstrip("0")
        grouped = f"{int(whole):,}".replace(",", symbols[1])
        if whole.startswith("-0"):
            grouped = "-" + grouped
        return grouped + (symbols[0] + decimals if decimals else "")
    return str(value)


def worst(findings: Iterable[Finding]) -> str | None:
    return min((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default=None)


class CellFindings:
    """A check's findings by cell, and those about a whole row, by Excel row."""

    def __init__(self, session: WorkingSession, columns: set[str]) -> None:
        self.cells: dict[tuple[int, str], list[Finding]] = {}
        self.rows: dict[int, list[Finding]] = {}
        first = session.table.rows[0] if session.table.rows else 0
        self.flagged: set[int] = set()  # positions of rows with an error or a warning
        for f in session.findings:
            if f.row is None:
                continue
            if f.column in columns:
                self.cells.setdefault((f.row, f.column), []).append(f)
            else:
                self.rows.setdefault(f.row, []).append(f)
            if f.severity != "fixed":
                self.flagged.add(f.row - first)
        self.edited = {(e.row, e.column): e for e in session.edits}


def tooltip(findings: list[Finding], edit=None) -> str:
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        lines.append(f"{SEVERITY_LABELS[f.severity]} ({f.rule}): {f.message}")
        if f.suggestion is not None and f.severity != "fixed":
            lines.append(f"    Suggestion: {display_value(f.suggestion)}")
    if edit is not None:
        lines.append(f"Changed here; it was: {cell_text(edit.before) or '(empty)'}")
    return "\n".join(lines)


def row_text(raw: dict, columns: list, symbols: tuple[str, str], pos: int) -> str:
    """A row's cells as shown, in one casefolded string to search in."""
    return "\n".join(cell_text(raw[c.name][pos], symbols) for c in columns).casefold()


def row_texts(table, columns: list, symbols: tuple[str, str], progress: Progress) -> list[str]:
    texts = []
    for start in range(0, len(table.rows), 10_000):
        progress.step("Preparing search", start / max(1, len(table.rows)))
        end = min(start + 10_000, len(table.rows))
        texts += [row_text(table.raw, columns, symbols, pos) for pos in range(start, end)]
    return texts


class SheetModel(QAbstractTableModel):
    cell_edited = Signal(int, str, str)  # Excel row, column name, the text typed
    search_ready = Signal()  # rows can be searched now

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._session: WorkingSession | None = None
        self._columns: list = []
        self.order: list[int] = []  # model row -> position in the table (rows as sorted)
        self._model_row = np.arange(0)
        self._symbols = (".", ",")
        self._lookup: CellFindings | None = None
        self._texts: list[str] | None = None  # each row's text, for searching
        self._texts_task: Task | None = None
        self._stale: set[int] = set()  # positions edited while the texts were being built

    # ------------------------------------------------------------ feeding

    def set_session(self, session: WorkingSession | None) -> None:
        self.beginResetModel()
        self._session = session
        self._texts = None
        if self._texts_task is not None:
            self._texts_task.cancel()
            self._texts_task = None
        if session is None:
            self._columns, self.order, self._lookup = [], [], None
        else:
            self._columns = list(session.table.columns)
            self.order = list(range(len(session.table.rows)))
            self._symbols = number_symbols(session.schema.locale_for(session.result.subsidiary))
            self._lookup = CellFindings(session, {c.name for c in self._columns})
        self._model_row = np.argsort(self.order)
        self.endResetModel()

    def refresh(self, recheck: Recheck) -> None:
        """After an edit: look the findings up again and redraw the rows it changed."""
        session = self._session
        self._lookup = CellFindings(session, {c.name for c in self._columns})
        first = session.table.rows[0]
        positions = (
            np.arange(len(self.order))
            if recheck.full
            else np.array(sorted(r - first for r in recheck.rows), dtype=np.int64)
        )
        if self._texts is None:
            self._stale.update(positions.tolist())
        else:
            for pos in positions.tolist():
                self._texts[pos] = self._row_text(pos)
        rows = np.sort(self._model_row[positions])
        if len(rows) == 0:
            return
        last = self.columnCount() - 1
        if len(rows) > 200:  # one signal for many rows: the view redraws only what it shows
            self.dataChanged.emit(self.index(int(rows[0]), 0), self.index(int(rows[-1]), last))
        else:
            for row in rows.tolist():
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, int(rows[0]), int(rows[-1]))

    # ------------------------------------------------------------ lookups

    def excel_row(self, model_row: int) -> int:
        return self._session.table.rows[self.order[model_row]]

    def position(self, model_row: int) -> int:
        return self.order[model_row]

    def column_name(self, column: int) -> str:
        return self._columns[column].name

    def index_of(self, row: int, column: str | None) -> QModelIndex:
        """The index of an Excel row's cell (its first cell when column is None)."""
        if self._session is None:
            return QModelIndex()
        pos = row - self._session.table.rows[0]
        if not 0 <= pos < len(self.order):
            return QModelIndex()
        names = [c.name for c in self._columns]
        col = names.index(column) if column in names else 0
        return self.index(int(self._model_row[pos]), col)

    @property
    def flagged(self) -> set[int]:
        """Positions of the rows with an error or a warning."""
        return self._lookup.flagged

    @property
    def searchable(self) -> bool:
        return self._texts is not None

    def search_mask(self, needle: str) -> np.ndarray | None:
        """Per position: whether the row's text holds needle (ignoring case); None until
        the rows' texts are ready (search_ready)."""
        if self._texts is None:
            return None
        needle = needle.casefold()
        return np.fromiter((needle in t for t in self._texts), dtype=bool, count=len(self._texts))

    def prepare_search(self) -> None:
        """Put every row's text together off the GUI thread (a second at 100,000 rows).

        Only once someone starts searching: meanwhile the work would slow the window.
        """
        if self._session is None or self._texts is not None or self._texts_task is not None:
            return
        session, columns, symbols = self._session, list(self._columns), self._symbols
        self._stale = set()
        task = Task(lambda progress: row_texts(session.table, columns, symbols, progress), self)
        task.finished.connect(self.on_texts_built)
        self._texts_task = task
        task.start()

    def on_texts_built(self, texts: list[str]) -> None:
        if self.sender() is not self._texts_task:
            return  # made for a file no longer shown
        self._texts_task = None
        for pos in self._stale:  # edited meanwhile
            texts[pos] = self._row_text(pos)
        self._texts = texts
        self.search_ready.emit()

    def _row_text(self, pos: int) -> str:
        return row_text(self._session.table.raw, self._columns, self._symbols, pos)

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pos = self.order[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell_text(self._session.table.raw[column.name][pos], self._symbols)
        row = self._session.table.rows[pos]
        lookup = self._lookup
        if role == Qt.ItemDataRole.BackgroundRole:
            found = worst(lookup.cells.get((row, column.name), ()))
            if found is not None:
                return tint(found)
            whole_row = worst(lookup.rows.get(row, ()))
            return tint(whole_row, 0.45) if whole_row else None
        if role == Qt.ItemDataRole.ToolTipRole:
            findings = lookup.cells.get((row, column.name), []) + lookup.rows.get(row, [])
            return tooltip(findings, lookup.edited.get((row, column.name))) or None
        if role == Qt.ItemDataRole.FontRole and (row, column.name) in lookup.edited:
            font = QFont()
            font.setItalic(True)
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not column.known:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self._session.table.raw[column.name][pos]
            if isinstance(value, int | float | date) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == SEVERITY_ROLE:
            return worst(lookup.cells.get((row, column.name), ()))
        if role == FINDINGS_ROLE:
            return lookup.cells.get((row, column.name), []) + lookup.rows.get(row, [])
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            return self._column_header(self._columns[section], role)
        if not 0 <= section < len(self.order):
            return None
        row = self.excel_row(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row)
        whole_row = self._lookup.rows.get(row)
        if whole_row and role == Qt.ItemDataRole.DecorationRole:
            return mark_icon(worst(whole_row))
        if whole_row and role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(whole_row)
        return None

    def _column_header(self, column, role: int):
        schema_column = self._session.schema.column_by_name.get(column.name)
        if role == Qt.ItemDataRole.DisplayRole:
            if schema_column is None:
                return f"{column.header or column.name}\n(not in template) {column.letter}"
            found = column.header if column.header != schema_column.label else ""
            return f"{schema_column.label}\n{found} {column.letter}".replace("\n ", "\n")
        if role == Qt.ItemDataRole.ToolTipRole:
            if schema_column is None:
                return (
                    f'Column {column.letter} "{column.header}" is not part of the template; '
                    "it is shown here but left out of the submission."
                )
            return (
                f"{schema_column.label} ({column.name}): {schema_column.description}\n"
                f'In this file: "{column.header}", column {column.letter}.'
            )
        return None

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.excel_row(index.row())
        if self._session.is_editable(row, self._columns[index.column()].name):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _ANY_INDEX, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self.cell_edited.emit(self.excel_row(index.row()), self.column_name(index.column()), value)
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's values; column -1 puts them back in the file's order."""
        if self._session is None or column >= len(self._columns):
            return
        if column < 0:
            keyed = list(range(len(self.order)))
        else:
            values = self._session.table.raw[self._columns[column].name]
            keyed = sorted(range(len(self.order)), key=lambda p: _sort_key(values[p]))
            if order == Qt.SortOrder.DescendingOrder:
                keyed.reverse()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self.order[i.row()], i.column()) for i in persistent]
        self.order = keyed
        self._model_row = np.argsort(keyed)
        self.changePersistentIndexList(
            persistent, [self.index(int(self._model_row[p]), c) for p, c in kept]
        )
        self.layoutChanged.emit()


def _sort_key(value: Any) -> tuple:
    """Empty cells last; numbers, then dates, then text (ignoring case)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return (3, 0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, value)
    if isinstance(value, date):
        return (1, value.toordinal() if not isinstance(value, datetime) else value.timestamp())
    return (2, str(value).casefold())


class SheetFilterProxy(QSortFilterProxyModel):
    """Only flagged rows, and rows whose text holds the search; sorting is the model's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._flagged_only = False
        self._search: list[bool] | None = None  # by position
        self.search_text = ""

    def setSourceModel(self, model: SheetModel) -> None:
        super().setSourceModel(model)
        self._model = model
        model.search_ready.connect(lambda: self.set_search(self.search_text))

    @property
    def search_pending(self) -> bool:
        """A search was asked for while the rows' texts are still being put together."""
        return bool(self.search_text.strip()) and not self.sourceModel().searchable

    def set_flagged_only(self, on: bool) -> None:
        self._flagged_only = on
        # invalidate() re-lays the view out once; a filter change would remove and
        # insert rows range by range, half a second when 100,000 rows come back.
        self.invalidate()

    def set_search(self, text: str) -> None:
        self.search_text = text
        mask = self.sourceModel().search_mask(text) if text.strip() else None
        if mask is None and text.strip():
            self.sourceModel().prepare_search()
            return  # applied once the model has the texts (search_ready)
        self._search = None if mask is None else mask.tolist()
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _ANY_INDEX) -> bool:
        # Called for every row on each reset (100,000 times): plain lookups only.
        if not self._flagged_only and self._search is None:
            return True
        pos = self._model.order[source_row]
        if self._flagged_only and pos not in self._model.flagged:
            return False
        return self._search is None or self._search[pos]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
