"""How long the clean export takes against the floor: xlsxwriter alone writing the same values.

    python benchmarks/bench_export.py [--rows 100000] [--repeat 3] [--no-annotate]

Generates a valid workbook (sample_data, constant_memory) and checks it; then, in a
fresh process per run, times:
  floor   plain xlsxwriter (constant_memory) writing the same typed values, prepared
          beforehand as Python lists: write_string / write_number / write_datetime
          (the reference issue 3 set: export <= 1.5x floor)
  export  export_clean(): preparing the values, the data hash, the four sheets, written
          with desktop_app.core.output.xlsx_stream
and prints medians and their ratio. Deflate levels: xlsx_stream alone writing the same
values at levels 1, 2, 3 and 6 (seconds and file size), the measurement behind its default.
Memory: the peak of Python allocations during export (tracemalloc, separate run, at
the full size and at a tenth of it; flat means about the same).
Annotated copy: write_annotated() of a file with 5 % of rows missing an owner (one
error cell each): its seconds as a ratio to check_file() of the same file in the same
process (target <= 3), the process's peak RSS with the check and the copy (target
< 800 MB) and its growth during the copy; and the whole command line, `check FILE
--annotate OUT` against `check FILE`, each in a fresh process (medians of --repeat).

    python benchmarks/bench_export.py --annotate-only [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETUP = """
import gc, resource, sys, time, tracemalloc
from pathlib import Path
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.output.export import clean_columns, export_clean
src, out = Path(sys.argv[1]), Path(sys.argv[2])
result = check_file(src, load_schema())
assert result.passed, result.summary
gc.collect()
"""

FLOOR = (
    SETUP
    + """
import xlsxwriter
columns, _ = clean_columns(result)
n = len(result.frame)
values = [c.values(0, n) for c in columns]
kinds = [c.type for c in columns]
t = time.perf_counter()
wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False})
date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
ws = wb.add_worksheet("Pipeline")
ws.write_row(0, 0, [c.label for c in columns])
for r in range(n):
    for c, kind in enumerate(kinds):
        v = values[c][r]
        if v is None:
            continue
        if kind == "text":
            ws.write_string(r + 1, c, v)
        elif kind == "date":
            ws.write_datetime(r + 1, c, v, date_format)
        else:
            ws.write_number(r + 1, c, v)
wb.close()
print(time.perf_counter() - t)
"""
)

EXPORT = (
    SETUP
    + """
t = time.perf_counter()
export_clean(result, out)
print(time.perf_counter() - t)
"""
)

EXPORT_MEMORY = (
    SETUP
    + """
tracemalloc.start()
export_clean(result, out)
print(tracemalloc.get_traced_memory()[1])
"""
)

LEVEL = (
    SETUP
    + """
from desktop_app.core.output.xlsx_stream import Column, XlsxStream
columns, _ = clean_columns(result)
n = len(result.frame)
rows = list(zip(*(c.values(0, n) for c in columns)))
t = time.perf_counter()
with XlsxStream(out, compresslevel=int(sys.argv[3])) as book:
    sheet = book.add_sheet("Pipeline", [Column(c.label, c.width, c.format) for c in columns])
    for row in rows:
        sheet.write_row(row)
print(time.perf_counter() - t, out.stat().st_size)
"""
)

ANNOTATE = """
import resource, sys, time
from pathlib import Path
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.output.annotate import write_annotated
schema = load_schema()
t = time.perf_counter()
result = check_file(Path(sys.argv[1]), schema)
checked = time.perf_counter() - t
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
write_annotated(result, Path(sys.argv[2]))
took = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(checked, took, after // 1024, (after - before) // 1024, result.summary["errors"])
"""

# The command line as a person runs it, in a child process; prints seconds and peak RSS.
CLI = """
import resource, subprocess, sys, time
t = time.perf_counter()
subprocess.run([sys.executable, "-m", "desktop_app.cli", *sys.argv[1:]], capture_output=True)
took = time.perf_counter() - t
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def annotate_figures(tmp: Path, rows: int, repeat: int) -> dict:
    flagged = make_workbook(tmp / "SE01_2026-Q4_flagged.xlsx", rows, change=no_owner)
    out = tmp / "annotated.xlsx"
    runs = [run(ANNOTATE, flagged, out) for _ in range(repeat)]
    checked = statistics.median(float(r[0]) for r in runs)
    took = statistics.median(float(r[1]) for r in runs)
    report = {
        "check_s": round(checked, 2),
        "annotate_s": round(took, 2),
        "annotate_ratio_to_check": round(took / checked, 2),
        "annotate_peak_rss_mb": max(int(r[2]) for r in runs),
        "annotate_rss_growth_mb": max(int(r[3]) for r in runs),
        "annotate_flagged_cells": int(runs[0][4]),
        "annotated_mb": round(out.stat().st_size / 2**20, 1),
    }
    check = [run(CLI, "check", flagged) for _ in range(repeat)]
    both = [run(CLI, "check", flagged, "--annotate", out) for _ in range(repeat)]
    cli_check = statistics.median(float(r[0]) for r in check)
    cli_both = statistics.median(float(r[0]) for r in both)
    report |= {
        "cli_check_s": round(cli_check, 2),
        "cli_check_annotate_s": round(cli_both, 2),
        "cli_ratio": round(cli_both / cli_check, 2),
        "cli_check_annotate_peak_rss_mb": max(int(r[1]) for r in both),
    }
    return report


def print_annotate(report: dict) -> None:
    print(
        f"check_file (same process)           {report['check_s']:>8.2f} s\n"
        f"annotated copy (workbook_copy)      {report['annotate_s']:>8.2f} s, "
        f"{report['annotate_ratio_to_check']:.2f}x the check (target <= 3), "
        f"{report['annotate_flagged_cells']:,} flagged cells, {report['annotated_mb']} MB\n"
        f"peak RSS, check + annotated copy    {report['annotate_peak_rss_mb']:>8} MB "
        f"(+{report['annotate_rss_growth_mb']} MB during the copy; target < 800 MB)\n"
        f"`check` / `check --annotate`        {report['cli_check_s']:>8.2f} s / "
        f"{report['cli_check_annotate_s']:.2f} s: {report['cli_ratio']:.2f}x, "
        f"peak RSS {report['cli_check_annotate_peak_rss_mb']} MB"
    )


def run(script: str, *paths: Path) -> list[str]:
    args = [sys.executable, "-c", script, *map(str, paths)]
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr)
    return out.stdout.split()


