"""The banners: the verdict (at a glance, whether the file can be sent, and what it is) and
the notice that the global team's new schema is now in use."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from desktop_app.gui.i18n import translate
from desktop_app.gui.style import mark_icon, tint


def verdict_text(summary: dict) -> tuple[str, str]:
    """(headline, kind): "Ready to submit" or "14 errors to fix, 3 warnings"."""
    errors, warnings = summary["errors"], summary["warnings"]
    if errors:
        if errors == 1:
            text = translate("VerdictBanner", "1 error to fix")
        else:
            text = translate("VerdictBanner", "{count} errors to fix").format(count=errors)
        if warnings == 1:
            text += translate("VerdictBanner", ", 1 warning")
        elif warnings:
            text += translate("VerdictBanner", ", {count} warnings").format(count=warnings)
        return text, "error"
    if warnings == 1:
        return translate("VerdictBanner", "Ready to submit, with 1 warning"), "warning"
    if warnings:
        text = translate("VerdictBanner", "Ready to submit, with {count} warnings")
        return text.format(count=warnings), "warning"
    return translate("VerdictBanner", "Ready to submit"), "pass"


class VerdictBanner(QFrame):
    export_requested = Signal()
    change_matching_requested = Signal()  # "change" the matching a file was read with

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kind = "pass"
        self.icon = QLabel(self)
        self.headline = QLabel(self)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setAccessibleName(self.tr("Verdict"))
        self.details = QLabel(self)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.matching_note = QLabel(self)  # a file not in the template's layout: how read
        self.matching_note.linkActivated.connect(self.change_matching_requested)
        self.matching_note.hide()
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(
            self.tr("Write the clean submission file, an annotated copy or a report")
        )
        self.export_button.clicked.connect(self.export_requested)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline)
        text.addWidget(self.details)
        text.addWidget(self.matching_note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.icon)
        layout.addSpacing(6)
        layout.addLayout(text, 1)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def follow(self, controller) -> None:
        """Judge the session of a SessionController after every check and edit."""
        self._controller = controller
        controller.checked.connect(self.on_findings_changed)
        controller.changed.connect(self.on_findings_changed)
        controller.busy_changed.connect(self.on_busy_changed)

    def on_busy_changed(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)  # the findings are not final yet

    def on_findings_changed(self, _what=None) -> None:
        session = self._controller.session
        self.show_verdict(session.result.summary, self.details_text(session))
        self.show_matching(session.result.matched_with)

    def show_matching(self, used) -> None:
        """Which matching a file not in the template's layout was read with."""
        self.matching_note.setVisible(used is not None)
        if used is None:
            return
        if used.origin == "kept":
            text = self.tr("Read with your saved matching")
        elif used.origin == "shipped":
            text = self.tr("Read with the global team's matching for this subsidiary")
        else:
            text = self.tr("Read with the matching you chose")
        change = self.tr("change")
        self.matching_note.setText(f'{text} — <a href="change">{change}</a>')

    def details_text(self, session) -> str:
        """What the file is: its name, subsidiary, period, size, schema and changes made."""
        result = session.result
        rows = len(result.rows)
        parts = [
            session.table.path.name,
            result.subsidiary or self.tr("subsidiary unknown"),
            result.period.label if result.period else self.tr("period unknown"),
            self.tr("1 opportunity")
            if rows == 1
            else self.tr("{count} opportunities").format(count=f"{rows:,}"),
            self.tr("checked against {schema}").format(
                schema=f"{session.schema.id} {session.schema.version}"
            ),
        ]
        if session.edits:
            count = len(session.edits)
            parts.append(
                self.tr("1 change made here")
                if count == 1
                else self.tr("{count} changes made here").format(count=count)
            )
        return "  ·  ".join(parts)

    def show_verdict(self, summary: dict, details: str) -> None:
        headline, self._kind = verdict_text(summary)
        self.headline.setText(headline)
        self.details.setText(details)
        size = self.headline.sizeHint().height()
        self.icon.setPixmap(mark_icon(self._kind).pixmap(size, size))
        self.update()

    def paintEvent(self, event) -> None:
        paint_tinted(self, self._kind)
        super().paintEvent(event)


def paint_tinted(widget: QFrame, kind: str) -> None:
    """A banner's background: the palette's base under a rounded tint of kind's colour."""
    painter = QPainter(widget)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(widget.palette().color(QPalette.ColorRole.Base))
    rect = widget.rect().adjusted(1, 1, -1, -1)
    painter.drawRoundedRect(rect, 8, 8)
    painter.setBrush(tint(kind, 0.55))
    painter.drawRoundedRect(rect, 8, 8)
    painter.end()


class SchemaNotice(QFrame):
    """ "The global team's schema 2026.3 is now in use — 3 changes": the changes on click.
    Above whatever the window shows, until the person closes it."""

    changes_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.linkActivated.connect(lambda _link: self.changes_requested.emit())
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide this notice"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.text = ""  # what the notice says, as plain text
        self.hide()

    def show_update(self, version: str, count: int) -> None:
        """A newer version of the global team's schema is in use; count: changes in it."""
        head = self.tr("The global team's schema {version} is now in use").format(version=version)
        changes = (
            self.tr("1 change") if count == 1 else self.tr("{count} changes").format(count=count)
        )
        self.text = f"{head} — {changes}"
        self.label.setText(f'{html.escape(head)} — <a href="changes">{html.escape(changes)}</a>')
        self.label.setToolTip(self.tr("Click to see what changed"))
        self.show()

    def paintEvent(self, event) -> None:
        paint_tinted(self, "fixed")
        super().paintEvent(event)
