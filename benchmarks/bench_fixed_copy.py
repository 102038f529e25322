"""How long the fixed copy of a workbook takes against the check alone.

    python benchmarks/bench_fixed_copy.py [--rows 100000] [--repeat 3]

Generates a valid SE01 workbook with 5 % of its rows holding things to fix (a close date
typed as ISO text, a stage written in Swedish, an amount typed as Swedish text: three
fixes each), then, in a fresh process per run, times the check alone and the check
followed by write_fixed_copy(), and prints the medians, the ratio of check + copy to the
check within one process (the machine's noise moves whole runs), and the peak RSS of
each process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_export import make_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUN = """
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.loading import load_schema
result = check_file(Path(sys.argv[1]), load_schema())
checked = time.perf_counter()
rss_checked = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
fixes = sum(f.severity == "fixed" for f in result.findings)
if sys.argv[2] != "-":
    from desktop_app.core.output.fixed_copy import write_fixed_copy
    write_fixed_copy(result, Path(sys.argv[2]))
done = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(checked - t, done - checked, rss_checked // 1024, rss // 1024, fixes)
"""


def run(*args: str) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return [float(x) for x in out.stdout.split()]


def to_fix(data: list[dict], every: int = 20) -> None:
    """Every 20th row with three things to fix."""
    swedish = {"Negotiate": "Förhandla", "Propose": "Offert", "Qualify": "Kvalificera"}
    for row in data[::every]:
        row["close_date"] = row["close_date"].isoformat()
        row["stage"] = swedish.get(row["stage"], row["stage"])
        row["amount"] = f"{row['amount']:.2f}".replace(".", ",")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = make_workbook(tmp / "SE01_2026-Q4_bench.xlsx", args.rows, change=to_fix)
        check_alone, rss_check, same_run, copy_only, rss_copy = [], [], [], [], []
        fixes = 0
        for _ in range(args.repeat):
            took, _, rss, _, fixes = run(str(source), "-")
            check_alone.append(took)
            rss_check.append(rss)
            took, wrote, _, rss, _ = run(str(source), str(tmp / "fixed.xlsx"))
            same_run.append((took + wrote) / took)  # the check and its copy, one process
            copy_only.append(wrote)
            rss_copy.append(rss)
        print(f"{args.rows:,} rows, {int(fixes):,} cells fixed")
        print(
            f"check alone                 {statistics.median(check_alone):8.1f} s, "
            f"peak RSS {max(rss_check):.0f} MB"
        )
        print(
            f"the fixed copy after it     {statistics.median(copy_only):8.1f} s, "
            f"peak RSS {max(rss_copy):.0f} MB with the check"
        )
        print(f"check + copy / check        {statistics.median(same_run):8.2f}x (same process)")


if __name__ == "__main__":
    main()
