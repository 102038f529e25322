"""The clean, standardised submission file (PRODUCT.md section 5).

Written only when no error remains, never over the source and never half-written.
Sheet `Pipeline` holds every schema column in the schema's order with typed values;
`Submission` records what the file was checked against and a SHA-256 of the data;
`Changes` lists every fixed cell and every edit; `Warnings` lists the warnings that
did not block the export. CSV holds the Pipeline values only.

The rows are prepared and written in chunks, so memory stays flat however long the
file is, and the work can report progress and be cancelled between chunks.

The data hash is taken over the values, not over the file, so `verify` can recompute
it from the Pipeline sheet as read back, and saving the file again in Excel does not
change it. Canonical form (method `values-json-v1`): one line per sheet row, header
row first, each a compact UTF-8 JSON array of its cells: text as is, numbers rounded
to 15 significant digits (whole ones as integers), dates as {"date": "yyyy-mm-dd"},
empty cells as null; lines end with a newline. Rounding to 15 digits first is what
makes a number come back bit-identical from the xlsx file.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app import __version__
from desktop_app.core.checking.money import frame_amount_eur
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.findings import Finding
from desktop_app.core.model.progress import Progress
from desktop_app.core.output.xlsx_stream import Column, XlsxStream

HASH_METHOD = "values-json-v1"
FIRST_FEW = 5  # errors named when the export is refused
ROWS_PER_STEP = 5000  # rows prepared and written between progress reports
# OWASP CSV injection / ASVS 1.2.10: a text cell starting with one of these is run
# as a formula by a spreadsheet, so it gets a leading apostrophe. Numbers are never
# escaped: a negative amount stays a number.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


class ExportRefused(ProblemForUser):
    """Errors remain: the message says how many and where the first few are."""


# ---------------------------------------------------------------- the data hash


def canonical_number(x: float) -> int | float | None:
    """A number as the export writes and hashes it: 15 significant digits, whole ones as int."""
    if x != x:  # NaN: an empty cell
        return None
    q = float(f"{x:.15g}")
    return int(q) if q.is_integer() else q


def _token(v: Any) -> Any:
    """One cell in the canonical form, from a value as written or as read back."""
    t = type(v)
    if t is str:
        return v or None
    if v is None:
        return None
    if t is float or t is int:
        return canonical_number(float(v))
    if t is date or (t is datetime and v.time() == datetime.min.time()):
        return {"date": v.strftime("%Y-%m-%d")}
    return {t.__name__: str(v)}  # a time of day, a boolean: never written by the export


class DataHash:
    """SHA-256 of a table in the canonical form, fed a chunk of rows at a time."""

    _encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode

    def __init__(self, headers: Sequence[str]) -> None:
        self._digest = hashlib.sha256()
        self.add_rows([headers])

    def add_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        encode = self._encode
        text = "".join(encode([_token(v) for v in row]) + "\n" for row in rows)
        self._digest.update(text.encode("utf-8"))

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def data_sha256(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The data hash of the Submission sheet: headers, then the rows' cell values (str,
    int, float, date, or None/"" for empty) as the export writes them or python-calamine
    reads them back."""
    digest = DataHash(headers)
    digest.add_rows(rows)
    return digest.hexdigest()


# ---------------------------------------------------------------- the Submission sheet


