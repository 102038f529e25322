"""TemplateSchema: the global template, loaded from a YAML file and validated.

Everything a rule needs to know (columns, lists, bands, rates, thresholds,
severities) comes from here, so the global team changes rules by editing data.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from desktop_app.bundled import data_folder
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.schema.matching_data import MatchingData, validate_matching

BUNDLED_SCHEMA = "global-pipeline.yaml"
SEVERITIES = ("error", "warning", "fixed")


class SchemaError(ProblemForUser):
    """A schema file that cannot be used; str() is one sentence naming file and place."""


def normalise_label(text: str) -> str:
    """Header matching ignores case and surrounding and repeated white space."""
    return " ".join(str(text).split()).casefold()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequiredWhen(_Strict):
    column: str
    equals: str


class Column(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    type: Literal["text", "integer", "decimal", "date"]
    required: bool = False
    required_when: RequiredWhen | None = None
    pattern: str | None = None
    pattern_hint: str | None = None
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
                raise ValueError(f"is not a valid regular expression ({exc})") from None
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

    @model_validator(mode="after")
    def _values_or_source(self) -> Vocabulary:
        if not self.values and not self.source:
            raise ValueError("needs either 'values' or 'source'")
        if self.values:
            unknown = sorted(set(self.synonyms.values()) - set(self.values))
            if unknown:
                raise ValueError(f"synonyms point to values not in the list: {', '.join(unknown)}")
        return self


class LocalColumn(_Strict):
    """A column one subsidiary keeps beside the template's: read for its type only."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
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
            raise ValueError("must be two whole percents, low <= high, within 0-100")
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
    default_locale: str
    columns: list[Column] = Field(min_length=1)
    vocabularies: dict[str, Vocabulary]
    process: dict[str, Stage]
    subsidiaries: dict[str, Subsidiary]
    rates: dict[str, float]
    global_accounts: dict[str, GlobalAccount] = {}
    thresholds: Thresholds
    severities: dict[str, Literal["error", "warning", "fixed"]]
    local_variants: dict[str, LocalVariant] = {}
    matching: MatchingData = MatchingData()  # for files not in the template's layout

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> str:
        return str(value)

    @model_validator(mode="after")
    def _cross_references(self) -> SchemaModel:
        names = [c.name for c in self.columns]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"column names appear twice: {', '.join(dupes)}")
        unknown_key = [k for k in self.probable_duplicate_key if k not in names]
        if unknown_key:
            raise ValueError(
                f"probable_duplicate_key names unknown columns: {', '.join(unknown_key)}"
            )
        for col in self.columns:
            if col.vocabulary and col.vocabulary not in self.vocabularies:
                raise ValueError(f"column {col.name} uses unknown vocabulary {col.vocabulary!r}")
            if col.required_when and col.required_when.column not in names:
                raise ValueError(f"column {col.name}: required_when names unknown column")
        stages = self.vocabularies.get("stages")
        if stages is not None and set(stages.values) != set(self.process):
            raise ValueError("process must list exactly the values of the 'stages' vocabulary")
        for code, sub in self.subsidiaries.items():
            missing = [c for c in sub.currencies if c not in self.rates]
            if missing:
                raise ValueError(f"subsidiary {code} uses currencies without a rate: {missing}")
        for cid, account in self.global_accounts.items():
            if account.owner not in self.subsidiaries:
                raise ValueError(f"global account {cid} is owned by unknown subsidiary")
        for code, variant in self.local_variants.items():
            problem = self._variant_problem(code, variant)
            if problem:
                raise ValueError(f"local variant {code}: {problem}")
        validate_matching(self)
        return self

    def _variant_problem(self, code: str, variant: LocalVariant) -> str | None:
        """Why a local variant would change or contradict the global template, if it would."""
        if code not in self.subsidiaries:
            return "is not a known subsidiary"
        owner: dict[str, str] = {}  # normalised header -> column it names
        for col in self.columns:
            for text in [col.name, col.label, *col.alias_list()]:
                owner[normalise_label(text)] = col.name
        names = {c.name for c in self.columns}
        for col in variant.columns:
            if col.name in names:
                return f"local column {col.name} has the name of a template column"
            for text in [col.name, col.label, *col.as_column().alias_list()]:
                taken = owner.setdefault(normalise_label(text), col.name)
                if taken != col.name:
                    return f"header {text!r} of local column {col.name} already names {taken}"
        for name, labels in variant.aliases.items():
            if name not in names:
                return f"aliases for unknown column {name}"
            for text in labels:
                taken = owner.setdefault(normalise_label(text), name)
                if taken != name:
                    return f"alias {text!r} for {name} already names {taken}"
        for vocab, words in variant.synonyms.items():
            if vocab not in self.vocabularies:
                return f"synonyms for unknown vocabulary {vocab!r}"
            allowed = self._vocabulary_targets(vocab)
            wrong = sorted(v for v in words.values() if v not in allowed)
            if wrong:
                return f"synonyms in {vocab} point to values not in the list: {', '.join(wrong)}"
            known = {v.casefold(): v for v in allowed}
            known.update({w.casefold(): v for w, v in self.vocabularies[vocab].synonyms.items()})
            clash = sorted(w for w, v in words.items() if known.get(w.casefold(), v) != v)
            if clash:
                return f"synonyms in {vocab} already mean something else: {', '.join(clash)}"
        return None

    def _vocabulary_targets(self, name: str) -> set[str]:
        vocab = self.vocabularies[name]
        if vocab.values:
            return set(vocab.values)
        if vocab.source == "subsidiaries":
            return set(self.subsidiaries)
        import pycountry

        if vocab.source == "iso4217":
            return {c.alpha_3 for c in pycountry.currencies}
        return {c.alpha_2 for c in pycountry.countries}


