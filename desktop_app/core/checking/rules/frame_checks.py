"""Columnar checks through pandera: one lazy pass, failures grouped by our code.

The frame holds values that DQ3 already typed, so pandera never coerces (its
coercion-failure path is what costs seconds) and nulls are skipped: an empty or
unreadable cell has been reported once already, by DQ2 or DQ3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class ColumnCheck:
    code: str  # finding code, e.g. "DQ5.probability_range"
    column: str
    kind: str  # a pandera built-in: in_range, gt, ge, le, lt
    args: tuple[Any, ...]


def failing_positions(frame, checks: list[ColumnCheck]) -> dict[str, np.ndarray]:
    """code -> sorted frame positions where the check fails."""
    import pandera.pandas as pa

    by_column: dict[str, list[ColumnCheck]] = {}
    for c in checks:
        if c.column in frame.columns:
            by_column.setdefault(c.column, []).append(c)
    if not by_column:
        return {}
    schema = pa.DataFrameSchema(
        {
            name: pa.Column(
                checks=[getattr(pa.Check, c.kind)(*c.args) for c in cols],
                nullable=True,
                coerce=False,
                required=False,
            )
            for name, cols in by_column.items()
        },
    )
    result: dict[str, np.ndarray] = {}
    try:
        schema.validate(frame[list(by_column)], lazy=True)  # only the columns checked: no wide copy
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna() & cases["check_number"].notna()]
        for (column, number), group in cases.groupby(["column", "check_number"]):
            code = by_column[column][int(number)].code
            result[code] = np.unique(group["index"].to_numpy(dtype=np.int64))
    return result


def plain_value(value: Any) -> Any:
    """A numpy scalar as a plain Python value (dates as datetime.date, NaN as None)."""
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else value.astype("datetime64[D]").astype(object)
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


def present(values) -> np.ndarray:
    """Cells of an object column that hold a value (None marks empty or unreadable)."""
    return np.asarray(values, dtype=object) != None  # noqa: E711 (elementwise)
