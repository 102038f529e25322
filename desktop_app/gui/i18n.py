"""The window's language: English, Swedish or German, following the system unless the
person chose one (Settings: the "language" entry of QSettings).

The translations are Qt Linguist files (resources/translations/*.ts). The
bundle compiles them to .qm at build time; a source checkout has only the .ts, so the .qm
is compiled on first use with lrelease (shipped with PySide6) into the user's cache folder,
keyed by the .ts's content so that an edited .ts is compiled again. QTranslator cannot
read a .ts itself. Where no .qm can be had, the window stays in English.

After changing the window's strings: `pyside6-lupdate desktop_app/gui/*.py -no-obsolete
-locations none -ts resources/translations/template_checker_{sv,de}.ts`, then
translate what is new (pyside6-linguist); tests/gui/test_translations.py fails until then.
A new language is one more entry in LANGUAGES and one more .ts.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop_app.bundled import data_folder
from desktop_app.core.model.findings import Finding, render_message

LANGUAGES = {"en": "English", "sv": "Svenska", "de": "Deutsch"}
SETTING = "language"  # QSettings key; absent: follow the system
CATALOGUE = "template_checker"

# lupdate finds translate("Context", "text") calls; the context is the class shown.
translate = QCoreApplication.translate

_current = "en"
_installed: list[QTranslator] = []  # kept referenced: Qt does not own them


def system_language() -> str:
    """The system's language if the window speaks it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def chosen_language() -> str:
    """The language set in the settings, else the system's."""
    value = QSettings().value(SETTING)
    return value if value in LANGUAGES else system_language()


def save_language(language: str | None) -> None:
    """Remember the person's choice (None: follow the system again)."""
    if language is None:
        QSettings().remove(SETTING)
    else:
        QSettings().setValue(SETTING, language)


def current_language() -> str:
    """The language the window was started in (the findings' messages follow it)."""
    return _current


def install(language: str | None = None) -> str:
    """Translate the application into language (default: chosen_language()); returns the
    language in use. Replaces what an earlier call installed. The core's sentences
    (refusals, notices) follow the same language."""
    from desktop_app.core.model.catalogue import set_language

    in_use = _install(language)
    set_language(in_use)
    return in_use


def _install(language: str | None) -> str:
    global _current
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else chosen_language()
    _current = "en"
    if language == "en":
        return _current
    ours = QTranslator()
    qm = _compiled(language)
    if qm is None or not ours.load(str(qm)):
        return _current
    qt_own = QTranslator()  # standard buttons and dialogs (Close, Cancel, file dialogs)
    if qt_own.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        _installed.append(qt_own)
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    _current = language
    return _current


def add_language_menu(menu: QMenu, parent: QWidget) -> QMenu:
    """A Language submenu of menu: follow the system, or one of the languages.
    The choice is saved and takes effect when the program starts again."""
    submenu = menu.addMenu(translate("Language", "&Language"))
    group = QActionGroup(submenu)
    saved = QSettings().value(SETTING)
    choices = [(None, translate("Language", "As the system"))]
    choices += list(LANGUAGES.items())  # each language in its own words, never translated
    for code, name in choices:
        action = submenu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == saved or (code is None and saved not in LANGUAGES))
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: _on_language_chosen(parent, c))
    return submenu


def _on_language_chosen(parent: QWidget, language: str | None) -> None:
    save_language(language)
    if (language or system_language()) == _current:
        return
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("Language", "Language"),
        translate("Language", "The new language is used once Template Checker is started again."),
        parent=parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): the window carries on meanwhile


def finding_message(finding: Finding) -> str:
    """A finding's message in the window's language (English where a text is missing)."""
    params = {"value": finding.value, "suggestion": finding.suggestion, **finding.params}
    return render_message(finding.code, params, _current)


def column_label(column) -> str:
    """A schema column's label in the window's language (the schema gives each language's)."""
    return column.label_in(_current)


def decimal_mark() -> str:
    """The decimal mark of the window's language (the sheet keeps the subsidiary's)."""
    return _decimal_mark(_current)


@cache
def _decimal_mark(language: str) -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(language)


def severity_label(severity: str) -> str:
    """error, warning, fixed as a person reads them."""
    labels = {
        "error": translate("Severity", "Error"),
        "warning": translate("Severity", "Warning"),
        "fixed": translate("Severity", "Fixed"),
    }
    return labels[severity]


# The rules' titles live in the core (English); listed here so that lupdate finds them.
_RULE_TITLES = (
    QT_TRANSLATE_NOOP("Rule", "Template structure"),
    QT_TRANSLATE_NOOP("Rule", "Completeness"),
    QT_TRANSLATE_NOOP("Rule", "Types and formats"),
    QT_TRANSLATE_NOOP("Rule", "Allowed values"),
    QT_TRANSLATE_NOOP("Rule", "Ranges and plausibility"),
    QT_TRANSLATE_NOOP("Rule", "Uniqueness"),
    QT_TRANSLATE_NOOP("Rule", "Sales-process consistency"),
    QT_TRANSLATE_NOOP("Rule", "KPI definitions and currency"),
    QT_TRANSLATE_NOOP("Rule", "Ownership and international accounts"),
)


def rule_titles() -> dict[str, str]:
    """Each rule's title in the window's language, by rule id."""
    from desktop_app.core.checking.rules import RULE_TITLES

    return {rule: translate("Rule", title) for rule, title in RULE_TITLES.items()}


def _compiled(language: str) -> Path | None:
    """The .qm of a language: shipped beside the .ts (bundle), else compiled into the cache."""
    folder = data_folder("resources").joinpath("translations")
    shipped = folder.joinpath(f"{CATALOGUE}_{language}.qm")
    if shipped.is_file():
        return Path(str(shipped))
    source = folder.joinpath(f"{CATALOGUE}_{language}.ts")
    if not source.is_file():
        return None
    data = source.read_bytes()
    import platformdirs

    cache = platformdirs.user_cache_path("template-checker", appauthor=False) / "translations"
    target = cache / f"{CATALOGUE}_{language}_{hashlib.sha256(data).hexdigest()[:16]}.qm"
    if target.is_file():
        return target
    return _lrelease(data, target)


def _lrelease(ts: bytes, target: Path) -> Path | None:
    """Compile a .ts into target with PySide6's lrelease; None when that is not possible."""
    from desktop_app.core.model.atomic import atomic_path
    from desktop_app.core.model.errors import ProblemForUser

    tool = Path(sys.modules["PySide6"].__file__).parent / (
        "lrelease.exe" if sys.platform == "win32" else "lrelease"
    )
    if not tool.is_file():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(target) as tmp:
            source = tmp.with_suffix(".ts")
            source.write_bytes(ts)
            try:
                done = subprocess.run(
                    [str(tool), "-silent", str(source), "-qm", str(tmp)],
                    capture_output=True,
                    check=False,
                )
            finally:
                source.unlink(missing_ok=True)
            if done.returncode != 0 or not tmp.is_file():
                raise OSError(done.stderr.decode(errors="replace"))
    except (OSError, ProblemForUser):  # no writable cache: the window stays in English
        return None
    return target
