"""The background job: a sync cycle every `interval` seconds, never two at once,
missed runs coalesced, `poke()` for a debounced run soon after a local change, and
`request()` for one at once ("Sync now"). A run asked for while one is under way
becomes one more run right after it, so a change made mid-cycle is never left
waiting for the next interval.

Reports go to a callback (the UI bridges it to Qt signals; nothing here knows Qt).
The APScheduler scheduler is passed in or built here; tests pass one with their
own clock-free triggers and call `run_job()` directly instead of waiting.
"""

from __future__ import annotations

import itertools
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
NOW_ID = "stint-sync-now"


class SyncScheduler:
    def __init__(
        self,
        run_once: Callable[..., SyncReport],  # run_once(force=...)
        *,
        interval_seconds: int = 60,
        debounce_seconds: float = 3,
        on_report: Callable[[SyncReport], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        clock: Clock | None = None,
        scheduler: Any = None,
    ) -> None:
        self._run_once = run_once  # takes `force`: skip backoff (never a Retry-After)
        self.interval_seconds = interval_seconds
        self.debounce_seconds = debounce_seconds
        self._on_report = on_report or (lambda _r: None)
        self._on_error = on_error or (lambda _text: None)
        self._clock = clock
        if scheduler is None:
            from apscheduler.schedulers.background import BackgroundScheduler

            scheduler = BackgroundScheduler(timezone="UTC")
        self.scheduler = scheduler
        # APScheduler's max_instances guards one job id; the poke and "now" are other
        # ids, so this flag keeps all of them from overlapping in this process.
        self._state = threading.Lock()
        self._busy = False
        self._again: bool | None = None  # asked for while busy: None, or that run's force
        self._requested = False  # `request` added a run that has not started yet
        self._force_requested = False
        self._request_ids = itertools.count(1)

    def start(self, run_now: bool = True) -> None:
        """Schedule the interval job; its first run is at once unless `run_now` is
        False (the caller is about to run a cycle itself)."""
        from apscheduler.triggers.interval import IntervalTrigger

        first = self._now() if run_now else self._now() + timedelta(seconds=self.interval_seconds)
        self.scheduler.add_job(
            self.run_job, IntervalTrigger(seconds=self.interval_seconds), id=JOB_ID,
            max_instances=1, coalesce=True, misfire_grace_time=self.interval_seconds,
            replace_existing=True, next_run_time=first,
        )
        if not self.scheduler.running:
            self.scheduler.start()

    def shutdown(self, wait: bool = True) -> None:
        """Stop scheduling; `wait` also waits for a cycle under way to end."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)

    def poke(self) -> None:
        """Run soon: a burst of local changes becomes one run `debounce_seconds` after
        the last of them (each poke replaces the pending one-off job)."""
        from apscheduler.triggers.date import DateTrigger

        when = self._now() + timedelta(seconds=self.debounce_seconds)
        self.scheduler.add_job(
            self.run_job, DateTrigger(run_date=when), id=POKE_ID, replace_existing=True,
            max_instances=1, coalesce=True, misfire_grace_time=max(30, self.interval_seconds),
        )

    def request(self, force: bool = True) -> None:
        """Run now, on the scheduler's thread ("Sync now", the network came back).
        Requests made before it starts are one run; made while it runs, one more.

        Each run asked for is a job of its own id: re-adding one id while the
        scheduler removes its finished job could drop the new one."""
        with self._state:
            self._force_requested = self._force_requested or force
            if self._requested:
                return  # the run already asked for serves this request too
            self._requested = True
            job_id = f"{NOW_ID}-{next(self._request_ids)}"
        self.scheduler.add_job(self._run_requested, id=job_id, misfire_grace_time=None)

    def _run_requested(self) -> SyncReport | None:
        with self._state:
            force, self._requested, self._force_requested = self._force_requested, False, False
        return self.run_job(force=force)

    @property
    def busy(self) -> bool:
        """A run is under way, or asked for and about to start."""
        return self._busy or self._requested

    def run_job(self, force: bool = False) -> SyncReport | None:
        """One cycle, then one more for the requests that came in meanwhile (folded
        into one). Returns the first cycle's report; None when it only queued."""
        with self._state:
            if self._busy:
                self._again = force or bool(self._again)
                return None
            self._busy = True
        first: SyncReport | None = None
        try:
            while True:
                report = self._cycle(force)
                first = first or report
                with self._state:
                    if self._again is None:
                        self._busy = False
                        return first
                    force, self._again = self._again, None
        except BaseException:
            with self._state:
                self._busy, self._again = False, None
            raise

    def _cycle(self, force: bool) -> SyncReport | None:
        try:
            report = self._run_once(force=force)
        except Exception as exc:  # noqa: BLE001 - the engine catches per account; this is a bug
            log.exception("sync job failed")
            self._on_error(f"{type(exc).__name__}: {exc}")
            return None
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
