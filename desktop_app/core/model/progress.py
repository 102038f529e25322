"""Progress and cancellation for long work, without any GUI dependency.

Core functions take a Progress; the window passes one whose callback emits a Qt
signal, the command line one that draws a bar. Cancelling makes the next step()
raise Cancelled, so work stops at a safe point and nothing half-done is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled the work."""


class Progress:
    def __init__(self, callback: Callable[[str, float], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, label: str, fraction: float) -> None:
        """Report progress (0..1) and stop here if the user cancelled."""
        if self._cancel.is_set():
            raise Cancelled()
        if self._callback is not None:
            self._callback(label, max(0.0, min(1.0, fraction)))
