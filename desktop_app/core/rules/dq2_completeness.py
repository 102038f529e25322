"""DQ2 Completeness: every required cell is filled; placeholders count as empty.

A required column missing altogether is DQ1's one error, so its cells are not
reported again here. A placeholder in an optional column is cleared, and recorded.
An Excel error value is not empty: DQ3 reports it.
"""

from __future__ import annotations

import numpy as np

RULE = "DQ2"
TITLE = "Completeness"


def empty_mask(values: list, placeholders: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """(empty, placeholder): blank or white space, or one of the schema's placeholders."""
    n = len(values)
    empty = np.zeros(n, dtype=bool)
    placeholder = np.zeros(n, dtype=bool)
    for i, v in enumerate(values):
        if v is None:
            empty[i] = True
        elif type(v) is str:  # not ErrorValue: an error cell is not empty
            s = v.strip()
            if not s:
                empty[i] = True
            elif len(s) <= 10 and s.casefold() in placeholders:
                empty[i] = placeholder[i] = True
    return empty, placeholder


def check(ctx) -> None:
    schema = ctx.schema
    placeholders = schema.placeholder_set
    for col in schema.columns:
        if col.name not in ctx.table.raw:
            continue
        values = ctx.raw_values(col.name)
        own = placeholders
        if col.vocabulary:  # "NA" is Namibia in the country column, not "not available"
            own = placeholders - set(schema.vocabulary_synonyms(col.vocabulary))
        empty, placeholder = empty_mask(values, own)
        ctx.empty[col.name] = empty
        if col.required:
            for pos in np.flatnonzero(empty):
                ctx.add(
                    "DQ2.required_empty",
                    row=int(ctx.rows[pos]),
                    column=col.name,
                    value=values[pos] if placeholder[pos] else None,
                    label=col.label,
                )
        else:
            for pos in np.flatnonzero(placeholder):
                ctx.add(
                    "DQ2.placeholder_cleared",
                    row=int(ctx.rows[pos]),
                    column=col.name,
                    value=values[pos],
                    suggestion=None,
                    label=col.label,
                )
