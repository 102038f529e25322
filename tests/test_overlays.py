"""Local variants: SE01 keeps its own columns, headers and words; the global rules stay put."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import PERIOD, write_book

from desktop_app.bundled import data_folder
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.loading import SchemaError, parse_schema
from desktop_app.core.schema.store import DATA_DIR_VARIABLE, import_schema, with_kept_versions
from tests.sample_data import header_labels, standard_info, valid_rows

BUNDLED = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")
LOCAL_HEADERS = ["Säljregion", "Marginal (%)", "Ramavtal t.o.m."]


def local_book(tmp_path, schema, sub: str, local_values=("Syd", 35, date(2027, 6, 30)), **change):
    """A file in Swedish with SE01's local headers, columns and words."""
    rows = valid_rows(schema, sub, PERIOD, 8, seed=2)
    rows[2].update(change)
    headers = header_labels(schema, "sv")
    headers[headers.index("Kund")] = "Kundnamn"  # SE01's own header for customer_name
    headers[headers.index("Ägare")] = "säljare "  # case and spaces do not matter
    path = write_book(
        tmp_path / f"{sub}_2026-Q4.xlsx",
        schema,
        rows,
        headers=headers + LOCAL_HEADERS,
        info=standard_info(schema, sub, PERIOD),
    )
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Pipeline"]
    for r in range(2, ws.max_row + 1):
        for c, value in enumerate(local_values, start=len(schema.columns) + 1):
            ws.cell(r, c).value = value
    wb.save(path)
    return path


def test_se01_local_columns_headers_and_words_are_accepted(schema, tmp_path):
    path = local_book(tmp_path, schema, "SE01", product_line="Hårdvara")
    result = check_file(path, schema)
    assert [(f.code, f.cell, f.suggestion) for f in result.findings] == [
        ("DQ4.value_normalised", "G4", "Hardware")
    ]
    assert result.frame["product_line"].iat[2] == "Hardware"
    assert result.frame["se_margin"].iat[0] == 35  # read, typed
    # The result names the global schema: its columns (what is exported) have no local ones.
    assert result.schema is schema
    assert not {"se_sales_region", "se_margin", "se_framework_end"} & {
        c.name for c in result.schema.columns
    }


def test_a_local_column_is_checked_for_its_type(schema, tmp_path):
    path = local_book(tmp_path, schema, "SE01", local_values=("Syd", "hög", "snart"))
    codes = {(f.code, f.column) for f in check_file(path, schema).findings}
    assert codes == {("DQ3.not_an_integer", "se_margin"), ("DQ3.not_a_date", "se_framework_end")}


def test_another_subsidiary_does_not_get_se01s_variant(schema, tmp_path):
    path = local_book(tmp_path, schema, "DE01", product_line="Hårdvara")
    found = {(f.code, f.column) for f in check_file(path, schema).findings}
    assert {("DQ1.unknown_column", h) for h in LOCAL_HEADERS} <= found
    assert ("DQ1.missing_column", "customer_name") in found  # "Kundnamn" is SE01's alone
    assert ("DQ4.not_allowed", "product_line") in found


def test_the_variant_leaves_the_global_rules_alone(schema):
    local = schema.for_subsidiary("SE01")
    assert local.model is schema.model and (local.id, local.version, local.sha256) == (
        schema.id,
        schema.version,
        schema.sha256,
    )
    assert schema.for_subsidiary("DE01") is schema and local.for_subsidiary("SE01") is local
    assert [c.name for c in local.columns][: len(schema.columns)] == [
        c.name for c in schema.columns
    ]
    assert local.local_column_names == {"se_sales_region", "se_margin", "se_framework_end"}
    assert (
        "kundnamn" not in schema.header_lookup
        and local.header_lookup["kundnamn"] == "customer_name"
    )
    assert "hårdvara" not in schema.vocabulary_synonyms("product_lines")


VARIANT = "  SE01:\n    columns:\n"


@pytest.mark.parametrize(
    "old,new,problem",
    [
        (VARIANT, "  XX01:\n    columns:\n", "XX01: is not a known subsidiary"),
        ("      - name: se_sales_region\n", "      - name: owner\n", "has the name of a template column"),
        ("      customer_name: [Kundnamn]", "      customer_name: [Owner]", "'Owner' for customer_name already names owner"),
        ("aliases: {sv: Säljregion}", "aliases: {sv: Kund}", "header 'Kund' of local column se_sales_region already names customer_name"),
        ("      customer_name: [Kundnamn]", "      customer_nam: [Kundnamn]", "aliases for unknown column customer_nam"),
        ("{Hårdvara: Hardware,", "{Hårdvara: Hardwear,", "point to values not in the list: Hardwear"),
        ("{Vunnen affär: Closed Won,", "{Won: Closed Lost,", "already mean something else: Won"),
        ("        type: text\n        aliases: {sv: Säljregion}", "        type: text\n        required: true\n        aliases: {sv: Säljregion}", "Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_a_variant_that_would_change_the_template_is_refused(old, new, problem):
    assert old in BUNDLED
    with pytest.raises(SchemaError) as err:
        parse_schema(BUNDLED.replace(old, new, 1), "variant.yaml")
    assert problem in str(err.value) and "variant.yaml, line" in str(err.value)


def test_the_user_data_folder_changes_nothing_unless_passed_in(schema, tmp_path, monkeypatch):
    """The same file and schema give the same findings on every machine: what the user
    keeps counts only when the caller passes it in (with_kept_versions)."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    path = local_book(tmp_path, schema, "SE01", product_line="Hårdvara")
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb[schema.model.info_sheet]["B3"] = "2026.1"  # made from an older template
    wb.save(path)

    def found(schema):
        return [(f.code, f.cell, f.message) for f in check_file(path, schema).findings]

    before = found(schema)
    assert ("DQ1.template_older", None) in {(code, cell) for code, cell, _ in before}
    older = tmp_path / "old.yaml"
    old_text = BUNDLED.replace('version: "2026.2"', 'version: "2026.1"')
    older.write_text(
        old_text.replace("Develop: {probability: [10, 40]", "Develop: {probability: [15, 40]"),
        "utf-8",
    )
    import_schema(older)
    assert found(schema) == before
    assert ("DQ1.template_older_changes", None) in {
        (code, cell) for code, cell, _ in found(with_kept_versions(schema))
    }
