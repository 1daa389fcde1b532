"""What the tray and the notifications show, read from the store in one go.

`Snapshot` is a plain value; `LiveState` re-reads it when the Bridge says something
changed (bursts are coalesced) and hands it to whoever listens. It is read with
stdlib sqlite3 (stint.store.snapshot), so the idle tray never imports SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.timesheet import format_elapsed
from ..store.snapshot import RECENT_TASKS, AccountLine, StoreSnapshot, TaskLine
from .icons import TrayState

if TYPE_CHECKING:
    from .services import Services

__all__ = ["RECENT_TASKS", "AccountLine", "LiveState", "Snapshot", "TaskLine", "format_elapsed", "read_snapshot"]


@dataclass(frozen=True)
class Snapshot:
    running: TaskLine | None = None
    running_entry: str | None = None
    running_since: datetime | None = None
    recent: tuple[TaskLine, ...] = ()
    accounts: tuple[AccountLine, ...] = ()
    pending_ops: int = 0
    failed_ops: int = 0

    @property
    def last_sync(self) -> datetime | None:
        times = [a.last_sync for a in self.accounts if a.last_sync is not None]
        return max(times) if times else None

    @property
    def problems(self) -> tuple[AccountLine, ...]:
        return tuple(a for a in self.accounts if a.state != "ok")

    def tray_state(self) -> TrayState:
        if self.problems or self.failed_ops:
            return TrayState.ERROR
        if self.running is not None:
            return TrayState.RUNNING
        if self.pending_ops and self.accounts:
            return TrayState.PENDING
        return TrayState.IDLE


def read_snapshot(services: "Services") -> Snapshot:
    """The store as the tray shows it (stdlib sqlite3, no ORM)."""
    view: StoreSnapshot = services.snapshot()
    return Snapshot(**{f.name: getattr(view, f.name) for f in fields(view)})


class LiveState(QObject):
    updated = Signal(object)  # Snapshot

    def __init__(self, services: "Services", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.snapshot = Snapshot()
        self._soon = QTimer(self, singleShot=True, interval=30)
        self._soon.timeout.connect(self.refresh)
        services.bridge.changed.connect(lambda _what: self._soon.start())
        services.bridge.sync_finished.connect(lambda _report: self._soon.start())

    def refresh(self) -> Snapshot:
        self._soon.stop()
        self.snapshot = read_snapshot(self.services)
        self.updated.emit(self.snapshot)
        return self.snapshot


