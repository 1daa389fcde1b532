"""Adding or editing a time entry by hand. Times are typed in the user's zone (the
Settings' zone, not necessarily the machine's); the Tracker refuses overlaps and an
end before the start, and the dialog stays open showing why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from .notice import Notice
from ..services import Services

FORMAT = "yyyy-MM-dd HH:mm"


@dataclass(frozen=True)
class EntryRow:
    id: str
    task_id: int
    task: str
    started_at: datetime
    ended_at: datetime | None
    note: str
    sync: str


def to_qdatetime(moment: datetime, tz: tzinfo) -> QDateTime:
    local = moment.astimezone(tz)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime, tz: tzinfo) -> datetime:
    naive = datetime.combine(value.date().toPython(), value.time().toPython().replace(microsecond=0))
    return naive.replace(tzinfo=tz).astimezone(timezone.utc)


class EntryDialog(QDialog):
    def __init__(self, services: Services, entry: EntryRow | None = None, day: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.entry = services, entry
        tz = services.tz
        self.setWindowTitle(self.tr("Edit entry") if entry else self.tr("Add entry"))
        self.task = QComboBox()
        self.task.setEditable(True)
        self.task.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        with services.db.read() as conn:
            choices = conn.execute(
                "SELECT id, title FROM task ORDER BY last_started_at DESC NULLS LAST, title").fetchall()
        for task_id, title in choices:
            self.task.addItem(title, task_id)
        completer = self.task.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.start = QDateTimeEdit(displayFormat=FORMAT, calendarPopup=True)
        self.end = QDateTimeEdit(displayFormat=FORMAT, calendarPopup=True)
        self.note = QLineEdit()
        if entry is not None:
            self.task.setCurrentIndex(self.task.findData(entry.task_id))
            self.task.setEnabled(False)  # an entry stays with its task; delete and add to move it
            self.start.setDateTime(to_qdatetime(entry.started_at, tz))
            if entry.ended_at is None:
                self.end.setEnabled(False)
                self.end.setSpecialValueText(self.tr("running"))
                self.end.setDateTime(self.end.minimumDateTime())
            else:
                self.end.setDateTime(to_qdatetime(entry.ended_at, tz))
            self.note.setText(entry.note)
        else:
            day = day or services.clock.now().astimezone(tz).date()
            begin = datetime.combine(day, time(9, 0))
            self.start.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(9, 0)))
            after = begin + timedelta(hours=1)
            self.end.setDateTime(QDateTime(QDate(after.year, after.month, after.day), QTime(after.hour, 0)))
        self.notice = Notice()
        form = QFormLayout()
        form.addRow(self.tr("&Task"), self.task)
        form.addRow(self.tr("&Start"), self.start)
        form.addRow(self.tr("&End"), self.end)
        form.addRow(self.tr("&Note"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)

    def set_times(self, start: datetime, end: datetime | None = None) -> None:
        self.start.setDateTime(to_qdatetime(start, self.services.tz))
        if end is not None:
            self.end.setDateTime(to_qdatetime(end, self.services.tz))

    def accept(self) -> None:
        tz, tracker = self.services.tz, self.services.tracker
        start = from_qdatetime(self.start.dateTime(), tz)
        end = None if self.entry is not None and self.entry.ended_at is None else from_qdatetime(self.end.dateTime(), tz)
        try:
            if self.entry is None:
                task_id = self._chosen_task()
                if task_id is None:
                    self.notice.show_error(self.tr("Choose a task from the list."))
                    return
                tracker.log(str(task_id), start, end, self.note.text().strip())  # type: ignore[arg-type]
            else:
                tracker.edit_entry(self.entry.id, start=start, end=end, note=self.note.text().strip())
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        super().accept()

    def _chosen_task(self) -> int | None:
        if self.task.currentIndex() >= 0 and self.task.currentText() == self.task.itemText(self.task.currentIndex()):
            return self.task.currentData()  # two tasks may share a title: the picked one wins
        index = self.task.findText(self.task.currentText(), Qt.MatchFlag.MatchFixedString)
        return self.task.itemData(index) if index >= 0 else None
