"""Edits a person makes in the program: applied to the raw cells before a check.

An edit replaces what the source cell held, exactly as if it had been typed in
Excel, so the same rules read it (and a text number typed in the window is read in
the subsidiary's locale). The source file itself is never touched; every edit is
listed in the export's Changes sheet with its reason (rendered by the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Edit:
    row: int  # Excel row number in the source
    column: str  # canonical column name
    before: Any  # the raw value before this edit
    after: Any  # the raw value typed (text, number, date or None)
    reason: str = "model.edited_here"  # a catalogue code, or a sentence made elsewhere
    at: datetime = field(default_factory=lambda: datetime.now().astimezone())


def apply_edit(table, edit: Edit) -> None:
    """Write one edit into the table's raw values (the file is not touched)."""
    pos = table.rows.index(edit.row) if edit.row in table.rows else -1
    if pos < 0 or edit.column not in table.raw:
        raise KeyError(f"no cell at row {edit.row}, column {edit.column}")
    table.raw[edit.column][pos] = edit.after
