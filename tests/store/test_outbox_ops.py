"""Retrying and discarding failed outbox ops."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from stint.domain.clock import FixedClock
from stint.domain.errors import NotFound, Refused
from stint.store import outbox, queries
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine, transaction
from stint.store.models import Account, Entry, Op, Status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def engine(tmp_path):
    engine = open_engine(tmp_path / "stint.sqlite3")
    with transaction(engine) as s:
        account = Account(name="work", kind="wapify", base_url="https://x", credential="keyring", created_at=T0)
        s.add(account)
        s.flush()
        s.add(Status(account_id=account.id, name="TO_DO", label="To do", color="#888", position=1))
    yield engine
    engine.dispose()


@pytest.fixture
def db(engine):
    database = open_database(engine.url.database)
    yield database
    database.close()


def _failed_stop(engine, db) -> tuple[int, str]:
    tracker = Tracker(db, FixedClock(T0))
    tracker.create_task("Write report", account="work")
    entry = tracker.start("Write report").entry
    tracker.clock.advance(3600)
    tracker.stop()
    with transaction(engine) as s:
        op = s.query(Op).filter(Op.kind == "stop").one()
        op.state, op.attempts, op.last_error = "failed", 3, "400: entry too long"
        s.get(Entry, entry.id).sync = "failed"
        return op.seq, entry.id


def test_retry_puts_the_op_back_in_the_queue(engine, db):
    seq, entry_id = _failed_stop(engine, db)
    with db.write() as conn:
        outbox.retry(conn, seq)
    with transaction(engine) as s:
        op = s.get(Op, seq)
        assert (op.state, op.attempts, op.next_attempt_at, op.last_error) == ("pending", 0, None, None)
        assert s.get(Entry, entry_id).sync == "pending"
    with db.read() as conn:
        assert outbox.counts(conn)["failed"] == 0


def test_discard_keeps_the_local_time_as_local_only(engine, db):
    seq, entry_id = _failed_stop(engine, db)
    with db.write() as conn:
        outbox.discard(conn, seq)
    with transaction(engine) as s:
        assert s.get(Op, seq).state == "discarded"
        assert s.get(Entry, entry_id).sync == "local-only"
    with db.read() as conn:
        assert queries.failed_ops(conn) == []
        assert outbox.counts(conn) == {"pending": 2, "failed": 0}  # create_task, start


def test_only_failed_ops_can_be_retried_or_discarded(engine, db):
    seq, _ = _failed_stop(engine, db)
    with transaction(engine) as s:
        pending = s.query(Op).filter(Op.kind == "start").one().seq
    with pytest.raises(Refused):
        with db.write() as conn:
            outbox.discard(conn, pending)
    with pytest.raises(NotFound):
        with db.write() as conn:
            outbox.retry(conn, 9999)
    with transaction(engine) as s:
        assert s.get(Op, pending).state == "pending"
