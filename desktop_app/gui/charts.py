"""Two small charts drawn with QPainter (PySide6-Essentials has no QtCharts).

BarChart draws vertical bars, stacked by series, in the palette's text colours, so it
reads on light and dark themes; hovering a bar tells its figures. ChartsPanel shows the
findings per rule and the pipeline by stage of the file being worked on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from desktop_app.core.model.findings import RULE_IDS
from desktop_app.gui.i18n import decimal_mark, translate
from desktop_app.gui.style import SEVERITIES, solid


def compact_number(value: float) -> str:
    """1 234 567 as 1.2 M: short enough to stand on a bar."""
    units = (
        (1e9, translate("BarChart", "{number} bn")),
        (1e6, translate("BarChart", "{number} M")),
        (1e3, translate("BarChart", "{number} k")),
    )
    for limit, unit in units:
        if abs(value) >= limit:
            number = f"{value / limit:.1f}".rstrip("0").rstrip(".")
            return unit.format(number=number.replace(".", decimal_mark()))
    return f"{value:.0f}"


class BarChart(QWidget):
    def __init__(
        self, title: str, value_text=compact_number, *, horizontal: bool = False, parent=None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal  # bars grow to the right, labels on the left
        self._value_text = value_text
        self.categories: list[str] = []
        self.series: list[tuple[str, QColor, list[float]]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(320, 190)

    def set_data(
        self, categories: list[str], series: list[tuple[str, QColor, list[float]]]
    ) -> None:
        """Bars per category; each series (name, colour, one value per category) stacks."""
        self.categories, self.series = categories, series
        self.setAccessibleDescription(
            "; ".join(f"{c}: {self._tip(i)}" for i, c in enumerate(categories))
        )
        self.update()

    def total(self, i: int) -> float:
        return sum(values[i] for _n, _c, values in self.series)

    def _tip(self, i: int) -> str:
        parts = [f"{name} {self._value_text(v[i])}" for name, _c, v in self.series if v[i]]
        return ", ".join(parts) or self.tr("none")

    # ------------------------------------------------------------ drawing

    def _plot_area(self) -> QRectF:
        fm = QFontMetrics(self.font())
        top = fm.height() * (2.6 if len(self.series) > 1 else 1.6)
        if self.horizontal:
            left = max((fm.horizontalAdvance(c) for c in self.categories), default=0) + 12
            right = max(
                (
                    fm.horizontalAdvance(self._value_text(self.total(i)))
                    for i in range(len(self.categories))
                ),
                default=0,
            )
            return QRectF(
                left, top, max(10, self.width() - left - right - 12), self.height() - top - 4
            )
        return QRectF(6, top, self.width() - 12, self.height() - top - fm.height() * 1.6)

    def _bar_rect(self, i: int, area: QRectF) -> QRectF:
        """The slot a category's bar may fill: a column, or a row when horizontal."""
        count = max(1, len(self.categories))
        if self.horizontal:
            slot = area.height() / count
            height = min(slot * 0.66, 24)
            return QRectF(
                area.left(), area.top() + slot * i + (slot - height) / 2, area.width(), height
            )
        slot = area.width() / count
        width = min(slot * 0.62, 46)
        return QRectF(area.left() + slot * i + (slot - width) / 2, area.top(), width, area.height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        fm = QFontMetrics(self.font())
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(QPointF(6, fm.ascent() + 2), self.title)
        painter.setFont(self.font())
        self._draw_legend(painter, fm, text)
        area = self._plot_area()
        peak = max((self.total(i) for i in range(len(self.categories))), default=0) or 1
        painter.setPen(muted)
        if self.horizontal:
            painter.drawLine(area.topLeft(), area.bottomLeft())
        else:
            painter.drawLine(area.bottomLeft(), area.bottomRight())
        for i, category in enumerate(self.categories):
            slot = self._bar_rect(i, area)
            label = self._value_text(self.total(i)) if self.total(i) else ""
            if self.horizontal:
                x = slot.left()
                for _name, colour, values in self.series:
                    w = slot.width() * values[i] / peak
                    painter.fillRect(QRectF(x, slot.top(), w, slot.height()), colour)
                    x += w
                baseline = slot.center().y() + fm.ascent() / 2 - 1
                painter.setPen(text)
                painter.drawText(QPointF(x + 4, baseline), label)
                painter.setPen(muted)
                painter.drawText(QPointF(6, baseline), category)
                continue
            usable = area.height() - fm.height() - 4
            y = area.bottom()
            for _name, colour, values in self.series:
                h = usable * values[i] / peak
                painter.fillRect(QRectF(slot.left(), y - h, slot.width(), h), colour)
                y -= h
            centre = slot.center().x()
            painter.setPen(text)
            painter.drawText(QPointF(centre - fm.horizontalAdvance(label) / 2, y - 4), label)
            painter.setPen(muted)
            bottom = area.bottom() + fm.ascent() + 3
            painter.drawText(QPointF(centre - fm.horizontalAdvance(category) / 2, bottom), category)
        painter.end()

    def _draw_legend(self, painter: QPainter, fm: QFontMetrics, text: QColor) -> None:
        if len(self.series) < 2:
            return
        x, y = 6.0, fm.height() * 1.2
        for name, colour, _values in self.series:
            painter.fillRect(QRectF(x, y + 3, 10, 10), colour)
            painter.setPen(text)
            painter.drawText(QPointF(x + 14, y + fm.ascent()), name)
            x += 14 + fm.horizontalAdvance(name) + 14

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            area = self._plot_area()
            for i, category in enumerate(self.categories):
                if self._bar_rect(i, area).contains(event.position()):
                    QToolTip.showText(event.globalPos(), f"{category}: {self._tip(i)}", self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)


class ChartsPanel(QWidget):
    """The findings per rule and the pipeline value by stage, one above the other."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._controller = None
        self.findings_chart = BarChart(self.tr("Findings per rule"), str, parent=self)
        self.value_chart = BarChart(
            self.tr("Pipeline value by stage (EUR)"), horizontal=True, parent=self
        )
        # Charts can wait for a pause in the typing; the counts cannot.
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.update_charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.findings_chart, 1)
        layout.addWidget(self.value_chart, 1)

    def follow(self, controller) -> None:
        """Chart the session of a SessionController, a moment after each check and edit."""
        self._controller = controller
        controller.checked.connect(self.on_findings_changed)
        controller.changed.connect(self.on_findings_changed)

    def on_findings_changed(self, _what=None) -> None:
        self._timer.start()

    def update_charts(self) -> None:
        controller = self._controller
        if controller is None or controller.session is None or controller.busy:
            return  # nothing to chart yet, or the findings are being filed (`checked` follows)
        session = controller.session
        rules = session.result.summary["rules"]
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
        by_stage = session.pipeline_eur_by_stage()
        highlight = self.palette().color(self.palette().ColorRole.Highlight)
        self.value_chart.set_data(list(by_stage), [("EUR", highlight, list(by_stage.values()))])
