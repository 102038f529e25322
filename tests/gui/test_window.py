"""The window's flows: open, see, fix, undo, navigate, and what happens when opening fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.bundled import data_folder
from desktop_app.core.model.period import parse_period
from desktop_app.gui import recent
from desktop_app.gui.table_model import SEVERITY_ROLE
from tests.sample_data import standard_info, valid_rows, write_workbook


def errors(window) -> int:
    return window.session.result.summary["errors"]


def cell(window, row: int, column: str):
    """The proxy index the sheet view shows for an Excel row and column."""
    sheet = window.workspace.sheet
    return sheet.proxy.mapFromSource(sheet.model.index_of(row, column))


def dq4_errors(window) -> int:
    return window.session.result.summary["rules"]["DQ4"]["errors"]


def near_miss(window, column: str = "stage"):
    return next(
        f for f in window.session.findings if f.code == "DQ4.near_miss" and f.column == column
    )


@pytest.fixture
def hardwear_file(tmp_path, schema):
    """Three rows with the same typo in the product line, the rest valid."""
    period = parse_period("2026-Q4")
    rows = valid_rows(schema, "SE01", period, 8, seed=9)
    for row in rows[:3]:
        row["product_line"] = "Hardwear"
    path = tmp_path / "SE01_2026-Q4_alike.xlsx"
    return write_workbook(path, schema, rows, info=standard_info(schema, "SE01", period))


def test_opening_shows_the_verdict_rules_findings_and_sheet(window, open_checked, problems_path):
    open_checked(window, problems_path)
    workspace = window.workspace
    assert window.pages.currentWidget() is workspace
    summary = window.session.result.summary
    assert workspace.banner.headline.text() == (
        f"{summary['errors']} errors to fix, {summary['warnings']} warnings"
    )
    assert "global-pipeline 2026.2" in workspace.banner.details.text()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"
    assert workspace.findings.model.rowCount() == len(window.session.findings)
    assert workspace.sheet.model.rowCount() == len(window.session.table.rows)
    dq4 = workspace.rules.rules
    assert dq4.verdict("DQ4") == "error"
    assert recent.recent_files() == [str(problems_path.resolve())]
    assert [b.toolTip() for b in window.welcome.findChildren(QPushButton) if b.isFlat()] == [
        str(problems_path.resolve())
    ]


def test_a_file_that_cannot_be_read_shows_one_sentence(window, qtbot, tmp_path):
    broken = tmp_path / "SE01_2026-Q4_broken.xlsx"
    broken.write_bytes(b"this is not a workbook at all")
    with qtbot.waitSignal(window.task_failed, timeout=20_000) as failed:
        window.open_file(broken)
    sentence = failed.args[0]
    assert "SE01_2026-Q4_broken.xlsx" in sentence
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == [sentence]
    assert window.pages.currentWidget() is window.welcome
    assert not window.controller.busy and not window.busy.isVisible()


def test_cancel_stops_the_check_and_keeps_the_window_as_it_was(window, qtbot, problems_path):
    window.open_file(problems_path)
    assert window.busy.isVisible()
    with qtbot.waitSignal(window.controller.cancelled, timeout=20_000):
        window.busy.cancel_button.click()
    assert not window.busy.isVisible()
    assert window.session is None
    assert window.pages.currentWidget() is window.welcome


def test_edit_in_place_then_undo_and_redo(window, open_checked, problems_path):
    open_checked(window, problems_path)
    before, dq4 = errors(window), dq4_errors(window)
    typo = near_miss(window, "product_line")
    index = cell(window, typo.row, "product_line")
    assert index.data(SEVERITY_ROLE) == "error"
    assert window.workspace.sheet.proxy.setData(index, "Hardware")
    assert errors(window) == before - 1
    assert cell(window, typo.row, "product_line").data(SEVERITY_ROLE) is None
    assert window.workspace.rules.rules.index(3, 1).data() == dq4 - 1
    assert window.workspace.banner.headline.text().startswith(f"{before - 1} errors to fix")
    assert window.isWindowModified()
    window.undo.undo()
    assert errors(window) == before
    assert cell(window, typo.row, "product_line").data() == "Hardwear"
    window.undo.redo()
    assert errors(window) == before - 1
    assert window.session.result.edits[0].after == "Hardware"


def test_typed_numbers_are_read_in_the_subsidiarys_locale(window, open_checked, problems_path):
    open_checked(window, problems_path)
    bad = next(f for f in window.session.findings if f.code == "DQ5.amount_not_positive")
    window.workspace.sheet.proxy.setData(cell(window, bad.row, "amount"), "12 500,50")
    assert window.session.raw(bad.row, "amount") == 12500.5
    assert not any(f.row == bad.row and f.column == "amount" for f in window.session.findings)


def test_apply_suggestion_from_the_findings_list(window, open_checked, problems_path):
    open_checked(window, problems_path)
    typo = near_miss(window)
    findings = window.workspace.findings
    findings.set_rule_filter("DQ4")
    row = next(
        r
        for r in range(findings.proxy.rowCount())
        if findings.proxy.index(r, 2).data() == typo.cell
    )
    findings.view.setCurrentIndex(findings.proxy.index(row, 0))
    current = window.workspace.sheet.current_cell()
    assert current == (typo.row, "stage")  # selecting a finding selects its cell
    findings.view.setFocus()
    window.actions.apply.trigger()
    assert window.session.raw(typo.row, "stage") == "Negotiate"
    assert window.undo.count() == 1


def test_apply_to_all_alike_is_one_undo_step(window, open_checked, hardwear_file):
    open_checked(window, hardwear_file)
    assert errors(window) == 3
    window.workspace.step(1)
    window.actions.apply_all.trigger()
    assert errors(window) == 0
    assert window.workspace.banner.headline.text() == "Ready to submit"
    assert len(window.session.result.edits) == 3
    assert window.undo.count() == 1
    window.undo.undo()
    assert errors(window) == 3


def test_f8_and_shift_f8_walk_through_the_problems(window, open_checked, problems_path, qtbot):
    open_checked(window, problems_path)
    window.workspace.sheet.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    first = window.workspace.findings.current_finding()
    assert first.severity == "error" and first.row is not None
    assert window.workspace.sheet.current_cell() == (first.row, first.column)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    second = window.workspace.findings.current_finding()
    assert second is not first
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.workspace.findings.current_finding() is first


def test_a_rule_click_filters_the_findings(window, open_checked, problems_path):
    open_checked(window, problems_path)
    rules = window.workspace.rules
    rules.on_clicked(rules.model().index(5, 0))  # DQ6
    proxy = window.workspace.findings.proxy
    shown = {proxy.index(r, 1).data() for r in range(proxy.rowCount())}
    assert shown == {"DQ6"}
    rules.on_clicked(rules.model().index(5, 0))  # again: all rules
    assert proxy.rowCount() == len(window.session.findings)


def test_only_flagged_rows_and_search_in_the_window(window, open_checked, problems_path, qtbot):
    open_checked(window, problems_path)
    sheet = window.workspace.sheet
    sheet.flagged_only.setChecked(True)
    assert sheet.proxy.rowCount() < sheet.model.rowCount()
    assert "of" in sheet.count_label.text()
    sheet.flagged_only.setChecked(False)
    qtbot.keyClicks(sheet.search, "Hardwear")
    qtbot.waitUntil(lambda: sheet.proxy.rowCount() == 1, timeout=5_000)


def test_drop_a_file_onto_the_window_opens_it(window, qtbot, problems_path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(problems_path))])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.dropEvent(event)
    assert window.session.table.path == Path(problems_path)


def test_geometry_is_remembered(make_window, qtbot):
    first = make_window()
    first.resize(700, 520)
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (700, 520)


def another_schema(window, monkeypatch, path, how: str = "once"):
    """File > Check against another schema…, Another file…: path, checked how."""
    from desktop_app.gui.schema_dialog import SchemaChoiceDialog

    window.on_load_schema()
    dialog = window.findChild(SchemaChoiceDialog)
    monkeypatch.setattr(
        "desktop_app.gui.schema_dialog.QFileDialog.getOpenFileName", lambda *a: (str(path), "")
    )
    monkeypatch.setattr(dialog, "ask_how", lambda _file: how)
    dialog.file_button.click()
    return dialog


def test_another_schema_file_rechecks_and_keeps_the_edits(
    window, open_checked, problems_path, tmp_path, qtbot, monkeypatch
):

    open_checked(window, problems_path)
    typo = near_miss(window, "product_line")
    window.workspace.sheet.proxy.setData(cell(window, typo.row, "product_line"), "Hardware")
    text = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")
    other = tmp_path / "pipeline-2026.3.yaml"
    other.write_text(text.replace('version: "2026.2"', 'version: "2026.3"'), encoding="utf-8")
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        another_schema(window, monkeypatch, other)
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3 (unsigned)"
    assert window.session.schema.version == "2026.3"
    assert window.session.raw(typo.row, "product_line") == "Hardware"
    assert [e.after for e in window.session.result.edits] == ["Hardware"]


def test_every_action_a_person_needs_has_a_key(window):
    a = window.actions
    keys = {
        action.text().replace("&", ""): action.shortcut().toString()
        for action in (a.open, a.export, a.undo, a.redo, a.apply, a.apply_all, a.flagged_only)
    }
    assert all(keys.values()), keys
    assert window.help.toggleViewAction().shortcut().toString() == "F1"
    menus = {m.title().replace("&", "") for m in window.menuBar().findChildren(type(a.recent))}
    assert {"File", "Edit", "View", "Help"} <= menus


def test_while_a_file_opens_the_one_on_screen_cannot_be_changed(
    window, open_checked, problems_path, qtbot
):
    open_checked(window, problems_path)
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(problems_path)
        assert not window.workspace.isEnabled()
        assert not window.actions.export.isEnabled() and not window.actions.open.isEnabled()
    assert window.workspace.isEnabled() and window.actions.export.isEnabled()


def test_the_pipeline_chart_follows_an_edit(window, open_checked, problems_path, qtbot):
    open_checked(window, problems_path)
    chart = window.workspace.value_chart
    qtbot.waitUntil(lambda: bool(chart.series), timeout=5_000)
    row = window.session.result.rows[0]
    stage = window.session.frame["stage"].iat[0]
    before = dict(zip(chart.categories, chart.series[0][2], strict=True))[stage]
    window.workspace.sheet.proxy.setData(cell(window, row, "amount_eur"), "")
    window.workspace.sheet.proxy.setData(cell(window, row, "amount"), "11500000")
    expected = window.session.pipeline_eur_by_stage()
    qtbot.waitUntil(lambda: chart.series[0][2] == list(expected.values()), timeout=5_000)
    assert expected[stage] > before


def test_apply_suggestion_on_the_current_cell_with_the_keyboard(
    window, open_checked, problems_path, qtbot
):
    open_checked(window, problems_path)
    typo = near_miss(window, "product_line")
    sheet = window.workspace.sheet
    sheet.select_cell(typo.row, "product_line")
    sheet.view.setFocus()
    qtbot.keyClick(sheet.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.raw(typo.row, "product_line") == "Hardware"


def test_a_file_without_the_templates_headers_says_so(window, qtbot, tmp_path):
    other = tmp_path / "SE01_2026-Q4_other.csv"
    other.write_text("Name;Value\nA;1\nB;2\n", encoding="utf-8")
    with qtbot.waitSignal(window.task_failed, timeout=20_000) as failed:
        window.open_file(other)
    assert "header" in failed.args[0] and other.name in failed.args[0]
    assert window.session is None


def test_a_broken_schema_file_is_refused_and_the_old_one_kept(
    window, open_checked, problems_path, tmp_path, monkeypatch
):
    open_checked(window, problems_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    dialog = another_schema(window, monkeypatch, broken)
    assert dialog.isVisible() and "broken.yaml" in dialog.note.text()  # said in the dialog
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    dialog.reject()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"


def test_a_row_edited_into_a_totals_row_is_left_out(window, open_checked, problems_path, qtbot):
    open_checked(window, problems_path)
    rows = len(window.session.result.rows)
    row = window.session.result.rows[0]
    with qtbot.waitSignal(window.controller.checked, timeout=30_000):  # checked in full
        window.workspace.sheet.proxy.setData(cell(window, row, "opportunity_id"), "Total")
    assert len(window.session.result.rows) == rows - 1
    assert f"{rows - 1} opportunities" in window.workspace.banner.details.text()
    header = window.workspace.sheet.model.headerData(
        cell(window, row, None).row(), Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole
    )
    assert "totals row" in header
    with qtbot.waitSignal(window.controller.checked, timeout=30_000):
        window.undo.undo()
    assert len(window.session.result.rows) == rows
