"""What proposing a matching costs for a large CRM export, beyond reading it.

    python benchmarks/bench_match.py [--rows 100000] [--repeat 3] [--export se_pipeline]

Writes one export of the test corpus (tests/crm_exports*.py) with that many rows as the
file its sales people or CRM would give, then, each in a fresh process, times:
  read   python-calamine reading the sheet into Python lists (the floor)
  match  the same read with the matcher's imports loading beside it (matching.warm_up:
         scipy, rapidfuzz, babel's names), then finding the header row and proposing
         the matching; its cost is this run's time less the floor run just before it
and prints medians: the cost in seconds, as a ratio to the read, and the proposal alone
once everything is loaded. Then, once, in a fresh process:
  check  the nine rules on the matched data (matched_table and check_table), against the
         same rules on a template file holding the same rows (written by `map -o`),
         both after one warm-up check so neither pays the lazy imports
Targets (issue 12): proposing costs under 1 s beyond reading a 100,000-row export;
checking the matched data costs what checking a template file costs.
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

READ = """
import sys, time
import python_calamine as pc
from desktop_app.core.schema.loading import load_schema
schema = load_schema()
t = time.perf_counter()
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
print(time.perf_counter() - t)
"""

MATCH = """
import sys, time
import python_calamine as pc
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.matching.propose import propose_for_rows, warm_up
schema = load_schema()
t = time.perf_counter()
warm_up(schema)
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
matching = propose_for_rows(rows, schema, subsidiary=sys.argv[2])
total = time.perf_counter() - t
t = time.perf_counter()
propose_for_rows(rows, schema, subsidiary=sys.argv[2])
again = time.perf_counter() - t
found = sum(m is not None and m.by != "constant" for m in matching.columns.values())
print(total, again, found)
"""

CHECK = """
import sys, time
from desktop_app.core.checking.any_layout import match_file
from desktop_app.core.checking.engine import CheckOptions, check_table
from desktop_app.core.matching.matched import matched_table
from desktop_app.core.reading.source import read_source
from desktop_app.core.schema.loading import load_schema
schema = load_schema()
options = CheckOptions(subsidiary=sys.argv[3], period="2026-Q4")
matched = match_file(sys.argv[1], schema, subsidiary=sys.argv[3])
template = read_source(sys.argv[2], schema)
check_table(template, schema, options)  # warm-up: the rules' lazy imports
t = time.perf_counter()
check_table(matched_table(matched, schema), schema, options)
on_matched = time.perf_counter() - t
template = read_source(sys.argv[2], schema)  # a fresh table: the check reads its cells
t = time.perf_counter()
check_table(template, schema, options)
print(on_matched, time.perf_counter() - t)
"""


def _run(script: str, *args: str) -> list[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--export", default="se_pipeline", help="a name from the corpus")
    args = parser.parse_args()

    from tests.crm_exports import export_named, write_export

    export = export_named(args.export, args.rows)
    if export.kind != "xlsx":
        raise SystemExit(f"{args.export} is a CSV export; choose an Excel one")
    with tempfile.TemporaryDirectory() as folder:
        path = write_export(export, Path(folder))
        size = path.stat().st_size / 1e6
        print(f"{export.name}: {args.rows:,} rows, {len(export.columns)} columns, {size:.1f} MB")
        runs = []
        for _ in range(args.repeat):
            read = float(_run(READ, str(path))[0])
            total, again, found = _run(MATCH, str(path), export.subsidiary)
            runs.append((read, float(total) - read, float(again)))
            print(f"  read {read:.2f} s, matching {runs[-1][1]:.3f} s beyond it "
                  f"(alone, loaded: {float(again):.3f} s), {found} columns matched")  # fmt: skip
        read, cost, again = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"median: read {read:.2f} s; matching {cost:.3f} s beyond it = {cost / read:.2f}x "
              f"the read (alone {again:.3f} s); target < 1 s: {'met' if cost < 1 else 'NOT met'}")  # fmt: skip
        template = Path(folder) / "template.xlsx"
        subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", "map", str(path), "--subsidiary",
             export.subsidiary, "--period", "2026-Q4", "-o", str(template)],
            capture_output=True, cwd=ROOT, check=True,
        )  # fmt: skip
        on_matched, on_template = map(
            float, _run(CHECK, str(path), str(template), export.subsidiary)
        )
        print(f"check: matched data {on_matched:.2f} s, the same rows in a template file "
              f"{on_template:.2f} s = {on_matched / on_template:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
