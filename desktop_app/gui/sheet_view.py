"""The sheet panel: search, "only flagged rows", and the table of cells, editable in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPointF, Qt, QTimer
from PySide6.QtGui import QPainter, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.session.working import Recheck, WorkingSession
from desktop_app.gui.style import solid
from desktop_app.gui.table_model import SEVERITY_ROLE, SheetFilterProxy, SheetModel


class FlagDelegate(QStyledItemDelegate):
    """Marks a flagged cell with a corner in its severity's colour: seen even when the
    cell is selected, and told apart by more than the fill alone."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        severity = index.data(SEVERITY_ROLE)
        if severity is None:
            return
        r = option.rect
        size = min(9, r.height() // 2)
        corner = QPolygonF([QPointF(r.right() - size, r.top()), QPointF(r.right() + 1, r.top())])
        corner.append(QPointF(r.right() + 1, r.top() + size))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(solid(severity))
        painter.drawPolygon(corner)
        painter.restore()


class SheetPanel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = SheetModel(self)
        self.proxy = SheetFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.search_ready.connect(self._update_count)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Sheet"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.setItemDelegate(FlagDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(120)
        self.view.setSortingEnabled(True)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the sheet (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the sheet"))
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.on_search_settled)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.textEdited.connect(self.model.prepare_search)
        self.flagged_only = QCheckBox(self.tr("Only flagged rows"), self)
        self.flagged_only.setToolTip(self.tr("Show only rows with an error or a warning"))
        self.flagged_only.toggled.connect(self.on_flagged_only_toggled)
        self.count_label = QLabel(self)
        bar = QHBoxLayout()
        title = QLabel("<b>{}</b>".format(self.tr("Sheet")))
        bar.addWidget(title)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.flagged_only)
        bar.addStretch(0)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)

    def set_session(self, session: WorkingSession | None) -> None:
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_session(session)
        if session is not None:
            fm = self.view.horizontalHeader().fontMetrics()
            for col, column in enumerate(session.table.columns):
                header = self.model.headerData(col, Qt.Orientation.Horizontal)
                text = max(fm.horizontalAdvance(line) for line in header.split("\n"))
                schema_column = session.schema.column_by_name.get(column.name)
                chars = schema_column.width if schema_column and schema_column.width else 12
                width = max(text + 28, chars * fm.averageCharWidth())
                self.view.setColumnWidth(col, max(80, min(280, width)))
            if self.search.text().strip():
                self.proxy.set_search(self.search.text())
        self._update_count()

    def follow(self, controller) -> None:
        """Show the session of a SessionController; what is typed is its edit."""
        controller.opened.connect(self.on_opened)
        controller.checked.connect(self.on_checked)
        controller.changed.connect(self.on_changed)
        controller.busy_changed.connect(self.on_busy_changed)
        self.model.cell_edited.connect(controller.on_cell_edited)

    def on_opened(self, session: WorkingSession) -> None:
        self.set_session(session)

    def on_changed(self, recheck: Recheck) -> None:
        """After an edit, undo or redo: redraw the rows it changed."""
        self.model.refresh(recheck)
        self._update_count()

    def on_checked(self, _result) -> None:
        """The findings are a full check's: any row may look different now."""
        self.on_changed(Recheck(frozenset(), full=True))

    def on_busy_changed(self, busy: bool) -> None:
        """No typing while the file is read or checked in the background."""
        self.model.read_only = busy

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown != total:
            text = self.tr("{shown} of {total} rows")
        else:
            text = self.tr("1 row") if total == 1 else self.tr("{total} rows")
        text = text.format(shown=f"{shown:,}", total=f"{total:,}")
        if self.proxy.search_pending:
            text = self.tr("Preparing the search…")
        self.count_label.setText(text)

    def on_search_settled(self) -> None:
        self.proxy.set_search(self.search.text())
        self._update_count()

    def on_flagged_only_toggled(self, on: bool) -> None:
        self.proxy.set_flagged_only(on)
        self._update_count()

    def current_cell(self) -> tuple[int, str] | None:
        """(Excel row, column name) of the current cell."""
        index = self.proxy.mapToSource(self.view.currentIndex())
        if not index.isValid():
            return None
        return self.model.excel_row(index.row()), self.model.column_name(index.column())

    def select_cell(self, row: int, column: str | None) -> bool:
        """Make a cell current and show it; filters that hide it are cleared."""
        source = self.model.index_of(row, column)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            self.on_search_settled()
            self.flagged_only.setChecked(False)
            index = self.proxy.mapFromSource(source)
        selection = self.view.selectionModel()
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        # Centre the row, but leave the columns where they are if the cell shows already:
        # the first columns (the ID) stay in sight.
        across = self.view.horizontalScrollBar()
        before = across.value()
        cell = self.view.visualRect(index)
        shown = cell.left() >= 0 and cell.right() <= self.view.viewport().width()
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if shown:
            across.setValue(before)
        return True
