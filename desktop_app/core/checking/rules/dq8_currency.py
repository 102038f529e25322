"""DQ8 KPI definitions and currency: amounts mean the same thing in every file.

The currency must be one the subsidiary may use; a given amount_eur must equal
amount / rate within the schema's tolerance; an amount far below the file's
median was probably entered in thousands.
"""

from __future__ import annotations

import numpy as np

from desktop_app.core.checking.money import in_cents, quotient_eur, rates_of
from desktop_app.core.checking.rule import Check, RuleSpec, Scope


def check_rows(ctx) -> None:
    """The checks that read one row at a time (the window re-checks an edited row alone)."""
    schema, frame, rows = ctx.schema, ctx.frame, ctx.rows
    th = schema.thresholds
    sub = schema.subsidiary(ctx.subsidiary)
    if sub is not None and ctx.has("currency"):
        allowed = set(sub.currencies)
        currency = frame["currency"]
        bad = currency.notna() & ~currency.isin(allowed)
        for pos in np.flatnonzero(bad.to_numpy()):
            ctx.add(
                "DQ8.currency_not_allowed",
                row=int(rows[pos]),
                column="currency",
                value=currency.iat[pos],
                suggestion=sub.currencies[0],
                subsidiary=ctx.subsidiary,
                allowed=", ".join(sub.currencies),
            )
    if ctx.has("amount") and ctx.has("currency") and ctx.has("amount_eur"):
        rate = rates_of(frame["currency"], schema.model.rates)
        given = frame["amount_eur"].to_numpy(dtype=float)
        expected = quotient_eur(frame["amount"].to_numpy(dtype=float), rate)
        with np.errstate(invalid="ignore"):
            off = np.abs(given - expected) > th.amount_eur_tolerance * np.abs(expected)
        bad = ~np.isnan(given) & ~np.isnan(expected) & off
        for pos in np.flatnonzero(bad):
            ctx.add(
                "DQ8.amount_eur_mismatch",
                row=int(rows[pos]),
                column="amount_eur",
                value=float(given[pos]),
                suggestion=float(in_cents(expected[pos])),
                rate=float(rate[pos]),
                currency=frame["currency"].iat[pos],
            )


def check_amount_scale(ctx) -> None:
    """Amounts far below the file's median: the one check here that compares rows."""
    th, frame, rows = ctx.schema.thresholds, ctx.frame, ctx.rows
    if ctx.has("amount"):
        amount = frame["amount"].to_numpy(dtype=float)
        positive = amount[~np.isnan(amount) & (amount > 0)]
        if len(positive) >= 2:
            median = float(np.median(positive))
            small = ~np.isnan(amount) & (amount > 0) & (amount < median * th.thousands_ratio)
            for pos in np.flatnonzero(small):
                ctx.add(
                    "DQ8.amount_in_thousands",
                    row=int(rows[pos]),
                    column="amount",
                    value=float(amount[pos]),
                    suggestion=float(amount[pos]) * 1000,
                    median=median,
                )


SPEC = RuleSpec(
    id="DQ8",
    title="KPI definitions and currency",
    checks=(
        Check(check_rows, Scope.ROWS, reads=frozenset({"currency", "amount", "amount_eur"})),
        Check(check_amount_scale, Scope.COLUMN, reads=frozenset({"amount"})),
    ),
)
