"""Recent files and the last folder used, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.gui.i18n import translate

MAX_RECENT = 8


def recent_files() -> list[str]:
    """The files opened lately, newest first, that still exist."""
    value = QSettings().value("recent_files", [])
    files = [value] if isinstance(value, str) else list(value or [])
    return [f for f in files if Path(f).exists()]


def remember(path: Path) -> list[str]:
    """Put path first among the recent files; returns them."""
    text = str(path.resolve())
    files = [text, *[f for f in recent_files() if f != text]][:MAX_RECENT]
    settings = QSettings()
    settings.setValue("recent_files", files)
    settings.setValue("last_folder", str(path.resolve().parent))
    return files


def last_folder() -> str:
    return str(QSettings().value("last_folder", str(Path.home())))


def fill_menu(menu, open_file) -> None:
    """List the recent files in menu; choosing one calls open_file(path)."""
    menu.clear()
    for i, file in enumerate(recent_files(), start=1):
        action = menu.addAction(f"&{i} {Path(file).name}")
        action.setToolTip(file)
        action.triggered.connect(lambda _checked=False, f=file: open_file(f))
    if menu.isEmpty():
        menu.addAction(translate("RecentFiles", "(none yet)")).setEnabled(False)
