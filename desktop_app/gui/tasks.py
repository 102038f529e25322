"""Long work off the GUI thread: a plain core function taking a Progress, one at a time.

After Orange3's widgets/utils/concurrent.py: the owner gives a TaskRunner `job(progress)`;
the job runs on Qt's thread pool, and what comes of it (progress, the value, a failure, a
cancel) reaches the owner through signals on the GUI thread. Whatever goes wrong reaches
the person as one sentence (`failed`); cancelling ends in `cancelled`, never in an error.
A run the runner has moved on from (its owner deleted) reports nothing more.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, Signal

from desktop_app.core.model.errors import ProblemForUser, describe_error
from desktop_app.core.model.progress import Cancelled, Progress

Job = Callable[[Progress], Any]
_QUEUED = Qt.ConnectionType.QueuedConnection


class _Run:
    """One run of a job: its Progress (its cancel), and the way back to the runner."""

    def __init__(self, runner: TaskRunner, job: Job) -> None:
        self._runner = runner
        self._job = job
        self.progress = Progress(self._report)

    def _report(self, label: str, fraction: float) -> None:
        # Queued to the GUI thread, ahead of the run's end: no stale progress arrives.
        try:
            self._runner.progressed.emit(label, fraction)
        except RuntimeError:  # the runner was deleted with its owner: stop
            raise Cancelled() from None

    def __call__(self) -> None:
        """Do the work (on a pool thread)."""
        try:
            outcome = self._job(self.progress)
        except Cancelled:
            self._end("cancelled", None)
        except Exception as exc:  # every failure reaches the person, as one sentence
            if not isinstance(exc, ProblemForUser | OSError):
                traceback.print_exc()
            self._end("failed", describe_error(exc)[0])
        else:
            self._end("finished", outcome)
        self._job = None  # what the job held (a session) is not kept by the pool

    def _end(self, how: str, payload: Any) -> None:
        # RuntimeError: the runner was deleted with its owner; nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self._runner._ended.emit(self, how, payload)


class TaskRunner(QObject):
    """Runs one job at a time for its owner (a window, a dialog) and tells it how it went."""

    progressed = Signal(str, float)  # what is being done, fraction done
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # one sentence for a person
    cancelled = Signal()
    running_changed = Signal(bool)

    # Emitted on the pool thread and queued to the GUI thread, with the run it concerns.
    _ended = Signal(object, str, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        progressed: Callable | None = None,
        finished: Callable | None = None,
        failed: Callable | None = None,
        cancelled: Callable | None = None,
    ) -> None:
        """The slots given are connected to the signals of the same name."""
        super().__init__(parent)
        self._run: _Run | None = None
        self._ended.connect(self._on_ended, _QUEUED)
        for signal, slot in (
            (self.progressed, progressed),
            (self.finished, finished),
            (self.failed, failed),
            (self.cancelled, cancelled),
        ):
            if slot is not None:
                signal.connect(slot)

    @property
    def running(self) -> bool:
        return self._run is not None

    @property
    def cancelling(self) -> bool:
        return self._run is not None and self._run.progress.cancelled

    def start(self, job: Job) -> None:
        """Run job(progress) off the GUI thread; one job at a time."""
        if self._run is not None:
            raise RuntimeError("a task is still running")
        self._run = _Run(self, job)
        self.running_changed.emit(True)
        # Paint what changed first: once the job runs Python, every call the window's
        # painting makes into Python (each cell's data) waits for the GIL, up to 5 ms.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
        QThreadPool.globalInstance().start(self._run)

    def cancel(self) -> None:
        """Ask the job to stop at its next step; `cancelled` says when it has."""
        if self._run is not None:
            self._run.progress.cancel()

    def _on_ended(self, run: _Run, how: str, payload: Any) -> None:
        if run is not self._run:
            return
        self._run = None  # idle before anyone hears of it: they may start the next job
        self.running_changed.emit(False)
        if how == "finished":
            self.finished.emit(payload)
        elif how == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
