"""The accounts part of the settings: list, add (checked against the server on a
worker thread), test the connection, remove. Uses stint.accounts, the same code as
`stint account add/remove`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLineEdit, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..store import lookup
from ..store.db import transaction
from .notice import Notice
from .services import Services
from .workers import Job


def accounts_service(services: Services) -> Any:
    """The app's Accounts (if the shell set one on Services), else a fresh one."""
    existing = getattr(services, "accounts", None)
    if existing is not None:
        return existing
    from ..accounts import Accounts

    return Accounts(services.engine, services.clock)


class AccountsPanel(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Accounts"), parent)
        self.services = services
        self.jobs: list[Job] = []
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
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add_account)
        self.test_button.clicked.connect(self.test_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.notice = Notice()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.test_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        with transaction(self.services.engine) as s:
            rows = [(a.name, f"{a.kind} · {a.base_url}", a.state, a.last_error or "") for a in lookup.accounts(s)]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        has = bool(rows)
        self.test_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def add_account(self) -> None:
        if AddAccountDialog(self.services, self).exec():
            self.reload()

    def test_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        accounts = accounts_service(self.services)
        self.notice.show_info(self.tr("Testing %1…").replace("%1", name))

        def check() -> str:
            backend = accounts.backend_for(accounts.get(name))
            try:
                return str(backend.check())
            except Exception as exc:  # noqa: BLE001 - a BackendError's message is for the user
                raise StintError(getattr(exc, "message", str(exc))) from None

        job = Job(check, f"test {name}")
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
            accounts_service(self.services).remove(name)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.services.bridge.changed.emit("all")
        self.reload()


class AddAccountDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..accounts import KINDS

        self.services = services
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Add account"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in sorted(KINDS):
            self.kind.addItem(kind, kind)
        self.url = QLineEdit(placeholderText="https://tasks.example.com")
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.credential = QComboBox()
        self.credential.addItem(self.tr("System keyring"), "keyring")
        self.credential.addItem(self.tr("Environment variable STINT_TOKEN_<NAME>"), "env")
        self.notice = Notice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&URL"), self.url)
        form.addRow(self.tr("&Token"), self.token)
        form.addRow(self.tr("Keep the token in"), self.credential)
        form.addRow(self.notice)
        form.addRow(self.buttons)

    def accept(self) -> None:
        """Checks the server on a worker thread; closes only once the account is stored."""
        if self.job is not None:
            return
        accounts = accounts_service(self.services)
        name, kind, url, token = self.name.text().strip(), str(self.kind.currentData()), self.url.text(), self.token.text()
        credential = "keyring" if self.credential.currentData() == "keyring" else \
            f"env:STINT_TOKEN_{name.upper().replace('-', '_')}"
        self.notice.show_info(self.tr("Checking the server…"))
        self.buttons.setEnabled(False)
        self.job = Job(lambda: accounts.add(name, kind, url, token=token, credential=credential), f"add {name}")
        self.job.succeeded.connect(self._added)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _added(self, _added: object) -> None:
        self.services.bridge.changed.emit("all")
        super().accept()

    def _failed(self, error: str) -> None:
        self.job = None
        self.buttons.setEnabled(True)
        self.notice.show_error(error)
