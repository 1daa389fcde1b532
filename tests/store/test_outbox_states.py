"""The outbox's state machine: every named transition, as a move of one object and
as SQL over either kind of connection, and what it refuses."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete
from sqlalchemy.orm import Session

from stint.domain.errors import NotFound, Refused
from stint.store import outbox
from stint.store.db import open_engine, transaction
from stint.store.migrations import alembic_config, upgrade
from stint.store.models import Account, Entry, Op, Task
from stint.store.outbox import OPEN_STATES, TRANSITIONS, IllegalTransition, OpState

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

# The table of the module's docstring, written out again: a change to either shows here.
LEGAL = {
    "claim": ({"pending", "in_flight"}, {"in_flight"}),
    "complete": ({"in_flight"}, {"done"}),
    "settle": ({"pending", "in_flight"}, {"done", "local-only", "failed"}),
    "fail": ({"in_flight"}, {"failed"}),
    "keep": ({"in_flight"}, {"pending", "in_flight"}),
    "release": ({"in_flight"}, {"pending"}),
    "retry": ({"failed"}, {"pending"}),
    "discard": ({"failed"}, {"discarded"}),
    "resolve": ({"failed"}, {"done"}),
}


@dataclass
class Row:
    """An op's columns without a database: the object form works on any such object."""

    state: str
    seq: int = 1
    attempts: int = 1
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    last_error: str | None = None


def test_the_states_are_the_stored_values() -> None:
    assert [s.value for s in OpState] == ["pending", "in_flight", "done", "local-only", "failed", "discarded"]
    assert OPEN_STATES == ("pending", "in_flight")
    assert OpState.LOCAL_ONLY == "local-only"  # spelled as an entry's sync state


def test_the_transition_table() -> None:
    assert {t.name: (set(t.sources), set(t.targets)) for t in TRANSITIONS} == LEGAL


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: t.name)
@pytest.mark.parametrize("state", list(OpState), ids=str)
def test_a_move_from_a_state_not_in_the_table_raises(transition: outbox.Transition, state: OpState) -> None:
    row = Row(state)
    for target in transition.targets:
        if state in transition.sources:
            transition.move(row, target)
            assert row.state == target
            row.state = state
        else:
            with pytest.raises(IllegalTransition, match=transition.name):
                transition.move(row, target)
            assert row.state == state


def test_a_transition_to_a_state_it_does_not_lead_to_raises() -> None:
    with pytest.raises(IllegalTransition):
        outbox.settle(Row("pending"), OpState.DISCARDED, "no")
    with pytest.raises(IllegalTransition):
        outbox.SETTLE.sql(OpState.PENDING)


def test_the_engine_transitions_write_their_columns() -> None:
    row = Row("pending", attempts=0)
    outbox.claim(row, T0)
    assert (row.state, row.attempts, row.sent_at) == ("in_flight", 1, T0)
    outbox.claim(row, T0 + timedelta(minutes=1))  # again after an ambiguous failure
    assert (row.state, row.attempts) == ("in_flight", 2)
    outbox.keep(row, "timed out", may_have_arrived=True)
    assert (row.state, row.last_error) == ("in_flight", "timed out")
    outbox.keep(row, "refused to connect", may_have_arrived=False)
    assert (row.state, row.last_error) == ("pending", "refused to connect")
    outbox.claim(row, T0)
    outbox.complete(row)
    assert (row.state, row.last_error) == ("done", None)
    with pytest.raises(IllegalTransition):
        outbox.complete(row)  # twice: a bug

    failing = Row("in_flight")
    outbox.fail(failing, "422: title too long")
    assert (failing.state, failing.last_error) == ("failed", "422: title too long")
    with pytest.raises(IllegalTransition):
        outbox.wait(failing, "waits")

    settled = Row("pending", last_error="waits for its task")
    outbox.settle(settled, OpState.LOCAL_ONLY, "this server only runs a live timer")
    assert (settled.state, settled.last_error) == ("local-only", None)
    refused = Row("pending")
    outbox.settle(refused, OpState.FAILED, "this server does not let us create tasks")
    assert refused.last_error == "this server does not let us create tasks"


# -- with a database -----------------------------------------------------------------

@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "stint.sqlite3"
    engine = open_engine(path)
    with transaction(engine) as s:
        account = Account(name="work", kind="wapify", base_url="https://x", credential="keyring", created_at=T0)
        s.add(account)
        s.flush()
        s.add(Task(id=1, account_id=account.id, title="Report", status_id=1, created_at=T0, updated_at=T0))
    engine.dispose()
    return path


