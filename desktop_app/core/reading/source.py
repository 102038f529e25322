"""The entry point: a file on disk to a SourceTable, in one forward pass.

The file is sniffed (what it really is, whatever its name says); an .xlsx's zip, opened
there, becomes the package (limits checked, workbook parts read), whose sheets are scanned
and read (reading.xlsx); a CSV is decoded (reading.csv_text); .xls, .ods and .xlsb are
read in a child process (reading.legacy). Every failure a person can fix is a SourceError
with one sentence naming the file.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from desktop_app.core.model.errors import SourceError
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.csv_text import read_csv
from desktop_app.core.reading.legacy import read_legacy
from desktop_app.core.reading.limits import ReadingLimits, refuse_far_cells
from desktop_app.core.reading.package import open_package
from desktop_app.core.reading.policy import SCAN_FIRST, ReadPolicy
from desktop_app.core.reading.scan import sheet_extent
from desktop_app.core.reading.sniffing import check_format, damaged
from desktop_app.core.reading.table import SourceTable
from desktop_app.core.reading.xlsx import read_xlsx
from desktop_app.core.schema.definition import TemplateSchema


def read_source(
    path: str | Path,
    schema: TemplateSchema,
    progress: Progress | None = None,
    *,
    policy: ReadPolicy = SCAN_FIRST,
) -> SourceTable:
    """Read FILE into a SourceTable; raises SourceError with a sentence for a person.

    policy says how the read guards against a reader that aborts the process (see
    reading.policy); the default suits any process with something to lose."""
    path = Path(path)
    progress = progress or Progress()
    if not path.exists():
        raise SourceError("reading.not_found", path=str(path))
    if path.is_dir():
        raise SourceError("reading.is_a_folder", path=str(path))
    limits = ReadingLimits.from_schema(schema)
    try:
        found = check_format(path)
        if found.kind == "xlsx":
            with open_package(path, limits, found.package) as package:
                return read_xlsx(package, schema, progress, policy)
        if found.kind == "text":
            return read_csv(path, schema)
        return read_legacy(path, found.kind, schema, progress)
    except PermissionError:
        raise SourceError("reading.permission_denied", file=path.name) from None
    except MemoryError:
        raise SourceError("reading.too_large_to_check", file=path.name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # damage found mid-read
        raise damaged(path) from exc


def reason_reader_stopped(path: Path, schema: TemplateSchema) -> str | None:
    """Why a reader may have aborted the process on path, found without a reader: a
    sheet reaching far beyond any report, or a damaged file. None when nothing is."""
    limits = ReadingLimits.from_schema(schema)
    try:
        found = check_format(path)
        if found.kind != "xlsx":
            return None
        with open_package(path, limits, found.package) as package:
            for name in package.sheet_xml:
                refuse_far_cells(path, name, sheet_extent(package, name), limits)
    except SourceError as exc:
        return str(exc)
    return None
