"""Money totals are in cents wherever they are written or shown (the consolidated Summary,
the JSON and text of a consolidation, the window's pipeline by stage): 53112683.54, never
53112683.53999999 from adding floats."""

from __future__ import annotations

import json
import math

import numpy as np
import openpyxl
from helpers import PERIOD, write_book

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.checking.money import StageTotals, stage_totals
from desktop_app.core.jobs.consolidate import consolidate_folder
from desktop_app.core.session.working import WorkingSession
from tests.sample_data import standard_info, valid_rows


def in_cents(x: float) -> bool:
    """Written as it is shown: no more than two decimals, no float residue."""
    return isinstance(x, float) and len(repr(x).partition(".")[2]) <= 2


def test_stage_totals_are_summed_to_cents():
    eur = np.array([0.1, 0.2, 0.3, 1_000_000.07])
    totals = stage_totals(["Develop"], ["Develop"] * 4, eur, np.array([50.0, 50, 50, 10]))
    assert 0.1 + 0.2 + 0.3 + 1_000_000.07 != 1_000_000.67  # what adding floats gives
    assert totals["Develop"].pipeline_eur == 1_000_000.67
    assert totals["Develop"].weighted_eur == 100_000.31  # 0.05 + 0.1 + 0.15 + 100000.007
    both = StageTotals(1, 0.1, 0.1)
    both.add(StageTotals(1, 0.2, 0.2))
    assert (both.pipeline_eur, both.weighted_eur) == (0.3, 0.3)


def rows_with_float_residue(schema):
    """Two subsidiaries' rows whose plain float sums by stage show a residue."""
    by_sub = {sub: valid_rows(schema, sub, PERIOD, 40, seed=7) for sub in ("DE01", "SE01")}
    for i, row in enumerate(by_sub["SE01"]):
        row["customer_id"] = f"CU-99{i:04d}"
    naive = [
        sum(r["amount_eur"] for r in rows if r["stage"] == stage)
        for rows in by_sub.values()
        for stage in schema.model.process
    ]
    assert not all(map(in_cents, naive))  # the test would prove nothing otherwise
    return by_sub


def test_consolidation_totals_are_in_cents_in_the_summary_and_json(tmp_path, schema, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for sub, rows in rows_with_float_residue(schema).items():
        path = folder / f"{sub}_2026-Q4_pipeline.xlsx"
        write_book(path, schema, rows, info=standard_info(schema, sub, PERIOD))
    out = tmp_path / "global.xlsx"
    result = consolidate_folder(folder, schema, out, workers=0)
    assert result.passed
    for s in result.subsidiaries().values():
        assert in_cents(s["open_pipeline_eur"]) and in_cents(s["weighted_open_pipeline_eur"])
        for t in s["stages"].values():
            assert in_cents(t.pipeline_eur) and in_cents(t.weighted_eur), t
    summary = openpyxl.load_workbook(out, read_only=True)["Summary"]
    money = [v for row in summary.iter_rows(values_only=True) for v in row if type(v) is float]
    assert money and all(map(in_cents, money)), money
    main(["consolidate", str(folder), "--output", str(tmp_path / "again.xlsx"), "--format", "json"])
    dumped = json.loads(capsys.readouterr().out)
    for sub in dumped["subsidiaries"].values():
        assert in_cents(sub["open_pipeline_eur"]) and in_cents(sub["weighted_open_pipeline_eur"])
        assert all(in_cents(t["pipeline_eur"]) for t in sub["stages"].values())
    for f in dumped["files"]:
        assert all(in_cents(t["weighted_eur"]) for t in f["stages"].values())


def test_the_windows_pipeline_by_stage_is_in_cents(tmp_path, schema):
    rows = rows_with_float_residue(schema)["DE01"]
    path = write_book(tmp_path / "DE01_2026-Q4_pipeline.xlsx", schema, rows,
                      info=standard_info(schema, "DE01", PERIOD))  # fmt: skip
    by_stage = WorkingSession(check_file(path, schema)).pipeline_eur_by_stage()
    assert all(in_cents(float(v)) for v in by_stage.values()), by_stage
    expected = {
        stage: float(np.round(math.fsum(r["amount_eur"] for r in rows if r["stage"] == stage), 2))
        for stage in schema.model.process
    }
    assert by_stage == expected