def no_owner(data: list[dict], every: int = 20) -> None:
    """Every 20th row without an owner: one error cell each."""
    for row in data[::every]:
        row["owner"] = None


def make_workbook(
    path: Path, rows: int, *, change: Callable[[list[dict]], None] | None = None
) -> Path:
    """A valid SE01 2026-Q4 workbook (sample_data, constant_memory), its rows first changed
    by change, if given (bench_fixed_copy uses it too)."""
    from desktop_app.core.model.period import parse_period
    from desktop_app.core.schema.loading import load_schema
    from tests.sample_data import standard_info, valid_rows, write_workbook

    schema = load_schema()
    period = parse_period("2026-Q4")
    data = valid_rows(schema, "SE01", period, rows)
    if change is not None:
        change(data)
    info = standard_info(schema, "SE01", period)
    return write_workbook(path, schema, data, info=info, constant_memory=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-annotate", action="store_true")
    parser.add_argument("--annotate-only", action="store_true")
    args = parser.parse_args()
    report: dict = {"rows": args.rows, "repeat": args.repeat}
    if args.annotate_only:
        with tempfile.TemporaryDirectory() as tmp:
            report |= annotate_figures(Path(tmp), args.rows, args.repeat)
        print(f"{args.rows:,} rows, median of {args.repeat} runs, each in a fresh process")
        print_annotate(report)
        print(json.dumps(report))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = make_workbook(tmp / "SE01_2026-Q4_valid.xlsx", args.rows)
        small = make_workbook(tmp / "SE01_2026-Q4_small.xlsx", args.rows // 10)
        floors, exports = [], []
        for _ in range(args.repeat):
            floors.append(float(run(FLOOR, src, tmp / "floor.xlsx")[0]))
            exports.append(float(run(EXPORT, src, tmp / "export.xlsx")[0]))
        floor, export = statistics.median(floors), statistics.median(exports)
        report |= {"floor_s": round(floor, 2), "export_s": round(export, 2)}
        report["ratio"] = round(export / floor, 2)
        report["floor_mb"] = round((tmp / "floor.xlsx").stat().st_size / 2**20, 1)
        report["export_mb"] = round((tmp / "export.xlsx").stat().st_size / 2**20, 1)
        for level in (1, 2, 3, 6):
            took, size = run(LEVEL, src, tmp / "level.xlsx", level)
            report[f"level_{level}"] = [round(float(took), 2), round(int(size) / 2**20, 1)]
        report["export_peak_mb"] = round(int(run(EXPORT_MEMORY, src, tmp / "m.xlsx")[0]) / 2**20, 1)
        small_peak = int(run(EXPORT_MEMORY, small, tmp / "m.xlsx")[0]) / 2**20
        report["export_peak_mb_tenth_rows"] = round(small_peak, 1)
        if not args.no_annotate:
            report |= annotate_figures(tmp, args.rows, args.repeat)
    print(f"{args.rows:,} rows, median of {args.repeat} runs, each in a fresh process")
    print(
        f"floor (xlsxwriter constant_memory)  {report['floor_s']:>8.2f} s, {report['floor_mb']} MB"
    )
    print(
        f"export_clean (xlsx_stream)          {report['export_s']:>8.2f} s, {report['export_mb']} MB"
    )
    print(f"ratio                               {report['ratio']:>8.2f}   (target <= 1.5)")
    for level in (1, 2, 3, 6):
        took, size = report[f"level_{level}"]
        print(f"xlsx_stream alone, deflate level {level}  {took:>8.2f} s, {size} MB")
    print(
        f"export peak Python memory           {report['export_peak_mb']:>8.1f} MB "
        f"({report['export_peak_mb_tenth_rows']:.1f} MB at a tenth of the rows; target flat)"
    )
    if "annotate_s" in report:
        print_annotate(report)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
