"""The Global menu: what the global sales team does besides checking one file.

Generate a blank template, compare two schema versions, and consolidate a folder of
submissions. Each entry asks for its files through the standard dialogs and hands
the work to the core; consolidation runs in its own dialog, off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.schema.loading import load_schema
from desktop_app.gui import recent
from desktop_app.gui.consolidate_dialog import ConsolidateDialog
from desktop_app.gui.schema_diff_dialog import SchemaDiffDialog

SCHEMA_FILES = "Schema (*.yaml *.yml)"
WORKBOOK = "Workbook (*.xlsx)"


class GlobalMenu(QObject):
    """The menu and its slots; the window is the parent of every dialog it opens."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.consolidation_workers: int | None = None  # None: the core's choice
        self.menu = QMenu(self.tr("&Global"), window)
        self.generate_template = self._add(
            self.tr("Generate &template…"), self.on_generate_template
        )
        self.compare_schemas = self._add(self.tr("&Compare schemas…"), self.on_compare_schemas)
        self.menu.addSeparator()
        self.consolidate = self._add(self.tr("C&onsolidate folder…"), self.on_consolidate)

    def _add(self, text: str, slot) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    # ------------------------------------------------------------ template

    def on_generate_template(self) -> None:
        from desktop_app.core.output.template import template_file_name, write_template

        window, schema = self._window, self._window.schema
        anyone = self.tr("Any subsidiary (no language or currency of its own)")
        choices = [anyone, *schema.model.subsidiaries]
        choice, ok = QInputDialog.getItem(
            window,
            self.tr("Generate template"),
            self.tr("Make the blank template for which subsidiary?"),
            choices,
            0,
            False,
        )
        if not ok:
            return
        subsidiary = None if choice == anyone else choice
        suggested = str(Path(recent.last_folder()) / template_file_name(schema, subsidiary))
        target, _ = QFileDialog.getSaveFileName(
            window, self.tr("Save the blank template as"), suggested, WORKBOOK
        )
        if not target:
            return
        try:
            path = write_template(schema, target, subsidiary)
        except (ProblemForUser, OSError) as exc:
            window.show_problem(_sentence(exc))
            return
        self._tell(
            self.tr("The blank template ({schema}) was written to {path}.").format(
                schema=f"{schema.id} {schema.version}", path=path
            )
        )

    # ------------------------------------------------------------ schemas

    def on_compare_schemas(self) -> None:
        window = self._window
        in_use = self.tr("The schema in use ({schema}) with a schema file").format(
            schema=f"{window.schema.id} {window.schema.version}"
        )
        two_files = self.tr("Two schema files")
        choice, ok = QInputDialog.getItem(
            window,
            self.tr("Compare schemas"),
            self.tr("Compare what?"),
            [in_use, two_files],
            0,
            False,
        )
        if not ok:
            return
        if choice == in_use:
            old = window.schema
        else:
            old = self._pick_schema(self.tr("The older schema"))
            if old is None:
                return
        new = self._pick_schema(
            self.tr("The newer schema") if choice == two_files else self.tr("Compare with")
        )
        if new is None:
            return
        dialog = SchemaDiffDialog(old, new, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _pick_schema(self, title: str):
        path, _ = QFileDialog.getOpenFileName(self._window, title, "", SCHEMA_FILES)
        if not path:
            return None
        try:
            return load_schema(path)
        except ProblemForUser as exc:
            self._window.show_problem(str(exc))
            return None

    # ------------------------------------------------------------ consolidation

    def on_consolidate(self) -> None:
        window = self._window
        folder = QFileDialog.getExistingDirectory(
            window, self.tr("The folder of submissions to consolidate"), recent.last_folder()
        )
        if not folder:
            return
        schema = window.schema
        suggested = str(Path(folder) / f"consolidated_{schema.id}_{schema.version}.xlsx")
        target, _ = QFileDialog.getSaveFileName(
            window, self.tr("Save the consolidated workbook as"), suggested, WORKBOOK
        )
        if not target:
            return
        dialog = ConsolidateDialog(folder, target, schema, window, self.consolidation_workers)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start()

    # ------------------------------------------------------------ telling

    def _tell(self, sentence: str) -> None:
        """Say where a file went, without stopping the window (no nested event loop)."""
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Template Checker"), sentence, parent=self._window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._window.statusBar().showMessage(sentence, 8000)


def _sentence(exc: Exception) -> str:
    from desktop_app.core.model.errors import describe_error

    return describe_error(exc)[0]
