"""DQ1 Template structure: sheet, header row, columns, template version, non-data rows.

It reports whose file it is and for which period as the engine settled them (the locale
and the report date that later rules need follow from those), and which rows are data.
The schema it gets is already resolved for the subsidiary: DQ1 reads no user folder.
"""

from __future__ import annotations

from collections.abc import Set

import numpy as np

from desktop_app.core.checking.row_kinds import BLANK, NOTE, TOTALS, RowKinds, is_blank
from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.schema.definition import normalise_label


def structure(ctx) -> None:
    """What the whole file says: whose it is, its sheet and columns, period and version."""
    _subsidiary(ctx)
    _sheet_and_columns(ctx)
    _period(ctx)
    _template_version(ctx)


def file_notes(ctx) -> None:
    """What reading found about the whole file (hidden sheets, formulas...)."""
    for note in ctx.table.notes:
        if note.row is None:
            ctx.add(note.code, column=note.column, value=note.value, **note.params)


def row_notes(ctx) -> None:
    """What reading found about rows (hidden rows, merged cells...), said where the row is
    checked (an edit re-checks a few rows)."""
    rows = set(ctx.table.rows)
    for note in ctx.table.notes:
        if note.row is not None and note.row in rows:
            ctx.add(note.code, row=note.row, column=note.column, value=note.value, **note.params)


def needs_full_recheck(columns: Set[str], table, file) -> bool:
    """What DQ1 settles for the whole file that an edit to these columns can change."""
    if "subsidiary_code" in columns and file.subsidiary_from_rows:
        return True  # nothing else names the subsidiary: the rows do
    # Without a loss_reason column, DQ1 looks for Closed Lost deals in the stages.
    return "stage" in columns and "loss_reason" not in table.raw


def _sheet_and_columns(ctx) -> None:
    table, schema = ctx.table, ctx.schema
    if table.kind != "csv" and normalise_label(table.sheet) != normalise_label(
        schema.model.data_sheet
    ):
        ctx.add("DQ1.sheet_renamed", sheet_found=table.sheet, expected=schema.model.data_sheet)
    for col in schema.columns:
        if col.required and table.column(col.name) is None:
            ctx.add("DQ1.missing_column", column=col.name, label=col.label_text)
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
        if not col.known and col.header:  # a column without a header: see headerless_columns
            ctx.add("DQ1.unknown_column", column=col.name, value=col.header, letter=col.letter)


def headerless_columns(ctx) -> None:
    """A column without a header that holds something in the data rows; one that holds
    only a note or a sum beside the data is not a column (its rows are reported)."""
    table = ctx.table
    for col in table.columns:
        if not col.known and not col.header and col.index >= 0:
            values = table.raw[col.name][ctx.positions]
            if any(not is_blank(v) for v in values):
                ctx.add("DQ1.unknown_column", column=col.name, value=col.header, letter=col.letter)


def _subsidiary(ctx) -> None:
    file, known = ctx.file, ", ".join(ctx.schema.model.subsidiaries)
    if file.unknown_claim is not None:
        value, where = file.unknown_claim
        ctx.add("DQ1.subsidiary_unknown", value=value, where=where, known=known)
    elif file.subsidiary_source == "column":
        ctx.add("DQ1.subsidiary_from_column", column="subsidiary_code", value=file.subsidiary)
    elif file.subsidiary is None:
        ctx.add("DQ1.subsidiary_not_found", known=known)


def _period(ctx) -> None:
    if ctx.period is None:
        ctx.add("DQ1.period_not_found", value=ctx.table.info.get("period"))


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
    changes = _changes_since(ctx.schema, found_text) if theirs < mine else None
    if changes:
        code, params = "DQ1.template_older_changes", {"changes": changes}
    else:
        params = {}
    ctx.add(code, value=found_text, found=found_text, schema_version=ctx.schema.version, **params)


def _changes_since(schema, version: str) -> str | None:
    """What changed since an earlier version, in one line, when the caller passed it in
    (schema.kept_versions); None otherwise."""
    older = (schema.kept_versions or {}).get(version)
    if older is None:
        return None
    from desktop_app.core.schema.diff import diff_schemas, summarise_changes

    changes = diff_schemas(older, schema)
    return summarise_changes(changes) if changes else None


def data_rows(ctx) -> None:
    """Blank rows, totals and subtotal rows and note rows are reported once each and
    left out (checking.row_kinds says which they are)."""
    table = ctx.table
    kinds = RowKinds(ctx.schema, table)
    keep = np.ones(len(table.rows), dtype=bool)
    for pos in kinds.suspects():
        found = kinds.kind(kinds.cells(pos))
        if found is None:
            continue
        kind, value = found
        keep[pos] = False
        ctx.add(_ROW_CODES[kind], row=table.rows[pos], value=value)
    ctx.positions = np.flatnonzero(keep)
    ctx.rows = np.asarray(table.rows, dtype=np.int64)[ctx.positions]


_ROW_CODES = {BLANK: "DQ1.blank_row", TOTALS: "DQ1.non_data_row", NOTE: "DQ1.note_row"}


def rows_above_header(ctx) -> None:
    """A totals or subtotal row above the header (title rows and notes there are not)."""
    kinds = RowKinds(ctx.schema, ctx.table)
    for row, cells in ctx.table.above_header:
        found = kinds.kind(cells)
        if found is not None and found[0] == TOTALS:
            ctx.add("DQ1.non_data_above_header", row=row, value=found[1])


def lost_without_reason_column(ctx) -> None:
    """Closed Lost deals in a file without a loss_reason column: one error for the file."""
    table, schema = ctx.table, ctx.schema
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
                label=schema.column_by_name["loss_reason"].label_text,
            )


SPEC = RuleSpec(
    id="DQ1",
    title="Template structure",
    checks=(
        Check(structure, Scope.FILE),
        Check(data_rows, Scope.ROWS),
        Check(rows_above_header, Scope.FILE),
        Check(headerless_columns, Scope.FILE),
        Check(lost_without_reason_column, Scope.FILE, reads=frozenset({"stage", "loss_reason"})),
        Check(file_notes, Scope.FILE),
        Check(row_notes, Scope.ROWS),
    ),
    needs_full_recheck=needs_full_recheck,
)
