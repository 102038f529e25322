"""The first run: the welcome view, the application icon and the About box."""

from __future__ import annotations

from importlib.metadata import version

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.core.checking.rules import RULE_TITLES
from desktop_app.gui.icon import SIZES, app_icon


def test_the_welcome_view_shows_while_no_file_is_open(window):
    welcome = window.welcome
    assert window.pages.currentWidget() is welcome
    assert welcome.open_button.isVisible() and welcome.sample_button.isVisible()


def test_open_your_file_asks_for_it(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "desktop_app.gui.main_window.QFileDialog.getOpenFileName",
        lambda *a, **k: asked.append(a) or ("", ""),
    )
    window.welcome.open_button.click()
    assert len(asked) == 1 and window.session is None


def test_try_the_sample_opens_the_bundled_sample_with_problems(window, qtbot, problems_path):
    with qtbot.waitSignal(window.check_finished, timeout=30_000):
        window.welcome.sample_button.click()
    assert window.session.table.path.name == problems_path.name
    assert window.session.result.summary["errors"] > 0
    assert window.pages.currentWidget() is window.workspace


def test_the_welcome_view_names_the_nine_rules_and_leads_to_help(window):
    text = window.welcome.rules.text()
    for rule, title in RULE_TITLES.items():
        assert f"<b>{rule} {title}:</b>" in text
    assert len(RULE_TITLES) == 9
    assert not window.help.isVisible()
    window.welcome.rules.linkActivated.emit("help")
    assert window.help.isVisible()


def test_the_application_and_its_windows_have_the_icon(window):
    from desktop_app.gui.app import application

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)
    image = icon.pixmap(64, 64).toImage()
    assert image.pixelColor(32, 32).alpha() == 255  # drawn, not an empty square
    assert application() is QApplication.instance()
    assert QApplication.windowIcon().cacheKey() == icon.cacheKey()


def test_about_names_program_schema_and_library_versions(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    help_menu = window.menuBar().actions()[-1].menu()
    about = next(a for a in help_menu.actions() if "About" in a.text())
    about.trigger()
    [text] = shown
    assert __version__ in text
    assert "global-pipeline 2026.2" in text
    for package in ("pandas", "pandera", "openpyxl", "python-calamine", "babel"):
        assert f"{package}</td><td>&nbsp;&nbsp;{version(package)}<" in text
    assert "PySide6 / Qt" in text and "Python" in text
