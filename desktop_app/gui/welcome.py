"""What the window shows before a file is open: how to start, the sample to try, what
the nine rules check, and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.gui.icon import app_icon

ICON_SIZE = 72
TEXT_WIDTH = 600


def _fit(label: QLabel) -> None:
    """Give a wrapped label its width and full height: centred in a layout, Qt would
    shrink it to its narrowest and cut its lines off."""
    label.setFixedWidth(TEXT_WIDTH)
    label.setMinimumHeight(label.heightForWidth(TEXT_WIDTH))


class WelcomePage(QWidget):
    open_requested = Signal()
    recent_chosen = Signal(str)
    sample_requested = Signal()  # open the bundled sample that has problems
    help_requested = Signal()  # show the Help panel (the rules explained)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Check your pipeline file before you send it"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(
            self.tr(
                "Drop the filled-in workbook (.xlsx or .csv) anywhere on this window, or open "
                "it. Template Checker shows what does not follow the global template, helps you "
                "fix it, and writes the clean file to submit. Your file itself is never changed."
            )
        )
        hint.setWordWrap(True)
        _fit(hint)
        self.open_button = QPushButton(self.tr("Open a file…"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button = QPushButton(self.tr("Try the sample"))
        self.sample_button.setToolTip(
            self.tr("Open a sample pipeline file with typical problems, to see how it works")
        )
        self.sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        self.rules = QLabel(self._rules_html())
        self.rules.setWordWrap(True)
        _fit(self.rules)
        self.rules.linkActivated.connect(lambda _link: self.help_requested.emit())
        self._recent_box = QVBoxLayout()
        self._recent_title = QLabel("<b>{}</b>".format(self.tr("Recent files")))
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (icon, title, hint):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addSpacing(16)
        layout.addWidget(self.rules, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(self._recent_title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(self._recent_box)
        layout.addStretch(3)

    def _rules_html(self) -> str:
        rules = [
            self.tr("<b>DQ1 Template structure:</b> the sheets, headers and Info are as the template has them"),
            self.tr("<b>DQ2 Completeness:</b> every required cell is filled in"),
            self.tr("<b>DQ3 Types and formats:</b> numbers and dates read as numbers and dates"),
            self.tr("<b>DQ4 Allowed values:</b> stages, countries, currencies come from the template's lists"),
            self.tr("<b>DQ5 Ranges and plausibility:</b> probabilities, amounts and dates are within limits"),
            self.tr("<b>DQ6 Uniqueness:</b> each opportunity is reported once"),
            self.tr("<b>DQ7 Sales-process consistency:</b> probability and forecast category fit the stage"),
            self.tr("<b>DQ8 KPI definitions and currency:</b> full amounts in an allowed currency, EUR at the schema's rate"),
            self.tr("<b>DQ9 Ownership and international accounts:</b> your rows are your subsidiary's, global accounts marked"),
        ]  # fmt: skip
        items = "".join(f"<li>{rule}</li>" for rule in rules)
        return (
            self.tr("<b>What the nine rules check</b>")
            + f"<ul style='margin-left: 0px'>{items}</ul>"
            + "<a href='help'>"
            + self.tr("The rules explained, with examples (F1)")
            + "</a>"
        )

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
