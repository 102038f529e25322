"""What a copy of the person's workbook is asked to change (workbook_copy.py writes it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()  # sentinel: leave the cell's value as it is


@dataclass(frozen=True)
class CellPatch:
    """What changes in one cell of the copy."""

    value: object = KEEP  # str, int, float, Decimal, date, datetime, bool, None (empty); KEEP
    number_format: str | None = None  # a style derived from the cell's own with this format
    mark: str | None = None  # "error" | "warning": filled red / amber, number format kept
    note: str | None = None  # comment text (merged with an existing comment)


@dataclass(frozen=True)
class AddedSheet:
    """A new sheet placed after the workbook's others (the annotated copy's Findings).

    rows: its cell values, row by row (str, int, float, None); with header=True the first
    row is bold, frozen and filtered. links: (row, column), both 1-based -> the place in
    the workbook the cell links to (e.g. "'Pipeline'!B5"). widths: column widths in
    characters.
    """

    name: str
    rows: Sequence[Sequence[object]]
    links: Mapping[tuple[int, int], str] = field(default_factory=dict)
    widths: Sequence[float | None] = ()
    header: bool = True
