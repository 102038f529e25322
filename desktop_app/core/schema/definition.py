"""TemplateSchema: the global template as the program uses it, with the lookups built once.

Everything a rule needs to know (columns, lists, bands, rates, thresholds,
severities) comes from here, so the global team changes rules by editing data.
loading.py reads and validates a file into one; model.py says what the file holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from desktop_app.core.model.findings import Severity
from desktop_app.core.schema.model import (
    Column,
    LocalVariant,
    SchemaModel,
    Stage,
    Subsidiary,
    Thresholds,
)
from desktop_app.core.schema.validation import normalise_label

__all__ = ["TemplateSchema", "normalise_label"]


@dataclass(frozen=True)
class TemplateSchema:
    """A validated schema plus the lookups built from it once."""

    model: SchemaModel
    source: str  # file path or "bundled"
    sha256: str
    # The subsidiary whose local variant (extra columns, aliases, synonyms) applies, if any.
    # The model, id, version and hash stay the global schema's.
    variant: str | None = None
    # The versions of this schema the program keeps, by version, when the caller passed them
    # in (schema.store.with_kept_versions): DQ1 names what changed since a file's template.
    kept_versions: Mapping[str, TemplateSchema] | None = field(default=None, compare=False)
    # Whether the file is signed by a key the installation trusts (schema.signing): None
    # for the schema bundled with the program, False for a draft given with --schema or a
    # version kept before any key was trusted; the output then says "unsigned schema".
    signed: bool | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    def to_json(self) -> dict[str, Any]:
        """The schema in JSON output: id and version, and "signed" (true; false for a file
        not signed by a trusted key, such as a --schema draft) unless it is the bundled one."""
        said: dict[str, Any] = {"id": self.id, "version": self.version}
        if self.signed is not None:
            said["signed"] = self.signed
        return said

    @cached_property
    def columns(self) -> list[Column]:
        """The template's columns, then the local variant's own (if one applies)."""
        local = self.local_variant
        if not local:
            return self.model.columns
        return self._template_columns + [c.as_column() for c in local.columns]

    @cached_property
    def _template_columns(self) -> list[Column]:
        """The template's columns with the local variant's own labels and hints, if any."""
        local = self.local_variant
        if not local or not (local.labels or local.hints):
            return self.model.columns
        return [
            _relabelled(c, local.labels.get(c.name), local.hints.get(c.name))
            for c in self.model.columns
        ]

    @property
    def local_variant(self) -> LocalVariant | None:
        return self.model.local_variants.get(self.variant) if self.variant else None

    @cached_property
    def local_column_names(self) -> frozenset[str]:
        """Columns a subsidiary keeps for itself: checked for type, left out of the export."""
        local = self.local_variant
        return frozenset(c.name for c in local.columns) if local else frozenset()

    def for_subsidiary(self, code: str | None) -> TemplateSchema:
        """This schema with code's local variant applied; itself when code has none."""
        if code is None or code == self.variant or code not in self.model.local_variants:
            return self
        return self._variants.setdefault(code, replace(self, variant=code))

    @cached_property
    def _variants(self) -> dict[str, TemplateSchema]:
        return {}

    @property
    def thresholds(self) -> Thresholds:
        return self.model.thresholds

    @cached_property
    def column_by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self._template_columns}

    @cached_property
    def header_lookup(self) -> dict[str, str]:
        """Normalised label or alias -> canonical column name."""
        lookup: dict[str, str] = {}
        for col in self.columns:
            lookup[normalise_label(col.name)] = col.name
            for text in [col.label, *col.alias_list()]:
                lookup[normalise_label(text)] = col.name
        if self.local_variant:
            for name, labels in self.local_variant.aliases.items():
                lookup.update({normalise_label(text): name for text in labels})
        return lookup

    @cached_property
    def placeholder_set(self) -> frozenset[str]:
        return frozenset(p.strip().casefold() for p in self.model.placeholders)

    @cached_property
    def placeholder_spellings(self) -> frozenset[str]:
        """Every upper/lower-case spelling of the placeholders, so that a cell can be
        looked up as it is, without case-folding every cell of the file."""
        spellings: set[str] = set()
        for p in self.placeholder_set:
            variants = [""]
            for ch in p:
                cases = {ch, ch.upper(), ch.lower(), ch.title()}
                variants = [v + c for v in variants for c in cases]
                if len(variants) > 4096:
                    raise ValueError(f"placeholder {p!r} is too long")
            spellings.update(variants)
        return frozenset(spellings)

    def severity(self, code: str) -> Severity:
        return self.model.severities.get(code, Severity.ERROR)

    def vocabulary_values(self, name: str) -> list[str]:
        """The canonical values of a vocabulary, resolving ISO sources."""
        return list(self._vocab_tables[name][0])

    def vocabulary_synonyms(self, name: str) -> dict[str, str]:
        """casefolded synonym or variant -> canonical value."""
        return self._vocab_tables[name][1]

    def vocabulary_synonyms_in(self, name: str, locale: str) -> dict[str, str]:
        """vocabulary_synonyms, and for a country list read by name also the country names
        in English and in the language of locale (Sverige -> SE in sv-SE), from babel."""
        vocab = self.model.vocabularies[name]
        synonyms = self.vocabulary_synonyms(name)
        if vocab.source != "iso3166-1-alpha-2" or not vocab.names_as_synonyms:
            return synonyms
        key = (name, locale)
        if key not in self._local_synonyms:
            codes = set(self.vocabulary_values(name))
            local = dict(synonyms)
            for names in (_territory_names("en"), _territory_names(locale)):
                for text, code in names.items():
                    if code in codes:
                        local.setdefault(text, code)
            self._local_synonyms[key] = local
        return self._local_synonyms[key]

    @cached_property
    def _local_synonyms(self) -> dict[tuple[str, str], dict[str, str]]:
        return {}

    @cached_property
    def _vocab_tables(self) -> dict[str, tuple[list[str], dict[str, str]]]:
        tables = {}
        local = self.local_variant.synonyms if self.local_variant else {}
        for name, vocab in self.model.vocabularies.items():
            values = list(vocab.values)
            synonyms = {
                k.casefold(): v for k, v in {**vocab.synonyms, **local.get(name, {})}.items()
            }
            if vocab.source == "subsidiaries":
                values = list(self.model.subsidiaries)
            elif vocab.source == "iso4217":
                import pycountry

                values = sorted(c.alpha_3 for c in pycountry.currencies)
            elif vocab.source == "iso3166-1-alpha-2":
                import pycountry

                values = sorted(c.alpha_2 for c in pycountry.countries)
                if vocab.names_as_synonyms:
                    for c in pycountry.countries:
                        for attr in ("name", "common_name", "official_name"):
                            if hasattr(c, attr):
                                synonyms.setdefault(getattr(c, attr).casefold(), c.alpha_2)
            for value in values:
                synonyms.setdefault(value.casefold(), value)
            tables[name] = (values, synonyms)
        return tables

    def stage(self, name: str) -> Stage | None:
        return self.model.process.get(name)

    @cached_property
    def open_stages(self) -> list[str]:
        return [s for s, stage in self.model.process.items() if not stage.closed]

    def subsidiary(self, code: str | None) -> Subsidiary | None:
        return self.model.subsidiaries.get(code) if code else None

    def locale_for(self, code: str | None) -> str:
        sub = self.subsidiary(code)
        return sub.locale if sub else self.model.default_locale


def _territory_names(locale: str) -> dict[str, str]:
    """Casefolded country name in locale's language -> ISO code; {} for a locale babel lacks."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(locale.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {text.casefold(): code for code, text in territories.items() if len(code) == 2}


def _relabelled(
    column: Column, labels: dict[str, str] | None, hints: dict[str, str] | None
) -> Column:
    """column with a subsidiary's labels and hints by language (English among them)."""
    if not labels and not hints:
        return column
    labels, hints = dict(labels or {}), dict(hints or {})
    update = {"labels": {**column.labels, **labels}, "hints": {**column.hints, **hints}}
    if "en" in labels:
        update["label"] = update["labels"].pop("en")
    if "en" in hints:
        update["pattern_hint"] = update["hints"].pop("en")
    return column.model_copy(update=update)
