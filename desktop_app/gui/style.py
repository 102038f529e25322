"""Severity colours and marks that read on a light and a dark palette alike.

Cells are tinted with translucent colours laid over the palette's own base, and text
keeps the palette's text colour, so nothing assumes a light background. Solid colours
(icons, chart bars) are mid-tones that stand out on white and on near-black.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from desktop_app.gui.cells import SEVERITY_LABELS

SEVERITIES = tuple(SEVERITY_LABELS)

_SOLID = {
    "error": (211, 47, 47),
    "warning": (239, 140, 0),
    "fixed": (30, 136, 229),
    "pass": (46, 160, 67),
}
_TINT_ALPHA = {"error": 85, "warning": 100, "fixed": 55, "pass": 70}


def solid(kind: str) -> QColor:
    """A colour for marks and bars: error, warning, fixed or pass."""
    return QColor(*_SOLID[kind])


def tint(kind: str, strength: float = 1.0) -> QColor:
    """A see-through fill for cells and banners; the palette's base shows through."""
    colour = solid(kind)
    colour.setAlpha(min(255, int(_TINT_ALPHA[kind] * strength)))
    return colour


@cache
def mark_icon(kind: str) -> QIcon:
    """A round mark: a cross for errors, ! for warnings, a tick for fixed and passed."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(solid(kind))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    pen = QPen(QColor("white"))
    pen.setWidthF(3.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if kind == "error":
        painter.drawLine(QPointF(11, 11), QPointF(21, 21))
        painter.drawLine(QPointF(21, 11), QPointF(11, 21))
    elif kind == "warning":
        painter.drawLine(QPointF(16, 9), QPointF(16, 18))
        painter.drawPoint(QPointF(16, 23))
    else:
        path = QPainterPath(QPointF(10, 16.5))
        path.lineTo(QPointF(14.5, 21))
        path.lineTo(QPointF(22.5, 11.5))
        painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)
