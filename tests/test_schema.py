"""The schema is data: validated with file and place, and it drives the rules."""

from __future__ import annotations

import pytest
import yaml
from helpers import write_book
from test_rules import with_stage

from desktop_app.bundled import data_folder
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.loading import SchemaError, load_schema, parse_schema

BUNDLED = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")


def test_bundled_schema_is_the_global_template(schema):
    assert (schema.id, schema.version) == ("global-pipeline", "2026.2")
    assert len(schema.columns) == 20
    assert schema.model.process["Negotiate"].probability == (50, 90)
    assert schema.model.rates["SEK"] == 11.5
    assert schema.vocabulary_synonyms("stages")["verloren"] == "Closed Lost"
    assert schema.header_lookup["kundens land"] == "country"
    assert len(schema.sha256) == 64


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BUNDLED.replace("id: global-pipeline", "id: [global-pipeline"), encoding="utf-8")
    with pytest.raises(SchemaError) as exc:
        load_schema(bad)
    assert str(bad) in str(exc.value) and "line" in str(exc.value)


def test_invalid_value_names_key_path_and_line(tmp_path):
    text = BUNDLED.replace("    type: integer\n", "    type: number\n", 1)
    line = text[: text.index("type: number")].count("\n") + 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as exc:
        load_schema(bad)
    message = str(exc.value)
    assert "columns[8].type" in message
    assert f"line {line}" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "edit,problem",
    [
        (("Develop: {probability: [10, 40]", "Develop: {probability: [40, 10]"), "low <= high"),
        (("      Verloren: Closed Lost", "      Verloren: Closed Lots"), "not in the list"),
        (("vocabulary: stages", "vocabulary: stagez"), "unknown vocabulary"),
        (
            (
                "  SE01: {country: SE, locale: sv-SE, language: sv, currencies: [SEK, EUR]}",
                "  SE01: {country: SE, locale: sv-SE, language: sv, currencies: [SEK, XYZ]}",
            ),
            "without a rate",
        ),
    ],
)
def test_inconsistent_schema_is_refused(edit, problem):
    old, new = edit
    assert old in BUNDLED
    with pytest.raises(SchemaError, match=problem):
        parse_schema(BUNDLED.replace(old, new), "edited.yaml")


def test_missing_schema_file_is_one_sentence(tmp_path):
    with pytest.raises(SchemaError, match="was not found"):
        load_schema(tmp_path / "nope.yaml")


def _schema_with(tmp_path, old, new):
    assert old in BUNDLED
    path = tmp_path / "edited.yaml"
    path.write_text(BUNDLED.replace(old, new), encoding="utf-8")
    return load_schema(path)


def test_changing_a_band_changes_the_result(tmp_path, schema, base_rows):
    with_stage(base_rows[3], "Develop", schema)
    base_rows[3]["probability"] = 12
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert check_file(path, schema).findings == []
    edited = _schema_with(
        tmp_path, "Develop: {probability: [10, 40]", "Develop: {probability: [15, 40]"
    )
    assert [f.code for f in check_file(path, edited).findings] == ["DQ7.probability_band"]


def test_adding_a_synonym_changes_the_result(tmp_path, schema, base_rows):
    with_stage(base_rows[3], "Negotiate", schema)
    base_rows[3]["stage"] = "Förhandling"
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert [f.code for f in check_file(path, schema).findings] == ["DQ4.not_allowed"]
    edited = _schema_with(
        tmp_path,
        "      Förhandla: Negotiate\n",
        "      Förhandla: Negotiate\n      Förhandling: Negotiate\n",
    )
    assert [f.code for f in check_file(path, edited).findings] == ["DQ4.value_normalised"]


def test_changing_a_threshold_changes_the_result(tmp_path, schema, base_rows):
    with_stage(base_rows[3], "Develop", schema)
    from datetime import date

    base_rows[3]["last_activity_date"] = date(2026, 9, 1)  # 121 days before the report date
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert [f.code for f in check_file(path, schema).findings] == ["DQ5.stale"]
    edited = _schema_with(tmp_path, "stale_after_days: 90", "stale_after_days: 150")
    assert check_file(path, edited).findings == []


def test_changing_a_severity_changes_the_result(tmp_path, schema, base_rows):
    base_rows[3]["amount"] = "1 234,50"
    base_rows[3]["amount_eur"] = None
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert [f.severity for f in check_file(path, schema).findings] == ["fixed"]
    edited = _schema_with(tmp_path, "DQ3.number_read: fixed", "DQ3.number_read: error")
    result = check_file(path, edited)
    assert [f.severity for f in result.findings] == ["error"] and not result.passed


def test_every_code_has_a_message_and_a_severity(schema):
    from desktop_app.core.model.catalogue import codes as catalogue_codes

    assert set(schema.model.severities) <= catalogue_codes()


def test_schema_file_is_commented_yaml():
    """The global team edits this file by hand: it must explain itself."""
    assert BUNDLED.count("\n#") >= 5
    assert yaml.safe_load(BUNDLED)["version"] == "2026.2"


def test_changing_the_probable_duplicate_key_changes_the_result(tmp_path, schema, base_rows):
    base_rows[6].update(
        customer_id=base_rows[2]["customer_id"],
        amount=base_rows[2]["amount"],
        amount_eur=base_rows[2]["amount_eur"],
    )
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert check_file(path, schema).findings == []
    edited = _schema_with(
        tmp_path,
        "probable_duplicate_key: [customer_id, opportunity_name, amount]",
        "probable_duplicate_key: [customer_id, amount]",
    )
    assert [(f.code, f.row) for f in check_file(path, edited).findings] == [
        ("DQ6.probable_duplicate", 8)
    ]


def _without_column(text: str, name: str) -> str:
    start = text.index(f"  - name: {name}\n")
    end = text.index("  - name: ", start + 1)
    return text[:start] + text[end:]


def test_a_schema_without_a_column_the_program_needs_is_refused():
    text = _without_column(BUNDLED, "amount")
    line = text[: text.index("\ncolumns:")].count("\n") + 2
    with pytest.raises(SchemaError) as exc:
        parse_schema(text, "edited.yaml")
    assert str(exc.value) == (
        f"Schema edited.yaml, line {line}, at columns: "
        "columns the program needs are missing: amount."
    )


def test_every_column_the_program_needs_is_in_the_bundled_schema(schema):
    from desktop_app.core.schema.validation import COLUMNS_THE_PROGRAM_NEEDS

    assert set(COLUMNS_THE_PROGRAM_NEEDS) <= set(schema.column_by_name)
    for name in COLUMNS_THE_PROGRAM_NEEDS:
        with pytest.raises(SchemaError, match=f"columns the program needs are missing: {name}"):
            parse_schema(_without_column(BUNDLED, name), "edited.yaml")


def test_pydantic_problems_in_the_catalogue_read_as_pydantic_words_them():
    """English stays pydantic's wording; Swedish and German get the same blanks."""
    from string import Formatter

    from pydantic_core import PydanticKnownError

    from desktop_app.core.model.catalogue import catalogue, render

    pydantic_codes = [c for c in catalogue("en") if c.startswith("schema.pydantic.")]
    assert "schema.pydantic.missing" in pydantic_codes
    for code in pydantic_codes:
        blanks = {name: f"<{name}>" for _, name, _, _ in Formatter().parse(catalogue("en")[code])}
        blanks.pop(None, None)
        words = PydanticKnownError(code.removeprefix("schema.pydantic."), blanks or None).message()
        assert render(code, blanks, "en") == words, code
