"""`template-checker map`, and `check`/`export` on files not in the template's layout:
the JSON contract, saved and kept matchings, the matched data checked by the nine rules."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.core.matching.mapping import Matching
from tests.crm_exports import exports, write_export
from tests.crm_exports_unseen import unseen_exports

CORPUS = exports(30) + unseen_exports(30)


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """A user data folder of the test's own: kept matchings land there."""
    monkeypatch.setenv("TEMPLATE_CHECKER_DATA_DIR", str(tmp_path / "data"))


def _export(name: str, folder):
    export = next(e for e in CORPUS if e.name == name)
    return export, write_export(export, folder)


def _json(capsys, argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_the_json_object_names_every_template_column(schema, tmp_path, capsys):
    export, path = _export("salesforce_report", tmp_path)
    code, out = _json(capsys, ["map", str(path), "--subsidiary", "US01", "--format", "json"])
    assert code == 0
    assert list(out) == ["file", "sheet", "header_row", "columns", "unmapped", "values"]
    assert list(out["columns"]) == [c.name for c in schema.columns]
    assert out["header_row"] == export.header_row
    for column, entry in out["columns"].items():
        if entry is None:
            continue
        assert {"source", "confidence", "by"} <= set(entry), column
        assert 0.0 <= entry["confidence"] <= 1.0
        assert entry["by"] in {"name", "values", "saved", "constant"}
        if entry["by"] != "constant":
            assert set(entry) == {"source", "confidence", "by"}
            assert entry["source"] == export.expected.get(column), column
    assert out["columns"]["subsidiary_code"]["by"] == "constant"
    assert out["values"]["stage"]["Prospecting"] == "Qualify"
    assert "Fiscal Period" in out["unmapped"]


def test_a_file_without_a_header_row_names_columns_by_letter(tmp_path, capsys):
    headless = next(e for e in CORPUS if not e.header)
    path = write_export(headless, tmp_path)
    code, out = _json(capsys, ["map", str(path), "--format", "json"])
    assert code == 0 and out["header_row"] is None
    sources = {e["source"] for e in out["columns"].values() if e and e["by"] != "constant"}
    assert sources and all(s.isalpha() and s.isupper() for s in sources)


def test_save_mapping_then_mapping_gives_the_same_matching(tmp_path, capsys):
    _, path = _export("hubspot", tmp_path)
    saved = tmp_path / "hubspot.yaml"
    _, first = _json(capsys, ["map", str(path), "--format", "json", "--save-mapping", str(saved)])
    assert Matching.load(saved).columns.keys() == first["columns"].keys()
    _, again = _json(capsys, ["map", str(path), "--format", "json", "--mapping", str(saved)])
    for column, entry in first["columns"].items():
        got = again["columns"][column]
        assert (got and got["source"]) == (entry and entry["source"]), column
        if got and entry["by"] != "constant":
            assert got["by"] == "saved"
    assert again["values"] == first["values"]


def test_a_kept_matching_is_used_by_check_next_period(tmp_path, capsys):
    _, path = _export("salesforce_report", tmp_path)
    mine = tmp_path / "mine.yaml"
    main(["map", str(path), "--subsidiary", "US01", "--save-mapping", str(mine)])
    assert "kept for US01" in capsys.readouterr().out
    matching = Matching.load(mine)
    matching.values["stage"]["Qualification"] = "Develop"  # the person's choice
    matching.save(tmp_path / "data" / "matchings" / "US01.yaml")
    args = ["check", str(path), "--subsidiary", "US01", "--period", "2026-Q4", "--limit", "0"]
    assert main(args) in (0, 1)
    text = capsys.readouterr().out
    assert "read with the matching kept for US01" in text
    code, report = _json(capsys, [*args, "--format", "json"])
    stages = {f["value"] for f in report["findings"] if f["column"] == "stage"}
    assert "Qualification" not in stages and "Prospecting" not in stages


def test_a_template_file_never_reads_the_kept_matching(tmp_path, capsys):
    """A damaged kept matching cannot stop the check of a file in the template's layout."""
    kept = tmp_path / "data" / "matchings" / "SE01.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_text("columns: [this is: not a matching\n", encoding="utf-8")
    sample = Path(__file__).resolve().parent.parent / "resources" / "samples"
    argv = ["check", str(sample / "SE01_2026-Q4_pipeline.xlsx"), "--subsidiary", "SE01"]
    assert main(argv) == 0
    assert "matching" not in capsys.readouterr().out


def test_stage_words_are_mapped_in_the_check(tmp_path, capsys):
    """The CRM's stages become the template's; a word nobody mapped stays, for DQ4."""
    _, path = _export("salesforce_report", tmp_path)
    _rename_stage(path, "Qualification", "Waiting for Godot")
    argv = ["check", str(path), "--subsidiary", "US01", "--period", "2026-Q4", "--limit", "0"]
    code, report = _json(capsys, [*argv, "--format", "json"])
    assert code == 1
    stage = [f for f in report["findings"] if f["rule"] == "DQ4" and f["column"] == "stage"]
    assert stage and {f["value"] for f in stage} == {"Waiting for Godot"}
    header = next(e for e in CORPUS if e.name == "salesforce_report").header_row
    letter = "ABCDEFGHIJKLMNOP"[_header(path).index("Stage")]
    assert all(f["cell"] == f"{letter}{f['row']}" and f["row"] > header for f in stage)


def _rename_stage(path, old: str, new: str) -> None:
    """A stage word no list knows, without a probability that would hint at its stage."""
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = _header(path)
    stage, chance = header.index("Stage"), header.index("Probability (%)")
    for row in rows:
        if len(row) > stage and row[stage] == old:
            row[stage], row[chance] = new, ""
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _header(path):
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8")))
    return next(r for r in rows if "Stage" in r)


@pytest.mark.parametrize("export", CORPUS, ids=lambda e: e.name)
def test_every_export_gets_a_check_report(export, tmp_path, capsys):
    path = write_export(export, tmp_path)
    argv = ["check", str(path), "--subsidiary", export.subsidiary, "--period", "2026-Q4"]
    code, report = _json(capsys, [*argv, "--format", "json"])
    assert code in (0, 1)
    assert report["subsidiary"] == export.subsidiary
    cells = [f["cell"] for f in report["findings"] if f["cell"]]
    assert all(
        int("".join(c for c in cell if c.isdigit())) > (export.header_row or 0) for cell in cells
    )


def test_map_output_is_checked_like_a_filled_template(schema, tmp_path, capsys):
    _, path = _export("se_pipeline", tmp_path)
    out = tmp_path / "SE01_2026-Q4_pipeline.xlsx"
    argv = ["map", str(path), "--subsidiary", "SE01", "--period", "2026-Q4", "-o", str(out)]
    assert main(argv) == 0
    assert "Wrote" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [schema.model.data_sheet, schema.model.info_sheet]
    headers = [c.value for c in book[schema.model.data_sheet][1]]
    assert headers == [c.label for c in schema.columns]
    code, report = _json(capsys, ["check", str(out), "--format", "json"])
    assert code in (0, 1)
    assert (report["subsidiary"], report["period"]) == ("SE01", "2026-Q4")
    assert not [f for f in report["findings"] if f["rule"] == "DQ1" and f["severity"] == "error"]
    eur = [
        r[schema.columns.index(_col(schema, "amount_eur"))].value
        for r in book[schema.model.data_sheet].iter_rows(min_row=2)
    ]
    assert any(isinstance(v, float) for v in eur)


def _col(schema, name):
    return next(c for c in schema.columns if c.name == name)


def test_a_cover_page_is_refused_with_one_sentence(tmp_path, capsys):
    path = tmp_path / "cover.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Pipeline report Q4"])
    book.active.append(["Prepared by", "Sales Ops"])
    book.active.append(["See the Power Pivot model for the data."])
    book.save(path)
    assert main(["map", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "holds no table of opportunities" in err


# ---------------------------------------------------------------- shipped in the schema


def _schema_text() -> str:
    from desktop_app.bundled import data_folder

    return data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")


def test_a_matching_shipped_in_the_schema_is_used_by_check(tmp_path, capsys):
    """The global team ships US01's matching in its local variant: check reads with it."""
    import yaml

    _, path = _export("salesforce_report", tmp_path)
    mine = tmp_path / "mine.yaml"
    main(["map", str(path), "--subsidiary", "US01", "--save-mapping", str(mine)])
    capsys.readouterr()
    (tmp_path / "data" / "matchings" / "US01.yaml").unlink()  # shipped, not kept
    shipped = yaml.safe_load(mine.read_text("utf-8"))
    shipped["values"]["stage"]["Qualification"] = "Develop"  # the global team's choice
    data = yaml.safe_load(_schema_text())
    data["local_variants"]["US01"] = {"matching": shipped}
    schema = tmp_path / "schema.yaml"
    schema.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    args = ["check", str(path), "--schema", str(schema), "--subsidiary", "US01"]
    args += ["--period", "2026-Q4", "--limit", "0"]
    assert main(args) in (0, 1)
    assert "read with the matching the schema provides for US01" in capsys.readouterr().out
    code, report = _json(capsys, [*args, "--format", "json"])
    stages = {f["value"] for f in report["findings"] if f["column"] == "stage"}
    assert "Qualification" not in stages and "Prospecting" not in stages
    assert main([*args, "--mapping", str(mine)]) in (0, 1)  # a given file still wins
    assert "read with the matching in" in capsys.readouterr().out


def test_a_shipped_matching_naming_an_unknown_column_is_refused(tmp_path):
    from desktop_app.core.schema.loading import SchemaError, parse_schema

    text = _schema_text()
    variant = "local_variants:\n  US01:\n    matching:\n      columns:\n"
    variant += "        opportunity_id: Opportunity ID\n        deal_colour: Colour\n"
    assert "\nlocal_variants:\n" in text
    edited = text.replace("\nlocal_variants:\n", "\n" + variant, 1)
    line = edited.splitlines().index("        deal_colour: Colour") + 1
    with pytest.raises(SchemaError) as exc:
        parse_schema(edited, "edited.yaml")
    said = str(exc.value)
    assert f"edited.yaml, line {line}, at local_variants.US01.matching.columns.deal_colour" in said
    assert "deal_colour is not a column of the template" in said


# ---------------------------------------------------------------- money with symbols


SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"


def test_amounts_with_a_currency_symbol_are_read_as_numbers(tmp_path, capsys):
    """`$166,522.81` in a Salesforce export: no DQ3 "must be a number"; the amounts go on."""
    sample = SAMPLES / "US01_salesforce_opportunities.csv"
    argv = ["check", str(sample), "--subsidiary", "US01", "--format", "json"]
    _, report = _json(capsys, argv)
    amounts = [f for f in report["findings"] if f["column"] in ("amount", "amount_eur")]
    assert not [f for f in amounts if f["rule"] == "DQ3"], amounts
    out = tmp_path / "matched.xlsx"
    argv = ["map", str(sample), "--subsidiary", "US01", "--period", "2026-Q4", "-o", str(out)]
    assert main(argv) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all(r[header.index("Amount")] for r in rows)
    assert all(isinstance(r[header.index("Amount (EUR)")], float) for r in rows)


def test_a_symbol_is_taken_off_only_where_it_agrees_with_the_currency(schema):
    import numpy as np

    from desktop_app.core.matching.money import without_symbols

    values = np.array(["$22,700.00", "€ 1.234,50", "22 700,00 kr", "€ 5", 7.5, "-$3", "x"], object)
    currencies = np.array(["USD", "EUR", "SEK", "USD", "USD", "USD", "USD"], object)
    got = list(without_symbols(values, currencies, schema))
    assert got == ["22,700.00", "1.234,50", "22 700,00", "€ 5", 7.5, "-3", "x"]
    assert list(without_symbols(values[:2], "EUR", schema)) == ["$22,700.00", "1.234,50"]
