"""The import dialog's preview: one row per record of the file — its times, task,
project and note, and what the import does with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..domain.durations import format_elapsed
from .list_model import Index, ListModel


@dataclass(frozen=True)
class PreviewRow:
    where: str
    start: datetime | None
    end: datetime | None
    task: str
    project: str
    note: str
    outcome: str
    imported: bool


class PreviewModel(ListModel):
    def __init__(self, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.rows: list[PreviewRow] = []
        self.headers = [self.tr("Where"), self.tr("Start"), self.tr("End"), self.tr("Time"), self.tr("Task"),
                        self.tr("Project"), self.tr("Note"), self.tr("What happens")]

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def items(self) -> list[PreviewRow]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self.text(index.row(), index.column())

    def text(self, row: int, column: int) -> str:
        r = self.rows[row]
        if column == 0:
            return r.where
        if column in (1, 2):
            moment = r.start if column == 1 else r.end
            return f"{moment.astimezone(self.tz):%Y-%m-%d %H:%M:%S}" if moment else ""
        if column == 3:
            return format_elapsed((r.end - r.start).total_seconds()) if r.start and r.end else ""
        return (r.task, r.project, r.note, r.outcome)[column - 4]
