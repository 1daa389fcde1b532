"""The sync engine: one cycle per account — push, pull, reconcile — and its
bookkeeping (backoff, sign-in state, last error). Qt-free; the CLI and the app's
scheduled job run the same `run_once`.

Every step is its own transaction, so an error at any point (a server answering
garbage, a dropped connection, a bug) leaves the store as the last step left it:
nothing half-written. Errors end that account's cycle and land in
Account.last_error; they never escape `run_once`.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from pathlib import Path

from sqlalchemy import Engine, select

from ..backends.base import AuthRejected, Backend, BackendError, RateLimited, ServerError
from ..domain.clock import Clock
from ..domain.errors import StintError
from ..store import outbox
from ..store.db import transaction
from ..store.models import Account
from ..store.records import AccountInfo
from .apply_pull import apply
from .cycle import Cycle
from .lock import AccountLock
from .pull import UnknownStatus, fetch, read_statuses, want
from .push import Stop, push
from .report import AccountReport, SyncReport

log = logging.getLogger("stint.sync")

BackendFor = Callable[[AccountInfo], Backend]


@dataclass(frozen=True)
class SyncSettings:
    max_task_time_calls: int = 20
    entries_refresh_seconds: int = 900
    statuses_refresh_seconds: int = 3600
    backoff_base_seconds: float = 10.0
    backoff_cap_seconds: float = 900.0
    keep_done_ops_days: int = 7


class SyncEngine:
    def __init__(
        self,
        engine: Engine,
        backend_for: BackendFor,
        clock: Clock,
        *,
        tz: tzinfo = timezone.utc,
        lock_dir: Path | None = None,
        rng: random.Random | None = None,
        settings: SyncSettings = SyncSettings(),
    ) -> None:
        self.engine = engine
        self.backend_for = backend_for
        self.clock = clock
        self.tz = tz
        self.settings = settings
        self._rng = rng or random.Random()
        db = engine.url.database
        self.lock_dir = lock_dir or (Path(db).parent if db and db != ":memory:" else Path("."))

    def run_once(self, *, force: bool = False, accounts: Sequence[str] | None = None) -> SyncReport:
        """One cycle for every account (or those named). `force` ignores an
        exponential backoff and a needs-sign-in state, but never a server's
        Retry-After."""
        with transaction(self.engine) as s:
            infos = [AccountInfo.of(a) for a in s.scalars(select(Account).order_by(Account.name))]
        report = SyncReport()
        for info in infos:
            if accounts is not None and info.name not in accounts:
                continue
            report.accounts.append(self.run_account(info, force=force))
        return report

    def run_account(self, info: AccountInfo, *, force: bool = False) -> AccountReport:
        report = AccountReport(info.name, state=info.state)
        lock = AccountLock(self.lock_dir / f"sync-{info.id}.lock")
        if not lock.acquire():
            report.skipped = "another sync of this account is running"
            return report
        try:
            if self._should_wait(info, report, force):
                return report
            self._cycle(info, report)
        finally:
            lock.release()
        return report

    def _should_wait(self, info: AccountInfo, report: AccountReport, force: bool) -> bool:
        now = self.clock.now()
        with transaction(self.engine) as s:
            account = s.get(Account, info.id)
            if account is None:
                report.skipped = "removed"
                return True
            limited = (account.cursors or {}).get("rate_limited", False)
            if account.next_sync_at and account.next_sync_at > now and (limited or not force):
                report.skipped = f"backing off until {account.next_sync_at.isoformat()}"
                report.next_attempt_at = account.next_sync_at.isoformat()
                return True
            if account.state == "needs_signin" and not force:
                report.skipped = "needs sign-in"
                return True
        return False

    def _cycle(self, info: AccountInfo, report: AccountReport) -> None:
        try:
            backend = self.backend_for(info)
            cycle = Cycle(self.engine, info.id, backend, backend.capabilities, self.clock, report, self.tz,
                          self.settings.max_task_time_calls, self.settings.entries_refresh_seconds,
                          self.settings.statuses_refresh_seconds)
            push(cycle)
            wanted = want(cycle, cycle.touched)
            got = fetch(cycle, wanted)
            try:
                apply(cycle, got)
            except UnknownStatus:
                # A status added on the server since we read them: read them again.
                # One it still does not list stays as the server names it.
                got.statuses = read_statuses(cycle, got.skipped)
                apply(cycle, got, keep_unknown=True)
        except Stop as stop:
            self._failed(info, report, stop.cause)
            return
        except BackendError as exc:
            self._failed(info, report, exc)
            return
        except StintError as exc:  # no token, unknown kind: the user has to act
            self._failed(info, report, None, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the scheduler's thread
            log.exception("sync of %s failed", info.name)
            self._failed(info, report, None, f"internal error: {type(exc).__name__}: {exc}")
            return
        self._succeeded(info, report)

    def _succeeded(self, info: AccountInfo, report: AccountReport) -> None:
        now = self.clock.now()
        with transaction(self.engine) as s:
            account = s.get(Account, info.id)
            if account is None:
                return
            cursors = dict(account.cursors or {})
            cursors.pop("failures", None)
            cursors.pop("rate_limited", None)
            account.cursors = cursors
            account.state, account.last_error = "ok", None
            account.last_sync_at, account.next_sync_at = now, None
            report.state = "ok"
            # Done ops are kept a while for the record, then dropped.
            outbox.purge(s, info.id, now - timedelta(days=self.settings.keep_done_ops_days))

    def _failed(self, info: AccountInfo, report: AccountReport, exc: BackendError | None,
                message: str | None = None) -> None:
        now = self.clock.now()
        text = message or (exc.message if exc else "sync failed")
        report.error(text)
        with transaction(self.engine) as s:
            account = s.get(Account, info.id)
            if account is None:
                return
            cursors = dict(account.cursors or {})
            account.last_error = text
            if isinstance(exc, AuthRejected):
                account.state, account.next_sync_at = "needs_signin", None
            else:
                account.state = "error"
                failures = int(cursors.get("failures", 0)) + 1
                cursors["failures"] = failures
                cursors["rate_limited"] = isinstance(exc, RateLimited)
                account.next_sync_at = now + timedelta(seconds=self._delay(exc, failures))
                report.next_attempt_at = account.next_sync_at.isoformat()
            account.cursors = cursors
            report.state = account.state
        log.info("sync of %s failed: %s", info.name, text)

    def _delay(self, exc: BackendError | None, failures: int) -> float:
        if isinstance(exc, RateLimited):
            return max(1.0, exc.retry_after)
        if isinstance(exc, ServerError) and exc.retry_after:
            return max(1.0, exc.retry_after)
        base = min(self.settings.backoff_cap_seconds, self.settings.backoff_base_seconds * 2 ** (failures - 1))
        # Full jitter in the upper half: many clients that failed together spread out.
        return base * (0.5 + self._rng.random() / 2)
