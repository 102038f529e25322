"""The findings list: every problem in plain words, filtered by rule, severity and column.

Selecting a finding selects its cell in the sheet (the window connects
`finding_selected`); F8 and Shift+F8 step through the list as it is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.model.findings import RULE_IDS, Finding, display_value
from desktop_app.gui.i18n import column_label, finding_message, severity_label
from desktop_app.gui.style import SEVERITIES, mark_icon

_ANY_INDEX = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3


def column_labels(session) -> list[tuple[str, str]]:
    """(name, label) of the sheet's columns in its order, then of the other columns that
    findings name (a column missing from the file)."""
    schema = session.schema
    labels = [
        (c.name, (column_label(s) if (s := schema.column_by_name.get(c.name)) else c.header))
        for c in session.table.columns
    ]
    known = {name for name, _ in labels}
    return labels + sorted(
        {(f.column, f.column) for f in session.findings if f.column and f.column not in known}
    )


class FindingsModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("FindingsModel", "Severity"),
        QT_TRANSLATE_NOOP("FindingsModel", "Rule"),
        QT_TRANSLATE_NOOP("FindingsModel", "Cell"),
        QT_TRANSLATE_NOOP("FindingsModel", "Column"),
        QT_TRANSLATE_NOOP("FindingsModel", "Problem"),
        QT_TRANSLATE_NOOP("FindingsModel", "Suggestion"),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._labels: dict[str, str] = {}
        self._column_order: dict[str, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_findings(self, findings: list[Finding], columns: list[tuple[str, str]]) -> None:
        """Show these findings; columns are (name, label) in sheet order."""
        self.beginResetModel()
        self._findings = list(findings)
        self._labels = dict(columns)
        self._column_order = {name: i for i, (name, _label) in enumerate(columns)}
        if self._sort is not None:
            self._findings.sort(key=self._key(self._sort[0]))
            if self._sort[1] == Qt.SortOrder.DescendingOrder:
                self._findings.reverse()
        else:
            self._findings.sort(key=self._key(0))
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def column_label(self, column: str | None) -> str:
        return self._labels.get(column, column) if column else ""

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(f, col)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return mark_icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding_message(f) + (
                "\n" + self.tr("Suggestion: {value}").format(value=display_value(f.suggestion))
                if f.suggestion is not None and f.severity != "fixed"
                else ""
            )
        if role == FINDING_ROLE:
            return f
        return None

    def _text(self, f: Finding, col: int) -> str:
        if col == 0:
            return severity_label(f.severity)
        if col == 1:
            return f.rule
        if col == 2:
            if f.cell or f.row:
                return f.cell or self.tr("row {row}").format(row=f.row)
            return self.tr("column") if f.column else self.tr("file")
        if col == 3:
            return self.column_label(f.column)
        if col == 4:
            return finding_message(f)
        if f.suggestion is None:
            return ""
        shown = display_value(f.suggestion)
        return self.tr("now {value}").format(value=shown) if f.severity == "fixed" else shown

    def _key(self, col: int):
        if col == 0:
            return Finding.sort_key
        if col == 1:
            return lambda f: (f.rule, f.row or 0)
        if col == 2:
            return lambda f: (f.row or 0, self._column_order.get(f.column, -1))
        if col == 3:
            return lambda f: (self.column_label(f.column).casefold(), f.row or 0)
        return lambda f: self._text(f, col).casefold()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._findings[i.row()], i.column()) for i in persistent]
        self._sort = (column, order)
        self._findings.sort(key=self._key(column))
        if order == Qt.SortOrder.DescendingOrder:
            self._findings.reverse()
        where = {id(f): row for row, f in enumerate(self._findings)}
        self.changePersistentIndexList(persistent, [self.index(where[id(f)], c) for f, c in kept])
        self.layoutChanged.emit()


class FindingsFilterProxy(QSortFilterProxyModel):
    """Findings of one rule, severity or column (None: all); sorting is the model's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.filters: dict[str, str | None] = {"rule": None, "severity": None, "column": None}
        self._chosen: list[tuple[str, str]] = []  # the filters set: (attribute, value)

    def set_filter(self, attribute: str, value: str | None) -> None:
        self.filters[attribute] = value
        self._chosen = [(k, v) for k, v in self.filters.items() if v is not None]
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: _ANY_INDEX) -> bool:
        # Called for every finding on each reset (after every edit): plain lookups only.
        if not self._chosen:
            return True
        f = self.sourceModel().finding(source_row)
        return all(getattr(f, k) == v for k, v in self._chosen)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class FindingsPanel(QWidget):
    finding_selected = Signal(object)  # the Finding chosen in the list
    filter_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._quiet = False  # True while the list moves itself (after a re-check)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((92, 48, 64, 130, 520, 120)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self.on_current_changed)

        self.combos: dict[str, QComboBox] = {}
        bar = QHBoxLayout()
        title = QLabel("<b>{}</b>".format(self.tr("Findings")))
        bar.addWidget(title)
        bar.addSpacing(12)
        for attribute, label, name in (
            ("rule", self.tr("Rule"), self.tr("Filter findings by rule")),
            ("severity", self.tr("Severity"), self.tr("Filter findings by severity")),
            ("column", self.tr("Column"), self.tr("Filter findings by column")),
        ):
            combo = QComboBox(self)
            combo.setAccessibleName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(
                lambda _i, a=attribute: self.on_filter_chosen(a, self.combos[a].currentData())
            )
            caption = QLabel(self.tr("{label}:").format(label=label))
            caption.setBuddy(combo)
            bar.addWidget(caption)
            bar.addWidget(combo)
            self.combos[attribute] = combo
        bar.addStretch(1)
        self.count_label = QLabel(self)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self._fill_combo("rule", [(r, r) for r in RULE_IDS])
        self._fill_combo("severity", [(severity_label(s), s) for s in SEVERITIES])

    def _fill_combo(self, attribute: str, items: list[tuple[str, str]]) -> None:
        combo = self.combos[attribute]
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All"), None)
        for text, value in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    # ------------------------------------------------------------ feeding

    def follow(self, controller) -> None:
        """List the findings of a SessionController's session after every check and edit."""
        self._controller = controller
        controller.checked.connect(self.on_findings_changed)
        controller.changed.connect(self.on_findings_changed)

    def on_findings_changed(self, _what=None) -> None:
        session = self._controller.session
        self.set_findings(session.findings, column_labels(session))

    def set_findings(self, findings: list[Finding], columns: list[tuple[str, str]]) -> None:
        """Show findings; columns are (name, label) in sheet order. Keeps the place in the list."""
        place = self.view.currentIndex().row()
        self.model.set_findings(findings, columns)
        present = {f.column for f in findings if f.column}
        self._fill_combo("column", [(label, name) for name, label in columns if name in present])
        column = self.combos["column"].currentData()
        if column != self.proxy.filters["column"]:  # the column chosen has no findings left
            self.proxy.set_filter("column", column)
        if place >= 0 and self.proxy.rowCount():
            self._select(min(place, self.proxy.rowCount() - 1), notify=False)
        self._update_count()

    def set_rule_filter(self, rule: str | None) -> None:
        combo = self.combos["rule"]
        combo.setCurrentIndex(max(0, combo.findData(rule)))

    def on_filter_chosen(self, attribute: str, value: str | None) -> None:
        self.proxy.set_filter(attribute, value)
        self._update_count()
        self.filter_changed.emit()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown != total:
            text = self.tr("{shown} of {total} findings")
        else:
            text = self.tr("1 finding") if total == 1 else self.tr("{total} findings")
        self.count_label.setText(text.format(shown=shown, total=total))

    # ------------------------------------------------------------ moving

    def step(self, direction: int) -> bool:
        """Select the next (1) or previous (-1) problem as listed: an error or a warning
        on a cell or a row (fixed cells and whole-file findings are passed over)."""
        count = self.proxy.rowCount()
        current = self.view.currentIndex().row()
        if current < 0:
            current = -1 if direction > 0 else count
        target = current + direction
        while 0 <= target < count:
            finding = self.proxy.index(target, 0).data(FINDING_ROLE)
            if finding.severity != "fixed" and finding.row is not None:
                self._select(target, notify=True)
                return True
            target += direction
        return False

    def current_finding(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def _select(self, row: int, *, notify: bool) -> None:
        index = self.proxy.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self._quiet = not notify
        self.view.selectionModel().setCurrentIndex(index, flags)
        self._quiet = False
        self.view.scrollTo(index)

    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.finding_selected.emit(current.data(FINDING_ROLE))
