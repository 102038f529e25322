"""The window's menus and their keyboard shortcuts, wired to the window's slots."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from desktop_app.gui import recent
from desktop_app.gui.global_menu import GlobalMenu
from desktop_app.gui.help_panel import show_about
from desktop_app.gui.i18n import add_language_menu, translate


class WindowActions:
    """The actions of the menu bar; the window enables them as its state allows."""

    def __init__(self, window) -> None:
        self._window = window
        bar = window.menuBar()
        file = bar.addMenu(translate("WindowActions", "&File"))
        self.open = self._add(
            file,
            translate("WindowActions", "&Open…"),
            window.on_open,
            QKeySequence.StandardKey.Open,
        )
        self.recent = file.addMenu(translate("WindowActions", "Open &recent"))
        self.recent.aboutToShow.connect(lambda: recent.fill_menu(self.recent, window.open_file))
        self.export = self._add(
            file, translate("WindowActions", "&Export…"), window.on_export, "Ctrl+E"
        )
        self.fixed_copy = self._add(
            file,
            translate("WindowActions", "Save a &fixed copy of my workbook…"),
            window.on_save_fixed_copy,
            "Ctrl+Shift+S",
        )
        file.addSeparator()
        self.schema = self._add(
            file,
            translate("WindowActions", "Check against another &schema…"),
            window.on_load_schema,
        )
        file.addSeparator()
        self._add(
            file, translate("WindowActions", "&Quit"), window.close, QKeySequence.StandardKey.Quit
        )

        edit = bar.addMenu(translate("WindowActions", "&Edit"))
        self.undo = window.undo.createUndoAction(window, translate("WindowActions", "&Undo"))
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = window.undo.createRedoAction(window, translate("WindowActions", "&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        self.apply = self._add(
            edit,
            translate("WindowActions", "Apply &suggestion"),
            lambda: window.on_apply_suggestion(False),
            "Ctrl+Return",
        )
        self.apply_all = self._add(
            edit,
            translate("WindowActions", "Apply to &all alike"),
            lambda: window.on_apply_suggestion(True),
            "Ctrl+Shift+Return",
        )
        edit.addSeparator()
        workspace = window.workspace
        self._add(
            edit, translate("WindowActions", "&Next problem"), lambda: workspace.step(1), "F8"
        )
        self._add(
            edit,
            translate("WindowActions", "&Previous problem"),
            lambda: workspace.step(-1),
            "Shift+F8",
        )
        self._add(
            edit,
            translate("WindowActions", "&Find in the sheet"),
            window.on_find,
            QKeySequence.StandardKey.Find,
        )

        view = bar.addMenu(translate("WindowActions", "&View"))
        flagged = workspace.sheet.flagged_only
        self.flagged_only = self._add(
            view,
            translate("WindowActions", "&Only flagged rows"),
            flagged.setChecked,
            "Ctrl+Shift+F",
        )
        self.flagged_only.setCheckable(True)
        flagged.toggled.connect(self.flagged_only.setChecked)
        view.addSeparator()
        add_language_menu(view, window)

        self.global_team = GlobalMenu(window)
        bar.addMenu(self.global_team.menu)

        help_menu = bar.addMenu(translate("WindowActions", "&Help"))
        rules = window.help.toggleViewAction()
        rules.setText(translate("WindowActions", "The &rules explained"))
        rules.setShortcut(QKeySequence.StandardKey.HelpContents)
        help_menu.addAction(rules)
        self._add(
            help_menu,
            translate("WindowActions", "&About Template Checker"),
            lambda: show_about(window, window.schema),
        )

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action
