"""The "Match columns" page: a CRM export opens onto its proposed matching; the person
changes a column, checks with it, remembers it; the next time it opens straight away."""

from __future__ import annotations

from pathlib import Path

import pytest

SALESFORCE = (
    Path(__file__).resolve().parents[2]
    / "resources"
    / "samples"
    / "US01_salesforce_opportunities.csv"
)


@pytest.fixture(autouse=True)
def data_in_tmp(tmp_path, monkeypatch):
    """Kept matchings go to tmp_path, never to the real user data folder."""
    monkeypatch.setenv("TEMPLATE_CHECKER_DATA_DIR", str(tmp_path / "data"))


def open_onto_page(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.matching_shown, timeout=30_000):
        window.open_file(path)


def test_export_shows_page_change_check_remember_reopen(qtbot, window, open_checked, tmp_path):
    export = tmp_path / SALESFORCE.name
    export.write_bytes(SALESFORCE.read_bytes())
    open_onto_page(qtbot, window, export)
    page = window.match_page
    assert window.pages.currentWidget() is page
    assert page.source_box("stage").currentText().startswith("Stage")
    assert page.source_box("opportunity_id").currentText().startswith("Opportunity ID")
    assert page.values.rowCount() > 0  # the stage words, with their counts

    # The person says the expected close date is the created date: the page follows.
    box = page.source_box("close_date")
    box.setCurrentIndex(box.findData(page.confirm.sources.index("Created Date")))
    assert page.matching().source_of("close_date") == "Created Date"
    assert page.matching().columns["close_date"].by == "saved"
    assert page.matching().source_of("created_date") is None  # one template column each

    page.on_remember()
    assert "US01" in page.remember.text()
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        page.check.click()
    session = window.session
    assert window.pages.currentWidget() is window.workspace
    assert session.findings
    assert session.result.matched_with.matching.source_of("close_date") == "Created Date"
    assert {f.sheet for f in session.findings if f.row} <= {session.table.sheet}

    # Next time: no page, straight into the check, the banner says how it was read.
    shown = []
    window.matching_shown.connect(lambda: shown.append(True))
    open_checked(window, export)
    assert not shown
    assert window.session.result.matched_with.origin == "kept"
    note = window.workspace.banner.matching_note
    assert note.isVisibleTo(window) and "saved matching" in note.text()
    matching = window.session.result.matched_with.matching
    assert matching.source_of("close_date") == "Created Date"

    # "change" opens the page again, with the kept choices.
    with qtbot.waitSignal(window.matching_shown, timeout=30_000):
        note.linkActivated.emit("change")
    assert window.match_page.matching().source_of("close_date") == "Created Date"


def test_changing_a_list_column_counts_its_words_off_the_gui_thread(qtbot, window, tmp_path):
    open_onto_page(qtbot, window, SALESFORCE)
    page = window.match_page
    box = page.source_box("stage")
    box.setCurrentIndex(box.findData(page.confirm.sources.index("Forecast Category")))
    qtbot.waitUntil(lambda: not page._runner.running, timeout=10_000)
    words = {page.values.item(r, 1).text() for r in range(page.values.rowCount())}
    assert "Pipeline" in words and "Qualification" not in words


def test_file_without_a_table_is_refused_in_one_sentence(qtbot, window, tmp_path):
    cover = tmp_path / "cover.csv"
    cover.write_text("Pipeline report\nPrepared by finance\n", encoding="utf-8")
    with qtbot.waitSignal(window.task_failed, timeout=30_000) as failed:
        window.open_file(cover)
    assert failed.args[0].count(".") <= 2 and "header row" in failed.args[0]
    assert window.pages.currentWidget() is window.welcome


def test_a_matchs_colour_follows_the_schemas_thresholds(schema):
    from desktop_app.core.matching.mapping import ColumnMatch
    from desktop_app.core.schema.matching_data import MatchingThresholds
    from desktop_app.gui.match_page import sureness

    thresholds = schema.model.matching.thresholds

    def colour(confidence: float, limits=thresholds) -> str | None:
        return sureness(ColumnMatch("Stage", confidence, "name", 0), limits)

    assert colour(thresholds.sure_min) == "pass"
    assert colour(thresholds.sure_min - 0.01) == "warning"
    assert colour(thresholds.propose_min) == "warning"
    assert colour(thresholds.propose_min - 0.01) == "error"
    assert sureness(None, thresholds) is None
    stricter = MatchingThresholds(propose_min=0.7, sure_min=0.95)
    assert (colour(0.9, stricter), colour(0.6, stricter)) == ("warning", "error")
