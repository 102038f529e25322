"""DQ9 Ownership and international accounts (within one file).

Every row belongs to the file's subsidiary, IDs carry its code, and a global
account owned by another subsidiary is only worked together with the owner
(`collaboration_with` names it). The cross-file part lives in consolidation.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.checking.rules.frame_checks import present


def check(ctx) -> None:
    schema, frame, rows = ctx.schema, ctx.frame, ctx.rows
    mine = ctx.subsidiary
    codes = frame["subsidiary_code"] if ctx.has("subsidiary_code") else None
    if mine is not None and codes is not None:
        bad = present(codes) & (codes != mine).to_numpy()
        for pos in np.flatnonzero(bad):
            ctx.add(
                "DQ9.wrong_subsidiary",
                row=int(rows[pos]),
                column="subsidiary_code",
                value=codes.iat[pos],
                suggestion=mine,
                subsidiary=mine,
            )
    if ctx.has("opportunity_id"):
        _id_prefix(ctx, mine, codes)
    accounts = schema.model.global_accounts
    if accounts and ctx.has("customer_id"):
        customers = frame["customer_id"]
        hit = customers.isin(list(accounts)).to_numpy()
        collab = frame["collaboration_with"].tolist() if ctx.has("collaboration_with") else None
        column = "collaboration_with" if collab is not None else "customer_id"
        for pos in np.flatnonzero(hit):
            cid = customers.iat[pos]
            account = accounts[cid]
            seller = mine if mine is not None else (codes.iat[pos] if codes is not None else None)
            if seller is None or account.owner == seller:
                continue
            if collab is not None and collab[pos] == account.owner:
                continue
            ctx.add(
                "DQ9.global_account",
                row=int(rows[pos]),
                column=column,
                value=collab[pos] if collab is not None else cid,
                # without the column there is no cell to put the owner in
                suggestion=account.owner if collab is not None else None,
                customer=account.name,
                customer_id=cid,
                owner=account.owner,
            )


def _id_prefix(ctx, mine: str | None, codes) -> None:
    """The ID starts with the subsidiary code: the file's, else the row's own."""
    ids = ctx.frame["opportunity_id"].to_numpy(dtype=object)
    if mine is not None:
        owners = np.full(len(ids), mine, dtype=object)
        prefixes = repeat(mine + "-")  # one subsidiary: one prefix for every row
    elif codes is not None:
        owners = codes.to_numpy(dtype=object)
        prefixes = None
    else:
        return
    check = np.flatnonzero(present(ids) & present(owners))
    if prefixes is None:
        prefixes = [o + "-" for o in owners[check]]
    ok = np.fromiter(map(str.startswith, ids[check], prefixes), dtype=bool, count=len(check))
    for pos in check[~ok]:
        oid, code = ids[pos], owners[pos]
        ctx.add(
            "DQ9.id_prefix",
            row=int(ctx.rows[pos]),
            column="opportunity_id",
            value=oid,
            suggestion=code + oid[oid.find("-") :] if "-" in oid else None,
            subsidiary=code,
        )


SPEC = RuleSpec(
    id="DQ9",
    title="Ownership and international accounts",
    checks=(
        Check(
            check,
            Scope.ROWS,
            reads=frozenset(
                ["subsidiary_code", "opportunity_id", "customer_id", "collaboration_with"]
            ),
        ),
    ),
)
