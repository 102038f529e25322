"""Header names as words, and how alike two of them are.

`CloseDate`, `close_date`, `closedate` and `Close Date` are one name; `Förlustorsak` and
`forlustorsak` too. A unit in the header (`(%)`, `(€)`, `(EUR)`, `[SEK]`) is set apart: it
says what the values are, and `Amount (EUR)` must stay another name than `Amount`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that do not decompose into a base letter and an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_UNIT = re.compile(r"[(\[]\s*([^()\[\]]{1,5})\s*[)\]]\s*$|\s(%)\s*$|(%)$")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP"}


@dataclass(frozen=True)
class HeaderName:
    """A header as words (`close date`), the same without spaces, and its unit if any."""

    words: str
    compact: str
    unit: str | None  # "%", an ISO currency code, or None


def fold(text: str) -> str:
    """Lower case without accents: `Förlustorsak` -> `forlustorsak`."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def header_name(text: str, prefixes: tuple[str, ...] = ()) -> HeaderName:
    """The header's words: camelCase split, CRM prefix dropped, unit set apart."""
    text = " ".join(str(text).split())
    unit = None
    found = _UNIT.search(text)
    if found:
        sign = next(g for g in found.groups() if g)
        unit = _unit(sign)
        if unit:
            text = text[: found.start()].strip()
    text = _CAMEL.sub(" ", text)
    low = fold(text)
    for prefix in prefixes:
        if low.startswith(prefix) and len(low) > len(prefix):
            low = low[len(prefix) :]
            break
    words = " ".join(_SEPARATORS.split(low)).strip()
    return HeaderName(words, words.replace(" ", ""), unit)


def _unit(sign: str) -> str | None:
    sign = sign.strip()
    if sign == "%":
        return "%"
    if sign in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[sign]
    if re.fullmatch(r"[A-Za-z]{3}", sign):
        return sign.upper()
    return None


def name_similarity(source: HeaderName, known: HeaderName) -> float:
    """How surely a source header is a known name, 0-1.

    1 for the same words (or the same letters without spaces) and the same unit; a little
    less when only the source has a currency unit (`Belopp (SEK)` is still `Belopp`);
    otherwise the fuzzy likeness of the words, scaled so that only near-identical names
    (a typo, not a word more) count; a known name found whole inside a longer header, or a
    short header inside a known name, counts for less than an equal.
    """
    if not source.words or not known.words:
        return 0.0
    same = source.words == known.words or source.compact == known.compact
    if same:
        if source.unit == known.unit or (known.unit is None and source.unit == "%"):
            return 1.0
        if known.unit is None:
            return 0.9  # the source says its currency; the template name does not
        return 0.3  # `Amount` is not `Amount (EUR)`
    from rapidfuzz.fuzz import ratio

    score = max(0.0, (ratio(source.words, known.words) / 100 - 0.7) / 0.3) ** 2
    if len(known.words) >= 4 and f" {known.words} " in f" {source.words} ":
        share = len(known.words) / len(source.words)
        score = max(score, 0.35 + 0.3 * share)  # `Expected Close Date (est)`
    elif len(source.words) >= 4 and f" {source.words} " in f" {known.words} ":
        share = len(source.words) / len(known.words)
        score = max(score, 0.25 + 0.2 * share)  # `Deal` for `Deal Name`
    if known.unit and source.unit != known.unit:
        score *= 0.5
    return score
