"""The file being worked on in the window: its working session, undo stack and journal.

Every change to the session goes through the SessionController: opening a file, an edit,
a suggestion accepted, undo and redo. The panels subscribe to its signals and redraw
themselves; nothing relays changes between them. Reading a file and checking it in full
run off the GUI thread (a TaskRunner); while they do, the session takes no edits.

An edit is journaled as soon as it is made, before any re-check, so it survives a crash.
An edit that needs the whole file checked again (a row turned into a totals row) shows
its cells at once and the findings from before, until the full check comes back. The
worker also files the new findings into the session (adopt(): a third of a second at
100,000 rows, too long for the GUI thread); meanwhile the window reads only what that
leaves alone (the session's table, schema and edits), and `checked` says when it is done.

Python's collector, on a full pass, goes through every object alive: 80 ms at 100,000
rows, landing in the middle of an edit every few edits. So a moment after a file is on
screen, one full pass (on its own) frees what reading it and the previous file left in
cycles, and what lives then (mostly the file) is set aside (gc.freeze): later passes go
through only what came since. Opening the next file puts it back in the collector's reach.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop_app.core.checking.engine import CheckOptions
from desktop_app.core.matching.matched import MatchedSheet
from desktop_app.core.model.edits import Edit
from desktop_app.core.model.findings import Finding
from desktop_app.core.output.fixed_copy import write_fixed_copy
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.session.any_layout import (
    MatchToConfirm,
    check_matched,
    open_any_layout,
    to_confirm,
)
from desktop_app.core.session.journal import EditJournal
from desktop_app.core.session.working import Recheck, WorkingSession
from desktop_app.gui.editing import EditCommand, describe
from desktop_app.gui.i18n import column_label
from desktop_app.gui.tasks import TaskRunner

SET_ASIDE_AFTER_MS = 500  # the collector's full pass, on its own after the file is shown


class SessionController(QObject):
    opened = Signal(object)  # a file was read and checked: its WorkingSession, shown afresh
    matching_proposed = Signal(object)  # a file not in the template's layout: MatchToConfirm
    checked = Signal(object)  # the session's findings are a full check's (CheckResult)
    changed = Signal(object)  # an edit, undo or redo was re-checked: the Recheck (rows to redraw)
    failed = Signal(str)  # reading or checking failed: one sentence for the person
    cancelled = Signal()  # opening was cancelled: the session on screen stays
    work_started = Signal(str, bool)  # what is being done in the background, cancellable
    progressed = Signal(str, float)  # what is being done, fraction done
    busy_changed = Signal(bool)  # background work started or ended: no edits meanwhile
    journal_failed = Signal(str)  # why the edits could not be kept for recovery
    fixed_copy_saved = Signal(object)  # a fixed copy of the workbook was written: FixedCopy

    def __init__(self, journal: EditJournal, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.session: WorkingSession | None = None
        self.undo_stack = QUndoStack(self)
        self._runner = TaskRunner(
            self,
            progressed=self.progressed,
            finished=self._on_task_finished,
            failed=self._on_task_failed,
            cancelled=self._on_task_cancelled,
        )
        self._runner.running_changed.connect(self.busy_changed)
        self._then = None  # what to do with the running task's value
        self.cancellable = False  # whether the running task may be cancelled

    @property
    def busy(self) -> bool:
        """Reading or checking in the background: the session takes no edits meanwhile."""
        return self._runner.running

    # ------------------------------------------------------------ background work

    def _start(self, job, then, text: str, *, cancellable: bool) -> None:
        self._then = then
        self.cancellable = cancellable
        self._runner.start(job)
        self.work_started.emit(text, cancellable)

    def cancel(self) -> None:
        """Stop opening a file or saving a fixed copy (a full re-check, which the findings
        wait for, goes on)."""
        if self.cancellable:
            self._runner.cancel()

    def shut_down(self) -> None:
        """The window closes: whatever runs may stop (the journal has every edit)."""
        self._runner.cancel()

    def _on_task_finished(self, value) -> None:
        then, self._then = self._then, None
        then(value)

    def _on_task_failed(self, sentence: str) -> None:
        self._then = None
        self.failed.emit(sentence)

    def _on_task_cancelled(self) -> None:
        self._then = None
        self.cancelled.emit()

    # ------------------------------------------------------------ opening

    def open(self, path: str | Path, schema: TemplateSchema) -> bool:
        """Read and check a file off the GUI thread (False: busy with other work); a file
        not in the template's layout, with no kept matching, comes back as a matching to
        confirm (`matching_proposed`)."""
        if self.busy:
            return False
        path = Path(path)
        self._start(
            lambda progress: open_any_layout(path, schema, None, progress),
            self._on_opened_any,
            self.tr("Opening {file}…").format(file=path.name),
            cancellable=True,
        )
        return True

    def check_with(
        self, matched: MatchedSheet, schema: TemplateSchema, subsidiary: str | None = None
    ) -> bool:
        """Check a file not in the template's layout with the matching the person chose."""
        if self.busy:
            return False
        options = CheckOptions(subsidiary=subsidiary)
        self._start(
            lambda progress: check_matched(matched, schema, options, progress),
            self._on_opened,
            self.tr("Checking {file}…").format(file=matched.book.path.name),
            cancellable=True,
        )
        return True

    def change_matching(
        self, matched: MatchedSheet, schema: TemplateSchema, subsidiary: str | None
    ) -> bool:
        """Show again the matching a file was read with, for the person to change."""
        if self.busy:
            return False
        self._start(
            lambda _progress: to_confirm(matched, schema, subsidiary),
            self.matching_proposed.emit,
            self.tr("Opening {file}…").format(file=matched.book.path.name),
            cancellable=True,
        )
        return True

    def _on_opened_any(self, opened: WorkingSession | MatchToConfirm) -> None:
        if isinstance(opened, MatchToConfirm):
            self.matching_proposed.emit(opened)
        else:
            self._on_opened(opened)

    def _on_opened(self, session: WorkingSession) -> None:
        self.session = session
        gc.unfreeze()  # what the previous file left behind may be collected again
        QTimer.singleShot(SET_ASIDE_AFTER_MS, self._set_aside)  # once the file is on screen
        self.undo_stack.clear()
        self.opened.emit(session)
        self.checked.emit(session.result)

    def save_fixed_copy(self, target: Path) -> bool:
        """Write the fixed copy of the workbook (every automatic fix and every edit made
        here) off the GUI thread; `fixed_copy_saved` says where (False: busy)."""
        session = self.session
        if session is None or self.busy:
            return False
        result = session.result
        self._start(
            lambda progress: write_fixed_copy(result, target, progress=progress),
            self.fixed_copy_saved.emit,
            self.tr("Saving a fixed copy of {file}…").format(file=session.table.path.name),
            cancellable=True,
        )
        return True

    # ------------------------------------------------------------ editing

    def on_cell_edited(self, row: int, column: str, text: str) -> None:
        """Text typed into a cell, as Excel would store it."""
        session = self.session
        if session is None or self.busy:
            return
        edit = session.make_edit(row, column, session.typed_value(column, text))
        if edit is not None:
            self.push([edit])

    def suggestion_edits(self, finding: Finding, all_alike: bool = False) -> list[Edit]:
        """The edits that accept a finding's suggestion (and those of the findings alike)."""
        session = self.session
        findings = session.alike(finding) if all_alike else [finding]
        return [e for f in findings if (e := session.suggestion_edit(f)) is not None]

    def push(self, edits: list[Edit], text: str | None = None) -> bool:
        """Make edits as one undoable step (text: its name in the Edit menu); False: busy."""
        if self.session is None or self.busy or not edits:
            return False
        labels = {c.name: column_label(c) for c in self.session.schema.columns}
        self.undo_stack.push(
            EditCommand(text or describe(edits, labels), edits, self._apply, self._revert)
        )
        return True

    def _apply(self, edits: list[Edit]) -> None:
        self._after_edit(self.session.apply(edits, defer_full=True))

    def _revert(self, edits: list[Edit]) -> None:
        self._after_edit(self.session.revert(edits, defer_full=True))

    def _after_edit(self, recheck: Recheck) -> None:
        session = self.session
        try:
            self.journal.record(session.table.path, session.edits)
        except OSError as exc:
            self.journal_failed.emit(str(exc))
        self.changed.emit(recheck)
        if recheck.pending:
            self._start(
                lambda progress: session.adopt(session.check_in_full(progress)),
                self._on_checked_in_full,
                self.tr("Checking the whole file again…"),
                cancellable=False,
            )

    def _on_checked_in_full(self, _recheck: Recheck) -> None:
        self.checked.emit(self.session.result)

    @staticmethod
    def _set_aside() -> None:
        """Collect in full once, then keep what is alive out of the collector's later
        passes (see the module's docstring)."""
        gc.collect()
        gc.freeze()
