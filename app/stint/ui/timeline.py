"""The Day view's timeline: the day's 24 hours top to bottom, each entry's part as a
block in its project's colour, the gaps left blank.

A click on a gap proposes an entry there (`day_slots.slot_at`); a click on a block
selects its entry, a double click edits it; dragging a block's top or bottom edge
changes that time, snapped to five minutes and kept off the neighbours and the
future (`day_slots.edge_range`). The widget only paints and tells: the Day view runs
the Tracker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..domain.day_slots import edge_range, slot_at, snapped
from ..domain.text import one_line
from ..domain.timesheet import Part, format_duration
from .colors import contrast_text, project_colors
from .day_model import task_label

EDGE_GRAB = 4  # pixels either side of an edge that pick it up
HOUR = timedelta(hours=1)


@dataclass
class Drag:
    part: Part
    edge: str  # "start" | "end"
    low: datetime
    high: datetime
    to: datetime


class DayTimeline(QWidget):
    gap_clicked = Signal(object, object)  # start, end (UTC): the proposed entry
    entry_clicked = Signal(str)
    entry_activated = Signal(str)
    edge_dragged = Signal(str, str, object)  # entry id, "start" | "end", the new UTC instant

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_start = self.day_end = self.now = datetime.min
        self.tz: tzinfo | None = None
        self.parts: list[Part] = []
        self.selected: str | None = None
        self.drag: Drag | None = None
        self._colors: dict[str | None, QColor] = {}
        self.setMouseTracking(True)
        self.setMinimumSize(130, 240)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Click a free time to add an entry there; drag an entry's edge to change it"))

    def sizeHint(self) -> QSize:
        return QSize(200, 480)

    def show_day(self, day_start: datetime, day_end: datetime, tz: tzinfo, parts: list[Part], now: datetime) -> None:
        self.day_start, self.day_end, self.tz, self.now = day_start, day_end, tz, now
        self.parts = list(parts)
        self._colors = project_colors(p.span.project for p in parts)
        self.drag = None
        self.update()

    def set_selected(self, entry_id: str | None) -> None:
        self.selected = entry_id
        self.update()

    def color_of(self, part: Part) -> QColor:
        return self._colors.get(part.span.project or None, QColor("#a5a5a5"))

    # -- geometry ----------------------------------------------------------------

    def _area(self) -> QRectF:
        """The strip itself: right of the hour labels, half a line in from top and bottom
        so that 00:00 and 24:00 can be labelled."""
        metrics = self.fontMetrics()
        left, half = metrics.horizontalAdvance("24:00") + 8, metrics.height() / 2 + 1
        return QRectF(left, half, max(10.0, self.width() - left - 4), max(10.0, self.height() - 2 * half))

    def label_every(self) -> int:
        """Hours between two labels: as few as the height allows without overlap."""
        per_hour = self._area().height() / 24
        return next((n for n in (1, 2, 3, 4, 6, 12) if n * per_hour >= 1.4 * self.fontMetrics().height()), 24)

    def y_of(self, moment: datetime) -> float:
        area = self._area()
        length = (self.day_end - self.day_start).total_seconds() or 1
        return area.top() + area.height() * (moment - self.day_start).total_seconds() / length

    def moment_at(self, y: float) -> datetime:
        area = self._area()
        share = min(1.0, max(0.0, (y - area.top()) / (area.height() or 1)))
        return self.day_start + (self.day_end - self.day_start) * share

    def block_rect(self, part: Part) -> QRectF:
        area = self._area()
        start, end = part.start, part.end
        if self.drag is not None and self.drag.part is part:
            start, end = (self.drag.to, end) if self.drag.edge == "start" else (start, self.drag.to)
        top, bottom = self.y_of(start), self.y_of(end)
        return QRectF(area.left(), top, area.width(), max(2.0, bottom - top))

    def part_at(self, y: float) -> Part | None:
        return next((p for p in self.parts if self.block_rect(p).top() <= y <= self.block_rect(p).bottom()), None)

    def edge_at(self, y: float) -> tuple[Part, str] | None:
        """The draggable edge under `y`: a block's start (unless the entry began the day
        before) or its end (unless it goes on past midnight or is running). Where two
        entries touch, the side of the line the pointer is on says which: just above
        it the first one's end, just below it the second one's start."""
        near: list[tuple[float, Part, str]] = []
        for part in self.parts:
            rect = self.block_rect(part)
            if not part.continued and abs(y - rect.top()) <= EDGE_GRAB:
                near.append((0 if y >= rect.top() else 1, part, "start"))
            if not part.continues and not part.running and abs(y - rect.bottom()) <= EDGE_GRAB:
                near.append((0 if y <= rect.bottom() else 1, part, "end"))
        if not near:
            return None
        _outside, part, edge = min(near, key=lambda hit: hit[0])
        return part, edge

    def _busy(self, without: Part | None = None) -> list[tuple[datetime, datetime]]:
        return [(p.start, p.end) for p in self.parts if p is not without]

    # -- mouse -------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.tz is None:
            return super().mousePressEvent(event)
        y = event.position().y()
        grabbed = self.edge_at(y)
        if grabbed is not None:
            part, edge = grabbed
            low, high = edge_range(self._busy(part), part.span.start, part.span.end, edge, self.day_start,
                                   self.day_end, self.now)
            self.drag = Drag(part, edge, low, high, part.start if edge == "start" else part.end)
            self.entry_clicked.emit(part.span.entry_id)
            return
        part = self.part_at(y)
        if part is not None:
            self.entry_clicked.emit(part.span.entry_id)
            return
        slot = slot_at(self._busy(), self.moment_at(y), self.day_start, self.day_end, self.now)
        if slot is not None:
            self.gap_clicked.emit(*slot)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        y = event.position().y()
        if self.drag is not None:
            self.drag.to = snapped(self.moment_at(y), self.day_start, self.drag.low, self.drag.high)
            QToolTip.showText(event.globalPosition().toPoint(), self._clock(self.drag.to), self)
            self.update()
            return
        if self.edge_at(y) is not None:
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        elif self.part_at(y) is None and self.tz is not None and slot_at(
                self._busy(), self.moment_at(y), self.day_start, self.day_end, self.now) is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self.drag = self.drag, None
        if drag is None:
            return super().mouseReleaseEvent(event)
        QToolTip.hideText()
        self.update()
        before = drag.part.start if drag.edge == "start" else drag.part.end
        if drag.to != before:
            self.edge_dragged.emit(drag.part.span.entry_id, drag.edge, drag.to)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        part = self.part_at(event.position().y())
        if part is not None:
            self.entry_activated.emit(part.span.entry_id)

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.ToolTip and self.tz is not None:
            y = event.pos().y()
            part = self.part_at(y)
            if part is not None:
                text = f"{one_line(task_label(part.span))}\n{self._clock(part.start)}–{self._clock(part.end)}" \
                       f" ({format_duration(part.tracked)})"
                if part.span.note:
                    text += f"\n{one_line(part.span.note)}"
                QToolTip.showText(event.globalPos(), text, self)
                return True
            slot = slot_at(self._busy(), self.moment_at(y), self.day_start, self.day_end, self.now)
            if slot is not None:
                QToolTip.showText(event.globalPos(), self.tr("Click to add an entry: %1–%2").replace(
                    "%1", self._clock(slot[0])).replace("%2", self._clock(slot[1])), self)
                return True
        return super().event(event)

    def _clock(self, moment: datetime) -> str:
        return "24:00" if moment == self.day_end else f"{moment.astimezone(self.tz):%H:%M}"

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.tz is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette, metrics, area = self.palette(), self.fontMetrics(), self._area()
        painter.fillRect(area, palette.color(QPalette.ColorRole.Base))
        if self.day_start < self.now < self.day_end:  # the future, greyed
            painter.fillRect(QRectF(area.left(), self.y_of(self.now), area.width(), area.bottom() - self.y_of(self.now)),
                             palette.color(QPalette.ColorRole.AlternateBase))
        elif self.now <= self.day_start:
            painter.fillRect(area, palette.color(QPalette.ColorRole.AlternateBase))
        every = self.label_every()
        moment, hour = self.day_start, 0
        while moment <= self.day_end:  # UTC hours: a 23- or 25-hour day keeps its true length
            y = self.y_of(moment)
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            if hour % every == 0:
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                label = QRectF(0, y - metrics.height() / 2, area.left() - 4, metrics.height())
                painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 self._clock(moment))
            moment, hour = moment + HOUR, hour + 1
        for part in self.parts:
            self._paint_block(painter, part)
        if self.day_start < self.now < self.day_end:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            y = self.y_of(self.now)
            painter.drawLine(QPointF(area.left() - 4, y), QPointF(area.right(), y))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(area)
        painter.end()

    def _paint_block(self, painter: QPainter, part: Part) -> None:
        rect = self.block_rect(part).adjusted(1, 1, -1, 0)  # a hairline between touching entries
        color = self.color_of(part)
        if part.running:
            color = color.lighter(125)
        painter.fillRect(rect, color)
        if part.span.entry_id == self.selected:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if rect.height() >= self.fontMetrics().height():
            painter.setPen(contrast_text(color))
            # The task alone: the colour says the project, the tooltip says both.
            text = self.fontMetrics().elidedText(one_line(part.span.task), Qt.TextElideMode.ElideMiddle,
                                                 int(rect.width()) - 6)
            painter.drawText(rect.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
