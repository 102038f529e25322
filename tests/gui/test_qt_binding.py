"""The Qt binding itself holds up in a long session: no reference lost per call.

PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to True on every Signal.emit
(and to None on every void call); after some thousands of edits the process aborts with
"bool_dealloc". pyproject.toml excludes that release; this test fails if one like it is
installed again.
"""

from __future__ import annotations

import subprocess
import sys

LONG_SESSION = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

app = QCoreApplication([])

class Emitter(QObject):
    happened = Signal(bool)

emitter = Emitter()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(2000):
    emitter.setObjectName("x")
    emitter.happened.emit(True)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_signals_and_void_calls_keep_their_references():
    done = subprocess.run(
        [sys.executable, "-c", LONG_SESSION], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-500:]
    lost_none, lost_true = (int(n) for n in done.stdout.split())
    assert lost_none > -100 and lost_true > -100, done.stdout
