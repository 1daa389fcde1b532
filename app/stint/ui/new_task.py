"""“New task…”: title, description, project, where it lives, and whether to start it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)

from .notice import Notice

if TYPE_CHECKING:
    from ..services import Services

LOCAL = ""  # the "where" choice for a local-only task


class NewTaskDialog(QDialog):
    def __init__(self, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("New task"))
        self.resize(440, 0)
        self.title = QLineEdit(objectName="title")
        self.description = QPlainTextEdit(objectName="description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.project = QLineEdit(objectName="project")
        self.where = QComboBox(objectName="where")
        self.start_now = QCheckBox(self.tr("&Start the timer now"), objectName="start_now")
        self.error = Notice()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Project:"), self.project)
        form.addRow(self.tr("&Where:"), self.where)
        form.addRow(self.start_now)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self._fill_accounts()
        self.title.textChanged.connect(self._update_ok)
        self._update_ok()

    def _fill_accounts(self) -> None:
        from ..store import lookup

        with self.services.db.read() as conn:
            names = [a.name for a in lookup.accounts(conn)]
        for name in names:
            self.where.addItem(self.tr("On {account} (synced)").format(account=name), name)
        self.where.addItem(self.tr("Local only (never synced)"), LOCAL)
        self.where.setCurrentIndex(0)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.title.text().strip()))

    def create(self) -> None:
        from ..domain.errors import StintError

        account = self.where.currentData()
        try:
            self.services.tracker.create_task(
                self.title.text(),
                description=self.description.toPlainText().strip() or None,
                project=self.project.text().strip() or None,
                account=account or None,
                local=account == LOCAL,
                start=self.start_now.isChecked(),
            )
        except StintError as exc:
            self.error.show_error(str(exc))
            return
        self.accept()
