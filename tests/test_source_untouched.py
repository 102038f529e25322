"""No command ever modifies the workbook it reads (hash and time stamp before and after)."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from helpers import SAMPLES

from desktop_app.cli import main

CLEAN = "SE01_2026-Q4_pipeline.xlsx"
PROBLEMS = "SE01_2026-Q4_pipeline_with_problems.xlsx"

# (source sample, command line with {src} and {tmp} placeholders, expected exit code)
COMMANDS = [
    (PROBLEMS, ["check", "{src}"], 1),
    (PROBLEMS, ["check", "{src}", "--format", "json"], 1),
    (PROBLEMS, ["check", "{src}", "--annotate", "{tmp}/a.xlsx", "--report", "{tmp}/r.html"], 1),
    (CLEAN, ["check", "{src}", "--annotate", "{tmp}/a.xlsx", "--report", "{tmp}/r.html"], 0),
    (PROBLEMS, ["check", "{src}", "--annotate", "{src}"], 2),
    (PROBLEMS, ["check", "{src}", "--report", "{src}"], 2),
    (PROBLEMS, ["export", "{src}", "-o", "{tmp}/out.xlsx"], 1),
    (CLEAN, ["export", "{src}"], 0),
    (CLEAN, ["export", "{src}", "-o", "{tmp}/out.csv", "--format", "csv"], 0),
    (CLEAN, ["export", "{src}", "-o", "{src}"], 2),
    (CLEAN, ["verify", "{src}"], 2),
]


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize(("sample", "argv", "code"), COMMANDS, ids=lambda v: str(v))
def test_command_leaves_source_untouched(tmp_path, sample, argv, code, capsys):
    src = tmp_path / "in" / sample
    src.parent.mkdir()
    shutil.copy2(SAMPLES / sample, src)
    before = fingerprint(src)
    args = [a.format(src=src, tmp=tmp_path) for a in argv]
    assert main(args) == code, capsys.readouterr().err
    assert fingerprint(src) == before
    assert not [p for p in tmp_path.rglob("*.part")]


def test_verify_leaves_the_submission_untouched(tmp_path):
    src = tmp_path / CLEAN
    shutil.copy2(SAMPLES / CLEAN, src)
    out = tmp_path / "submission.xlsx"
    assert main(["export", str(src), "-o", str(out)]) == 0
    before = fingerprint(out)
    assert main(["verify", str(out)]) == 0
    assert fingerprint(out) == before