@dataclass
class SubmissionRecord:
    """The Submission sheet: one labelled row per field, read back by `verify`."""

    schema_id: str
    schema_version: str
    schema_sha256: str
    subsidiary: str
    period: str
    rows: int
    warnings: int
    fixed: int
    edits: int
    amount_eur_computed: int
    source_file: str
    checked_at: str
    program: str
    data_sheet: str
    hash_method: str
    data_sha256: str
    schema_signature: str  # signed by the global team / unsigned schema / bundled (last:
    # added after the others, so the rows above keep their places)

    LABELS = {
        "schema_id": "Schema id",
        "schema_version": "Schema version",
        "schema_sha256": "Schema SHA-256",
        "subsidiary": "Subsidiary",
        "period": "Reporting period",
        "rows": "Rows",
        "warnings": "Warnings",
        "fixed": "Fixed automatically",
        "edits": "Edited in the program",
        "amount_eur_computed": "Amount (EUR) computed from the rates",
        "source_file": "Source file",
        "checked_at": "Checked at",
        "program": "Program",
        "data_sheet": "Data sheet",
        "hash_method": "Data hash method",
        "data_sha256": "Data SHA-256",
        "schema_signature": "Schema signature",
    }

    # Fields files exported by an earlier version lack, and what they meant there.
    ADDED_LATER = {"schema_signature": ""}

    def labelled(self) -> list[tuple[str, Any]]:
        return [(self.LABELS[f.name], getattr(self, f.name)) for f in fields(self)]

    @classmethod
    def from_rows(cls, rows: list[list[Any]]) -> SubmissionRecord:
        """Parse the sheet as read back; KeyError names a missing or garbled field."""
        found = {str(r[0]).strip(): r[1] for r in rows if len(r) >= 2 and r[0] != ""}
        values: dict[str, Any] = {}
        for f in fields(cls):
            label = cls.LABELS[f.name]
            if label not in found and f.name in cls.ADDED_LATER:
                values[f.name] = cls.ADDED_LATER[f.name]
                continue
            value = found[label]
            if f.type != "int":
                values[f.name] = str(value)
                continue
            try:
                values[f.name] = int(float(value))
            except (TypeError, ValueError):
                raise KeyError(label) from None
        return cls(**values)


# ---------------------------------------------------------------- what is exported


def refusal(result) -> ExportRefused:
    errors = sorted((f for f in result.findings if f.severity == "error"), key=Finding.sort_key)
    n = len(errors)
    where = ", ".join(where_found(f) for f in errors[:FIRST_FEW])
    return ExportRefused(
        "output.export_refused.one"
        if n == 1
        else "output.export_refused.many"
        if n > FIRST_FEW
        else "output.export_refused.some",
        file=result.table.path.name,
        errors=str(n),
        where=where,
        more=str(n - FIRST_FEW),
    )


def where_found(f: Finding) -> str:
    if f.cell:
        return f.cell
    if f.row is not None:
        return render("output.where.row", {"row": str(f.row)})
    if f.column:
        return render("output.where.column", {"column": f.column})
    return render("output.where.file")


def default_export_name(result, fmt: str = "xlsx") -> str:
    """`{subsidiary}_{period}_pipeline.xlsx`, with `_clean` added if that is the source's name."""
    period = result.period.label if result.period else "unknown-period"
    name = f"{result.subsidiary or 'unknown'}_{period}_pipeline"
    if f"{name}.{fmt}".casefold() == result.table.path.name.casefold():
        name += "_clean"
    return f"{name}.{fmt}"


@dataclass
class ExportColumn:
    name: str
    label: str
    type: str  # text, integer, decimal, date
    format: str | None
    width: int | None
    data: np.ndarray  # object (text), float64 (numbers) or datetime64[D] (dates)

    def values(self, start: int, end: int) -> list[Any]:
        """Rows start:end as written: str, canonical number or date; None when empty."""
        part = self.data[start:end]
        if self.type == "text":
            return [v if v.__class__ is str and v else None for v in part.tolist()]
        if self.type == "date":
            return part.astype(object).tolist()
        return [canonical_number(x) for x in part.tolist()]


def clean_columns(result) -> tuple[list[ExportColumn], int]:
    """Every schema column in order (missing ones empty); and how many amount_eur were computed."""
    frame, schema = result.frame, result.schema
    n = len(frame)
    computed = 0
    columns = []
    for col in schema.columns:
        present = col.name in frame.columns
        if col.type == "text":
            data = frame[col.name].to_numpy(dtype=object) if present else np.full(n, None)
        elif col.type == "date":
            data = (
                frame[col.name].to_numpy().astype("datetime64[D]")
                if present
                else np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
            )
        else:
            data = (
                frame[col.name].to_numpy(dtype=float, na_value=np.nan)
                if present
                else np.full(n, np.nan)
            )
            if col.name == "amount_eur":
                data, filled = frame_amount_eur(frame, schema.model.rates)
                computed = int(filled.sum())
        columns.append(ExportColumn(col.name, col.label, col.type, col.format, col.width, data))
    return columns, computed


