"""DQ2 Completeness: every required cell is filled; placeholders count as empty.

A required column missing altogether is DQ1's one error, so its cells are not
reported again here. A placeholder in an optional column is cleared, and recorded.
An Excel error value is not empty: DQ3 reports it.
"""

from __future__ import annotations

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope

# Looking at the first cells tells a column of few distinct values (stage, currency,
# owner), which is faster judged value by value than cell by cell (measured: 2-3 ms
# against 5-7 ms per 100,000 cells; slower for a column of IDs).
_SAMPLE = 1000
_FEW = 200


def _blank_or_placeholder(texts, placeholders: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """For str values only (TypeError otherwise): (blank, placeholder).

    This touches every cell of the file, so it is C-level: strip, then a lookup in a
    set holding "" and every case spelling of the placeholders, for each cell or, in a
    column of few distinct values, for each distinct value. Only the few hits are then
    told apart.
    """
    n = len(texts)
    if len(set(texts[:_SAMPLE])) <= _FEW:
        import pandas as pd

        codes, uniques = pd.factorize(np.asarray(texts, dtype=object))
        if n and codes.min() < 0:  # None (or NaN) is not text
            raise TypeError("not all text")
        judged = map(placeholders.__contains__, map(str.strip, uniques))
        found = np.fromiter(judged, dtype=bool, count=len(uniques))[codes]
    else:
        found = np.fromiter(
            map(placeholders.__contains__, map(str.strip, texts)), dtype=bool, count=n
        )
    blank = np.zeros(n, dtype=bool)
    placeholder = np.zeros(n, dtype=bool)
    hits = np.flatnonzero(found)
    empty = np.asarray(texts, dtype=object)[hits] == ""  # most hits: an empty optional cell
    blank[hits[empty]] = True
    for pos in hits[~empty]:
        if texts[pos].strip():
            placeholder[pos] = True
        else:
            blank[pos] = True
    return blank, placeholder


def empty_mask(
    values: np.ndarray, kinds_of, placeholders: frozenset[str]
) -> tuple[np.ndarray, np.ndarray, bool]:
    """(empty, placeholder, all_text) per cell: blank, white space only, or a placeholder.

    `placeholders` must contain "" and every case spelling. `kinds_of()` gives each
    value's type; it is only asked for when the column holds something other than
    text (an ErrorValue is not empty: DQ3 reports it).
    """
    try:
        blank, placeholder = _blank_or_placeholder(values, placeholders)  # a column of text
        return blank | placeholder, placeholder, True
    except TypeError:
        pass
    kinds = kinds_of()
    empty = kinds == type(None)  # noqa: E721 (elementwise over an array of types)
    placeholder = np.zeros(len(values), dtype=bool)
    is_text = np.flatnonzero(kinds == str)  # noqa: E721 (elementwise over an array of types)
    if len(is_text):
        blank, hit = _blank_or_placeholder(values[is_text], placeholders)
        empty[is_text[blank | hit]] = True
        placeholder[is_text[hit]] = True
    return empty, placeholder, False


def check(ctx) -> None:
    schema = ctx.schema
    placeholders = schema.placeholder_spellings | {""}
    for col in schema.columns:
        if col.name not in ctx.table.raw:
            continue
        values = ctx.raw_values(col.name)
        own = placeholders
        if col.vocabulary:  # "NA" is Namibia in the country column, not "not available"
            allowed = set(schema.vocabulary_synonyms(col.vocabulary))
            own = frozenset(p for p in placeholders if p.casefold() not in allowed)
        empty, placeholder, all_text = empty_mask(
            values, lambda name=col.name: ctx.kinds(name), own
        )
        ctx.empty[col.name] = empty
        if all_text:
            ctx.all_text.add(col.name)
        if col.required:
            for pos in np.flatnonzero(empty):
                ctx.add(
                    "DQ2.required_empty",
                    row=int(ctx.rows[pos]),
                    column=col.name,
                    value=values[pos] if placeholder[pos] else None,
                    label=col.label_text,
                )
        else:
            for pos in np.flatnonzero(placeholder):
                ctx.add(
                    "DQ2.placeholder_cleared",
                    row=int(ctx.rows[pos]),
                    column=col.name,
                    value=values[pos],
                    label=col.label_text,
                )


SPEC = RuleSpec(
    id="DQ2",
    title="Completeness",
    checks=(
        Check(check, Scope.ROWS),  # every column of the schema
    ),
)
