"""File > Save a fixed copy of my workbook…: every automatic fix and every edit made in the
window written into a copy of the person's own workbook, off the GUI thread."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime

import openpyxl

from desktop_app.core.checking.engine import check_file


def test_the_fixed_copy_holds_the_fixes_and_the_edits(
    window, open_checked, problems_path, tmp_path, qtbot, monkeypatch, schema
):
    source = shutil.copy(problems_path, tmp_path / problems_path.name)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    open_checked(window, source)
    session = window.session
    typo = next(f for f in session.findings if f.code == "DQ4.near_miss")
    sheet = window.workspace.sheet
    assert sheet.proxy.setData(
        sheet.proxy.mapFromSource(sheet.model.index_of(typo.row, typo.column)), typo.suggestion
    )
    bad_date = next(f for f in session.findings if f.code == "DQ3.date_order")
    index = sheet.proxy.mapFromSource(sheet.model.index_of(bad_date.row, bad_date.column))
    assert sheet.proxy.setData(index, "2026-12-01")
    assert window.isWindowModified()

    target = tmp_path / "mine_fixed.xlsx"
    monkeypatch.setattr(
        "desktop_app.gui.main_window.ask_fixed_copy_path", lambda parent, table: target
    )
    assert window.actions.fixed_copy.isEnabled()
    with qtbot.waitSignal(window.controller.fixed_copy_saved, timeout=60_000) as saved:
        window.actions.fixed_copy.trigger()
    written = saved.args[0]
    assert written.path == target and written.edits == 2 and written.fixes == 8
    assert str(target) in window.statusBar().currentMessage()
    assert not window.isWindowModified()  # the edits are in a file now

    cells = openpyxl.load_workbook(target)["Pipeline"]
    assert cells[typo.cell].value == typo.suggestion
    assert cells[bad_date.cell].value == datetime(2026, 12, 1) and cells[bad_date.cell].is_date
    assert cells["N49"].value == datetime(2026, 12, 15)  # an automatic fix
    again = check_file(target, schema)
    assert not [f for f in again.findings if f.severity == "fixed"]
    assert again.error_count == session.result.error_count
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_the_action_waits_for_a_file(window):
    assert not window.actions.fixed_copy.isEnabled()
