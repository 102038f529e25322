"""Where the table is in a sheet whose layout is not the template's: its header row (on
any of the first rows, below titles, notes or a SUBTOTAL row), or none at all.

A header row is a row of distinct words, as wide as the table, standing above columns of
numbers and dates it does not look like itself; names the schema knows make it surer.
A table whose first full row holds data as well has no header row: its columns are then
named by their letters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from desktop_app.core.matching.names import fold
from desktop_app.core.matching.profile import is_blank, text_date, text_number
from desktop_app.core.matching.scores import known_header
from desktop_app.core.schema.definition import TemplateSchema

_LOOK_BELOW = 20  # rows under a candidate header compared with it


@dataclass(frozen=True)
class TableShape:
    header: int | None  # 0-based index of the header row in the rows given; None: no header
    first: int  # 0-based index of the first row below the header (or of the data)
    width: int  # columns of the table


def find_table(rows: list[list[Any]], schema: TemplateSchema) -> TableShape:
    """The table's header row among the first rows (the schema's header_search_rows)."""
    head = rows[: schema.thresholds.header_search_rows]
    counts = [_filled(row) for row in rows[: 100 + len(head)]]
    width = max([_width(row) for row in rows[: 100 + len(head)]] or [0])
    full = max(counts or [0])
    best, best_score = None, 0.0
    for i, row in enumerate(head):
        score = _header_score(row, rows[i + 1 : i + 1 + _LOOK_BELOW], full, schema)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        return TableShape(best, best + 1, width)
    first = next((i for i, n in enumerate(counts) if n >= max(2, full / 2)), 0)
    return TableShape(None, first, width)


def split_table(
    rows: list[list[Any]], shape: TableShape
) -> tuple[list[str | None], list[ColumnView]]:
    """The header cells (None where blank, all None without a header row) and the columns
    below the header, each as long as the data, read in place (the table is not copied)."""
    header: list[str | None] = [None] * shape.width
    if shape.header is not None:
        for i, cell in enumerate(rows[shape.header][: shape.width]):
            header[i] = None if is_blank(cell) else str(cell).strip()
    body = rows[shape.first :]
    ragged = any(len(row) < shape.width for row in body)
    return header, [ColumnView(body, i, ragged) for i in range(shape.width)]


class ColumnView:
    """One column of a table's rows: indexed and iterated like a list of its values.

    The matcher reads a sample of each column and counts the words of a few: taking them
    from the rows where they are costs far less than turning 100,000 rows into columns.
    """

    __slots__ = ("_index", "_ragged", "_rows")

    def __init__(self, rows: list[list[Any]], index: int, ragged: bool) -> None:
        self._rows, self._index, self._ragged = rows, index, ragged

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, position: int) -> Any:
        row = self._rows[position]
        return row[self._index] if self._index < len(row) else None

    def __iter__(self) -> Iterator[Any]:
        if not self._ragged:
            return map(itemgetter(self._index), self._rows)
        return (r[self._index] if self._index < len(r) else None for r in self._rows)


def _filled(row: list[Any]) -> int:
    return sum(not is_blank(v) for v in row)


def _width(row: list[Any]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if not is_blank(row[i]):
            return i + 1
    return 0


def _is_word(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 80:
        return False
    text = value.strip()
    return text_date(text) is None and text_number(text)[0] is None


def _header_score(
    row: list[Any], below: list[list[Any]], full: int, schema: TemplateSchema
) -> float:
    """How much row looks like the table's header row; 0 when it cannot be."""
    cells = [(i, v) for i, v in enumerate(row) if not is_blank(v)]
    if len(cells) < 2 or len(cells) < full / 2:
        return 0.0  # a title, a note, or a row narrower than the table
    words = [(i, str(v).strip()) for i, v in cells if _is_word(v)]
    if len(words) < 0.8 * len(cells):
        return 0.0  # numbers or dates: data, or a totals row
    if len({fold(w) for _, w in words}) < len(words):
        return 0.0  # a header names each column once
    known = sum(known_header(w, schema) for _, w in words)
    contrast = sum(_stands_above_data(i, below) for i, _ in words)
    if known < 2 and contrast < 2:
        return 0.0  # words above words: no sign this is not data itself
    return 3 * known + contrast + len(words) / max(full, 1)


def _stands_above_data(index: int, below: list[list[Any]]) -> bool:
    """Whether the cells under index are mostly numbers or dates (a word is not)."""
    values = [r[index] for r in below if index < len(r) and not is_blank(r[index])]
    if not values:
        return False
    return sum(not _is_word(v) for v in values) >= 0.5 * len(values)
