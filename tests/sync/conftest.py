"""Shared pieces for sync tests: a real SQLite file, the fake Wapify in-process, a
clock both sides share, and an account added through the real service."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from stint.backends.kinds import SignIn
from stint.accounts import Accounts
from stint.domain.clock import FixedClock
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine, transaction
from stint.store.models import Entry, Op, Task
from stint.sync.engine import SyncEngine
from stint.sync.report import SyncReport
from tests.fakes.wapify import FakeWapify

T0 = datetime(2026, 2, 2, 8, 0, tzinfo=timezone.utc)


class NoSecrets:
    """A secret store that holds nothing: tests use env credentials."""

    def available(self) -> bool:
        return False

    def get(self, name: str) -> str | None:
        return None

    def set(self, name: str, value: str) -> None:
        raise AssertionError("no keyring in these tests")

    def delete(self, name: str) -> None:
        pass


@dataclass
class World:
    clock: FixedClock
    fake: FakeWapify
    engine: Engine
    accounts: Accounts
    tracker: Tracker
    sync: SyncEngine
    path: Path

    def run(self, *, accounts: Sequence[str] | None = None) -> SyncReport:
        return self.sync.run_once(force=True, accounts=accounts)

    def ops(self) -> list[Op]:
        with transaction(self.engine) as s:
            return list(s.scalars(select(Op).order_by(Op.seq)))

    def entries(self) -> list[Entry]:
        with transaction(self.engine) as s:
            return list(s.scalars(select(Entry).where(Entry.deleted.is_(False)).order_by(Entry.started_at)))

    def task(self, title: str) -> Task:
        with transaction(self.engine) as s:
            return s.scalars(select(Task).where(Task.title == title)).one()

    def server_times(self) -> list[tuple[int, datetime, datetime | None]]:
        return sorted((t.task_id, t.started_at, t.ended_at) for t in self.fake.times.values())

    def tick(self, **kw: float) -> None:
        self.clock.advance(**kw)


def make_world(tmp_path: Path, *, transport: httpx.BaseTransport | None = None, base_url: str | None = None,
               fake: FakeWapify | None = None) -> World:
    clock = FixedClock(T0)
    fake = fake or FakeWapify(clock=clock)
    engine = open_engine(tmp_path / "stint.sqlite3")
    env = {"WAPIFY_TOKEN": fake.token}
    accounts = Accounts(engine, clock, secrets=NoSecrets(), env=env,
                        transport=fake.transport() if transport is None else transport)
    tracker = Tracker(open_database(engine.url.database), clock)
    sync = SyncEngine(engine, accounts.backend_for, clock)
    return World(clock, fake, engine, accounts, tracker, sync, tmp_path)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = make_world(tmp_path)
    w.fake.web_create_task("Website", project="Web")
    w.fake.web_create_task("Backend API")
    w.accounts.add("work", "wapify", w.fake.base_url, SignIn(token=w.fake.token, credential="env:WAPIFY_TOKEN"))
    yield w
    w.accounts.close()
    w.engine.dispose()
