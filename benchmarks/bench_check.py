"""How long a whole check takes against the floor: reading the values with python-calamine.

    python benchmarks/bench_check.py [--rows 100000] [--repeat 5]

Generates a valid workbook and one with 5 % defective rows, then, each in a fresh
process (so memory is that of the job alone), times:
  floor  python-calamine reading the data sheet into Python lists
  check  template-checker's whole check in-process (read, nine rules, findings), read
         as the command reads on Linux (SCAN_BESIDE)
and prints medians, the median ratio of each check to the floor run just before
it, and the check's peak memory (max RSS).
Targets (issue 2): check <= 1.5x floor on the valid file, <= 2.0x on the defective
one, peak memory under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLOOR = """
import resource, sys, time
import python_calamine as pc
t, c = time.perf_counter(), time.process_time()
rows = pc.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Pipeline").to_python()
took, cpu = time.perf_counter() - t, time.process_time() - c
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 0, cpu)
"""

CHECK = """
import resource, sys, time
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.checking.engine import check_file
schema = load_schema()
# Start-up, not checking: importing the libraries and our rule modules, and the
# modules pandera imports on its first validation (with hypothesis installed, ~0.1 s).
import pandas, pandera.pandas, python_calamine
import desktop_app.core.checking.rules
from desktop_app.core.checking.rules.frame_checks import ColumnCheck, failing_positions
failing_positions(pandas.DataFrame({"amount": [1.0]}), [ColumnCheck("x", "amount", "gt", (0,))])
# The command's read on Linux: its parent explains a reader that aborts, so a big sheet
# is read while a thread scans it (desktop_app.core.reading.policy).
from desktop_app.core.reading.policy import SCAN_BESIDE
t, c = time.perf_counter(), time.process_time()
result = check_file(sys.argv[1], schema, policy=SCAN_BESIDE)
took, cpu = time.perf_counter() - t, time.process_time() - c
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(result.findings), cpu)
"""


def defective(rows: list[dict], share: float, seed: int = 5) -> int:
    """Break `share` of the rows, one realistic mistake each; returns how many."""
    rng = random.Random(seed)
    mistakes = [
        lambda r: r.update(amount=f"{r['amount']:,.2f}".replace(",", " ").replace(".", ",")),
        lambda r: r.update(stage="Negotiaton"),
        lambda r: r.update(customer_name=None),
        lambda r: r.update(close_date="31/12/2026"),
        lambda r: r.update(probability=150),
        lambda r: r.update(currency="usd"),
        lambda r: r.update(owner="n/a"),
        lambda r: r.update(created_date="12/31/2026"),
        lambda r: r.update(amount_eur=1.0),
        lambda r: r.update(country="Sweden"),
    ]
    broken = rng.sample(range(len(rows)), int(len(rows) * share))
    for i in broken:
        mistakes[i % len(mistakes)](rows[i])
    return len(broken)


def run(script: str, path: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return out.stdout.split()


def measure(path: Path, repeat: int) -> dict:
    floors, checks, rss, findings, cpu_ratios = [], [], [], 0, []
    for _ in range(repeat):
        floor_took, _, _, floor_cpu = run(FLOOR, path)
        floors.append(float(floor_took))
        took, maxrss, findings, cpu = run(CHECK, path)
        checks.append(float(took))
        rss.append(int(maxrss))
        cpu_ratios.append(float(cpu) / float(floor_cpu))
    floor, check = statistics.median(floors), statistics.median(checks)
    # Each check runs right after its floor, so the pair shares the machine's load of
    # the moment; the median of the pairs' ratios is steadier than a ratio of medians.
    ratio = statistics.median(c / f for c, f in zip(checks, floors, strict=True))
    return {
        "floor_s": round(floor, 3),
        "check_s": round(check, 3),
        "ratio": round(ratio, 2),
        # CPU time of the checking process, the scan thread beside the reader included:
        # roughly what the wall time would be on one core.
        "cpu_ratio": round(statistics.median(cpu_ratios), 2),
        "peak_rss_mb": round(max(rss) / 1024),
        "findings": int(findings),
    }


def main() -> None:
    from desktop_app.core.model.period import parse_period
    from desktop_app.core.schema.loading import load_schema
    from tests.sample_data import standard_info, valid_rows, write_workbook

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    schema = load_schema()
    period = parse_period("2026-Q4")
    info = standard_info(schema, "SE01", period)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        valid = Path(tmp) / "SE01_2026-Q4_valid.xlsx"
        rows = valid_rows(schema, "SE01", period, args.rows)
        write_workbook(valid, schema, rows, info=info, constant_memory=True)
        results["valid"] = measure(valid, args.repeat)
        broken = defective(rows, 0.05)
        bad = Path(tmp) / "SE01_2026-Q4_defective.xlsx"
        write_workbook(bad, schema, rows, info=info, constant_memory=True)
        results["defective_5pct"] = measure(bad, args.repeat)
        results["defective_5pct"]["broken_rows"] = broken
    targets = {"valid": 1.5, "defective_5pct": 2.0}
    print(
        f"{args.rows} rows, median of {args.repeat} runs, each in a fresh process; ratio: median of the pairs"
    )
    print(
        f"{'file':<16}{'calamine s':>11}{'check s':>9}{'ratio':>7}{'cpu ratio':>10}{'target':>8}{'peak MB':>9}{'findings':>10}"
    )
    for name, r in results.items():
        print(
            f"{name:<16}{r['floor_s']:>11}{r['check_s']:>9}{r['ratio']:>7}{r['cpu_ratio']:>10}{targets[name]:>8}"
            f"{r['peak_rss_mb']:>9}{r['findings']:>10}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
