"""A matched file (a CRM's export read through a matching) written in the template's
layout: the Pipeline sheet with the canonical headers, one row per source row, and the
Info sheet, so that check, export and consolidate take it like any filled template.

Values are written as the source holds them (its list words already mapped): nothing is
fixed here, the check does that. amount_eur, when the source has none, is the amount at
the schema's rates (checking.money), as the submission file would compute it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.output.template import DEFAULT_FORMATS, DEFAULT_WIDTHS
from desktop_app.core.output.xlsx_stream import Column, XlsxStream
from desktop_app.core.schema.definition import TemplateSchema


def write_matched(
    table,
    target: str | Path,
    schema: TemplateSchema,
    *,
    subsidiary: str | None,
    period: str | None,
    amount_eur: dict[int, float] | None = None,
) -> Path:
    """Write table (a matched SourceTable) to target, atomically. amount_eur: the EUR
    amount by Excel row of the source, for a source without that column."""
    columns = schema.columns
    target = Path(target)
    with atomic_path(target, protect=(table.path,)) as tmp, XlsxStream(tmp) as book:
        sheet = book.add_sheet(
            schema.model.data_sheet,
            [Column(c.label, c.width or DEFAULT_WIDTHS[c.type], _format(c.type)) for c in columns],
            rows=len(table.rows),
        )
        raw = [table.raw.get(c.name) for c in columns]
        eur_at = next(i for i, c in enumerate(columns) if c.name == "amount_eur")
        fill_eur = raw[eur_at] is None and amount_eur is not None
        for position, row in enumerate(table.rows):
            values = [_cell(None if r is None else r[position]) for r in raw]
            if fill_eur:
                values[eur_at] = amount_eur.get(row)
            sheet.write_row(values)
        keys = schema.model.info_keys
        info = book.add_sheet(schema.model.info_sheet, [Column(None, 20), Column(None, 18, "@")])
        info.write_row([keys.subsidiary[0], subsidiary or ""])
        info.write_row([keys.period[0], period or ""])
        info.write_row([keys.template_version[0], schema.version])
    return target


def _format(kind: str) -> str | None:
    return None if kind == "text" else DEFAULT_FORMATS[kind]


def _cell(value: Any) -> Any:
    """A source value as the writer takes it; anything else (a time of day) as text."""
    if value is None or isinstance(value, str | bool | int | float | date | datetime):
        return value
    return str(value)
