"""What the window shows before a file is open: how to start, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    open_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel("Check your pipeline file before you send it")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            "Drop the filled-in workbook (.xlsx or .csv) anywhere on this window, or open it. "
            "Template Checker shows what does not follow the global template, helps you fix "
            "it, and writes the clean file to submit. Your file itself is never changed."
        )
        hint.setWordWrap(True)
        hint.setMaximumWidth(560)
        self.open_button = QPushButton("Open a file…")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self._recent_box = QVBoxLayout()
        self._recent_title = QLabel("<b>Recent files</b>")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, hint, self.open_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(self._recent_title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self._recent_box)
        layout.addStretch(3)

    def set_recent(self, files: list[str]) -> None:
        while self._recent_box.count():
            self._recent_box.takeAt(0).widget().deleteLater()
        for file in files[:5]:
            button = QPushButton(Path(file).name)
            button.setFlat(True)
            button.setToolTip(file)
            button.clicked.connect(lambda _checked=False, f=file: self.recent_chosen.emit(f))
            self._recent_box.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._recent_title.setVisible(bool(files))
