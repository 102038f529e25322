"""The core knows nothing of Qt: the command line and the window are layers over it."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 500


def test_no_python_file_over_500_lines():
    """The project's rule: a module that outgrows 500 lines is split by responsibility."""
    too_long = []
    for top in ("desktop_app", "tests", "benchmarks", "tools"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if ".venv" in path.parts or "__pycache__" in path.parts:
                continue
            with path.open("rb") as f:
                count = sum(1 for _ in f)
            if count > MAX_LINES:
                too_long.append(f"{path.relative_to(ROOT).as_posix()} ({count} lines)")
    assert not too_long, f"Python files over {MAX_LINES} lines: " + ", ".join(too_long)


def test_core_has_layers_not_loose_modules():
    """The core is a handful of layers (subpackages), each saying in its docstring what it
    holds; loose modules beside them stay few."""
    core = Path(desktop_app.core.__file__).parent
    loose = sorted(p.name for p in core.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 6, f"desktop_app/core has {len(loose)} loose modules: {loose}"

    packages = sorted(
        d for d in core.rglob("*") if d.is_dir() and d.name != "__pycache__" and any(d.glob("*.py"))
    )
    assert packages, "desktop_app/core has no subpackages"
    sentence = re.compile(r"[A-Z`][^.!?]*\w[^.!?]*[.!?](\s|$)")
    undocumented = []
    for package in packages:
        init = package / "__init__.py"
        name = package.relative_to(core.parent.parent).as_posix()
        if not init.is_file():
            undocumented.append(f"{name} (no __init__.py)")
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        if not sentence.search(doc.strip()):
            undocumented.append(f"{name} (no docstring of at least one sentence)")
    assert not undocumented, "core subpackages not documented: " + ", ".join(undocumented)
