"""One account's sync cycle: what push, pull and apply_pull share. The engine
builds one per account and run (`engine.py`); the steps take it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from sqlalchemy import Engine

from ..backends.base import Backend, Capabilities
from ..domain.clock import Clock
from .report import AccountReport


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
