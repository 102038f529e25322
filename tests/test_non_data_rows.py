"""Rows that are not data (issue 14 point 1): blank rows, totals and subtotal rows (a
totals word, or only sums in the money columns), note rows (one free-text cell).
Wherever one stands (below the data, between groups, above the header) it is one DQ1
warning and nothing else, is left out, and neither hides the header nor ends the data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from helpers import PERIOD
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.checking.any_layout import check_any_layout
from desktop_app.core.checking.engine import CheckOptions, check_file
from desktop_app.core.checking.row_kinds import totals_words
from tests.crm_exports import export_named
from tests.sample_data import header_labels, standard_info, valid_rows

NON_DATA = {"DQ1.blank_row", "DQ1.non_data_row", "DQ1.note_row", "DQ1.non_data_above_header"}


@dataclass(frozen=True)
class Formula:
    """A formula cell with the result Excel saved."""

    text: str
    result: float


@dataclass
class Book:
    """A sheet: rows above the header, the header, then lines: a dict is a data row (by
    column name), a list is cells by column name ({} or [] is a blank row)."""

    subsidiary: str
    lines: list[Any]
    above: list[dict[str, Any]]
    language: str | None = None
    extra: tuple[str, ...] = ()  # headers of the file's own columns after the template's


def _letter(schema, name: str) -> str:
    from desktop_app.core.model.a1 import col_letter

    return col_letter([c.name for c in schema.columns].index(name))


def write(path: Path, schema, book: Book) -> Path:
    names = [c.name for c in schema.columns]
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet(schema.model.data_sheet)
    cells = [*book.above, [*header_labels(schema, book.language), *book.extra], *book.lines]
    for r, line in enumerate(cells):
        items = enumerate(line) if isinstance(line, list) else line.items()
        for c, value in items:
            c = c if isinstance(c, int) else names.index(c)
            if value is None or value == "":
                continue
            if isinstance(value, Formula):
                ws.write_formula(r, c, value.text, None, value.result)
            elif isinstance(value, date):
                ws.write_datetime(r, c, datetime.combine(value, time()), day)
            else:
                ws.write(r, c, value)
    info = wb.add_worksheet(schema.model.info_sheet)
    for r, (k, v) in enumerate(standard_info(schema, book.subsidiary, PERIOD).items()):
        info.write_row(r, 0, [k, v])
    wb.close()
    return path


def check(tmp_path, schema, book: Book):
    path = write(tmp_path / f"{book.subsidiary}_2026-Q4.xlsx", schema, book)
    return check_file(path, schema)


def only_non_data(result, expected_rows: set[int]):
    """Every finding is a non-data DQ1 warning, one on each expected row."""
    found = [(f.code, f.row, f.severity.value) for f in result.findings]
    assert all(code in NON_DATA and sev == "warning" for code, _, sev in found), found
    assert sorted(r for _, r, _ in found) == sorted(expected_rows), found


def rows(schema, subsidiary, n=8, seed=3):
    return valid_rows(schema, subsidiary, PERIOD, n, seed=seed)


def sums(data, schema, first_row: int = 2, formula: bool = False) -> dict[str, Any]:
    """The sums of Amount and Amount (EUR), pasted as values or as SUM formulas."""
    out = {}
    for name in ("amount", "amount_eur"):
        total = round(sum(r[name] for r in data), 2)
        letter = _letter(schema, name)
        ref = f"{letter}{first_row}:{letter}{first_row + len(data) - 1}"
        out[name] = Formula(f"=SUM({ref})", total) if formula else total
    return out


# ---------------------------------------------------------------- the shapes


def test_a_blank_row_then_pasted_sums_are_two_warnings(schema, tmp_path):
    data = rows(schema, "SE01")
    result = check(tmp_path, schema, Book("SE01", [*data, {}, sums(data, schema)], []))
    only_non_data(result, {10, 11})
    assert len(result.frame) == len(data)


def test_a_note_row_under_the_data_is_one_warning(schema, tmp_path):
    data = rows(schema, "SE01")
    note = {"opportunity_id": "Prepared by Kari Nilsen, 2026-12-20"}
    result = check(tmp_path, schema, Book("SE01", [*data, note], []))
    only_non_data(result, {10})
    (f,) = result.findings
    assert f.value == "Prepared by Kari Nilsen, 2026-12-20"
    assert "note" in f.message


def test_a_subtotal_row_above_the_header_is_one_warning_and_the_header_is_found(schema, tmp_path):
    data = rows(schema, "SE01")
    amount = _letter(schema, "amount")
    above = [
        {"opportunity_id": "Pipeline Q4 2026"},
        {},
        {"amount": Formula(f"=SUBTOTAL(9,{amount}5:{amount}12)", sums(data, schema)["amount"])},
    ]
    result = check(tmp_path, schema, Book("SE01", data, above))
    assert result.table.header_row == 4
    only_non_data(result, {3})
    assert len(result.frame) == len(data)


def test_subtotal_rows_between_groups(schema, tmp_path):
    data = rows(schema, "US01", n=9)
    groups, lines, start = [data[:3], data[3:6], data[6:]], [], 2
    for i, group in enumerate(groups):
        lines += group
        # Excel's Subtotal ("Negotiate Total"), a label typed by hand, or sums alone
        label = [{"stage": f"{group[0]['stage']} Total"}, {"product_line": "Hardware"}, {}][i]
        lines.append({**label, **sums(group, schema, start, formula=True)})
        start += len(group) + 1
    lines.append({"stage": "Grand Total", **sums(data, schema)})
    result = check(tmp_path, schema, Book("US01", lines, []))
    only_non_data(result, {5, 9, 13, 14})
    assert len(result.frame) == len(data)


# ---------------------------------------------------------------- variations


@pytest.mark.parametrize(
    ("subsidiary", "language", "word"),
    [
        ("SE01", "sv", "Totalsumma"),
        ("SE01", "sv", "Delsumma"),
        ("DE01", "de", "Gesamtergebnis"),
        ("DE01", "de", "Zwischensumme"),
        ("FI01", None, "Yhteensä"),
        ("FI01", None, "Välisumma"),
        ("US01", None, "Subtotal"),
        ("US01", None, "SUBTOTAL"),
    ],
)
def test_totals_words_in_the_subsidiarys_language(schema, tmp_path, subsidiary, language, word):
    data = rows(schema, subsidiary)
    lines = [*data, {"opportunity_id": word, **sums(data, schema, formula=True)}]
    result = check(tmp_path, schema, Book(subsidiary, lines, [], language))
    only_non_data(result, {10})


@pytest.mark.parametrize(
    ("subsidiary", "language", "label"),
    [
        ("SE01", "sv", "Förhandla Summa"),
        ("DE01", "de", "Verhandlung Ergebnis"),
        ("FI01", None, "Negotiate Summa"),
        ("US01", None, "Negotiate Total"),
    ],
)
def test_excels_subtotal_rows_word_after_the_group(schema, tmp_path, subsidiary, language, label):
    data = rows(schema, subsidiary, n=4)
    lines = [*data[:2], {"stage": label, **sums(data[:2], schema, formula=True)}, *data[2:]]
    result = check(tmp_path, schema, Book(subsidiary, lines, [], language))
    only_non_data(result, {4})
    assert len(result.frame) == 4


@pytest.mark.parametrize("subsidiary", ["SE01", "DE01", "FI01", "US01"])
@pytest.mark.parametrize("formula", [False, True])
def test_sums_without_a_word_pasted_or_by_formula(schema, tmp_path, subsidiary, formula):
    data = rows(schema, subsidiary)
    lines = [*data, {}, {}, sums(data, schema, formula=formula)]
    result = check(tmp_path, schema, Book(subsidiary, lines, []))
    only_non_data(result, {10, 11, 12})


@pytest.mark.parametrize(
    "note",
    [
        {"opportunity_id": "Prepared by Kari Nilsen, 2026-12-20"},
        {"customer_name": "Upprättad av Karin Berg 2026-12-18"},
        {"next_step": "Alle Beträge in EUR"},
        {"opportunity_id": "Notes:"},
    ],
)
def test_note_rows_anywhere_in_the_data(schema, tmp_path, note):
    data = rows(schema, "SE01")
    result = check(tmp_path, schema, Book("SE01", [*data[:4], note, *data[4:], note], []))
    only_non_data(result, {6, 11})
    assert len(result.frame) == len(data)


def test_a_note_beside_the_data_in_a_column_without_a_header(schema, tmp_path):
    data = rows(schema, "SE01")
    beside = len(schema.columns) + 1  # one empty column between
    lines = [*data, {beside: "Checked by Anna 2026-12-19"}]
    result = check(tmp_path, schema, Book("SE01", lines, []))
    only_non_data(result, {10})
    lines[2] = {**data[2], beside: "call back"}  # a column without a header holding data
    result = check(tmp_path, schema, Book("SE01", lines, []))
    assert sorted((f.code, f.row) for f in result.findings) == [
        ("DQ1.note_row", 10),
        ("DQ1.unknown_column", None),
    ]


def test_totals_above_the_header_with_a_word_and_the_data_goes_on_after_blank_rows(
    schema, tmp_path
):
    data = rows(schema, "DE01")
    above = [{"opportunity_id": "Summe", **sums(data, schema)}]
    lines = [*data[:4], {}, {}, {"opportunity_id": "Zwischensumme"}, *data[4:]]
    result = check(tmp_path, schema, Book("DE01", lines, above, "de"))
    assert result.table.header_row == 2
    only_non_data(result, {1, 7, 8, 9})
    assert len(result.frame) == len(data)


def test_sums_also_in_the_files_own_columns(schema, tmp_path):
    data = rows(schema, "SE01")
    own = len(schema.columns)  # the first column after the template's
    lines = [{**r, own: round(r["amount"] * r["probability"] / 100, 2)} for r in data]
    weighted = round(sum(line[own] for line in lines), 2)
    lines += [{**sums(data, schema), own: weighted}, {"product_line": "Hardware", own: 1.0}]
    result = check(tmp_path, schema, Book("SE01", lines, [], extra=("Vägt värde",)))
    assert {(f.code, f.row) for f in result.findings if f.row} == {
        ("DQ1.non_data_row", 10),
        ("DQ2.required_empty", 11),
    }


def test_a_totals_word_where_the_id_goes_makes_any_row_a_totals_row(schema, tmp_path):
    data = rows(schema, "SE01")
    data[3]["opportunity_id"] = "Summa Q4"
    result = check(tmp_path, schema, Book("SE01", data, []))
    only_non_data(result, {5})


# ---------------------------------------------------------------- still data


def test_an_opportunity_missing_its_id_and_customer_is_still_data(schema, tmp_path):
    data = rows(schema, "SE01")
    data[2].update(opportunity_id=None, customer_id=None, customer_name=None)
    result = check(tmp_path, schema, Book("SE01", data, []))
    assert {(f.code, f.row) for f in result.findings} == {
        ("DQ2.required_empty", 4),
    }
    assert len(result.frame) == len(data)


def test_an_opportunity_without_ids_whose_next_step_ends_with_total_is_data(schema, tmp_path):
    data = rows(schema, "SE01")
    data[2].update(opportunity_id=None, customer_id=None, customer_name=None)
    data[2].update(opportunity_name=None, next_step="Agree on the total")
    result = check(tmp_path, schema, Book("SE01", data, []))
    assert {f.code for f in result.findings} == {"DQ2.required_empty"}


def test_a_row_with_only_an_opportunity_id_is_an_incomplete_opportunity(schema, tmp_path):
    data = rows(schema, "SE01")
    lone = {"opportunity_id": "SE01-000099"}
    result = check(tmp_path, schema, Book("SE01", [*data, lone], []))
    assert {f.code for f in result.findings if f.row == 10} == {"DQ2.required_empty"}
    assert len(result.frame) == len(data) + 1


def test_a_customer_called_total_is_an_opportunity(schema, tmp_path):
    data = rows(schema, "GB01")
    data[1].update(customer_name="Total Energies Ltd", opportunity_name="Grand Total rollout")
    data[2].update(opportunity_id=None, customer_name="Total Energies Ltd")
    result = check(tmp_path, schema, Book("GB01", data, []))
    assert {(f.code, f.row) for f in result.findings} == {("DQ2.required_empty", 4)}


# ---------------------------------------------------------------- a matched CRM export


def _write_rows(rows_: list[list[Any]], path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    ws = wb.add_worksheet("Export")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows_):
        for c, value in enumerate(row):
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime.combine(value, time()), day)
            elif value is not None and value != "":
                ws.write(r, c, value)
    wb.close()
    return path


def test_a_matched_crm_export_with_a_totals_row_at_the_bottom(schema, tmp_path):
    export = export_named("se_pipeline", 20)
    plain = export.rows
    amount = next(i for i, (_, t, _) in enumerate(export.columns) if t == "amount")
    total = [None] * len(export.columns)
    total[amount] = round(sum(d.amount for d in export.deals), 2)
    options = CheckOptions(subsidiary="SE01", period="2026-Q4")
    before, _ = check_any_layout(_write_rows(plain, tmp_path / "a.xlsx"), schema, options)
    after, used = check_any_layout(
        _write_rows([*plain, [], ["Summa", *total[1:]]], tmp_path / "b.xlsx"), schema, options
    )
    assert used is not None  # read through a matching
    last = export.header_row + len(export.deals)
    added = {(f.code, f.row) for f in after.findings} - {(f.code, f.row) for f in before.findings}
    assert added == {("DQ1.blank_row", last + 1), ("DQ1.non_data_row", last + 2)}
    assert len(after.frame) == len(before.frame) == len(export.deals)
    # the SUBTOTAL row above its header is one warning too
    subtotal_row = len(export.above)
    assert {(f.code, f.row) for f in before.findings if f.row == subtotal_row} == {
        ("DQ1.non_data_above_header", subtotal_row)
    }


def test_a_csv_with_sums_as_text_a_total_and_a_note(schema, tmp_path):
    import csv

    data = rows(schema, "US01")
    names = [c.name for c in schema.columns]

    def text(v):
        return "" if v is None else v.isoformat() if isinstance(v, date) else str(v)

    total = sums(data, schema)
    body = [[text(r.get(n)) for n in names] for r in data]
    sums_row = [f"{total[n]:,.2f}" if n in total else "" for n in names]
    lines = [
        header_labels(schema),
        *body[:4],
        [""] * len(names),
        ["Subtotal", *[""] * (len(names) - 1)],
        *body[4:],
        sums_row,
        ["All amounts in USD", *[""] * (len(names) - 1)],
    ]
    path = tmp_path / "US01_2026-Q4.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(lines)
    result = check_file(path, schema)
    only_non_data(result, {6, 7, 12, 13})
    assert len(result.frame) == len(data)


# ---------------------------------------------------------------- the words are data


def test_the_totals_words_and_columns_are_the_schemas(schema, tmp_path):
    from desktop_app.bundled import data_folder
    from desktop_app.core.schema.loading import SchemaError, parse_schema

    text = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")
    data = rows(schema, "SE01")
    book = Book("SE01", [*data, sums(data, schema)], [])
    assert {f.code for f in check(tmp_path, schema, book).findings} == {"DQ1.non_data_row"}
    fewer = parse_schema(
        text.replace("sum_columns: [amount, amount_eur]", "sum_columns: [amount_eur]"), "edited"
    )
    path = write(tmp_path / "SE01_2026-Q4_words.xlsx", schema, book)
    assert "DQ2.required_empty" in {f.code for f in check_file(path, fewer).findings}
    more = parse_schema(text.replace("total_labels: [", "total_labels: [kokonaisarvo, "), "x")
    book.lines[-1] = {"opportunity_id": "Kokonaisarvo", "amount": 1.0}
    path = write(tmp_path / "SE01_2026-Q4_words.xlsx", schema, book)
    assert "DQ2.required_empty" in {f.code for f in check_file(path, schema).findings}
    assert [f.code for f in check_file(path, more).findings] == ["DQ1.non_data_row"]
    start = text.index("non_data_rows:")
    older = parse_schema(text[:start] + text[text.index("\n\n", start) :], "before it existed")
    assert older.model.non_data_rows is None
    book.lines[-1] = sums(data, schema)  # sums were an opportunity then
    path = write(tmp_path / "SE01_2026-Q4_words.xlsx", schema, book)
    assert "DQ2.required_empty" in {f.code for f in check_file(path, older).findings}
    with pytest.raises(SchemaError, match="non_data_rows names unknown columns: amount_sek"):
        parse_schema(text.replace("sum_columns: [amount,", "sum_columns: [amount_sek,"), "bad")


@settings(max_examples=300, deadline=None)
@given(
    words=st.sets(st.text(alphabet="abst -ä", min_size=1, max_size=5), min_size=1, max_size=6),
    text=st.text(alphabet="abstAST -ä:1", max_size=12),
)
def test_the_totals_words_pattern_matches_as_a_plain_list_of_words_would(words, text):
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    expected = re.compile(rf"^\s*(?:{plain})(?![^\W\d_])|(?<![^\W\d_])(?:{plain})[\W_]*$", re.I)
    found = totals_words(sorted(words))
    assert bool(found.search(text)) == bool(expected.search(text))
    assert bool(found.match(text)) == bool(expected.match(text))


def test_what_changed_in_the_non_data_rows_says_so(schema):
    from desktop_app.bundled import data_folder
    from desktop_app.core.schema.diff import diff_schemas, summarise_changes
    from desktop_app.core.schema.loading import parse_schema

    text = data_folder("schemas").joinpath("global-pipeline.yaml").read_text("utf-8")
    edited = text.replace("max_texts: 3", "max_texts: 4").replace(
        "sum_columns: [amount, amount_eur]", "sum_columns: [amount]"
    )
    said = summarise_changes(diff_schemas(schema, parse_schema(edited, "edited")))
    assert "max texts changed from '3' to '4'" in said and "'amount_eur' removed" in said
