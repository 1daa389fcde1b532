"""What the tray and the notifications show, read from the store in one go.

`StoreSnapshot` is a plain value; `LiveState` re-reads it when the Bridge says
something changed (bursts are coalesced) and hands it to whoever listens. It is read with
stdlib sqlite3 (stint.store.snapshot), so the idle tray never imports SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..store.snapshot import StoreSnapshot
from .icons import TrayState

if TYPE_CHECKING:
    from ..services import Services


def tray_state(snapshot: StoreSnapshot) -> TrayState:
    if snapshot.problems or snapshot.failed_ops:
        return TrayState.ERROR
    if snapshot.running is not None:
        return TrayState.RUNNING
    if snapshot.pending_ops and snapshot.accounts:
        return TrayState.PENDING
    return TrayState.IDLE


class LiveState(QObject):
    updated = Signal(object)  # StoreSnapshot

    def __init__(self, services: "Services", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.snapshot = StoreSnapshot()
        self._fault: str | None = None  # the storage fault last told, until a read works again
        self._soon = QTimer(self, singleShot=True, interval=30)
        self._soon.timeout.connect(self.refresh)
        services.bridge.changed.connect(lambda _what: self._soon.start())
        services.bridge.sync_finished.connect(lambda _report: self._soon.start())

    def refresh(self) -> StoreSnapshot:
        import sqlite3

        from ..store.faults import translate

        self._soon.stop()
        try:
            self.snapshot = self.services.snapshot()
        except (sqlite3.Error, OSError) as exc:
            fault = translate(exc, self.services.database)
            if fault is None:
                raise
            if str(fault) != self._fault:  # a storage fault: keep the last view, say why once
                self._fault = str(fault)
                self.services.bridge.message.emit("error", str(fault))
            return self.snapshot
        self._fault = None
        self.updated.emit(self.snapshot)
        return self.snapshot


