"""Read numbers and dates that subsidiaries typed as text into spreadsheet cells.

Each reading says *how* the text was understood, so the checker can accept a
value silently ("plain", "locale", "iso"), accept it with a note
("other_convention", "spaces") or reject it with a likely alternative as a
suggestion ("error").  Nothing here raises on odd text: a cell may hold
anything.  Qt and pandas are deliberately not imported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

__all__ = ["Reading", "excel_serial_to_date", "parse_date", "parse_number"]

# Longer text is never a real number or date; refusing it early keeps huge
# strings out of the regexes and the caches.
_MAX_LEN = 64
_CACHE_SIZE = 65536

_SPACES = " \u00a0\u202f\u2009"
_APOSTROPHES = "'\u2019"
_MINUS = "-\u2212"


@dataclass(frozen=True, slots=True)
class Reading:
    """The outcome of reading one cell's text."""

    value: Any  # float for numbers, datetime.date for dates, None when not read
    how: str
    suggestion: Any = None  # for failures: a likely reading (float or date), else None


def _babel_locale(tag: str) -> str:
    """Babel wants "sv_SE" where the rest of the app says "sv-SE"."""
    return tag.strip().replace("-", "_")


# --------------------------------------------------------------------------- numbers

_DIGITS = re.compile(r"[0-9]+")
# A dot followed by other than three digits cannot be a thousands mark: "576032.00"
# has only the machine reading, whatever the locale.
_MACHINE_FORM = re.compile(r"[0-9]+\.(?![0-9]{3}$)[0-9]+")
_GROUPED_BY_SPACES = re.compile(rf"[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+")
_CURRENCY = r"(?:[^\W\d_]{1,3}\.?|[$€£¥₹¤])"
_WITH_CURRENCY = re.compile(
    rf"(?:{_CURRENCY}\s*(?P<a>.+?)|(?P<b>.+?)\s*(?:{_CURRENCY}|[.,:]-))", re.DOTALL
)


def _number_re(decimal: str, groups: str) -> re.Pattern[str]:
    """Digits with optional 3-digit grouping and an optional decimal part."""
    g, d = f"[{re.escape(groups)}]", re.escape(decimal)
    integer = rf"[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+"
    return re.compile(rf"(?:{integer})(?:{d}[0-9]+)?|{d}[0-9]+")


@lru_cache(maxsize=64)
def _number_symbols(locale: str) -> tuple[str, str, re.Pattern[str]]:
    """The locale's decimal mark, every character accepted as its group mark, and the pattern.

    People type whatever space or apostrophe their keyboard gives, so a space
    group mark accepts all space variants and an apostrophe accepts both forms.
    """
    loc = _babel_locale(locale)
    decimal, group = get_decimal_symbol(loc), get_group_symbol(loc)
    if group.isspace():
        group = _SPACES
    elif group in _APOSTROPHES:
        group = _APOSTROPHES
    return decimal, group, _number_re(decimal, group)


_OTHER_CONVENTION = {".": _number_re(".", ","), ",": _number_re(",", ".")}


def _to_float(body: str, decimal: str, groups: str) -> float:
    digits = "".join(c for c in body if c not in groups)
    return float(digits.replace(decimal, "."))


def _guess_number(body: str) -> float | None:
    """A likely value for text that failed: one lone mark is a decimal, repeated marks group."""
    bare = "".join(c for c in body if c not in _SPACES + _APOSTROPHES)
    if re.fullmatch(r"[0-9]*[.,][0-9]+", bare):
        return float(bare.replace(",", "."))
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}|[0-9]{1,3}(?:,[0-9]{3}){2,}", bare):
        return float(bare.replace(",", "").replace(".", ""))
    if _DIGITS.fullmatch(bare):
        return float(bare)
    return None


def _read_bare_number(text: str, locale: str) -> Reading:
    """Read a signed number without currency or percent sign."""
    sign = -1.0 if text[:1] in _MINUS else 1.0
    body = text[1:] if text[:1] in _MINUS + "+" else text
    if _DIGITS.fullmatch(body):
        return Reading(sign * float(body), "plain")
    decimal, groups, pattern = _number_symbols(locale)
    if pattern.fullmatch(body):
        return Reading(sign * _to_float(body, decimal, groups), "locale")
    if "." in body and "," in body:
        last = max(".,", key=body.rfind)
        if _OTHER_CONVENTION[last].fullmatch(body):
            return Reading(sign * _to_float(body, last, ".,".replace(last, "")), "other_convention")
    if _MACHINE_FORM.fullmatch(body):
        return Reading(sign * float(body), "other_convention")
    if _GROUPED_BY_SPACES.fullmatch(body):
        return Reading(sign * _to_float(body, ".", _SPACES), "spaces")
    guess = _guess_number(body)
    return Reading(None, "error", None if guess is None else sign * guess)


def _read_number(text: str, locale: str) -> Reading:
    """Like _read_bare_number, but "€ 100" or "100 SEK" fails with 100 as the suggestion."""
    reading = _read_bare_number(text, locale)
    if reading.how != "error":
        return reading
    match = _WITH_CURRENCY.fullmatch(text)
    if match:
        inner = _read_bare_number(match["a"] or match["b"], locale)
        if inner.value is not None:
            return Reading(None, "error", inner.value)
    return reading


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_number_cached(text: str, locale: str, allow_percent: bool) -> Reading:
    text = text.strip()
    if not text:
        return Reading(None, "empty")
    if not text.endswith("%"):
        return _read_number(text, locale)
    inner = _read_number(text[:-1].rstrip(), locale) if len(text) > 1 else Reading(None, "error")
    if allow_percent and inner.value is not None:
        return Reading(inner.value, "percent")
    # Without allow_percent we do not guess whether "45 %" meant 45 or 0.45.
    return Reading(None, "error", inner.suggestion if allow_percent else None)


