"""The global team's schema channel, seen from the window.

The window looks in the channel at start and before each file it opens, off the GUI
thread (the core's update_from_channel never raises: a missing or slow share comes back
as a sentence). What it finds is said quietly in the status bar; a newer version that was
taken is announced by the notice above the window's pages ("The global team's schema
2026.3 is now in use — 3 changes", the changes on click) and becomes the schema the window
checks against, once the window is idle: an open file is checked again, edits kept.

The look runs on a daemon thread of its own, not on Qt's thread pool: a share that does
not answer may hold a read for a minute, and the pool is waited for when the program
ends; a daemon thread is not, so closing the window never waits for the network.

A window started with a schema of its own (`--schema FILE`, the global team's drafts)
keeps it; the new version is kept for later and the status bar says so.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from desktop_app.core.model.errors import describe_error
from desktop_app.core.schema.channel import ChannelUpdate, update_from_channel
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.diff import diff_schemas
from desktop_app.core.schema.store import with_kept_versions
from desktop_app.gui.schema_diff_dialog import SchemaDiffDialog


class ChannelWatch(QObject):
    """Looks in the channel for a window and has it take what arrived."""

    looked = Signal()  # a look in the channel ended and what it found is on screen
    _found = Signal(object)  # from the looking thread: a ChannelUpdate, or a failure's sentence

    def __init__(self, window, *, pinned: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self.pinned = pinned  # the window keeps the schema it was started with
        self.looking = False
        self._found.connect(self._on_found, Qt.ConnectionType.QueuedConnection)
        self.pending: TemplateSchema | None = None  # taken, for the window once it is idle
        self.compared: tuple[TemplateSchema, TemplateSchema] | None = None  # the notice's
        self.label = QLabel(window)  # the quiet status line; hidden when all is well
        self.label.hide()
        window.notice.changes_requested.connect(self.on_changes_requested)
        window.controller.busy_changed.connect(self.on_busy_changed)

    @property
    def busy(self) -> bool:
        """Looking, or holding a version the window has not taken yet."""
        return self.looking or self.pending is not None

    def look(self) -> bool:
        """Look in the channel in the background (False: a look is under way already)."""
        if self.looking:
            return False
        self.looking = True
        threading.Thread(target=self._look, name="schema-channel", daemon=True).start()
        return True

    def _look(self) -> None:
        """On the looking thread: the core's look, whatever comes of it back to the window."""
        try:
            found = update_from_channel()
        except Exception as exc:  # not expected: the core says what went wrong itself
            found = describe_error(exc)[0]
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._found.emit(found)

    def _on_found(self, found) -> None:
        self.looking = False
        if isinstance(found, str):
            self.on_look_failed(found)
        else:
            self.on_looked(found)

    # ------------------------------------------------------------ what was found

    def on_looked(self, update: ChannelUpdate) -> None:
        self._say(update)
        if update.taken and not self.pinned:
            new = update.in_use
            old = self._window.schema
            if (new.id, new.version) != (old.id, old.version):
                self.pending = with_kept_versions(new)
                self.compared = (old, self.pending)
                count = len(diff_schemas(old, self.pending))
                self._window.notice.show_update(new.version, count)
        self.settle()
        self.looked.emit()

    def on_look_failed(self, sentence: str) -> None:
        """Not expected (the core says what went wrong), but quiet all the same."""
        self._quiet(self.tr("The global team's schema folder could not be read."), sentence)
        self.looked.emit()

    def _say(self, update: ChannelUpdate) -> None:
        if update.unreadable is not None:
            self._quiet(
                self.tr("The global team's schema folder could not be read."),
                str(update.unreadable),
            )
        elif update.refused:
            count = len(update.refused)
            text = (
                self.tr("1 file in the global team's schema folder was not taken.")
                if count == 1
                else self.tr("{count} files in the global team's schema folder were not taken.")
            )
            self._quiet(text.format(count=count), "\n".join(str(p) for p in update.refused))
        elif update.taken and self.pinned:
            version = update.in_use.version
            self._quiet(
                self.tr(
                    "The global team's schema {version} is kept; this window goes on with "
                    "the schema it was started with."
                ).format(version=version),
                "",
            )
        else:
            self.label.hide()

    def _quiet(self, text: str, details: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(details)
        self.label.show()

    # ------------------------------------------------------------ taking it

    def on_busy_changed(self, busy: bool) -> None:
        if not busy:  # once what ends with the window's work has run (a file shown)
            QTimer.singleShot(0, self.settle)

    def settle(self) -> None:
        """Give the window the version taken, if it is idle (else once it is)."""
        if self.pending is None or not self._window.idle():
            return
        new, self.pending = self.pending, None
        self._window.take_schema(new)

    def on_changes_requested(self) -> None:
        if self.compared is None:
            return
        dialog = SchemaDiffDialog(*self.compared, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
