"""The working session (Qt-free): edits re-check incrementally to exactly what a full check gives."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.checking.engine import check_file, check_table
from desktop_app.core.checking.rule import Check, GroupKey, RuleSpec, Scope
from desktop_app.core.checking.rules import RULES
from desktop_app.core.model.period import parse_period
from desktop_app.core.session.working import WorkingSession
from tests.sample_data import header_labels, valid_rows

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
PROBLEMS = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
PERIOD = parse_period("2026-Q4")

# Values people type, beyond those the file already holds: each a reason for a finding.
EXTRA_VALUES = [
    None,
    "",
    "n/a",
    "Total",
    "Summa",
    "Negotiate Total",
    "Prepared by Kari Nilsen, 2026-12-20",
    "x",
    "12/31/2026",
    "2026-11-30",
    "1 234,50",
    "45 %",
    -5.0,
    0.45,
    12.5,
    46350.0,
    date(2035, 1, 1),
    "Negotiaton",
    "Closed Lost",
    "Förhandla",
    "SE01-000003",
    "SE01-12",
    "NO01",
    "CU-100002",
    "DE01",
    "usd",
]


def finding_keys(findings) -> list[tuple]:
    return sorted(
        (
            f.row or 0,
            f.code,
            f.column or "",
            f.cell or "",
            f.severity,
            repr(f.value),
            repr(f.suggestion),
            repr(sorted(f.params.items())),
        )
        for f in findings
    )


def copy_of(table):
    """The table with its own raw columns (the values themselves are shared, as
    FORMULA_WITHOUT_RESULT is told apart by identity)."""
    return dataclasses.replace(table, raw={k: v.copy() for k, v in table.raw.items()})


def assert_same_as_full_check(session: WorkingSession) -> None:
    full = check_table(
        copy_of(session.table), session.schema, session.options, rules=session.result.rules
    )
    assert finding_keys(session.findings) == finding_keys(full.findings)
    assert session.result.subsidiary == full.subsidiary
    assert session.result.rows == full.rows
    if full.frame is None:
        assert session.frame is None
    else:
        pd.testing.assert_frame_equal(session.frame, full.frame)


def write_rows(path: Path, schema, rows: list[dict], *, drop: tuple[str, ...] = (), info=True):
    """A workbook of rows, optionally without some columns or the Info sheet."""
    names = [c.name for c in schema.columns if c.name not in drop]
    labels = [
        label
        for c, label in zip(schema.columns, header_labels(schema), strict=True)
        if c.name not in drop
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = schema.model.data_sheet
    ws.append(labels)
    for row in rows:
        ws.append([row.get(n) for n in names])
    if info:
        info_ws = wb.create_sheet(schema.model.info_sheet)
        info_ws.append(["Subsidiary", "SE01"])
        info_ws.append(["Reporting period", PERIOD.label])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def base_results(schema, tmp_path_factory):
    """Three files, each exercising another way an edit reaches beyond its row."""
    tmp = tmp_path_factory.mktemp("session")
    rows = valid_rows(schema, "SE01", PERIOD, 8, seed=3)
    rows[5]["opportunity_id"] = rows[2]["opportunity_id"]
    rows[6].update(customer_id=rows[1]["customer_id"], opportunity_name=rows[1]["opportunity_name"])
    rows[6]["amount"] = rows[1]["amount"]
    no_info = write_rows(tmp / "pipeline.xlsx", schema, rows, info=False)  # subsidiary from rows
    no_loss = write_rows(tmp / "SE01_2026-Q4_x.xlsx", schema, rows, drop=("loss_reason",))
    # rows that are not data: a subtotal, pasted sums, a note, a blank row, a totals word
    total = {"amount": 1000.0, "amount_eur": 87.0}
    non_data = [*rows[:3], {"stage": "Negotiate Total", **total}, *rows[3:6], total]
    non_data += [{}, {"opportunity_id": "Prepared by Kari Nilsen, 2026-12-20"}, *rows[6:]]
    non_data += [{"opportunity_id": "Summa", **total}]
    return {
        "problems": check_file(PROBLEMS, schema),
        "subsidiary from rows": check_file(no_info, schema),
        "no loss reason column": check_file(no_loss, schema),
        "rows that are not data": check_file(
            write_rows(tmp / "SE01_2026-Q4_rows.xlsx", schema, non_data), schema
        ),
    }


def edit_steps(result):
    """Random edits (a row, a known column, a value) and undos of earlier ones."""
    table = result.table
    columns = [c.name for c in table.columns if c.known]
    pool = {
        name: list(dict.fromkeys(v for v in table.raw[name] if v.__hash__ is not None))
        + EXTRA_VALUES
        for name in columns
    }
    cell = st.tuples(
        st.sampled_from(table.rows),
        st.sampled_from(columns).flatmap(lambda c: st.tuples(st.just(c), st.sampled_from(pool[c]))),
    )
    # A batch is several cells changed in one step, as "Apply to all alike" does.
    edit = st.tuples(st.just("edit"), st.lists(cell, min_size=1, max_size=3))
    # A row emptied but for a cell or two: a note, a subtotal, sums, or a blank row.
    strip = st.tuples(
        st.just("edit"),
        st.tuples(st.sampled_from(table.rows), st.sets(st.sampled_from(columns), max_size=2)).map(
            lambda pick: [(pick[0], (c, None)) for c in columns if c not in pick[1]]
        ),
    )
    steps = st.one_of(edit, strip, st.tuples(st.just("undo")))
    return st.lists(steps, min_size=1, max_size=6)


@pytest.mark.parametrize(
    "name",
    ["problems", "subsidiary from rows", "no loss reason column", "rows that are not data"],
)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_incremental_recheck_equals_a_full_check(base_results, name, data):
    base = base_results[name]
    result = check_table(copy_of(base.table), base.schema)
    edit_and_compare(WorkingSession(result), data.draw(edit_steps(result)))


def edit_and_compare(session: WorkingSession, steps) -> None:
    """Make the edits and undos, and hold the session to a full check after each."""
    done = []
    for step in steps:
        if step[0] == "undo":
            if done:
                session.revert(done.pop())
        else:
            batch, seen = [], set()
            for row, (column, value) in step[1]:
                if (row, column) not in seen and (e := session.make_edit(row, column, value)):
                    seen.add((row, column))
                    batch.append(e)
            if not batch:
                continue
            session.apply(batch)
            done.append(batch)
        assert_same_as_full_check(session)
    assert session.result.edits == [e for batch in done for e in batch]


def test_edit_then_undo_gives_the_original_findings(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))
    original = finding_keys(session.findings)
    typo = next(f for f in session.findings if f.code == "DQ4.near_miss" and f.column == "stage")
    edit = session.suggestion_edit(typo)
    recheck = session.apply([edit])
    assert typo.row in recheck.rows and not recheck.full
    assert not any(f.row == typo.row and f.column == "stage" for f in session.findings)
    assert session.raw(typo.row, "stage") == "Negotiate"
    assert session.result.edits == [edit]
    session.revert([edit])
    assert finding_keys(session.findings) == original
    assert session.result.edits == []


def test_a_repeated_id_fixed_clears_the_finding_on_both_rows(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))
    repeat = next(f for f in session.findings if f.code == "DQ6.duplicate_id")
    session.apply([session.make_edit(repeat.row, "opportunity_id", "SE01-999999")])
    assert not any(f.code == "DQ6.duplicate_id" for f in session.findings)
    assert_same_as_full_check(session)


def test_a_row_turned_into_a_totals_row_is_checked_in_full(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))
    row = session.table.rows[3]
    recheck = session.apply(
        [
            session.make_edit(row, name, None if name != "opportunity_id" else "Total")
            for name in session.table.raw
            if session.is_editable(row, name) and session.raw(row, name) not in (None, "")
        ]
    )
    assert recheck.full
    assert row not in session.result.rows
    assert_same_as_full_check(session)


def test_typed_text_is_stored_as_excel_would(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))  # SE01: Swedish numbers
    assert session.typed_value("amount", "1 234,50") == 1234.5
    assert session.typed_value("probability", "45") == 45.0
    assert session.typed_value("close_date", "2026-12-01") == date(2026, 12, 1)
    assert session.typed_value("close_date", "12/31/2026") == "12/31/2026"  # left for DQ3
    assert session.typed_value("stage", " Negotiate ") == " Negotiate "
    assert session.typed_value("owner", "   ") is None


def test_no_edit_when_the_cell_already_holds_the_value(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))
    row = session.table.rows[0]
    assert session.make_edit(row, "stage", session.raw(row, "stage")) is None
    with pytest.raises(KeyError):
        session.make_edit(row, "Intern kommentar", "x")  # not a template column


def test_apply_to_all_alike(schema, tmp_path):
    rows = valid_rows(schema, "SE01", PERIOD, 6, seed=4)
    for r in rows[:3]:
        r.update(product_line="Hardwear")
    path = write_rows(tmp_path / "SE01_2026-Q4_alike.xlsx", schema, rows)
    session = WorkingSession(check_file(path, schema))
    first = next(f for f in session.findings if f.code == "DQ4.near_miss")
    alike = session.alike(first)
    assert len(alike) == 3
    session.apply([session.suggestion_edit(f) for f in alike])
    assert not any(f.code == "DQ4.near_miss" for f in session.findings)
    assert len(session.result.edits) == 3
    assert_same_as_full_check(session)


def test_pipeline_value_by_stage(schema, tmp_path):
    rows = valid_rows(schema, "SE01", PERIOD, 20, seed=5)
    path = write_rows(tmp_path / "SE01_2026-Q4_eur.xlsx", schema, rows)
    session = WorkingSession(check_file(path, schema))
    by_stage = session.pipeline_eur_by_stage()
    assert list(by_stage) == list(schema.model.process)
    for stage, total in by_stage.items():
        expected = sum(r["amount_eur"] for r in rows if r["stage"] == stage)
        assert total == pytest.approx(expected)


def test_a_deferred_full_check_is_left_to_the_caller_and_then_adopted(schema):
    session = WorkingSession(check_file(PROBLEMS, schema))
    before = finding_keys(session.findings)
    row = session.table.rows[3]
    edits = [
        session.make_edit(row, name, None if name != "opportunity_id" else "Total")
        for name in session.table.raw
        if session.is_editable(row, name) and session.raw(row, name) not in (None, "")
    ]
    recheck = session.apply(edits, defer_full=True)
    assert recheck.full and recheck.pending
    assert finding_keys(session.findings) == before  # nothing re-checked yet
    assert session.adopt(session.check_in_full()).full
    assert row not in session.result.rows
    assert_same_as_full_check(session)


def one_currency_per_customer(ctx) -> None:
    """A rule made up for the tests, comparing rows: a customer's deals share the currency
    of its first deal."""
    if not (ctx.has("customer_id") and ctx.has("currency")):
        return
    first: dict[str, tuple[int, str]] = {}
    pairs = zip(ctx.frame["customer_id"].tolist(), ctx.frame["currency"].tolist(), strict=True)
    for pos, (customer, currency) in enumerate(pairs):
        if customer is None or currency is None:
            continue
        first_pos, first_currency = first.setdefault(customer, (pos, currency))
        if currency != first_currency:
            ctx.add(
                "TEST1.mixed_currency",
                row=int(ctx.rows[pos]),
                column="currency",
                value=currency,
                first_row=int(ctx.rows[first_pos]),
            )


def by_customer(schema) -> tuple[GroupKey, ...]:
    return (GroupKey(("customer_id",)),)


ONE_CURRENCY = RuleSpec(
    id="TEST1",
    title="One currency per customer",
    checks=(
        Check(
            one_currency_per_customer,
            Scope.GROUPS,
            reads=frozenset({"customer_id", "currency"}),
            groups=by_customer,
        ),
    ),
)


@pytest.mark.parametrize("name", ["problems", "subsidiary from rows"])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_new_rule_of_groups_is_rechecked_incrementally_like_a_full_check(
    base_results, name, data
):
    base = base_results[name]
    result = check_table(copy_of(base.table), base.schema, rules=(*RULES, ONE_CURRENCY))
    edit_and_compare(WorkingSession(result), data.draw(edit_steps(result)))


def test_a_new_rule_of_groups_is_rechecked_over_the_group_alone(schema, tmp_path):
    rows = valid_rows(schema, "SE01", PERIOD, 6, seed=6)
    path = write_rows(tmp_path / "SE01_2026-Q4_groups.xlsx", schema, rows)
    table = check_file(path, schema).table
    session = WorkingSession(check_table(table, schema, rules=(*RULES, ONE_CURRENCY)))
    first, later = session.table.rows[1], session.table.rows[4]
    customer = session.raw(first, "customer_id")
    other = "EUR" if session.raw(first, "currency") != "EUR" else "SEK"
    recheck = session.apply(
        [
            session.make_edit(later, "customer_id", customer),
            session.make_edit(later, "currency", other),
        ]
    )
    assert not recheck.full and later in recheck.rows
    (mixed,) = [f for f in session.findings if f.code == "TEST1.mixed_currency"]
    assert (mixed.row, mixed.params["first_row"]) == (later, first)
    assert_same_as_full_check(session)
    recheck = session.apply([session.make_edit(first, "customer_id", "CU-999999")])
    assert not recheck.full and later in recheck.rows
    assert not any(f.code == "TEST1.mixed_currency" for f in session.findings)
    assert_same_as_full_check(session)
