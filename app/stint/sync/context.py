"""What one account's sync cycle carries around."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from sqlalchemy import Engine

from ..backends.base import Backend, BackendError, Capabilities
from ..domain.clock import Clock
from .report import AccountReport


class Stop(Exception):
    """Ends this account's cycle: a transient error (back off) or a sign-in error."""

    def __init__(self, cause: BackendError) -> None:
        super().__init__(cause.message)
        self.cause = cause


@dataclass
class Cycle:
    engine: Engine
    account_id: int
    backend: Backend
    caps: Capabilities
    clock: Clock
    report: AccountReport
    tz: tzinfo
    max_task_time_calls: int = 20
    entries_refresh_seconds: int = 900
    statuses_refresh_seconds: int = 3600
    touched: set[str] = field(default_factory=set)  # task remote ids pushed to this cycle
