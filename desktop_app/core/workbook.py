"""Read a workbook or CSV into a SourceTable: raw values with their cell coordinates.

Values are kept exactly as the file holds them (text stays text: `00123`, `TRUE`,
`NA`); typing and fixing are the rules' job. python-calamine reads the values fast;
what it cannot tell apart (an Excel error or a formula without a result, both read
as "") comes from a scan of the sheet XML that runs beside it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.progress import Progress
from desktop_app.core.schema import TemplateSchema, normalise_label
from desktop_app.core.sources import (
    SheetScan,
    SourceError,
    col_letter,
    inspect_xlsx,
    read_csv_rows,
    scan_sheet,
)

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt"}
# Beyond this many cells the recorded sheet size is not believable for a pipeline
# report, and some readers try to allocate it all at once.
MAX_SHEET_CELLS = 60_000_000


class ErrorValue(str):
    """An Excel error value (#N/A, #REF!) or a formula without a stored result."""

    __slots__ = ()


FORMULA_WITHOUT_RESULT = ErrorValue("(formula without a result)")


@dataclass
class SourceColumn:
    name: str  # canonical column name, or the header as found for an unknown column
    header: str  # the header text as found
    index: int  # 0-based column index in the sheet
    known: bool

    @property
    def letter(self) -> str:
        return col_letter(self.index)


@dataclass
class SourceTable:
    path: Path
    kind: str  # "xlsx" or "csv"
    sheet: str | None  # the data sheet's name, None when no data sheet was found
    sheet_names: list[str]
    header_row: int | None  # Excel row number of the header row
    columns: list[SourceColumn] = field(default_factory=list)  # in sheet order, first of each name
    duplicate_headers: list[SourceColumn] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # Excel row number of each data row
    raw: dict[str, np.ndarray] = field(
        default_factory=dict
    )  # column name -> object array of values
    info: dict[str, Any] = field(default_factory=dict)  # subsidiary / period / template_version
    hidden_sheets: list[str] = field(default_factory=list)
    date1904: bool = False
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, col index)
    has_error_values: bool = False  # some raw value is an ErrorValue

    def column(self, name: str) -> SourceColumn | None:
        for col in self.columns:
            if col.name == name:
                return col
        return None

    def cell_ref(self, name: str, row: int) -> str | None:
        col = self.column(name)
        return f"{col.letter}{row}" if col else None


def find_header_row(rows: list[list[Any]], schema: TemplateSchema) -> tuple[int | None, int]:
    """Index (0-based) of the row with most known headers, and how many it has."""
    lookup = schema.header_lookup
    best, best_hits = None, 0
    for i, row in enumerate(rows[: schema.thresholds.header_search_rows]):
        hits = len(
            {lookup[k] for v in row if isinstance(v, str) and (k := normalise_label(v)) in lookup}
        )
        if hits > best_hits:
            best, best_hits = i, hits
    if best_hits < schema.thresholds.header_min_matches:
        return None, best_hits
    return best, best_hits


def _map_columns(header: list[Any], data: list[list[Any]], schema: TemplateSchema):
    lookup = schema.header_lookup
    columns: list[SourceColumn] = []
    duplicates: list[SourceColumn] = []
    seen: set[str] = set()
    width = max([len(header), *(len(r) for r in data[:1000])]) if data else len(header)
    for index in range(width):
        text = header[index] if index < len(header) else ""
        text = (
            "" if text is None else str(text).strip() if not isinstance(text, str) else text.strip()
        )
        name = lookup.get(normalise_label(text)) if text else None
        if name is None:
            if not text and not any(index < len(r) and r[index] not in ("", None) for r in data):
                continue  # an empty column between or after the data
            label = text or f"(no header, column {col_letter(index)})"
            col = SourceColumn(label, text, index, known=False)
        else:
            col = SourceColumn(name, text, index, known=True)
        if col.name in seen:
            duplicates.append(col)
            continue
        seen.add(col.name)
        columns.append(col)
    return columns, duplicates


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_info(rows: list[list[Any]], schema: TemplateSchema) -> dict[str, Any]:
    wanted = {
        normalise_label(label): key
        for key, labels in schema.model.info_keys.model_dump().items()
        for label in labels
    }
    info: dict[str, Any] = {}
    for row in rows[:200]:
        cells = [v for v in row if not _is_blank(v)]
        if len(cells) >= 2 and isinstance(cells[0], str):
            key = wanted.get(normalise_label(cells[0]))
            if key and key not in info:
                info[key] = cells[1]
    return info


