"""What changed between two schema versions, in the plain words of the core's diff."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.diff import diff_schemas


class SchemaDiffDialog(QDialog):
    def __init__(self, old: TemplateSchema, new: TemplateSchema, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare schemas"))
        self.resize(720, 520)
        self.changes = diff_schemas(old, new)
        versions = {"old": f"{old.id} {old.version}", "new": f"{new.id} {new.version}"}
        if self.changes:
            head = self.tr("From {old} to {new}, changes: {count}.")
        else:
            head = self.tr("From {old} to {new}: no changes.")
        head = head.format(**versions, count=len(self.changes))
        self.headline = QLabel(f"<b>{html.escape(head)}</b>", self)
        self.headline.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setHtml(self._changes_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def _changes_html(self) -> str:
        """The changes under a heading per area (columns, process, ...), in the core's order."""
        parts: list[str] = []
        area = None
        for change in self.changes:
            if change.area != area:
                if area is not None:
                    parts.append("</ul>")
                area = change.area
                parts.append(f"<h4>{html.escape(area.capitalize())}</h4><ul>")
            parts.append(f"<li>{html.escape(change.text)}</li>")
        if area is not None:
            parts.append("</ul>")
        return "".join(parts)
