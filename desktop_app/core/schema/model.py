"""The schema file's structure: what each key may hold, as pydantic models.

Each model checks its own values (a pattern compiles, a band lies within 0-100); what
ties parts of the file together (a column's vocabulary exists, a subsidiary's
currencies have rates, the columns the program needs are there) is checked in
validation.py. Problems are raised as catalogue codes with their blanks, so that
loading.py can say them in the language in use.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from desktop_app.core.model.catalogue import LANGUAGES, InLanguages
from desktop_app.core.model.findings import Severity
from desktop_app.core.schema import validation
from desktop_app.core.schema.matching_data import (
    MatchingData,
    ShippedMatching,
    validate_matching,
    validate_shipped,
)
from desktop_app.core.schema.validation import problem


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# `label`, `pattern_hint` and a list's `hint` are English; `labels` and `hints` hold the
# same texts in each of the other languages a person may use, and none may be missing.
TRANSLATED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")


def check_translations(texts: dict[str, str], code: str, **where: str) -> None:
    """Raise code for the first language texts lack (or a language we do not know)."""
    for lang in texts:
        if lang not in TRANSLATED_LANGUAGES:
            raise problem("schema.invalid.unknown_language", language=lang, **where)
    for lang in TRANSLATED_LANGUAGES:
        if not str(texts.get(lang) or "").strip():
            raise problem(code, language=lang, **where)


class _Labelled(_Strict):
    """A column's English label and hint with their translations, for messages and the
    window in the person's language (the aliases stay what the reader accepts)."""

    label: str
    labels: dict[str, str] = {}
    pattern_hint: str | None = None
    hints: dict[str, str] = {}

    @model_validator(mode="after")
    def _translated(self) -> _Labelled:
        check_translations(self.labels, "schema.invalid.label_missing", column=self.name)
        if self.pattern_hint:
            check_translations(self.hints, "schema.invalid.hint_missing", column=self.name)
        return self

    def label_in(self, language: str) -> str:
        return self.label_text.in_language(language)

    @cached_property
    def label_text(self) -> InLanguages:
        return InLanguages({"en": self.label, **self.labels})

    @cached_property
    def hint_text(self) -> InLanguages | None:
        """The pattern's hint in every language; None when the column has none."""
        if not self.pattern_hint:
            return None
        return InLanguages({"en": self.pattern_hint, **self.hints})


class RequiredWhen(_Strict):
    column: str
    equals: str


class Column(_Labelled):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["text", "integer", "decimal", "date"]
    required: bool = False
    required_when: RequiredWhen | None = None
    pattern: str | None = None
    vocabulary: str | None = None
    aliases: dict[str, str | list[str]] = {}
    description: str = ""
    format: str | None = None
    width: int | None = None

    @field_validator("pattern")
    @classmethod
    def _pattern_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise problem("schema.invalid.pattern", reason=str(exc)) from None
        return value

    def alias_list(self, language: str | None = None) -> list[str]:
        """Aliases, all or those of one language."""
        out: list[str] = []
        for lang, names in self.aliases.items():
            if language is None or lang == language:
                out.extend([names] if isinstance(names, str) else names)
        return out


class Vocabulary(_Strict):
    values: list[str] = []
    synonyms: dict[str, str] = {}
    source: Literal["iso3166-1-alpha-2", "iso4217", "subsidiaries"] | None = None
    names_as_synonyms: bool = False
    hint: str | None = None  # says what is allowed when the list is too long to show
    hints: dict[str, str] = {}  # the hint in the other languages

    @property
    def hint_text(self) -> InLanguages | None:
        return InLanguages({"en": self.hint, **self.hints}) if self.hint else None

    @model_validator(mode="after")
    def _values_or_source(self) -> Vocabulary:
        if self.hint:
            check_translations(self.hints, "schema.invalid.list_hint_missing")
        if not self.values and not self.source:
            raise problem("schema.invalid.values_or_source")
        if self.values:
            unknown = sorted(set(self.synonyms.values()) - set(self.values))
            if unknown:
                raise problem("schema.invalid.synonym_targets", values=", ".join(unknown))
        return self


