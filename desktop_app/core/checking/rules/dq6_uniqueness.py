"""DQ6 Uniqueness: each opportunity once.

A repeated opportunity_id is an error naming the first row; a row identical to an
earlier one in every column is one error on the later row (not also a repeated
ID); the same customer, opportunity name and amount under different IDs is a
warning on each later row (a probable duplicate).
"""

from __future__ import annotations

import numpy as np

from desktop_app.core.checking.rule import Check, GroupKey, RuleSpec, Scope


def first_positions(frame, columns: list[str], candidates: np.ndarray) -> dict[int, int]:
    """For each candidate position that repeats an earlier one on columns: that earlier one."""
    if len(candidates) == 0:
        return {}
    sub = frame.iloc[candidates][columns]
    groups = sub.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()
    first: dict[int, int] = {}
    repeats: dict[int, int] = {}
    for pos, group in zip(candidates.tolist(), groups.tolist(), strict=True):
        if group in first:
            repeats[pos] = first[group]
        else:
            first[group] = pos
    return repeats


def check(ctx) -> None:
    frame = ctx.frame
    rows = ctx.rows
    repeated_rows: set[int] = set()
    if ctx.has("opportunity_id"):
        ids = frame["opportunity_id"]
        dup_id = ids.notna() & ids.duplicated(keep=False)
        # identical rows share their ID, or have none
        candidates = np.flatnonzero((dup_id | ids.isna()).to_numpy())
        columns = list(frame.columns)
        for pos, first in first_positions(frame, columns, candidates).items():
            repeated_rows.add(pos)
            ctx.add("DQ6.identical_row", row=int(rows[pos]), first_row=int(rows[first]))
        id_candidates = np.flatnonzero(dup_id.to_numpy())
        for pos, first in first_positions(frame, ["opportunity_id"], id_candidates).items():
            if pos not in repeated_rows:
                ctx.add(
                    "DQ6.duplicate_id",
                    row=int(rows[pos]),
                    column="opportunity_id",
                    value=ids.iat[pos],
                    first_row=int(rows[first]),
                )
    probable_key = list(ctx.schema.model.probable_duplicate_key)
    if all(ctx.has(c) for c in probable_key):
        key = frame[probable_key]
        complete = key.notna().all(axis=1)
        dup = complete & key.duplicated(keep=False)
        candidates = np.flatnonzero(dup.to_numpy())
        ids = frame["opportunity_id"] if ctx.has("opportunity_id") else None
        for pos, first in first_positions(frame, probable_key, candidates).items():
            if pos in repeated_rows:
                continue
            if ids is not None and ids.iat[pos] == ids.iat[first]:
                continue  # a repeated ID: reported above
            ctx.add(
                "DQ6.probable_duplicate",
                row=int(rows[pos]),
                first_row=int(rows[first]),
                first_id=ids.iat[first] if ids is not None else None,
            )


def groups(schema) -> tuple[GroupKey, ...]:
    """The rows a row is compared with: those with its ID (rows without one are compared
    in full with each other), and those with its customer, opportunity name and amount."""
    return (
        GroupKey(("opportunity_id",), empty_is_a_value=True),
        GroupKey(tuple(schema.model.probable_duplicate_key)),
    )


SPEC = RuleSpec(
    id="DQ6",
    title="Uniqueness",
    checks=(
        Check(check, Scope.GROUPS, groups=groups),  # identical rows: every column
    ),
)
