"""DQ9 Ownership and international accounts (within one file).

Every row belongs to the file's subsidiary, IDs carry its code, and a global
account owned by another subsidiary is only worked together with the owner
(`collaboration_with` names it). The cross-file part lives in consolidation.
"""

from __future__ import annotations

import numpy as np

RULE = "DQ9"
TITLE = "Ownership and international accounts"


def check(ctx) -> None:
    schema, frame, rows = ctx.schema, ctx.frame, ctx.rows
    mine = ctx.subsidiary
    codes = frame["subsidiary_code"] if ctx.has("subsidiary_code") else None
    if mine is not None and codes is not None:
        bad = codes.notna() & (codes != mine)
        for pos in np.flatnonzero(bad.to_numpy()):
            ctx.add(
                "DQ9.wrong_subsidiary",
                row=int(rows[pos]),
                column="subsidiary_code",
                value=codes.iat[pos],
                suggestion=mine,
                subsidiary=mine,
            )
    if ctx.has("opportunity_id"):
        ids = frame["opportunity_id"].tolist()
        owners = (
            [mine] * len(ids)
            if mine is not None
            else (codes.tolist() if codes is not None else None)
        )
        if owners is not None:
            for pos, (oid, code) in enumerate(zip(ids, owners, strict=True)):
                if oid is None or code is None or oid.startswith(code + "-"):
                    continue
                ctx.add(
                    "DQ9.id_prefix",
                    row=int(rows[pos]),
                    column="opportunity_id",
                    value=oid,
                    suggestion=code + oid[oid.find("-") :] if "-" in oid else None,
                    subsidiary=code,
                )
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
                suggestion=account.owner,
                customer=account.name,
                customer_id=cid,
                owner=account.owner,
            )
