"""The session controller: edits, undo and full re-checks as signals the panels follow;
a full re-check off the GUI thread; a replaced session freed."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import Qt

from desktop_app.gui.session_controller import SessionController
from desktop_app.gui.table_model import SEVERITY_ROLE
from desktop_app.gui.workspace import Workspace


def near_miss(session, column: str = "product_line"):
    return next(f for f in session.findings if f.code == "DQ4.near_miss" and f.column == column)


def totals_row_edits(session, row: int):
    """A data row turned into a totals row: "Total" as its ID, its other cells cleared."""
    return [
        session.make_edit(row, name, "Total" if name == "opportunity_id" else None)
        for name in session.table.raw
        if session.is_editable(row, name) and session.raw(row, name) not in (None, "")
    ]


def test_an_edit_and_its_undo_tell_which_rows_to_redraw(window, open_checked, problems_path, qtbot):
    open_checked(window, problems_path)
    controller = window.controller
    typo = near_miss(controller.session)
    with qtbot.waitSignal(controller.changed, timeout=5_000) as edited:
        controller.on_cell_edited(typo.row, "product_line", "Hardware")
    assert typo.row in edited.args[0].rows and not edited.args[0].full
    assert controller.session.raw(typo.row, "product_line") == "Hardware"
    with qtbot.waitSignal(controller.changed, timeout=5_000) as undone:
        controller.undo_stack.undo()
    assert typo.row in undone.args[0].rows
    assert controller.session.raw(typo.row, "product_line") == "Hardwear"
    with qtbot.waitSignal(controller.changed, timeout=5_000) as redone:
        controller.undo_stack.redo()
    assert typo.row in redone.args[0].rows
    assert controller.session.raw(typo.row, "product_line") == "Hardware"
    assert not controller.busy


def test_a_full_recheck_runs_off_the_gui_thread_and_blocks_edits_meanwhile(
    window, open_checked, problems_path, qtbot, journal, monkeypatch
):
    open_checked(window, problems_path)
    controller, session = window.controller, window.session
    threads = []
    check_in_full = session.check_in_full

    def recorded(progress=None):
        threads.append(threading.current_thread())
        return check_in_full(progress)

    monkeypatch.setattr(session, "check_in_full", recorded)
    row, other = session.result.rows[0], session.result.rows[1]
    edits = totals_row_edits(session, row)
    model = window.workspace.sheet.model
    changed = []
    controller.changed.connect(changed.append)
    with qtbot.waitSignal(controller.checked, timeout=30_000) as checked:
        assert controller.push(edits)
        # The edit is in the cells and the journal; the findings wait for the full check.
        assert changed[-1].pending and row in changed[-1].rows
        assert session.raw(row, "opportunity_id") == "Total"
        assert journal.load(problems_path).edits == edits
        assert controller.busy and window.busy.isVisible()
        assert not window.busy.cancel_button.isVisible()  # the findings need it: no Cancel
        assert not window.actions.undo.isEnabled() and not window.actions.export.isEnabled()
        assert not model.flags(model.index_of(other, "stage")) & Qt.ItemFlag.ItemIsEditable
        assert not controller.push([session.make_edit(other, "stage", "Qualify")])
    assert threads and threads[0] is not threading.main_thread()
    assert row not in checked.args[0].rows and row not in session.result.rows
    assert not controller.busy and not window.busy.isVisible()
    assert window.actions.undo.isEnabled()
    assert model.flags(model.index_of(other, "stage")) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(controller.checked, timeout=30_000):
        controller.undo_stack.undo()
    assert row in session.result.rows


def test_the_panels_follow_the_controller_alone(qtbot, journal, schema, problems_path):
    """No window relays anything: the workspace's panels hear the controller."""
    controller = SessionController(journal)
    workspace = Workspace(controller)
    qtbot.addWidget(workspace)
    with qtbot.waitSignal(controller.checked, timeout=30_000):
        assert controller.open(problems_path, schema)
    errors = controller.session.result.summary["errors"]
    dq4 = controller.session.result.summary["rules"]["DQ4"]["errors"]
    assert workspace.banner.headline.text().startswith(f"{errors} errors to fix")
    typo = near_miss(controller.session)
    controller.on_cell_edited(typo.row, "product_line", "Hardware")
    assert workspace.banner.headline.text().startswith(f"{errors - 1} errors to fix")
    assert "1 change made here" in workspace.banner.details.text()
    assert workspace.rules.rules.index(3, 1).data() == dq4 - 1
    assert workspace.findings.model.rowCount() == len(controller.session.findings)
    sheet = workspace.sheet.model
    assert sheet.index_of(typo.row, "product_line").data(SEVERITY_ROLE) is None
    qtbot.waitUntil(lambda: bool(workspace.value_chart.series), timeout=5_000)


def test_a_replaced_session_is_freed(window, open_checked, problems_path, valid_path):
    open_checked(window, problems_path)
    typo = near_miss(window.session)
    window.controller.on_cell_edited(typo.row, "product_line", "Hardware")
    old_session, old_table = weakref.ref(window.session), weakref.ref(window.session.table)
    window.session.cycle = window.session  # as any cycle in what it holds: for the collector
    open_checked(window, valid_path)  # the edit is discarded (Answers' default)
    gc.collect()
    assert old_session() is None and old_table() is None
    assert window.session.table.path == valid_path
