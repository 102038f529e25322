"""The window and the global team's schemas: the version in use, the channel looked in off
the GUI thread, its notice, the schema dialog, and what --screenshot prints."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.cli import main
from desktop_app.core.schema.channel import ChannelUpdate, set_channel_folder
from desktop_app.core.schema.diff import diff_schemas
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.schema.signing import generate_key_pair, sign_schema_file, trust_key
from desktop_app.core.schema.store import SchemaEntry, import_schema
from desktop_app.gui import schema_channel
from desktop_app.gui.schema_dialog import SchemaChoiceDialog
from desktop_app.gui.schema_diff_dialog import SchemaDiffDialog
from tests.helpers import BUNDLED_SCHEMA as BUNDLED


def version_2026_3(folder: Path, name: str = "global-pipeline-2026.3.yaml") -> Path:
    """The bundled schema as the global team's 2026.3: a new SEK rate, deals stale sooner."""
    text = (
        BUNDLED.replace('version: "2026.2"', 'version: "2026.3"')
        .replace("SEK: 11.50", "SEK: 11.40")
        .replace("stale_after_days: 90", "stale_after_days: 60")
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def key_pair(tmp_path: Path) -> tuple[Path, Path]:
    """The global team's signing key and its public half."""
    (tmp_path / "keys").mkdir()
    return generate_key_pair(tmp_path / "keys")


@pytest.fixture
def global_team(tmp_path):
    """A trusted signing key and a channel folder (empty yet); returns (key, channel)."""
    key, pub = key_pair(tmp_path)
    trust_key(pub)
    channel = tmp_path / "channel"
    channel.mkdir()
    set_channel_folder(channel)
    return key, channel


def publish(key: Path, channel: Path) -> Path:
    path = version_2026_3(channel)
    sign_schema_file(path, key)
    return path


@pytest.fixture
def make_plain_window(make_window):
    """A window started as a person starts it: no schema named, so the version in use."""
    return lambda: make_window(schema=None)


def wait_for_the_look(qtbot, window) -> None:
    if window.channel.looking:
        with qtbot.waitSignal(window.channel.looked, timeout=20_000):
            pass


def test_the_window_checks_against_the_newest_trusted_kept_version(
    make_plain_window, open_checked, problems_path, tmp_path
):
    key, pub = key_pair(tmp_path)
    signed = version_2026_3(tmp_path / "given")
    sign_schema_file(signed, key)
    later = version_2026_3(tmp_path / "given", "later.yaml")
    later.write_text(later.read_text("utf-8").replace("2026.3", "2026.4"), encoding="utf-8")
    import_schema(later)  # kept before any key was trusted: no longer counts once one is
    trust_key(pub)
    import_schema(signed)
    window = make_plain_window()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3"
    open_checked(window, problems_path)
    assert window.session.schema.version == "2026.3"
    assert "global-pipeline 2026.3" in window.workspace.banner.details.text()


def test_an_unsigned_kept_version_is_in_use_while_no_key_is_trusted(make_plain_window, tmp_path):
    import_schema(version_2026_3(tmp_path / "given"))
    window = make_plain_window()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3 (unsigned)"


def test_a_version_arriving_in_the_channel_is_announced_and_the_file_checked_again(
    make_plain_window, open_checked, problems_path, global_team, qtbot
):
    key, channel = global_team
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    assert not window.notice.isVisible() and not window.channel.label.isVisible()
    open_checked(window, problems_path)
    wait_for_the_look(qtbot, window)  # the look before the open found nothing new
    row = window.session.result.rows[0]
    window.controller.on_cell_edited(row, "customer_name", "Kept Edit AB")
    publish(key, channel)
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        assert window.channel.look()
    changes = len(diff_schemas(load_schema(), window.schema))
    assert changes == 2  # the SEK rate and stale_after_days
    assert window.notice.isVisible()
    assert window.notice.text == "The global team's schema 2026.3 is now in use — 2 changes"
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3"
    assert window.session.schema.version == "2026.3"
    assert window.session.raw(row, "customer_name") == "Kept Edit AB"  # the edit survived
    window.notice.label.linkActivated.emit("changes")
    dialog = window.findChild(SchemaDiffDialog)
    assert dialog.isVisible() and len(dialog.changes) == changes
    assert "2026.2" in dialog.headline.text() and "2026.3" in dialog.headline.text()


def test_a_version_arriving_before_any_file_is_in_use_for_the_next(
    make_plain_window, open_checked, problems_path, global_team, qtbot
):
    publish(*global_team)
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    assert window.notice.isVisible() and "2026.3" in window.notice.text
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3"
    open_checked(window, problems_path)
    assert window.session.schema.version == "2026.3"


def test_an_unreadable_channel_is_a_quiet_status_line(make_plain_window, tmp_path, qtbot):
    set_channel_folder(tmp_path / "share-that-is-offline")
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    assert window.channel.label.isVisible()
    assert window.channel.label.text() == "The global team's schema folder could not be read."
    assert "share-that-is-offline" in window.channel.label.toolTip()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert not window.notice.isVisible()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"


def test_an_unsigned_version_in_the_channel_is_not_taken(make_plain_window, global_team, qtbot):
    _key, channel = global_team
    version_2026_3(channel)  # no signature
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    assert window.channel.label.text() == (
        "1 file in the global team's schema folder was not taken."
    )
    assert "global-pipeline-2026.3.yaml" in window.channel.label.toolTip()
    assert not window.notice.isVisible()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"


def schema_dialog(window) -> SchemaChoiceDialog:
    window.on_load_schema()
    (dialog,) = [d for d in window.findChildren(SchemaChoiceDialog) if d.isVisible()]
    return dialog


def test_the_schema_dialog_lists_the_kept_versions_with_the_one_in_use(make_plain_window, tmp_path):
    import_schema(version_2026_3(tmp_path / "given"))
    window = make_plain_window()
    dialog = schema_dialog(window)
    assert dialog.entries() == [
        "global-pipeline 2026.3  (in use, unsigned)",
        "global-pipeline 2026.2  (bundled with the program)",
    ]
    dialog.versions.setCurrentRow(1)
    dialog.accept()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"


def choose_file(monkeypatch, dialog, path: Path, how: str) -> None:
    monkeypatch.setattr(
        "desktop_app.gui.schema_dialog.QFileDialog.getOpenFileName", lambda *a: (str(path), "")
    )
    monkeypatch.setattr(dialog, "ask_how", lambda _file: how)
    dialog.file_button.click()


def test_a_signed_file_kept_from_the_dialog_is_in_use(
    make_plain_window, global_team, tmp_path, monkeypatch
):
    window = make_plain_window()
    dialog = schema_dialog(window)
    signed = version_2026_3(tmp_path / "given")
    sign_schema_file(signed, global_team[0])
    choose_file(monkeypatch, dialog, signed, "keep")
    assert not dialog.isVisible()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3"
    assert "global-pipeline 2026.3  (in use)" in schema_dialog(window).entries()


def test_an_unsigned_file_is_not_kept_once_a_key_is_trusted_but_may_be_checked_once(
    make_plain_window, global_team, tmp_path, monkeypatch
):
    window = make_plain_window()
    dialog = schema_dialog(window)
    draft = version_2026_3(tmp_path / "drafts")
    choose_file(monkeypatch, dialog, draft, "keep")
    assert dialog.isVisible() and dialog.note.isVisible()
    assert draft.name in dialog.note.text()
    assert dialog.note.text().endswith("You can still check against it just this once.")
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"
    choose_file(monkeypatch, dialog, draft, "once")
    assert not dialog.isVisible()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.3 (unsigned)"


def test_screenshot_prints_the_banner_and_the_schema_line(
    qapp, problems_path, global_team, tmp_path, capsys
):
    publish(*global_team)
    out = tmp_path / "shot.png"
    assert main(["gui", str(problems_path), "--screenshot", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2, lines
    notice, verdict = lines[0].split(" · ")
    assert notice == "The global team's schema 2026.3 is now in use — 2 changes"
    assert "errors to fix" in verdict
    assert lines[1] == "Schema: global-pipeline 2026.3"
    assert out.exists()


def test_a_version_arriving_while_a_file_opens_is_taken_once_it_is_shown(
    make_plain_window, open_checked, problems_path, tmp_path, qtbot
):
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    before = window.schema
    new = load_schema(version_2026_3(tmp_path / "given"))
    arrived = ChannelUpdate(
        tmp_path, None, [SchemaEntry(new.id, new.version, None)], [], before, new
    )
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.open_file(problems_path)
        window.channel.on_looked(arrived)  # while the file is read: it waits
        assert window.channel.pending is not None and not window.settled()
    assert window.session.schema.version == "2026.2"  # the file as it was opened, first
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        pass  # then checked again against the version that arrived
    assert window.session.schema.version == "2026.3" and window.settled()
    assert window.notice.isVisible()


def test_a_window_started_with_a_schema_of_its_own_keeps_it(make_window, global_team, qtbot):
    publish(*global_team)
    window = make_window()  # as `gui --schema FILE`: a draft being tried
    wait_for_the_look(qtbot, window)
    assert not window.notice.isVisible()
    assert window.schema_label.text() == "Schema: global-pipeline 2026.2"
    assert window.channel.label.text() == (
        "The global team's schema 2026.3 is kept; this window goes on with the schema it "
        "was started with."
    )


def test_a_share_that_does_not_answer_holds_nothing_up(
    make_plain_window, open_checked, problems_path, qtbot, monkeypatch
):
    answer = threading.Event()
    real = schema_channel.update_from_channel
    monkeypatch.setattr(schema_channel, "update_from_channel", lambda: answer.wait(30) and real())
    window = make_plain_window()
    assert window.channel.looking
    open_checked(window, problems_path)  # the file is read and checked meanwhile
    assert window.channel.looking and not window.settled()
    with qtbot.waitSignal(window.channel.looked, timeout=20_000):
        answer.set()
    assert window.settled() and not window.channel.label.isVisible()


def test_a_look_that_fails_is_a_quiet_line_too(make_plain_window, qtbot, monkeypatch):
    def broken():
        raise PermissionError(13, "Permission denied", "//server/share")

    monkeypatch.setattr(schema_channel, "update_from_channel", broken)
    window = make_plain_window()
    wait_for_the_look(qtbot, window)
    assert window.channel.label.text() == "The global team's schema folder could not be read."
    assert "//server/share" in window.channel.label.toolTip()
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