def change_rows(result) -> list[list[Any]]:
    """Every fixed cell and every edit, as the Changes sheet lists them (CHANGES_HEADERS)."""
    id_of = _opportunity_id_of(result)
    checked = result.checked_at.isoformat(timespec="seconds")
    rows = [
        [f.cell, f.row, id_of(f.row), _label(result, f.column), f.value, f.suggestion]
        + [f.rule, f.message, checked]
        for f in sorted(result.findings, key=Finding.sort_key)
        if f.severity == "fixed"
    ]
    for e in result.edits:
        where = [result.table.cell_ref(e.column, e.row), e.row, id_of(e.row)]
        what = [_label(result, e.column), e.before, e.after, "Edit", render(e.reason)]
        rows.append(where + what + [e.at.isoformat(timespec="seconds")])
    return rows


def warning_rows(result) -> list[list[Any]]:
    """The warnings that did not block the export (WARNINGS_HEADERS)."""
    id_of = _opportunity_id_of(result)
    return [
        [where_found(f), f.row, id_of(f.row), _label(result, f.column), f.value, f.rule, f.message]
        for f in sorted(result.findings, key=Finding.sort_key)
        if f.severity == "warning"
    ]


def _label(result, name: str | None) -> str | None:
    col = result.schema.column_by_name.get(name) if name else None
    return col.label if col else name


def _opportunity_id_of(result):
    """A lookup: Excel row of the source -> its opportunity ID (None for a row left out)."""
    if result.frame is None or "opportunity_id" not in result.frame.columns:
        return lambda row: None
    rows = np.asarray(result.rows, dtype=np.int64)  # ascending, as read
    ids = result.frame["opportunity_id"]

    def lookup(row: int | None) -> str | None:
        pos = int(np.searchsorted(rows, row)) if row is not None else len(rows)
        return ids.iat[pos] if pos < len(rows) and rows[pos] == row else None

    return lookup


# ---------------------------------------------------------------- writing


def export_clean(result, out: Path, *, fmt: str = "xlsx", progress: Progress | None = None) -> Path:
    """Write the clean submission file; raises ExportRefused while errors remain."""
    if fmt not in ("xlsx", "csv"):
        raise ValueError(f"unknown export format {fmt!r}")
    if not result.passed or result.frame is None:
        raise refusal(result)
    progress = progress or Progress()
    out = Path(out)
    progress.step(render("output.progress.preparing"), 0.02)
    columns, computed = clean_columns(result)
    with atomic_path(out, protect=(result.table.path,)) as tmp:
        if fmt == "csv":
            _write_csv(tmp, columns, progress)
        else:
            _write_xlsx(tmp, result, columns, computed, progress)
    progress.step(render("output.progress.exported"), 1.0)
    return out


def _submission_record(result, computed: int, data_hash: str) -> SubmissionRecord:
    summary, schema = result.summary, result.schema
    return SubmissionRecord(
        schema_id=schema.id,
        schema_version=schema.version,
        schema_sha256=schema.sha256,
        schema_signature=signature_said(schema),
        subsidiary=result.subsidiary or "",
        period=result.period.label if result.period else "",
        rows=len(result.frame),
        warnings=summary["warnings"],
        fixed=summary["fixed"],
        edits=len(result.edits),
        amount_eur_computed=computed,
        source_file=result.table.path.name,
        checked_at=result.checked_at.isoformat(timespec="seconds"),
        program=f"Template Checker {__version__}",
        data_sheet=schema.model.data_sheet,
        hash_method=HASH_METHOD,
        data_sha256=data_hash,
    )


# The Submission sheet's word for the schema's signature (schema.signed): in English,
# like the sheet's labels, whatever language the program shows.
_SIGNATURE_SAID = {
    "signed": "channel.signed_schema",
    "unsigned": "channel.unsigned_schema",
    "bundled": "channel.bundled_schema",
}


