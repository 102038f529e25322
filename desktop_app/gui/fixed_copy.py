"""File > Save a fixed copy of my workbook…: where to write it.

The copy itself is written by the core (output.fixed_copy) off the GUI thread, through
the SessionController; this asks for the file name only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.core.output.fixed_copy import copy_suffix, default_fixed_name
from desktop_app.gui.i18n import translate


def ask_fixed_copy_path(parent: QWidget, table) -> Path | None:
    """The file the fixed copy goes to (beside the source, `_fixed` added); None: cancelled."""
    suggested = table.path.parent / default_fixed_name(table.path, table.kind)
    suffix = copy_suffix(table.path) if table.kind == "xlsx" else ".xlsx"
    if suffix == ".xlsm":
        pattern = translate("FixedCopy", "Excel workbook with macros (*.xlsm)")
    else:
        pattern = translate("ExportDialog", "Excel workbook (*.xlsx)")
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        translate("FixedCopy", "Save a fixed copy of {file}").format(file=table.path.name),
        str(suggested),
        pattern,
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suffix)
