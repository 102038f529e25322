"""Nothing lost: the journal of edits, restoring after a crash, and asking before closing."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date

import pytest

from desktop_app.core.model.edits import Edit
from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue
from desktop_app.core.session.journal import EditJournal


@pytest.fixture
def own_copy(tmp_path, problems_path):
    """The sample copied, so its size and time are ours to change."""
    return shutil.copy(problems_path, tmp_path / problems_path.name)


def fix_typo(window):
    typo = next(
        f
        for f in window.session.findings
        if f.code == "DQ4.near_miss" and f.column == "product_line"
    )
    sheet = window.workspace.sheet
    index = sheet.proxy.mapFromSource(sheet.model.index_of(typo.row, "product_line"))
    sheet.proxy.setData(index, "Hardware")
    return typo.row


def test_journal_keeps_values_of_every_kind(journal, own_copy):
    edits = [
        Edit(5, "close_date", ErrorValue("#N/A"), date(2026, 12, 1)),
        Edit(6, "amount_eur", FORMULA_WITHOUT_RESULT, 12.5),
        Edit(7, "stage", "Negotiaton", None, reason="suggestion accepted"),
    ]
    journal.record(own_copy, edits)
    entry = journal.load(own_copy)
    assert entry.edits == edits
    assert entry.edits[1].before is FORMULA_WITHOUT_RESULT
    assert entry.file_unchanged
    assert [e.source for e in journal.pending()] == [own_copy.resolve()]
    journal.record(own_copy, [])
    assert journal.load(own_copy) is None


def test_a_damaged_journal_is_dropped_not_fatal(journal, own_copy):
    journal.record(own_copy, [Edit(5, "stage", "a", "b")])
    (path,) = journal.folder.glob("*.json")
    path.write_text("{ not json", encoding="utf-8")
    assert journal.pending() == []
    assert not path.exists()


def test_edits_are_journaled_as_they_are_made(window, open_checked, own_copy, journal):
    open_checked(window, own_copy)
    row = fix_typo(window)
    (path,) = journal.folder.glob("*.json")
    saved = json.loads(path.read_text("utf-8"))
    assert [(e["row"], e["column"], e["after"]) for e in saved["edits"]] == [
        (row, "product_line", "Hardware")
    ]
    window.undo.undo()
    assert journal.load(own_copy) is None  # nothing left to lose


def test_after_a_crash_the_next_start_offers_to_restore(
    make_window, open_checked, own_copy, journal, qtbot
):
    crashed = make_window()
    open_checked(crashed, own_copy)
    row = fix_typo(crashed)
    crashed.undo.setClean()  # as if it died: no question, the journal stays behind
    crashed.hide()

    restarted = make_window()
    restarted.ask.queue = ["Restore"]
    with qtbot.waitSignal(restarted.check_finished, timeout=30_000):
        restarted.offer_restore()
    assert "not exported" in restarted.ask.asked[0]
    assert restarted.session.raw(row, "product_line") == "Hardware"
    assert [e.after for e in restarted.session.result.edits] == ["Hardware"]
    assert restarted.undo.count() == 1  # restoring can itself be undone


def test_restore_declined_forgets_the_journal(make_window, open_checked, own_copy, journal):
    first = make_window()
    open_checked(first, own_copy)
    fix_typo(first)
    first.undo.setClean()
    first.hide()
    second = make_window()
    second.ask.queue = ["Discard"]
    open_checked(second, own_copy)
    assert second.session.edits == []
    assert journal.load(own_copy) is None


def test_a_changed_file_is_not_restored_onto(make_window, open_checked, own_copy, journal):
    first = make_window()
    open_checked(first, own_copy)
    fix_typo(first)
    first.undo.setClean()
    first.hide()
    stat = own_copy.stat()  # same bytes, but saved again later
    os.utime(own_copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    second = make_window()
    open_checked(second, own_copy)
    assert second.ask.asked == []
    assert second.session.edits == []


def test_closing_with_unsaved_edits_asks(window, open_checked, own_copy, journal):
    open_checked(window, own_copy)
    fix_typo(window)
    window.ask.queue = ["Cancel"]
    assert not window.close()
    assert "not in an exported file" in window.ask.asked[-1]
    window.ask.queue = ["Keep for next time"]
    assert window.close()
    assert journal.load(own_copy) is not None


def test_closing_and_discarding_forgets_the_edits(window, open_checked, own_copy, journal):
    open_checked(window, own_copy)
    fix_typo(window)
    window.ask.queue = ["Discard changes"]
    assert window.close()
    assert journal.load(own_copy) is None


def test_journal_folder_defaults_to_the_user_data_folder(monkeypatch, tmp_path):
    import platformdirs

    from desktop_app.core.session import journal

    monkeypatch.setattr(platformdirs, "user_data_path", lambda *a, **k: tmp_path / "data")
    assert journal.default_folder() == tmp_path / "data" / "journal"
    assert isinstance(EditJournal(journal.default_folder()).pending(), list)
