"""The window's menus and their keyboard shortcuts, wired to the window's slots."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from desktop_app.gui import recent
from desktop_app.gui.help_panel import show_about


class WindowActions:
    """The actions of the menu bar; the window enables them as its state allows."""

    def __init__(self, window) -> None:
        self._window = window
        bar = window.menuBar()
        file = bar.addMenu("&File")
        self.open = self._add(file, "&Open…", window.on_open, QKeySequence.StandardKey.Open)
        self.recent = file.addMenu("Open &recent")
        self.recent.aboutToShow.connect(lambda: recent.fill_menu(self.recent, window.open_file))
        self.export = self._add(file, "&Export…", window.on_export, "Ctrl+E")
        file.addSeparator()
        self.schema = self._add(file, "Check against another &schema…", window.on_load_schema)
        file.addSeparator()
        self._add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        self.undo = window.undo.createUndoAction(window, "&Undo")
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = window.undo.createRedoAction(window, "&Redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        self.apply = self._add(
            edit, "Apply &suggestion", lambda: window.on_apply_suggestion(False), "Ctrl+Return"
        )
        self.apply_all = self._add(
            edit,
            "Apply to &all alike",
            lambda: window.on_apply_suggestion(True),
            "Ctrl+Shift+Return",
        )
        edit.addSeparator()
        workspace = window.workspace
        self._add(edit, "&Next problem", lambda: workspace.step(1), "F8")
        self._add(edit, "&Previous problem", lambda: workspace.step(-1), "Shift+F8")
        self._add(edit, "&Find in the sheet", window.on_find, QKeySequence.StandardKey.Find)

        view = bar.addMenu("&View")
        flagged = workspace.sheet.flagged_only
        self.flagged_only = self._add(
            view, "&Only flagged rows", flagged.setChecked, "Ctrl+Shift+F"
        )
        self.flagged_only.setCheckable(True)
        flagged.toggled.connect(self.flagged_only.setChecked)

        help_menu = bar.addMenu("&Help")
        rules = window.help.toggleViewAction()
        rules.setText("The &rules explained")
        rules.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(rules)
        self._add(help_menu, "&About Template Checker", lambda: show_about(window, window.schema))

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action
