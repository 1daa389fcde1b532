"""The changes the server refused, with its messages: retry or discard each one.
Nothing is dropped silently (DESIGN.md, invariant 3): until the user picks one of
these, a failed change stays listed here and counted in the status bar.

Below them, the changes still waiting while their account cannot sync (offline,
server trouble, sign-in): each with the last error and the next try, so a 5xx storm
shows what is held back and why rather than an empty list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)
from typing import TYPE_CHECKING

from ..domain.errors import StintError
from ..store import outbox
from ..store.outbox import OpState
from ..store.rows import utc
from .notice import Notice
from ..services import Services

if TYPE_CHECKING:
    import sqlite3


@dataclass(frozen=True)
class FailedOp:
    seq: int
    account: str
    kind: str
    task: str
    created: str
    error: str


_FAILED = f"""
SELECT o.seq, a.name, o.kind, t.title, o.created_at, o.last_error
FROM outbox AS o JOIN account AS a ON a.id = o.account_id LEFT JOIN task AS t ON t.id = o.task_id
WHERE o.state = '{OpState.FAILED}' ORDER BY o.seq
"""


# Open ops of an account that is not syncing, or that came back with an error: the
# op's own last error, else the account's (ops released unsent carry none).
_WAITING = f"""
SELECT o.seq, a.name, o.kind, t.title, o.created_at, COALESCE(o.last_error, a.last_error),
       COALESCE(o.next_attempt_at, a.next_sync_at)
FROM outbox AS o JOIN account AS a ON a.id = o.account_id LEFT JOIN task AS t ON t.id = o.task_id
WHERE o.state IN ('{OpState.PENDING}', '{OpState.IN_FLIGHT}') AND (o.last_error IS NOT NULL OR a.state != 'ok')
ORDER BY o.seq
"""


def load_waiting(services: Services) -> list[FailedOp]:
    """The changes held back by their account's trouble; `created` is the next try."""
    with services.db.read() as conn:
        rows = conn.execute(_WAITING).fetchall()
    return [
        FailedOp(seq, account, kind, title or "",
                 f"{utc(next_try).astimezone(services.tz):%Y-%m-%d %H:%M}" if next_try else "",
                 error or "")
        for seq, account, kind, title, _created, error, next_try in rows
    ]


def load_failed(services: Services) -> list[FailedOp]:
    with services.db.read() as conn:
        rows = conn.execute(_FAILED).fetchall()
    return [
        FailedOp(seq, account, kind, title or "", f"{utc(created).astimezone(services.tz):%Y-%m-%d %H:%M}",
                 error or "")
        for seq, account, kind, title, created, error in rows
    ]


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
                               "local copy but stops sending it."))
        intro.setWordWrap(True)
        self.table = _ops_table([self.tr("Account"), self.tr("Change"), self.tr("Task"), self.tr("When"),
                                 self.tr("Server's message")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
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
        if self._apply(outbox.retry):
            self.services.bridge.sync_requested.emit()

    def discard_selected(self) -> None:
        self._apply(outbox.discard)

    def _apply(self, change: Callable[["sqlite3.Connection", int], object]) -> bool:
        seqs = self.selected_seqs()
        if not seqs:
            return False
        try:
            with self.services.db.write() as conn:
                for seq in seqs:
                    change(conn, seq)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return False
        self.notice.clear_message()
        self.services.bridge.changed.emit("sync")
        self.reload()
        return True

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.retry_button.setEnabled(selected)
        self.discard_button.setEnabled(selected)


def _ops_table(headers: list[str]) -> QTableWidget:
    """A read-only list of changes, one a row, the message column taking the room left."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table
