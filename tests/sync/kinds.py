"""A world per kind of server for end-to-end sync tests: a real SQLite file, the
server (a fake in-process, or a real one), the Accounts service and SyncEngine, and
one clock for both sides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from stint.accounts import Accounts
from stint.domain.clock import FixedClock
from stint.domain.weeks import week_of
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine, transaction
from stint.store.models import Account, Entry, Op, Task
from stint.sync.compare import Comparison, compare_week
from stint.sync.engine import SyncEngine
from stint.sync.report import AccountReport


class MemorySecrets:
    def __init__(self) -> None:
        self.store: dict[str, str] = {}

    def available(self) -> bool:
        return True

    def get(self, name: str) -> str | None:
        return self.store.get(name)

    def set(self, name: str, value: str) -> None:
        self.store[name] = value

    def delete(self, name: str) -> None:
        self.store.pop(name, None)


@dataclass
class KindWorld:
    clock: FixedClock
    accounts: Accounts
    tracker: Tracker
    sync: SyncEngine
    secrets: MemorySecrets
    path: Path

    @property
    def engine(self) -> Engine:
        return self.accounts.engine

    def run(self) -> AccountReport:
        report = self.sync.run_once(force=True)
        return report.accounts[0]

    def ops(self) -> list[Op]:
        with transaction(self.engine) as s:
            return list(s.scalars(select(Op).order_by(Op.seq)))

    def entries(self) -> list[Entry]:
        with transaction(self.engine) as s:
            return list(s.scalars(select(Entry).where(Entry.deleted.is_(False)).order_by(Entry.started_at)))

    def task_titled(self, title: str) -> Task:
        with transaction(self.engine) as s:
            return s.scalars(select(Task).where(Task.title == title)).one()

    def account(self) -> Account:
        with transaction(self.engine) as s:
            return s.scalars(select(Account)).one()

    def compare(self) -> Comparison:
        return compare_week(self.engine, self.accounts.backend_for, week_of(self.clock.now(), timezone.utc),
                            self.clock)

    def every_byte(self) -> bytes:
        return b"".join(p.read_bytes() for p in self.path.rglob("*") if p.is_file())


def make(tmp_path: Path, clock: FixedClock, transport: Any, env: dict[str, str] | None = None) -> KindWorld:
    engine = open_engine(tmp_path / "stint.sqlite3")
    secrets = MemorySecrets()
    accounts = Accounts(engine, clock, secrets=secrets, env=env or {}, transport=transport)
    return KindWorld(clock, accounts, Tracker(open_database(engine.url.database), clock), SyncEngine(engine, accounts.backend_for, clock),
                     secrets, tmp_path)


T0 = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)  # a Monday
