"""Window tests: offscreen, settings, the data folder and the journal in tmp_path, Qt
warnings fail a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
PROBLEMS = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
VALID = SAMPLES / "SE01_2026-Q4_pipeline.xlsx"
# The offscreen platform says this of every top-level window; it is no fault of ours.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path):
    """QSettings (geometry, recent files) go to tmp_path, never to the real home."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))
    yield
    QSettings().clear()


@pytest.fixture(autouse=True)
def data_in_tmp(tmp_path, monkeypatch):
    """The user data folder (kept schemas, trusted keys, the channel) is tmp_path's: every
    window looks in the global team's channel when it starts."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TEMPLATE_CHECKER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def problems_path() -> Path:
    return PROBLEMS


@pytest.fixture(scope="session")
def valid_path() -> Path:
    return VALID


class Answers:
    """Stands in for the window's questions: answers given in order, then `default`."""

    def __init__(self, default: str = "Discard changes") -> None:
        self.queue: list[str] = []
        self.default = default
        self.asked: list[str] = []

    def __call__(self, title: str, text: str, choices: list[str]) -> str:
        self.asked.append(text)
        answer = self.queue.pop(0) if self.queue else self.default
        assert answer in choices, f"{answer!r} is not offered in {choices}"
        return answer


@pytest.fixture
def journal(tmp_path):
    from desktop_app.core.session.journal import EditJournal

    return EditJournal(tmp_path / "journal")


@pytest.fixture
def make_window(qtbot, journal, schema):
    """A shown main window whose questions are answered by an Answers."""
    from desktop_app.gui.main_window import MainWindow

    def make(journal=journal, schema=schema):
        """schema=None: the version in use, as when a person starts the window."""
        window = MainWindow(journal, schema)
        window.ask = Answers()
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def open_checked(qtbot):
    """Open a file in a window and wait until it is checked and shown."""

    def run(window, path) -> None:
        with qtbot.waitSignal(window.check_finished, timeout=30_000):
            window.open_file(path)

    return run
