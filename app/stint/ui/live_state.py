"""What the tray and the notifications show, read from the store in one go.

`Snapshot` is a plain value; `LiveState` re-reads it when the Bridge says something
changed (bursts are coalesced) and hands it to whoever listens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from .icons import TrayState

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from .services import Services

RECENT_TASKS = 8


@dataclass(frozen=True)
class TaskLine:
    id: int
    title: str
    project: str | None


@dataclass(frozen=True)
class AccountLine:
    name: str
    state: str               # ok | needs_signin | error
    last_error: str | None
    last_sync: datetime | None


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


def read_snapshot(engine: "Engine") -> Snapshot:
    from datetime import timezone

    from ..store import lookup, queries
    from ..store.db import transaction

    with transaction(engine) as s:
        view = queries.overview(s)
        recent = tuple(TaskLine(t.id, t.title, t.project) for t in queries.tasks(s, limit=RECENT_TASKS))
        accounts = tuple(
            AccountLine(a.name, a.state, a.last_error,
                        a.last_sync_at.astimezone(timezone.utc) if a.last_sync_at else None)
            for a in lookup.accounts(s)
        )
        running = view.running
        return Snapshot(
            running=TaskLine(running.task.id, running.task.title, running.task.project) if running else None,
            running_entry=running.id if running else None,
            running_since=running.started_at if running else None,
            recent=recent,
            accounts=accounts,
            pending_ops=view.pending_ops,
            failed_ops=view.failed_ops,
        )


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
        self.snapshot = read_snapshot(self.services.engine)
        self.updated.emit(self.snapshot)
        return self.snapshot


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