def build_table(
    path: Path,
    kind: str,
    sheet: str | None,
    sheet_names: list[str],
    rows: list[list[Any]],
    schema: TemplateSchema,
) -> SourceTable:
    """Find the header row in rows and split the rest into raw columns."""
    table = SourceTable(path=path, kind=kind, sheet=sheet, sheet_names=sheet_names, header_row=None)
    header_index, _ = find_header_row(rows, schema)
    if header_index is None:
        return table
    table.header_row = header_index + 1
    data = rows[header_index + 1 :]
    while data and all(_is_blank(v) for v in data[-1]):
        data.pop()  # trailing empty rows are not part of the data
    table.columns, table.duplicate_headers = _map_columns(rows[header_index], data, schema)
    first = header_index + 2
    table.rows = list(range(first, first + len(data)))
    width = max((len(r) for r in data), default=0)
    width = max(width, max((c.index for c in table.columns), default=-1) + 1)
    if any(len(r) != width for r in data):  # CSV rows may be ragged
        data = [r if len(r) == width else [*r, *[""] * (width - len(r))] for r in data]
    # One 2-D object array built in C, then a contiguous copy per column we keep.
    grid = np.empty((len(data), width), dtype=object)
    if data:
        grid[:] = data
    for col in table.columns:
        table.raw[col.name] = np.ascontiguousarray(grid[:, col.index])
    return table


# ---------------------------------------------------------------- xlsx


def _pick_sheet(workbook, names: list[str], schema: TemplateSchema, hidden: list[str]):
    """The sheet named like the template's data sheet, else the first with its header row."""
    wanted = normalise_label(schema.model.data_sheet)
    ordered = [n for n in names if normalise_label(n) == wanted]
    ordered += [
        n
        for n in names
        if n not in ordered and normalise_label(n) != normalise_label(schema.model.info_sheet)
    ]
    for name in ordered:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if find_header_row(rows, schema)[0] is not None:
            return name, rows
    return None, []


def read_xlsx(path: Path, schema: TemplateSchema, progress: Progress) -> SourceTable:
    import python_calamine as pc

    facts = inspect_xlsx(path)
    for name, ref in facts.dimensions.items():
        _check_dimension(path, name, ref)
    names = list(facts.sheet_xml)
    data_name = next(
        (n for n in names if normalise_label(n) == normalise_label(schema.model.data_sheet)), None
    )

    # The XML scan inflates the sheet (zlib releases the GIL) while calamine parses it.
    scans: dict[str, SheetScan | BaseException] = {}

    def run_scan(name: str) -> None:
        try:
            scans[name] = scan_sheet(path, facts, name)
        except BaseException as exc:  # reported on the reading thread
            scans[name] = exc

    scanner = None
    if data_name:
        scanner = threading.Thread(target=run_scan, args=(data_name,), daemon=True)
        scanner.start()
    progress.step("Reading the workbook", 0.05)
    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
        sheet, rows = _pick_sheet(workbook, names, schema, facts.hidden_sheets)
        info_rows: list[list[Any]] = []
        info_name = next(
            (n for n in names if normalise_label(n) == normalise_label(schema.model.info_sheet)),
            None,
        )
        if info_name:
            info_rows = workbook.get_sheet_by_name(info_name).to_python(skip_empty_area=False)
        workbook.close()
    except pc.PasswordError:
        raise SourceError(
            f"{path.name} is password-protected; remove the password in Excel and try again."
        ) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError(
            f"{path.name} could not be read as a workbook ({exc}); open it in Excel, save it as .xlsx and try again."
        ) from None
    progress.step("Reading the workbook", 0.5)
    if sheet is not None and sheet != data_name:
        run_scan(sheet)
    elif scanner is not None:
        scanner.join()
    table = build_table(path, "xlsx", sheet, names, rows, schema)
    table.hidden_sheets = facts.hidden_sheets
    table.date1904 = facts.date1904
    table.info = _read_info(info_rows, schema)
    if sheet is not None:
        scan = scans.get(sheet)
        if isinstance(scan, BaseException):
            raise scan
        if scan is not None:
            _apply_scan(table, scan, path, facts, sheet)
    return table


