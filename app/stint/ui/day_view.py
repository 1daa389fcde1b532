"""The Day tab: one local day's entries, with add, edit and delete by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..domain.model import SYNC_CONFLICT, SYNC_FAILED, SYNC_LOCAL, SYNC_LOCAL_ONLY, SYNC_PENDING, SYNC_SYNCED
from ..domain.timesheet import format_duration
from ..domain.weeks import local_midnight
from ..store.queries import entries_between
from .entry_dialog import EntryDialog, EntryRow
from .notice import Notice
from ..services import Services

Index = QModelIndex | QPersistentModelIndex
RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}
START, END, DURATION, TASK, NOTE, SYNC = range(6)


def load_day(services: Services, day: date) -> list[EntryRow]:
    begin = local_midnight(day, services.tz)
    end = local_midnight(day + timedelta(days=1), services.tz)
    with services.db.read() as conn:
        found = entries_between(conn, begin, end)
    return [EntryRow(e.id, e.task_id, e.task.title, e.started_at, e.ended_at, e.note or "", e.sync) for e in found]


class DayModel(QAbstractTableModel):
    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.rows: list[EntryRow] = []
        self.now = services.clock.now()
        self.day: date | None = None
        self._headers = [self.tr("Start"), self.tr("End"), self.tr("Duration"), self.tr("Task"), self.tr("Note"),
                         self.tr("Sync")]
        self._sync_names = {
            SYNC_LOCAL: self.tr("local task"), SYNC_PENDING: self.tr("waiting to sync"), SYNC_SYNCED: self.tr("synced"),
            SYNC_LOCAL_ONLY: self.tr("local only"), SYNC_FAILED: self.tr("failed"), SYNC_CONFLICT: self.tr("conflict"),
        }

    def set_rows(self, rows: list[EntryRow], now: datetime) -> None:
        self.now = now
        if rows == self.rows:
            self.tick(now)
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        self.now = now
        for i, row in enumerate(self.rows):
            if row.ended_at is None:
                self.dataChanged.emit(self.index(i, DURATION), self.index(i, DURATION))

    def seconds(self, row: EntryRow) -> int:
        end = row.ended_at or max(self.now, row.started_at)
        return int((end - row.started_at).total_seconds())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == START:
                return self._clock(row.started_at)
            if col == END:
                return self._clock(row.ended_at) if row.ended_at else self.tr("running")
            if col == DURATION:
                return format_duration(self.seconds(row))
            if col == TASK:
                return row.task
            if col == NOTE:
                return row.note
            return self._sync_names.get(row.sync, row.sync)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _clock(self, moment: datetime) -> str:
        """HH:MM, with the date when the moment falls on another day than the one shown."""
        local = moment.astimezone(self.services.tz)
        return f"{local:%H:%M}" if self.day in (None, local.date()) else f"{local:%m-%d %H:%M}"


class DayView(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = DayModel(services, self)
        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        prev_button, today_button, next_button = (QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("Today")),
                                                  QPushButton(self.tr("Next ▶")))
        prev_button.clicked.connect(lambda: self.shift(-1))
        next_button.clicked.connect(lambda: self.shift(1))
        today_button.clicked.connect(self.go_today)
        self.total_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button, self.edit_button, self.delete_button = (
            QPushButton(self.tr("Add…")), QPushButton(self.tr("Edit…")), QPushButton(self.tr("Delete")))
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.notice = Notice()

        top = QHBoxLayout()
        for w in (prev_button, self.date_edit, next_button, today_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.total_label)
        bottom = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.delete_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        services.bridge.changed.connect(self.on_changed)
        self.go_today()

    @property
    def day(self) -> date:
        return self.date_edit.date().toPython()

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def shift(self, days: int) -> None:
        self.set_day(self.day + timedelta(days=days))

    def go_today(self) -> None:
        today = self.services.clock.now().astimezone(self.services.tz).date()
        if today == self.day:
            self.refresh()
        self.set_day(today)

    def on_changed(self, what: str) -> None:
        if what in RELOAD_ON:
            self.refresh()

    def refresh(self) -> None:
        self.model.day = self.day
        self.model.set_rows(load_day(self.services, self.day), self.services.clock.now())
        self._show_total()

    def tick(self, now: datetime) -> None:
        self.model.tick(now)
        self._show_total()

    def _show_total(self) -> None:
        begin = local_midnight(self.day, self.services.tz)
        end = local_midnight(self.day + timedelta(days=1), self.services.tz)
        total = 0
        for row in self.model.rows:
            stop = row.ended_at or max(self.model.now, row.started_at)
            total += max(0, int((min(stop, end) - max(row.started_at, begin)).total_seconds()))
        self.total_label.setText(self.tr("Total: %1").replace("%1", format_duration(total)))

    def selected(self) -> EntryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_entry(self, entry_id: str) -> bool:
        for i, row in enumerate(self.model.rows):
            if row.id == entry_id:
                self.table.selectRow(i)
                return True
        return False

    def entry_dialog(self, entry: EntryRow | None = None) -> EntryDialog:
        return EntryDialog(self.services, entry, self.day, self)

    def add_entry(self) -> None:
        if self.entry_dialog().exec():
            self.message.emit(self.tr("Entry added"))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is not None and self.entry_dialog(entry).exec():
            self.message.emit(self.tr("Entry changed"))

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete entry"),
            self.tr("Delete the entry of %1 (%2)?").replace("%1", entry.task).replace(
                "%2", format_duration(self.model.seconds(entry))),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.tracker.delete_entry(entry.id)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.notice.clear_message()
        self.message.emit(self.tr("Entry deleted"))
