"""The status bar's sign of work in progress: what is being done, how far, and Cancel.

Progress is shown at most every PROGRESS_INTERVAL_MS: a progress bar repaints itself at
once (and with it whatever else in the window waits to be painted), so a report per step
of the work held the window for tens of milliseconds each.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

PROGRESS_INTERVAL_MS = 100


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
        self._progress: tuple[str, float] | None = None  # the latest report, not shown yet
        self._timer = QTimer(self, singleShot=True, interval=PROGRESS_INTERVAL_MS)
        self._timer.timeout.connect(self.show_progress)
        self.hide()

    def follow(self, controller) -> None:
        """Show a SessionController's background work; Cancel asks it to stop."""
        controller.work_started.connect(self.on_work_started)
        controller.progressed.connect(self.on_progressed)
        controller.busy_changed.connect(self.on_busy_changed)
        self.cancel_requested.connect(controller.cancel)

    def on_work_started(self, text: str, cancellable: bool) -> None:
        self._timer.stop()
        self._progress = None
        self.label.setText(text)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(cancellable)
        self.show()

    def on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self._timer.stop()
            self._progress = None
            self.hide()

    def on_progressed(self, label: str, fraction: float) -> None:
        """Show a report a moment later, with the reports after it (the latest only)."""
        self._progress = (label, fraction)
        if not self._timer.isActive():
            self._timer.start()

    def show_progress(self) -> None:
        if self._progress is None:
            return
        (label, fraction), self._progress = self._progress, None
        value = int(fraction * 1000)
        if value != self.bar.value():
            self.bar.setValue(value)
        if self.cancel_button.isEnabled():  # once cancelling, say so until it stops
            text = label + "…"
            if text != self.label.text():
                self.label.setText(text)

    def on_cancel_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()
