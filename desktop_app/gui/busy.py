"""The status bar's sign of work in progress: what is being done, how far, and Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class BusyIndicator(QWidget):
    cancel_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        self.hide()

    def follow(self, controller) -> None:
        """Show a SessionController's background work; Cancel asks it to stop."""
        controller.work_started.connect(self.on_work_started)
        controller.progressed.connect(self.on_progressed)
        controller.busy_changed.connect(self.on_busy_changed)
        self.cancel_requested.connect(controller.cancel)

    def on_work_started(self, text: str, cancellable: bool) -> None:
        self.label.setText(text)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(cancellable)
        self.show()

    def on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.hide()

    def on_progressed(self, label: str, fraction: float) -> None:
        self.bar.setValue(int(fraction * 1000))
        if self.cancel_button.isEnabled():  # once cancelling, say so until it stops
            self.label.setText(label + "…")

    def on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()
