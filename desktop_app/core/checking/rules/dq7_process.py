"""DQ7 Sales-process consistency: stage, probability, forecast and dates agree.

The bands and allowed categories are the schema's `process`; a rule here only
fires when both values it compares could be read.
"""

from __future__ import annotations

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.checking.rules.frame_checks import plain_value, present


def check(ctx) -> None:
    # Each comparison needs only its own columns: no Stage column silences the stage
    # checks, not "created after the close date".
    stage = ctx.frame["stage"] if ctx.has("stage") else None
    close = ctx.frame["close_date"].to_numpy() if ctx.has("close_date") else None

    def add(code, pos, column, value, **params):
        if stage is not None:
            params = {"stage": stage.iat[pos], **params}
        ctx.add(code, row=int(ctx.rows[pos]), column=column, value=plain_value(value), **params)

    if stage is not None:
        _against_stage(ctx, stage, close, add)
    if close is not None and ctx.has("created_date"):
        created = ctx.frame["created_date"].to_numpy()
        bad = ~np.isnat(created) & ~np.isnat(close) & (created > close)
        for pos in np.flatnonzero(bad):
            add(
                "DQ7.created_after_close",
                pos,
                "created_date",
                created[pos],
                close_date=plain_value(close[pos]),
            )
    if stage is not None and "loss_reason" in ctx.empty:
        _loss_reason(ctx, stage, present(stage), add)


def _against_stage(ctx, stage, close, add) -> None:
    """Probability, forecast category and close date against the row's stage."""
    import pandas as pd  # here, not at the top: the window opens without loading pandas

    process = ctx.schema.model.process
    frame = ctx.frame
    known = present(stage)
    if ctx.has("probability"):
        low = stage.map({s: st.probability[0] for s, st in process.items()}).to_numpy(dtype=float)
        high = stage.map({s: st.probability[1] for s, st in process.items()}).to_numpy(dtype=float)
        prob = frame["probability"].to_numpy(dtype=float)
        # a probability outside 0-100 is DQ5's finding, not also a band problem
        in_range = ~np.isnan(prob) & (prob >= 0) & (prob <= 100)
        bad = known & in_range & ((prob < low) | (prob > high))
        for pos in np.flatnonzero(bad):
            add(
                "DQ7.probability_band",
                pos,
                "probability",
                prob[pos],
                suggestion=int(min(max(prob[pos], low[pos]), high[pos])),
                low=int(low[pos]),
                high=int(high[pos]),
            )
    if ctx.has("forecast_category"):
        forecast = frame["forecast_category"]
        allowed = {s: st.forecast for s, st in process.items()}
        # judge each (stage, category) pair once, not each row
        s_codes, s_names = pd.factorize(stage.to_numpy(dtype=object))
        f_codes, f_names = pd.factorize(forecast.to_numpy(dtype=object))
        pairs = s_codes.astype(np.int64) * (len(f_names) + 1) + f_codes
        bad_pairs = [
            p
            for p in np.unique(pairs[(s_codes >= 0) & (f_codes >= 0)])
            if f_names[p % (len(f_names) + 1)]
            not in allowed.get(s_names[p // (len(f_names) + 1)], ())
        ]
        wrong = np.isin(pairs, bad_pairs) & (s_codes >= 0) & (f_codes >= 0)
        for pos in np.flatnonzero(wrong):
            choices = allowed[stage.iat[pos]]
            add(
                "DQ7.forecast_category",
                pos,
                "forecast_category",
                forecast.iat[pos],
                suggestion=choices[0] if len(choices) == 1 else None,
                allowed=", ".join(choices),
            )
    closed_stages = [s for s, st in process.items() if st.closed]
    is_closed = stage.isin(closed_stages).to_numpy()
    is_open = known & ~is_closed
    period = ctx.period
    if close is not None and period is not None:
        report, start = np.datetime64(period.end, "D"), np.datetime64(period.start, "D")
        has_close = ~np.isnat(close)
        for pos in np.flatnonzero(is_closed & has_close & (close > report)):
            add("DQ7.closed_in_future", pos, "close_date", close[pos], report_date=period.end)
        for pos in np.flatnonzero(is_open & has_close & (close < start)):
            add("DQ7.overdue", pos, "close_date", close[pos], period_start=period.start)


def _loss_reason(ctx, stage, known, add) -> None:
    needs = [s for s, st in ctx.schema.model.process.items() if st.needs_loss_reason]
    needs_reason = stage.isin(needs).to_numpy()
    empty = ctx.empty["loss_reason"]
    raw = ctx.raw_values("loss_reason")
    for pos in np.flatnonzero(needs_reason & empty):
        add("DQ7.loss_reason_missing", pos, "loss_reason", None)
    for pos in np.flatnonzero(known & ~needs_reason & ~empty):
        add("DQ7.loss_reason_not_lost", pos, "loss_reason", raw[pos], suggestion=None)


SPEC = RuleSpec(
    id="DQ7",
    title="Sales-process consistency",
    checks=(
        Check(
            check,
            Scope.ROWS,
            reads=frozenset(
                [
                    "stage",
                    "probability",
                    "forecast_category",
                    "close_date",
                    "created_date",
                    "loss_reason",
                ]
            ),
        ),
    ),
)
