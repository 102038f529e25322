"""Consolidation: clean files merged, the others listed with why, DQ9 across files."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pytest
from helpers import PERIOD, write_book

from desktop_app.cli import main
from desktop_app.core.checking.rules.dq9_ownership import cross_file_findings
from desktop_app.core.jobs.consolidate import REJECTED, TAKEN_IN, UNREADABLE, consolidate_folder
from desktop_app.core.model.progress import Cancelled, Progress
from tests.sample_data import standard_info, valid_rows

SHARED = "CU-777001"  # worked by SE01 and DE01, neither marks it
PARTNERED = "CU-777002"  # worked by SE01 and NO01, NO01 names SE01


def rows_for(schema, sub: str, n: int, seed: int) -> list[dict]:
    rows = valid_rows(schema, sub, PERIOD, n, seed=seed)
    for i, row in enumerate(rows):  # no customer shared by chance
        row["customer_id"] = f"CU-{seed}5{i:04d}"
    return rows


@pytest.fixture
def folder(tmp_path, schema):
    d = tmp_path / "in"
    d.mkdir()
    se = rows_for(schema, "SE01", 12, 1)
    se[0]["customer_id"], se[1]["customer_id"] = SHARED, PARTNERED
    de = rows_for(schema, "DE01", 9, 2)
    de[3]["customer_id"] = SHARED
    no = rows_for(schema, "NO01", 7, 3)
    no[4].update(customer_id=PARTNERED, collaboration_with="SE01")
    gb = rows_for(schema, "GB01", 5, 4)
    gb[2]["stage"] = "Negotiaton"
    resend = rows_for(schema, "SE01", 2, 5)  # SE01-000001 and -000002 again
    for sub, rows, name in [
        ("SE01", se, "SE01_2026-Q4_pipeline.xlsx"),
        ("DE01", de, "DE01_2026-Q4_pipeline.xlsx"),
        ("NO01", no, "NO01_2026-Q4_pipeline.xlsx"),
        ("GB01", gb, "GB01_2026-Q4_pipeline.xlsx"),
        ("SE01", resend, "SE01_2026-Q4_resend.xlsx"),
    ]:
        write_book(d / name, schema, rows, info=standard_info(schema, sub, PERIOD))
    (d / "broken.xlsx").write_bytes(b"this is not a workbook")
    (d / "~$SE01_2026-Q4_pipeline.xlsx").write_bytes(b"Excel's lock file")
    (d / "notes.txt.bak").write_text("not a submission")
    return d


def digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_consolidation_takes_in_the_clean_files_and_says_why_not_the_others(folder, schema):
    before = digests(folder)
    out = folder / "global.xlsx"  # inside the folder: not taken for a submission
    result = consolidate_folder(folder, schema, out, workers=0)
    assert digests(folder) == {**before, "global.xlsx": digests(folder)["global.xlsx"]}
    status = {f.file: f.status for f in result.files}
    assert status == {
        "DE01_2026-Q4_pipeline.xlsx": TAKEN_IN,
        "GB01_2026-Q4_pipeline.xlsx": REJECTED,
        "NO01_2026-Q4_pipeline.xlsx": TAKEN_IN,
        "SE01_2026-Q4_pipeline.xlsx": TAKEN_IN,
        "SE01_2026-Q4_resend.xlsx": TAKEN_IN,
        "broken.xlsx": UNREADABLE,
    }
    gb = next(f for f in result.files if f.subsidiary == "GB01")
    assert gb.errors == 1 and gb.reasons[0].startswith('H4: "Negotiaton" is not an allowed Stage')
    broken = next(f for f in result.files if f.file == "broken.xlsx")
    assert "broken.xlsx" in broken.reasons[0]
    assert result.rows_written == 12 + 9 + 7 + 2 and not result.passed


def test_the_global_pipeline_sheet_has_every_row_with_its_source(folder, schema):
    out = folder.parent / "global.xlsx"
    consolidate_folder(folder, schema, out, workers=0)
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == ["Summary", "Pipeline", "Cross-file findings"]
    rows = list(wb["Pipeline"].iter_rows(values_only=True))
    head = rows[0]
    assert head[:4] == ("Source file", "Source row", "Reporting period", "Opportunity ID")
    assert list(head[3:]) == [c.label for c in schema.columns]
    assert len(rows) == 1 + 30
    first = dict(zip(head, rows[1], strict=True))
    de = valid_rows(schema, "DE01", PERIOD, 9, seed=2)[0]
    assert (first["Source file"], first["Source row"], first["Subsidiary"]) == (
        "DE01_2026-Q4_pipeline.xlsx",
        2,
        "DE01",
    )
    assert (
        first["Amount"] == pytest.approx(de["amount"])
        and first["Close date"].date() == de["close_date"]
    )
    sources = {r[0] for r in rows[1:]}
    assert "GB01_2026-Q4_pipeline.xlsx" not in sources and len(sources) == 4


def test_summary_per_subsidiary_adds_up(folder, schema):
    result = consolidate_folder(folder, schema, folder.parent / "g.xlsx", workers=0)
    subs = result.subsidiaries()
    se = subs["SE01"]
    assert (se["files"], se["taken_in"], se["rows"], se["errors"]) == (2, 2, 14, 0)
    assert subs["GB01"]["errors"] == 1 and subs["GB01"]["rows"] == 0
    rows = rows_for(schema, "SE01", 12, 1) + rows_for(schema, "SE01", 2, 5)
    open_stages = set(schema.open_stages)
    want = sum(r["amount_eur"] for r in rows if r["stage"] in open_stages)
    weighted = sum(
        r["amount_eur"] * r["probability"] / 100 for r in rows if r["stage"] in open_stages
    )
    assert se["open_pipeline_eur"] == pytest.approx(want)
    assert se["weighted_open_pipeline_eur"] == pytest.approx(weighted)
    assert sum(t.rows for t in se["stages"].values()) == 14
    assert se["template_versions"] == ["2026.2"] and se["periods"] == ["2026-Q4"]


def test_cross_file_dq9_findings(folder, schema):
    result = consolidate_folder(folder, schema, folder.parent / "g.xlsx", workers=0)
    found = {(c.finding.code, c.finding.value): c for c in result.cross_file}
    assert set(found) == {
        ("DQ9.shared_customer", SHARED),
        ("DQ9.id_in_two_files", "SE01-000001"),
        ("DQ9.id_in_two_files", "SE01-000002"),
    }  # PARTNERED is not flagged: NO01 names SE01
    shared = found[("DQ9.shared_customer", SHARED)]
    assert shared.finding.severity == "warning"
    assert shared.finding.message == (
        f"Customer {SHARED} is worked by DE01 and SE01 without a collaboration mark."
    )
    assert [(o["subsidiary"], o["rows"]) for o in shared.occurrences] == [
        ("DE01", [5]),
        ("SE01", [2]),
    ]
    twice = found[("DQ9.id_in_two_files", "SE01-000001")]
    assert twice.finding.severity == "error"
    assert (
        "SE01_2026-Q4_pipeline.xlsx (row 2), SE01_2026-Q4_resend.xlsx (row 2)"
        in twice.finding.message
    )


@pytest.mark.parametrize(
    "marks,flagged",
    [
        ({"SE01": None, "DE01": None}, ["DE01", "SE01"]),
        ({"SE01": None, "DE01": "SE01"}, []),  # the owner needs no mark when the other names it
        ({"SE01": "DE01", "DE01": "SE01"}, []),
        ({"SE01": None, "DE01": "SE01", "NO01": None}, ["DE01", "NO01", "SE01"]),
        ({"SE01": None, "DE01": "GB01"}, ["DE01", "SE01"]),  # naming someone not working it
    ],
)
def test_shared_customer_needs_a_mark_between_those_who_work_it(schema, marks, flagged):
    keys = [
        (f"{sub}.xlsx", sub, [[2], ["CU-123456"], [f"{sub}-000001"], [mark]])
        for sub, mark in marks.items()
    ]
    found = [
        c for c in cross_file_findings(schema, keys) if c.finding.code == "DQ9.shared_customer"
    ]
    assert [o["subsidiary"] for c in found for o in c.occurrences] == flagged


def test_worker_processes_give_the_same_result(folder, schema):
    one = consolidate_folder(folder, schema, folder.parent / "a.xlsx", workers=0).to_json()
    two = consolidate_folder(folder, schema, folder.parent / "b.xlsx", workers=2).to_json()
    for report in (one, two):
        report.pop("output")
    assert one == two


def test_cli_text_json_and_exit_codes(folder, tmp_path, capsys):
    out = tmp_path / "g.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out)]) == 1
    text = capsys.readouterr().out
    assert text.startswith("CONSOLIDATED WITH PROBLEMS: 4 of 6 files taken in, 30 rows")
    assert "REJECTED   GB01_2026-Q4_pipeline.xlsx (1 error)" in text
    assert f"Customer {SHARED} is worked by DE01 and SE01" in text
    assert main(["consolidate", str(folder), "-o", str(out), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {
        "files": 6,
        "taken_in": 4,
        "left_out": 2,
        "rows": 30,
        "cross_file_errors": 2,
        "cross_file_warnings": 1,
    }


def test_a_clean_folder_exits_0(tmp_path, schema, capsys):
    d = tmp_path / "in"
    d.mkdir()
    for sub, seed in (("SE01", 1), ("FI01", 2)):
        rows = rows_for(schema, sub, 4, seed)
        write_book(d / f"{sub}_2026-Q4.xlsx", schema, rows, info=standard_info(schema, sub, PERIOD))
    assert main(["consolidate", str(d), "-o", str(tmp_path / "g.xlsx")]) == 0
    assert capsys.readouterr().out.startswith("CONSOLIDATED: 2 of 2 files taken in, 8 rows")


@pytest.mark.parametrize("make", ["missing", "empty", "file"])
def test_a_folder_that_cannot_be_used_is_one_sentence(tmp_path, capsys, make):
    d = tmp_path / "in"
    if make == "empty":
        d.mkdir()
    elif make == "file":
        d.write_text("x")
    assert main(["consolidate", str(d), "-o", str(tmp_path / "g.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(d) in err
    assert not (tmp_path / "g.xlsx").exists()


def test_cancelling_leaves_no_file(folder, schema, tmp_path):
    def cancel_after_first(label: str, fraction: float) -> None:
        if fraction > 0:
            progress.cancel()

    progress = Progress(cancel_after_first)
    with pytest.raises(Cancelled):
        consolidate_folder(folder, schema, tmp_path / "g.xlsx", progress, workers=2)
    assert list(tmp_path.glob("*g.xlsx*")) == []


def test_local_columns_stay_out_of_the_consolidated_file(tmp_path, schema):
    from test_overlays import local_book

    d = tmp_path / "in"
    d.mkdir()
    local_book(d, schema, "SE01")
    result = consolidate_folder(d, schema, tmp_path / "g.xlsx", workers=0)
    assert [f.status for f in result.files] == [TAKEN_IN]
    head = next(
        openpyxl.load_workbook(tmp_path / "g.xlsx", read_only=True)["Pipeline"].iter_rows(
            values_only=True
        )
    )
    assert (
        "Säljregion" not in head
        and "Sales region" not in head
        and len(head) == 3 + len(schema.columns)
    )
