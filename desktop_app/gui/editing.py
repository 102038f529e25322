"""Edits as undoable steps: one cell typed, one suggestion accepted, or all alike at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop_app.core.model.edits import Edit
from desktop_app.gui.cells import cell_text
from desktop_app.gui.i18n import translate


class EditCommand(QUndoCommand):
    """Edits applied together and undone together; the session does the work."""

    def __init__(
        self,
        text: str,
        edits: list[Edit],
        apply: Callable[[list[Edit]], None],
        revert: Callable[[list[Edit]], None],
    ) -> None:
        super().__init__(text)
        self.edits = edits
        self._apply = apply
        self._revert = revert

    def redo(self) -> None:
        self._apply(self.edits)

    def undo(self) -> None:
        self._revert(self.edits)


def describe(edits: list[Edit], labels: dict[str, str]) -> str:
    """The undo menu's words for edits: "Change Stage in row 12 to Negotiate"."""
    if len(edits) == 1:
        e = edits[0]
        after = cell_text(e.after) or translate("EditCommand", "(empty)")
        return translate("EditCommand", "Change {column} in row {row} to {value}").format(
            column=labels.get(e.column, e.column), row=e.row, value=after
        )
    return translate("EditCommand", "Change {count} cells").format(count=len(edits))
