"""The nine rules at a glance: a pass/fail mark and the counts of each; a click filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView

from desktop_app.core.model.findings import RULE_IDS
from desktop_app.gui.style import mark_icon

_ANY_INDEX = QModelIndex | QPersistentModelIndex
RULE_ROLE = Qt.ItemDataRole.UserRole + 4
_COUNTS = ("errors", "warnings", "fixed")


class RulesModel(QAbstractTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("RulesModel", "Rule"),
        QT_TRANSLATE_NOOP("RulesModel", "Errors"),
        QT_TRANSLATE_NOOP("RulesModel", "Warnings"),
        QT_TRANSLATE_NOOP("RulesModel", "Fixed"),
    )

    def __init__(self, titles: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._counts: dict[str, dict[str, int]] = {}

    def set_summary(self, summary: dict[str, Any] | None) -> None:
        """Counts per rule as CheckResult.summary has them (None: nothing checked yet)."""
        self._counts = summary["rules"] if summary else {}
        last = self.index(len(RULE_IDS) - 1, len(self.HEADERS) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RULE_IDS)

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

    def verdict(self, rule: str) -> str | None:
        """error, warning or pass for a checked rule; None before any check."""
        counts = self._counts.get(rule)
        if counts is None:
            return None
        return "error" if counts["errors"] else "warning" if counts["warnings"] else "pass"

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rule = RULE_IDS[index.row()]
        col = index.column()
        counts = self._counts.get(rule)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{rule}  {self._titles.get(rule, '')}"
            return (
                "" if counts is None or not counts[_COUNTS[col - 1]] else counts[_COUNTS[col - 1]]
            )
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and counts is not None:
            return mark_icon(self.verdict(rule))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and counts is not None:
            verdict = {
                "error": self.tr("{rule} fails"),
                "warning": self.tr("{rule} passes, with warnings"),
                "pass": self.tr("{rule} passes"),
            }
            named = f"{rule} {self._titles.get(rule, '')}"
            counted = self.tr(
                "{errors} errors, {warnings} warnings, {fixed} fixed automatically. "
                "Click to list them."
            ).format(**counts)
            return f"{verdict[self.verdict(rule)].format(rule=named)}: {counted}"
        if role == RULE_ROLE:
            return rule
        return None


class RulesPanel(QTableView):
    rule_chosen = Signal(object)  # a rule id, or None for all rules

    def __init__(self, titles: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.rules = RulesModel(titles, self)
        self.setModel(self.rules)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(self.tr("Rules: click one to list its findings"))
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.clicked.connect(self.on_clicked)
        self.activated.connect(self.on_clicked)
        self._chosen: str | None = None

    def sizeHint(self) -> QSize:
        """Tall enough for the nine rules, no taller: the charts get the rest."""
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rules.rowCount()))
        return QSize(super().sizeHint().width(), height)

    def follow(self, controller) -> None:
        """Count the findings of a SessionController's session after every check and edit."""
        self._controller = controller
        controller.opened.connect(self.on_opened)
        controller.checked.connect(self.on_findings_changed)
        controller.changed.connect(self.on_findings_changed)

    def on_opened(self, _session) -> None:
        self.choose(None)  # another file: all its rules

    def on_findings_changed(self, _what=None) -> None:
        self.rules.set_summary(self._controller.session.result.summary)

    def on_clicked(self, index: QModelIndex) -> None:
        rule = index.data(RULE_ROLE)
        self.choose(None if rule == self._chosen else rule)

    def choose(self, rule: str | None) -> None:
        """Filter to one rule (clicking it again shows all rules again)."""
        self._chosen = rule
        if rule is None:
            self.clearSelection()
        else:
            self.selectRow(RULE_IDS.index(rule))
        self.rule_chosen.emit(rule)
