"""Nothing lost: every command, on a copy of every hostile file, leaves the source's bytes
as they were, and every output it was asked for is either complete or absent (no *.part).

A new command must be added to COMMANDS (the last test fails until it is).
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
import zipfile

import pytest
from hostile_files import CASES

from desktop_app.cli import main
from desktop_app.commands import COMMAND_MODULES

# command -> (argv templates with {src}, {dir}, {out}; the outputs each one may write)
COMMANDS = {
    "check": [
        (["check", "{src}", "--format", "json"], []),
        (
            ["check", "{src}", "--annotate", "{out}/annotated.xlsx", "--report", "{out}/r.html"],
            ["annotated.xlsx", "r.html"],
        ),
    ],
    "export": [
        (["export", "{src}", "-o", "{out}/clean.xlsx"], ["clean.xlsx"]),
        (["export", "{src}", "-o", "{out}/clean.csv", "--format", "csv"], ["clean.csv"]),
    ],
    "fix": [(["fix", "{src}", "-o", "{out}/fixed.xlsx"], ["fixed.xlsx"])],
    "map": [
        (
            ["map", "{src}", "-o", "{out}/matched.xlsx", "--save-mapping", "{out}/m.yaml"],
            ["matched.xlsx", "m.yaml"],
        )
    ],
    "verify": [(["verify", "{src}"], [])],
    "consolidate": [(["consolidate", "{dir}", "-o", "{out}/global.xlsx"], ["global.xlsx"])],
    "template": [(["template", "-o", "{out}/blank.xlsx"], ["blank.xlsx"])],
}
# Commands that never read a submission file.
NOT_ON_FILES = {"gui", "schema"}


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def complete(path) -> bool:
    """An output is complete when it reads back whole in its own format."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None and "xl/workbook.xml" in zf.namelist()
    text = path.read_text("utf-8")
    if path.suffix == ".html":
        return text.rstrip().endswith("</html>")
    return text.endswith("\n") and text.count("\n") >= 1


def available_commands() -> set[str]:
    found = set()
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"desktop_app.commands.{name}")
        except ModuleNotFoundError:
            continue
        found.add(name)
    return found


RUNS = [
    pytest.param(case, argv, outputs, id=f"{case}-{command}-{i}")
    for case in CASES
    for command, forms in COMMANDS.items()
    for i, (argv, outputs) in enumerate(forms)
    if command in available_commands() and (command != "template" or case == "xls")
]


@pytest.mark.parametrize(("case", "argv", "outputs"), RUNS)
def test_source_unchanged_and_outputs_complete_or_absent(case, argv, outputs, tmp_path, capsys):
    original = CASES[case].build(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    src = folder / original.name
    shutil.copy2(original, src)
    out = tmp_path / "out"
    out.mkdir()
    before = fingerprint(src)
    args = [a.format(src=src, dir=folder, out=out) for a in argv]
    code = main(args)
    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err, err
    assert fingerprint(src) == before
    assert sorted(p.name for p in folder.iterdir()) == [src.name]
    written = {p.name for p in out.iterdir()}
    assert written <= set(outputs)
    for name in written:
        assert complete(out / name), name
    assert not list(tmp_path.rglob("*.part"))


def test_every_command_that_reads_files_is_covered():
    assert available_commands() - NOT_ON_FILES <= set(COMMANDS)
