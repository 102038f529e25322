"""Every template column's source column at once: a score for each pair from the header's
name and the values, then the assignment that is best overall, so that each source
column feeds one template column at most (a greedy choice would let the first column
take a header another column needs more).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_app.core.matching.names import HeaderName
from desktop_app.core.matching.profile import ColumnProfile
from desktop_app.core.matching.scores import (
    TemplateSpec,
    compatible,
    value_confidence,
    value_fit,
)
from desktop_app.core.matching.values import WordMapper

_NAME_WEIGHT = 0.97  # even an exact name leaves room for what the values say
_OTHER_HEADER = 0.3  # values under a header that names another template column say little
_GOOD_FIT = 0.7  # values that fit this well make a source column a candidate
_PERCENT_UNIT = 0.45  # a `%` in the header, for a column of percentages
_INCOMPATIBLE = 0.5  # a name whose values cannot be the column's (dates for an amount)
_OTHER_ORDER = 0.6  # a date column whose place among the dates is not the expected one
_REQUIRED_WEIGHT = 1.1  # a required column is worth more to fill, when two want one source


@dataclass(frozen=True)
class PairScores:
    """Per template column (rows) and source column (columns): confidence and reason."""

    confidence: np.ndarray
    by_name: np.ndarray  # True where the name says more than the values


def score_pairs(
    specs: list[TemplateSpec],
    headers: list[HeaderName | None],
    names: np.ndarray,
    profiles: list[ColumnProfile],
    mappers: dict[str, WordMapper],
) -> PairScores:
    """names: how surely each header names each template column (see scores.name_matrix)."""
    shape = (len(specs), len(headers))
    names, fits = names.copy(), np.zeros(shape)
    fitting = np.ones(shape, dtype=bool)
    roles = date_roles(profiles)
    for t, spec in enumerate(specs):
        for s, profile in enumerate(profiles):
            fitting[t, s] = compatible(spec, profile)
            fit = value_fit(spec, profile, mappers)
            if spec.order and roles.get(s, spec.order) != spec.order:
                fit *= _OTHER_ORDER
            fits[t, s] = fit
    # A header that names a column its values cannot be is no header to go by.
    contradicted = ((names >= 0.99) & ~fitting).any(axis=0)
    named = names >= 0.8
    unknown = _unknown_header_trust(headers, named)
    values = np.zeros(shape)
    for t, spec in enumerate(specs):
        good = fits[t] >= _GOOD_FIT
        for s, profile in enumerate(profiles):
            if headers[s] is None or contradicted[s]:
                trust = 1.0
            elif (named[:, s].sum() - named[t, s]) > 0:
                trust = _OTHER_HEADER  # the header names another template column
            else:
                trust = unknown
            # Only one source column looks like this; dates are alike unless ordered.
            exclusive = bool(good[s]) and good.sum() == 1
            exclusive &= spec.kind != "date" or headers[s] is None
            values[t, s] = value_confidence(spec, profile, fits[t, s], exclusive, trust)
    for t, spec in enumerate(specs):
        if spec.kind == "percent":  # `Win %`: the header's unit says what it holds
            names[t] = np.maximum(
                names[t], [_PERCENT_UNIT if h and h.unit == "%" else 0 for h in headers]
            )
    by_name = _NAME_WEIGHT * names * np.where(fitting, 1.0, _INCOMPATIBLE)
    confidence = 1 - (1 - by_name) * (1 - values)
    return PairScores(confidence, by_name >= values)


def _unknown_header_trust(headers: list[HeaderName | None], named: np.ndarray) -> float:
    """How much values count under a header the schema does not know.

    Where most headers are known, an unknown one is most likely a column the template
    does not have; where few are (a language the schema has no names in), the values
    are nearly all there is to go by, as in a table without a header row.
    """
    present = [s for s, h in enumerate(headers) if h is not None]
    if not present:
        return 1.0
    known = sum(bool(named[:, s].any()) for s in present) / len(present)
    return 0.5 + 0.5 * (1 - known) ** 2


def date_roles(profiles: list[ColumnProfile]) -> dict[int, str]:
    """Each date column's place among the table's dates (by their middle date)."""
    dated = sorted(
        (p.date_median, i)
        for i, p in enumerate(profiles)
        if p.dates >= 0.8 and p.date_median is not None
    )
    if len(dated) < 2:
        return {}
    last = len(dated) - 1
    return {
        i: "first" if rank == 0 else "last" if rank == last else "between"
        for rank, (_, i) in enumerate(dated)
    }


def solve(scores: PairScores, specs: list[TemplateSpec], minimum: float) -> list[tuple[int, int]]:
    """The pairs (template index, source index) of the best assignment above minimum."""
    from scipy.optimize import linear_sum_assignment

    confidence = scores.confidence
    if confidence.size == 0:
        return []
    # Odds, not confidences, are added up: one sure pair outweighs two doubtful ones.
    weights = np.array([_REQUIRED_WEIGHT if s.required else 1.0 for s in specs])
    odds = _logit(np.clip(confidence, 0.0, 0.995)) - _logit(np.float64(minimum))
    gain = np.where(confidence >= minimum, np.maximum(odds, 1e-6) * weights[:, None], 0.0)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [
        (int(t), int(s)) for t, s in zip(rows, cols, strict=True) if confidence[t, s] >= minimum
    ]


def _logit(p):
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)
