"""Export from the window: the clean file only without errors, with every edit in Changes."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from desktop_app.core.model.period import parse_period
from tests.sample_data import standard_info, valid_rows, write_workbook


@pytest.fixture
def one_typo(tmp_path, schema):
    period = parse_period("2026-Q4")
    rows = valid_rows(schema, "SE01", period, 6, seed=2)
    rows[2]["product_line"] = "Hardwear"
    path = tmp_path / "source" / "SE01_2026-Q4_typo.xlsx"
    path.parent.mkdir()
    return write_workbook(path, schema, rows, info=standard_info(schema, "SE01", period))


def run_export(dialog, qtbot) -> None:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=60_000)


def test_with_errors_the_clean_file_is_disabled_with_the_reason(
    window, open_checked, problems_path, tmp_path, qtbot
):
    source = shutil.copy(problems_path, tmp_path / problems_path.name)
    open_checked(window, source)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    assert not dialog.clean.check.isEnabled()
    assert f"{window.session.result.error_count} errors still to fix" in dialog.reason.text()
    dialog.report.check.setChecked(True)
    dialog.annotated.path.setText(str(tmp_path / "annotated.xlsx"))
    dialog.report.path.setText(str(tmp_path / "report.html"))
    run_export(dialog, qtbot)
    assert (tmp_path / "annotated.xlsx").exists()
    assert (tmp_path / "report.html").exists()
    assert "Open the folder" in dialog.status.text()


def test_fix_then_export_lists_the_edit_in_changes(window, open_checked, one_typo, qtbot):
    open_checked(window, one_typo)
    assert window.session.result.error_count == 1
    window.workspace.step(1)
    window.actions.apply.trigger()
    assert window.session.result.passed
    assert not window.undo.isClean()
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    assert dialog.clean.check.isEnabled() and dialog.clean.check.isChecked()
    out = one_typo.parent / "SE01_2026-Q4_pipeline.xlsx"
    assert dialog.clean.path.text() == str(out)
    with qtbot.waitSignal(dialog.clean_file_written, timeout=60_000):
        dialog.export_button.click()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=60_000)
    assert window.undo.isClean()  # the edits are now in a file: closing will not ask
    changes = openpyxl.load_workbook(out, read_only=True)["Changes"]
    rows = [[c for c in row] for row in changes.iter_rows(values_only=True)]
    assert any("Hardwear" in row and "Hardware" in row for row in rows)


def test_a_failing_export_says_why_in_the_dialog(window, open_checked, one_typo, tmp_path, qtbot):
    open_checked(window, one_typo)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    dialog.annotated.path.setText(str(tmp_path / "no such folder" / "annotated.xlsx"))
    run_export(dialog, qtbot)
    assert "Stopped." in dialog.status.text()
    assert "does not exist" in dialog.status.text()
