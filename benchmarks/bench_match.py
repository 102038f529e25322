"""What proposing a matching costs for a large CRM export, against reading it.

    python benchmarks/bench_match.py [--rows 100000] [--repeat 3] [--export se_pipeline]

Writes one export of the test corpus (tests/crm_exports*.py) with that many rows as the
file its CRM or its sales people would give, then, each in a fresh process, times:
  read     python-calamine reading the sheet into Python lists (the floor)
  match    finding the header row, splitting the columns and proposing the matching,
           in the same process right after the read: the first proposal pays the lazy
           imports (scipy, rapidfuzz, babel's tables), the second shows the work alone
and prints medians, the ratio of the first proposal to the read and its seconds.
Target (issue 12): proposing costs under 1 s beyond reading a 100,000-row export.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MATCH = """
import sys, time
import python_calamine as pc
from desktop_app.core.schema.definition import load_schema
schema = load_schema()
t = time.perf_counter()
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
read = time.perf_counter() - t
from desktop_app.core.matching.propose import propose_for_rows
took = []
for _ in range(2):
    t = time.perf_counter()
    matching = propose_for_rows(rows, schema, subsidiary=sys.argv[2])
    took.append(time.perf_counter() - t)
found = sum(m is not None and m.by != "constant" for m in matching.columns.values())
print(read, took[0], took[1], found, len(rows))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--export", default="se_pipeline", help="a name from the corpus")
    args = parser.parse_args()

    from tests.crm_exports import exports, write_export

    export = next(e for e in exports(args.rows) if e.name == args.export)
    if export.kind != "xlsx":
        raise SystemExit(f"{args.export} is a CSV export; choose an Excel one")
    with tempfile.TemporaryDirectory() as folder:
        path = write_export(export, Path(folder))
        size = path.stat().st_size / 1e6
        print(f"{export.name}: {args.rows:,} rows, {len(export.columns)} columns, {size:.1f} MB")
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, "-c", MATCH, str(path), export.subsidiary],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=True,
            ).stdout.split()
            runs.append([float(x) for x in out[:3]])
            print(f"  read {runs[-1][0]:.2f} s, match {runs[-1][1]:.3f} s (again {runs[-1][2]:.3f} s), "
                  f"{out[3]} columns matched")  # fmt: skip
    read, first, again = (statistics.median(r[i] for r in runs) for i in range(3))
    print(f"median: read {read:.2f} s; matching {first:.3f} s = {first / read:.2f}x the read "
          f"(warm {again:.3f} s); target < 1 s beyond the read: {'met' if first < 1 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
