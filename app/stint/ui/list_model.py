"""What the flat, read-only tables (the Day and Reports views, the import preview)
share: a model of one row per item under named columns, and a table that shows it
without editing; and the keys that step the Day and Reports tabs through time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QStyledItemDelegate, QTableView

Index = QModelIndex | QPersistentModelIndex


class ListModel(QAbstractTableModel):
    """Rows are `items()`; columns are `headers` (set by the subclass)."""

    headers: list[str] = []

    def items(self) -> Sequence[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def read_only_table(model: QAbstractItemModel) -> QTableView:
    """A table of whole rows, not editable, one line a row, long texts elided in the
    middle (a task's name keeps its start and end)."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    return table


class ElideRight(QStyledItemDelegate):
    """Notes read from their start; the table elides the task in the middle."""

    def initStyleOption(self, option, index) -> None:  # type: ignore[no-untyped-def]
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


TODAY_KEY = "Alt+Home"


def step_keys(previous: QPushButton, following: QPushButton, current: QPushButton) -> None:
    """Alt+Left / Alt+Right step back and on, Alt+Home returns to today (as gtimelog's
    keys do); a hidden tab's buttons take no keys, so the Day and Reports tabs share them.
    A button's setText resets its shortcut: set TODAY_KEY again after renaming `current`."""
    for button, key in ((previous, "Alt+Left"), (following, "Alt+Right"), (current, TODAY_KEY)):
        button.setShortcut(QKeySequence(key))
