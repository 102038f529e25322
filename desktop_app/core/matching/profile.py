"""What a column's values look like, from a sample of its rows.

The profile does not read values the way the checks do (locale by locale, cell by cell);
it only tells shapes apart: dates, money, percentages, identifiers, people's and
companies' names, free text, and the distinct words a list column would hold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from statistics import median
from typing import Any

# Month names and abbreviations in the subsidiaries' languages, for text dates.
_LANGUAGES = ("en", "sv", "de", "nb", "da", "fi", "fr", "pl")
_MAX_LEN = 200  # longer text is never a date, number or name
_MAX_DISTINCT = 200  # distinct words kept for list columns
_EMPTY = frozenset({"", "\\N", "NULL"})

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?")
# A currency sign or code before or after a number, or a percent sign after it.
_MONEY_MARK = re.compile(
    r"^\s*(US\$|[$€£¥]|[A-Z]{3}(?=\s)|kr\.?(?=\s)|Fr\.)\s*"
    r"|(?<=\d)\s*(US\$|[$€£¥%]|[A-Z]{3}|kr\.?|zł|Fr\.|,-|:-)\s*$"
)
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC_DATE = re.compile(
    r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\.?(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
)
_TEXT_DATE = re.compile(
    r"(?:(\d{1,2})\.?\s+([^\W\d_]{3,12})\.?,?\s+(\d{4})|([^\W\d_]{3,12})\.?\s+(\d{1,2}),?\s+(\d{4}))"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
)
_PERSON = re.compile(r"[^\W\d_][^\W\d_'’-]+(?: [^\W\d_][^\W\d_'’-]*\.?){1,3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_ID = re.compile(r"[\w.:/{}-]*\d[\w.:/{}-]*")


@dataclass
class ColumnProfile:
    """Shares (0-1) of the sampled non-blank values that have each shape."""

    count: int = 0
    dates: float = 0.0
    numbers: float = 0.0
    percent_signs: float = 0.0
    in_0_1: float = 0.0  # of the numbers
    in_0_100: float = 0.0  # of the numbers
    integers: float = 0.0  # of the numbers
    unique: float = 0.0
    id_like: float = 0.0
    person_like: float = 0.0
    company_like: float = 0.0
    texts: float = 0.0  # text with letters that is no date or number
    several_words: float = 0.0
    date_median: float | None = None  # as a day ordinal, to order a table's dates
    currency_marks: Counter = field(default_factory=Counter)
    words: Counter = field(default_factory=Counter)  # distinct texts, most common first


def sample_indices(rows: int, size: int) -> list[int]:
    """Up to size row indexes spread evenly over the table, first and last included."""
    if rows <= size:
        return list(range(rows))
    step = (rows - 1) / (size - 1)
    return sorted({round(i * step) for i in range(size)})


def is_blank(value: Any) -> bool:
    """Nothing in the cell; database dumps write `\\N` or `NULL` for that."""
    return value is None or (isinstance(value, str) and value.strip() in _EMPTY)


def profile_column(values: list[Any], company_suffixes: frozenset[str]) -> ColumnProfile:
    """The profile of one column's sampled values (blanks left out)."""
    filled = [v for v in values if not is_blank(v)]
    p = ColumnProfile(count=len(filled))
    if not filled:
        return p
    n = len(filled)
    numbers: list[float] = []
    days: list[int] = []
    texts: list[str] = []
    percent = 0
    for value in filled:
        if isinstance(value, bool):
            texts.append(str(value))
        elif isinstance(value, datetime | date):
            days.append(value.toordinal())
        elif isinstance(value, int | float):
            numbers.append(float(value))
        else:
            text = str(value).strip()[:_MAX_LEN]
            day = text_date(text)
            if day is not None:
                days.append(day)
                continue
            number, mark = text_number(text)
            if number is None:
                texts.append(text)
                continue
            numbers.append(number)
            if mark == "%":
                percent += 1
            elif mark:
                p.currency_marks[mark] += 1
    p.dates = len(days) / n
    p.numbers = len(numbers) / n
    p.percent_signs = percent / n
    if numbers:
        p.in_0_1 = sum(0 <= x <= 1 for x in numbers) / len(numbers)
        p.in_0_100 = sum(0 <= x <= 100 for x in numbers) / len(numbers)
        p.integers = sum(x == int(x) for x in numbers) / len(numbers)
    if days:
        p.date_median = median(days)
    p.unique = len({str(v) for v in filled}) / n
    p.texts = sum(any(ch.isalpha() for ch in t) for t in texts) / n
    p.several_words = sum(len(t.split()) >= 2 for t in texts) / n
    p.person_like = sum(_looks_like_person(t, company_suffixes) for t in texts) / n
    p.company_like = sum(_looks_like_company(t, company_suffixes) for t in texts) / n
    p.id_like = (
        sum(_ID.fullmatch(t) is not None for t in texts)
        + sum(x == int(x) and abs(x) >= 100 for x in numbers)
    ) / n
    p.words = Counter(t for t in texts if len(t) <= 60)
    if len(p.words) > _MAX_DISTINCT:
        p.words = Counter(dict(p.words.most_common(_MAX_DISTINCT)))
    return p


