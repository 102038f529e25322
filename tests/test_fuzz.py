"""Fuzzing through real files: whatever a workbook holds, or however its bytes are damaged,
the answer is a report whose findings point at real cells, or one clear refusal.

Writing workbooks is slow, so the examples are few; the mutations are seeded, so a
failure repeats.
"""

from __future__ import annotations

import random
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from hostile_files import ROWS, SCHEMA, ExcelError, data_rows, template_book, valid_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop_app.core.checking.engine import check_file
from desktop_app.core.model.a1 import col_letter, parse_a1
from desktop_app.core.model.errors import ProblemForUser

WIDTH = len(data_rows()[0])
MUTATIONS = 300

cell_values = st.one_of(
    st.none(),
    st.text(max_size=30).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.booleans(),
    st.sampled_from(
        [
            ExcelError("#N/A"),
            ExcelError("#REF!"),
            ExcelError("#DIV/0!"),
            "=1+1",  # a formula without a stored result
            "n/a",
            "Closed Won",
            "12.345,50",
            "31/12/2026",
            "🙂 \u202e\u0644\u0627",
            "x" * 5000,
        ]
    ),
)
changes_strategy = st.lists(
    st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, WIDTH - 1), cell_values),
    min_size=1,
    max_size=30,
)


def assert_points_at_real_cells(result, written_rows: int) -> None:
    table = result.table
    letters = {c.name: c.letter for c in table.columns}
    for f in result.findings:
        # every placeholder of the message filled in (the cell's own text may hold braces)
        assert f.message and not re.search(r"\{[a-z_]+\}", f.message), f.code
        f.to_json()
        if f.row is not None:
            assert 2 <= f.row <= written_rows + 1, f
        if f.cell is not None:
            row, col = parse_a1(f.cell)
            assert row == f.row and col_letter(col) == letters[f.column], f
            assert col < WIDTH


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=changes_strategy)
def test_random_values_in_a_real_workbook(changes, tmp_path_factory):
    rows = [dict(r) for r in ROWS]
    for row, col, value in changes:
        rows[row][SCHEMA.columns[col].name] = value
    path = tmp_path_factory.mktemp("fuzz") / "SE01_2026-Q4_fuzz.xlsx"
    template_book(path, rows).save(path)
    result = check_file(path, SCHEMA)  # never raises
    assert_points_at_real_cells(result, len(rows))


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of: flip a few bytes, cut the file, overwrite a run, duplicate a run."""
    data = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:
        del data[rng.randrange(1, len(data)) :]
    elif kind == 2:
        start = rng.randrange(len(data))
        data[start : start + rng.randint(1, 64)] = bytes(rng.randrange(256) for _ in range(16))
    else:
        start = rng.randrange(len(data))
        data[start:start] = data[start : start + rng.randint(1, 512)]
    return bytes(data)


def test_mutated_workbooks_give_a_report_or_a_refusal(tmp_path):
    source = valid_xlsx(tmp_path).read_bytes()
    rng = random.Random(6)
    path: Path = tmp_path / "SE01_2026-Q4_mutated.xlsx"
    outcomes = {"report": 0, "refused": 0}
    for _ in range(MUTATIONS):
        path.write_bytes(mutate(source, rng))
        try:
            result = check_file(path, SCHEMA)
        except ProblemForUser:
            outcomes["refused"] += 1
            continue
        assert_points_at_real_cells(result, len(ROWS) + 1)
        outcomes["report"] += 1
    assert outcomes["report"] and outcomes["refused"]  # both paths were exercised


def test_mutations_of_the_data_xml_give_a_report_or_a_refusal(tmp_path):
    """Byte damage inside the sheet XML itself (valid zip, broken XML)."""
    base = valid_xlsx(tmp_path)
    with zipfile.ZipFile(base) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    rng = random.Random(7)
    path = tmp_path / "SE01_2026-Q4_xml.xlsx"
    for _ in range(MUTATIONS // 3):
        name = rng.choice(sorted(parts))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for member, data in parts.items():
                zf.writestr(member, mutate(data, rng) if member == name else data)
        try:
            result = check_file(path, SCHEMA)
        except ProblemForUser:
            continue
        assert_points_at_real_cells(result, len(ROWS) + 1)
