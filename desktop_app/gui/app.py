"""Start the window: `template-checker [FILE]`, `template-checker gui FILE --screenshot OUT.png`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.core.schema.store import schema_for
from desktop_app.core.session.journal import EditJournal, default_folder
from desktop_app.gui import i18n
from desktop_app.gui.icon import app_icon
from desktop_app.gui.main_window import MainWindow

SCREENSHOT_SIZE = (1440, 900)


# The window calls into Python for each cell it paints, and each call waits for the
# GIL while a worker thread runs Python: up to the switch interval (5 ms by default),
# which would make one repaint take seconds during a background job.
SWITCH_INTERVAL = 0.001


def application() -> QApplication:
    """The QApplication, named so that QSettings and the data folder find their place."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    QCoreApplication.setOrganizationName("Template Checker")
    QCoreApplication.setApplicationName("template-checker")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Template Checker")
    i18n.install()  # before any window: widgets take their texts when built
    app.setWindowIcon(app_icon())
    return app


def save_screenshot(window: MainWindow, out: Path) -> None:
    """The whole window as a PNG, written atomically (never a half-written image)."""
    from desktop_app.core.model.atomic import atomic_path

    image = window.grab()
    with atomic_path(out) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"{out} could not be written as a PNG image")


def run_gui(args) -> int:
    app = application()
    reference = getattr(args, "schema", None)  # a draft file or a kept version, as for check
    schema = schema_for(reference) if reference else None
    if getattr(args, "screenshot", None):
        with tempfile.TemporaryDirectory() as scratch:  # the person's journal stays untouched
            window = MainWindow(EditJournal(Path(scratch)), schema)
            return _screenshot(window, args.file, Path(args.screenshot))
    window = MainWindow(EditJournal(default_folder()), schema)
    window.show()
    if args.file:
        window.open_file(args.file)
    else:
        QTimer.singleShot(0, window.offer_restore)
    return app.exec()


def _screenshot(window: MainWindow, file: str | None, out: Path) -> int:
    """Open file, wait for its check (or its "Match columns" page) and for the look in the
    global team's channel (and the check again that what it brought asks for), save the
    window as out and print what it showed (exit 2 when that fails)."""
    loop = QEventLoop()
    shot = []

    def shoot() -> None:
        if (
            shot
            or not window.settled()
            or (file and window.pages.currentWidget() is window.welcome)
        ):
            return
        shot.append(True)
        if window.pages.currentWidget() is window.workspace:
            window.workspace.step(1)  # a problem selected, as a person would see it
        QTimer.singleShot(400, finish)

    def finish() -> None:
        try:
            save_screenshot(window, out)
        except OSError as exc:
            failed(str(exc))
            return
        for line in shown_lines(window):
            print(line)
        loop.exit(0)

    def failed(sentence: str) -> None:
        sys.stderr.write(f"template-checker: {sentence}\n")
        loop.exit(2)

    window.resize(*SCREENSHOT_SIZE)
    for done in (window.check_finished, window.matching_shown, window.channel.looked):
        done.connect(shoot)
    window.task_failed.connect(failed)
    window.show()
    if file:
        window.open_file(file)
    QTimer.singleShot(0, shoot)
    code = loop.exec()
    window.hide()
    return code


def shown_lines(window: MainWindow) -> list[str]:
    """What the window shows at the top and in the status bar, for scripts: the banners'
    text (the global team's notice, then the verdict; empty when neither shows) and the
    schema line."""
    banners = []
    if window.notice.isVisible():
        banners.append(window.notice.text)
    if window.pages.currentWidget() is window.workspace:
        banners.append(window.workspace.banner.headline.text())
    return [" · ".join(banners), window.schema_label.text()]
