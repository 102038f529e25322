"""The sheet as a table: one model over the working session's raw cells.

Findings are filed by cell once per check (CellFindings), so data() only looks
things up and a 100,000-row sheet scrolls freely. Sorting permutes the model's own
row order with one vectorised sort (a proxy's comparison per pair would call back
into Python millions of times); filtering (only flagged rows, search) is a proxy.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.session.working import Recheck, WorkingSession
from desktop_app.gui.cells import (
    CellFindings,
    cell_text,
    number_symbols,
    row_text,
    tooltip,
    worst,
)
from desktop_app.gui.i18n import column_label
from desktop_app.gui.style import mark_icon, tint

SPANS = 200  # at most this many dataChanged signals for one refresh
TEXT_SLICE_SECONDS = 0.015  # the longest the search's preparation holds the window at once
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1  # the worst severity flagged on a cell, or None
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 2  # the findings on a cell (and its whole row)
_ANY_INDEX = QModelIndex | QPersistentModelIndex


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
        self.read_only = False  # while the file is checked in full: no edits
        self._texts: list[str] | None = None  # each row's text, for searching
        self._building: list[str] | None = None  # the texts so far, while being put together
        self._text_timer = QTimer(self, interval=0)
        self._text_timer.timeout.connect(self.on_text_slice)

    # ------------------------------------------------------------ feeding

    def set_session(self, session: WorkingSession | None) -> None:
        self.beginResetModel()
        self._session = session
        self._forget_texts()
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
        """After an edit or a check: look the findings up again and redraw the rows that
        look different now."""
        session = self._session
        before = self._lookup
        self._lookup = CellFindings(session, {c.name for c in self._columns})
        # A full check: the subsidiary (so the number format) may have changed too, and
        # then every row reads differently. Otherwise it redraws the rows whose findings
        # changed: redrawing all 100,000 would have the filter proxy ask about each one.
        # One still pending changed only the edited rows' cells so far.
        if recheck.full and not recheck.pending:
            changed = self._lookup.rows_changed_since(before)
            symbols = number_symbols(session.schema.locale_for(session.result.subsidiary))
            if symbols != self._symbols:
                self._symbols = symbols
                self._forget_texts()
                positions = np.arange(len(self.order))
            else:
                positions = self._positions(changed)
        else:
            changed = recheck.rows
            positions = self._positions(changed)
            texts = self._texts if self._texts is not None else self._building or []
            for pos in positions.tolist():
                if pos < len(texts):  # rows not put together yet are read when they are
                    texts[pos] = self._row_text(pos)
        last = self.columnCount() - 1
        for top, bottom in _spans(np.sort(self._model_row[positions])):
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, last))
        # Only the rows whose mark changed: a change to any row header has the view measure
        # the headers again and repaint all it shows.
        headers = self._positions(self._lookup.headers_changed_since(before, changed))
        for top, bottom in _spans(np.sort(self._model_row[headers])):
            self.headerDataChanged.emit(Qt.Orientation.Vertical, top, bottom)

    def _positions(self, rows) -> np.ndarray:
        """Positions in the table of these Excel rows (those in it), in order."""
        first = self._session.table.rows[0] if self._session.table.rows else 0
        positions = np.array(sorted(r - first for r in rows), dtype=np.int64)
        return positions[(positions >= 0) & (positions < len(self.order))]

    def _forget_texts(self) -> None:
        """Drop the rows' texts (and stop putting them together): the next search rebuilds."""
        self._texts = self._building = None
        self._text_timer.stop()

    # ------------------------------------------------------------ lookups

    def excel_row(self, model_row: int) -> int:
        return self._session.table.rows[self.order[model_row]]

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

    def search_mask(self, needle: str) -> list[bool] | None:
        """Per position: whether the row's text holds needle (ignoring case); None until
        the rows' texts are ready (search_ready)."""
        if self._texts is None:
            return None
        needle = needle.casefold()
        return [needle in t for t in self._texts]

    def prepare_search(self) -> None:
        """Put every row's text together, a slice at a time between other events (a
        second in all at 100,000 rows); only once someone starts searching.

        On the GUI thread on purpose: a worker thread running Python would hold the GIL
        against every cell the window paints, and the window would stall far longer.
        """
        if self._session is None or self._texts is not None or self._building is not None:
            return
        self._building = []
        self._text_timer.start()

    def on_text_slice(self) -> None:
        texts, count = self._building, len(self.order)
        if len(texts) == count:  # a slice of its own: filtering by the search takes a while
            self._text_timer.stop()
            self._texts, self._building = texts, None
            self.search_ready.emit()
            return
        deadline = time.perf_counter() + TEXT_SLICE_SECONDS
        while len(texts) < count and time.perf_counter() < deadline:
            start = len(texts)
            texts += [self._row_text(p) for p in range(start, min(start + 200, count))]

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
                found = column.header or column.name
                outside = self.tr("(not in template)")
                return f"{found}\n{outside} {column.letter}"
            label = column_label(schema_column)
            found = column.header if column.header != label else ""
            return f"{label}\n{found} {column.letter}".replace("\n ", "\n")
        if role == Qt.ItemDataRole.ToolTipRole:
            if schema_column is None:
                return self.tr(
                    'Column {letter} "{header}" is not part of the template; '
                    "it is shown here but left out of the submission."
                ).format(letter=column.letter, header=column.header)
            return (
                f"{column_label(schema_column)} ({column.name}): {schema_column.description}\n"
                + self.tr('In this file: "{header}", column {letter}.').format(
                    header=column.header, letter=column.letter
                )
            )
        return None

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.excel_row(index.row())
        if not self.read_only and self._session.is_editable(
            row, self._columns[index.column()].name
        ):
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


def _spans(rows: np.ndarray, most: int = SPANS) -> list[tuple[int, int]]:
    """Sorted model rows as (first, last) runs, one signal each; past `most` runs, runs
    close together are joined (the rows between are redrawn too, to send fewer signals)."""
    if len(rows) == 0:
        return []
    gap = 1
    while True:
        breaks = np.flatnonzero(np.diff(rows) > gap)
        if len(breaks) < most:
            break
        gap *= 2
    starts = np.concatenate((rows[:1], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], rows[-1:]))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


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
        self._search = mask
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
