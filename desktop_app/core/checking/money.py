"""Money: amounts in EUR at the schema's rates, and the pipeline by stage.

One conversion for every place that needs EUR (DQ8, the submission file, consolidation,
the window's chart), so they cannot disagree by a cent. The rule is the submission
file's, since that file is the contract: amount_eur as the subsidiary reported it where
given, else amount / the schema's rate for the currency, rounded to cents. DQ8 compares
a reported amount_eur with the unrounded quotient, so that its tolerance is not eaten
by the rounding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CENTS = 2  # decimals of a computed amount_eur


def total_in_cents(eur) -> float:
    """A money total: the amounts summed exactly (math.fsum: no float residue creeps in
    over many rows) and rounded to cents once; amounts that cannot be had (NaN) count as
    nothing. 53112683.54, never 53112683.53999999."""
    values = np.asarray(eur, dtype=float)
    return float(in_cents(math.fsum(values[~np.isnan(values)])))


@dataclass
class StageTotals:
    """One stage's rows, pipeline value and probability-weighted value, in EUR cents."""

    rows: int = 0
    pipeline_eur: float = 0.0
    weighted_eur: float = 0.0

    def add(self, other: StageTotals) -> None:
        self.rows += other.rows
        self.pipeline_eur = total_in_cents([self.pipeline_eur, other.pipeline_eur])
        self.weighted_eur = total_in_cents([self.weighted_eur, other.weighted_eur])


def rates_of(currency, rates: dict[str, float]) -> np.ndarray:
    """The schema's rate for each row's currency code; NaN where it has none (or no code)."""
    import pandas as pd

    # factorize: one lookup per distinct currency, not one per row
    codes, found = pd.factorize(currency)
    table = np.array([rates.get(c, np.nan) for c in found] + [np.nan], dtype=float)
    return table[codes]


def quotient_eur(amount: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """amount / rate, unrounded: what a reported amount_eur is compared with."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return amount / rate


def in_cents(eur):
    """EUR rounded to cents, the one rounding rule (half to even, as numpy rounds)."""
    return np.round(eur, CENTS)


def amount_eur(given: np.ndarray, amount: np.ndarray, rate: np.ndarray):
    """(EUR per row, which rows were computed): the reported amount_eur where given,
    else the amount at the rate in cents; NaN where neither can be had."""
    computed = np.isnan(given) & ~np.isnan(amount) & ~np.isnan(rate)
    eur = given.copy()
    eur[computed] = in_cents(quotient_eur(amount[computed], rate[computed]))
    return eur, computed


def frame_amount_eur(frame, rates: dict[str, float]):
    """amount_eur() over a checked frame; a column the frame lacks counts as empty."""

    def numbers(name: str) -> np.ndarray:
        if name not in frame.columns:
            return np.full(len(frame), np.nan)
        return frame[name].to_numpy(dtype=float, na_value=np.nan)

    currency = frame["currency"] if "currency" in frame.columns else [None] * len(frame)
    return amount_eur(numbers("amount_eur"), numbers("amount"), rates_of(currency, rates))


def stage_totals(stages, stage, eur: np.ndarray, probability=None) -> dict[str, StageTotals]:
    """Totals for each of stages (the sales process's) that the rows hold, in name order.
    Other stage values are left out (a checked file has none; a file being worked on may
    hold thousands of typos), an amount that cannot be had counts as nothing, and so does
    the weighted value without probabilities. Each total is in cents (total_in_cents)."""
    import pandas as pd

    if probability is None:
        probability = np.full(len(eur), np.nan)
    with np.errstate(invalid="ignore"):
        weighted = eur * probability / 100
    frame = pd.DataFrame({"s": stage, "e": eur, "w": weighted})
    frame = frame[frame["s"].isin(list(stages))]
    return {
        name: StageTotals(len(group), total_in_cents(group["e"]), total_in_cents(group["w"]))
        for name, group in frame.groupby("s")
    }
