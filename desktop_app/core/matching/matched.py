"""A file not in the template's layout, read through a matching into a SourceTable in the
template's layout: the rules then run on it unchanged.

    match_sheets(book, schema, saved=None, subsidiary=None) -> MatchedSheet
    matched_table(matched, schema) -> SourceTable

Each cell keeps pointing at the source file's cell (its sheet, Excel row and column), so
findings name the cells a person will open. The source's list words become template
values where the matching says so; other words stay as they are, for DQ4 to report with
a suggestion. An amount's currency symbol is taken off where it agrees with the row's
currency (money.py). A column filled with a constant (the subsidiary's code, its currency) has no
cell in the source: its findings name the column alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.core.matching.mapping import Matching
from desktop_app.core.matching.money import MONEY_COLUMNS, without_symbols
from desktop_app.core.matching.profile import is_blank
from desktop_app.core.matching.propose import propose
from desktop_app.core.matching.table import TableShape, find_table, split_table
from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.sheets import SheetRows, WorkbookSheets
from desktop_app.core.reading.table import SourceColumn, SourceTable, rows_above
from desktop_app.core.schema.definition import TemplateSchema

# Fewer template columns found than this (besides constants): no opportunity table. The
# sparest export of the corpus (tests/crm_exports*.py) has 6; three words over a number
# and a date are not a pipeline.
_MIN_COLUMNS = 5


class NoOpportunityTable(SourceError):
    """No sheet of the file holds a table of opportunities (a cover page, a pivot)."""


@dataclass
class MatchedSheet:
    book: WorkbookSheets
    sheet: SheetRows
    shape: TableShape
    matching: Matching


def match_sheets(
    book: WorkbookSheets,
    schema: TemplateSchema,
    saved: Matching | None = None,
    *,
    subsidiary: str | None = None,
) -> MatchedSheet:
    """The sheet holding the opportunities and its matching (saved's where it applies):
    the saved matching's sheet when the file has it, else the sheet whose table the
    matcher finds most template columns in."""
    sheets = book.sheets
    if saved is not None and saved.sheet is not None:
        named = [s for s in sheets if s.name == saved.sheet]
        sheets = named or sheets
    best: MatchedSheet | None = None
    best_found = 0
    for sheet in sheets:
        if not sheet.rows:
            continue
        shape = find_table(sheet.rows, schema)
        if shape.header is not None and saved is not None and saved.header_row:
            shape = _saved_header(sheet.rows, shape, saved.header_row)
        headers, columns = split_table(sheet.rows, shape)
        if not any(any(not is_blank(v) for v in c) for c in columns):
            continue
        header_row = None if shape.header is None else shape.header + 1
        matching = propose(
            headers,
            columns,
            schema,
            saved,
            subsidiary=subsidiary,
            header_row=header_row,
            sheet=None if book.kind == "csv" else sheet.name,
        )
        found = sum(m is not None and m.by != "constant" for m in matching.columns.values())
        if found > best_found:
            best, best_found = MatchedSheet(book, sheet, shape, matching), found
    if best is None or best_found < _MIN_COLUMNS:
        raise NoOpportunityTable("matching.no_table", file=book.path.name)
    return best


def _saved_header(rows: list[list[Any]], shape: TableShape, header_row: int) -> TableShape:
    """The saved matching's header row, when it is within the sheet's first rows."""
    if header_row - 1 < len(rows) and header_row - 1 != shape.header:
        return TableShape(header_row - 1, header_row, shape.width)
    return shape


def matched_table(matched: MatchedSheet, schema: TemplateSchema) -> SourceTable:
    """The matched data in the template's layout, its cells where they are in the source."""
    book, matching, shape = matched.book, matched.matching, matched.shape
    body = matched.sheet.rows[shape.first :]
    count = len(body)
    while count and all(is_blank(v) for v in body[count - 1]):
        count -= 1  # trailing empty rows are not part of the data
    body = body[:count]
    table = SourceTable(
        path=book.path,
        kind=book.kind,
        sheet=matched.sheet.name,
        sheet_names=book.sheet_names,
        header_row=shape.header + 1 if shape.header is not None else shape.first,
        hidden_sheets=book.hidden_sheets,
        date1904=book.date1904,
        info=dict(book.info),
    )
    headers = split_table(matched.sheet.rows, shape)[0]
    for column in schema.columns:
        match = matching.columns.get(column.name)
        if match is None:
            continue
        if match.by == "constant":
            values = np.full(count, match.value, dtype=object)
            table.columns.append(SourceColumn(column.name, "", -1, known=True))
        elif match.index is not None:
            words = matching.values.get(column.name, {})
            values = np.fromiter(
                (_value(row, match.index, words) for row in body), dtype=object, count=count
            )
            header = headers[match.index] or match.source or ""
            table.columns.append(SourceColumn(column.name, header, match.index, known=True))
        else:
            continue
        table.raw[column.name] = values
    for name, currency in MONEY_COLUMNS.items():  # `$22,700.00` read as 22,700.00
        currencies = currency or table.raw.get("currency")
        if name in table.raw and currencies is not None:
            table.raw[name] = without_symbols(table.raw[name], currencies, schema)
    first = shape.first + 1
    table.rows = list(range(first, first + count))
    above = matched.sheet.rows[: shape.header if shape.header is not None else shape.first]
    table.above_header = rows_above(above, {c.name: c.index for c in table.columns})
    return table


def _value(row: list[Any], index: int, words: dict[str, str]) -> Any:
    """A source cell's value, its word replaced by the template value it means."""
    value = row[index] if index < len(row) else ""
    if not isinstance(value, str):
        return value
    if is_blank(value):
        return ""  # a database dump writes \N or NULL for nothing
    return words.get(value.strip(), value) if words else value
