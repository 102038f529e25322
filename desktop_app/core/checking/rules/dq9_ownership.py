"""DQ9 Ownership and international accounts.

Within one file: every row belongs to the file's subsidiary, IDs carry its code, and
a global account owned by another subsidiary is only worked together with the owner
(`collaboration_with` names it). Across the files consolidation takes in (at the end
of this module): one opportunity ID reported in two files, and one customer worked
by several subsidiaries without a collaboration mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.checking.rules.frame_checks import present
from desktop_app.core.model.findings import Finding
from desktop_app.core.schema.definition import TemplateSchema


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


# ---------------------------------------------------------------- across files
# Consolidation hands over the key columns of every file it took in; the findings
# name no cell, only the files and rows where the value occurs.


@dataclass
class CrossFileFinding:
    finding: Finding
    occurrences: list[dict[str, Any]]  # {"file", "subsidiary", "rows"}

    def to_json(self) -> dict[str, Any]:
        return {**self.finding.to_json(), "occurrences": self.occurrences}


def cross_file_findings(
    schema: TemplateSchema, keys: list[tuple[str, str | None, list]]
) -> list[CrossFileFinding]:
    """DQ9 across files: an ID in two files; a customer shared without a collaboration mark."""
    import pandas as pd

    if len(keys) < 2:
        return []
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "file": name,
                    "sub": sub,
                    "row": k[0],
                    "customer": k[1],
                    "oid": k[2],
                    "collab": k[3],
                }
            )
            for name, sub, k in keys
        ],
        ignore_index=True,
    )
    return _ids_in_two_files(schema, frame) + _shared_customers(schema, frame)


def _occurrences(group) -> list[dict[str, Any]]:
    return [
        {"file": file, "subsidiary": sub, "rows": g["row"].tolist()}
        for (file, sub), g in group.groupby(["file", "sub"], sort=True)
    ]


def _finding(schema: TemplateSchema, code: str, column: str, value: str, **params) -> Finding:
    return Finding.of(
        code,
        schema.severity(code),
        sheet=None,
        row=None,
        column=column,
        cell=None,
        value=value,
        params=params,
    )


def _ids_in_two_files(schema: TemplateSchema, frame) -> list[CrossFileFinding]:
    ids = frame[frame["oid"].notna()]
    spread = ids.groupby("oid")["file"].nunique()
    repeated = ids[ids["oid"].isin(spread[spread > 1].index)]
    out = []
    for oid, group in repeated.groupby("oid", sort=True):
        occ = _occurrences(group)
        files = ", ".join(f"{o['file']} ({_rows_text(o['rows'])})" for o in occ)
        out.append(
            CrossFileFinding(
                _finding(schema, "DQ9.id_in_two_files", "opportunity_id", oid, files=files), occ
            )
        )
    return out


def _shared_customers(schema: TemplateSchema, frame) -> list[CrossFileFinding]:
    """A customer worked by two or more subsidiaries of which at least two carry no
    collaboration mark naming another of them (an owner working its own account
    needs no mark when the others name it)."""
    import pandas as pd

    rows = frame[frame["customer"].notna() & frame["sub"].notna()]
    spread = rows.groupby("customer")["sub"].nunique()
    rows = rows[rows["customer"].isin(spread[spread > 1].index)]
    if rows.empty:
        return []
    workers = pd.MultiIndex.from_frame(rows[["customer", "sub"]].drop_duplicates())
    names_partner = pd.MultiIndex.from_arrays([rows["customer"], rows["collab"]]).isin(workers)
    marked = names_partner & (rows["collab"] != rows["sub"]).to_numpy()
    unmarked = (~pd.Series(marked, index=rows.index)).groupby([rows["customer"], rows["sub"]]).any()
    per_customer = unmarked.groupby(level=0).sum()
    flagged = per_customer[per_customer >= 2].index
    out = []
    for customer, group in rows[rows["customer"].isin(flagged)].groupby("customer", sort=True):
        occ = _occurrences(group)
        subs = sorted({o["subsidiary"] for o in occ})
        out.append(
            CrossFileFinding(
                _finding(
                    schema,
                    "DQ9.shared_customer",
                    "customer_id",
                    customer,
                    customer_id=customer,
                    subsidiaries=", ".join(subs[:-1]) + f" and {subs[-1]}",
                ),
                occ,
            )
        )
    return out


def _rows_text(rows: list[int], shown: int = 5) -> str:
    head = ", ".join(str(r) for r in rows[:shown])
    more = f" and {len(rows) - shown} more" if len(rows) > shown else ""
    return f"row{'s' * (len(rows) != 1)} {head}{more}"
