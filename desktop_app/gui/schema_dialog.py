"""File > "Check against another schema…": the versions the program keeps, the one in use
marked, or another schema file, checked against once or kept with the others.

Keeping goes through the core's import, which refuses what it must (an invalid file, an
unsigned one once a key is trusted); the refusal is one sentence in the dialog itself,
and the person may still check against the file once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
)

from desktop_app.core.model.errors import describe_error
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.signing import signed_by_trusted_key
from desktop_app.core.schema.store import (
    SchemaEntry,
    import_schema,
    load_signed,
    schema_entries,
    with_kept_versions,
)

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class SchemaChoiceDialog(QDialog):
    """On accept, `chosen` is the schema to check against (knowing the kept versions) and
    `kept` the entry of a file just kept (None when none was)."""

    def __init__(self, in_use: TemplateSchema, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check against another schema"))
        self.resize(560, 380)
        self.chosen: TemplateSchema | None = None
        self.kept: SchemaEntry | None = None
        question = QLabel(self.tr("Which schema should files be checked against?"), self)
        self.versions = QListWidget(self)
        self.versions.itemDoubleClicked.connect(lambda _item: self.accept())
        self._fill(in_use)
        self.note = QLabel(self)  # why a file could not be used or kept, calmly
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.check_button = buttons.addButton(
            self.tr("Check against this version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.file_button = buttons.addButton(
            self.tr("Another file…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.file_button.clicked.connect(self.on_another_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.versions, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def _fill(self, in_use: TemplateSchema) -> None:
        """The kept versions, newest first; the one in use marked and chosen."""
        for entry in reversed(schema_entries()):
            marks = []
            current = (entry.id, entry.version) == (in_use.id, in_use.version)
            if current:
                marks.append(self.tr("in use"))
            if entry.path is None:
                marks.append(self.tr("bundled with the program"))
            elif not signed_by_trusted_key(entry.path):
                marks.append(self.tr("unsigned"))
            text = f"{entry.id} {entry.version}"
            if marks:
                text += f"  ({', '.join(marks)})"
            item = QListWidgetItem(text, self.versions)
            item.setData(ENTRY_ROLE, entry)
            item.setToolTip(str(entry.path) if entry.path else self.tr("bundled with the program"))
            if current:
                self.versions.setCurrentItem(item)
        if self.versions.currentItem() is None and self.versions.count():
            self.versions.setCurrentRow(0)

    def entries(self) -> list[str]:
        """The versions listed, as shown."""
        return [self.versions.item(i).text() for i in range(self.versions.count())]

    def accept(self) -> None:
        """The version chosen in the list (or a file already chosen) is the one."""
        if self.chosen is None:
            item = self.versions.currentItem()
            if item is None:
                return
            if not self._use(lambda: item.data(ENTRY_ROLE).load()):
                return
        super().accept()

    def on_another_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Schema file"), "", self.tr("Schema (*.yaml *.yml)")
        )
        if not path:
            return
        how = self.ask_how(Path(path).name)
        if how == "once":
            used = self._use(lambda: load_signed(path))
        elif how == "keep":
            used = self._use(lambda: self._keep(Path(path)))
            if not used:  # not kept; it may still be tried
                once = self.tr("You can still check against it just this once.")
                self.note.setText(f"{self.note.text()} {once}")
        else:
            return
        if used:
            super().accept()

    def _keep(self, path: Path) -> TemplateSchema:
        entry, _new = import_schema(path)
        schema = entry.load()
        self.kept = entry
        return schema

    def _use(self, load) -> bool:
        """chosen = load(); a file that cannot be used or kept is said in the dialog."""
        try:
            self.chosen = with_kept_versions(load())
        except Exception as exc:  # every refusal is one sentence for the person
            self.note.setText(describe_error(exc)[0])
            self.note.show()
            return False
        self.note.hide()
        return True

    def ask_how(self, file: str) -> str | None:
        """ "once" (check against the file this time), "keep" (keep it with the versions),
        or None (the person changed their mind)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Another schema"),
            self.tr(
                "Check against {file} just this once, or keep it with the schema versions "
                "the program keeps?"
            ).format(file=file),
            parent=self,
        )
        once = box.addButton(self.tr("Just this once"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return {once: "once", keep: "keep"}.get(box.clickedButton())
