"""Consolidation speed and memory: 30 submissions of 20,000 rows each.

    .venv/bin/python benchmarks/bench_consolidate.py [--files 30] [--rows 20000] [--keep DIR]

Generates the files (ten subsidiaries, different seeds, distinct opportunity IDs,
a few customers shared across subsidiaries), then, each in a fresh process:
  1. checks every file alone, one after the other, and sums the check times;
     and the same again with one `template-checker check FILE` run per file;
  2. runs the consolidation of the folder, timing its writer apart.
Prints them, their ratio (target < 3) and the peak memory of the consolidation's
whole process tree (target < 2 GB): sampled from /proc while it runs, and from
getrusage (the process itself plus its largest worker) at its end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBSIDIARIES = ["SE01", "NO01", "DK01", "FI01", "DE01", "FR01", "GB01", "US01", "PL01", "CH01"]
SHARED_CUSTOMERS = 20  # the first rows of every file name one of these customers
PERIOD = "2026-Q4"


def make_file(folder: Path, index: int, rows: int) -> Path:
    from desktop_app.core.model.period import parse_period
    from desktop_app.core.schema.loading import load_schema
    from tests.sample_data import standard_info, valid_rows, write_workbook

    schema = load_schema()
    period = parse_period(PERIOD)
    sub = SUBSIDIARIES[index % len(SUBSIDIARIES)]
    rng = random.Random(index)
    data = valid_rows(schema, sub, period, rows, seed=index)
    batch = index // len(SUBSIDIARIES)  # a subsidiary's later files carry later IDs
    for j, row in enumerate(data):
        row["opportunity_id"] = f"{sub}-{batch * rows + j + 1:06d}"
        own = 300_000 + (index % len(SUBSIDIARIES)) * 60_000 + rng.randrange(60_000)
        row["customer_id"] = f"CU-{200_000 + j:06d}" if j < SHARED_CUSTOMERS else f"CU-{own:06d}"
    path = folder / f"{sub}_{PERIOD}_pipeline_{batch + 1}.xlsx"
    info = standard_info(schema, sub, period)
    return write_workbook(path, schema, data, info=info, constant_memory=True)


def generate(folder: Path, files: int, rows: int) -> list[Path]:
    existing = sorted(folder.glob("*.xlsx"))
    if len(existing) == files:
        return existing
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        return sorted(pool.map(make_file, [folder] * files, range(files), [rows] * files))


# ---------------------------------------------------------------- phases (child processes)


def phase_alone(folder: Path) -> dict:
    from desktop_app.core.checking.engine import check_file
    from desktop_app.core.schema.loading import load_schema

    schema = load_schema()
    paths = sorted(folder.glob("*.xlsx"))
    check_file(paths[0], schema)  # warm up imports and caches: not counted
    times = []
    for path in paths:
        start = time.perf_counter()
        check_file(path, schema)
        times.append(time.perf_counter() - start)
    return {"seconds": sum(times), "per_file": sorted(times)[len(times) // 2]}


def phase_alone_cli(folder: Path) -> dict:
    """What a person would run without consolidation: `template-checker check` per file."""
    times = []
    for path in sorted(folder.glob("*.xlsx")):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "check", str(path), "--format", "json"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return {"seconds": sum(times), "per_file": sorted(times)[len(times) // 2]}


def phase_consolidate(folder: Path, out: Path) -> dict:
    import resource

    from desktop_app.core.jobs import consolidate, consolidated_workbook
    from desktop_app.core.schema.loading import load_schema

    # Time spent in the writer (rows, then closing the workbook), measured inside
    # this very run.
    writing = [0.0]

    def timed(method):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                writing[0] += time.perf_counter() - start

        return run

    book = consolidated_workbook.ConsolidatedWorkbook
    book.add_rows, book.finish = timed(book.add_rows), timed(book.finish)
    schema = load_schema()
    start = time.perf_counter()
    result = consolidate.consolidate_folder(folder, schema, out)
    seconds = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "writing": writing[0],
        "rows": result.rows_written,
        "taken_in": len(result.taken_in),
        "cross_file": len(result.cross_file),
        "self_mb": me,
        "largest_worker_mb": child,
    }


# ---------------------------------------------------------------- measuring


def _tree_rss_mb(root: int) -> float:
    """Resident memory of root and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def run_phase(*args: str) -> tuple[dict, float]:
    """Run this script in a fresh process for one phase; (its report, peak tree MB)."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed ({proc.returncode})")
    return json.loads(out.strip().splitlines()[-1]), peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "alone":
            report = phase_alone(Path(rest[0]))
        elif name == "alone-cli":
            report = phase_alone_cli(Path(rest[0]))
        else:
            report = phase_consolidate(Path(rest[0]), Path(rest[1]))
        print(json.dumps(report))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "submissions"
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        paths = generate(folder, args.files, args.rows)
        print(
            f"{len(paths)} files x {args.rows:,} rows in {folder} ({time.perf_counter() - start:.0f} s)"
        )
        alone, _ = run_phase("alone", str(folder))
        alone_cli, _ = run_phase("alone-cli", str(folder))
        out = Path(tmp) / "global.xlsx"
        merged, peak = run_phase("consolidate", str(folder), str(out))
    ratio = merged["seconds"] / alone["seconds"]
    print(
        f"checking each file alone, in one process: {alone['seconds']:.1f} s in all "
        f"({alone['per_file']:.2f} s per file)"
    )
    print(
        f"checking each file alone, `template-checker check` per file: {alone_cli['seconds']:.1f} s "
        f"in all ({alone_cli['per_file']:.2f} s per file)"
    )
    print(
        f"consolidate: {merged['seconds']:.1f} s, {merged['rows']:,} rows from "
        f"{merged['taken_in']} files, {merged['cross_file']} cross-file findings"
    )
    print(f"  of which writing the workbook (xlsx_stream): {merged['writing']:.1f} s")
    print(f"ratio consolidate / sum alone in one process: {ratio:.2f} (target < 3)")
    print(
        f"ratio consolidate / sum of `check` runs: {merged['seconds'] / alone_cli['seconds']:.2f}"
    )
    print(f"ratio consolidate / its own writing: {merged['seconds'] / merged['writing']:.2f}")
    print(
        f"peak memory, process tree sampled: {peak:,.0f} MB; getrusage: self "
        f"{merged['self_mb']:,.0f} MB + largest worker {merged['largest_worker_mb']:,.0f} MB "
        "(target < 2,048 MB)"
    )


if __name__ == "__main__":
    main()
