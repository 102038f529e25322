"""What scanning an .ods's content costs against reading it: the scan (reading.ods:
error cells, formulas, hidden rows, extent) against python-calamine's read of the same
data sheet, both in this process, and the whole read_source (the scan beside the reader's
child process) against the child's read alone.

    python benchmarks/bench_ods.py [--rows 20000] [--repeat 3]

The workbook: valid SE01 rows (sample_data) written as an .ods, Amount (EUR) a formula
with its result on every row as LibreOffice writes it, one #N/A error cell. Prints
medians and their ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.core.model.period import parse_period  # noqa: E402
from desktop_app.core.model.progress import Progress  # noqa: E402
from desktop_app.core.reading.header import HeaderProbe  # noqa: E402
from desktop_app.core.reading.legacy import read_in_child  # noqa: E402
from desktop_app.core.reading.limits import ReadingLimits  # noqa: E402
from desktop_app.core.reading.ods import scan_ods  # noqa: E402
from desktop_app.core.reading.source import read_source  # noqa: E402
from desktop_app.core.schema.loading import load_schema  # noqa: E402
from tests.hostile_builders import OdsXml, ods_workbook  # noqa: E402
from tests.sample_data import header_labels, standard_info, valid_rows  # noqa: E402


def workbook(folder: Path, schema, n: int) -> Path:
    period = parse_period("2026-Q4")
    names = [c.name for c in schema.columns]
    eur = names.index("amount_eur")
    rows = []
    for r, row in enumerate(valid_rows(schema, "SE01", period, n), start=2):
        values = [row.get(k) for k in names]
        values[eur] = OdsXml(
            f'<table:table-cell table:formula="of:=ROUND([.K{r}]/11.5;2)" '
            f'office:value-type="float" office:value="{row["amount_eur"]!r}" '
            f'calcext:value-type="float"><text:p>{row["amount_eur"]}</text:p></table:table-cell>'
        )
        rows.append(values)
    rows[2][names.index("country")] = OdsXml(
        '<table:table-cell table:formula="of:=NA()" office:value-type="string" '
        'office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>'
    )
    info = [[k, v] for k, v in standard_info(schema, "SE01", period).items()]
    sheets = {
        schema.model.data_sheet: [header_labels(schema), *rows],
        schema.model.info_sheet: info,
    }
    return ods_workbook(folder / "SE01_2026-Q4_bench.ods", sheets)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import python_calamine as pc

    schema = load_schema()
    limits = ReadingLimits.from_schema(schema)
    with tempfile.TemporaryDirectory() as folder:
        path = workbook(Path(folder), schema, args.rows)
        sheet = schema.model.data_sheet

        def calamine() -> None:
            pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()

        probe = HeaderProbe.from_schema(schema)
        scan = timed(lambda: scan_ods(path, limits), args.repeat)
        read = timed(calamine, args.repeat)
        child = timed(lambda: read_in_child(path, probe, limits, Progress()), args.repeat)
        whole = timed(lambda: read_source(path, schema), args.repeat)
    print(f"{args.rows:,} rows; medians of {args.repeat}")
    print(f"scan {scan:.2f} s / calamine read {read:.2f} s = {scan / read:.2f}x")
    print(
        f"read_source {whole:.2f} s / the child's read alone {child:.2f} s = {whole / child:.2f}x"
    )


if __name__ == "__main__":
    main()
