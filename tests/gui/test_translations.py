"""The window in Swedish and German: every visible string translated, the language chosen
from the settings, and the findings and the help in the same language as the menus."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from string import Formatter

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.checking.rules import RULE_TITLES
from desktop_app.core.model.findings import render_message
from desktop_app.gui import i18n
from desktop_app.gui.charts import compact_number

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "desktop_app" / "gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module", params=["sv", "de"])
def updated_ts(request, tmp_path_factory) -> tuple[str, ET.ElementTree]:
    """The committed .ts brought up to date with the sources, as lupdate does it: a string
    added or changed in desktop_app/gui/*.py comes in untranslated."""
    language = request.param
    ts = tmp_path_factory.mktemp(language) / f"template_checker_{language}.ts"
    shutil.copy(TRANSLATIONS / ts.name, ts)
    sources = sorted(str(p) for p in GUI.glob("*.py"))
    subprocess.run(
        [str(LUPDATE), *sources, "-no-obsolete", "-locations", "none", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    return language, ET.parse(ts)


def messages(tree: ET.ElementTree):
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def test_every_visible_string_has_a_translation(updated_ts):
    language, tree = updated_ts
    untranslated = [
        (context, message.findtext("source"))
        for context, message in messages(tree)
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (message.findtext("translation") or "").strip()
    ]
    assert not untranslated, f"no {language} translation for {untranslated}"


# Qt calls whose text arguments a person reads; a literal or an f-string there is a string
# that lupdate never sees, so it could not have a translation.
SHOWN = {
    "QLabel", "QPushButton", "QCheckBox", "QAction", "QMessageBox", "QGroupBox", "QRadioButton",
    "setText", "setTitle", "setWindowTitle", "setToolTip", "setPlaceholderText",
    "setAccessibleName", "showMessage", "addMenu", "addAction", "addItem", "addButton",
    "setHtml", "setLabelText", "start", "information", "warning", "question", "critical",
    "about", "getOpenFileName", "getSaveFileName", "getExistingDirectory", "getItem",
}  # fmt: skip
ONLY_FIRST = {"addItem"}  # addItem(text, data): the data is no text
PRODUCT = "Template Checker"  # the program's name is not translated


def _words(arg: ast.expr) -> str:
    """The literal words of a string or f-string argument, without tags and the product."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value
    elif isinstance(arg, ast.JoinedStr):
        text = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
    else:
        return ""
    return re.sub(r"<[^>]*>", "", text).replace(PRODUCT, "")


def _untranslated_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SHOWN:
            continue
        for arg in node.args[:1] if name in ONLY_FIRST else node.args:
            if any(c.isalpha() for c in _words(arg)):
                found.append(f"{path.name}:{node.lineno} {ast.unparse(arg)}")
    return found


def test_no_visible_string_bypasses_translation():
    found = [hit for path in sorted(GUI.glob("*.py")) for hit in _untranslated_literals(path)]
    assert not found, "shown without tr()/translate(): " + "; ".join(found)


def test_translations_keep_the_blanks(updated_ts):
    """A {name} missing or misspelt in a translation would break .format() at run time."""
    language, tree = updated_ts
    for context, message in messages(tree):
        source, translation = message.findtext("source"), message.findtext("translation") or ""
        assert fields(translation) == fields(source), (language, context, source)


def test_strings_are_found_in_every_part_of_the_window(updated_ts):
    """lupdate sees the strings (none hidden in an f-string or a bare literal)."""
    _language, tree = updated_ts
    contexts = {context for context, _ in messages(tree)}
    assert {"WindowActions", "MainWindow", "FindingsModel", "VerdictBanner"} <= contexts
    assert "" not in contexts  # a tr() outside any class would get no context
    rules = {m.findtext("source") for c, m in messages(tree) if c == "Rule"}
    assert rules == set(RULE_TITLES.values())
    assert set(i18n._RULE_TITLES) == set(RULE_TITLES.values())


@pytest.fixture
def swedish(monkeypatch, tmp_path):
    """The application in Swedish, its .qm compiled into an empty cache (as in a source
    checkout); English again afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "cache"))
    assert i18n.install("sv") == "sv"
    yield
    i18n.install("en")


def test_the_window_speaks_swedish(swedish, window, open_checked, problems_path):
    titles = [a.text() for a in window.menuBar().actions()]
    assert {"&Arkiv", "&Redigera", "&Visa", "&Hjälp"} <= set(titles)
    assert "&File" not in titles
    open_checked(window, problems_path)
    assert "fel att rätta" in window.workspace.banner.headline.text()
    model = window.workspace.findings.model
    shown = [model.index(r, 4).data() for r in range(model.rowCount())]
    expected = [
        render_message(f.code, {"value": f.value, "suggestion": f.suggestion, **f.params}, "sv")
        for f in (model.finding(r) for r in range(model.rowCount()))
    ]
    assert shown == expected
    english = [
        render_message(f.code, {"value": f.value, "suggestion": f.suggestion, **f.params}, "en")
        for f in (model.finding(r) for r in range(model.rowCount()))
    ]
    assert shown != english
    assert '"Kund" måste fyllas i.' in shown  # the schema's Swedish label, not "Customer"
    columns = {model.index(r, 3).data() for r in range(model.rowCount())}
    assert {"Kund", "Ägare", "Affärsmöjlighets-ID"} <= columns
    assert not {"Customer", "Owner", "Opportunity ID"} & columns
    sheet = window.workspace.sheet.model
    headers = [sheet.headerData(c, Qt.Orientation.Horizontal) for c in range(sheet.columnCount())]
    assert any(h.startswith("Kund\n") for h in headers), headers
    assert "De nio reglerna" in window.help.browser.toPlainText()
    assert compact_number(1_234_567) == "1,2 mn"


def test_english_needs_no_translation(window):
    assert i18n.install("en") == "en"
    assert [a.text() for a in window.menuBar().actions()][0] == "&File"


def test_the_language_is_the_settings_choice_else_the_system(qapp):
    QSettings().remove(i18n.SETTING)
    assert i18n.chosen_language() == i18n.system_language()
    i18n.save_language("de")
    assert i18n.chosen_language() == "de"
    QSettings().setValue(i18n.SETTING, "klingon")  # a value from elsewhere: ignored
    assert i18n.chosen_language() == i18n.system_language()


def test_choosing_a_language_in_the_menu_saves_it_for_the_next_start(window, qtbot):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    language = next(a.menu() for a in view.actions() if a.text() == "&Language")
    deutsch = next(a for a in language.actions() if a.text() == "Deutsch")
    deutsch.trigger()
    assert QSettings().value(i18n.SETTING) == "de"
    qtbot.waitUntil(lambda: window.findChildren(QMessageBox) != [])
    box = window.findChild(QMessageBox)
    assert "started again" in box.text()
    box.close()
    following = next(a for a in language.actions() if a.data() is None)
    following.trigger()
    assert QSettings().value(i18n.SETTING) is None


def test_help_falls_back_to_english_for_a_language_without_help():
    from desktop_app.gui.help_panel import _help_text

    assert _help_text("fr") == _help_text("en")
    assert _help_text("sv")["rules"].keys() == _help_text("en")["rules"].keys()
    assert _help_text("de")["rules"].keys() == _help_text("en")["rules"].keys()


def test_a_refusal_is_in_the_windows_language(swedish, window, qtbot, tmp_path):
    empty = tmp_path / "SE01_2026-Q4_pipeline.xlsx"
    empty.write_bytes(b"")
    with qtbot.waitSignal(window.task_failed, timeout=20_000) as failed:
        window.open_file(empty)
    assert failed.args == [f'"{empty.name}" är tom (0 byte); välj den ifyllda arbetsboken.']
