"""Every model passes Qt's model tester, and shows what the check found where it found it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.core.checking.engine import check_file
from desktop_app.core.checking.rules import RULE_TITLES
from desktop_app.core.session.working import WorkingSession
from desktop_app.gui.cells import cell_text
from desktop_app.gui.findings_panel import FindingsFilterProxy, FindingsModel
from desktop_app.gui.rules_panel import RulesModel
from desktop_app.gui.table_model import SEVERITY_ROLE, SheetFilterProxy, SheetModel


@pytest.fixture(scope="module")
def problems_result(schema, problems_path):
    return check_file(problems_path, schema)


@pytest.fixture
def session(problems_result):
    return WorkingSession(problems_result)


@pytest.fixture
def sheet(session, qtbot):
    model = SheetModel()
    model.set_session(session)
    with qtbot.waitSignal(model.search_ready, timeout=10_000):
        model.prepare_search()  # the rows' texts are put together in slices, between events
    return model


def test_sheet_model_and_its_filters_pass_the_model_tester(qtmodeltester, sheet):
    qtmodeltester.check(sheet)
    proxy = SheetFilterProxy()
    proxy.setSourceModel(sheet)
    proxy.set_flagged_only(True)
    proxy.set_search("se01")
    qtmodeltester.check(proxy)
    sheet.sort(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(sheet)
    qtmodeltester.check(proxy)


def test_findings_and_rules_models_pass_the_model_tester(qtmodeltester, session, qapp):
    findings = FindingsModel()
    findings.set_findings(session.findings, [(c.name, c.header) for c in session.table.columns])
    qtmodeltester.check(findings)
    proxy = FindingsFilterProxy()
    proxy.setSourceModel(findings)
    proxy.set_filter("rule", "DQ3")
    qtmodeltester.check(proxy)
    findings.sort(4, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    rules = RulesModel(RULE_TITLES)
    rules.set_summary(session.result.summary)
    qtmodeltester.check(rules)


def test_cells_show_their_severity_and_findings(sheet, session):
    near_miss = next(
        f for f in session.findings if f.code == "DQ4.near_miss" and f.column == "stage"
    )
    index = sheet.index_of(near_miss.row, near_miss.column)
    assert index.data() == "Negotiaton"
    assert index.data(SEVERITY_ROLE) == "error"
    assert "did you mean" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Suggestion: Negotiate" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Tints are see-through, so the palette's own base (light or dark) shows through.
    assert index.data(Qt.ItemDataRole.BackgroundRole).alpha() < 128
    fixed = next(f for f in session.findings if f.severity == "fixed" and f.cell)
    assert sheet.index_of(fixed.row, fixed.column).data(SEVERITY_ROLE) == "fixed"
    clean = sheet.index_of(session.table.rows[0], "stage")
    assert clean.data(SEVERITY_ROLE) is None
    assert clean.data(Qt.ItemDataRole.BackgroundRole) is None


def test_headers_show_the_canonical_name_and_the_header_as_found(sheet, session):
    stage = [c.name for c in session.table.columns].index("stage")
    assert sheet.headerData(stage, Qt.Orientation.Horizontal) == "Stage\nSteg H"
    unknown = next(i for i, c in enumerate(session.table.columns) if not c.known)
    assert "not in template" in sheet.headerData(unknown, Qt.Orientation.Horizontal)
    blank = next(f for f in session.findings if f.code == "DQ1.blank_row")
    section = sheet.index_of(blank.row, None).row()
    assert "empty" in sheet.headerData(
        section, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole
    )


def test_only_flagged_rows_and_search(sheet, session):
    proxy = SheetFilterProxy()
    proxy.setSourceModel(sheet)
    proxy.set_flagged_only(True)
    flagged = {f.row for f in session.findings if f.row and f.severity != "fixed"}
    assert proxy.rowCount() == len(flagged)
    proxy.set_flagged_only(False)
    proxy.set_search("NEGOTIATON")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).siblingAtColumn(7).data() == "Negotiaton"
    proxy.set_search("")
    assert proxy.rowCount() == sheet.rowCount()


def test_sorting_the_sheet_orders_by_value_and_keeps_excel_rows(sheet, session):
    amount = [c.name for c in session.table.columns].index("amount")
    sheet.sort(amount, Qt.SortOrder.AscendingOrder)
    first = sheet.index(0, amount)
    assert first.data() == "-500"  # the negative amount comes first
    assert sheet.headerData(0, Qt.Orientation.Vertical) == str(sheet.excel_row(0))
    sheet.sort(-1)  # nothing to sort by: as in the file
    assert sheet.excel_row(0) == session.table.rows[0]


def test_findings_filter_by_rule_severity_and_column(session, qapp):
    findings = FindingsModel()
    findings.set_findings(session.findings, [(c.name, c.header) for c in session.table.columns])
    proxy = FindingsFilterProxy()
    proxy.setSourceModel(findings)
    proxy.set_filter("severity", "warning")
    proxy.set_filter("rule", "DQ1")
    shown = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 3) for r in range(proxy.rowCount())]
    assert shown and all(f.rule == "DQ1" and f.severity == "warning" for f in shown)
    proxy.set_filter("rule", None)
    proxy.set_filter("severity", None)
    proxy.set_filter("column", "amount")
    assert proxy.rowCount() == sum(1 for f in session.findings if f.column == "amount")


@pytest.mark.parametrize(
    ("value", "locale", "text"),
    [
        (1234500.5, "sv-SE", "1\u00a0234\u00a0500,5"),
        (45.0, "sv-SE", "45"),
        (-500.0, "de-DE", "-500"),
        (0.45, "en-GB", "0.45"),
        (None, "en-GB", ""),
        ("Negotiaton", "en-GB", "Negotiaton"),
    ],
)
def test_cells_read_as_the_subsidiarys_excel_shows_them(value, locale, text):
    from desktop_app.gui.cells import number_symbols

    assert cell_text(value, number_symbols(locale)) == text


def test_a_search_typed_before_the_texts_are_ready_applies_once_they_are(session, qtbot):
    model = SheetModel()
    proxy = SheetFilterProxy()
    proxy.setSourceModel(model)
    with qtbot.waitSignal(model.search_ready, timeout=10_000):
        model.set_session(session)
        proxy.set_search("negotiaton")
        assert proxy.search_pending
    assert not proxy.search_pending
    assert proxy.rowCount() == 1
