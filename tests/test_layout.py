"""Reading rows into columns: block by block, from the reader's iterator, nothing changed.

build_table takes rows a block at a time and lays text columns out anew (joined and
split); these tests hold it to the plain reading: every value, its type, its row.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from helpers import PERIOD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import desktop_app.core.reading.table as table_module
from desktop_app.core.checking.engine import check_file
from desktop_app.core.reading.source import read_source
from desktop_app.core.reading.table import build_table
from tests.sample_data import header_labels, standard_info


def _plain(rows: list[list], width: int) -> list[list]:
    """What build_table must give: the rows under the header, trailing blank rows
    left out, short rows padded with "", as columns."""
    data = rows[1:]
    while data and all(v is None or (isinstance(v, str) and not v.strip()) for v in data[-1]):
        data.pop()
    return [[r[j] if j < len(r) else "" for r in data] for j in range(width)]


def _table(schema, rows, *, as_iterator=True):
    source = iter(rows) if as_iterator else rows
    return build_table(Path("x.xlsx"), "xlsx", "Pipeline", ["Pipeline"], source, schema)


def _assert_same(table, expected, names):
    for name, column in zip(names, expected, strict=True):
        got = table.raw[name].tolist()
        assert got == column, name
        assert [type(v) for v in got] == [type(v) for v in column], name


cells = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["", " ", "\x00", "a\x00b", "NA", "00123", "TRUE"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-5, 5),
    st.none(),
    st.just(datetime(2026, 11, 27)),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(st.lists(cells, min_size=0, max_size=5), max_size=30), block=st.integers(1, 4))
def test_columns_hold_every_value_as_read_across_blocks(schema, data, block):
    header = header_labels(schema)[:5]
    rows = [header, *data]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table_module, "_BLOCK_ROWS", block)  # many block edges in a few rows
        table = _table(schema, rows)
    names = [c.name for c in schema.columns[:5]]
    _assert_same(table, _plain(rows, 5), names)
    first = 2
    assert table.rows == list(range(first, first + len(table.raw[names[0]])))


def test_a_text_column_that_turns_to_numbers_after_many_rows_keeps_both(schema):
    header = header_labels(schema)[:4]
    data = [[f"OPP-{i:05d}", f"Customer {i}", "x", ""] for i in range(3000)]
    data[2500][1] = 1234.5  # a number far below the first block
    data[2999][2] = "a\x00b"  # the separator itself, in the last block
    rows = [header, *data]
    table = _table(schema, rows)
    _assert_same(table, _plain(rows, 4), [c.name for c in schema.columns[:4]])


def test_trailing_blank_rows_over_several_blocks_are_left_out_but_not_inner_ones(schema):
    header = header_labels(schema)[:4]
    data = [["A", "B", 1.0, ""]] * 1500 + [["", ""]] * 10 + [["C", " "]] + [["", " "]] * 3000
    table = _table(schema, [header, *data])
    assert len(table.rows) == 1511 and table.rows[-1] == 1512
    assert table.raw[schema.columns[0].name][-1] == "C"


def test_an_unnamed_column_is_kept_only_when_something_is_in_it(schema):
    header = [*header_labels(schema)[:4], "", ""]
    data = [["A", "B", "C", "D", "", ""] for _ in range(2500)]
    data[2400][5] = "late note"  # only far below the first block
    table = _table(schema, [header, *data])
    assert [c.header for c in table.columns][4:] == [""]
    unnamed = table.columns[4]
    assert unnamed.letter == "F" and unnamed.known is False
    assert table.raw[unnamed.name][2400] == "late note"


def test_a_list_and_an_iterator_give_the_same_table(schema):
    header = header_labels(schema)[:4]
    rows = [header, *[[f"ID{i}", i * 1.5, None, "x" if i % 7 else ""] for i in range(2100)]]
    a, b = _table(schema, rows, as_iterator=False), _table(schema, rows)
    assert a.columns == b.columns and a.rows == b.rows
    assert all(a.raw[k].tolist() == b.raw[k].tolist() for k in a.raw)


def _book_at(path, schema, rows, *, row0: int, col0: int, first_sheet_empty=False):
    """A workbook whose header row starts at (row0, col0), 1-based."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet_empty:
        ws.title = "Notes"  # nothing in it: no used range at all
        ws = wb.create_sheet("Data")
    else:
        ws.title = schema.model.data_sheet
    names = [c.name for c in schema.columns]
    for r, values in enumerate([header_labels(schema), *([row[n] for n in names] for row in rows)]):
        for c, v in enumerate(values):
            ws.cell(row0 + r, col0 + c).value = v
    info = wb.create_sheet(schema.model.info_sheet)
    for k, v in standard_info(schema, "SE01", PERIOD).items():
        info.append([k, v])
    wb.save(path)
    return path


@pytest.mark.parametrize(("row0", "col0"), [(4, 1), (3, 3)])
def test_a_table_placed_below_or_right_of_a1_keeps_its_cell_references(
    schema, base_rows, tmp_path, row0, col0
):
    base_rows[2]["amount"] = "lots"
    path = _book_at(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, row0=row0, col0=col0)
    result = check_file(path, schema)
    (finding,) = result.findings
    amount = next(i for i, c in enumerate(schema.columns) if c.name == "amount")
    letter = openpyxl.utils.get_column_letter(col0 + amount)
    assert finding.cell == f"{letter}{row0 + 3}" and finding.code == "DQ3.not_a_number"


def test_an_empty_sheet_before_the_data_is_passed_over(schema, base_rows, tmp_path):
    path = _book_at(
        tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, row0=1, col0=1, first_sheet_empty=True
    )
    table = read_source(path, schema)
    assert table.sheet == "Data" and len(table.rows) == len(base_rows)


@pytest.mark.parametrize("distinct", [3, 5000], ids=["few distinct values", "many"])
def test_blank_and_placeholder_cells_are_found_whatever_the_column_holds(schema, distinct):
    from desktop_app.core.checking.rules.dq2_completeness import empty_mask

    placeholders = frozenset(schema.placeholder_spellings | {""})
    values = [f"Value {i % distinct}" for i in range(6000)]
    values[10], values[2000], values[5999] = "", "  n/a ", "   "
    column = np.array(values, dtype=object)
    empty, placeholder, all_text = empty_mask(column, lambda: None, placeholders)
    assert all_text and np.flatnonzero(empty).tolist() == [10, 2000, 5999]
    assert np.flatnonzero(placeholder).tolist() == [2000]
    for odd in (None, 12.5):  # not text: told apart by type, never taken for text
        mixed = column.copy()
        mixed[3000] = odd
        kinds = np.array([type(v) for v in mixed], dtype=object)
        empty, placeholder, all_text = empty_mask(mixed, lambda k=kinds: k, placeholders)
        assert not all_text and bool(empty[3000]) is (odd is None)
        assert np.flatnonzero(placeholder).tolist() == [2000]
