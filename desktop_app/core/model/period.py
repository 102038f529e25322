"""Reporting periods: read leniently from what people type, to a start and end date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_name) if m})

_PATTERNS = [
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*q([1-4])$"), "yq"),  # 2026-Q4, 2026 Q4, 2026Q4
    (re.compile(r"^q([1-4])\s*[-/ ]\s*(\d{4})$"), "qy"),  # Q4 2026, Q4/2026, Q4-2026
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "ym"),  # 2026-12
    (re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{4})$"), "my"),  # 12/2026, 12.2026
    (re.compile(r"^([a-z]+)\.?\s*[-/ ]?\s*(\d{4})$"), "namey"),  # Dec 2026, December 2026
]
# A period inside a file name such as SE01_2026-Q4_pipeline.xlsx
FILE_NAME_PERIOD = re.compile(r"(?<![0-9])(\d{4}-(?:[Qq][1-4]|\d{2}))(?![0-9])")
FILE_NAME_SUBSIDIARY = re.compile(r"^([A-Za-z]{2}\d{2})(?=[_\- .])")


@dataclass(frozen=True)
class Period:
    label: str  # canonical: 2026-Q4 or 2026-12
    start: date
    end: date  # the report date

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        start = date(year, 3 * q - 2, 1)
        end_month = 3 * q
        end = date(year, end_month, calendar.monthrange(year, end_month)[1])
        return cls(f"{year}-Q{q}", start, end)

    @classmethod
    def month(cls, year: int, m: int) -> Period:
        return cls(
            f"{year}-{m:02d}", date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1])
        )


def parse_period(value: Any) -> Period | None:
    """A period from a cell or an option: 2026-Q4, Q4 2026, 2026-12, 12/2026, Dec 2026, a date."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Period.month(value.year, value.month)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).casefold()
    for pattern, form in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        a, b = m.groups()
        try:
            if form == "yq":
                return Period.quarter(int(a), int(b))
            if form == "qy":
                return Period.quarter(int(b), int(a))
            if form == "ym":
                return Period.month(int(a), int(b))
            if form == "my":
                return Period.month(int(b), int(a))
            if form == "namey" and a in _MONTHS:
                return Period.month(int(b), _MONTHS[a])
        except ValueError:  # month 13, year 0
            return None
    return None


def period_from_file_name(name: str) -> Period | None:
    m = FILE_NAME_PERIOD.search(name)
    return parse_period(m.group(1)) if m else None


def subsidiary_from_file_name(name: str) -> str | None:
    m = FILE_NAME_SUBSIDIARY.match(name)
    return m.group(1).upper() if m else None
