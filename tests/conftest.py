"""Fixtures shared by the whole suite: a fresh database per test and a clock that
only moves when told to."""

from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

pytest_plugins = ["tests.servers.fixtures"]  # real servers: one per session, for every folder
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stint.cli.main import run  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.services import Services  # noqa: E402

MADRID = ZoneInfo("Europe/Madrid")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning or error in the log that the test did not expect fails it, so that a
    swallowed exception is noticed. Expected ones are named by the test:
    `@pytest.mark.log_allowed(r"regex", ...)`, matched against "logger: message"."""
    watch = _Records()
    root = logging.getLogger()
    root.addHandler(watch)
    yield
    root.removeHandler(watch)
    allowed = [re.compile(p) for mark in request.node.iter_markers("log_allowed") for p in mark.args]
    unexpected = [f"{r.name}: {r.getMessage()}" for r in watch.records]
    unexpected = [line for line in unexpected if not any(p.search(line) for p in allowed)]
    if unexpected:
        pytest.fail("unexpected warning or error in the log:\n  " + "\n  ".join(unexpected[:10]), pytrace=False)


@pytest.fixture
def clock() -> FixedClock:
    # Monday 2026-11-23 10:00 in Madrid (UTC+1).
    return FixedClock(datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "stint-home"
    path.mkdir()
    return path


@pytest.fixture
def engine(home: Path) -> Iterator[object]:
    from stint.store.db import open_engine

    eng = open_engine(home / "stint.sqlite3")
    yield eng
    eng.dispose()


@pytest.fixture
def db(engine: object, home: Path) -> Iterator[object]:
    """The same file as `engine`, through the stdlib sqlite3 layer."""
    from stint.store.database import open_database

    database = open_database(home / "stint.sqlite3")
    yield database
    database.close()


@pytest.fixture
def tracker(db: object, clock: FixedClock) -> object:
    from stint.store.actions import Tracker

    return Tracker(db, clock, MADRID)  # type: ignore[arg-type]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:  # what json.loads gives: a test indexes into it
        return json.loads(self.out)


class CLI:
    """Runs `stint` in-process against a temporary STINT_HOME, with the test's clock."""

    def __init__(self, home: Path, clock: FixedClock, tz: str = "Europe/Madrid") -> None:
        self.home = home
        self.clock = clock
        self.env = {"STINT_HOME": str(home), "TZ": tz}

    def __call__(self, *argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        ctx = Services(out=out, err=err, env=self.env, clock=self.clock)
        try:
            code = run(list(argv), ctx)
        finally:
            ctx.close()
        return Result(code, out.getvalue(), err.getvalue())

    def ok(self, *argv: str) -> Result:
        result = self(*argv)
        assert result.code == 0, f"stint {' '.join(argv)} failed: {result.err}"
        return result


@pytest.fixture
def cli(home: Path, clock: FixedClock) -> CLI:
    return CLI(home, clock)


def db_snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, for asserting that a refused action changed nothing."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()