def _check_dimension(path: Path, sheet: str, ref: str | None) -> None:
    from desktop_app.core.sources import parse_a1

    if not ref:
        return
    last = ref.split(":")[-1]
    try:
        rows, col = parse_a1(last)
    except ValueError:
        return
    if rows * (col + 1) > MAX_SHEET_CELLS:
        raise SourceError(
            f"{path.name}: sheet {sheet!r} claims to reach cell {last}, far beyond any pipeline report; "
            "delete the stray cells at the far end of the sheet in Excel and save again."
        )


def _apply_scan(table: SourceTable, scan: SheetScan, path: Path, facts, sheet: str) -> None:
    """Put error values where calamine read "", and note percent-formatted cells."""
    by_index = {c.index: c.name for c in table.columns}
    first = table.rows[0] if table.rows else 0
    marks = {**{k: ErrorValue(v) for k, v in scan.errors.items()}}
    marks.update({k: FORMULA_WITHOUT_RESULT for k in scan.formulas_without_result})
    for (row, col), mark in marks.items():
        name = by_index.get(col)
        pos = row - first
        if name is not None and 0 <= pos < len(table.rows):
            table.raw[name][pos] = mark
            table.has_error_values = True
    # Only a probability of exactly 1 needs its format: 100 % or the number 1.
    prob = table.column("probability")
    if prob is not None and scan.percent_styles:
        ones = [(table.rows[p], prob.index) for p in np.flatnonzero(table.raw["probability"] == 1)]
        if ones:
            styles = scan_sheet(path, facts, sheet, style_cells=ones).cell_styles
            table.percent_cells = {k for k, s in styles.items() if s in scan.percent_styles}


# ---------------------------------------------------------------- entry point


def read_source(
    path: str | Path, schema: TemplateSchema, progress: Progress | None = None
) -> SourceTable:
    """Read FILE into a SourceTable; raises SourceError with a sentence for a person."""
    path = Path(path)
    progress = progress or Progress()
    if not path.exists():
        raise SourceError(f"{path} was not found; check the file name and folder.")
    if path.is_dir():
        raise SourceError(f"{path} is a folder, not a file; choose the workbook inside it.")
    suffix = path.suffix.lower()
    try:
        if path.stat().st_size == 0:
            raise SourceError(f"{path.name} is empty (0 bytes); choose the filled-in workbook.")
        if suffix in XLSX_SUFFIXES:
            return read_xlsx(path, schema, progress)
        if suffix in CSV_SUFFIXES:
            rows, _encoding, _delimiter = read_csv_rows(path)
            sheet = path.stem
            return build_table(path, "csv", sheet, [sheet], rows, schema)
    except PermissionError:
        raise SourceError(
            f"{path.name} cannot be opened: permission denied (is it open in another program?)."
        ) from None
    except MemoryError:
        raise SourceError(f"{path.name} is too large to check on this computer.") from None
    if suffix in {".xls", ".ods", ".xlsb"}:
        raise SourceError(
            f"{path.name} is a {suffix} file; open it in Excel and save it as .xlsx, then try again."
        )
    raise SourceError(f"{path.name} is not a workbook this program reads (.xlsx, .xlsm or .csv).")
