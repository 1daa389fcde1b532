"""Adding or editing a time entry by hand: its task (any task: an edit may move the
entry to another one), its start, and either its end or its duration (`1:30`, `90m`
— typing one sets the other), and a note.

Times are typed in the user's zone (the Settings' zone, not necessarily the
machine's); the Tracker refuses overlaps and an end before the start, and the dialog
stays open showing why. Everything changed is one Tracker call: one transaction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ..domain.durations import parse_duration
from ..domain.errors import StintError
from ..domain.timesheet import Span, format_duration
from ..services import Services
from ..store.rows import Entry
from .notice import Notice
from .task_picker import TaskPicker

FORMAT = "yyyy-MM-dd HH:mm"


def to_qdatetime(moment: datetime, tz: tzinfo) -> QDateTime:
    local = moment.astimezone(tz)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime, tz: tzinfo) -> datetime:
    naive = datetime.combine(value.date().toPython(), value.time().toPython().replace(microsecond=0))
    return naive.replace(tzinfo=tz).astimezone(timezone.utc)


def lay_out(dialog: QDialog, form: QFormLayout, notice: Notice) -> QDialogButtonBox:
    """The form, the notice line under it and OK/Cancel: the entry dialogs' layout."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(notice)
    layout.addWidget(buttons)
    return buttons


class EntryDialog(QDialog):
    def __init__(self, services: Services, entry: Span | None = None, day: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.entry = services, entry
        self.saved: Entry | None = None  # what the Tracker stored, once accepted (a moved entry has a new id)
        tz = services.tz
        self.setWindowTitle(self.tr("Edit entry") if entry else self.tr("Add entry"))
        self.setMinimumWidth(480)  # room for a task's name
        self.task = TaskPicker(services)
        self.start = QDateTimeEdit(displayFormat=FORMAT, calendarPopup=True)
        self.end = QDateTimeEdit(displayFormat=FORMAT, calendarPopup=True)
        self.duration = QLineEdit(placeholderText=self.tr("1:30, 90m or 1.5h"))
        self.duration.setToolTip(self.tr("How long: 1:30, 90m, 1h30m or 1.5h. Sets the end."))
        self.note = QLineEdit()
        if entry is not None:
            self.task.set_task(entry.task_key)
            self.start.setDateTime(to_qdatetime(entry.start, tz))
            if entry.end is None:
                self.end.setEnabled(False)
                self.end.setSpecialValueText(self.tr("running"))
                self.end.setDateTime(self.end.minimumDateTime())
                self.duration.setEnabled(False)
                self.duration.setText(format_duration(int((services.clock.now() - entry.start).total_seconds())))
            else:
                self.set_times(entry.start, entry.end)
            self.note.setText(entry.note)
        else:
            day = day or services.clock.now().astimezone(tz).date()
            nine = datetime(day.year, day.month, day.day, 9, tzinfo=tz)
            self.set_times(nine, nine + timedelta(hours=1))
        self.start.dateTimeChanged.connect(self._show_duration)
        self.end.dateTimeChanged.connect(self._show_duration)
        self.duration.textEdited.connect(self._duration_typed)
        self.notice = Notice()
        form = QFormLayout()
        form.addRow(self.tr("&Task"), self.task)
        form.addRow(self.tr("&Start"), self.start)
        form.addRow(self.tr("&End"), self.end)
        form.addRow(self.tr("&Duration"), self.duration)
        form.addRow(self.tr("&Note"), self.note)
        self.buttons = lay_out(self, form, self.notice)

    def set_times(self, start: datetime, end: datetime | None = None) -> None:
        self.start.setDateTime(to_qdatetime(start, self.services.tz))
        if end is not None:
            self.end.setDateTime(to_qdatetime(end, self.services.tz))
        self._show_duration()

    def _running(self) -> bool:
        return self.entry is not None and self.entry.end is None

    def _show_duration(self) -> None:
        if self._running():
            return
        seconds = int((from_qdatetime(self.end.dateTime(), self.services.tz)
                       - from_qdatetime(self.start.dateTime(), self.services.tz)).total_seconds())
        self.duration.setText(format_duration(seconds) if seconds > 0 else "")

    def _duration_typed(self, text: str) -> None:
        """A duration that reads sets the end; one that does not yet (half typed) waits."""
        try:
            seconds = parse_duration(text)
        except StintError:
            return
        tz = self.services.tz
        end = from_qdatetime(self.start.dateTime(), tz) + timedelta(seconds=seconds)
        self.end.blockSignals(True)
        self.end.setDateTime(to_qdatetime(end, tz))
        self.end.blockSignals(False)

    def accept(self) -> None:
        tz, tracker = self.services.tz, self.services.tracker
        start = from_qdatetime(self.start.dateTime(), tz)
        end = None if self._running() else from_qdatetime(self.end.dateTime(), tz)
        task_id = self.task.chosen()
        try:
            if task_id is None:
                self.notice.show_error(self.tr("Choose a task from the list."))
                return
            if not self._running() and self.duration.text().strip():
                parse_duration(self.duration.text())  # a duration that does not read is said, not ignored
            if self.entry is None:
                assert end is not None
                self.saved = tracker.log(str(task_id), start, end, self.note.text().strip())
            else:
                moved = str(task_id) if task_id != self.entry.task_key else None
                self.saved = tracker.edit_entry(self.entry.entry_id, start=start, end=end,
                                                note=self.note.text().strip(), task=moved)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        super().accept()
