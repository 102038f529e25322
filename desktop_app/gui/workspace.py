"""The checked file on screen: verdict, rules, charts, the sheet and the findings, in step.

The workspace shows one WorkingSession and keeps every panel in line with it after
each edit; choosing a rule filters the findings, choosing a finding selects its cell.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop_app.core.model.findings import RULE_IDS, Finding
from desktop_app.core.session.working import Recheck, WorkingSession
from desktop_app.gui.banner import VerdictBanner
from desktop_app.gui.charts import BarChart
from desktop_app.gui.findings_panel import FindingsPanel
from desktop_app.gui.i18n import rule_titles
from desktop_app.gui.rules_panel import RulesPanel
from desktop_app.gui.sheet_view import SheetPanel
from desktop_app.gui.style import SEVERITIES, solid
from desktop_app.gui.table_model import FINDINGS_ROLE


class Workspace(QWidget):
    export_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.session: WorkingSession | None = None
        self.banner = VerdictBanner(self)
        self.banner.export_requested.connect(self.export_requested)
        self.rules = RulesPanel(rule_titles(), self)
        self.findings_chart = BarChart(self.tr("Findings per rule"), str, parent=self)
        self.value_chart = BarChart(
            self.tr("Pipeline value by stage (EUR)"), horizontal=True, parent=self
        )
        self.sheet = SheetPanel(self)
        self.findings = FindingsPanel(self)
        self.rules.rule_chosen.connect(self.findings.set_rule_filter)
        self.findings.finding_selected.connect(self.on_finding_selected)
        # Charts can wait for a pause in the typing; the counts cannot.
        self._chart_timer = QTimer(self, singleShot=True, interval=120)
        self._chart_timer.timeout.connect(self.update_charts)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.rules)
        side_layout.addWidget(self.findings_chart, 1)
        side_layout.addWidget(self.value_chart, 1)
        work = QSplitter(Qt.Orientation.Vertical, self)
        work.addWidget(self.sheet)
        work.addWidget(self.findings)
        work.setStretchFactor(0, 3)
        work.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(side)
        self.splitter.addWidget(work)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    # ------------------------------------------------------------ showing

    def set_session(self, session: WorkingSession) -> None:
        self.session = session
        self.sheet.set_session(session)
        self.rules.choose(None)
        self.update_counts()
        self._chart_timer.start()

    def refresh(self, recheck: Recheck) -> None:
        """After an edit or an undo: counts at once, the charts a moment later."""
        self.sheet.refresh(recheck)
        self.update_counts()
        self._chart_timer.start()

    def update_counts(self) -> None:
        session = self.session
        result = session.result
        summary = result.summary
        self.banner.show_verdict(summary, self._details())
        self.rules.rules.set_summary(summary)
        labels = [
            (c.name, (s.label if (s := session.schema.column_by_name.get(c.name)) else c.header))
            for c in session.table.columns
        ]
        known = {name for name, _ in labels}
        labels += sorted(
            {(f.column, f.column) for f in result.findings if f.column and f.column not in known}
        )
        self.findings.set_findings(result.findings, labels)

    def _details(self) -> str:
        session = self.session
        result = session.result
        rows = len(result.rows)
        parts = [
            session.table.path.name,
            result.subsidiary or self.tr("subsidiary unknown"),
            result.period.label if result.period else self.tr("period unknown"),
            self.tr("1 opportunity")
            if rows == 1
            else self.tr("{count} opportunities").format(count=f"{rows:,}"),
            self.tr("checked against {schema}").format(
                schema=f"{session.schema.id} {session.schema.version}"
            ),
        ]
        if session.edits:
            count = len(session.edits)
            parts.append(
                self.tr("1 change made here")
                if count == 1
                else self.tr("{count} changes made here").format(count=count)
            )
        return "  ·  ".join(parts)

    def update_charts(self) -> None:
        if self.session is None:
            return
        rules = self.session.result.summary["rules"]
        key = {"error": "errors", "warning": "warnings", "fixed": "fixed"}
        names = {
            "error": self.tr("Errors"),
            "warning": self.tr("Warnings"),
            "fixed": self.tr("Fixed"),
        }
        self.findings_chart.set_data(
            list(RULE_IDS),
            [(names[s], solid(s), [rules[r][key[s]] for r in RULE_IDS]) for s in SEVERITIES],
        )
        by_stage = self.session.pipeline_eur_by_stage()
        highlight = self.palette().color(self.palette().ColorRole.Highlight)
        self.value_chart.set_data(list(by_stage), [("EUR", highlight, list(by_stage.values()))])

    # ------------------------------------------------------------ moving

    def on_finding_selected(self, finding: Finding) -> None:
        if finding.row is not None:
            self.sheet.select_cell(finding.row, finding.column)

    def step(self, direction: int) -> bool:
        """Go to the next (1) or previous (-1) problem; errors and warnings, as listed."""
        moved = self.findings.step(direction)
        if moved:
            self.sheet.view.setFocus()
        return moved

    def chosen_finding(self) -> Finding | None:
        """The finding the person means: on the current cell, else chosen in the list."""
        if self.sheet.view.hasFocus():
            on_cell = self.sheet.view.currentIndex().data(FINDINGS_ROLE) or []
            applicable = [f for f in on_cell if f.column and self.session.can_apply(f)]
            if applicable:
                return applicable[0]
        return self.findings.current_finding()