def parse_number(text: str, locale: str, *, allow_percent: bool = False) -> Reading:
    """Read a number typed as text in a subsidiary's locale.

    `how` is "empty", "plain", "locale", "other_convention", "spaces",
    "percent" (only with allow_percent) or "error".
    """
    if len(text) > _MAX_LEN and len(text.strip()) > _MAX_LEN:
        return Reading(None, "error")
    return _parse_number_cached(text, locale, allow_percent)


# --------------------------------------------------------------------------- dates

# A time after the date is read past (the day is what counts): 24-hour or AM/PM, and
# after an ISO date a zone as CRMs' exports write it (Z, +03:00).
_TIME = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?"
_ZONE = r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
_ISO = re.compile(rf"([0-9]{{4}})-([0-9]{{1,2}})-([0-9]{{1,2}})(?:[T ]{_TIME}{_ZONE})?")
_NUMERIC = re.compile(
    rf"([0-9]{{1,2}})\s*([./-])\s*([0-9]{{1,2}})\s*\2\s*([0-9]{{4}}|[0-9]{{2}})\.?(?:\s+{_TIME})?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(
    rf"([0-9]{{1,2}}){_ORDINAL}[.\s/-]*([^\W\d_]+)\.?[,\s/-]*([0-9]{{4}}|[0-9]{{2}})(?:,?\s+{_TIME})?"
)
_MONTH_DAY_YEAR = re.compile(
    rf"([^\W\d_]+)\.?[\s/-]*([0-9]{{1,2}}){_ORDINAL}[,.\s/-]+([0-9]{{4}}|[0-9]{{2}})(?:,?\s+{_TIME})?"
)
_SERIAL = re.compile(r"[0-9]{5}(?:\.[0-9]+)?")


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str, pivot: int) -> int:
    return pivot + int(text) if len(text) == 2 else int(text)


def _month_key(name: str) -> str:
    return name.casefold().rstrip(".")


@lru_cache(maxsize=64)
def _month_numbers(locale: str) -> dict[str, int]:
    """Month names and abbreviations in English and the locale's language, by number.

    English comes first so the locale's own names win where the two collide.
    """
    lookup: dict[str, int] = {}
    for loc in ("en", "en_GB", _babel_locale(locale)):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, loc).items():
                    lookup[_month_key(name)] = number
    return lookup


def _read_month_name(text: str, locale: str, pivot: int) -> Reading | None:
    """Dates like "3 Nov 2026", "Nov 3, 2026" or "3. März 2026"; None if no month name."""
    months = _month_numbers(locale)
    for pattern, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        match = pattern.fullmatch(text)
        if match and _month_key(match[month_group]) in months:
            month = months[_month_key(match[month_group])]
            found = _make_date(_year(match[3], pivot), month, int(match[day_group]))
            return Reading(found, "month_name") if found else Reading(None, "error")
    return None


@lru_cache(maxsize=_CACHE_SIZE)
def _parse_date_cached(text: str, locale: str, pivot: int) -> Reading:
    text = text.strip()
    if not text:
        return Reading(None, "empty")
    if match := _ISO.fullmatch(text):
        found = _make_date(int(match[1]), int(match[2]), int(match[3]))
        return Reading(found, "iso") if found else Reading(None, "error")
    if match := _NUMERIC.fullmatch(text):
        first, second, year = int(match[1]), int(match[3]), _year(match[4], pivot)
        if _babel_locale(locale) == "en_US":
            first, second = second, first  # M/D/Y: make `first` the day again
        found = _make_date(year, second, first)
        if found:
            return Reading(found, "numeric")
        return Reading(None, "error", _make_date(year, first, second))
    if (reading := _read_month_name(text, locale, pivot)) is not None:
        return reading
    # A five-digit number in a date column is most likely an Excel serial exported as text.
    suggestion = excel_serial_to_date(float(text)) if _SERIAL.fullmatch(text) else None
    return Reading(None, "error", suggestion)


def parse_date(text: str, locale: str, *, two_digit_pivot: int = 2000) -> Reading:
    """Read a date typed as text.

    `how` is "empty", "iso", "numeric" (D/M/Y, M/D/Y in en-US), "month_name"
    or "error"; a date valid only in the other numeric order is the suggestion.
    """
    if len(text) > _MAX_LEN and len(text.strip()) > _MAX_LEN:
        return Reading(None, "error")
    return _parse_date_cached(text, locale, two_digit_pivot)


# --------------------------------------------------------------------------- Excel serials

_EXCEL_1900_EPOCH = date(1899, 12, 30)  # serial 61 is 1900-03-01 after the fake 1900-02-29
_EXCEL_1904_EPOCH = date(1904, 1, 1)


def excel_serial_to_date(serial: float, *, date1904: bool = False) -> date | None:
    """The calendar day of an Excel serial; the time of day is dropped.

    Serial 60 is Excel's non-existent 1900-02-29 and gives None, like any
    serial that is not finite, not positive or past the year 9999.
    """
    try:
        days = math.floor(serial)
        if days <= 0:
            return None
        if date1904:
            return _EXCEL_1904_EPOCH + timedelta(days=days)
        if days == 60:
            return None
        return _EXCEL_1900_EPOCH + timedelta(days=days if days > 60 else days + 1)
    except (OverflowError, ValueError, TypeError):
        return None
