"""Amounts a CRM writes with their currency (`$22,700.00`, `€ 1.234,50`, `22 700,00 kr`):
the symbol or code is taken off where it agrees with the row's currency, so the number is
then read by the same locale rules as a template file's. A symbol that contradicts the
currency (a `€` amount in a USD row) stays, for DQ3 and DQ8 to report.

    without_symbols(values, currencies, schema) -> values
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from desktop_app.core.matching.values import per_schema
from desktop_app.core.schema.definition import TemplateSchema

# The amount columns, and the currency their amounts are in (None: the row's currency).
MONEY_COLUMNS = {"amount": None, "amount_eur": "EUR"}


@per_schema
def _marks(schema: TemplateSchema) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A pattern finding a currency mark before or after a number, and each mark's
    currencies (keyed case-folded): the schema's currency symbols and currency codes."""
    known = {s.casefold(): tuple(c) for s, c in schema.model.matching.currency_symbols.items()}
    for code in schema.model.rates:
        known.setdefault(code.casefold(), (code,))
    marks = "|".join(re.escape(m) for m in sorted(known, key=len, reverse=True))
    pattern = re.compile(
        rf"\s*(?P<sign>[-+]?)\s*(?:(?P<before>{marks})\s*(?P<number>[-+]?\d.*?)"
        rf"|(?P<number2>[-+]?\d.*?\d)\s*(?P<after>{marks}))\s*",
        re.IGNORECASE,
    )
    return pattern, known


def without_symbols(values: np.ndarray, currencies: Any, schema: TemplateSchema) -> np.ndarray:
    """values with the currency mark taken off each text that has one agreeing with its
    row's currency; currencies is one code for all rows, or the rows' currency column."""
    pattern, known = _marks(schema)
    single = isinstance(currencies, str)
    out = values.copy()
    for i, value in enumerate(values):
        if not isinstance(value, str) or value[:1].isdigit() and value[-1:].isdigit():
            continue  # a number, or text with no mark around it
        found = pattern.fullmatch(value)
        if found is None:
            continue
        currency = currencies if single else currencies[i]
        mark = (found["before"] or found["after"]).casefold()
        if str(currency).strip().upper() in known[mark]:
            out[i] = found["sign"] + (found["number"] or found["number2"])
    return out
