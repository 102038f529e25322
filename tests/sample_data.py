"""Valid pipeline rows made from the schema: for the samples, tests and benchmarks.

Every row this makes passes all nine rules for its subsidiary and period, so a
test can break one thing at a time and know exactly what must be flagged.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop_app.core.model.period import Period
from desktop_app.core.schema.definition import TemplateSchema

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Nils", "Sofia", "Per"]
LAST_NAMES = ["Berg", "Lind", "Holm", "Ek", "Nord", "Strand", "Dahl", "Sjö", "Wall", "Falk"]
COMPANIES = [
    "Ventura",
    "Polar",
    "Granit",
    "Kustlinjen",
    "Fjällvind",
    "Solberg",
    "Skogsbruk",
    "Havsörn",
]
SUFFIXES = ["AB", "Group", "Industri", "Teknik", "Handel", "Service"]
DEAL_WORDS = ["Upgrade", "Renewal", "Expansion", "Rollout", "Pilot", "Migration", "Framework"]


def valid_rows(
    schema: TemplateSchema, subsidiary: str, period: Period, n: int, seed: int = 1
) -> list[dict[str, Any]]:
    """n rows keyed by canonical column name, with typed values."""
    rng = random.Random(seed)
    sub = schema.model.subsidiaries[subsidiary]
    rates = schema.model.rates
    process = schema.model.process
    stages = list(process)
    products = schema.vocabulary_values("product_lines")
    losses = schema.vocabulary_values("loss_reasons")
    report = period.end
    rows = []
    for i in range(1, n + 1):
        stage = stages[rng.randrange(len(stages))]
        st = process[stage]
        low, high = st.probability
        probability = rng.randint(low, high)
        if st.closed:
            close = report - timedelta(days=rng.randint(0, 300))
        else:
            close = period.start + timedelta(days=rng.randint(0, 400))
        created = close - timedelta(days=rng.randint(20, 500))
        created = min(created, report - timedelta(days=1))
        activity = report - timedelta(days=rng.randint(0, 60))
        activity = max(activity, created)
        currency = sub.currencies[0]
        amount = round(rng.uniform(5_000, 900_000), 2)
        customer = 200000 + rng.randrange(80000)
        rows.append(
            {
                "opportunity_id": f"{subsidiary}-{i:06d}",
                "subsidiary_code": subsidiary,
                "customer_id": f"CU-{customer:06d}",
                "customer_name": f"{COMPANIES[customer % len(COMPANIES)]} {SUFFIXES[customer % len(SUFFIXES)]}",
                "country": sub.country,
                "opportunity_name": f"{DEAL_WORDS[i % len(DEAL_WORDS)]} {i}",
                "product_line": products[rng.randrange(len(products))],
                "stage": stage,
                "probability": probability,
                "forecast_category": st.forecast[rng.randrange(len(st.forecast))],
                "amount": amount,
                "currency": currency,
                "amount_eur": round(amount / rates[currency], 2),
                "close_date": close,
                "created_date": created,
                "last_activity_date": activity,
                "owner": f"{FIRST_NAMES[i % 10]} {LAST_NAMES[(i // 10) % 10]}",
                "loss_reason": losses[rng.randrange(len(losses))] if st.needs_loss_reason else None,
                "collaboration_with": None,
                "next_step": "" if st.closed else "Follow-up meeting",
            }
        )
    return rows


def header_labels(schema: TemplateSchema, language: str | None = None) -> list[str]:
    """Column headers: the alias in `language` where the schema has one, else the label."""
    out = []
    for col in schema.columns:
        local = col.alias_list(language) if language else []
        out.append(local[0] if local else col.label)
    return out


def write_workbook(
    path: Path,
    schema: TemplateSchema,
    rows: list[dict[str, Any]],
    *,
    info: dict[str, Any] | None = None,
    headers: list[str] | None = None,
    constant_memory: bool = False,
) -> Path:
    """A filled-in template as a subsidiary would send it (values typed as in Excel)."""
    import xlsxwriter

    headers = headers or header_labels(schema)
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": constant_memory,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
        },
    )
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet = workbook.add_worksheet(schema.model.data_sheet)
    sheet.write_row(0, 0, headers)
    names = [c.name for c in schema.columns]
    for r, row in enumerate(rows, start=1):
        for c, name in enumerate(names):
            value = row.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
    if info is not None:
        info_sheet = workbook.add_worksheet(schema.model.info_sheet)
        for r, (key, value) in enumerate(info.items()):
            info_sheet.write_string(r, 0, key)
            info_sheet.write_string(r, 1, str(value))
    workbook.close()
    return path


def standard_info(schema: TemplateSchema, subsidiary: str, period: Period) -> dict[str, str]:
    return {
        "Subsidiary": subsidiary,
        "Reporting period": period.label,
        "Template version": schema.version,
    }


def make_valid_workbook(
    path: Path,
    schema: TemplateSchema,
    subsidiary: str = "SE01",
    period: str = "2026-Q4",
    n: int = 50,
) -> Path:
    from desktop_app.core.model.period import parse_period

    p = parse_period(period)
    return write_workbook(
        path,
        schema,
        valid_rows(schema, subsidiary, p, n),
        info=standard_info(schema, subsidiary, p),
    )
