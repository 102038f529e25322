"""The blank template: headers, lists, hints, formats, Info; filled with valid rows it passes."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from helpers import PERIOD

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.output.template import UnknownSubsidiary, write_template
from tests.sample_data import valid_rows


@pytest.fixture(scope="module")
def se01_template(tmp_path_factory, schema):
    return write_template(schema, tmp_path_factory.mktemp("t") / "SE01.xlsx", "SE01")


def validations(ws) -> dict[str, object]:
    """Column letter -> its data validation."""
    return {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in ws.data_validations.dataValidation
    }


def list_of(wb, formula: str) -> list[str]:
    sheet, ref = formula.lstrip("=").split("!")
    return [c.value for row in wb[sheet][ref.replace("$", "")] for c in row]


def test_headers_are_in_the_subsidiarys_language(se01_template, schema):
    ws = openpyxl.load_workbook(se01_template)["Pipeline"]
    headers = [c.value for c in ws[1]]
    local = schema.for_subsidiary("SE01")
    assert headers == [(c.alias_list("sv") or [c.label])[0] for c in local.columns]
    assert headers[:3] == ["Affärsmöjlighets-ID", "Dotterbolag", "Kund-ID"]
    assert headers[-3:] == ["Säljregion", "Marginal (%)", "Ramavtal t.o.m."]  # SE01's own columns
    assert ws.freeze_panes == "A2"


def test_every_listed_column_has_a_drop_down_from_the_hidden_sheet(se01_template, schema):
    wb = openpyxl.load_workbook(se01_template)
    ws = wb["Pipeline"]
    assert wb["Lists"].sheet_state == "hidden"
    found = validations(ws)
    letters = {
        c.name: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(schema.columns)
    }
    for col in schema.columns:
        dv = found[letters[col.name]]
        assert str(dv.sqref) == f"{letters[col.name]}2:{letters[col.name]}1048576"
        assert dv.promptTitle == col.label[:32] and col.description in dv.prompt
        if col.vocabulary:
            assert dv.type == "list" and dv.formula1.startswith("Lists!$")
    assert list_of(wb, found[letters["currency"]].formula1) == ["SEK", "EUR"]
    assert list_of(wb, found[letters["subsidiary_code"]].formula1) == ["SE01"]
    assert "SE01" not in list_of(wb, found[letters["collaboration_with"]].formula1)
    countries = list_of(wb, found[letters["country"]].formula1)
    assert len(countries) > 240 and {"SE", "NA", "DE"} <= set(countries)
    stages = list_of(wb, found[letters["stage"]].formula1)
    assert stages == schema.vocabulary_values("stages")


def test_formats_widths_and_info(se01_template, schema):
    wb = openpyxl.load_workbook(se01_template)
    ws = wb["Pipeline"]
    for i, col in enumerate(schema.columns, start=1):
        dim = ws.column_dimensions[openpyxl.utils.get_column_letter(i)]
        assert dim.width == pytest.approx(col.width, abs=1)
        if col.format:
            assert dim.number_format == col.format
        elif col.type == "text":
            assert dim.number_format == "@"  # IDs such as 00123 stay text
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True)}
    assert info == {"Subsidiary": "SE01", "Reporting period": None, "Template version": "2026.2"}


@pytest.mark.parametrize("subsidiary", ["SE01", "DE01", "US01", None])
def test_filled_with_valid_rows_it_passes_with_no_finding(subsidiary, schema, tmp_path):
    path = write_template(schema, tmp_path / "blank.xlsx", subsidiary)
    code = subsidiary or "GB01"
    wb = openpyxl.load_workbook(path)
    ws = wb["Pipeline"]
    width = len([c for c in ws[1] if c.value])
    for row in valid_rows(schema, code, PERIOD, 25, seed=4):
        values = [row.get(c.name) for c in schema.columns]
        local = ["Syd", 35, date(2027, 6, 30)] if width > len(values) else []
        ws.append(values + local)
    wb["Info"]["B2"] = "2026-Q4"
    if subsidiary is None:
        wb["Info"]["B1"] = code
    wb.save(path)
    result = check_file(path, schema)
    assert [(f.code, f.cell) for f in result.findings] == []
    assert len(result.rows) == 25


def test_unknown_subsidiary_is_one_sentence(schema, tmp_path, capsys):
    with pytest.raises(UnknownSubsidiary, match="XX01 is not a subsidiary"):
        write_template(schema, tmp_path / "t.xlsx", "XX01")
    assert main(["template", "-o", str(tmp_path / "t.xlsx"), "--subsidiary", "XX01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SE01" in err
    assert not list(tmp_path.iterdir())


def test_cli_writes_the_template(tmp_path, capsys):
    out = tmp_path / "blank.xlsx"
    assert main(["template", "-o", str(out), "--subsidiary", "de01"]) == 0
    assert "DE01" in capsys.readouterr().out
    headers = [c.value for c in openpyxl.load_workbook(out)["Pipeline"][1]]
    assert headers[0] == "Verkaufschancen-ID"
