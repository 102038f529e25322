"""Time and memory bounds on big hostile files, and what the child-process reader costs.

    python benchmarks/bench_hostile.py [--rows 470000] [--legacy-rows 65000]

Issue 6: any file of up to 50 MB is checked or refused within 60 seconds and 2 GB of
memory on one core. Generates (in a temporary folder) a ~47 MB valid workbook (470,000
rows), the same with a stray value at XFD1048576, and with a <dimension> claiming the
whole sheet; the same rows as CSV (~77 MB); a 5 MB zip bomb that inflates to ~5 GB; an
entity bomb; and an .xls (29 MB) and .ods of 65,000 rows (read in a child process). Each is checked by `template-checker check FILE --format json`
in a fresh process pinned to one core; prints seconds, the peak memory of the biggest
process (the check or its reader child) and PASS/FAIL against 60 s / 2 GB.

Then, for the .xls and .ods, the cost of reading in a child process: the same read
in-process vs in a child (spawn, read, pickle protocol 5, pipe, unpickle).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

LIMIT_S, LIMIT_MB = 60, 2048

# run() is the `template-checker` command itself (on Linux, the check in a child process).
CHECK = """
import resource, sys, time
from desktop_app.cli import run
t = time.perf_counter()
code = run(["check", sys.argv[1], "--format", "json"])
took = time.perf_counter() - t
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("RESULT", code, took, max(own, child) // 1024, file=sys.stderr)
"""


def one_core() -> dict:
    """Run the child on one core (Linux); elsewhere the machine's scheduler decides."""
    if hasattr(os, "sched_setaffinity"):
        return {"preexec_fn": lambda: os.sched_setaffinity(0, {0})}
    return {}


def check(path: Path) -> dict:
    start = time.perf_counter()
    try:
        run = subprocess.run(
            [sys.executable, "-c", CHECK, str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
            **one_core(),
        )
    except subprocess.TimeoutExpired:
        took = round(time.perf_counter() - start, 2)
        return {
            "exit": -1,
            "check_s": took,
            "process_s": took,
            "peak_mb": 0,
            "findings": None,
            "said": "TIMED OUT",
        }
    wall = time.perf_counter() - start
    line = next(ln for ln in run.stderr.splitlines() if ln.startswith("RESULT"))
    _, code, took, peak_mb = line.split()
    said = [ln for ln in run.stderr.splitlines() if ln.startswith("template-checker:")]
    findings = len(json.loads(run.stdout)["findings"]) if run.stdout.strip() else None
    return {
        "exit": int(code),
        "check_s": round(float(took), 2),
        "process_s": round(wall, 2),
        "peak_mb": int(peak_mb),
        "findings": findings,
        "said": said[0][18:110] if said else "",
    }


# ------------------------------------------------------------------ the files


def make_files(folder: Path, rows: int, legacy_rows: int) -> dict[str, Path]:
    import hostile_files as hf

    from tests.sample_data import valid_rows, write_workbook

    data = valid_rows(hf.SCHEMA, "SE01", hf.PERIOD, rows)
    files: dict[str, Path] = {}
    valid = folder / "SE01_2026-Q4_valid.xlsx"
    write_workbook(valid, hf.SCHEMA, data, info=hf.INFO, constant_memory=True)
    files["valid_xlsx"] = valid

    far = folder / "SE01_2026-Q4_far_cell.xlsx"
    far.write_bytes(valid.read_bytes())
    hf.rewrite_zip(
        far,
        lambda name, xml: (
            xml.replace(
                b"</row></sheetData>",
                b'</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
            )
            if name == "xl/worksheets/sheet1.xml"
            else xml
        ),
    )
    files["far_cell_xlsx"] = far

    dim = folder / "SE01_2026-Q4_dimension.xlsx"
    dim.write_bytes(valid.read_bytes())
    hf.rewrite_zip(
        dim,
        lambda name, xml: (
            xml.replace(b'<dimension ref="A1:T', b'<dimension ref="A1:XFD1048576" x="')
            if name == "xl/worksheets/sheet1.xml"
            else xml
        ),
    )
    files["big_dimension_xlsx"] = dim

    csv = folder / "SE01_2026-Q4_valid.csv"
    names = [c.name for c in hf.SCHEMA.columns]
    with csv.open("w", encoding="utf-8", newline="") as fh:
        fh.write(";".join(hf.header_labels(hf.SCHEMA)) + "\n")
        for r in data:
            fh.write(
                ";".join(
                    ""
                    if r[n] is None
                    else (f"{r[n]:.2f}".replace(".", ",") if isinstance(r[n], float) else str(r[n]))
                    for n in names
                )
                + "\n"
            )
    files["valid_csv"] = csv

    bomb = folder / "SE01_2026-Q4_zip_bomb.xlsx"
    bomb.write_bytes(hf.valid_xlsx(folder, "small.xlsx").read_bytes())
    with zipfile.ZipFile(bomb, "a") as zf:
        info = zipfile.ZipInfo("xl/media/padding.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            zero = bytes(64 * 2**20)
            for _ in range(80):  # 5 GB of zeros, ~5 MB compressed
                fh.write(zero)
    files["zip_bomb_5gb"] = bomb

    files["entity_bomb"] = hf.CASES["entity_bomb"].build(folder)

    legacy = data[:legacy_rows]
    xls = folder / "SE01_2026-Q4_legacy.xls"
    xls.write_bytes(hf.biff_workbook(hf.template_sheets(legacy)))
    files["legacy_xls"] = xls
    files["legacy_ods"] = hf.ods_workbook(
        folder / "SE01_2026-Q4_legacy.ods", hf.template_sheets(legacy)
    )
    return files


# ------------------------------------------------------------------ the child's cost


def child_cost(path: Path, repeat: int = 3) -> dict:
    import statistics

    from desktop_app.core.model.progress import Progress
    from desktop_app.core.reading.header import HeaderProbe
    from desktop_app.core.reading.legacy import read_in_child, read_with_calamine
    from desktop_app.core.reading.limits import ReadingLimits
    from desktop_app.core.schema.loading import load_schema

    schema = load_schema()
    probe, limits = HeaderProbe.from_schema(schema), ReadingLimits.from_schema(schema)
    direct, child, dump, load = [], [], [], []
    for _ in range(repeat):
        t = time.perf_counter()
        rows = read_with_calamine(str(path), probe, limits.max_sheet_cells)
        direct.append(time.perf_counter() - t)
        t = time.perf_counter()
        blob = pickle.dumps(("rows", rows), protocol=5)
        dump.append(time.perf_counter() - t)
        t = time.perf_counter()
        pickle.loads(blob)
        load.append(time.perf_counter() - t)
        t = time.perf_counter()
        read_in_child(path, probe, limits, Progress())
        child.append(time.perf_counter() - t)
    d, c = statistics.median(direct), statistics.median(child)
    return {
        "rows": len(rows.rows),
        "in_process_s": round(d, 2),
        "child_s": round(c, 2),
        "extra_s": round(c - d, 2),
        "ratio": round(c / d, 2),
        "pickle_s": round(statistics.median(dump), 2),
        "unpickle_s": round(statistics.median(load), 2),
        "pickle_mb": round(len(blob) / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=470_000, help="rows of the ~50 MB files")
    parser.add_argument("--legacy-rows", type=int, default=65_000, help="rows of the .xls/.ods")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        files = make_files(Path(tmp), args.rows, args.legacy_rows)
        print(f"generated in {time.perf_counter() - t:.0f} s")
        print(f"{'file':<20}{'MB':>7}{'exit':>5}{'check s':>9}{'peak MB':>9}{'bound':>7}  said")
        results = {}
        for name, path in files.items():
            r = check(path)
            r["mb"] = round(path.stat().st_size / 2**20, 1)
            ok = r["process_s"] <= LIMIT_S and r["peak_mb"] <= LIMIT_MB
            r["bound"] = "PASS" if ok else "FAIL"
            results[name] = r
            print(
                f"{name:<20}{r['mb']:>7}{r['exit']:>5}{r['process_s']:>9}{r['peak_mb']:>9}"
                f"{r['bound']:>7}  {r['said'] or str(r['findings']) + ' findings'}"
            )
        print("\nreading in a child process (median of 3):")
        cost = {name: child_cost(files[name]) for name in ("legacy_xls", "legacy_ods")}
        for name, c in cost.items():
            print(f"  {name}: {c}")
        print(json.dumps({"checks": results, "child_cost": cost}))


if __name__ == "__main__":
    main()
