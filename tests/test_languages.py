"""Column labels and hints in the person's language: in the schema, in every message, on
the command line (issue 16)."""

from __future__ import annotations

import json
from string import Formatter

import pytest

from desktop_app.cli import main
from desktop_app.core.model.catalogue import InLanguages, catalogue, set_language
from desktop_app.core.model.findings import render_message
from desktop_app.core.schema.loading import SchemaError, parse_schema
from desktop_app.core.schema.store import default_schema
from tests.test_schema_cli import BUNDLED

OTHER_LANGUAGES = ("sv", "de")
SAMPLE = "resources/samples/SE01_2026-Q4_pipeline_with_problems.xlsx"


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def _english_only(text: InLanguages, language: str) -> str | None:
    """text's English wording when it must not appear in language's sentences."""
    english, translated = text["en"], text.in_language(language)
    return None if english in translated else english


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_with_every_column_speaks_the_language(language):
    schema = default_schema().for_subsidiary("SE01")
    hints = [c.hint_text for c in schema.columns if c.hint_text]
    hints += [v.hint_text for v in schema.model.vocabularies.values() if v.hint_text]
    wrong = []
    for code, english in catalogue("en").items():
        blanks = _blanks(english)
        if not blanks & {"label", "hint", "allowed"}:
            continue
        for column in schema.columns:
            for hint in hints:
                params = dict.fromkeys(blanks, "1")
                params.update(label=column.label_text, hint=column.hint_text or hint, allowed=hint)
                sentence = render_message(code, params, language)
                for text in (params["label"], params["hint"], params["allowed"]):
                    shown = _english_only(text, language)
                    if shown and shown in sentence:
                        wrong.append((code, column.name, sentence))
    assert wrong == []


def test_labels_and_hints_come_in_every_language():
    schema = default_schema().for_subsidiary("SE01")
    for column in schema.columns:
        assert set(column.label_text) == {"en", "sv", "de"}, column.name
    assert schema.column_by_name["customer_name"].label_in("sv") == "Kund"
    assert schema.column_by_name["customer_name"].label_in("de") == "Kunde"


@pytest.mark.parametrize(
    ("edit", "column", "language"),
    [
        ("labels: {sv: Kund, de: Kunde}", "customer_name", "sv"),
        ("      sv: CU, ett bindestreck och sex siffror, t.ex. CU-100001\n", "customer_id", "sv"),
        ("labels: {sv: Marginal (%), de: Marge (%)}", "se_margin", "sv"),
    ],
)
def test_a_missing_translation_is_a_schema_error_naming_column_and_language(edit, column, language):
    text = BUNDLED.replace(edit, "labels: {de: Kunde}" if edit.startswith("labels") else "")
    assert text != BUNDLED
    with pytest.raises(SchemaError) as caught:
        parse_schema(text, "x.yaml")
    said = str(caught.value)
    assert "x.yaml, line" in said and column in said and f"language {language}" in said


def test_a_local_variant_may_say_a_column_its_own_way():
    text = BUNDLED.replace(
        "      owner: [Säljare, Ansvarig säljare]\n",
        "      owner: [Säljare, Ansvarig säljare]\n    labels:\n      owner: {sv: Säljare}\n",
    )
    schema = parse_schema(text, "x").for_subsidiary("SE01")
    assert schema.column_by_name["owner"].label_in("sv") == "Säljare"
    assert schema.column_by_name["owner"].label_in("de") == "Verantwortlich"
    unknown = text.replace("      owner: {sv: Säljare}", "      nobody: {sv: Säljare}")
    with pytest.raises(SchemaError, match="labels for unknown column nobody"):
        parse_schema(unknown, "x")


@pytest.fixture
def english_after():
    yield
    set_language("en")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("sv", '"Kund" måste fyllas i.'),
        ("de", '"Kunde" muss ausgefüllt werden.'),
        ("en", '"Customer" must be filled in.'),
    ],
)
def test_check_speaks_the_language_asked_for(language, sentence, capsys, english_after):
    main(["check", SAMPLE, "--language", language])
    assert sentence in capsys.readouterr().out
    main(["check", SAMPLE, "--language", language, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    empty = [f for f in findings if f["code"] == "DQ2.required_empty"]
    assert sentence in [f["message"] for f in empty]
    assert {f["column"] for f in empty} == {"customer_name", "owner"}  # canonical names stay
