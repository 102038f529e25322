"""DQ5 Ranges and plausibility: numbers and dates within believable limits.

The limits come from the schema's thresholds and the reporting period. The order
of created and close date is DQ7's; checks against the report date are skipped
(and DQ1 says so) when the period is unknown.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.checking.rules.frame_checks import ColumnCheck, failing_positions, plain_value


def _years_shift(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _day(d: date) -> np.datetime64:
    return np.datetime64(d, "D")


def check(ctx) -> None:
    th = ctx.schema.thresholds
    period = ctx.period
    checks = [
        ColumnCheck("DQ5.probability_range", "probability", "in_range", (0, 100)),
        ColumnCheck("DQ5.amount_not_positive", "amount", "gt", (0,)),
        ColumnCheck("DQ5.amount_eur_too_large", "amount_eur", "le", (th.max_amount_eur,)),
        ColumnCheck("DQ5.created_too_early", "created_date", "ge", (_day(th.min_created_date),)),
    ]
    params = {
        "DQ5.probability_range": {},
        "DQ5.amount_not_positive": {},
        "DQ5.amount_eur_too_large": {"limit": th.max_amount_eur},
        "DQ5.created_too_early": {"limit": th.min_created_date},
    }
    if period is not None:
        earliest = _years_shift(period.start, -th.close_date_years_before_period)
        latest = _years_shift(period.end, th.close_date_years_after_period)
        report = _day(period.end)
        checks += [
            ColumnCheck(
                "DQ5.close_date_window", "close_date", "in_range", (_day(earliest), _day(latest))
            ),
            ColumnCheck("DQ5.created_after_report", "created_date", "le", (report,)),
            ColumnCheck("DQ5.activity_after_report", "last_activity_date", "le", (report,)),
        ]
        params.update(
            {
                "DQ5.close_date_window": {"earliest": earliest, "latest": latest},
                "DQ5.created_after_report": {"report_date": period.end},
                "DQ5.activity_after_report": {"report_date": period.end},
            }
        )
    frame = ctx.frame
    by_code = {c.code: c.column for c in checks}
    for code, positions in failing_positions(frame, checks).items():
        column = by_code[code]
        values = frame[column].to_numpy()
        for pos in positions:
            ctx.add(
                code,
                row=int(ctx.rows[pos]),
                column=column,
                value=plain_value(values[pos]),
                **params[code],
            )
    if period is not None:
        _stale(ctx, period)


def _stale(ctx, period) -> None:
    """An open deal with no activity for longer than the threshold: a warning."""
    if not (ctx.has("last_activity_date") and ctx.has("stage")):
        return
    days = ctx.schema.thresholds.stale_after_days
    cutoff = _day(period.end - timedelta(days=days))
    frame = ctx.frame
    activity = frame["last_activity_date"].to_numpy()
    is_open = frame["stage"].isin(ctx.schema.open_stages).to_numpy()
    stale = is_open & ~np.isnat(activity) & (activity < cutoff)
    for pos in np.flatnonzero(stale):
        ctx.add(
            "DQ5.stale",
            row=int(ctx.rows[pos]),
            column="last_activity_date",
            value=plain_value(activity[pos]),
            days=days,
            report_date=period.end,
        )


SPEC = RuleSpec(
    id="DQ5",
    title="Ranges and plausibility",
    checks=(
        Check(
            check,
            Scope.ROWS,
            reads=frozenset(
                [
                    "probability",
                    "amount",
                    "amount_eur",
                    "stage",
                    "close_date",
                    "created_date",
                    "last_activity_date",
                ]
            ),
        ),
    ),
)
