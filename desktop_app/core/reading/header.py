"""Finding the template's header row, and the sheet it is on.

HeaderProbe is the schema's knowledge of headers boiled down to what a reader needs (the
header names and aliases, where to look, how many must match), small enough to send to a
child process that reads a workbook there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from desktop_app.core.model.errors import SourceError
from desktop_app.core.schema.definition import TemplateSchema, normalise_label


class HeaderNotFound(SourceError):
    """No sheet of the workbook has the template's header row: nothing can be checked."""


@dataclass(frozen=True)
class HeaderProbe:
    """How to recognise the template's header row and its sheets."""

    lookup: dict[str, str]  # normalised header label or alias -> canonical column name
    search_rows: int
    min_matches: int
    data_sheet: str
    info_sheet: str

    @classmethod
    def from_schema(cls, schema) -> HeaderProbe:
        th = schema.thresholds
        return cls(
            lookup=dict(schema.header_lookup),
            search_rows=th.header_search_rows,
            min_matches=th.header_min_matches,
            data_sheet=schema.model.data_sheet,
            info_sheet=schema.model.info_sheet,
        )

    def header_row(self, rows: list[list[Any]]) -> tuple[int | None, int]:
        """Index (0-based) of the row with most known headers, and how many it has."""
        best, best_hits = None, 0
        for i, row in enumerate(rows[: self.search_rows]):
            hits = len(
                {
                    self.lookup[k]
                    for v in row
                    if isinstance(v, str) and (k := normalise_label(v)) in self.lookup
                }
            )
            if hits > best_hits:
                best, best_hits = i, hits
        if best_hits < self.min_matches:
            return None, best_hits
        return best, best_hits

    def data_name(self, names: list[str]) -> str | None:
        """The sheet named like the template's data sheet, if there is one."""
        wanted = normalise_label(self.data_sheet)
        return next((n for n in names if normalise_label(n) == wanted), None)

    def candidates(self, names: list[str]) -> list[str]:
        """The sheet named like the data sheet first, then every other but the Info sheet."""
        wanted = normalise_label(self.data_sheet)
        info = normalise_label(self.info_sheet)
        ordered = [n for n in names if normalise_label(n) == wanted]
        return ordered + [n for n in names if n not in ordered and normalise_label(n) != info]

    def info_name(self, names: list[str]) -> str | None:
        info = normalise_label(self.info_sheet)
        return next((n for n in names if normalise_label(n) == info), None)

    def pick(
        self, names: list[str], load: Callable[[str], Iterable[list[Any]]]
    ) -> tuple[str | None, Iterable[list[Any]]]:
        """The first candidate sheet (loaded with load) that has the header row, and its
        rows. load may give an iterator: only the first rows are taken to look."""
        for name in self.candidates(names):
            rows = iter(load(name))
            head = list(islice(rows, self.search_rows))
            if self.header_row(head)[0] is not None:
                return name, chain(head, rows)
        return None, []


def no_header(path: Path, sheets: list[str], schema: TemplateSchema) -> HeaderNotFound:
    expected = ", ".join(c.label for c in schema.columns[:4])
    if sheets:
        return HeaderNotFound(
            "reading.no_header_in_sheets",
            file=path.name,
            sheets=", ".join(sheets),
            expected=expected,
        )
    return HeaderNotFound("reading.no_header_in_rows", file=path.name, expected=expected)
