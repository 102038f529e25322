"""Each rule: what it must flag (code, cell, severity, suggestion) and what it must leave alone.

Every case changes one row of an otherwise valid file, so any finding beyond the
expected one is a false alarm and fails the test.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from helpers import PERIOD, ExcelError, write_book

ROW = 3  # index of the row we break; Excel row 5 (header in row 1)
XL = ROW + 2
ANY = object()


def with_stage(row: dict, stage: str, schema) -> dict:
    """Make a row consistent for a stage, so only the change under test is wrong."""
    st = schema.model.process[stage]
    low, high = st.probability
    row.update(
        stage=stage,
        probability=(low + high) // 2,
        forecast_category=st.forecast[0],
        loss_reason="Price" if st.needs_loss_reason else None,
        close_date=date(2026, 11, 15) if st.closed else date(2027, 2, 15),
        created_date=date(2026, 1, 10),
        last_activity_date=date(2026, 12, 1),
    )
    return row


def findings_of(result, *, fixed: bool = True):
    return [f for f in result.findings if fixed or f.severity != "fixed"]


CASES = [
    # id, stage (or None), change, [(code, cell letter or None, suggestion)]
    ("empty required", None, {"customer_name": None}, [("DQ2.required_empty", "D", None)]),
    ("placeholder required", None, {"owner": "  n/a "}, [("DQ2.required_empty", "Q", None)]),
    ("placeholder tbd", None, {"owner": "TBD"}, [("DQ2.required_empty", "Q", None)]),
    ("white space only", None, {"owner": "   "}, [("DQ2.required_empty", "Q", None)]),
    ("placeholder optional", None, {"next_step": "--"}, [("DQ2.placeholder_cleared", "T", None)]),
    (
        "text number sv",
        None,
        {"amount": "1 234,50", "amount_eur": None},
        [("DQ3.number_read", "K", 1234.5)],
    ),
    (
        "nbsp number sv",
        None,
        {"amount": "1\u00a0234,50", "amount_eur": None},
        [("DQ3.number_read", "K", 1234.5)],
    ),
    ("percent text", "Propose", {"probability": "45 %"}, [("DQ3.percent_read", "I", 45)]),
    ("percent stored", "Propose", {"probability": 0.45}, [("DQ3.percent_read", "I", 45)]),
    (
        "iso text date",
        None,
        {"close_date": "2027-02-15"},
        [("DQ3.date_read", "N", date(2027, 2, 15))],
    ),
    (
        "serial date",
        None,
        {"close_date": 46350},
        [("DQ3.serial_date_read", "N", date(2026, 11, 24))],
    ),
    ("serial out of range", None, {"close_date": 12}, [("DQ3.serial_out_of_range", "N", None)]),
    (
        "date order",
        "Develop",
        {"created_date": "12/31/2025"},
        [("DQ3.date_order", "O", date(2025, 12, 31))],
    ),
    (
        "not a number",
        None,
        {"amount": "abc", "amount_eur": None},
        [("DQ3.not_a_number", "K", None)],
    ),
    (
        "excel error",
        None,
        {"amount": ExcelError("#N/A"), "amount_eur": None},
        [("DQ3.excel_error", "K", None)],
    ),
    (
        "formula no result",
        None,
        {"amount_eur": "=1/0"},
        [("DQ3.formula_without_result", "M", None)],
    ),
    (
        "id trimmed",
        None,
        {"opportunity_id": " se01-000004"},
        [("DQ3.text_trimmed", "A", "SE01-000004")],
    ),
    ("bad customer id", None, {"customer_id": "CU-12"}, [("DQ3.pattern_mismatch", "C", None)]),
    ("not an integer", "Propose", {"probability": 45.5}, [("DQ3.not_an_integer", "I", 46)]),
    (
        "stage synonym",
        "Negotiate",
        {"stage": "Förhandla"},
        [("DQ4.value_normalised", "H", "Negotiate")],
    ),
    (
        "stage case",
        "Closed Won",
        {"stage": " closed  won "},
        [("DQ4.value_normalised", "H", "Closed Won")],
    ),
    (
        "stage near miss",
        "Negotiate",
        {"stage": "Negotiaton"},
        [("DQ4.near_miss", "H", "Negotiate")],
    ),
    ("currency case", None, {"currency": "sek"}, [("DQ4.value_normalised", "L", "SEK")]),
    ("country name", None, {"country": "Sweden"}, [("DQ4.value_normalised", "E", "SE")]),
    ("product near miss", None, {"product_line": "Hardwear"}, [("DQ4.near_miss", "G", "Hardware")]),
    ("product unknown", None, {"product_line": "Bananas"}, [("DQ4.not_allowed", "G", None)]),
    (
        "negative amount",
        None,
        {"amount": -5.0, "amount_eur": None},
        [("DQ5.amount_not_positive", "K", None)],
    ),
    (
        "eur too large",
        None,
        {"amount": 60_000_000 * 11.5, "amount_eur": 60_000_000.0},
        [("DQ5.amount_eur_too_large", "M", None)],
    ),
    (
        "close far off",
        "Develop",
        {"close_date": date(2035, 1, 1)},
        [("DQ5.close_date_window", "N", None)],
    ),
    (
        "created 1999",
        "Develop",
        {"created_date": date(1999, 5, 1)},
        [("DQ5.created_too_early", "O", None)],
    ),
    (
        "activity future",
        "Develop",
        {"last_activity_date": date(2027, 1, 5)},
        [("DQ5.activity_after_report", "P", None)],
    ),
    ("stale", "Develop", {"last_activity_date": date(2026, 6, 1)}, [("DQ5.stale", "P", None)]),
    ("band", "Qualify", {"probability": 50}, [("DQ7.probability_band", "I", 20)]),
    (
        "forecast",
        "Qualify",
        {"forecast_category": "Commit"},
        [("DQ7.forecast_category", "J", None)],
    ),
    (
        "won in future",
        "Closed Won",
        {"close_date": date(2027, 1, 20)},
        [("DQ7.closed_in_future", "N", None)],
    ),
    ("overdue", "Develop", {"close_date": date(2026, 8, 31)}, [("DQ7.overdue", "N", None)]),
    (
        "created after close",
        "Develop",
        {"created_date": date(2026, 12, 20), "close_date": date(2026, 12, 10)},
        [("DQ7.created_after_close", "O", None)],
    ),
    (
        "lost no reason",
        "Closed Lost",
        {"loss_reason": None},
        [("DQ7.loss_reason_missing", "R", None)],
    ),
    (
        "reason not lost",
        "Propose",
        {"loss_reason": "Price"},
        [("DQ7.loss_reason_not_lost", "R", None)],
    ),
    (
        "currency",
        None,
        {"currency": "USD", "amount_eur": None},
        [("DQ8.currency_not_allowed", "L", "SEK")],
    ),
    (
        "eur mismatch",
        None,
        {"amount": 11500.0, "amount_eur": 1200.0},
        [("DQ8.amount_eur_mismatch", "M", 1000.0)],
    ),
    (
        "thousands",
        None,
        {"amount": 10.0, "amount_eur": None},
        [("DQ8.amount_in_thousands", "K", 10000.0)],
    ),
    (
        "other subsidiary",
        None,
        {"subsidiary_code": "NO01"},
        [("DQ9.wrong_subsidiary", "B", "SE01")],
    ),
    ("id prefix", None, {"opportunity_id": "DK01-000004"}, [("DQ9.id_prefix", "A", "SE01-000004")]),
    ("global account", None, {"customer_id": "CU-100002"}, [("DQ9.global_account", "S", "DE01")]),
]


@pytest.mark.parametrize("name,stage,change,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_flags_exactly_this(name, stage, change, expected, schema, base_rows, check_rows):
    row = base_rows[ROW]
    if stage:
        with_stage(row, stage, schema)
    row.update(change)
    result = check_rows(base_rows)
    got = [(f.code, f.cell, f.suggestion) for f in result.findings]
    want = [(code, f"{letter}{XL}" if letter else None, sugg) for code, letter, sugg in expected]
    assert sorted(got, key=str) == sorted(want, key=str)
    for f in result.findings:
        assert f.severity == schema.severity(f.code)
        assert f.row == XL and f.sheet == "Pipeline"
        assert f.message and not re.search(r"\{[a-z_]+\}", f.message)


@pytest.mark.parametrize(
    "stage,change",
    [
        ("Closed Won", {}),
        ("Closed Lost", {}),
        ("Qualify", {"probability": 5}),
        ("Negotiate", {"probability": 90}),
        (None, {"country": "NA"}),  # Namibia, not "not available"
        (None, {"customer_id": "CU-100001"}),  # SE01's own global account
        (None, {"customer_id": "CU-100002", "collaboration_with": "DE01"}),
        (None, {"currency": "EUR", "amount_eur": None}),
        (None, {"amount_eur": None}),
        (None, {"next_step": "Call 00123, ask for TRUE figures"}),
        (None, {"opportunity_name": "00123"}),
        ("Develop", {"last_activity_date": None}),
    ],
)
def test_valid_variants_are_left_alone(stage, change, schema, base_rows, check_rows):
    row = base_rows[ROW]
    if stage:
        with_stage(row, stage, schema)
    row.update(change)
    result = check_rows(base_rows)
    assert [f.code for f in result.findings] == []


def test_clean_file_has_no_findings(base_rows, check_rows):
    result = check_rows(base_rows)
    assert result.findings == []
    assert result.passed


def test_required_empty_and_error_cell_are_different_findings(base_rows, check_rows):
    base_rows[1]["amount"] = None
    base_rows[1]["amount_eur"] = None
    base_rows[2]["amount"] = ExcelError("#REF!")
    base_rows[2]["amount_eur"] = None
    result = check_rows(base_rows)
    assert {(f.code, f.cell, f.value) for f in result.findings} == {
        ("DQ2.required_empty", "K3", None),
        ("DQ3.excel_error", "K4", "#REF!"),
    }


def test_duplicate_id_names_first_row(base_rows, check_rows):
    base_rows[5]["opportunity_id"] = base_rows[1]["opportunity_id"]
    result = check_rows(base_rows)
    (f,) = result.findings
    assert (f.code, f.cell, f.params["first_row"]) == ("DQ6.duplicate_id", "A7", 3)


def test_identical_row_is_one_row_error(base_rows, check_rows):
    base_rows[6] = dict(base_rows[2])
    result = check_rows(base_rows)
    (f,) = result.findings
    assert (f.code, f.row, f.column, f.cell, f.params["first_row"]) == (
        "DQ6.identical_row",
        8,
        None,
        None,
        4,
    )


def test_probable_duplicate_on_later_row(base_rows, check_rows):
    base_rows[6] = dict(base_rows[2], opportunity_id="SE01-000777")
    result = check_rows(base_rows)
    (f,) = result.findings
    assert (f.code, f.severity, f.row, f.params["first_row"]) == (
        "DQ6.probable_duplicate",
        "warning",
        8,
        4,
    )


def test_percent_formatted_one_is_hundred(schema, base_rows, check_rows):
    with_stage(base_rows[ROW], "Closed Won", schema)
    base_rows[ROW]["probability"] = 1
    result = check_rows(base_rows, percent_cells=(f"I{XL}",))
    assert [(f.code, f.suggestion) for f in result.findings] == [("DQ3.percent_read", 100)]
    assert result.frame["probability"].iat[ROW] == 100


def test_plain_one_stays_one(schema, base_rows, check_rows):
    with_stage(base_rows[ROW], "Qualify", schema)
    base_rows[ROW]["probability"] = 1
    result = check_rows(base_rows)
    assert [f.code for f in result.findings] == ["DQ7.probability_band"]


@pytest.mark.parametrize(
    "sub,amount,created,want_amount,want_created",
    [
        ("DE01", "12.345,50", "31.03.2026", 12345.5, date(2026, 3, 31)),
        ("DE01", "12.345", "03.11.26", 12345.0, date(2026, 11, 3)),
        ("DE01", "450,000.50", "3. Nov. 2026", 450000.5, date(2026, 11, 3)),
        ("GB01", "12,345.50", "03/04/2026", 12345.5, date(2026, 4, 3)),
        ("GB01", "450.000,50", "Nov 3, 2026", 450000.5, date(2026, 11, 3)),
        ("US01", "12,345.50", "03/04/2026", 12345.5, date(2026, 3, 4)),
        ("SE01", "12 345,50", "2026-03-31", 12345.5, date(2026, 3, 31)),
        ("SE01", "450 000", "3 nov. 2026", 450000.0, date(2026, 11, 3)),
        ("FI01", "576032.00", "31.03.2026", 576032.0, date(2026, 3, 31)),
        ("DE01", "93388.13", "31.03.2026", 93388.13, date(2026, 3, 31)),
        ("SE01", "93388.13", "2026-03-31 08:15", 93388.13, date(2026, 3, 31)),
    ],
)
def test_locale_decides_text_numbers_and_dates(
    sub, amount, created, want_amount, want_created, schema, tmp_path
):
    """12.345 is twelve thousand in de-DE; 03/04/2026 is 3 April in en-GB, 4 March in en-US."""
    from desktop_app.core.checking.engine import check_file
    from tests.sample_data import standard_info, valid_rows

    rows = valid_rows(schema, sub, PERIOD, 5, seed=3)
    with_stage(rows[2], "Develop", schema)
    rows[2].update(amount=amount, amount_eur=None, created_date=created)
    path = write_book(
        tmp_path / f"{sub}_2026-Q4.xlsx", schema, rows, info=standard_info(schema, sub, PERIOD)
    )
    result = check_file(path, schema)
    assert {f.code for f in result.findings} == {"DQ3.number_read", "DQ3.date_read"}
    assert result.frame["amount"].iat[2] == pytest.approx(want_amount)
    assert result.frame["created_date"].iat[2].date() == want_created


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_excel_error_in_any_column_names_the_error(kind, schema, base_rows, tmp_path):
    """#REF! in Customer country is the Excel error (DQ3), never an unknown country (DQ4);
    a CSV export writes the errors as text, which reads the same."""
    import csv

    import openpyxl

    from desktop_app.core.checking.engine import check_file

    errors = {
        "country": "#REF!",
        "stage": "#N/A",
        "currency": "#VALUE!",
        "customer_name": "#NAME?",
        "amount": "#DIV/0!",
        "close_date": "#NUM!",
        "probability": "#NULL!",
    }
    for name, error in errors.items():
        base_rows[ROW][name] = ExcelError(error)
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    if kind == "csv":
        sheet = openpyxl.load_workbook(path).active
        path = tmp_path / "SE01_2026-Q4.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            for row in sheet.iter_rows(values_only=True):
                csv.writer(fh).writerow(
                    [v.isoformat()[:10] if isinstance(v, date) else v for v in row]
                )
    result = check_file(path, schema)
    names = [c.name for c in schema.columns]
    # a CSV's machine numbers (60991.91) are read and fixed in sv-SE: not about errors
    wrong = [
        f for f in result.findings if f.row == XL and (f.column in errors or f.severity != "fixed")
    ]
    assert sorted((f.code, f.column, f.value) for f in wrong) == sorted(
        ("DQ3.excel_error", name, error) for name, error in errors.items()
    )
    assert {f.cell for f in wrong} == {
        f"{chr(ord('A') + names.index(name))}{XL}" for name in errors
    }


@pytest.mark.parametrize(
    "sub,typed,code,how",
    [
        ("SE01", "Sverige", "SE", "DQ4.value_normalised"),
        ("SE01", "Tyskland", "DE", "DQ4.value_normalised"),
        ("DE01", "Deutschland", "DE", "DQ4.value_normalised"),
        ("DE01", "Schweden", "SE", "DQ4.value_normalised"),
        ("FI01", "Suomi", "FI", "DQ4.value_normalised"),
        ("CH01", "Schweiz", "CH", "DQ4.value_normalised"),
        ("US01", "United States", "US", "DQ4.value_normalised"),
        ("FI01", "Finland", "FI", "DQ4.value_normalised"),
        ("SE01", "Sverge", "SE", "DQ4.near_miss"),
        ("DE01", "Deutschlnd", "DE", "DQ4.near_miss"),
        ("US01", "Deutschland", None, "DQ4.not_allowed"),  # not the subsidiary's language
    ],
)
def test_country_names_in_the_subsidiarys_language(sub, typed, code, how, schema, tmp_path):
    """The English name and the name in the subsidiary's language are the ISO code."""
    from desktop_app.core.checking.engine import check_file
    from tests.sample_data import standard_info, valid_rows

    rows = valid_rows(schema, sub, PERIOD, 5, seed=3)
    rows[2]["country"] = typed
    path = write_book(
        tmp_path / f"{sub}_2026-Q4.xlsx", schema, rows, info=standard_info(schema, sub, PERIOD)
    )
    result = check_file(path, schema)
    assert [(f.code, f.column, f.value, f.suggestion) for f in result.findings] == [
        (how, "country", typed, code)
    ]
    if how == "DQ4.value_normalised":
        assert result.frame["country"].iat[2] == code


@pytest.mark.parametrize("missing", ["stage", "probability", "forecast_category"])
def test_missing_column_silences_only_the_checks_that_need_it(missing, schema, base_rows, tmp_path):
    """Without a Stage column, "created after the close date" is still reported."""
    import openpyxl

    from desktop_app.core.checking.engine import check_file

    base_rows[ROW].update(created_date=date(2026, 12, 20), close_date=date(2026, 12, 10))
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    book = openpyxl.load_workbook(path)
    names = [c.name for c in schema.columns]
    book.active.delete_cols(names.index(missing) + 1)
    book.save(path)
    result = check_file(path, schema)
    assert [(f.code, f.row, f.column) for f in result.findings if f.rule == "DQ7"] == [
        ("DQ7.created_after_close", XL, "created_date")
    ]
    assert ("DQ1.missing_column", missing) in {(f.code, f.column) for f in result.findings}
