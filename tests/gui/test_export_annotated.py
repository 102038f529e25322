"""The Export dialog's annotated copy: its progress is shown and it can be cancelled."""

from __future__ import annotations

import shutil
import threading

from desktop_app.core.model.progress import Progress
from desktop_app.core.output import annotate
from tests.test_workbook_copy_kept import rich_workbook


def test_the_annotated_copy_shows_progress_and_can_be_cancelled(
    window, open_checked, problems_path, tmp_path, qtbot, monkeypatch
):
    source = shutil.copy(problems_path, tmp_path / problems_path.name)
    open_checked(window, source)
    copy_once = annotate.write_workbook_copy
    go_on = threading.Event()

    def held(*args, progress, **kwargs):
        """The real copy, held once it reports progress on the sheet until the test says go on."""

        def report(label, fraction):
            progress.step(label, fraction)
            if fraction > 0:
                go_on.wait(30)

        return copy_once(*args, progress=Progress(report), **kwargs)

    monkeypatch.setattr(annotate, "write_workbook_copy", held)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    out = tmp_path / "out" / "annotated.xlsx"
    out.parent.mkdir()
    dialog.annotated.path.setText(str(out))
    dialog.report.check.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=30_000)
    assert not dialog.progress.isHidden() and dialog.status.text() == "Copying sheet Pipeline"
    assert dialog.close_button.text() == "Cancel"
    dialog.close_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: not dialog.runner.running, timeout=30_000)
    assert "Export cancelled; nothing was written." in dialog.status.text()
    assert list(out.parent.iterdir()) == []  # neither the copy nor a half-written file
    assert dialog.export_button.isEnabled() and dialog.progress.isHidden()


def test_a_macro_workbooks_annotated_copy_is_offered_as_xlsm(
    window, open_checked, tmp_path, qtbot, schema
):
    source = rich_workbook(tmp_path)
    open_checked(window, source)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    assert dialog.annotated.path.text().endswith("SE01_2026-Q4_pipeline_annotated.xlsm")
