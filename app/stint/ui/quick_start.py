"""“Start task…”: a small keyboard-driven search over all tasks.

Type to filter (title, project or id), Up/Down to move, Enter starts the timer on
the selected task, Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .notice import Notice

if TYPE_CHECKING:
    from ..services import Services

MAX_SHOWN = 200


class QuickStart(QDialog):
    def __init__(self, services: "Services", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Start task"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.resize(460, 360)
        self.search = QLineEdit(placeholderText=self.tr("Type to search tasks…"), clearButtonEnabled=True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.error = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        self.search.textChanged.connect(self.apply_filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.start_selected())
        self._tasks: list[tuple[int, str, str]] = []  # id, shown text, text searched
        self.reload()

    def reload(self) -> None:
        from ..store.queries import tasks

        with self.services.db.read() as conn:
            found = tasks(conn)
        self._tasks = []
        for t in found:
            shown = f"{t.title}  —  {t.project}" if t.project else t.title
            shown += f"   [{t.status.label}]"
            self._tasks.append((t.id, shown, f"{t.id} {t.title} {t.project or ''}".casefold()))
        self.apply_filter(self.search.text())

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        self.list.clear()
        for task_id, shown, haystack in self._tasks:
            if all(w in haystack for w in words):
                item = QListWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, task_id)
                self.list.addItem(item)
                if self.list.count() >= MAX_SHOWN:
                    break
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self.list.keyPressEvent(event)  # type: ignore[arg-type]
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_selected()
                return True
        return super().eventFilter(watched, event)

    def selected_task(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def start_selected(self) -> None:
        from ..domain.errors import StintError

        task_id = self.selected_task()
        if task_id is None:
            return
        try:
            self.services.tracker.start(str(task_id))
        except StintError as exc:
            self.error.show_error(str(exc))
            return
        self.accept()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.search.setFocus()
