"""DQ1 Template structure: sheet, header row, columns, template version, non-data rows.

It also settles whose file it is and for which period (Info sheet, then the user's
options, then the file name, then the subsidiary column), since the locale and the
report date that later rules need follow from those.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from desktop_app.core.model.period import (
    parse_period,
    period_from_file_name,
    subsidiary_from_file_name,
)
from desktop_app.core.schema.definition import normalise_label
from desktop_app.core.schema.store import changes_since

RULE = "DQ1"
TITLE = "Template structure"


def check(ctx) -> None:
    _subsidiary(ctx)
    _local_variant(ctx)
    _sheet_and_columns(ctx)
    _period(ctx)
    _template_version(ctx)
    _non_data_rows(ctx)
    _reading_notes(ctx)


def _reading_notes(ctx) -> None:
    """What reading found a person should know (hidden rows, merged cells, formulas...).

    A note about a row is said where that row is checked (an edit re-checks a few rows).
    """
    rows = set(ctx.table.rows)
    for note in ctx.table.notes:
        if note.row is None or note.row in rows:
            ctx.add(note.code, row=note.row, column=note.column, value=note.value, **note.params)


def _sheet_and_columns(ctx) -> None:
    table, schema = ctx.table, ctx.schema
    if table.kind != "csv" and normalise_label(table.sheet) != normalise_label(
        schema.model.data_sheet
    ):
        ctx.add("DQ1.sheet_renamed", sheet_found=table.sheet, expected=schema.model.data_sheet)
    for col in schema.columns:
        if col.required and table.column(col.name) is None:
            ctx.add("DQ1.missing_column", column=col.name, label=col.label)
    for dup in table.duplicate_headers:
        first = table.column(dup.name)
        ctx.add(
            "DQ1.duplicate_header",
            column=dup.name,
            value=dup.header,
            header=dup.header,
            first=first.letter if first else "?",
            second=dup.letter,
        )
    for col in table.columns:
        if not col.known:
            ctx.add("DQ1.unknown_column", column=col.name, value=col.header, letter=col.letter)


def _local_variant(ctx) -> None:
    """The subsidiary's local variant names more columns: map them before judging the columns."""
    local = ctx.schema.for_subsidiary(ctx.subsidiary)
    if local is ctx.schema:
        return
    ctx.schema = local
    table = ctx.table
    for col in [c for c in table.columns if not c.known]:
        name = local.header_lookup.get(normalise_label(col.header))
        if name is None:
            continue
        values = table.raw.pop(col.name)
        if table.column(name) is not None:  # a second header for a column already found
            table.columns.remove(col)
            table.duplicate_headers.append(col)
        else:
            table.raw[name] = values
        col.name, col.known = name, True


def _subsidiary(ctx) -> None:
    table, schema = ctx.table, ctx.schema
    known = list(schema.model.subsidiaries)
    candidates: list[tuple[str, Any]] = [
        ("info", table.info.get("subsidiary")),
        ("option", ctx.options.subsidiary),
        ("file name", subsidiary_from_file_name(table.path.name)),
    ]
    for source, value in candidates:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        code = str(value).strip().upper()
        if code in schema.model.subsidiaries:
            ctx.subsidiary = code
            return
        if source != "file name":  # a file name that merely looks like a code is no claim
            ctx.add("DQ1.subsidiary_unknown", value=value, where=source, known=", ".join(known))
            return
    codes = {str(v).strip().upper() for v in table.raw.get("subsidiary_code", []) if str(v).strip()}
    if len(codes) == 1 and (code := codes.pop()) in schema.model.subsidiaries:
        ctx.subsidiary = code
        ctx.add("DQ1.subsidiary_from_column", column="subsidiary_code", value=code)
        return
    ctx.add("DQ1.subsidiary_not_found", known=", ".join(known))


def _period(ctx) -> None:
    table = ctx.table
    for value in (table.info.get("period"), ctx.options.period):
        if value is not None and (period := parse_period(value)) is not None:
            ctx.period = period
            return
    ctx.period = period_from_file_name(table.path.name)
    if ctx.period is None:
        found = table.info.get("period")
        ctx.add("DQ1.period_not_found", value=found)


def _version_key(text: str):
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        return None


def _template_version(ctx) -> None:
    found = ctx.table.info.get("template_version")
    if found is None or not str(found).strip():
        return
    found_text = str(found).strip()
    if isinstance(found, float) and found.is_integer():
        found_text = str(int(found))
    mine, theirs = _version_key(ctx.schema.version), _version_key(found_text)
    if mine is None or theirs is None or mine == theirs:
        return
    code = "DQ1.template_older" if theirs < mine else "DQ1.template_newer"
    changes = changes_since(ctx.schema, found_text) if theirs < mine else None
    if changes:
        code, params = "DQ1.template_older_changes", {"changes": changes}
    else:
        params = {}
    ctx.add(code, value=found_text, found=found_text, schema_version=ctx.schema.version, **params)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _totals_pattern(labels: list[str]) -> re.Pattern:
    """Matches text that starts with a totals word as a word: "Summa", "Total:", not "Summit"."""
    words = "|".join(re.escape(w.casefold()) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"\s*(?:{words})(?![^\W\d_])", re.IGNORECASE)


def _suspect_rows(ids: np.ndarray, totals: re.Pattern) -> np.ndarray:
    """Positions whose ID cell is blank or starts with a totals word: the only rows
    that can be non-data, found without looking at every cell of every row."""
    n = len(ids)
    try:  # a column of text: C-level passes
        blank = (ids == "") | np.fromiter(map(str.isspace, ids), dtype=bool, count=n)
        total = np.fromiter(map(bool, map(totals.match, ids)), dtype=bool, count=n)
        return np.flatnonzero(blank | total)
    except TypeError:
        pass
    suspect = np.fromiter(
        (_is_blank(v) or (isinstance(v, str) and totals.match(v) is not None) for v in ids),
        dtype=bool,
        count=n,
    )
    return np.flatnonzero(suspect)


def _non_data_rows(ctx) -> None:
    """Totals rows and fully blank rows are reported once each and left out."""
    table, schema = ctx.table, ctx.schema
    n = len(table.rows)
    columns = list(table.raw.values())
    totals = _totals_pattern(schema.model.total_labels)
    ids = table.raw.get("opportunity_id")
    keep = np.ones(n, dtype=bool)
    for pos in range(n) if ids is None else _suspect_rows(ids, totals):
        filled = [v for v in (c[pos] for c in columns) if not _is_blank(v)]
        row = table.rows[pos]
        if not filled:
            keep[pos] = False
            ctx.add("DQ1.blank_row", row=row)
            continue
        texts = [v for v in filled if isinstance(v, str)]
        if any(totals.match(t) for t in texts[:2]):
            keep[pos] = False
            ctx.add("DQ1.non_data_row", row=row, value=filled[0])
    ctx.positions = np.flatnonzero(keep)
    ctx.rows = np.asarray(table.rows, dtype=np.int64)[ctx.positions]
    if "loss_reason" not in table.raw and "stage" in table.raw:
        lost = {s.casefold() for s, st in schema.model.process.items() if st.needs_loss_reason}
        synonyms = schema.vocabulary_synonyms(schema.column_by_name["stage"].vocabulary)
        lost |= {k for k, v in synonyms.items() if v.casefold() in lost}
        stages = table.raw["stage"]
        if any(
            isinstance(stages[p], str) and stages[p].strip().casefold() in lost
            for p in ctx.positions
        ):
            ctx.add(
                "DQ1.missing_loss_reason_column",
                column="loss_reason",
                label=schema.column_by_name["loss_reason"].label,
            )
