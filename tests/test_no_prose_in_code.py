"""Sentences a person reads live in the message catalogue, not in the code.

Over the core's Python files (the layers in LAYERS_CHECKED), by reading the source:
- a ProblemForUser (or a subclass) is made with a string-literal catalogue code (or a
  choice between such literals) that exists in the English catalogue;
- a literal code handed to the catalogue's render() exists;
- no f-string reads as a sentence (three words or more in its literal text), unless it is
  the message of a programmer's error (ValueError, TypeError, ...) or on ALLOWED below.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path

import pytest

import desktop_app.core
from desktop_app.core.model.catalogue import codes
from desktop_app.core.model.errors import ProblemForUser

CORE = Path(desktop_app.core.__file__).parent
# The layers whose sentences are in the catalogue; the others join as they are converted.
LAYERS_CHECKED = ("model", "schema", "reading", "matching", "checking", "session", "output", "jobs")

# (file below desktop_app/core, the f-string's literal text as the failure shows it) that
# may stay, each with the reason why. Markup, paths and format codes are no words, and
# errors only a programmer sees are left out below.
ALLOWED: set[tuple[str, str]] = {
    # The name a column without a header goes by: an identifier like the canonical column
    # names (the JSON's "column"), so it stays the same in every language.
    ("reading/table.py", "(no header, column  )"),
}

# Errors that only a programmer sees (a bug in a caller); a person gets "something
# unexpected went wrong" around them.
PROGRAMMERS_ERRORS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, Exception)
} - {"Exception"}

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{2,}")


@cache
def _problem_classes() -> frozenset[str]:
    """ProblemForUser and every subclass the core defines, by class name."""
    for module in pkgutil.walk_packages(desktop_app.core.__path__, "desktop_app.core."):
        importlib.import_module(module.name)
    found, todo = set(), [ProblemForUser]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return frozenset(found)


def _files() -> list[Path]:
    return sorted(p for layer in LAYERS_CHECKED for p in (CORE / layer).rglob("*.py"))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _code_tables(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level dicts whose values are all string literals (kind -> code), by name."""
    tables = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Dict):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            values = node.value.values
            if isinstance(target, ast.Name) and all(
                isinstance(v, ast.Constant) and isinstance(v.value, str) for v in values
            ):
                tables[target.id] = [v.value for v in values]
    return tables


def _literal_codes(node: ast.expr, tables: dict[str, list[str]]) -> list[str] | None:
    """The codes a code argument can be: literals, a choice (x if c else y) of them, or a
    look-up in a module-level table of literal codes."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, other = _literal_codes(node.body, tables), _literal_codes(node.orelse, tables)
        return None if body is None or other is None else body + other
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return tables.get(node.value.id)
    return None


def _sentence_like(text: str) -> bool:
    """Three words or more: tokens between spaces that are letters only (a path, markup,
    an identifier or a format code is no word)."""
    words = [t.strip(",.;:!?()'\"") for t in text.split()]
    return sum(1 for w in words if _WORD.fullmatch(w)) >= 3


def _f_string_text(node: ast.JoinedStr) -> str:
    return " ".join(
        v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
    )


def _programmers_error_args(tree: ast.AST) -> set[int]:
    """ids of the f-strings inside `raise ValueError(...)` and the like."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        exc = node.exc if isinstance(node, ast.Raise) else None
        if isinstance(exc, ast.Call) and _name(exc.func) in PROGRAMMERS_ERRORS:
            inside.update(id(n) for n in ast.walk(exc))
    return inside


def _problems_in(
    source: str, where: str, problem_classes: set[str], english: set[str]
) -> list[str]:
    """What breaks the rules in one file's source (where: its path below the core)."""
    tree = ast.parse(source)
    tables = _code_tables(tree)
    internal = _programmers_error_args(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in problem_classes:
                found = _literal_codes(node.args[0], tables) if node.args else None
                if found is None:
                    out.append(f"{where}:{node.lineno} {name} without a literal catalogue code")
                else:
                    out += [
                        f"{where}:{node.lineno} {name} code {c!r} is not in the catalogue"
                        for c in found
                        if c not in english
                    ]
            elif name == "render" and node.args:
                found = _literal_codes(node.args[0], tables) or []
                out += [
                    f"{where}:{node.lineno} render code {c!r} is not in the catalogue"
                    for c in found
                    if c not in english
                ]
        elif isinstance(node, ast.JoinedStr) and id(node) not in internal:
            text = _f_string_text(node)
            if _sentence_like(text) and (where, text) not in ALLOWED:
                out.append(f"{where}:{node.lineno} a sentence in an f-string: {text!r}")
    return sorted(out, key=lambda line: int(line.split(" ")[0].split(":")[1]))


def test_the_scope_is_real():
    assert _files(), LAYERS_CHECKED
    assert {"SchemaError", "ExportRefused", "FolderProblem"} <= _problem_classes()


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.relative_to(CORE).as_posix())
def test_sentences_come_from_the_catalogue(path):
    where = path.relative_to(CORE).as_posix()
    assert _problems_in(path.read_text("utf-8"), where, _problem_classes(), codes("en")) == []


def test_the_check_finds_prose_and_unknown_codes():
    """The test itself: it sees what it is meant to see."""
    sample = (
        "raise SchemaError(f'Schema {x} is broken')\n"
        "raise SchemaError('schema.no_such_code')\n"
        "raise SchemaError('schema.invalid' if x else 'schema.nope', file=x)\n"
        "render('output.nope')\n"
        "step(f'Writing rows {a} of {b} now')\n"
        "raise ValueError(f'{n} values for the {m} columns')\n"
        'x = f\'<sheet name="{n}" sheetId="{i}"/>\'\n'
    )
    found = _problems_in(sample, "sample.py", frozenset({"SchemaError"}), codes("en"))
    assert [line.split(" ", 1)[0] for line in found] == [
        "sample.py:1",
        "sample.py:1",
        "sample.py:2",
        "sample.py:3",
        "sample.py:4",
        "sample.py:5",
    ]
