"""What the Tasks tab shows before there is any task: what Stint does, and the two
ways to begin — a task of your own, or your tasks from a server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..services import Services


class EmptyState(QWidget):
    new_task = Signal()

    def __init__(self, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.dialog: QWidget | None = None
        title = QLabel(self.tr("No tasks yet"), objectName="empty-title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.text = QLabel(self.tr(
            "Stint times the tasks you work on. Add a task of your own to start a timer now, or connect the "
            "server your team keeps its tasks on (Wapify, WarmDesk, Gipo, Whama, Wekan, TimeTagger, Redmine) "
            "to bring them in; your time goes back to it, and keeps counting offline."),
            wordWrap=True, objectName="empty-text")
        self.add_task = QPushButton(self.tr("&New task…"), objectName="empty-new-task")
        self.connect_server = QPushButton(self.tr("&Connect a server…"), objectName="empty-connect")
        self.add_task.setDefault(True)
        self.add_task.clicked.connect(self.new_task)
        self.connect_server.clicked.connect(self.add_account)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_task)
        buttons.addWidget(self.connect_server)
        buttons.addStretch(1)
        for label in (title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setFixedWidth(min(560, self.text.fontMetrics().averageCharWidth() * 70))
        text_row = QHBoxLayout()  # a fixed width between stretches: the label wraps and grows in height
        text_row.addStretch(1)
        text_row.addWidget(self.text)
        text_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(text_row)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def add_account(self) -> None:
        """The same dialog as Settings ▸ Accounts ▸ Add; once added, the tasks come in."""
        from .account_dialog import AccountDialog

        accounts = self.services.accounts()
        dialog = AccountDialog(accounts, None, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: (self.services.bridge.changed.emit("all"),
                                         self.services.bridge.sync_requested.emit()))
        dialog.finished.connect(lambda _result: accounts.close())
        dialog.open()
