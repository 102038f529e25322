"""The "Match columns" page: a file not in the template's layout (a CRM's export), the
matching proposed for it, for the person to confirm or change before it is checked.

One line per template column: the source column proposed (a drop-down of the source's
columns, each with a few sample values), how sure the matcher is as a colour, and why as
a tooltip. A second tab maps the source's list words (its stages, countries, ...) onto
the template's values. Counting a column's words runs off the GUI thread (a TaskRunner):
a 100,000-row export would freeze the window otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.matching.kept import keep_matching
from desktop_app.core.matching.mapping import ColumnMatch, Matching
from desktop_app.core.matching.matched import MatchedSheet
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.matching_data import MatchingThresholds
from desktop_app.core.session.any_layout import ListWords, MatchToConfirm, words_of
from desktop_app.gui.i18n import column_label
from desktop_app.gui.style import tint
from desktop_app.gui.tasks import TaskRunner

_NOT_IN_FILE = -1  # the drop-down's item for "not in this file"
_CONSTANT = -2  # the drop-down's item for a column filled with the subsidiary's value


def sureness(match: ColumnMatch | None, thresholds: MatchingThresholds) -> str | None:
    """The colour of a match, by the schema's matching thresholds: pass (sure), warning
    (check it), error (doubtful: less sure than the matcher would propose by itself)."""
    if match is None:
        return None
    if match.confidence >= thresholds.sure_min:
        return "pass"
    return "warning" if match.confidence >= thresholds.propose_min else "error"


class MatchColumnsPage(QWidget):
    check_requested = Signal(object, object)  # the MatchedSheet to check, the subsidiary
    cancel_requested = Signal()
    matching_kept = Signal(str)  # the subsidiary whose matching was kept

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.confirm: MatchToConfirm | None = None
        self.schema: TemplateSchema | None = None
        self._words: dict[str, ListWords] = {}
        self._pending: tuple[str, int] | None = None  # a column's words to count next
        self._runner = TaskRunner(self, finished=self._on_words_counted)
        self._runner.running_changed.connect(self._on_busy)
        self.title = QLabel(self.tr("Match columns"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.columns = self._table(
            [self.tr("Template column"), self.tr("Source column"), self.tr("Sure")]
        )
        header = self.columns.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.values = self._table(
            [self.tr("Column"), self.tr("Source word"), self.tr("Count"), self.tr("Template value")]
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.columns, self.tr("Columns"))
        self.tabs.addTab(self.values, self.tr("Value words"))
        self.subsidiary = QComboBox(self)
        self.subsidiary.setEditable(True)
        self.subsidiary.setToolTip(self.tr("The subsidiary this file is from"))
        self.subsidiary.currentTextChanged.connect(self._on_subsidiary_changed)
        self.remember = QPushButton(self)
        self.remember.clicked.connect(self.on_remember)
        self.kept_label = QLabel(self)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.clicked.connect(self.cancel_requested)
        self.check = QPushButton(self.tr("Check with this matching"), self)
        self.check.setDefault(True)
        self.check.clicked.connect(self.on_check)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Subsidiary:"), self))
        buttons.addWidget(self.subsidiary)
        buttons.addWidget(self.remember)
        buttons.addWidget(self.kept_label, 1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # ------------------------------------------------------------ showing a proposal

    def show_proposal(self, confirm: MatchToConfirm, schema: TemplateSchema) -> None:
        """Show the matching proposed for a file, every choice as the matcher made it."""
        self.confirm, self.schema = confirm, schema
        self._words = dict(confirm.words)
        self.intro.setText(
            self.tr(
                "{file} is not in the template's layout. Check which of its columns holds "
                "each template column, and what its words mean; then check it."
            ).format(file=confirm.path.name)
        )
        self.subsidiary.blockSignals(True)
        self.subsidiary.clear()
        self.subsidiary.addItems(sorted(schema.model.subsidiaries))
        self.subsidiary.setEditText(confirm.subsidiary or "")
        self.subsidiary.blockSignals(False)
        self._on_subsidiary_changed(self.subsidiary.currentText())
        self.kept_label.clear()
        self._fill_columns()
        self._fill_values()
        self.tabs.setCurrentIndex(0)

    def _fill_columns(self) -> None:
        confirm, matching = self.confirm, self.confirm.matched.matching
        self.columns.setRowCount(len(self.schema.columns))
        for row, column in enumerate(self.schema.columns):
            label = QTableWidgetItem(column_label(column))
            label.setToolTip(column.name)
            self.columns.setItem(row, 0, label)
            match = matching.columns.get(column.name)
            box = QComboBox(self.columns)
            box.setAccessibleName(column_label(column))
            box.addItem(self.tr("(not in this file)"), _NOT_IN_FILE)
            if match is not None and match.by == "constant":
                box.addItem(self.tr("Filled with {value}").format(value=match.value), _CONSTANT)
            for index, source in enumerate(confirm.sources):
                samples = ", ".join(confirm.samples[index])
                box.addItem(f"{source}  —  {samples}" if samples else source, index)
            if match is not None:
                box.setCurrentIndex(box.findData(_CONSTANT if match.index is None else match.index))
            box.currentIndexChanged.connect(lambda _i, r=row: self._on_source_chosen(r))
            self.columns.setCellWidget(row, 1, box)
            self._show_sureness(row, match)

    def _show_sureness(self, row: int, match: ColumnMatch | None) -> None:
        reasons = {
            "name": self.tr("by the column's name"),
            "values": self.tr("by the column's values"),
            "saved": self.tr("as chosen before"),
            "constant": self.tr("from the subsidiary"),
        }
        item = QTableWidgetItem()
        kind = sureness(match, self.schema.model.matching.thresholds)
        if match is None:
            item.setText("—")
            item.setToolTip(self.tr("Not in this file"))
        else:
            item.setText(f"{match.confidence:.0%}")
            item.setBackground(tint(kind, 1.6))
            item.setToolTip(reasons[match.by])
        self.columns.setItem(row, 2, item)

    def _fill_values(self) -> None:
        self.values.setRowCount(0)
        labels = {c.name: column_label(c) for c in self.schema.columns}
        for column, words in self._words.items():
            allowed = self.schema.vocabulary_values(self.schema.column_by_name[column].vocabulary)
            for word, count in words.counts.most_common():
                row = self.values.rowCount()
                self.values.insertRow(row)
                self.values.setItem(row, 0, QTableWidgetItem(labels[column]))
                self.values.item(row, 0).setData(Qt.ItemDataRole.UserRole, column)
                self.values.setItem(row, 1, QTableWidgetItem(word))
                counted = QTableWidgetItem(f"{count:,}")
                counted.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                self.values.setItem(row, 2, counted)
                box = QComboBox(self.values)
                box.setAccessibleName(word)
                box.addItem(self.tr("(leave as is)"), None)
                for value in allowed:
                    box.addItem(value, value)
                chosen = words.mapped.get(word, word)
                box.setCurrentIndex(max(0, box.findData(chosen)))
                self.values.setCellWidget(row, 3, box)

    # ------------------------------------------------------------ the person's choices

    def source_box(self, column: str) -> QComboBox:
        """The drop-down of the source column for template column (by its name)."""
        row = [c.name for c in self.schema.columns].index(column)
        return self.columns.cellWidget(row, 1)

    def _on_source_chosen(self, row: int) -> None:
        box = self.columns.cellWidget(row, 1)
        index = box.currentData()
        column = self.schema.columns[row].name
        if index is not None and index >= 0:  # each source column feeds one template column
            for other in range(self.columns.rowCount()):
                other_box = self.columns.cellWidget(other, 1)
                if other != row and other_box.currentData() == index:
                    other_box.setCurrentIndex(0)
        self._show_sureness(row, self._chosen(row))
        if column in self._words or self.schema.columns[row].vocabulary:
            self._words.pop(column, None)
            if index is not None and index >= 0:
                self._count_words(column, index)
            else:
                self._fill_values()

    def _count_words(self, column: str, index: int) -> None:
        """Count the words of the column chosen, off the GUI thread; choices made while
        counting are counted in turn, the last one of each column wins."""
        self._pending = (column, index)
        if not self._runner.running:
            self._start_counting()

    def _start_counting(self) -> None:
        (column, index), self._pending = self._pending, None
        matched, schema, subsidiary = self.confirm.matched, self.schema, self.confirm.subsidiary
        self._runner.start(
            lambda _p: (column, index, words_of(matched, schema, column, index, subsidiary))
        )

    def _on_words_counted(self, counted) -> None:
        column, index, words = counted
        row = [c.name for c in self.schema.columns].index(column)
        if self.columns.cellWidget(row, 1).currentData() == index:  # still the choice
            self._words[column] = words
        if self._pending:
            self._start_counting()
        self._fill_values()

    def _on_busy(self, busy: bool) -> None:
        self.check.setEnabled(not busy)
        self.remember.setEnabled(not busy and bool(self.subsidiary.currentText().strip()))

    def _chosen(self, row: int) -> ColumnMatch | None:
        column = self.schema.columns[row].name
        data = self.columns.cellWidget(row, 1).currentData()
        proposed = self.confirm.matched.matching.columns.get(column)
        if data == _NOT_IN_FILE:
            return None
        if data == _CONSTANT:
            return proposed
        if proposed is not None and proposed.index == data:
            return proposed
        return ColumnMatch(self.confirm.sources[data], 1.0, "saved", data)

    def matching(self) -> Matching:
        """The matching as the page shows it now."""
        proposed = self.confirm.matched.matching
        columns = {c.name: self._chosen(row) for row, c in enumerate(self.schema.columns)}
        values: dict[str, dict[str, str]] = {}
        for row in range(self.values.rowCount()):
            column = self.values.item(row, 0).data(Qt.ItemDataRole.UserRole)
            word = self.values.item(row, 1).text()
            value = self.values.cellWidget(row, 3).currentData()
            if value is not None and value != word:
                values.setdefault(column, {})[word] = value
        used = {m.index for m in columns.values() if m is not None and m.index is not None}
        unmapped = [s for i, s in enumerate(self.confirm.sources) if i not in used]
        return Matching(
            columns, values, unmapped, header_row=proposed.header_row, sheet=proposed.sheet
        )

    def matched(self) -> MatchedSheet:
        old = self.confirm.matched
        return MatchedSheet(old.book, old.sheet, old.shape, self.matching())

    def chosen_subsidiary(self) -> str | None:
        return self.subsidiary.currentText().strip().upper() or None

    def _on_subsidiary_changed(self, text: str) -> None:
        code = text.strip().upper()
        self.remember.setText(
            self.tr("Remember for {subsidiary}").format(subsidiary=code)
            if code
            else self.tr("Remember for…")
        )
        self.remember.setEnabled(bool(code) and not self._runner.running)

    def on_remember(self) -> None:
        """Keep the matching for the subsidiary: its next export opens without questions."""
        code = self.chosen_subsidiary()
        if not code:
            return
        try:
            keep_matching(self.matching(), code)
        except OSError as exc:
            self.kept_label.setText(
                self.tr("Could not keep the matching: {reason}").format(reason=exc.strerror)
            )
            return
        self.kept_label.setText(self.tr("Kept for {subsidiary}").format(subsidiary=code))
        self.matching_kept.emit(code)

    def on_check(self) -> None:
        code = self.chosen_subsidiary()
        self.check_requested.emit(self.matched(), None if code == self.confirm.subsidiary else code)
