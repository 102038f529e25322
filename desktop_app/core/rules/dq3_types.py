"""DQ3 Types and formats: every value reads as its column's type.

Text that reads as a number or date in the subsidiary's locale (or in ISO form) is
fixed and recorded; what cannot be read is an error, with the likely reading when
there is one. Excel error values and formulas without a stored result are errors.
In a CSV file every value is text, so a number or date written the locale's usual
way is simply read; only the other readings count as fixes there.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from desktop_app.core.parsing import excel_serial_to_date, parse_date, parse_number
from desktop_app.core.workbook import FORMULA_WITHOUT_RESULT, ErrorValue

RULE = "DQ3"
TITLE = "Types and formats"

_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min
# Readings that are the normal way a CSV file writes numbers and dates.
_CSV_NORMAL = {"plain", "locale", "iso", "numeric"}


def as_text(value: Any) -> str:
    """A non-text cell in a text column, as a person would have typed it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Column:
    """Reads one column's raw values into typed values, recording findings."""

    def __init__(self, ctx, col) -> None:
        self.ctx = ctx
        self.col = col
        self.values = ctx.raw_values(col.name)
        self.empty = ctx.empty.get(col.name)
        self.unreadable = np.zeros(len(self.values), dtype=bool)
        self.csv = ctx.table.kind == "csv"

    def row(self, pos: int) -> int:
        return int(self.ctx.rows[pos])

    def add(self, code: str, pos: int, **kw: Any) -> None:
        self.ctx.add(code, row=self.row(pos), column=self.col.name, label=self.col.label, **kw)

    def fail(self, code: str, pos: int, **kw: Any) -> None:
        self.unreadable[pos] = True
        self.add(code, pos, **kw)

    def error_cell(self, pos: int, value: ErrorValue) -> None:
        if value is FORMULA_WITHOUT_RESULT:
            self.fail("DQ3.formula_without_result", pos, value=None)
        else:
            self.fail("DQ3.excel_error", pos, value=str(value))

    def is_fix(self, how: str) -> bool:
        return not (self.csv and how in _CSV_NORMAL)

    # -- text
    def text(self) -> np.ndarray:
        out = np.empty(len(self.values), dtype=object)
        pattern = re.compile(self.col.pattern) if self.col.pattern else None
        for pos, v in enumerate(self.values):
            if self.empty[pos]:
                out[pos] = None
                continue
            if isinstance(v, ErrorValue):
                self.error_cell(pos, v)
                out[pos] = None
                continue
            text = v if type(v) is str else as_text(v)
            if pattern is not None and not pattern.fullmatch(text):
                cleaned = "".join(text.split()).upper()
                if pattern.fullmatch(cleaned):
                    self.add("DQ3.text_trimmed", pos, value=v, suggestion=cleaned)
                    text = cleaned
                else:
                    self.fail(
                        "DQ3.pattern_mismatch",
                        pos,
                        value=v,
                        hint=self.col.pattern_hint or self.col.pattern,
                    )
                    text = None
            out[pos] = text
        return out

    # -- numbers
    def number(self, integer: bool) -> np.ndarray:
        out = np.full(len(self.values), np.nan)
        locale = self.ctx.locale
        percent_cells = self.ctx.table.percent_cells
        col_index = self.ctx.table.column(self.col.name).index
        for pos, v in enumerate(self.values):
            t = type(v)
            if t is float or t is int:
                x = float(v)
            elif self.empty[pos]:
                continue
            elif isinstance(v, ErrorValue):
                self.error_cell(pos, v)
                continue
            elif t is str:
                reading = parse_number(v, locale, allow_percent=integer)
                if reading.value is None:
                    code = "DQ3.not_an_integer" if integer else "DQ3.not_a_number"
                    self.fail(code, pos, value=v, suggestion=reading.suggestion)
                    continue
                x = reading.value
                if reading.how == "percent":
                    self.add("DQ3.percent_read", pos, value=v, suggestion=_whole(x))
                elif self.is_fix(reading.how):
                    self.add("DQ3.number_read", pos, value=v, suggestion=_whole(x))
            else:  # a date, a boolean
                code = "DQ3.not_an_integer" if integer else "DQ3.not_a_number"
                self.fail(code, pos, value=as_text(v))
                continue
            # A probability typed as 45% is stored as 0.45; exactly 1 is 100 %
            # only when the cell is formatted as a percentage.
            if (
                integer
                and t is not str
                and (0 < x < 1 or (x == 1 and (self.row(pos), col_index) in percent_cells))
            ):
                self.add("DQ3.percent_read", pos, value=v, suggestion=_whole(x * 100))
                x = round(x * 100, 6)
            if integer and not float(x).is_integer():
                self.fail("DQ3.not_an_integer", pos, value=v, suggestion=round(x))
                continue
            out[pos] = x
        return out

    # -- dates
    def date(self) -> np.ndarray:
        out = np.full(len(self.values), _NAT, dtype=np.int64)
        ctx = self.ctx
        th = ctx.schema.thresholds
        lo, hi = th.excel_serial_min, th.excel_serial_max
        locale = ctx.locale
        for pos, v in enumerate(self.values):
            t = type(v)
            if t is date:
                d = v
            elif t is datetime:
                d = v.date()
            elif self.empty[pos]:
                continue
            elif isinstance(v, ErrorValue):
                self.error_cell(pos, v)
                continue
            elif t is float or t is int:
                d = excel_serial_to_date(float(v), date1904=ctx.table.date1904)
                if d is None or not lo <= d <= hi:
                    self.fail("DQ3.serial_out_of_range", pos, value=v, low=lo, high=hi)
                    continue
                self.add("DQ3.serial_date_read", pos, value=v, suggestion=d)
            elif t is str:
                reading = parse_date(v, locale, two_digit_pivot=th.two_digit_year_base)
                if reading.value is None:
                    if reading.suggestion is not None:
                        self.fail(
                            "DQ3.date_order",
                            pos,
                            value=v,
                            suggestion=reading.suggestion,
                            locale=locale,
                        )
                    else:
                        self.fail("DQ3.not_a_date", pos, value=v)
                    continue
                d = reading.value
                if self.is_fix(reading.how):
                    self.add("DQ3.date_read", pos, value=v, suggestion=d)
            else:
                self.fail("DQ3.not_a_date", pos, value=as_text(v))
                continue
            out[pos] = d.toordinal() - _EPOCH
        days = out.view("datetime64[D]")  # int64 min is NaT
        return days


def _whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def check(ctx) -> None:
    data: dict[str, Any] = {}
    for col in ctx.schema.columns:
        if col.name not in ctx.table.raw:
            continue
        reader = _Column(ctx, col)
        if col.type == "text":
            data[col.name] = reader.text()
        elif col.type in ("integer", "decimal"):
            data[col.name] = reader.number(integer=col.type == "integer")
        else:
            data[col.name] = reader.date()
        ctx.unreadable[col.name] = reader.unreadable
    ctx.frame = pd.DataFrame(index=pd.RangeIndex(len(ctx.rows)))
    for name, values in data.items():
        ctx.set_column(name, values)
