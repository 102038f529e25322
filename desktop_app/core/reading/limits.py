"""How much a file may make the program inflate, hold and wait for before it is refused.

The numbers are the schema's thresholds (max_unzipped_mb, max_zip_ratio, ...), so the
global team can change them without a new program; callers without a schema (verifying
a submission) use the bundled schema's.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop_app.core.model.errors import SourceError

MB = 1024 * 1024
# Parts smaller than this may compress very well legitimately (repetitive XML) and
# cannot hurt when unzipped, so the ratio limit applies only above it.
RATIO_CHECK_FROM = MB


@dataclass(frozen=True)
class ReadingLimits:
    max_unzipped_bytes: int
    max_zip_ratio: float
    max_zip_parts: int
    max_sheet_cells: int
    reader_seconds: float
    reader_memory_bytes: int

    @classmethod
    def from_schema(cls, schema) -> ReadingLimits:
        th = schema.thresholds
        return cls(
            max_unzipped_bytes=int(th.max_unzipped_mb * MB),
            max_zip_ratio=th.max_zip_ratio,
            max_zip_parts=th.max_zip_parts,
            max_sheet_cells=th.max_sheet_cells,
            reader_seconds=th.reader_seconds,
            reader_memory_bytes=th.reader_memory_mb * MB,
        )


@cache
def bundled_limits() -> ReadingLimits:
    """The limits of the schema bundled with the program."""
    from desktop_app.core.schema.loading import load_schema

    return ReadingLimits.from_schema(load_schema())


def check_zip_limits(package: zipfile.ZipFile, limits: ReadingLimits) -> None:
    """Refuse zips whose declared contents would take minutes or gigabytes to inflate.

    Only the central directory (read when the zip was opened) is looked at, so this is
    instant even for a real zip bomb. The ratio check ignores small members: small XML
    parts compress very well legitimately and cannot hurt us.
    """
    infos = package.infolist()
    name = Path(package.filename or "").name
    if len(infos) > limits.max_zip_parts:
        raise SourceError("reading.zip_too_many_parts", file=name, parts=f"{len(infos):,}")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_CHECK_FROM:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise SourceError(
                    "reading.zip_part_inflates",
                    file=name,
                    part=info.filename,
                    ratio=f"{ratio:,.0f}",
                )
    if total > limits.max_unzipped_bytes:
        raise SourceError("reading.zip_too_large", file=name, mb=f"{total / 1e6:,.0f}")


def far_cell(path: Path, sheet: str, cell: str) -> SourceError:
    """A sheet reaching far beyond any report: its grid would be too large to read."""
    return SourceError("reading.far_cell", file=path.name, sheet=sheet, cell=cell)


def refuse_far_cells(path: Path, sheet: str, extent, limits: ReadingLimits) -> None:
    """Refuse a sheet whose grid (extent: a scan's SheetExtent) would be too large for
    calamine to allocate: it aborts the process instead of raising."""
    if extent.cells > limits.max_sheet_cells:
        raise far_cell(path, sheet, extent.far_cell)
