"""The schema's `matching:` section: what the matcher knows about files that are not in the
template's layout (CRM exports, a sales person's own list), as data the global team edits.

Per template column: the header names it goes by in CRMs and languages (`synonyms`) and
what its values look like (`values`); per list: the words CRMs use for its values; currency
symbols; company-name endings; header prefixes CRMs put before field names; and the
matcher's thresholds. Validated here, against the rest of the schema, so that a synonym that
already names another column, or a word for a value the list does not have, is refused when
the schema is read rather than ignored when a file is matched. Hints for a column the
template no longer has are left alone: they do nothing.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from desktop_app.core.schema.validation import normalise_label, problem

# What a column's values look like; desktop_app.core.matching.profile scores each kind.
VALUE_KINDS = (
    "id",  # unique identifiers of the rows
    "code",  # identifiers that repeat (a customer's)
    "name",  # a short free-text title
    "company",  # company names
    "person",  # people's names (or their user IDs)
    "text",  # free text
    "date",
    "money",
    "percent",
    "list",  # the column's vocabulary (stages, countries, currencies, ...)
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MatchingThresholds(_Strict):
    sample_rows: int = Field(default=500, gt=0)  # rows looked at, spread over the table
    propose_min: float = Field(default=0.5, ge=0, le=1)  # below: no column is proposed
    sure_min: float = Field(default=0.8, ge=0, le=1)  # from here on: shown as sure
    word_similarity_min: float = Field(default=0.88, ge=0, le=1)  # a list word's near-miss


class ColumnHints(_Strict):
    values: Literal[VALUE_KINDS] | None = None  # default: from the column's type and list
    order: Literal["first", "between", "last"] | None = None  # among the table's dates
    synonyms: list[str] = []


class MatchingData(_Strict):
    thresholds: MatchingThresholds = MatchingThresholds()
    header_prefixes: list[str] = []
    columns: dict[str, ColumnHints] = {}
    values: dict[str, dict[str, list[str]]] = {}  # list -> canonical value -> words
    currency_symbols: dict[str, list[str]] = {}  # symbol -> the currencies it may mean
    company_suffixes: list[str] = []


class ConstantSource(_Strict):
    constant: str  # the value every row gets (a column the source does not have)


class ShippedMatching(_Strict):
    """A matching the global team ships in a subsidiary's local variant: the same data as a
    kept matching file (desktop_app.core.matching.mapping), so a kept one can be pasted in."""

    matching: Literal[1] = 1
    sheet: str | None = None
    header_row: int | None = Field(default=None, ge=1)
    columns: dict[str, str | ConstantSource | None] = {}  # template column -> source column
    values: dict[str, dict[str, str]] = {}  # template column -> source word -> template value

    def as_data(self) -> dict[str, Any]:
        """As a kept matching file holds it."""
        data = self.model_dump()
        data["columns"] = {
            k: v.model_dump() if isinstance(v, ConstantSource) else v
            for k, v in self.columns.items()
        }
        return data


def validate_shipped(model: Any, code: str, shipped: ShippedMatching) -> None:
    """Raise a schema problem, at the key, when variant code's matching names a column
    the subsidiary's template does not have, or gives words to a column without a list."""
    columns = {c.name: c for c in model.columns}
    columns.update({c.name: c for c in model.local_variants[code].columns})
    where = f"local_variants.{code}.matching"
    for name in shipped.columns:
        if name not in columns:
            at = f"{where}.columns.{name}"
            raise problem("schema.invalid.variant_matching_column", at=at, column=name)
    for name in shipped.values:
        if getattr(columns.get(name), "vocabulary", None) is None:
            at = f"{where}.values.{name}"
            raise problem("schema.invalid.variant_matching_values", at=at, column=name)


def validate_matching(model: Any, where: str = "matching") -> None:
    """Raise a schema problem naming the place when the section contradicts the schema.

    model is the SchemaModel being validated (its columns, vocabularies, rates).
    """
    section: MatchingData = model.matching
    columns = {c.name: c for c in model.columns}
    owner = {normalise_label(t): c.name for c in model.columns for t in [c.label, *c.alias_list()]}
    for name, hints in section.columns.items():
        if name not in columns:
            continue  # hints for a column a later version removed do nothing
        if hints.values == "list" and not columns[name].vocabulary:
            raise problem("schema.invalid.matching_list_needed", where=f"{where}.columns.{name}")
        for text in hints.synonyms:
            taken = owner.setdefault(normalise_label(text), name)
            if taken != name:
                raise problem(
                    "schema.invalid.matching_synonym_taken",
                    where=f"{where}.columns.{name}",
                    text=repr(text),
                    taken=taken,
                )
    for vocab, words_by_value in section.values.items():
        if vocab not in model.vocabularies:
            raise problem("schema.invalid.matching_unknown_list", where=f"{where}.values.{vocab}")
        allowed = set(model.vocabularies[vocab].values)
        seen: dict[str, str] = {}
        for value, words in words_by_value.items():
            if allowed and value not in allowed:
                raise problem(
                    "schema.invalid.matching_unknown_value",
                    where=f"{where}.values.{vocab}",
                    value=repr(value),
                )
            for word in words:
                taken = seen.setdefault(normalise_label(word), value)
                if taken != value:
                    raise problem(
                        "schema.invalid.matching_word_twice",
                        where=f"{where}.values.{vocab}",
                        word=repr(word),
                        taken=taken,
                        value=value,
                    )
    for symbol, codes in section.currency_symbols.items():
        unknown = [c for c in codes if c not in model.rates]
        if not codes or unknown:
            raise problem(
                "schema.invalid.matching_currency" + ("" if unknown else "_none"),
                where=f"{where}.currency_symbols.{symbol}",
                unknown=", ".join(unknown),
            )
