"""Write the bundled samples under resources/samples/.

    python tools/make_samples.py

One workbook that passes, and one in Swedish with problems of every rule, each on
a row of its own so the findings are easy to follow. The samples are committed; a
test checks that they still give what this script promises.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test data generator lives in tests/

from desktop_app.core.model.period import parse_period  # noqa: E402
from desktop_app.core.schema.loading import load_schema  # noqa: E402
from tests.sample_data import header_labels, standard_info, valid_rows  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
VALID = "SE01_2026-Q4_pipeline.xlsx"
PROBLEMS = "SE01_2026-Q4_pipeline_with_problems.xlsx"

# (column, value) changes, one defect per row, with the finding each must give.
DEFECTS: list[tuple[str, dict, str]] = [
    ("DQ2.required_empty", {"customer_name": None}, "customer name left empty"),
    ("DQ2.required_empty", {"owner": "n/a"}, "placeholder in a required cell"),
    ("DQ2.placeholder_cleared", {"next_step": "-"}, "placeholder in an optional cell"),
    (
        "DQ3.number_read",
        {"amount": "1 234 500,50", "amount_eur": None},
        "amount typed as Swedish text",
    ),
    ("DQ3.date_read", {"close_date": "2026-12-15"}, "ISO date as text"),
    ("DQ3.date_order", {"created_date": "12/31/2025"}, "US date order in a Swedish file"),
    ("DQ3.excel_error", {"amount": "#N/A"}, "Excel error value"),
    ("DQ3.formula_without_result", {"amount_eur": "=B2*0"}, "formula without result"),
    ("DQ3.percent_read", {"probability": 0.45, "stage": "Propose"}, "45 % stored as 0.45"),
    ("DQ3.serial_date_read", {"close_date": 46350}, "date that lost its format"),
    ("DQ3.text_trimmed", {"customer_id": " cu-200123"}, "ID with a space and lower case"),
    ("DQ3.pattern_mismatch", {"opportunity_id": "SE01-12"}, "ID too short"),
    ("DQ4.value_normalised", {"stage": "Förhandla", "probability": 70}, "Swedish stage name"),
    ("DQ4.near_miss", {"stage": "Negotiaton", "probability": 70}, "typo in stage"),
    ("DQ4.near_miss", {"product_line": "Hardwear"}, "typo in product line"),
    ("DQ4.value_normalised", {"country": "Sverige"}, "country in Swedish: read as SE"),
    ("DQ5.amount_not_positive", {"amount": -500, "amount_eur": None}, "negative amount"),
    (
        "DQ5.close_date_window",
        {"close_date": date(2035, 6, 30), "stage": "Develop", "probability": 20},
        "close date far off",
    ),
    (
        "DQ5.stale",
        {"last_activity_date": date(2026, 6, 1), "stage": "Develop", "probability": 20},
        "no activity since June",
    ),
    ("DQ6.duplicate_id", {"opportunity_id": "SE01-000003"}, "ID used twice"),
    ("DQ6.identical_row", {"copy_of": 5}, "row repeated"),
    (
        "DQ6.probable_duplicate",
        {"copy_of": 7, "opportunity_id": "SE01-000977"},
        "same deal under another ID",
    ),
    (
        "DQ7.probability_band",
        {"stage": "Qualify", "probability": 50, "forecast_category": "Pipeline"},
        "probability outside band",
    ),
    (
        "DQ7.forecast_category",
        {"stage": "Qualify", "probability": 10, "forecast_category": "Commit"},
        "category not for stage",
    ),
    (
        "DQ7.overdue",
        {
            "stage": "Develop",
            "probability": 20,
            "forecast_category": "Pipeline",
            "close_date": date(2026, 8, 31),
        },
        "open deal past its close date",
    ),
    (
        "DQ7.loss_reason_missing",
        {
            "stage": "Closed Lost",
            "probability": 0,
            "forecast_category": "Omitted",
            "loss_reason": None,
            "close_date": date(2026, 11, 2),
            "created_date": date(2026, 5, 4),
        },
        "lost without reason",
    ),
    (
        "DQ7.closed_in_future",
        {
            "stage": "Closed Won",
            "probability": 100,
            "forecast_category": "Closed",
            "close_date": date(2027, 1, 20),
        },
        "won deal dated after the report",
    ),
    (
        "DQ7.loss_reason_not_lost",
        {
            "loss_reason": "Price",
            "stage": "Propose",
            "probability": 40,
            "forecast_category": "Best Case",
        },
        "loss reason on an open deal",
    ),
    (
        "DQ8.currency_not_allowed",
        {"currency": "USD", "amount_eur": None},
        "currency SE01 does not use",
    ),
    ("DQ8.amount_eur_mismatch", {"amount_eur": 999.0}, "EUR amount wrong"),
    ("DQ8.amount_in_thousands", {"amount": 12.5, "amount_eur": None}, "amount in thousands"),
    ("DQ9.wrong_subsidiary", {"subsidiary_code": "NO01"}, "another subsidiary's row"),
    ("DQ9.id_prefix", {"opportunity_id": "DK01-000950"}, "ID with another subsidiary's code"),
    (
        "DQ9.global_account",
        {"customer_id": "CU-100002", "customer_name": "Hansa Logistik GmbH"},
        "global account without collaboration",
    ),
]


def _problem_rows(schema, period):
    rows = valid_rows(schema, "SE01", period, 40, seed=7)
    for i, (_code, change, _why) in enumerate(DEFECTS):
        change = dict(change)
        source = change.pop("copy_of", None)
        base = (
            dict(rows[source - 1])
            if source
            else valid_rows(schema, "SE01", period, 1, seed=100 + i)[0]
        )
        if not source:
            base["opportunity_id"] = f"SE01-{900 + i:06d}"
            base["opportunity_name"] = f"Deal {900 + i}"
        if "stage" in change and change["stage"] not in ("Closed Lost",):
            base["loss_reason"] = None
            base["close_date"] = max(base["close_date"], period.start)
            if change["stage"] in schema.model.process and "forecast_category" not in change:
                base["forecast_category"] = schema.model.process[change["stage"]].forecast[0]
        base.update(change)
        rows.append(base)
    return rows


def write(path: Path, schema, rows, headers, info, *, title: str | None, extras: bool) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = schema.model.data_sheet
    names = [c.name for c in schema.columns]
    if title:
        ws.append([title])
        ws.append([])
    ws.append([*headers, *(["Intern kommentar"] if extras else [])])
    for n, row in enumerate(rows):
        if extras and n == 20:
            ws.append([])  # a blank line in the middle of the data
        values = [row.get(name) for name in names]
        ws.append([*values, *(["ring tisdag"] if extras and n % 9 == 0 else [])])
        r = ws.max_row
        for c, name in enumerate(names, start=1):
            cell = ws.cell(r, c)
            value = row.get(name)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            elif value == "#N/A":
                cell.data_type = "e"
            elif name == "probability" and isinstance(value, float) and value < 1:
                cell.number_format = "0%"
    if extras:
        amount_col = openpyxl.utils.get_column_letter(names.index("amount") + 1)
        ws.append(
            [
                "Summa",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                f"=SUM({amount_col}2:{amount_col}{ws.max_row})",
            ]
        )
    ws.freeze_panes = ws.cell(3 if title else 1, 1).offset(1, 0)
    info_ws = wb.create_sheet(schema.model.info_sheet)
    for key, value in info.items():
        info_ws.append([key, value])
    wb.save(path)


def main() -> None:
    schema = load_schema()
    period = parse_period("2026-Q4")
    SAMPLES.mkdir(parents=True, exist_ok=True)
    info = standard_info(schema, "SE01", period)
    write(
        SAMPLES / VALID,
        schema,
        valid_rows(schema, "SE01", period, 60, seed=3),
        header_labels(schema),
        info,
        title=None,
        extras=False,
    )
    swedish_info = {"Dotterbolag": "SE01", "Rapportperiod": "Q4 2026", "Mallversion": "2026.1"}
    write(
        SAMPLES / PROBLEMS,
        schema,
        _problem_rows(schema, period),
        header_labels(schema, "sv"),
        swedish_info,
        title="Pipeline Q4 2026 – Sverige",
        extras=True,
    )
    print(f"wrote {SAMPLES / VALID} and {SAMPLES / PROBLEMS}")


if __name__ == "__main__":
    main()
