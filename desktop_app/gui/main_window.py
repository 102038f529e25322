"""The main window: opening files, the menus, restoring edits, and closing safely.

The file being worked on belongs to a SessionController (reading and checking off the
GUI thread, edits, undo, the journal); what is shown of it lives in Workspace, whose
panels follow the controller. This class wires the actions to both and asks the person
what only they can answer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.bundled import data_folder
from desktop_app.core.model.edits import Edit
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.store import schema_for, with_kept_versions
from desktop_app.core.session.journal import EditJournal
from desktop_app.core.session.working import WorkingSession
from desktop_app.gui import recent
from desktop_app.gui.banner import SchemaNotice
from desktop_app.gui.busy import BusyIndicator
from desktop_app.gui.export_dialog import ExportDialog
from desktop_app.gui.fixed_copy import ask_fixed_copy_path
from desktop_app.gui.help_panel import HelpPanel
from desktop_app.gui.match_page import MatchColumnsPage
from desktop_app.gui.menus import WindowActions
from desktop_app.gui.schema_channel import ChannelWatch
from desktop_app.gui.schema_dialog import SchemaChoiceDialog
from desktop_app.gui.session_controller import SessionController
from desktop_app.gui.welcome import WelcomePage
from desktop_app.gui.workspace import Workspace

OPENABLE = QT_TRANSLATE_NOOP("MainWindow", "Workbooks (*.xlsx *.xlsm *.csv *.txt);;All files (*)")
SAMPLE_WITH_PROBLEMS = Path(
    str(data_folder("resources") / "samples/SE01_2026-Q4_pipeline_with_problems.xlsx")
)


class MainWindow(QMainWindow):
    check_finished = Signal()  # a file was read and checked and is on screen
    task_failed = Signal(str)  # the sentence shown to the person
    matching_shown = Signal()  # a file not in the template's layout: its matching on screen

    def __init__(self, journal: EditJournal, schema: TemplateSchema | None = None) -> None:
        """schema: check against it (a draft) rather than the version in use, the newest
        trusted one the program keeps, which the global team's channel may bring."""
        super().__init__()
        self.journal = journal
        self.schema = with_kept_versions(schema) if schema else schema_for(None)
        self.controller = SessionController(journal, self)
        self.undo = self.controller.undo_stack
        self.undo.cleanChanged.connect(self.on_clean_changed)
        self._restore: list[Edit] | None = None  # edits to put back once the file is checked
        # Opening a file: "reading" it, "opened" (shown, not yet restored onto), "restoring"
        # (edits put back; a full re-check may follow), then None once it is on screen.
        self._opening: str | None = None
        self.setWindowTitle("Template Checker")
        self.setAcceptDrops(True)
        self.welcome = WelcomePage(self)
        self.welcome.open_requested.connect(self.on_open)
        self.welcome.recent_chosen.connect(self.open_file)
        self.welcome.sample_requested.connect(self.on_open_sample)
        self.workspace = Workspace(self.controller, self)  # its panels hear the controller first
        self.workspace.export_requested.connect(self.on_export)
        self.workspace.banner.change_matching_requested.connect(self.on_change_matching)
        self.match_page = MatchColumnsPage(self)
        self.match_page.check_requested.connect(self.on_check_with_matching)
        self.match_page.cancel_requested.connect(self.on_matching_cancelled)
        self.match_page.matching_kept.connect(self.on_matching_kept)
        controller = self.controller
        controller.opened.connect(self.on_opened)
        controller.matching_proposed.connect(self.on_matching_proposed)
        controller.checked.connect(self.on_checked)
        controller.failed.connect(self.on_task_failed)
        controller.cancelled.connect(self.on_task_cancelled)
        controller.busy_changed.connect(self._update_actions)
        controller.journal_failed.connect(self.on_journal_failed)
        controller.fixed_copy_saved.connect(self.on_fixed_copy_saved)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.pages.addWidget(self.match_page)
        self.notice = SchemaNotice(self)  # the global team's new schema, above every page
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.channel = ChannelWatch(self, pinned=schema is not None)
        self.help = HelpPanel(self.schema, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.help)
        self.resizeDocks([self.help], [440], Qt.Orientation.Horizontal)
        self.help.hide()
        self.welcome.help_requested.connect(self.help.show)
        self._build_status_bar()
        self._build_menus()
        self._restore_settings()
        self._show_schema()
        self.channel.look()

    # ------------------------------------------------------------ building

    def _build_status_bar(self) -> None:
        self.busy = BusyIndicator(self)
        self.busy.follow(self.controller)
        self.statusBar().addWidget(self.busy)
        self.statusBar().addPermanentWidget(self.channel.label)  # quiet: the channel
        self.schema_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.schema_label)

    def idle(self) -> bool:
        """No file being read, checked or restored: the schema may change now."""
        return not self.controller.busy and self._opening is None

    def settled(self) -> bool:
        """Idle, and nothing from the global team's channel on its way."""
        return self.idle() and not self.channel.busy

    def _build_menus(self) -> None:
        self.actions = WindowActions(self)
        for view in (self.workspace.sheet.view, self.workspace.findings.view):
            view.addActions([self.actions.apply, self.actions.apply_all])
        # After the undo actions' own connections, so that busy keeps them disabled.
        self.undo.canUndoChanged.connect(self._update_actions)
        self.undo.canRedoChanged.connect(self._update_actions)
        self._update_actions()

    @property
    def session(self) -> WorkingSession | None:
        return self.controller.session

    def _update_actions(self, *_args) -> None:
        """While a file is read or checked in full, the one on screen stays as it is: no
        edits, no export; while another file is read, its panels wait altogether."""
        idle = not self.controller.busy
        loaded = self.session is not None and idle
        a = self.actions
        for action in (a.export, a.fixed_copy, a.apply, a.apply_all):
            action.setEnabled(loaded)
        for action in (a.open, a.schema, a.recent.menuAction()):
            action.setEnabled(idle)
        a.undo.setEnabled(idle and self.undo.canUndo())
        a.redo.setEnabled(idle and self.undo.canRedo())
        self.workspace.setEnabled(self._opening != "reading")

    # ------------------------------------------------------------ opening

    def on_open(self) -> None:
        folder = recent.last_folder()
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a pipeline workbook"),
            folder,
            self.tr(OPENABLE),
        )
        if path:
            self.open_file(path)

    def on_open_sample(self) -> None:
        """The bundled sample with problems: read like any file, never changed."""
        self.open_file(SAMPLE_WITH_PROBLEMS)

    def open_file(
        self,
        path: str | Path,
        restore: list[Edit] | None = None,
        *,
        ask: bool = True,
        schema: TemplateSchema | None = None,
    ) -> None:
        """Read and check a file off the GUI thread; restore: edits to put back afterwards;
        schema: another schema, in use from then on if the file can be checked with it."""
        if self.controller.busy:
            self.statusBar().showMessage(
                self.tr("Still opening a file; wait, or cancel it first."), 5000
            )
            return
        if ask and not self.may_discard_edits():
            return
        self._restore = restore
        self._opening = "reading"
        if schema is None:  # a re-check against a given schema needs no look
            self.channel.look()
        self.controller.open(path, schema or self.schema)

    def on_opened(self, session: WorkingSession) -> None:
        """A file was read and checked: show it (its panels already do)."""
        self._opening = "opened"
        path = session.table.path
        if session.schema is not self.schema:
            self.use_schema(session.schema)
        self.pages.setCurrentWidget(self.workspace)
        self.setWindowTitle(f"{path.name}[*] – Template Checker")
        self.welcome.set_recent(recent.remember(path))
        self._update_actions()

    # ------------------------------------------------------------ matching columns

    def on_matching_proposed(self, confirm) -> None:
        """A file not in the template's layout: the person confirms its matching first."""
        self._opening = None
        self.match_page.show_proposal(confirm, self.schema)
        self.pages.setCurrentWidget(self.match_page)
        self.setWindowTitle(f"{confirm.path.name} – Template Checker")
        self._update_actions()
        self.matching_shown.emit()

    def on_check_with_matching(self, matched, subsidiary) -> None:
        if self.controller.check_with(matched, self.schema, subsidiary):
            self._opening = "reading"
            self._update_actions()

    def on_matching_cancelled(self) -> None:
        self._restore = None
        self.pages.setCurrentWidget(self.workspace if self.session else self.welcome)
        name = self.session.table.path.name if self.session else None
        self.setWindowTitle(f"{name}[*] – Template Checker" if name else "Template Checker")

    def on_matching_kept(self, subsidiary: str) -> None:
        self.statusBar().showMessage(
            self.tr(
                "The matching is kept for {subsidiary}: its next file opens without questions."
            ).format(subsidiary=subsidiary),
            8000,
        )

    def on_change_matching(self) -> None:
        """The banner's "change": the matching the file was read with, on its page again."""
        session = self.session
        used = session.result.matched_with if session else None
        if used is None or self.controller.busy or not self.may_discard_edits():
            return
        self.controller.change_matching(used.matched, self.schema, session.result.subsidiary)

    def on_checked(self, _result) -> None:
        """A full check is on screen: a file just opened gets its earlier edits back, and is
        announced once they are checked too."""
        if self._opening == "opened":
            self._opening = "restoring"
            self._restore_edits(self.session)
        if self._opening == "restoring" and not self.controller.busy:
            self._opening = None
            name = self.session.table.path.name
            self.statusBar().showMessage(self.tr("Checked {file}").format(file=name), 5000)
            self.check_finished.emit()

    def _restore_edits(self, session: WorkingSession) -> None:
        """Put back the edits asked for, or those the journal kept (if the person wants)."""
        path = session.table.path
        restore, self._restore = self._restore, None
        if restore is None:
            restore = self._journal_edits_for(path)
        if restore and session.fits(restore):
            text = self.tr("Restore {count} changes").format(count=len(restore))
            self.controller.push(restore, text)
        elif restore:
            self.show_problem(
                self.tr("{file} has changed since; the earlier changes were not restored.").format(
                    file=path.name
                )
            )

    def on_task_failed(self, sentence: str) -> None:
        self._opening = None
        self._restore = None
        self._update_actions()
        self.show_problem(sentence)
        self.task_failed.emit(sentence)

    def on_task_cancelled(self) -> None:
        self._opening = None
        self._update_actions()
        self.statusBar().showMessage(self.tr("Cancelled; nothing was changed."), 5000)

    def show_problem(self, sentence: str) -> None:
        """Tell the person what went wrong, without stopping the window (no nested loop)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Template Checker", sentence, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def ask(self, title: str, text: str, choices: list[str]) -> str | None:
        """A question with named answers; returns the one chosen (None: closed)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        buttons = {box.addButton(c, QMessageBox.ButtonRole.ActionRole): c for c in choices}
        box.exec()
        return buttons.get(box.clickedButton())

    # ------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    # ------------------------------------------------------------ editing

    def on_apply_suggestion(self, all_alike: bool) -> None:
        finding = self.workspace.chosen_finding()
        if finding is None or not self.session.can_apply(finding):
            self.statusBar().showMessage(self.tr("This cell has no suggestion to apply."), 5000)
            return
        edits = self.controller.suggestion_edits(finding, all_alike)
        self.controller.push(
            edits,
            self.tr("Apply {count} suggestions").format(count=len(edits)) if all_alike else None,
        )

    def on_journal_failed(self, reason: str) -> None:
        self.statusBar().showMessage(
            self.tr("Changes could not be saved for recovery: {reason}").format(reason=reason),
            8000,
        )

    def _journal_edits_for(self, path: Path) -> list[Edit] | None:
        entry = self.journal.load(path)
        if entry is None:
            return None
        if not entry.file_unchanged:
            self.journal.discard(path)
            return None
        restore, discard = self.tr("Restore"), self.tr("Discard")
        answer = self.ask(
            self.tr("Restore changes?"),
            self.tr(
                "You made {count} changes to {file} on {date} at {time} that were not "
                "exported. Restore them?"
            ).format(
                count=len(entry.edits),
                file=path.name,
                date=f"{entry.saved_at:%Y-%m-%d}",
                time=f"{entry.saved_at:%H:%M}",
            ),
            [restore, discard],
        )
        if answer != restore:
            self.journal.discard(path)
            return None
        return entry.edits

    def offer_restore(self) -> None:
        """At start: offer the changes a crash (or "keep for next time") left behind."""
        for entry in self.journal.pending():
            if entry.file_unchanged:
                self.open_file(entry.source)  # asks once the file is checked
                return
            self.journal.discard(entry.source)

    # ------------------------------------------------------------ export, schema

    def on_export(self) -> None:
        if self.session is not None and not self.controller.busy:
            dialog = self.export_dialog()
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # it holds the result
            dialog.exec()

    def export_dialog(self) -> ExportDialog:
        dialog = ExportDialog(self.session.result, self)
        dialog.clean_file_written.connect(lambda _path: self.undo.setClean())
        return dialog

    def on_save_fixed_copy(self) -> None:
        """File > Save a fixed copy of my workbook…: asks where, then writes it."""
        if self.session is not None and not self.controller.busy:
            target = ask_fixed_copy_path(self, self.session.table)
            if target is not None:
                self.controller.save_fixed_copy(target)

    def on_fixed_copy_saved(self, written) -> None:
        """The edits are in a file now: closing will not ask about them."""
        self.undo.setClean()
        self.statusBar().showMessage(written.summary(), 15000)

    def on_load_schema(self) -> None:
        """The kept versions, or another file (once or kept), in a dialog."""
        dialog = SchemaChoiceDialog(self.schema, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.on_schema_chosen(dialog.chosen, dialog.kept))
        dialog.open()

    def on_schema_chosen(self, schema: TemplateSchema, kept=None) -> None:
        if kept is not None:
            self.statusBar().showMessage(
                self.tr("{schema} is kept with the other versions.").format(
                    schema=f"{kept.id} {kept.version}"
                ),
                8000,
            )
        self.take_schema(schema)

    def take_schema(self, schema: TemplateSchema) -> None:
        """Check against schema from now on; an open file is checked again, edits kept."""
        if self.session is None or self.pages.currentWidget() is not self.workspace:
            self.use_schema(schema)
        else:  # check the open file again, edits and all; the schema counts once that works
            edits = list(self.session.edits)
            self.open_file(self.session.table.path, restore=edits, ask=False, schema=schema)

    def use_schema(self, schema: TemplateSchema) -> None:
        """Check against schema from now on (what is open was checked with it)."""
        self.schema = schema
        self.help.set_schema(schema)
        self._show_schema()

    def _show_schema(self) -> None:
        schema = self.schema
        name = f"{schema.id} {schema.version}"
        if schema.signed is False:  # a draft given as a file
            text = self.tr("Schema: {schema} (unsigned)").format(schema=name)
        else:
            text = self.tr("Schema: {schema}").format(schema=name)
        self.schema_label.setText(text)
        self.schema_label.setToolTip(schema.source)

    # ------------------------------------------------------------ closing, settings

    def on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def may_discard_edits(self) -> bool:
        """Ask before unsaved edits go; False when the person wants to stay."""
        if self.session is None or self.undo.isClean():
            return True
        count, file = len(self.session.edits), self.session.table.path.name
        question = (
            self.tr("1 change to {file} is not in an exported file yet. Keep it for next time?")
            if count == 1
            else self.tr(
                "{count} changes to {file} are not in an exported file yet. "
                "Keep them for next time?"
            )
        )
        keep, discard = self.tr("Keep for next time"), self.tr("Discard changes")
        answer = self.ask(
            self.tr("Unsaved changes"),
            question.format(count=count, file=file),
            [keep, discard, self.tr("Cancel")],
        )
        if answer == discard:
            self.journal.discard(self.session.table.path)
        return answer in (keep, discard)

    def closeEvent(self, event) -> None:
        if not self.may_discard_edits():
            event.ignore()
            return
        self.controller.shut_down()
        if self.session is not None and self.undo.isClean():
            self.journal.discard(self.session.table.path)
        settings = QSettings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("window_state", self.saveState())
        event.accept()

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        state = settings.value("window_state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self.welcome.set_recent(recent.recent_files())

    def on_find(self) -> None:
        self.workspace.sheet.search.setFocus()
        self.workspace.sheet.search.selectAll()