def signature_said(schema) -> str:
    kind = "bundled" if schema.signed is None else "signed" if schema.signed else "unsigned"
    return render(_SIGNATURE_SAID[kind], language="en")


def _write_xlsx(tmp: Path, result, columns, computed: int, progress: Progress) -> None:
    with XlsxStream(tmp) as book:
        sheet = book.add_sheet(
            result.schema.model.data_sheet,
            [Column(c.label, c.width, c.format) for c in columns],
            rows=len(result.frame),
        )
        data_hash = _write_pipeline(sheet, columns, progress)
        record = _submission_record(result, computed, data_hash)
        _write_table(book, "Submission", None, record.labelled(), [36, 68])
        _write_table(
            book, "Changes", CHANGES_HEADERS, change_rows(result), [9, 7, 16, 18, 22, 22, 7, 70, 26]
        )
        _write_table(
            book, "Warnings", WARNINGS_HEADERS, warning_rows(result), [12, 7, 16, 18, 22, 7, 90]
        )
        progress.step(render("output.progress.saving"), 0.92)


CHANGES_HEADERS = [
    "Cell",
    "Row",
    "Opportunity ID",
    "Column",
    "Before",
    "After",
    "Rule",
    "Reason",
    "At",
]
WARNINGS_HEADERS = ["Where", "Row", "Opportunity ID", "Column", "Value", "Rule", "Message"]


def _write_pipeline(sheet, columns: list[ExportColumn], progress: Progress) -> str:
    """Write the data rows chunk by chunk; return the data hash of what was written."""
    n = len(columns[0].data) if columns else 0
    digest = DataHash([c.label for c in columns])
    for start in range(0, n, ROWS_PER_STEP):
        end = min(n, start + ROWS_PER_STEP)
        progress.step(_writing_rows(start, end, n), 0.05 + 0.85 * start / n)
        rows = list(zip(*(col.values(start, end) for col in columns), strict=True))
        digest.add_rows(rows)
        for row in rows:
            sheet.write_row(row)
    return digest.hexdigest()


def _record_value(value: Any) -> Any:
    """One cell of a record sheet, typed as the writer takes it; anything else as text."""
    if value is None or isinstance(value, bool | str | date):
        return value
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)  # NaN: an empty cell
    return str(value)


def _write_table(book: XlsxStream, name: str, headers, rows, widths: list[int]) -> None:
    """A record sheet: bold frozen headers (if any) over plain rows."""
    labels = headers or [None] * len(widths)
    columns = [Column(label, width) for label, width in zip(labels, widths, strict=True)]
    sheet = book.add_sheet(name, columns, autofilter=False)
    for values in rows:
        sheet.write_row([_record_value(v) for v in values])


def _writing_rows(start: int, end: int, n: int) -> str:
    return render(
        "output.progress.writing_rows",
        {"first": f"{start + 1:,}", "last": f"{end:,}", "rows": f"{n:,}"},
    )


# ---------------------------------------------------------------- CSV


def csv_text(value: str) -> str:
    """A text cell that no spreadsheet will run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cells(col: ExportColumn, start: int, end: int) -> list[str]:
    values = col.values(start, end)
    if col.type == "text":
        return [csv_text(v) if v else "" for v in values]
    if col.type == "date":
        return [v.isoformat() if v else "" for v in values]
    return [
        "" if v is None else str(v) if isinstance(v, int) else np.format_float_positional(v)
        for v in values
    ]


def _write_csv(tmp: Path, columns: list[ExportColumn], progress: Progress) -> None:
    """UTF-8 with a byte-order mark (so Excel shows ÅÄÖ), ISO dates, a decimal point."""
    n = len(columns[0].data) if columns else 0
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([csv_text(c.label) for c in columns])
        for start in range(0, n, ROWS_PER_STEP):
            end = min(n, start + ROWS_PER_STEP)
            progress.step(_writing_rows(start, end, n), 0.05 + 0.9 * start / n)
            writer.writerows(zip(*(_csv_cells(c, start, end) for c in columns), strict=True))
