"""Long work off the GUI thread: a plain core function taking a Progress.

A Task runs `job(progress)` on Qt's thread pool and reports back through signals,
which Qt delivers on the GUI thread. Whatever goes wrong reaches the window as one
sentence for a person (`failed`); cancelling ends in `cancelled`, never in an error.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.model.errors import ProblemForUser, describe_error
from desktop_app.core.model.progress import Cancelled, Progress


class _BulkWork:
    """Pause the cycle collector while a job builds the objects of a file it keeps.

    A full collection walks every live object holding the GIL, which would stall the
    window for a few hundred milliseconds at a time; afterwards the objects the job
    kept are frozen out of later collections for the same reason. (Freezing also
    keeps any cyclic garbage of the job: a hundred objects for a 100,000-row check,
    but far more for an export through openpyxl, which is why this is opt-in.)
    """

    _lock = threading.Lock()
    _running = 0

    def __enter__(self) -> None:
        with self._lock:
            if _BulkWork._running == 0:
                gc.disable()
            _BulkWork._running += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            _BulkWork._running -= 1
            if _BulkWork._running == 0:
                gc.freeze()
                gc.enable()


class Task(QObject):
    progressed = Signal(str, float)  # what is being done, fraction done
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # one sentence for a person
    cancelled = Signal()

    def __init__(
        self, job: Callable[[Progress], Any], parent: QObject | None = None, *, bulk: bool = False
    ) -> None:
        """bulk: the job builds a file's worth of objects that outlive it (see _BulkWork)."""
        super().__init__(parent)
        self._job = job
        self._bulk = bulk
        self._progress = Progress(self._report)

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runner(self))

    def cancel(self) -> None:
        self._progress.cancel()

    @property
    def cancelling(self) -> bool:
        return self._progress.cancelled

    def _report(self, label: str, fraction: float) -> None:
        try:
            self.progressed.emit(label, fraction)
        except RuntimeError:  # whoever wanted this work is gone (the window closed)
            raise Cancelled() from None

    def run_here(self) -> None:
        """Do the work on the calling thread (the pool calls this)."""
        try:
            with _BulkWork() if self._bulk else contextlib.nullcontext():
                outcome = self._job(self._progress)
        except Cancelled:
            self._tell(self.cancelled)
        except Exception as exc:  # every failure reaches the person, as one sentence
            if not isinstance(exc, ProblemForUser | OSError):
                traceback.print_exc()
            self._tell(self.failed, describe_error(exc)[0])
        else:
            self._tell(self.finished, outcome)

    @staticmethod
    def _tell(signal, *args) -> None:
        # RuntimeError: the Task was deleted with its owner; nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run_here()
