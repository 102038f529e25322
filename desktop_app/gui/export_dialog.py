"""Export: the clean submission file, the annotated workbook and the HTML report.

The clean file is only offered once no error remains; the dialog says why otherwise.
Writing runs off the GUI thread and can be cancelled; afterwards a link opens the
folder the files went to.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.checking.engine import CheckResult
from desktop_app.core.model.progress import Progress
from desktop_app.gui.i18n import translate
from desktop_app.gui.tasks import TaskRunner


def _part(progress: Progress, low: float, high: float) -> Progress:
    """A Progress for one file of several: its 0..1 is low..high of the whole."""
    return Progress(lambda label, f: progress.step(label, low + (high - low) * f))


def write_exports(
    result: CheckResult, plan: dict[str, Path], fmt: str, progress: Progress, written: list[Path]
) -> list[Path]:
    """Write the files planned (clean, annotated, report), in that order, into `written`."""
    from desktop_app.core.output.annotate import write_annotated
    from desktop_app.core.output.export import export_clean
    from desktop_app.core.output.report_html import write_report

    share = 1 / max(1, len(plan))
    for i, (kind, path) in enumerate(plan.items()):
        part = _part(progress, i * share, (i + 1) * share)
        if kind == "clean":
            written.append(export_clean(result, path, fmt=fmt, progress=part))
        elif kind == "annotated":
            written.append(write_annotated(result, path, progress=part))
        else:
            part.step(translate("ExportDialog", "Writing the report"), 0.1)
            written.append(write_report(result, path))
    progress.step(translate("ExportDialog", "Done"), 1.0)
    return written


class _Target(QWidget):
    """A checkbox, the file it writes and a Browse… button."""

    def __init__(self, label: str, path: Path, pattern: str, parent=None) -> None:
        super().__init__(parent)
        self.pattern = pattern
        self.check = QCheckBox(label, self)
        self.path = QLineEdit(str(path), self)
        self.path.setAccessibleName(self.tr("{label}: file name").format(label=label))
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.clicked.connect(self.on_browse)
        self.check.toggled.connect(self.path.setEnabled)
        self.check.toggled.connect(self.browse.setEnabled)

    def on_browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.check.text(), self.path.text(), self.pattern
        )
        if chosen:
            self.path.setText(chosen)

    def chosen(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if self.check.isChecked() and self.check.isEnabled() and text else None


class ExportDialog(QDialog):
    clean_file_written = Signal(Path)

    def __init__(self, result: CheckResult, parent=None) -> None:
        super().__init__(parent)
        from desktop_app.core.output.export import default_export_name

        self.setWindowTitle(self.tr("Export"))
        self.result = result
        self.runner = TaskRunner(
            self,
            progressed=self.on_progress,
            finished=self.on_written,
            failed=self.on_failed,
            cancelled=self.on_cancelled,
        )
        self._written: list[Path] = []
        source = result.table.path.resolve()
        folder = source.parent
        self.clean = _Target(
            self.tr("Clean submission file"), folder / default_export_name(result), "", self
        )
        self.format = QComboBox(self)
        self.format.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        self.format.addItem(self.tr("CSV, UTF-8 (.csv)"), "csv")
        self.format.setAccessibleName(self.tr("Format of the clean file"))
        self.format.currentIndexChanged.connect(self.on_format_changed)
        # A macro workbook's copy keeps its macros (an .xlsx copy could not hold them)
        macros = source.suffix.lower() == ".xlsm"
        self.annotated = _Target(
            self.tr("Annotated copy of the workbook (flagged cells coloured, with comments)"),
            folder / f"{source.stem}_annotated{'.xlsm' if macros else '.xlsx'}",
            self.tr("Excel macro-enabled workbook (*.xlsm)")
            if macros
            else self.tr("Excel workbook (*.xlsx)"),
            self,
        )
        self.report = _Target(
            self.tr("Report (one HTML page)"),
            folder / f"{source.stem}_report.html",
            self.tr("HTML (*.html)"),
            self,
        )
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        if result.passed:
            self.clean.check.setChecked(True)
        else:
            errors = result.error_count
            self.clean.check.setEnabled(False)
            still = (
                self.tr("1 error still to fix.")
                if errors == 1
                else self.tr("{count} errors still to fix.").format(count=errors)
            )
            self.reason.setText(
                " ".join(
                    (
                        self.tr("The clean submission file can be written once no error remains;"),
                        still,
                        self.tr(
                            "The annotated copy and the report can be written now, to pass "
                            "on to whoever fills in the file."
                        ),
                    )
                )
            )
            self.annotated.check.setChecked(True)
        self.on_format_changed()
        for target in (self.clean, self.annotated, self.report):
            target.path.setEnabled(target.check.isChecked())
            target.browse.setEnabled(target.check.isChecked())

        grid = QGridLayout()
        line = 0
        for target in (self.clean, self.annotated, self.report):
            grid.addWidget(target.check, line, 0, 1, 3)
            grid.addWidget(target.path, line + 1, 0, 1, 2)
            grid.addWidget(target.browse, line + 1, 2)
            line += 2
            if target is self.clean:
                formats = QHBoxLayout()
                formats.addWidget(QLabel(self.tr("Format:")))
                formats.addWidget(self.format)
                formats.addStretch(1)
                grid.addLayout(formats, 0, 1, 1, 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(self.reason, line, 0, 1, 3)
                line += 1
            grid.setRowMinimumHeight(line, 10)
            line += 1
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self.on_link)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.on_export)
        self.close_button.clicked.connect(self.on_close_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    def on_format_changed(self) -> None:
        fmt = self.format.currentData()
        path = Path(self.clean.path.text())
        self.clean.path.setText(str(path.with_suffix(f".{fmt}")))
        self.clean.pattern = (
            self.tr("CSV (*.csv)") if fmt == "csv" else self.tr("Excel workbook (*.xlsx)")
        )
        self.format.setEnabled(self.clean.check.isEnabled())

    def plan(self) -> dict[str, Path]:
        chosen = {
            "clean": self.clean.chosen(),
            "annotated": self.annotated.chosen(),
            "report": self.report.chosen(),
        }
        return {kind: path for kind, path in chosen.items() if path is not None}

    def on_export(self) -> None:
        plan = self.plan()
        if not plan:
            self.status.setText(self.tr("Tick at least one file to write."))
            return
        fmt, result, written = self.format.currentData(), self.result, []
        self._written = written
        self.runner.start(lambda progress: write_exports(result, plan, fmt, progress, written))
        self.export_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Writing…"))

    def on_progress(self, label: str, fraction: float) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(label)

    def on_written(self, written: list[Path]) -> None:
        self._finish()
        self.status.setText(self._written_text(written))
        clean = self.plan().get("clean")
        if clean is not None and clean in written:
            self.clean_file_written.emit(clean)

    def on_cancelled(self) -> None:
        self.on_failed(self.tr("Export cancelled; nothing was written."))

    def on_failed(self, sentence: str) -> None:
        self._finish()
        stopped = self.tr("Stopped.")
        text = f"<b>{stopped}</b> {html.escape(sentence)}"
        if self._written:
            text += "<br>" + self._written_text(self._written)
        self.status.setText(text)

    @staticmethod
    def _written_text(written: list[Path]) -> str:
        folder = written[0].parent.resolve()
        names = html.escape(", ".join(p.name for p in written))
        link = html.escape(QUrl.fromLocalFile(str(folder)).toString(), quote=True)
        written_text = translate("ExportDialog", "Written: {files}.").format(files=names)
        open_text = translate("ExportDialog", "Open the folder {folder}").format(
            folder=html.escape(str(folder))
        )
        return f"{written_text}<br><a href='{link}'>{open_text}</a>"

    def _finish(self) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))

    def on_link(self, url: str) -> None:
        QDesktopServices.openUrl(QUrl(url))

    def on_close_clicked(self) -> None:
        if self.runner.running:
            self.runner.cancel()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.accept()

    def reject(self) -> None:  # Escape: cancel the writing first, if any
        if self.runner.running:
            self.runner.cancel()
            return
        super().reject()
