"""The accounts part of the settings: list, add (ui.account_dialog: checked against
the server on a worker thread), test the connection, sign in again, remove. Uses
stint.accounts, the same code as `stint account add/signin/remove`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..store import lookup
from ..store.db import transaction
from .account_dialog import AccountDialog
from .notice import Notice
from ..services import Services
from .workers import Job


class AccountsPanel(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Accounts"), parent)
        self.services = services
        self.jobs: list[Job] = []
        self.dialog: AccountDialog | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Server"), self.tr("State"),
                                              self.tr("Last error")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add…"))
        self.test_button = QPushButton(self.tr("Test"))
        self.signin_button = QPushButton(self.tr("Sign in again…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add_account)
        self.test_button.clicked.connect(self.test_selected)
        self.signin_button.clicked.connect(self.sign_in_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.notice = Notice()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.test_button, self.signin_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._enable)
        services.bridge.changed.connect(self._changed)  # a sync may ask for a sign-in meanwhile
        self.reload()

    def reload(self) -> None:
        with transaction(self.services.engine) as s:
            rows = [(a.name, f"{a.kind} · {a.base_url}", a.state, a.last_error or "") for a in lookup.accounts(s)]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self._enable()

    def _changed(self, what: str) -> None:
        if what in ("all", "sync"):
            self.reload()

    def _enable(self) -> None:
        selected = self.selected_name() is not None
        for b in (self.test_button, self.signin_button, self.remove_button):
            b.setEnabled(selected)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def add_account(self) -> None:
        self._open(AccountDialog(self.services.accounts(), None, self))

    def sign_in_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        accounts = self.services.accounts()
        try:
            info = accounts.get(name)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self._open(AccountDialog(accounts, info, self))

    def _open(self, dialog: AccountDialog) -> None:
        """Window-modal, not exec(): the app's event loop keeps running its timers."""
        if self.dialog is not None and self.dialog.job is None:
            self.dialog.deleteLater()  # a cancelled one still running finishes first
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._finished(dialog))
        dialog.open()

    def _finished(self, dialog: AccountDialog) -> None:
        from ..accounts import Added

        outcome = dialog.outcome
        if isinstance(outcome, Added):
            self.notice.show_info(self.tr("Added %1 (signed in as %2): %3 tasks").replace(
                "%1", outcome.account.name).replace("%2", outcome.who).replace("%3", str(outcome.tasks)))
        elif dialog.account is not None:
            self.notice.show_info(self.tr("%1: signed in as %2; queued changes go out at the next sync")
                                  .replace("%1", dialog.account.name).replace("%2", str(outcome)))
            self.services.bridge.sync_requested.emit()
        self.services.bridge.changed.emit("all")  # reloads this list too

    def test_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        accounts = self.services.accounts()
        self.notice.show_info(self.tr("Testing %1…").replace("%1", name))

        job = Job(lambda: accounts.test(name), f"test {name}")
        job.succeeded.connect(lambda who: self.notice.show_info(self.tr("%1 works (signed in as %2)")
                                                                .replace("%1", name).replace("%2", who)))
        job.failed.connect(lambda error: self.notice.show_error(error))
        self.jobs.append(job)
        job.start()

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove account"), self.tr(
            "Remove %1 with its tasks, entries and unsent changes from this computer? "
            "The server keeps its copy.").replace("%1", name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.accounts().remove(name)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.services.bridge.changed.emit("all")
        self.reload()
