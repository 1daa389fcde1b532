"""Running the sync from the app: the Qt side of stint.sync.scheduler.SyncScheduler.

The APScheduler job runs a cycle every `sync_interval_seconds`, a debounced one a
few seconds after each local change, and one at once for "Sync now" — never two at
once, and a request made during a cycle becomes one more cycle after it. Cycles run
on the scheduler's threads or a worker; their reports reach the widgets through the
Bridge (`sync_finished(report)`, `changed("sync")`), never directly.

Nothing is imported or started until an account exists, so the idle app of someone
who tracks only locally loads neither APScheduler nor the sync engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from ..sync.scheduler import SyncScheduler
    from ..services import Services

log = logging.getLogger("stint.ui.sync")

RunOnce = Callable[[bool], Any]  # force -> SyncReport
LOCAL_CHANGES = ("tasks", "timer", "entries")


class SyncRunner(QObject):
    # Cycles end on other threads; these carry their outcome to this object's (the GUI)
    # thread before anything reaches the Bridge, whose listeners may be plain callables.
    _report = Signal(object)
    _error = Signal(str)

    def __init__(self, services: "Services", has_accounts: Callable[[], bool],
                 run_once: RunOnce | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.has_accounts = has_accounts
        self._run_once = run_once or (lambda force: services.sync_engine().run_once(force=force))
        self._job: SyncScheduler | None = None
        self._report.connect(self._reported)
        self._error.connect(self._failed)
        services.bridge.changed.connect(self._on_changed)

    @property
    def busy(self) -> bool:
        return self._job is not None and self._job.busy

    def start(self) -> None:
        if self.has_accounts():
            self._scheduled()

    def stop(self) -> None:
        if self._job is not None:
            # Let a cycle under way record what the server answered before the app goes.
            self._job.shutdown(wait=True)

    def _on_changed(self, what: str) -> None:
        # Only the person's own changes; the sync's writes come back as "all"/"sync".
        if what in LOCAL_CHANGES and self.has_accounts():
            self._scheduled().poke()

    def request(self, force: bool = True) -> bool:
        """Start a cycle now, on the scheduler's thread (or right after the running
        one). False: no account."""
        if not self.has_accounts():
            return False
        self._scheduled(run_now=False).request(force=force)  # this request is the first cycle
        return True

    def _scheduled(self, run_now: bool = True) -> "SyncScheduler":
        """The job, built and started the first time an account is there; its first
        cycle runs at once unless the caller runs one itself."""
        if self._job is None:
            from ..sync.scheduler import SyncScheduler

            settings = self.services.settings
            self._job = SyncScheduler(
                lambda *, force: self._run_once(force),
                interval_seconds=settings.sync_interval_seconds,
                debounce_seconds=max(0, settings.sync_debounce_seconds),
                on_report=self._report.emit, on_error=self._error.emit,
            )
            self._job.start(run_now=run_now)
        return self._job

    @Slot(object)
    def _reported(self, report: Any) -> None:
        self.services.bridge.sync_finished.emit(report)
        self.services.bridge.changed.emit("sync")

    @Slot(str)
    def _failed(self, text: str) -> None:
        self.services.bridge.sync_finished.emit(None)
        self.services.bridge.message.emit("error", self.tr("Sync failed: {text}").format(text=text))
