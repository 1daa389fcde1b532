"""The changes the server refused, with its messages: retry or discard each one.
Nothing is dropped silently (DESIGN.md, invariant 3): until the user picks one of
these, a failed change stays listed here and counted in the status bar."""

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
        self.setWindowTitle(self.tr("Failed changes"))
        self.resize(760, 360)
        self._kinds = {
            "create_task": self.tr("create task"), "start": self.tr("start timer"), "stop": self.tr("stop timer"),
            "set_status": self.tr("change status"), "create_entry": self.tr("add entry"),
            "update_entry": self.tr("edit entry"), "delete_entry": self.tr("delete entry"),
        }
        intro = QLabel(self.tr("The server refused these changes. Retry sends one again; discard keeps your "
                               "local copy but stops sending it."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Account"), self.tr("Change"), self.tr("Task"),
                                              self.tr("When"), self.tr("Server's message")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.ops = load_failed(self.services)
        self.table.setRowCount(len(self.ops))
        for r, op in enumerate(self.ops):
            values = (op.account, self._kinds.get(op.kind, op.kind), op.task, op.created, op.error)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        if self.ops and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

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
