"""How much a file may make the program inflate, hold and wait for before it is refused.

The numbers are the schema's thresholds (max_unzipped_mb, max_zip_ratio, ...), so the
global team can change them without a new program; callers without a schema (verifying
a submission) use the bundled schema's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
