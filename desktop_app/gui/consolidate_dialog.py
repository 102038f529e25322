"""Consolidating a folder: progress and Cancel while it runs, then what came of it.

The work is the core's consolidate_folder, run through a Task off the GUI thread.
Afterwards the dialog shows one row per subsidiary and the cross-file (DQ9) findings;
a failure is one sentence, a cancel says nothing was written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.gui.cells import SEVERITY_LABELS
from desktop_app.gui.style import mark_icon
from desktop_app.gui.tasks import TaskRunner


class ConsolidateDialog(QDialog):
    consolidation_finished = Signal(object)  # the ConsolidationResult
    consolidation_failed = Signal(str)  # the sentence shown
    consolidation_cancelled = Signal()

    def __init__(
        self,
        folder: str | Path,
        target: str | Path,
        schema: TemplateSchema,
        parent=None,
        workers: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder, self.target, self.schema = Path(folder), Path(target), schema
        self._workers = workers
        self.runner = TaskRunner(
            self,
            progressed=self.on_progressed,
            finished=self.on_consolidated,
            failed=self.on_failed,
            cancelled=self.on_cancelled,
        )
        self.result = None
        self.setWindowTitle(self.tr("Consolidate folder"))
        self.resize(900, 600)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.subsidiaries = self._table(
            [
                self.tr("Subsidiary"),
                self.tr("Files taken in"),
                self.tr("Rows"),
                self.tr("Errors"),
                self.tr("Warnings"),
                self.tr("Open pipeline (EUR)"),
            ],
            stretch_last=False,  # amounts stay next to the counts, not at the far edge
        )
        self.cross_title = QLabel(self)
        self.cross_file = self._table([self.tr("Severity"), self.tr("Finding"), self.tr("Where")])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.subsidiaries, 2)
        layout.addWidget(self.cross_title)
        layout.addWidget(self.cross_file, 3)
        layout.addWidget(self.buttons)
        for widget in (self.subsidiaries, self.cross_title, self.cross_file):
            widget.hide()

    def _table(self, headers: list[str], stretch_last: bool = True) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(stretch_last)
        return table

    # ------------------------------------------------------------ running

    def start(self) -> None:
        from desktop_app.core.jobs.consolidate import consolidate_folder

        folder, target, schema, workers = self.folder, self.target, self.schema, self._workers
        self.runner.start(lambda p: consolidate_folder(folder, schema, target, p, workers))
        self.status.setText(self.tr("Checking the files in {folder}…").format(folder=folder))

    def on_progressed(self, label: str, fraction: float) -> None:
        self.bar.setValue(int(fraction * 1000))
        if not self.runner.cancelling:
            self.status.setText(label + "…")

    def reject(self) -> None:
        """Cancel stops the work first (nothing is written); the dialog closes once it has."""
        if not self.runner.running:
            super().reject()
            return
        self.runner.cancel()
        self.status.setText(self.tr("Cancelling…"))
        self.buttons.setEnabled(False)

    def closeEvent(self, event) -> None:
        if self.runner.running:
            event.ignore()
            self.reject()
        else:
            super().closeEvent(event)

    def _stopped(self) -> None:
        self.bar.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.buttons.setEnabled(True)

    def on_failed(self, sentence: str) -> None:
        self._stopped()
        self.status.setText(sentence)
        self.consolidation_failed.emit(sentence)

    def on_cancelled(self) -> None:
        self._stopped()
        self.status.setText(self.tr("Cancelled; nothing was written."))
        self.consolidation_cancelled.emit()

    # ------------------------------------------------------------ the outcome

    def on_consolidated(self, result) -> None:
        self._stopped()
        self.result = result
        self.status.setText(self._headline(result))
        locale = QLocale()
        rows = [
            [
                code,
                self.tr("{taken} of {files}").format(taken=s["taken_in"], files=s["files"]),
                locale.toString(s["rows"]),
                locale.toString(s["errors"]),
                locale.toString(s["warnings"]),
                locale.toString(float(s["open_pipeline_eur"]), "f", 0),
            ]
            for code, s in result.subsidiaries().items()
        ]
        self._fill(self.subsidiaries, rows, numeric_from=1)
        self.cross_file.setRowCount(0)
        for c in result.cross_file:
            where = "; ".join(
                self.tr("{subsidiary} in {file}, rows {rows}").format(
                    subsidiary=o["subsidiary"],
                    file=o["file"],
                    rows=", ".join(map(str, o["rows"][:8])) + ("…" if len(o["rows"]) > 8 else ""),
                )
                for o in c.occurrences
            )
            self._append(
                self.cross_file,
                [SEVERITY_LABELS[c.finding.severity], c.finding.message, where],
                icon=mark_icon(c.finding.severity),
            )
        count = len(result.cross_file)
        self.cross_title.setText(
            self.tr("<b>Across files (DQ9), findings: {count}</b>").format(count=count)
            if count
            else self.tr("<b>Across files (DQ9):</b> no customer or opportunity found twice.")
        )
        self.subsidiaries.show()
        self.cross_title.show()
        self.cross_file.setVisible(bool(count))
        self.consolidation_finished.emit(result)

    def _headline(self, result) -> str:
        taken, files = len(result.taken_in), len(result.files)
        parts = [
            self.tr("{taken} of {files} files taken in, {rows} rows; written to {target}.").format(
                taken=taken, files=files, rows=QLocale().toString(result.rows_written),
                target=result.target,
            )
        ]  # fmt: skip
        for f in result.left_out:
            reason = f.reasons[0] if f.reasons else ""
            parts.append(self.tr("Left out: {file} ({why})").format(file=f.file, why=reason))
        return "\n".join(parts)

    def _fill(self, table: QTableWidget, rows: list[list[str]], numeric_from: int) -> None:
        table.setRowCount(0)
        for values in rows:
            self._append(table, values, numeric_from=numeric_from)

    @staticmethod
    def _append(table: QTableWidget, values: list[str], numeric_from: int | None = None, icon=None):
        row = table.rowCount()
        table.insertRow(row)
        for column, value in enumerate(values):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))  # long messages and file lists, read in full
            if numeric_from is not None and column >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if icon is not None and column == 0:
                item.setIcon(icon)
            table.setItem(row, column, item)
