"""Each day's time as a bar stacked by project, with a legend of the projects and
their totals — painted with QPainter, the text in the palette's colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..domain.durations import format_duration

SWATCH = 10
LEGEND_SHARE = 0.34  # of the width, at most


@dataclass(frozen=True)
class Series:
    """One project's seconds per day, in its colour."""

    name: str
    color: QColor
    values: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.values)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, labels: list[str], series: list[Series]) -> None:
        self.labels, self.series = list(labels), [s for s in series if s.total]
        lines = [f"{label}: {format_duration(v)}" for label, v in zip(labels, self.values)]
        self.setToolTip("\n".join(lines))
        self.update()

    @property
    def values(self) -> list[int]:
        """Each day's total: the height of its whole bar."""
        return [sum(s.values[i] for s in self.series) for i in range(len(self.labels))]

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    # -- geometry ----------------------------------------------------------------

    def legend_width(self) -> int:
        if not self.series:
            return 0
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(s.name) + metrics.horizontalAdvance(format_duration(s.total))
                     for s in self.series)
        return min(int(self.width() * LEGEND_SHARE), widest + SWATCH + 34)

    def _plot(self) -> tuple[float, float, float]:
        """Left-to-right width of the bars' area, its top and its baseline."""
        metrics = self.fontMetrics()
        return self.width() - self.legend_width(), metrics.height() + 4, self.height() - metrics.height() - 6

    def bar_rects(self) -> list[QRectF]:
        """Where each day's whole bar is drawn (empty rectangles for zero days)."""
        values = self.values
        if not values:
            return []
        width, top, bottom = self._plot()
        slot = width / len(values)
        peak = max(values) or 1
        return [QRectF(i * slot + slot * 0.2, bottom - (bottom - top) * v / peak, slot * 0.6, (bottom - top) * v / peak)
                for i, v in enumerate(values)]

    def segment_rects(self) -> list[tuple[int, int, QRectF]]:
        """(day, series index, rectangle) for each project's part of each bar, bottom up."""
        out = []
        values = self.values
        peak = max(values, default=0) or 1
        _, top, bottom = self._plot()
        for day, bar in enumerate(self.bar_rects()):
            base = bottom
            for k, series in enumerate(self.series):
                height = (bottom - top) * series.values[day] / peak
                if height > 0:
                    out.append((day, k, QRectF(bar.left(), base - height, bar.width(), height)))
                    base -= height
        return out

    def _legend_fit(self) -> int:
        """How many projects the legend names; with more than fit, the last line says
        how many are left out."""
        fit = max(1, int((self.height() - 4) // (self.fontMetrics().height() + 3)))
        return len(self.series) if len(self.series) <= fit else fit - 1

    def legend_rows(self) -> list[tuple[Series, QRectF]]:
        """The legend's lines that fit, with the rectangle of each swatch."""
        left, line = self.width() - self.legend_width() + 8, self.fontMetrics().height() + 3
        return [(s, QRectF(left, 4 + i * line + (line - SWATCH) / 2, SWATCH, SWATCH))
                for i, s in enumerate(self.series[:self._legend_fit()])]

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette, metrics = self.palette(), self.fontMetrics()
        text_color = palette.color(QPalette.ColorRole.WindowText)
        width, _, baseline = self._plot()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, int(baseline), int(width), int(baseline))
        for _day, k, rect in self.segment_rects():
            painter.fillRect(rect, self.series[k].color)
        slot = width / max(1, len(self.labels))
        painter.setPen(text_color)
        for i, (rect, value) in enumerate(zip(self.bar_rects(), self.values)):
            text = format_duration(value)
            if value and metrics.horizontalAdvance(text) <= slot:
                above = QRectF(i * slot, rect.top() - metrics.height() - 2, slot, metrics.height())
                painter.drawText(above, Qt.AlignmentFlag.AlignCenter, text)
        widest, every = max((metrics.horizontalAdvance(t) for t in self.labels), default=0) + 4, 1
        while every < len(self.labels) and widest > slot * every:  # a month: a label every few days
            every += 1
        for i, label in enumerate(self.labels):
            if i % every == 0:
                painter.drawText(QRectF(i * slot, baseline + 3, slot * every, metrics.height()),
                                 Qt.AlignmentFlag.AlignLeft if every > 1 else Qt.AlignmentFlag.AlignCenter, label)
        for series, swatch in self.legend_rows():
            painter.fillRect(swatch, series.color)
            line = QRectF(swatch.right() + 6, swatch.center().y() - metrics.height() / 2,
                          self.width() - swatch.right() - 10, metrics.height())
            total = format_duration(series.total)
            name = metrics.elidedText(series.name, Qt.TextElideMode.ElideMiddle,
                                      int(line.width()) - metrics.horizontalAdvance(total) - 10)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, total)
        left_out = len(self.series) - self._legend_fit()
        if left_out:
            line_height = metrics.height() + 3
            more = QRectF(self.width() - self.legend_width() + 8, 4 + self._legend_fit() * line_height,
                          self.legend_width() - 10, line_height)
            painter.drawText(more, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("+%n more", "", left_out))
        painter.end()
