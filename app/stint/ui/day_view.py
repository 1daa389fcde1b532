"""The Day tab: one local day's entries (the part of each that falls on the day)
beside its 24-hour timeline; add, edit, continue, split and delete.

The rows and the total come from the report maths (`day_model.py`); the free slots
Add and a click on the timeline propose come from `domain.day_slots`. Every change
is one Tracker call, so one transaction with its outbox ops.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QMenu, QMessageBox, QPushButton,
    QStyle, QTableView, QVBoxLayout, QWidget,
)

from ..domain.day_slots import add_slot
from ..domain.errors import StintError
from ..domain.periods import Period
from ..domain.timesheet import Span, format_elapsed
from ..services import Services
from ..store.rows import Entry
from ..timesheet.build import spans_in
from .day_model import DURATION, END, NOTE, PART_ROLE, START, SYNC, TASK, DayModel, task_label
from .entry_dialog import EntryDialog
from .list_model import ElideRight, read_only_table, step_keys
from .notice import Notice
from .timeline import DayTimeline

RELOAD_ON = {"all", "timer", "entries", "tasks", "sync", "settings"}
__all__ = ["DURATION", "END", "NOTE", "START", "SYNC", "TASK", "DayView"]


class DayView(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = DayModel(self)
        self.model.flag_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="dddd yyyy-MM-dd")
        self.date_edit.dateChanged.connect(lambda _d: self.refresh())
        longest = max((self.locale().dayName(d) for d in range(1, 8)), key=self.fontMetrics().horizontalAdvance)
        self.date_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance(f"{longest} 2026-12-31") + 48)
        prev_button, today_button, next_button = (QPushButton(self.tr("◀ Previous")), QPushButton(self.tr("Today")),
                                                  QPushButton(self.tr("Next ▶")))
        prev_button.clicked.connect(lambda: self.shift(-1))
        next_button.clicked.connect(lambda: self.shift(1))
        today_button.clicked.connect(self.go_today)
        step_keys(prev_button, next_button, today_button)
        self.total_label = QLabel()
        self.table = self._make_table()
        self.timeline = DayTimeline()
        self.timeline.entry_clicked.connect(self.select_entry)
        self.timeline.entry_activated.connect(lambda entry_id: self.select_entry(entry_id) and self.edit_selected())
        self.timeline.gap_clicked.connect(self.add_between)
        self.timeline.edge_dragged.connect(self.move_edge)
        self.add_button, self.edit_button, self.continue_button, self.split_button, self.delete_button = (
            QPushButton(self.tr("Add…")), QPushButton(self.tr("Edit…")), QPushButton(self.tr("Continue")),
            QPushButton(self.tr("Split…")), QPushButton(self.tr("Delete")))
        self.continue_button.setToolTip(self.tr("Start a new timer on this entry's task, with its note"))
        self.split_button.setToolTip(self.tr("Cut this entry in two at a time you choose"))
        for button, slot in ((self.add_button, self.add_entry), (self.edit_button, self.edit_selected),
                             (self.continue_button, self.continue_selected), (self.split_button, self.split_selected),
                             (self.delete_button, self.delete_selected)):
            button.clicked.connect(slot)
        self.notice = Notice()

        top = QHBoxLayout()
        for w in (prev_button, self.date_edit, next_button, today_button):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.total_label)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addWidget(self.timeline)
        bottom = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.continue_button, self.split_button, self.delete_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        services.bridge.changed.connect(self.on_changed)
        self.go_today()

    def _make_table(self) -> QTableView:
        table = read_only_table(self.model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setItemDelegateForColumn(NOTE, ElideRight(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (START, END, DURATION, SYNC):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TASK, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda _i: self.edit_selected())
        for key, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected),
                          (QKeySequence(Qt.Key.Key_Return), self.edit_selected)):
            QShortcut(key, table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        return table

    # -- the day shown -----------------------------------------------------------

    @property
    def day(self) -> date:
        return self.date_edit.date().toPython()

    @property
    def period(self) -> Period:
        return Period(self.day, self.day, self.services.tz)

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
        chosen = self.selected()
        period, now = self.period, self.services.clock.now()
        self.model.load(period, spans_in(self.services.db, period), now)
        if chosen is not None:
            self.select_entry(chosen.entry_id)
        self._show(now)

    def tick(self, now: datetime) -> None:
        if any(span.end is None for span in self.model.spans):
            self.model.tick(now)
            self._show(now)

    def _show(self, now: datetime) -> None:
        period = self.model.period
        assert period is not None
        self.total_label.setText(self.tr("Total: %1").replace("%1", format_elapsed(self.model.total)))
        self.timeline.show_day(period.start, period.end, period.tz, self.model.parts, now)
        self._selection_changed()

    # -- selection ---------------------------------------------------------------

    def selected(self) -> Span | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.parts[rows[0].row()].span if rows else None

    def select_entry(self, entry_id: str) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.timeline.set_selected(chosen.entry_id if chosen else None)
        for button in (self.edit_button, self.split_button, self.delete_button):
            button.setEnabled(chosen is not None)
        self.continue_button.setEnabled(chosen is not None and chosen.end is not None)

    def _context_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        part = index.data(PART_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), self.edit_selected)
        continue_action = menu.addAction(self.tr("Continue"), self.continue_selected)
        continue_action.setEnabled(part.span.end is not None)
        menu.addAction(self.tr("Split…"), self.split_selected)
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.popup(self.table.viewport().mapToGlobal(at))

    # -- changes -----------------------------------------------------------------

    def entry_dialog(self, entry: Span | None = None) -> EntryDialog:
        return EntryDialog(self.services, entry, self.day, self)

    def _busy(self) -> list[tuple[datetime, datetime]]:
        return [(part.start, part.end) for part in self.model.parts]

    def add_entry(self) -> None:
        """Add, proposing the first free slot of the day shown (after its last entry)."""
        period = self.period
        start, end = add_slot(self._busy(), self.day, period.tz, period.start, period.end, self.services.clock.now())
        self.add_between(start, end)

    def add_between(self, start: datetime, end: datetime) -> None:
        dialog = self.entry_dialog()
        dialog.set_times(start, end)
        if dialog.exec():
            self._bring_into_view(dialog.saved)
            self.message.emit(self.tr("Entry added"))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog = self.entry_dialog(entry)
        if dialog.exec():
            self._bring_into_view(dialog.saved)
            self.message.emit(self.tr("Entry changed"))

    def _bring_into_view(self, entry: Entry | None) -> None:
        """The entry just saved, selected — on the day it starts if the day shown no
        longer holds any of it (it was given another date in the dialog)."""
        if entry is None or self.select_entry(entry.id):
            return
        self.set_day(entry.started_at.astimezone(self.services.tz).date())
        self.select_entry(entry.id)

    def move_edge(self, entry_id: str, edge: str, at: datetime) -> None:
        """A timeline edge dropped at `at`: the entry's start or end, one edit."""
        self._act(lambda: self.services.tracker.edit_entry(entry_id, **{edge: at}), self.tr("Entry changed"))

    def continue_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.end is None:
            return
        try:
            result = self.services.tracker.continue_entry(entry.entry_id)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        if result.already_running:
            self.notice.show_info(self.tr("%1 is already running").replace("%1", task_label(entry)))
            return
        self.notice.clear_message()
        self.message.emit(self.tr("Started %1 again").replace("%1", task_label(entry)))

    def split_selected(self) -> None:
        from .split_dialog import SplitDialog

        entry = self.selected()
        if entry is not None and SplitDialog(self.services, entry, self).exec():
            self.notice.clear_message()
            self.message.emit(self.tr("Entry split"))

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        end = entry.end or self.services.clock.now()
        answer = QMessageBox.question(
            self, self.tr("Delete entry"),
            self.tr("Delete the entry of %1 (%2)?").replace("%1", task_label(entry)).replace(
                "%2", format_elapsed(int((end - entry.start).total_seconds()))),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act(lambda: self.services.tracker.delete_entry(entry.entry_id), self.tr("Entry deleted"))

    def _act(self, action, done: str) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except StintError as exc:
            self.notice.show_error(str(exc))
            self.refresh()  # a refused drag springs back
            return
        self.notice.clear_message()
        self.message.emit(done)
