"""The core knows nothing of Qt: the command line and the window are layers over it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desktop_app.core


def loaded_by(modules: list[str], which: str) -> str:
    """The modules, among those that importing `modules` loads in a fresh interpreter, for
    which the expression `which` (of m, the module's name) holds; printed as a list."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if {which}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_core_imports_no_qt():
    modules = [
        m.name for m in pkgutil.walk_packages(desktop_app.core.__path__, "desktop_app.core.")
    ]
    assert "desktop_app.core.checking.rules.dq9_ownership" in modules
    qt = "m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6')"
    assert loaded_by(modules, qt) == "[]"


def test_one_module_per_rule():
    from desktop_app.core.checking.rules import RULES

    assert [r.id for r in RULES] == [f"DQ{i}" for i in range(1, 10)]
    assert all(r.title and r.checks and all(callable(c.run) for c in r.checks) for r in RULES)


def test_rules_read_no_user_folder():
    """The same file and schema give the same findings on every machine: no rule module
    (nor what it imports) reaches the schema store or the user's data folder."""
    import desktop_app.core.checking.rules as rules

    names = [m.name for m in pkgutil.iter_modules(rules.__path__, rules.__name__ + ".")]
    assert "desktop_app.core.checking.rules.dq1_structure" in names
    assert loaded_by(names, "m == 'platformdirs' or m.endswith('.store')") == "[]"
