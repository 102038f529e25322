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
from desktop_app.core.session import Recheck, WorkingSession
from desktop_app.gui.style import SEVERITY_LABELS, mark_icon, tint

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
        self.flagged: set[int] = set()  # Excel rows with an error or a warning
        for f in session.findings:
            if f.row is None:
                continue
            if f.column in columns:
                self.cells.setdefault((f.row, f.column), []).append(f)
            else:
                self.rows.setdefault(f.row, []).append(f)
            if f.severity != "fixed":
                self.flagged.add(f.row)
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


class SheetModel(QAbstractTableModel):
    cell_edited = Signal(int, str, str)  # Excel row, column name, the text typed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._session: WorkingSession | None = None
        self._columns: list = []
        self._order = np.arange(0)
        self._model_row = np.arange(0)
        self._symbols = (".", ",")
        self._lookup: CellFindings | None = None
        self._texts: list[str] | None = None

    # ------------------------------------------------------------ feeding

    def set_session(self, session: WorkingSession | None) -> None:
        self.beginResetModel()
        self._session = session
        self._texts = None
        if session is None:
            self._columns, self._order, self._lookup = [], np.arange(0), None
        else:
            self._columns = list(session.table.columns)
            self._order = np.arange(len(session.table.rows))
            self._symbols = number_symbols(session.schema.locale_for(session.result.subsidiary))
            self._lookup = CellFindings(session, {c.name for c in self._columns})
        self._model_row = np.argsort(self._order)
        self.endResetModel()

    def refresh(self, recheck: Recheck) -> None:
        """After an edit: look the findings up again and redraw the rows it changed."""
        session = self._session
        self._lookup = CellFindings(session, {c.name for c in self._columns})
        first = session.table.rows[0]
        positions = (
            np.arange(len(self._order))
            if recheck.full
            else np.array(sorted(r - first for r in recheck.rows), dtype=np.int64)
        )
        if recheck.full:
            self._texts = None  # built again at the next search
        elif self._texts is not None:
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
        return self._session.table.rows[int(self._order[model_row])]

    def position(self, model_row: int) -> int:
        return int(self._order[model_row])

    def column_name(self, column: int) -> str:
        return self._columns[column].name

    def index_of(self, row: int, column: str | None) -> QModelIndex:
        """The index of an Excel row's cell (its first cell when column is None)."""
        if self._session is None:
            return QModelIndex()
        pos = row - self._session.table.rows[0]
        if not 0 <= pos < len(self._order):
            return QModelIndex()
        names = [c.name for c in self._columns]
        col = names.index(column) if column in names else 0
        return self.index(int(self._model_row[pos]), col)

    def is_flagged(self, position: int) -> bool:
        return self._session.table.rows[position] in self._lookup.flagged

    def search_mask(self, needle: str) -> np.ndarray:
        """Per position: whether the row's text contains needle (ignoring case)."""
        if self._texts is None:
            self._texts = [self._row_text(p) for p in range(len(self._order))]
        needle = needle.casefold()
        return np.fromiter((needle in t for t in self._texts), dtype=bool, count=len(self._texts))

    def _row_text(self, pos: int) -> str:
        raw = self._session.table.raw
        return "\n".join(
            cell_text(raw[c.name][pos], self._symbols) for c in self._columns
        ).casefold()

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pos = int(self._order[index.row()])
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
        if not 0 <= section < len(self._order):
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
            keyed = list(range(len(self._order)))
        else:
            values = self._session.table.raw[self._columns[column].name]
            keyed = sorted(range(len(self._order)), key=lambda p: _sort_key(values[p]))
            if order == Qt.SortOrder.DescendingOrder:
                keyed.reverse()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(int(self._order[i.row()]), i.column()) for i in persistent]
        self._order = np.asarray(keyed, dtype=np.int64)
        self._model_row = np.argsort(self._order)
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
        self._search: np.ndarray | None = None

    def set_flagged_only(self, on: bool) -> None:
        refilter(self, lambda: setattr(self, "_flagged_only", on))

    def set_search(self, text: str) -> None:
        mask = self.sourceModel().search_mask(text) if text.strip() else None
        refilter(self, lambda: setattr(self, "_search", mask))

    def filterAcceptsRow(self, source_row: int, source_parent: _ANY_INDEX) -> bool:
        model = self.sourceModel()
        pos = model.position(source_row)
        if self._flagged_only and not model.is_flagged(pos):
            return False
        return self._search is None or bool(self._search[pos])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def refilter(proxy: QSortFilterProxyModel, change) -> None:
    """Change what a proxy's filter reads, and re-filter its rows."""
    if hasattr(proxy, "beginFilterChange"):  # Qt 6.9 and later
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateRowsFilter()
