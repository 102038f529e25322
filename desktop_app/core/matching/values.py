"""The source's words for list values onto the template's values.

Stages, forecast categories, product lines and loss reasons by the schema's synonyms and
the words CRMs use (schema data), or a near-identical spelling; countries by their names
in the subsidiaries' languages (babel) and their ISO codes; currencies by code, name and
symbol. A stage word found nowhere may still be placed by the probabilities the source
gives it, when they fall in one stage's band only. Anything else is left for the person:
an unmapped word stays as it is, and the check reports it with a suggestion.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Any

from desktop_app.core.matching.names import fold
from desktop_app.core.schema.definition import TemplateSchema

_LANGUAGES = ("en", "sv", "de", "nb", "da", "fi", "fr", "pl")
_NUMBERING = re.compile(r"^\(?\d{1,2}\s*[.):-]?\s*[-–]?\s*(?=[^\W\d_])")
_SEPARATORS = re.compile(r"[\W_]+")
_FUZZY_LISTS_MAX = 50  # lists longer than this (countries, currencies) need an exact word
_FUZZY_MIN_LETTERS = 6
_CACHE: dict[int, tuple[Any, dict[str, Any]]] = {}


def per_schema(build: Callable[[TemplateSchema], Any]) -> Callable[[TemplateSchema], Any]:
    """Build something from a schema once (the schema object is the key, kept alive)."""

    def cached(schema: TemplateSchema) -> Any:
        entry = _CACHE.get(id(schema))
        if entry is None or entry[0] is not schema:
            if len(_CACHE) > 16:
                _CACHE.clear()
            entry = _CACHE[id(schema)] = (schema, {})
        made = entry[1]
        if build.__qualname__ not in made:
            made[build.__qualname__] = build(schema)
        return made[build.__qualname__]

    return cached


@lru_cache(maxsize=16384)
def word_key(word: str) -> str:
    """A list word compared ignoring case, accents, separators and a leading number:
    `Closed Won`, `closedwon`, `Closed-Won` and `6 - Closed won` are one word."""
    text = _NUMBERING.sub("", fold(str(word).strip()))
    return _SEPARATORS.sub("", text)


@dataclass(frozen=True)
class WordMapper:
    """One list's known words, and how a source word maps onto the list's values."""

    known: dict[str, str]  # word key -> canonical value
    ambiguous: dict[str, tuple[str, ...]]  # word key -> the values it may mean (symbols)
    similarity_min: float
    fuzzy: bool

    def map(self, word: str, allowed: tuple[str, ...] = ()) -> str | None:
        """The value word means, or None when it is not sure."""
        key = word_key(word) or str(word).strip()
        if not key:
            return None
        if key in self.known:
            return self.known[key]
        if key in self.ambiguous:
            fits = [v for v in self.ambiguous[key] if v in allowed]
            return fits[0] if len(fits) == 1 else None
        if self.fuzzy and len(key) >= _FUZZY_MIN_LETTERS:
            return self._near(key)
        return None

    def _near(self, key: str) -> str | None:
        """A known word one or two letters off (`Negotation`); short words never, since
        one letter turns `close` into `lose`."""
        from rapidfuzz import fuzz, process

        choices = [k for k in self.known if len(k) >= _FUZZY_MIN_LETTERS]
        found = process.extract(key, choices, scorer=fuzz.ratio, limit=3)
        if not found or found[0][1] < self.similarity_min * 100:
            return None
        best = self.known[found[0][0]]
        rivals = [m for m in found[1:] if self.known[m[0]] != best and m[1] > found[0][1] - 4]
        return None if rivals else best

    def share(self, words: Counter) -> float:
        """The share of the source's words (by count) this list knows."""
        total = sum(words.values())
        if not total:
            return 0.0
        known = sum(n for word, n in words.items() if self.knows(word))
        return known / total

    def knows(self, word: str) -> bool:
        """Whether word is one of the list's words (a symbol of several currencies too)."""
        key = word_key(word) or str(word).strip()
        return key in self.ambiguous or self.map(word) is not None


@per_schema
def word_mappers(schema: TemplateSchema) -> dict[str, WordMapper]:
    """A mapper per vocabulary of the schema."""
    data = schema.model.matching
    mappers = {}
    for name, vocab in schema.model.vocabularies.items():
        known: dict[str, str] = {}
        ambiguous: dict[str, tuple[str, ...]] = {}
        values = schema.vocabulary_values(name)
        for value in values:
            known[word_key(value)] = value
        for word, value in schema.vocabulary_synonyms(name).items():
            known.setdefault(word_key(word), value)
        for value, words in data.values.get(name, {}).items():
            for word in words:
                known.setdefault(word_key(word), value)
        if vocab.source == "iso3166-1-alpha-2":
            _add(known, _country_names(), set(values))
        elif vocab.source == "iso4217":
            _add(known, _currency_names(tuple(schema.model.rates)), set(values))
            for symbol, codes in data.currency_symbols.items():
                key = word_key(symbol) or symbol
                (ambiguous if len(codes) > 1 else known)[key] = (
                    tuple(codes) if len(codes) > 1 else codes[0]
                )
        mappers[name] = WordMapper(
            known,
            ambiguous,
            data.thresholds.word_similarity_min,
            fuzzy=len(values) <= _FUZZY_LISTS_MAX,
        )
    return mappers


def _add(known: dict[str, str], names: dict[str, str], allowed: set[str]) -> None:
    for word, value in names.items():
        if value in allowed:
            known.setdefault(word_key(word), value)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names in the subsidiaries' languages and alpha-3 codes -> alpha-2 code."""
    import pycountry
    from babel import Locale

    names = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    for language in _LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(name, code)
    return names


@lru_cache(maxsize=4)
def _currency_names(codes: tuple[str, ...]) -> dict[str, str]:
    """The names of the schema's currencies in the subsidiaries' languages -> code."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in _LANGUAGES:
        locale = Locale.parse(language)
        for code in codes:
            if code in locale.currencies:
                names.setdefault(locale.currencies[code], code)
    return names


# ---------------------------------------------------------------- proposing


@dataclass
class ValueProposal:
    mapped: dict[str, str]  # source word -> template value (words that differ from it)
    unsure: list[str]  # source words left for the person


def propose_values(
    schema: TemplateSchema,
    vocabulary: str,
    words: Counter,
    allowed_currencies: tuple[str, ...] = (),
    probabilities: dict[str, list[float]] | None = None,
) -> ValueProposal:
    """Each distinct source word's value, most frequent first; unsure words left out."""
    mapper = word_mappers(schema)[vocabulary]
    proposal = ValueProposal({}, [])
    for word, _ in words.most_common():
        value = mapper.map(word, allowed_currencies)
        if value is None and probabilities is not None and vocabulary == "stages":
            value = stage_by_probability(schema, probabilities.get(word, []))
        if value is None:
            proposal.unsure.append(word)
        elif value != word:
            proposal.mapped[word] = value
    return proposal


def stage_by_probability(schema: TemplateSchema, percents: list[float]) -> str | None:
    """The one stage whose probability band holds a word's probabilities, if only one does.

    The median must lie in exactly one band, and four in five of the rows with it.
    """
    if len(percents) < 2:
        return None
    middle = median(percents)
    bands = [
        (name, stage.probability)
        for name, stage in schema.model.process.items()
        if stage.probability[0] <= middle <= stage.probability[1]
    ]
    if len(bands) != 1:
        return None
    name, (low, high) = bands[0]
    inside = sum(low <= p <= high for p in percents)
    return name if inside >= 0.8 * len(percents) else None
