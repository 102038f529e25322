"""The Global menu: template, schema comparison and consolidation, driven without modal loops."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
import yaml
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from desktop_app.bundled import data_folder
from desktop_app.core.schema.loading import load_schema
from desktop_app.gui.consolidate_dialog import ConsolidateDialog
from desktop_app.gui.schema_diff_dialog import SchemaDiffDialog

BUNDLED_SCHEMA = data_folder("schemas") / "global-pipeline.yaml"


def visible(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisible()]


@pytest.fixture
def menu(window):
    window.actions.global_team.consolidation_workers = 0  # check in this process: quick
    return window.actions.global_team


def choose(monkeypatch, item=None, save=None, open_files=(), folder=None):
    """Answer the standard dialogs the menu asks through."""
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (item(a[3]), True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save), ""))
    queue = [str(p) for p in open_files]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (queue.pop(0), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def test_the_global_menu_sits_before_help(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["&Global", "&Help"]
    assert [a.text() for a in window.actions.global_team.menu.actions() if a.text()] == [
        "Generate &template…",
        "&Compare schemas…",
        "C&onsolidate folder…",
    ]


def test_generate_template_for_a_subsidiary_writes_it_and_says_where(
    window, menu, monkeypatch, tmp_path
):
    target = tmp_path / "out" / "template.xlsx"
    target.parent.mkdir()
    offered = []
    choose(monkeypatch, item=lambda items: offered.extend(items) or "SE01", save=target)
    menu.generate_template.trigger()
    assert offered[1:] == list(window.schema.model.subsidiaries)
    book = openpyxl.load_workbook(target, read_only=True)
    assert book["Info"]["B1"].value == "SE01"
    assert book["Pipeline"]["A1"].value == "Affärsmöjlighets-ID"  # SE01's language
    [box] = visible(window, QMessageBox)
    assert str(target) in box.text()


def test_generate_template_for_any_subsidiary(window, menu, monkeypatch, tmp_path):
    target = tmp_path / "template.xlsx"
    choose(monkeypatch, item=lambda items: items[0], save=target)
    menu.generate_template.trigger()
    book = openpyxl.load_workbook(target, read_only=True)
    assert book["Pipeline"]["A1"].value == "Opportunity ID"
    assert book["Info"]["B1"].value is None


def test_a_template_that_cannot_be_written_is_one_sentence(window, menu, monkeypatch, tmp_path):
    target = tmp_path / "no such folder" / "template.xlsx"
    choose(monkeypatch, item=lambda items: items[0], save=target)
    menu.generate_template.trigger()
    [box] = visible(window, QMessageBox)
    assert box.icon() == QMessageBox.Icon.Warning
    assert "\n" not in box.text() and "Traceback" not in box.text()
    assert not target.exists()


@pytest.fixture
def newer_schema_file(tmp_path, schema):
    data = yaml.safe_load(BUNDLED_SCHEMA.read_text(encoding="utf-8"))
    data["version"] = "2027.1"
    data["rates"]["SEK"] = 12.0
    path = tmp_path / "newer.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_compare_the_schema_in_use_with_a_file(window, menu, monkeypatch, newer_schema_file):
    choose(monkeypatch, item=lambda items: items[0], open_files=[newer_schema_file])
    menu.compare_schemas.trigger()
    [dialog] = visible(window, SchemaDiffDialog)
    assert "global-pipeline 2026.2" in dialog.headline.text()
    assert "global-pipeline 2027.1" in dialog.headline.text()
    shown = dialog.text.toPlainText()
    assert "Rates" in shown and "SEK changed 11.50 -> 12.00" in shown
    assert all(change.text in shown for change in dialog.changes)
    dialog.close()


def test_compare_two_schema_files(window, menu, monkeypatch, newer_schema_file):
    choose(monkeypatch, item=lambda items: items[1], open_files=[newer_schema_file, BUNDLED_SCHEMA])
    menu.compare_schemas.trigger()
    [dialog] = visible(window, SchemaDiffDialog)
    assert dialog.headline.text().startswith("<b>From global-pipeline 2027.1 to")
    assert "SEK changed 12.00 -> 11.50" in dialog.text.toPlainText()


def test_a_schema_that_cannot_be_read_is_one_sentence(window, menu, monkeypatch, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed", encoding="utf-8")
    choose(monkeypatch, item=lambda items: items[0], open_files=[broken])
    menu.compare_schemas.trigger()
    assert not visible(window, SchemaDiffDialog)
    [box] = visible(window, QMessageBox)
    assert "broken.yaml" in box.text()


@pytest.fixture
def submissions(tmp_path, valid_path, problems_path):
    """One file taken in, the same file again (its IDs now in two files), one rejected."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(valid_path, folder / "SE01_2026-Q4_a.xlsx")
    shutil.copy(valid_path, folder / "SE01_2026-Q4_b.xlsx")
    shutil.copy(problems_path, folder / "SE01_2026-Q4_c.xlsx")
    return folder


