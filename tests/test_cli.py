"""The `check` command: JSON contract, text summary, exit codes, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import SAMPLES, write_book

from desktop_app.cli import main

PROBLEMS = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
VALID = SAMPLES / "SE01_2026-Q4_pipeline.xlsx"
FINDING_KEYS = {
    "rule",
    "severity",
    "code",
    "sheet",
    "row",
    "column",
    "cell",
    "value",
    "message",
    "suggestion",
}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys):
    code, out, err = run(capsys, "check", str(PROBLEMS), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert set(doc) == {"file", "schema", "subsidiary", "period", "summary", "findings"}
    assert doc["schema"] == {"id": "global-pipeline", "version": "2026.2"}
    assert (doc["subsidiary"], doc["period"]) == ("SE01", "2026-Q4")
    summary = doc["summary"]
    assert set(summary["rules"]) == {f"DQ{i}" for i in range(1, 10)}
    assert all(set(v) == {"errors", "warnings", "fixed"} for v in summary["rules"].values())
    for key, severity in (("errors", "error"), ("warnings", "warning"), ("fixed", "fixed")):
        assert summary[key] == sum(v[key] for v in summary["rules"].values())
        assert summary[key] == sum(1 for f in doc["findings"] if f["severity"] == severity) > 0
    for f in doc["findings"]:
        assert set(f) == FINDING_KEYS
        if f["cell"] is not None:
            assert f["cell"].endswith(str(f["row"]))
    near = next(f for f in doc["findings"] if f["value"] == "Negotiaton")
    assert (near["rule"], near["severity"], near["column"], near["suggestion"]) == (
        "DQ4",
        "error",
        "stage",
        "Negotiate",
    )
    assert near["cell"].startswith("H")
    severities = [f["severity"] for f in doc["findings"]]
    assert severities == sorted(severities, key=["error", "warning", "fixed"].index)


def test_json_for_a_clean_file_exits_zero(capsys):
    code, out, _ = run(capsys, "check", str(VALID), "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["errors"] == 0


def test_text_summary_starts_with_the_verdict(capsys):
    code, out, _ = run(capsys, "check", str(PROBLEMS))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("NOT READY:") and "errors to fix" in lines[0]
    assert any(line.startswith("x  DQ4 Allowed values") for line in lines)
    first_finding = lines[lines.index("Findings, worst first:") + 1]
    assert first_finding.strip().startswith("ERROR")
    code, out, _ = run(capsys, "check", str(VALID))
    assert code == 0 and out.startswith("READY TO SUBMIT")


def test_options_fill_what_the_file_does_not_say(capsys, tmp_path, schema, base_rows):
    path = write_book(tmp_path / "export.xlsx", schema, base_rows, info=False)
    code, out, _ = run(
        capsys,
        "check",
        str(path),
        "--format",
        "json",
        "--subsidiary",
        "se01",
        "--period",
        "2026-Q4",
    )
    doc = json.loads(out)
    assert (code, doc["subsidiary"], doc["period"], doc["findings"]) == (0, "SE01", "2026-Q4", [])


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda p: p, "was not found"),
        (lambda p: (p.write_bytes(b""), p)[1], "is empty"),
        (lambda p: (p.write_bytes(b"%PDF-1.4 not a workbook"), p)[1], "PDF"),
        (lambda p: (p.write_bytes(b"PK\x03\x04 truncated zip"), p)[1], "input.xlsx"),
    ],
    ids=["missing", "empty", "pdf renamed", "truncated"],
)
def test_unreadable_input_is_one_sentence_and_exit_2(make, expected, capsys, tmp_path):
    path = make(tmp_path / "input.xlsx")
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert expected in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_broken_schema_is_exit_2(capsys, tmp_path):
    schema = tmp_path / "s.yaml"
    schema.write_text("id: [", encoding="utf-8")
    code, _, err = run(capsys, "check", str(VALID), "--schema", str(schema))
    assert code == 2 and "s.yaml" in err and "line" in err


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("hello")
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "check", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "bad.xlsx" in proc.stderr


def test_help_starts_without_heavy_libraries():
    code = (
        "import sys, contextlib, io\n"
        "from desktop_app.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "heavy = [m for m in ('pandas', 'pandera', 'openpyxl', 'PySide6', 'python_calamine') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize(
    ("argv", "code", "said"),
    [
        (["check", str(VALID), "--format", "json"], 0, '"findings": []'),
        (["check", str(PROBLEMS)], 1, "NOT READY"),
        (["check"], 2, "required: file"),
        (["check", "--help"], 0, "usage: template-checker check"),
    ],
)
def test_the_command_passes_on_what_its_reading_child_says(argv, code, said):
    """`template-checker` runs reading commands in a child (Linux): exit code, output and
    usage messages come through unchanged."""
    script = "import sys\nfrom desktop_app.cli import run\nsys.exit(run(sys.argv[1:]))\n"
    proc = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == code, proc.stderr
    assert said in proc.stdout + proc.stderr
