"""How well one source column fits one template column: by its header's name, by its values.

The template's side comes from the schema: each column's name, label, aliases (with the
subsidiary's own) and the `matching:` synonyms, and what its values look like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from desktop_app.core.matching.names import HeaderName, fold, header_name, name_similarity
from desktop_app.core.matching.profile import ColumnProfile
from desktop_app.core.matching.values import WordMapper, per_schema
from desktop_app.core.schema.definition import TemplateSchema

# How much values alone say about a column of each kind (stage words say much, free
# text little). A header that names the column says more than any of them.
_DISTINCTIVE = {
    "list": 0.9,
    "percent": 0.6,
    "money": 0.55,
    "id": 0.55,
    "company": 0.55,
    "date": 0.5,
    "person": 0.5,
    "code": 0.3,
    "name": 0.3,
    "text": 0.2,
}
_PATTERN_DISTINCTIVE = 0.95  # values in the template's own ID format


@dataclass(frozen=True)
class TemplateSpec:
    """One template column as the matcher sees it."""

    name: str
    names: tuple[HeaderName, ...]
    kind: str
    order: str | None  # first, between or last among the table's dates
    vocabulary: str | None
    pattern: re.Pattern | None
    required: bool


@per_schema
def header_prefixes(schema: TemplateSchema) -> tuple[str, ...]:
    return tuple(fold(p) for p in schema.model.matching.header_prefixes)


@per_schema
def template_specs(schema: TemplateSchema) -> list[TemplateSpec]:
    """The schema's columns (with a subsidiary's own, when its variant applies)."""
    data = schema.model.matching
    local = schema.local_variant.aliases if schema.local_variant else {}
    prefixes = header_prefixes(schema)
    specs = []
    for col in schema.columns:
        hints = data.columns.get(col.name)
        texts = [col.name, col.label, *col.alias_list(), *local.get(col.name, [])]
        texts += hints.synonyms if hints else []
        names = {header_name(t, prefixes) for t in texts}
        specs.append(
            TemplateSpec(
                name=col.name,
                names=tuple(n for n in names if n.words),
                kind=(hints.values if hints and hints.values else _default_kind(col)),
                order=hints.order if hints else None,
                vocabulary=col.vocabulary,
                pattern=re.compile(col.pattern) if col.pattern else None,
                required=col.required,
            )
        )
    return specs


def _default_kind(col) -> str:
    if col.vocabulary:
        return "list"
    if col.type == "date":
        return "date"
    if col.type == "integer" and "%" in col.label:
        return "percent"
    return "money" if col.type in ("integer", "decimal") else "text"


@per_schema
def _known_compacts(schema: TemplateSchema) -> frozenset[str]:
    return frozenset(n.compact for spec in template_specs(schema) for n in spec.names)


def known_header(text: str, schema: TemplateSchema) -> bool:
    """Whether text is a name the schema knows for one of its columns."""
    return header_name(text, header_prefixes(schema)).compact in _known_compacts(schema)


@dataclass(frozen=True)
class _KnownNames:
    """Every name of every template column, looked up by its letters and word runs."""

    names: list[HeaderName]
    spec_of: list[int]  # the template column (index in template_specs) of each name
    by_compact: dict[str, list[int]]
    runs: dict[str, list[int]]  # each run of whole words in a name -> the names with it


@per_schema
def _known_names(schema: TemplateSchema) -> _KnownNames:
    known = _KnownNames([], [], {}, {})
    for t, spec in enumerate(template_specs(schema)):
        for name in spec.names:
            k = len(known.names)
            known.names.append(name)
            known.spec_of.append(t)
            known.by_compact.setdefault(name.compact, []).append(k)
            for run in _word_runs(name.words):
                known.runs.setdefault(run, []).append(k)
    return known


def _word_runs(words: str) -> list[str]:
    parts = words.split()
    return [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def name_matrix(schema: TemplateSchema, headers: list[HeaderName | None]) -> np.ndarray:
    """How surely each source header (columns) names each template column (rows), 0-1.

    Only the names that can score are compared one by one: the same letters, a close
    spelling (rapidfuzz over all names at once), or a whole-word part of one another.
    """
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import cdist

    known = _known_names(schema)
    out = np.zeros((len(template_specs(schema)), len(headers)))
    present = [(s, h) for s, h in enumerate(headers) if h is not None and h.words]
    if not present:
        return out
    words = [n.words for n in known.names]
    close = cdist([h.words for _, h in present], words, scorer=ratio, score_cutoff=70)
    for row, (s, header) in enumerate(present):
        candidates = set(np.flatnonzero(close[row]).tolist())
        candidates.update(known.by_compact.get(header.compact, ()))
        candidates.update(known.runs.get(header.words, ()))  # `Deal` in `Deal Name`
        for run in _word_runs(header.words):  # `Close Date` in `Expected Close Date`
            candidates.update(k for k in known.by_compact.get(run.replace(" ", ""), ()))
        for k in candidates:
            t = known.spec_of[k]
            out[t, s] = max(out[t, s], name_similarity(header, known.names[k]))
    return out


# ---------------------------------------------------------------- values


def compatible(spec: TemplateSpec, p: ColumnProfile) -> bool:
    """Whether the values can be the column's at all: dates for a date, numbers for an
    amount or a probability, and no dates (nor, mostly, numbers) for a text column."""
    if p.count == 0:
        return True
    if spec.kind == "date":
        return p.dates >= 0.5
    if spec.kind in ("money", "percent"):
        return p.numbers >= 0.5
    if spec.kind in ("id", "code", "person"):
        return p.dates < 0.5
    if spec.kind == "list" and p.integers >= 0.9 and p.in_0_100 < 0.1:
        return p.dates < 0.5  # a CRM's numeric codes for the list's values
    return p.dates < 0.5 and p.numbers < 0.5


def value_fit(spec: TemplateSpec, p: ColumnProfile, mappers: dict[str, WordMapper]) -> float:
    """How much the values look like the template column's, 0-1 (before their order)."""
    if p.count == 0:
        return 0.0
    kind = spec.kind
    if kind == "date":
        return p.dates
    if kind == "money":
        return p.numbers * (1 - 0.7 * p.in_0_100) * (1 - 0.7 * p.percent_signs)
    if kind == "percent":
        if p.percent_signs > 0.5:
            return p.numbers
        if p.in_0_1 >= 0.98:
            return 0.9 * p.numbers
        return p.numbers * (0.8 if p.in_0_100 >= 0.98 else 0.2 * p.in_0_100)
    if kind == "id":
        return p.id_like * (1.0 if p.unique >= 0.98 else 0.2)
    if kind == "code":
        return p.id_like * 0.8
    if kind == "person":
        return min(1.0, p.person_like + 0.5 * p.id_like)
    if kind == "company":
        return min(1.0, p.company_like + 0.4 * max(0.0, p.texts - p.company_like))
    if kind == "list" and spec.vocabulary:
        return p.texts * mappers[spec.vocabulary].share(p.words)
    if kind == "name":  # titles: several words, mostly different, no one's name
        plain = p.texts * (1 - p.person_like) * (1 - p.company_like)
        return plain * (0.5 + 0.5 * p.several_words) * (1.0 if p.unique >= 0.5 else 0.5)
    return p.texts * (0.5 + 0.5 * p.several_words)


def pattern_share(spec: TemplateSpec, p: ColumnProfile) -> float:
    """The share of values written in the template column's own format (`CU-100234`)."""
    if spec.pattern is None or not p.count:
        return 0.0
    hits = sum(n for word, n in p.words.items() if spec.pattern.fullmatch(word))
    return hits / p.count


def value_confidence(
    spec: TemplateSpec, p: ColumnProfile, fit: float, exclusive: bool, trust: float
) -> float:
    """What the values alone say: their fit, weighed by how distinctive the kind is.

    exclusive: no other source column fits this kind as well, which makes it surer;
    trust: less than 1 when the column has a header that names something else.
    """
    distinctive = _DISTINCTIVE.get(spec.kind, 0.2)
    share = pattern_share(spec, p)
    if share >= 0.8:
        fit, distinctive = max(fit, share), _PATTERN_DISTINCTIVE
    if exclusive:
        distinctive += (1 - distinctive) * 0.5
    return fit * distinctive * trust
