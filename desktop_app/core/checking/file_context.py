"""Whose file it is and for which period: settled before any rule runs.

The subsidiary comes from the Info sheet, else the user's options, else the file name,
else the subsidiary_code column when all rows agree; the period the same way, without
the column. The locale, the report date and the subsidiary's local variant of the schema
follow from them. DQ1 reports what was found (or not); the rules only read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_app.core.model.period import (
    Period,
    parse_period,
    period_from_file_name,
    subsidiary_from_file_name,
)
from desktop_app.core.schema.definition import TemplateSchema, normalise_label

if TYPE_CHECKING:
    from desktop_app.core.checking.engine import CheckOptions
    from desktop_app.core.reading.table import SourceTable


@dataclass(frozen=True)
class FileContext:
    subsidiary: str | None = None
    period: Period | None = None
    # Where the subsidiary came from: "info", "option", "file name" or "column"; None: nowhere.
    subsidiary_source: str | None = None
    # A claim (Info sheet or option) that names no known subsidiary: (value, where).
    unknown_claim: tuple[Any, str] | None = None

    @property
    def subsidiary_from_rows(self) -> bool:
        """Whether only the rows can name the subsidiary, so that an edit can change it."""
        return self.subsidiary_source in (None, "column")


def settle_file_context(
    table: SourceTable, schema: TemplateSchema, options: CheckOptions
) -> FileContext:
    subsidiary, source, claim = _subsidiary(table, schema, options)
    return FileContext(subsidiary, _period(table, options), source, claim)


def _subsidiary(table: SourceTable, schema: TemplateSchema, options: CheckOptions):
    """(code, where it came from, an unknown claim)."""
    candidates: list[tuple[str, Any]] = [
        ("info", table.info.get("subsidiary")),
        ("option", options.subsidiary),
        ("file name", subsidiary_from_file_name(table.path.name)),
    ]
    for source, value in candidates:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        code = str(value).strip().upper()
        if code in schema.model.subsidiaries:
            return code, source, None
        if source != "file name":  # a file name that merely looks like a code is no claim
            return None, None, (value, source)
    codes = {str(v).strip().upper() for v in table.raw.get("subsidiary_code", []) if str(v).strip()}
    if len(codes) == 1 and (code := codes.pop()) in schema.model.subsidiaries:
        return code, "column", None
    return None, None, None


def _period(table: SourceTable, options: CheckOptions) -> Period | None:
    for value in (table.info.get("period"), options.period):
        if value is not None and (period := parse_period(value)) is not None:
            return period
    return period_from_file_name(table.path.name)


def use_local_headers(table: SourceTable, local: TemplateSchema) -> None:
    """The subsidiary's local variant names more columns: map them before the rules judge
    the columns (a second header for a column already found is a duplicate)."""
    for col in [c for c in table.columns if not c.known]:
        name = local.header_lookup.get(normalise_label(col.header))
        if name is None:
            continue
        values = table.raw.pop(col.name)
        if table.column(name) is not None:
            table.columns.remove(col)
            table.duplicate_headers.append(col)
        else:
            table.raw[name] = values
        col.name, col.known = name, True
