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

from desktop_app.core.checking.parsing import excel_serial_to_date, parse_date, parse_number
from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.model.excel_errors import (
    EXCEL_ERROR_TEXTS,
    FORMULA_WITHOUT_RESULT,
    ErrorValue,
)

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
        self.values, self.error_texts = _with_error_values(ctx.raw_values(col.name))
        self.empty = ctx.empty.get(col.name)
        self.unreadable = np.zeros(len(self.values), dtype=bool)
        self.csv = ctx.table.kind == "csv"

    def row(self, pos: int) -> int:
        return int(self.ctx.rows[pos])

    def add(self, code: str, pos: int, **kw: Any) -> None:
        self.ctx.add(code, row=self.row(pos), column=self.col.name, label=self.col.label_text, **kw)

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
        out = self.values.copy()
        out[self.empty] = None
        if self.col.name in self.ctx.all_text and not self.ctx.table.has_error_values:
            odd = np.zeros(0, dtype=np.int64)  # all text: nothing to convert
        else:
            kinds = self.ctx.kinds(self.col.name)
            odd = np.flatnonzero(~self.empty & (kinds != str))  # noqa: E721 (elementwise over types)
        odd = np.union1d(odd, self.error_texts)
        for pos in odd:  # numbers, dates, errors
            v = out[pos]
            if isinstance(v, ErrorValue):
                self.error_cell(pos, v)
                out[pos] = None
            else:
                out[pos] = as_text(v)
        if self.col.pattern:
            self._pattern(out)
        return out

    def _pattern(self, out: np.ndarray) -> None:
        pattern = re.compile(self.col.pattern)
        filled = np.flatnonzero(out != None)  # noqa: E711 (elementwise on an object array)
        texts = out[filled]
        ok = np.fromiter(map(bool, map(pattern.fullmatch, texts)), dtype=bool, count=len(texts))
        for pos in filled[~ok]:
            v = out[pos]
            cleaned = "".join(v.split()).upper()
            if pattern.fullmatch(cleaned):
                self.add("DQ3.text_trimmed", pos, value=self.values[pos], suggestion=cleaned)
                out[pos] = cleaned
            else:
                hint = self.col.hint_text or self.col.pattern
                self.fail("DQ3.pattern_mismatch", pos, value=self.values[pos], hint=hint)
                out[pos] = None

    # -- numbers
    def number(self, integer: bool) -> np.ndarray:
        out = np.full(len(self.values), np.nan)
        kinds = self.ctx.kinds(self.col.name)
        numeric = (kinds == float) | (kinds == int)  # noqa: E721 (elementwise over an array of types)
        out[numeric] = self.values[numeric].astype(float)
        code = "DQ3.not_an_integer" if integer else "DQ3.not_a_number"
        for pos in np.flatnonzero(~numeric & ~self.empty):  # text, errors, dates, booleans
            v = self.values[pos]
            if isinstance(v, ErrorValue):
                self.error_cell(pos, v)
            elif type(v) is str:
                reading = parse_number(v, self.ctx.locale, allow_percent=integer)
                if reading.value is None:
                    self.fail(code, pos, value=v, suggestion=reading.suggestion)
                    continue
                out[pos] = reading.value
                if reading.how == "percent":
                    self.add("DQ3.percent_read", pos, value=v, suggestion=_whole(reading.value))
                elif self.is_fix(reading.how):
                    self.add("DQ3.number_read", pos, value=v, suggestion=_whole(reading.value))
            else:
                self.fail(code, pos, value=as_text(v))
        if integer:
            self._whole_percent(out, numeric)
        return out

    def _whole_percent(self, out: np.ndarray, numeric: np.ndarray) -> None:
        """Probabilities: 0.45 is 45 % typed into a percent cell; 45.5 is not whole."""
        col_index = self.ctx.table.column(self.col.name).index
        percent_cells = self.ctx.table.percent_cells
        # exactly 1 is 100 % only when the cell is formatted as a percentage
        candidates = np.flatnonzero(numeric & (out > 0) & (out <= 1))
        for pos in candidates:
            x = out[pos]
            if x < 1 or (self.row(pos), col_index) in percent_cells:
                self.add(
                    "DQ3.percent_read", pos, value=self.values[pos], suggestion=_whole(x * 100)
                )
                out[pos] = round(x * 100, 6)
        with np.errstate(invalid="ignore"):
            fractional = ~np.isnan(out) & (out != np.floor(out))
        for pos in np.flatnonzero(fractional):
            self.fail("DQ3.not_an_integer", pos, value=self.values[pos], suggestion=round(out[pos]))
            out[pos] = np.nan

    # -- dates
    def date(self) -> np.ndarray:
        out = np.full(len(self.values), _NAT, dtype=np.int64)
        kinds = self.ctx.kinds(self.col.name)
        is_date = (kinds == date) | (kinds == datetime)  # noqa: E721 (elementwise over an array of types)
        dates = self.values[is_date]
        out[is_date] = (
            np.fromiter(map(date.toordinal, dates), dtype=np.int64, count=len(dates)) - _EPOCH
        )
        for pos in np.flatnonzero(~is_date & ~self.empty):
            d = self._date_cell(pos, self.values[pos])
            if d is not None:
                out[pos] = d.toordinal() - _EPOCH
        return out.view("datetime64[D]")  # int64 min is NaT

    def _date_cell(self, pos: int, v: Any) -> date | None:
        """A cell that is not a date cell: a serial number, text, an error."""
        th = self.ctx.schema.thresholds
        if isinstance(v, ErrorValue):
            self.error_cell(pos, v)
            return None
        t = type(v)
        if t is float or t is int:
            d = excel_serial_to_date(float(v), date1904=self.ctx.table.date1904)
            if d is None or not th.excel_serial_min <= d <= th.excel_serial_max:
                self.fail(
                    "DQ3.serial_out_of_range",
                    pos,
                    value=v,
                    low=th.excel_serial_min,
                    high=th.excel_serial_max,
                )
                return None
            self.add("DQ3.serial_date_read", pos, value=v, suggestion=d)
            return d
        if t is not str:
            self.fail("DQ3.not_a_date", pos, value=as_text(v))
            return None
        reading = parse_date(v, self.ctx.locale, two_digit_pivot=th.two_digit_year_base)
        if reading.value is None:
            if reading.suggestion is not None:
                self.fail(
                    "DQ3.date_order",
                    pos,
                    value=v,
                    suggestion=reading.suggestion,
                    locale=self.ctx.locale,
                )
            else:
                self.fail("DQ3.not_a_date", pos, value=v)
            return None
        if self.is_fix(reading.how):
            self.add("DQ3.date_read", pos, value=v, suggestion=reading.value)
        return reading.value


def _with_error_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The values with text such as "#REF!" made an error value, and where that was.

    Such text is an Excel error that reached the file as text (a CSV export); it is
    reported as the error in every column, never as an unknown value.
    """
    if EXCEL_ERROR_TEXTS.isdisjoint(values):
        return values, np.zeros(0, dtype=np.int64)
    found = np.flatnonzero([type(v) is str and v in EXCEL_ERROR_TEXTS for v in values])
    values = values.copy()
    for pos in found:
        values[pos] = ErrorValue(values[pos])
    return values, found


def _whole(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def check(ctx) -> None:
    import pandas as pd  # here, not at the top: the window opens without loading pandas

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


SPEC = RuleSpec(
    id="DQ3",
    title="Types and formats",
    checks=(
        Check(check, Scope.ROWS),  # every column of the schema
    ),
)
