"""Split: an entry cut in two at a chosen time — the same task and note on both
sides, one transaction (Tracker.split_entry)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDateTimeEdit, QDialog, QFormLayout, QLabel, QWidget

from ..domain.day_slots import DRAG_STEP, SHORTEST, snapped
from ..domain.errors import StintError
from ..domain.text import one_line
from ..domain.timesheet import Span
from ..services import Services
from .day_model import task_label
from .entry_dialog import FORMAT, from_qdatetime, lay_out, to_qdatetime
from .notice import Notice


class SplitDialog(QDialog):
    def __init__(self, services: Services, entry: Span, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.entry = services, entry
        self.setWindowTitle(self.tr("Split entry"))
        end = entry.end or services.clock.now()
        middle = entry.start + (end - entry.start) / 2
        origin = entry.start.astimezone(services.tz).replace(minute=0, second=0)  # snap on the local clock
        at = snapped(middle, origin, entry.start + SHORTEST, max(entry.start + SHORTEST, end - SHORTEST), DRAG_STEP)
        self.at = QDateTimeEdit(to_qdatetime(at, services.tz), displayFormat=FORMAT, calendarPopup=True)
        self.at.dateTimeChanged.connect(lambda _v: self._show_parts())
        self.parts = QLabel()
        self.notice = Notice()
        form = QFormLayout()
        form.addRow(self.tr("Entry"), QLabel(one_line(task_label(entry))))
        form.addRow(self.tr("Split &at"), self.at)
        form.addRow(self.tr("Gives"), self.parts)
        self.buttons = lay_out(self, form, self.notice)
        self._show_parts()

    def chosen(self) -> datetime:
        return from_qdatetime(self.at.dateTime(), self.services.tz)

    def _clock(self, moment: datetime) -> str:
        return f"{moment.astimezone(self.services.tz):%H:%M}"

    def _show_parts(self) -> None:
        at, entry = self.chosen(), self.entry
        end = self._clock(entry.end) if entry.end is not None else self.tr("running")
        self.parts.setText(f"{self._clock(entry.start)}–{self._clock(at)}  +  {self._clock(at)}–{end}")

    def accept(self) -> None:
        try:
            self.services.tracker.split_entry(self.entry.entry_id, self.chosen())
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        super().accept()


