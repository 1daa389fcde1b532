"""Creating a task: title, description, project, and the account (or local only)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..store import lookup
from ..store.db import transaction
from .notice import Notice
from .services import Services


class TaskDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("New task"))
        self.title = QLineEdit()
        self.title.setMaxLength(255)
        self.description = QPlainTextEdit()
        self.project = QLineEdit()
        self.account = QComboBox()
        self.account.addItem(self.tr("Local only (not on a server)"), None)
        with transaction(services.engine) as s:
            names = [a.name for a in lookup.accounts(s)]
        for name in names:
            self.account.addItem(name, name)
        if len(names) == 1:
            self.account.setCurrentIndex(1)
        self.notice = Notice()
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Description"), self.description)
        form.addRow(self.tr("&Project"), self.project)
        form.addRow(self.tr("&Account"), self.account)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)

    def accept(self) -> None:
        account = self.account.currentData()
        try:
            task = self.services.tracker.create_task(
                self.title.text(),
                description=self.description.toPlainText().strip() or None,
                project=self.project.text().strip() or None,
                account=account,
                local=account is None,
            )
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        self.created_id = task.id  # type: ignore[union-attr]
        super().accept()
