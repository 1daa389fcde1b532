"""The task list as a Qt model: plain rows loaded once per refresh, filtered in a proxy.

`load_task_rows` reads every task in two queries (the tasks with their status and
account, and the tracked seconds per task in one GROUP BY) and returns frozen
tuples, so `data()` never touches the database. The running timer is kept apart so its
row can tick every second without reloading anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from ..domain.durations import format_duration
from ..store.database import Database
from ..store.queries import TASK_ORDER
from ..store.rows import utc

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_COLOR_ROLE = Qt.ItemDataRole.UserRole + 3

TITLE, STATUS, PROJECT, DUE, TRACKED, ACCOUNT = range(6)


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    project: str
    status: str        # the status's name (TO_DO)
    status_label: str  # what the server calls it
    status_color: str
    is_done: bool
    due: date | None
    closed_seconds: int  # tracked time of finished entries
    account: str         # "" for a local-only task
    account_id: int | None
    recency: int         # last start as Unix seconds, for the default order
    haystack: str        # title and project, casefolded, for the search box


@dataclass(frozen=True)
class Running:
    task_id: int
    started_at: datetime


_TOTALS = ("SELECT task_id, sum(ended_at - started_at) FROM entry"
           " WHERE deleted = 0 AND ended_at IS NOT NULL GROUP BY task_id")
_ROWS = f"""
SELECT t.id, t.title, t.project, s.name, s.label, s.color, s.is_done, t.due_date, a.name, t.account_id,
       t.last_started_at
FROM task AS t JOIN status AS s ON s.id = t.status_id LEFT JOIN account AS a ON a.id = t.account_id
{TASK_ORDER}
"""
# Worded as the partial index uq_entry_running.
_RUNNING = "SELECT task_id, started_at FROM entry WHERE ended_at IS NULL AND deleted = 0"


def load_task_rows(db: Database) -> tuple[list[TaskRow], Running | None]:
    """Every task as a TaskRow (most recently started first) and the running timer."""
    with db.read() as conn:
        totals = {task_id: int(total or 0) for task_id, total in conn.execute(_TOTALS)}
        running = conn.execute(_RUNNING).fetchone()
        rows = conn.execute(_ROWS).fetchall()
    result = [
        TaskRow(
            id=tid, title=title, project=project or "", status=sname, status_label=label,
            status_color=color or "", is_done=bool(done), due=date.fromisoformat(due) if due else None,
            closed_seconds=totals.get(tid, 0), account=account or "", account_id=account_id, recency=recency or 0,
            haystack=f"{title}\n{project or ''}".casefold(),
        )
        for tid, title, project, sname, label, color, done, due, account, account_id, recency in rows
    ]
    return result, (Running(running[0], utc(running[1])) if running else None)  # type: ignore[arg-type]


class TaskTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TaskRow] = []
        self._running: Running | None = None
        self._now: datetime | None = None
        self._headers = [self.tr("Title"), self.tr("Status"), self.tr("Project"), self.tr("Due"),
                         self.tr("Tracked"), self.tr("Account")]

    # -- filling -----------------------------------------------------------------

    def set_rows(self, rows: list[TaskRow], running: Running | None, now: datetime) -> None:
        """Replace the rows; resets the model only when the set or order of tasks
        changed, otherwise signals just the rows whose values differ."""
        old_running = self._running
        self._now, self._running = now, running
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        for i, (before, after) in enumerate(zip(old, rows)):
            if before != after:
                self.dataChanged.emit(self.index(i, 0), self.index(i, ACCOUNT))
        if old_running != running:
            for task_id in {r.task_id for r in (old_running, running) if r is not None}:
                self._changed_tracked(task_id)

    def tick(self, now: datetime) -> None:
        """Move the running timer's tracked time on to `now`."""
        self._now = now
        if self._running is not None:
            self._changed_tracked(self._running.task_id)

    def _changed_tracked(self, task_id: int) -> None:
        row = self.row_of(task_id)
        if row is not None:
            cell = self.index(row, TRACKED)
            self.dataChanged.emit(cell, cell)

    # -- reading -----------------------------------------------------------------

    def row_at(self, row: int) -> TaskRow:
        return self._rows[row]

    def row_of(self, task_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == task_id:
                return i
        return None

    @property
    def running_task_id(self) -> int | None:
        return self._running.task_id if self._running else None

    def tracked(self, row: TaskRow) -> int:
        seconds = row.closed_seconds
        if self._running is not None and self._running.task_id == row.id and self._now is not None:
            seconds += max(0, int((self._now - self._running.started_at).total_seconds()))
        return seconds

    def status_labels(self) -> list[str]:
        return sorted({r.status_label for r in self._rows}, key=str.casefold)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == TASK_ID_ROLE:
            return row.id
        if role == STATUS_COLOR_ROLE and col == STATUS:
            return QColor(row.status_color) if row.status_color else None
        if role == Qt.ItemDataRole.FontRole and row.id == self.running_task_id:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == TITLE and row.id == self.running_task_id:
            return self.tr("Timer running")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == TRACKED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: TaskRow, col: int) -> str:
        if col == TITLE:
            return row.title
        if col == STATUS:
            return row.status_label
        if col == PROJECT:
            return row.project
        if col == DUE:
            return row.due.isoformat() if row.due else ""
        if col == TRACKED:
            return format_duration(self.tracked(row))
        return row.account or self.tr("local")

    def _sort_key(self, row: TaskRow, col: int) -> Any:
        if col == TRACKED:
            return self.tracked(row)
        if col == DUE:
            return row.due.isoformat() if row.due else "9999"
        return self._display(row, col).casefold()


class TaskFilterProxy(QSortFilterProxyModel):
    """Search (title or project), one status label, and "pending only" (not done)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._status = ""
        self._pending = False
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, search: str | None = None, status: str | None = None, pending: bool | None = None) -> None:
        if search is not None:
            self._needle = search.strip().casefold()
        if status is not None:
            self._status = status
        if pending is not None:
            self._pending = pending
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.sourceModel().row_at(source_row)  # type: ignore[attr-defined]
        if self._pending and row.is_done:
            return False
        if self._status and row.status_label != self._status:
            return False
        return not self._needle or self._needle in row.haystack

    def task_id(self, proxy_row: int) -> int:
        return int(self.data(self.index(proxy_row, 0), TASK_ID_ROLE))