def _looks_like_person(text: str, suffixes: frozenset[str]) -> bool:
    if _EMAIL.fullmatch(text):
        return True
    if "," in text:  # "Berg, Anna"
        text = " ".join(reversed([part.strip() for part in text.split(",", 1)]))
    if not _PERSON.fullmatch(text) or len(text) > 40:
        return False
    parts = text.split()
    return all(p[0].isupper() for p in parts) and parts[-1].rstrip(".") not in suffixes


def _looks_like_company(text: str, suffixes: frozenset[str]) -> bool:
    parts = text.replace(",", " ").split()
    return len(parts) >= 2 and (parts[-1] in suffixes or " ".join(parts[-3:]) in suffixes)


# ---------------------------------------------------------------- numbers and dates


@lru_cache(maxsize=65536)
def text_number(text: str) -> tuple[float | None, str | None]:
    """A number written as text, and its mark (`%`, a currency sign or code), if any.

    `$22,700.00`, `1 234 500,00 kr`, `12.345,50 €`, `45 %`, `0.45`. Which of `.` and `,`
    is the decimal mark is guessed (the last one, unless it is followed by three digits):
    profiles only need the size of the number, not the exact value.
    """
    mark = None
    found = _MONEY_MARK.search(text)
    if found:
        mark = (found.group(1) or found.group(2)).strip()
        text = (text[: found.start()] + text[found.end() :]).strip()
    text = text.strip()
    if not text or not _NUMBER.fullmatch(text):
        return None, None
    digits = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    last = max(digits.rfind("."), digits.rfind(","))
    if last >= 0 and len(digits) - last - 1 != 3 or digits.count(".") and digits.count(","):
        whole, decimals = digits[:last], digits[last + 1 :]
    else:
        whole, decimals = digits, ""
    whole = whole.replace(".", "").replace(",", "")
    try:
        return float(f"{whole}.{decimals}" if decimals else whole), mark
    except ValueError:
        return None, None


@lru_cache(maxsize=65536)
def text_date(text: str) -> int | None:
    """A date written as text, as a day ordinal; None when the text is no date.

    ISO dates and date-times, day-first and US numeric dates (day-first unless the
    numbers say otherwise), and dates with a month name (`15 Apr, 2021 00:02:00`,
    `Apr 15, 2021`, `3. Nov. 2026`).
    """
    if len(text) < 6 or len(text) > 40 or not text[0].isalnum():
        return None
    try:
        if m := _ISO_DATE.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3])).toordinal()
        if m := _NUMERIC_DATE.fullmatch(text):
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            year += 2000 if year < 100 else 0
            day, month = (second, first) if second > 12 else (first, second)
            return date(year, month, day).toordinal()
        if m := _TEXT_DATE.fullmatch(text):
            day, name, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
            month = _month_numbers().get(name.casefold().rstrip("."))
            return date(int(year), month, int(day)).toordinal() if month else None
    except ValueError:
        return None
    return None


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    from babel import Locale

    months: dict[str, int] = {}
    for language in _LANGUAGES:
        names = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                for number, name in names[context][width].items():
                    months.setdefault(name.casefold().rstrip("."), number)
    return months
