"""Seven day totals as bars, painted with QPainter in the palette's colours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain.timesheet import format_duration


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[int] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_values(self, labels: list[str], values: list[int]) -> None:
        self.labels, self.values = list(labels), list(values)
        self.setToolTip("\n".join(f"{label}: {format_duration(v)}" for label, v in zip(labels, values)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 160)

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (empty rectangles for zero days)."""
        if not self.values:
            return []
        metrics = self.fontMetrics()
        top, bottom = metrics.height() + 4, self.height() - metrics.height() - 6
        slot = self.width() / len(self.values)
        peak = max(self.values) or 1
        rects = []
        for i, value in enumerate(self.values):
            height = (bottom - top) * value / peak
            rects.append(QRectF(i * slot + slot * 0.2, bottom - height, slot * 0.6, height))
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        slot = self.width() / max(1, len(self.values))
        bar_color = palette.color(QPalette.ColorRole.Highlight)
        text_color = palette.color(QPalette.ColorRole.WindowText)
        baseline = self.height() - metrics.height() - 6
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, int(baseline), self.width(), int(baseline))
        for i, (rect, value) in enumerate(zip(self.bar_rects(), self.values)):
            painter.fillRect(rect, bar_color)
            painter.setPen(text_color)
            if value:
                above = QRectF(i * slot, rect.top() - metrics.height() - 2, slot, metrics.height())
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, format_duration(value))
            if i < len(self.labels):
                below = QRectF(i * slot, baseline + 3, slot, metrics.height())
                painter.drawText(below, Qt.AlignmentFlag.AlignCenter, self.labels[i])
        painter.end()
