"""What ties a schema file together, beyond each key's own values (model.py).

A schema may change every list, band, rate and label, but some columns the program
itself reads by name: those must be there. Every problem is a catalogue code with its
blanks (resources/messages/*/schema.yaml), raised the way pydantic passes it on, so
loading.py can name the file, line and key and say the problem in the language in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic_core import PydanticCustomError

from desktop_app.core.model.catalogue import LANGUAGES

if TYPE_CHECKING:
    from desktop_app.core.schema.model import LocalVariant, SchemaModel

# The canonical columns the program reads by name (the rules, money, the export,
# consolidation, the blank template, the window); a schema without one of them would
# validate and then fail or silently skip a check.
COLUMNS_THE_PROGRAM_NEEDS = (
    "opportunity_id",
    "subsidiary_code",
    "customer_id",
    "stage",
    "probability",
    "forecast_category",
    "amount",
    "currency",
    "amount_eur",
    "close_date",
    "created_date",
    "last_activity_date",
    "loss_reason",
    "collaboration_with",
)


def normalise_label(text: str) -> str:
    """Header matching ignores case and surrounding and repeated white space."""
    return " ".join(str(text).split()).casefold()


def problem(code: str, /, **params: Any) -> PydanticCustomError:
    """A schema problem as pydantic passes it on: the code is its type, the blanks its ctx."""
    return PydanticCustomError(code, code, params)


def check_columns_needed(names: list[str]) -> None:
    missing = [n for n in COLUMNS_THE_PROGRAM_NEEDS if n not in names]
    if missing:
        raise problem("schema.invalid.columns_needed", columns=", ".join(missing))


def check_cross_references(model: SchemaModel) -> None:
    """Raise the first problem found between the parts of a schema, if any."""
    names = [c.name for c in model.columns]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise problem("schema.invalid.column_twice", columns=", ".join(dupes))
    unknown_key = [k for k in model.probable_duplicate_key if k not in names]
    if unknown_key:
        raise problem("schema.invalid.duplicate_key_unknown", columns=", ".join(unknown_key))
    rows = model.non_data_rows
    unknown_key = [
        k for k in (rows.identifying_columns + rows.sum_columns if rows else []) if k not in names
    ]
    if unknown_key:
        raise problem("schema.invalid.non_data_columns_unknown", columns=", ".join(unknown_key))
    for col in model.columns:
        if col.vocabulary and col.vocabulary not in model.vocabularies:
            raise problem(
                "schema.invalid.unknown_vocabulary",
                column=col.name,
                vocabulary=repr(col.vocabulary),
            )
        if col.required_when and col.required_when.column not in names:
            raise problem("schema.invalid.required_when_unknown", column=col.name)
    stages = model.vocabularies.get("stages")
    if stages is not None and set(stages.values) != set(model.process):
        raise problem("schema.invalid.process_stages")
    for code, sub in model.subsidiaries.items():
        missing = [c for c in sub.currencies if c not in model.rates]
        if missing:
            raise problem(
                "schema.invalid.currency_without_rate", code=code, currencies=str(missing)
            )
    for cid, account in model.global_accounts.items():
        if account.owner not in model.subsidiaries:
            raise problem("schema.invalid.account_owner_unknown", customer_id=cid)
    for code, variant in model.local_variants.items():
        _check_variant(model, code, variant)


def _check_variant(model: SchemaModel, code: str, variant: LocalVariant) -> None:
    """A local variant may add to the global template, never change or contradict it."""
    if code not in model.subsidiaries:
        raise problem("schema.invalid.variant_unknown_subsidiary", variant=code)
    owner: dict[str, str] = {}  # normalised header -> column it names
    for col in model.columns:
        for text in [col.name, col.label, *col.alias_list()]:
            owner[normalise_label(text)] = col.name
    names = {c.name for c in model.columns}
    for col in variant.columns:
        if col.name in names:
            raise problem("schema.invalid.variant_column_name", variant=code, column=col.name)
        for text in [col.name, col.label, *col.as_column().alias_list()]:
            _claim(owner, text, col.name, "schema.invalid.variant_header_taken", code)
    for name, labels in variant.aliases.items():
        if name not in names:
            raise problem("schema.invalid.variant_aliases_unknown", variant=code, column=name)
        for text in labels:
            _claim(owner, text, name, "schema.invalid.variant_alias_taken", code)
    for key, texts in (("labels", variant.labels), ("hints", variant.hints)):
        for name, by_language in texts.items():
            if name not in names:
                raise problem(f"schema.invalid.variant_{key}_unknown", variant=code, column=name)
            unknown = sorted(set(by_language) - set(LANGUAGES))
            if unknown:
                raise problem("schema.invalid.unknown_language", language=unknown[0], column=name)
    for vocab, words in variant.synonyms.items():
        if vocab not in model.vocabularies:
            raise problem(
                "schema.invalid.variant_vocabulary_unknown", variant=code, vocabulary=repr(vocab)
            )
        allowed = vocabulary_targets(model, vocab)
        wrong = sorted(v for v in words.values() if v not in allowed)
        if wrong:
            raise problem(
                "schema.invalid.variant_synonym_targets",
                variant=code,
                vocabulary=vocab,
                values=", ".join(wrong),
            )
        known = {v.casefold(): v for v in allowed}
        known.update({w.casefold(): v for w, v in model.vocabularies[vocab].synonyms.items()})
        clash = sorted(w for w, v in words.items() if known.get(w.casefold(), v) != v)
        if clash:
            raise problem(
                "schema.invalid.variant_synonym_clash",
                variant=code,
                vocabulary=vocab,
                words=", ".join(clash),
            )


def _claim(owner: dict[str, str], text: str, column: str, code: str, variant: str) -> None:
    """Record that header text names column; raise code when it names another already."""
    taken = owner.setdefault(normalise_label(text), column)
    if taken != column:
        raise problem(code, variant=variant, header=repr(text), column=column, taken=taken)


def vocabulary_targets(model: SchemaModel, name: str) -> set[str]:
    """The canonical values a vocabulary's synonyms may point to."""
    vocab = model.vocabularies[name]
    if vocab.values:
        return set(vocab.values)
    if vocab.source == "subsidiaries":
        return set(model.subsidiaries)
    import pycountry

    if vocab.source == "iso4217":
        return {c.alpha_3 for c in pycountry.currencies}
    return {c.alpha_2 for c in pycountry.countries}
