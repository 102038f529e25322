"""Property tests: whatever a subsidiary types into any cell, the check answers with
findings that point at real cells, and never raises."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from string import Formatter

from helpers import PERIOD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.checking.engine import check_table
from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.catalogue import catalogue as _catalogue
from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue
from desktop_app.core.reading.table import build_table
from desktop_app.core.schema.loading import load_schema
from tests.sample_data import header_labels, standard_info, valid_rows

SCHEMA = load_schema()


def _fields(code: str) -> set[str]:
    """The names a message's catalogue text fills in."""
    return {name for _, name, _, _ in Formatter().parse(_catalogue("en")[code]) if name}


NAMES = [c.name for c in SCHEMA.columns]
BASE = valid_rows(SCHEMA, "SE01", PERIOD, 12, seed=4)

cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.booleans(),
    st.sampled_from(
        [
            "n/a",
            " TBD ",
            "-",
            "Closed Won",
            "Negotiaton",
            "sek",
            "Sweden",
            "NA",
            "12.345,50",
            "1 234,50",
            "31/12/2026",
            "12/31/2026",
            "2026-03-31",
            "3 Nov 2026",
            "45 %",
            "0000-00-00",
            "SE01-000001",
            "CU-100002",
            "Summa",
            "=1+1",
            "\u202e\u0644\u0627",
            "🙂",
            "\x00\x07",
            ErrorValue("#N/A"),
            ErrorValue("#REF!"),
            FORMULA_WITHOUT_RESULT,
        ]
    ),
)


def table_with(changes: list[tuple[int, int, object]]):
    rows = [[r[n] if r[n] is not None else "" for n in NAMES] for r in BASE]
    for row, col, value in changes:
        rows[row][col] = value
    grid = [header_labels(SCHEMA), *rows]
    table = build_table(
        Path("SE01_2026-Q4_pipeline.xlsx"), "xlsx", "Pipeline", ["Pipeline", "Info"], grid, SCHEMA
    )
    table.info = standard_info(SCHEMA, "SE01", PERIOD)
    return table


changes_strategy = st.lists(
    st.tuples(st.integers(0, len(BASE) - 1), st.integers(0, len(NAMES) - 1), cell_values),
    max_size=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes_strategy)
def test_any_values_give_findings_at_real_cells(changes):
    table = table_with(changes)
    result = check_table(table, SCHEMA)
    data_rows = set(table.rows)
    letters = {c.name: c.letter for c in table.columns}
    for f in result.findings:
        assert f.rule in {f"DQ{i}" for i in range(1, 10)}
        assert f.severity in {"error", "warning", "fixed"}
        assert f.message and _fields(f.code) <= {"value", "suggestion", *f.params}, f.code
        if f.row is not None:
            assert f.row in data_rows
        if f.cell is not None:
            assert f.column in letters and f.cell == f"{letters[f.column]}{f.row}"
        f.to_json()  # serialisable for the JSON contract
    changed_cells = {(r + 2, NAMES[c]) for r, c, _ in changes}
    for f in result.findings:
        if f.cell is not None and f.rule in ("DQ2", "DQ3", "DQ4"):
            assert (f.row, f.column) in changed_cells, f  # no false alarm on untouched cells


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(NAMES) - 1), st.integers(0, len(BASE) - 1))
def test_blanking_a_required_cell_is_always_reported_there(col, row):
    column = SCHEMA.columns[col]
    result = check_table(table_with([(row, col, "")]), SCHEMA)
    cell = f"{col_letter(col)}{row + 2}"
    if column.required:
        assert ("DQ2.required_empty", cell) in {(f.code, f.cell) for f in result.findings}
    else:
        assert not any(f.code.startswith("DQ2") for f in result.findings)