class LocalColumn(_Labelled):
    """A column one subsidiary keeps beside the template's: read for its type only."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["text", "integer", "decimal", "date"]
    aliases: dict[str, str | list[str]] = {}
    description: str = ""
    format: str | None = None
    width: int | None = None

    def as_column(self) -> Column:
        return Column(**self.model_dump())


class LocalVariant(_Strict):
    """What one subsidiary adds to the common template; the global rules stay as they are."""

    columns: list[LocalColumn] = []
    aliases: dict[str, list[str]] = {}  # global column name -> extra header labels
    synonyms: dict[str, dict[str, str]] = {}  # vocabulary -> {local word: canonical value}
    # A template column's label or hint said the subsidiary's way, by language.
    labels: dict[str, dict[str, str]] = {}  # global column name -> {language: label}
    hints: dict[str, dict[str, str]] = {}  # global column name -> {language: hint}
    # How the subsidiary's CRM export is read, shipped by the global team (a kept one wins).
    matching: ShippedMatching | None = None


class Stage(_Strict):
    probability: tuple[int, int]
    forecast: list[str]
    closed: bool = False
    needs_loss_reason: bool = False

    @field_validator("probability")
    @classmethod
    def _band(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if not 0 <= low <= high <= 100:
            raise problem("schema.invalid.band")
        return value


class Subsidiary(_Strict):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    locale: str
    language: str
    currencies: list[str] = Field(min_length=1)


class GlobalAccount(_Strict):
    name: str
    owner: str


class Thresholds(_Strict):
    header_search_rows: int = Field(gt=0)
    header_min_matches: int = Field(gt=0)
    min_created_date: date
    max_amount_eur: float = Field(gt=0)
    close_date_years_before_period: int = Field(ge=0)
    close_date_years_after_period: int = Field(ge=0)
    stale_after_days: int = Field(gt=0)
    amount_eur_tolerance: float = Field(ge=0)
    thousands_ratio: float = Field(ge=0)
    excel_serial_min: date
    excel_serial_max: date
    near_miss_max_edits: int = Field(ge=0)
    two_digit_year_base: int
    # Reading limits (see desktop_app.core.reading.limits): beyond them a file is refused.
    max_unzipped_mb: float = Field(gt=0)
    max_zip_ratio: float = Field(gt=1)
    max_zip_parts: int = Field(gt=0)
    max_sheet_cells: int = Field(gt=0)
    reader_seconds: float = Field(gt=0)
    reader_memory_mb: int = Field(gt=0)


class NonDataRows(_Strict):
    """Which columns tell a row that is not an opportunity (DQ1): a row with nothing in
    the identifying columns and only sums in the sum columns is a totals row."""

    identifying_columns: list[str] = Field(min_length=1)
    sum_columns: list[str]
    max_texts: int = Field(ge=1)  # a totals row holds no more texts than this


class InfoKeys(_Strict):
    subsidiary: list[str]
    period: list[str]
    template_version: list[str]


class SchemaModel(_Strict):
    # Columns whose values together name a probable duplicate under another ID (DQ6).
    probable_duplicate_key: list[str] = Field(min_length=1)
    id: str
    version: str
    title: str = ""
    data_sheet: str
    info_sheet: str
    info_keys: InfoKeys
    placeholders: list[str]
    total_labels: list[str]
    non_data_rows: NonDataRows | None = None  # None: as before it existed (row_kinds)
    default_locale: str
    columns: list[Column] = Field(min_length=1)
    vocabularies: dict[str, Vocabulary]
    process: dict[str, Stage]
    subsidiaries: dict[str, Subsidiary]
    rates: dict[str, float]
    global_accounts: dict[str, GlobalAccount] = {}
    thresholds: Thresholds
    severities: dict[str, Severity]
    local_variants: dict[str, LocalVariant] = {}
    matching: MatchingData = MatchingData()  # for files not in the template's layout

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> str:
        return str(value)

    @field_validator("columns")
    @classmethod
    def _columns_the_program_needs(cls, columns: list[Column]) -> list[Column]:
        validation.check_columns_needed([c.name for c in columns])
        return columns

    @model_validator(mode="after")
    def _cross_references(self) -> SchemaModel:
        validation.check_cross_references(self)
        validate_matching(self)
        for code, variant in self.local_variants.items():
            if variant.matching is not None:
                validate_shipped(self, code, variant.matching)
        return self