def consolidate(qtbot, window, menu, monkeypatch, folder, target, signal="consolidation_finished"):
    choose(monkeypatch, folder=folder, save=target)
    menu.consolidate.trigger()
    [dialog] = visible(window, ConsolidateDialog)
    with qtbot.waitSignal(getattr(dialog, signal), timeout=60_000):
        pass
    return dialog


def test_consolidation_shows_subsidiaries_and_cross_file_findings(
    qtbot, window, menu, monkeypatch, submissions, tmp_path
):
    target = tmp_path / "global.xlsx"
    dialog = consolidate(qtbot, window, menu, monkeypatch, submissions, target)
    result = dialog.result
    assert target.exists()
    assert [f.status for f in result.files] == ["taken in", "taken in", "rejected"]
    table = dialog.subsidiaries
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    se01 = result.subsidiaries()["SE01"]
    assert row[0] == "SE01" and row[1] == "2 of 3"
    assert row[2] == QLocale().toString(se01["rows"]) and row[4] == QLocale().toString(
        se01["warnings"]
    )
    assert str(target) in dialog.status.text()
    assert "SE01_2026-Q4_c.xlsx" in dialog.status.text()  # left out, with why
    assert dialog.cross_file.rowCount() == len(result.cross_file) > 0
    assert dialog.cross_file.item(0, 1).text() == result.cross_file[0].finding.message
    where = dialog.cross_file.item(0, 2).text()
    assert "SE01_2026-Q4_a.xlsx" in where and "SE01_2026-Q4_b.xlsx" in where
    assert dialog.cross_file.isVisible() and not dialog.bar.isVisible()
    assert dialog.buttons.standardButtons() == QDialogButtonBox.StandardButton.Close


def test_a_folder_without_submissions_is_one_sentence(qtbot, window, menu, monkeypatch, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    dialog = consolidate(
        qtbot, window, menu, monkeypatch, empty, tmp_path / "g.xlsx", "consolidation_failed"
    )
    assert str(empty) in dialog.status.text() and "no submissions" in dialog.status.text()
    assert not dialog.subsidiaries.isVisible()
    assert not (tmp_path / "g.xlsx").exists()


def test_cancel_stops_the_consolidation_and_writes_nothing(
    qtbot, window, schema, submissions, tmp_path
):
    target = tmp_path / "global.xlsx"
    dialog = ConsolidateDialog(submissions, target, schema, window, workers=0)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.consolidation_cancelled, timeout=60_000):
        dialog.start()
        dialog.reject()  # Cancel: asks the work to stop, the dialog stays until it has
        assert dialog.isVisible() and "Cancelling" in dialog.status.text()
    assert "nothing was written" in dialog.status.text()
    assert not target.exists()
    dialog.reject()
    assert not dialog.isVisible()


def test_the_menu_uses_the_schema_in_use(window, menu, monkeypatch, tmp_path, newer_schema_file):
    window.use_schema(load_schema(newer_schema_file))
    target = tmp_path / "template.xlsx"
    choose(monkeypatch, item=lambda items: items[0], save=target)
    menu.generate_template.trigger()
    book = openpyxl.load_workbook(target, read_only=True)
    assert book["Info"]["B3"].value == "2027.1"
