"""The changes the server refused, with its messages: retry or discard each one, or
for a task creation whose reply was lost, use the server's task the person found
(store/changes.py). Nothing is dropped silently (DESIGN.md, invariant 3): until the user picks one of
these, a failed change stays listed here and counted in the status bar.

Below them, the changes still waiting while their account cannot sync (offline,
server trouble, sign-in): each with the last error and the next try, so a 5xx storm
shows what is held back and why rather than an empty list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..store import changes
from .notice import Notice
from .task_picker import TaskPicker
from ..services import Services


@dataclass(frozen=True)
class FailedOp:
    seq: int
    account: str
    kind: str
    task: str
    created: str
    error: str


def load_waiting(services: Services) -> list[FailedOp]:
    """The changes held back by their account's trouble; `created` is the next try."""
    with services.db.read() as conn:
        held = changes.waiting(conn)
    return [FailedOp(c.seq, c.account, c.kind, c.task, _local(c.next_try, services), c.error) for c in held]


def load_failed(services: Services) -> list[FailedOp]:
    with services.db.read() as conn:
        refused = changes.failed(conn)
    return [FailedOp(c.seq, c.account, c.kind, c.task, _local(c.created_at, services), c.error) for c in refused]


def _local(moment: datetime | None, services: Services) -> str:
    return f"{moment.astimezone(services.tz):%Y-%m-%d %H:%M}" if moment is not None else ""


class OpsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ops: list[FailedOp] = []
        self.waiting: list[FailedOp] = []
        self.setWindowTitle(self.tr("Failed changes"))
        self.resize(760, 360)
        self._kinds = {
            "create_task": self.tr("create task"), "start": self.tr("start timer"), "stop": self.tr("stop timer"),
            "set_status": self.tr("change status"), "create_entry": self.tr("add entry"),
            "update_entry": self.tr("edit entry"), "delete_entry": self.tr("delete entry"),
        }
        self.intro = intro = QLabel(self.tr("The server refused these changes. Retry sends one again; discard keeps your "
                               "local copy but stops sending it. When a task creation's reply was lost and "
                               "the server has the task after all, Use a server task… makes yours that one."))
        intro.setWordWrap(True)
        self.table = _ops_table([self.tr("Account"), self.tr("Change"), self.tr("Task"), self.tr("When"),
                                 self.tr("Server's message")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.use_button = QPushButton(self.tr("Use a server task…"))
        self.use_button.setToolTip(self.tr("The server made this task after all: pick it, and your time and "
                                           "changes go to it"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.use_button.clicked.connect(self.use_server_task)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.waiting_intro = QLabel(self.tr("Waiting to be sent: the server could not take these yet. Stint "
                                            "tries again by itself."))
        self.waiting_intro.setWordWrap(True)
        self.waiting_table = _ops_table([self.tr("Account"), self.tr("Change"), self.tr("Task"), self.tr("Next try"),
                                         self.tr("Last error")])
        self.waiting_table.setObjectName("waiting")
        self.waiting_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.waiting_intro)
        layout.addWidget(self.waiting_table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.ops = load_failed(self.services)
        self.waiting = load_waiting(self.services)
        self._fill(self.table, self.ops)
        self._fill(self.waiting_table, self.waiting)
        self.intro.setVisible(bool(self.ops) or not self.waiting)
        self.table.setVisible(bool(self.ops) or not self.waiting)
        self.setWindowTitle(self.tr("Failed changes") if self.ops or not self.waiting
                            else self.tr("Changes waiting to be sent"))
        self.retry_button.setVisible(bool(self.ops) or not self.waiting)  # only a refused change is retried
        self.discard_button.setVisible(bool(self.ops) or not self.waiting)
        self.use_button.setVisible(any(op.kind == "create_task" for op in self.ops))
        self.waiting_intro.setVisible(bool(self.waiting))
        self.waiting_table.setVisible(bool(self.waiting))
        if self.ops and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def _fill(self, table: QTableWidget, ops: list[FailedOp]) -> None:
        table.setRowCount(len(ops))
        for r, op in enumerate(ops):
            values = (op.account, self._kinds.get(op.kind, op.kind), op.task, op.created, op.error)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)

    def selected_seqs(self) -> list[int]:
        return [self.ops[i.row()].seq for i in self.table.selectionModel().selectedRows()]

    def select_seq(self, seq: int) -> None:
        self.table.clearSelection()
        for r, op in enumerate(self.ops):
            if op.seq == seq:
                self.table.selectRow(r)

    def retry_selected(self) -> None:
        if self._apply(self.services.tracker.retry_changes):
            self.services.bridge.sync_requested.emit()

    def discard_selected(self) -> None:
        self._apply(self.services.tracker.discard_changes)

    def use_server_task(self) -> None:
        """For the one selected task creation: the person picks the server's task it
        made (one of that account's tasks the server has)."""
        op = self._selected_creation()
        if op is None:
            return
        picker = ServerTaskDialog(self.services, op, self)
        if picker.exec() != QDialog.DialogCode.Accepted or picker.chosen() is None:
            return
        if self._apply(lambda seqs: self.services.tracker.use_server_task(seqs[0], str(picker.chosen()))):
            self.services.bridge.sync_requested.emit()  # what waited behind the creation can go now

    def _selected_creation(self) -> FailedOp | None:
        rows = self.table.selectionModel().selectedRows()
        op = self.ops[rows[0].row()] if len(rows) == 1 else None
        return op if op is not None and op.kind == "create_task" else None

    def _apply(self, change: Callable[[Sequence[int]], object]) -> bool:
        """The person's answer to the selected changes (Tracker: one transaction, which
        tells the app what changed)."""
        seqs = self.selected_seqs()
        if not seqs:
            return False
        try:
            change(seqs)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return False
        self.notice.clear_message()
        self.reload()
        return True

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.retry_button.setEnabled(selected)
        self.discard_button.setEnabled(selected)
        self.use_button.setEnabled(self._selected_creation() is not None)


class ServerTaskDialog(QDialog):
    """Which of the server's tasks a task creation made: the account's tasks that
    the server has, found by typing."""

    def __init__(self, services: Services, op: FailedOp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Use a server task"))
        intro = QLabel(self.tr("If the server already has “%1”, pick it: this task becomes that one, with its "
                               "time and waiting changes, and nothing more is created.").replace("%1", op.task))
        intro.setWordWrap(True)
        self.picker = TaskPicker(services, self, on_server_of=op.account)
        self.picker.setCurrentIndex(-1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this task"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.picker.currentTextChanged.connect(lambda _text: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addWidget(self.buttons)
        self._update()

    def chosen(self) -> int | None:
        return self.picker.chosen()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)


def _ops_table(headers: list[str]) -> QTableWidget:
    """A read-only list of changes, one a row, the message column taking the room left."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table
