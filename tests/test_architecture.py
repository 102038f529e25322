"""The core knows nothing of Qt: the command line and the window are layers over it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desktop_app.core


def test_core_imports_no_qt():
    modules = [
        m.name for m in pkgutil.walk_packages(desktop_app.core.__path__, "desktop_app.core.")
    ]
    assert "desktop_app.core.checking.rules.dq9_ownership" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_one_module_per_rule():
    from desktop_app.core.checking.rules import RULES

    assert [r.RULE for r in RULES] == [f"DQ{i}" for i in range(1, 10)]
    assert all(r.TITLE and callable(r.check) for r in RULES)
