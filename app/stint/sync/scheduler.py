"""The background job: a sync cycle every `interval` seconds, never two at once,
missed runs coalesced, and `poke()` for a debounced run soon after a local change.

Reports go to a callback (the UI bridges it to Qt signals; nothing here knows Qt).
The APScheduler scheduler is passed in or built here; tests pass one with their
own clock-free triggers and call `run_job()` directly instead of waiting.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from ..domain.clock import Clock
from .report import SyncReport

log = logging.getLogger("stint.sync.scheduler")

JOB_ID = "stint-sync"
POKE_ID = "stint-sync-poke"


class SyncScheduler:
    def __init__(
        self,
        run_once: Callable[[], SyncReport],
        *,
        interval_seconds: int = 60,
        debounce_seconds: float = 3,
        on_report: Callable[[SyncReport], None] | None = None,
        clock: Clock | None = None,
        scheduler: Any = None,
    ) -> None:
        self._run_once = run_once
        self.interval_seconds = interval_seconds
        self.debounce_seconds = debounce_seconds
        self._on_report = on_report or (lambda _r: None)
        self._clock = clock
        if scheduler is None:
            from apscheduler.schedulers.background import BackgroundScheduler

            scheduler = BackgroundScheduler(timezone="UTC")
        self.scheduler = scheduler
        # APScheduler's max_instances guards one job id; the poke is another id, so
        # a lock keeps the interval run and a poke from overlapping in this process.
        self._running = threading.Lock()

    def start(self) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        self.scheduler.add_job(
            self.run_job, IntervalTrigger(seconds=self.interval_seconds), id=JOB_ID,
            max_instances=1, coalesce=True, misfire_grace_time=self.interval_seconds,
            replace_existing=True, next_run_time=self._now(),
        )
        if not self.scheduler.running:
            self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def poke(self) -> None:
        """Run soon: a burst of local changes becomes one run `debounce_seconds` after
        the last of them (each poke replaces the pending one-off job)."""
        from apscheduler.triggers.date import DateTrigger

        when = self._now() + timedelta(seconds=self.debounce_seconds)
        self.scheduler.add_job(
            self.run_job, DateTrigger(run_date=when), id=POKE_ID, replace_existing=True,
            max_instances=1, coalesce=True, misfire_grace_time=max(30, self.interval_seconds),
        )

    def network_back(self) -> None:
        """The network came back: run now (the UI calls this on a reachability change)."""
        self.poke()

    def run_job(self) -> SyncReport | None:
        if not self._running.acquire(blocking=False):
            return None  # a run is under way; its result will cover this change too
        try:
            report = self._run_once()
        except Exception:  # noqa: BLE001 - the engine catches per account; this is a bug
            log.exception("sync job failed")
            return None
        finally:
            self._running.release()
        try:
            self._on_report(report)
        except Exception:  # noqa: BLE001 - a broken listener must not stop the job
            log.exception("sync report listener failed")
        return report

    def _now(self) -> datetime:
        if self._clock is not None:
            return self._clock.now()
        from datetime import timezone

        return datetime.now(timezone.utc)