@dataclass(frozen=True)
class TemplateSchema:
    """A validated schema plus the lookups built from it once."""

    model: SchemaModel
    source: str  # file path or "bundled"
    sha256: str
    # The subsidiary whose local variant (extra columns, aliases, synonyms) applies, if any.
    # The model, id, version and hash stay the global schema's.
    variant: str | None = None

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def version(self) -> str:
        return self.model.version

    @cached_property
    def columns(self) -> list[Column]:
        """The template's columns, then the local variant's own (if one applies)."""
        local = self.local_variant
        return (
            self.model.columns + [c.as_column() for c in local.columns]
            if local
            else self.model.columns
        )

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
        return self._variants.setdefault(
            code, TemplateSchema(self.model, self.source, self.sha256, variant=code)
        )

    @cached_property
    def _variants(self) -> dict[str, TemplateSchema]:
        return {}

    @property
    def thresholds(self) -> Thresholds:
        return self.model.thresholds

    @cached_property
    def column_by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.model.columns}

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

    def severity(self, code: str) -> str:
        return self.model.severities.get(code, "error")

    def vocabulary_values(self, name: str) -> list[str]:
        """The canonical values of a vocabulary, resolving ISO sources."""
        return list(self._vocab_tables[name][0])

    def vocabulary_synonyms(self, name: str) -> dict[str, str]:
        """casefolded synonym or variant -> canonical value."""
        return self._vocab_tables[name][1]

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


# ---------------------------------------------------------------- loading


def _line_map(text: str) -> dict[tuple, int]:
    """Key path -> 1-based line, so a validation error can point into the file."""
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if root is not None:
        walk(root, ())
    return lines


def _describe_path(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_schema(text: str, source: str) -> TemplateSchema:
    """Validate schema text; raises SchemaError with file, place and problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "somewhere"
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise SchemaError(
            f"Schema {source}, {where}: {problem}; fix the file and try again."
        ) from None
    if not isinstance(data, dict):
        raise SchemaError(
            f"Schema {source} is not a template schema (expected keys like 'id', 'columns')."
        )
    try:
        model = SchemaModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = tuple(
            p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        lines = _line_map(text)
        probe = path
        while probe and probe not in lines:
            probe = probe[:-1]
        line = f", line {lines[probe]}" if probe in lines else ""
        msg = err["msg"].removeprefix("Value error, ")
        raise SchemaError(f"Schema {source}{line}, at {_describe_path(path)}: {msg}.") from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return TemplateSchema(model=model, source=source, sha256=digest)


def load_schema(path: str | Path | None = None) -> TemplateSchema:
    """Load a schema file, or the bundled global template when path is None."""
    if path is None:
        text = data_folder("schemas").joinpath(BUNDLED_SCHEMA).read_text("utf-8")
        return parse_schema(text, f"bundled {BUNDLED_SCHEMA}")
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise SchemaError(f"Schema file {p} was not found; check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise SchemaError(f"Schema file {p} cannot be read: {reason}.") from None
    return parse_schema(text, str(p))
