"""The bundled samples give what tools/make_samples.py promises."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import SAMPLES

from desktop_app.core.checking.engine import check_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import make_samples  # noqa: E402


def test_valid_sample_passes_with_no_finding(schema):
    result = check_file(SAMPLES / make_samples.VALID, schema)
    assert result.findings == [] and result.passed


def test_problem_sample_shows_every_rule_and_every_promised_defect(schema):
    result = check_file(SAMPLES / make_samples.PROBLEMS, schema)
    found = {f.code for f in result.findings}
    promised = {code for code, _, _ in make_samples.DEFECTS}
    assert promised <= found, promised - found
    assert {f.rule for f in result.findings} == {f"DQ{i}" for i in range(1, 10)}
    assert {
        "DQ1.unknown_column",
        "DQ1.template_older",
        "DQ1.blank_row",
        "DQ1.non_data_row",
    } <= found
    assert result.table.header_row == 3  # below a title row and a blank row
    assert not result.passed
