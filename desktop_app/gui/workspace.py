"""The checked file on screen: verdict, rules, charts, the sheet and the findings.

Each panel follows the SessionController itself (its signals after opening, each edit
and each full check); the workspace lays them out and keeps them in step with each
other: choosing a rule filters the findings, choosing a finding selects its cell.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop_app.core.model.findings import Finding
from desktop_app.core.session.working import WorkingSession
from desktop_app.gui.banner import VerdictBanner
from desktop_app.gui.charts import ChartsPanel
from desktop_app.gui.findings_panel import FindingsPanel
from desktop_app.gui.i18n import rule_titles
from desktop_app.gui.rules_panel import RulesPanel
from desktop_app.gui.session_controller import SessionController
from desktop_app.gui.sheet_view import SheetPanel
from desktop_app.gui.table_model import FINDINGS_ROLE


class Workspace(QWidget):
    export_requested = Signal()

    def __init__(self, controller: SessionController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.banner = VerdictBanner(self)
        self.banner.export_requested.connect(self.export_requested)
        self.rules = RulesPanel(rule_titles(), self)
        self.charts = ChartsPanel(self)
        self.findings_chart = self.charts.findings_chart
        self.value_chart = self.charts.value_chart
        self.sheet = SheetPanel(self)
        self.findings = FindingsPanel(self)
        for panel in (self.sheet, self.banner, self.rules, self.findings, self.charts):
            panel.follow(controller)
        self.rules.rule_chosen.connect(self.findings.set_rule_filter)
        self.findings.finding_selected.connect(self.on_finding_selected)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.rules)
        side_layout.addWidget(self.charts, 1)
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

    @property
    def session(self) -> WorkingSession | None:
        return self.controller.session

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