def _states(path: Path) -> dict[int, tuple[str, int, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return {seq: (state, attempts, error) for seq, state, attempts, error in
                conn.execute("SELECT seq, state, attempts, last_error FROM outbox")}
    finally:
        conn.close()


def _queue(db: Session | sqlite3.Connection, n: int) -> list[int]:
    return [outbox.append(db, account_id=1, kind="set_status", now=T0, task_id=1, payload={"status_id": 2})
            for _ in range(n)]


def test_bulk_forms_on_a_plain_sqlite3_connection(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    seqs = _queue(conn, 4)
    outbox.claim_all(conn, seqs, T0)
    outbox.complete_all(conn, seqs[:2])
    outbox.release_all(conn, seqs[2:])
    conn.close()
    assert _states(db_path) == {seqs[0]: ("done", 1, None), seqs[1]: ("done", 1, None),
                                seqs[2]: ("pending", 0, None), seqs[3]: ("pending", 0, None)}


def test_bulk_forms_in_a_session_and_an_illegal_one_changes_nothing(db_path: Path) -> None:
    engine = open_engine(db_path)
    with transaction(engine) as s:
        seqs = _queue(s, 3)
        outbox.claim_all(s, seqs, T0)
        outbox.complete_all(s, seqs[:1])
    with pytest.raises(IllegalTransition, match="complete: 1 of ops .* not in_flight"):
        with transaction(engine) as s:
            outbox.complete_all(s, seqs)  # the first is done already
    assert [_states(db_path)[seq][0] for seq in seqs] == ["done", "in_flight", "in_flight"]  # all undone
    with transaction(engine) as s:
        s.execute(delete(Op).where(Op.seq == seqs[2]))  # as when its account is removed
        outbox.complete_all(s, seqs[1:])  # a vanished op is skipped, not an error
    engine.dispose()
    assert _states(db_path) == {seqs[0]: ("done", 1, None), seqs[1]: ("done", 1, None)}


def test_the_person_retries_and_discards_over_plain_sqlite3(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("INSERT INTO entry (id, task_id, started_at, ended_at, note, origin, sync, deleted, created_at,"
                 " updated_at) VALUES ('e1', 1, 1, 2, '', 'local', 'failed', 0, 1, 1)")
    start, stop, edit = (outbox.append(conn, account_id=1, kind=kind, now=T0, task_id=1, entry_id="e1")
                         for kind in ("start", "stop", "update_entry"))
    conn.execute("UPDATE outbox SET state = 'failed', attempts = 3, last_error = '400'")
    with pytest.raises(IllegalTransition, match="release: 2 of ops .* not in_flight"):
        outbox.release_all(conn, [start, stop])
    outbox.discard(conn, stop)
    assert conn.execute("SELECT sync FROM entry").fetchone() == ("failed",)  # the others still failed
    outbox.discard(conn, edit)
    outbox.retry(conn, start)
    assert conn.execute("SELECT sync FROM entry").fetchone() == ("pending",)
    with pytest.raises(Refused, match="is pending, not failed"):
        outbox.discard(conn, start)
    with pytest.raises(NotFound):
        outbox.retry(conn, 999)
    assert outbox.counts(conn) == {"pending": 1, "failed": 0}
    conn.close()
    assert _states(db_path) == {start: ("pending", 0, None), stop: ("discarded", 3, "400"),
                                edit: ("discarded", 3, "400")}


def test_counts_and_purge_agree_across_connections(db_path: Path) -> None:
    engine = open_engine(db_path)
    with transaction(engine) as s:
        seqs = _queue(s, 4)
        outbox.claim_all(s, seqs[:3], T0)
        outbox.complete_all(s, seqs[:1])
        op = s.get(Op, seqs[1])
        assert op is not None
        outbox.fail(op, "refused")
        assert outbox.counts(s) == outbox.counts(s, 1) == {"pending": 2, "failed": 1}
        assert outbox.counts(s, 2) == {"pending": 0, "failed": 0}
        outbox.purge(s, 1, T0 + timedelta(days=1))
    engine.dispose()
    conn = sqlite3.connect(db_path)
    assert outbox.counts(conn) == {"pending": 2, "failed": 1}
    assert sorted(_states(db_path)) == seqs[1:]  # the done one is gone
    conn.close()


def test_the_module_loads_no_sqlalchemy() -> None:
    code = "import sys, stint.store.outbox; sys.exit('sqlalchemy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_migration_rewrites_the_old_spelling_of_local_only(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    upgrade(path, "0004")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO account (id, name, kind, base_url, options, credential, state, cursors, created_at)"
                     " VALUES (1, 'w', 'wapify', 'https://x', '{}', 'keyring', 'ok', '{}', 1)")
        for n, state in enumerate(("local_only", "done", "failed", "local_only")):
            conn.execute("INSERT INTO outbox (uuid, account_id, kind, payload, attempts, state, created_at)"
                         " VALUES (?, 1, 'start', '{}', 1, ?, 1)", (f"u{n}", state))
    conn.close()
    open_engine(path).dispose()  # upgrades to head
    assert [s for s, _, _ in _states(path).values()] == ["local-only", "done", "failed", "local-only"]
    command.downgrade(alembic_config(path), "0004")
    assert [s for s, _, _ in _states(path).values()] == ["local_only", "done", "failed", "local_only"]


def test_a_discarded_stop_leaves_its_entry_local_only(db_path: Path) -> None:
    engine = open_engine(db_path)
    with transaction(engine) as s:
        s.add(Entry(id="e1", task_id=1, started_at=T0, ended_at=T0 + timedelta(hours=1), note="", origin="local",
                    sync="failed", deleted=False, created_at=T0, updated_at=T0))
        seq = outbox.append(s, account_id=1, kind="stop", now=T0, task_id=1, entry_id="e1")
        op = s.get(Op, seq)
        assert op is not None
        outbox.claim(op, T0)
        outbox.fail(op, "400")
    with transaction(engine) as s:
        outbox.discard(s, seq)
    with transaction(engine) as s:
        op, entry = s.get(Op, seq), s.get(Entry, "e1")
        assert op is not None and entry is not None
        assert (op.state, entry.sync) == ("discarded", OpState.LOCAL_ONLY)
    engine.dispose()
