"""An inline message line: errors and results shown where the user is looking,
without a modal box (which would also hide the form the user needs to fix)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class Notice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.level = ""

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear_message(self) -> None:
        self.level = ""
        self.clear()
        self.hide()

    def _show(self, level: str, text: str) -> None:
        self.level = level
        # Bold for errors rather than a hard-coded red: stays readable in any palette.
        self.setText(f"<b>{_escape(text)}</b>" if level == "error" else _escape(text))
        self.setAccessibleDescription(text)
        self.show()

    def plain(self) -> str:
        return self.accessibleDescription() if self.isVisibleTo(self.parentWidget()) else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
