"""The window opens without the heavy data libraries: they load when a check needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# Runs in a fresh interpreter: this test process has long since imported pandas.
OPEN_WINDOW = """
import json, sys, tempfile
from pathlib import Path
from desktop_app.gui.app import application
from desktop_app.core.session.journal import EditJournal
from desktop_app.gui.main_window import MainWindow
app = application()
window = MainWindow(EditJournal(Path(tempfile.mkdtemp())), None)
window.show()
app.processEvents()
print(json.dumps(sorted(m for m in ("pandas", "pandera", "openpyxl") if m in sys.modules)))
"""


def test_window_opens_without_pandas_pandera_openpyxl():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", OPEN_WINDOW], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
