"""Each kind of server call on its own: its probe, send, record and what a 404
means for it, against the fakes' HTTP and a real store (the end-to-end sync tests
drive the same classes through the push loop)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from stint.accounts import AccountInfo, Accounts
from stint.backends.base import Backend, CannotTell, CreatedTask, RemoteTimer
from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from stint.store.db import transaction
from stint.store import outbox
from stint.store.models import Account, Entry, Op, Task
from stint.store.outbox import OpState
from stint.sync import plan
from stint.sync.calls import (
    GONE_ENTRY, GONE_TASK, OFFLINE_INTERVAL, Call, CreateEntry, CreateTask, DeleteEntry, SetStatus, SetTaskTotal,
    Settled, StartMaybeSent, StartTimer, StaysLocal, StopTimer, Stopped, UpdateEntry,
)
from stint.sync.report import AccountReport
from tests.fakes.warmdesk import FakeWarmDesk
from tests.fakes.wekan import FakeWekan
from tests.sync.conftest import World
from tests.sync.kinds import T0, KindWorld, make


def _backend(engine: Engine, accounts: Accounts) -> Backend:
    with transaction(engine) as s:
        info = AccountInfo.of(s.scalars(select(Account)).one())
    return accounts.backend_for(info)


def _op(engine: Engine, kind: str) -> Op:
    """The newest op of `kind`, read in a transaction of its own."""
    with transaction(engine) as s:
        return s.scalars(select(Op).where(Op.kind == kind).order_by(Op.seq.desc()).limit(1)).one()


def _entry(engine: Engine, entry_id: str) -> Entry:
    with transaction(engine) as s:
        entry = s.get(Entry, entry_id)
        assert entry is not None
        return entry


def test_every_kind_of_call_sends_something() -> None:
    kinds = {CreateTask, SetStatus, StartTimer, StartMaybeSent, StopTimer, CreateEntry, UpdateEntry, DeleteEntry,
             SetTaskTotal}
    assert all(issubclass(k, Call) and not getattr(k.send, "__isabstractmethod__", False) for k in kinds)
    with pytest.raises(TypeError):
        Call(key="k")  # type: ignore[abstract]


# -- a live-timer server (the Wapify fake) -------------------------------------------

def test_create_task_probe_finds_only_a_task_that_was_not_there(world: World) -> None:
    backend = _backend(world.engine, world.accounts)
    call = CreateTask(key="op-1", title="Website", known=frozenset({"1", "2"}), since=world.clock.now())
    assert call.probe(backend) is None  # "Website" is an old task, not ours: none was made
    world.fake.web_create_task("Website")  # ours, whose reply was lost? or a colleague's?
    with pytest.raises(CannotTell, match="cannot be shown to be the one made here"):
        call.probe(backend)  # Wapify says neither who made a task nor when: the person decides
    assert call.ends_batch and not call.state_only

    world.tracker.create_task("Notes", account="work")
    created = CreateTask(key="op-2", title="Notes").send(backend)
    assert world.fake.tasks[int(created.remote_id)].title == "Notes"
    seq = _op(world.engine, "create_task").seq
    with transaction(world.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        CreateTask(key=op.uuid, title="Notes").record(s, op, CreatedTask(created.remote_id, "3", None),
                                                      AccountReport("work"), world.clock.now())
        task = s.get(Task, op.task_id)
        assert task is not None and (task.remote_id, task.status.name) == (created.remote_id, "REVIEW")
        assert call.touched(s, op) == created.remote_id  # the pull reads the new task's time
        assert call.on_gone(s, op, AccountReport("work")) is None  # a 404 on a create is a refusal


def test_set_status_probe_send_and_a_gone_task(world: World) -> None:
    backend = _backend(world.engine, world.accounts)
    call = SetStatus(key="op", task_remote_id="1", status_remote_id="3")
    assert call.probe(backend) is None
    call.send(backend)
    assert world.fake.tasks[1].status_id == 3
    assert call.probe(backend) == "3"  # applied: not sent again
    world.tracker.set_status("Website", "REVIEW")
    report = AccountReport("work")
    seq = _op(world.engine, "set_status").seq
    with transaction(world.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        assert call.on_gone(s, op, report) == Settled(OpState.DONE, GONE_TASK)
        assert call.touched(s, op) is None  # a status is not time: no re-read
    assert report.notes == [f"Website: {GONE_TASK}; its status is kept here only"]
    assert call.state_only and call.gone_is_task


def test_start_takes_the_server_timer_already_running_for_done(world: World) -> None:
    backend = _backend(world.engine, world.accounts)
    entry = world.tracker.start("Website").entry
    call = StartTimer(key="op", task_remote_id="1", entry_id=entry.id)
    assert call.probe(backend) is None
    world.clock.advance(minutes=5)
    world.fake.web_start(1)  # e.g. our earlier start, whose reply was lost
    timer = call.send(backend)  # AlreadyRunning: the server's timer is what we asked for
    assert call.probe(backend) == timer
    report = AccountReport("work")
    seq = _op(world.engine, "start").seq
    with transaction(world.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        call.record(s, op, timer, report, world.clock.now())
        stored = s.get(Entry, entry.id)
        assert stored is not None and (stored.remote_id, stored.sync) == (timer.remote_entry_id, "synced")
    assert [lo["seconds"] for lo in report.local_only] == [300]  # the server's clock began later


def test_a_start_that_may_have_arrived_is_looked_for_never_sent(world: World) -> None:
    backend = _backend(world.engine, world.accounts)
    entry = world.tracker.start("Website").entry
    world.clock.advance(minutes=30)
    world.tracker.stop()
    stop = _op(world.engine, "stop").seq
    call = StartMaybeSent(key="op", task_remote_id="1", entry_id=entry.id, stops=(stop,))
    assert isinstance(call.probe(backend), StaysLocal) and isinstance(call.send(backend), StaysLocal)
    assert world.fake.count("POST") == 0
    seq = _op(world.engine, "start").seq
    with transaction(world.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        assert call.record(s, op, StaysLocal(), AccountReport("work"), world.clock.now()) == \
            Settled(OpState.LOCAL_ONLY, OFFLINE_INTERVAL, (entry.id,), (stop,))
        assert call.on_gone(s, op, AccountReport("work")) == Settled(OpState.LOCAL_ONLY, GONE_TASK, (entry.id,),
                                                                      (stop,))
    world.fake.web_start(1)  # it did arrive: the timer runs there, and its stop goes out next
    timer = call.probe(backend)
    assert isinstance(timer, RemoteTimer)
    seq = _op(world.engine, "start").seq
    with transaction(world.engine) as s:
        op = s.get(Op, seq)
        assert op is not None and call.record(s, op, timer, AccountReport("work"), world.clock.now()) is None
    assert _entry(world.engine, entry.id).remote_id == timer.remote_entry_id


def test_stop_probe_reads_the_server_entry_and_a_stopped_timer_is_done(world: World) -> None:
    backend = _backend(world.engine, world.accounts)
    remote = str(world.fake.web_start(2))
    world.tracker.start("Backend API")
    call = StopTimer(key="op", task_remote_id="2", entry_id="e", entry_remote_id=remote)
    assert call.probe(backend) is None  # still running: the stop is sent
    world.clock.advance(minutes=20)
    world.fake.web_stop(2)
    stopped = call.probe(backend)
    assert isinstance(stopped, Stopped) and stopped.entry is not None
    assert stopped.entry.ended_at == world.clock.now()
    assert call.send(backend) == Stopped(None)  # NotRunning: stopped elsewhere, the pull reads its end


# -- an entry server (the WarmDesk fake) ----------------------------------------------

@pytest.fixture
def wd(tmp_path: Path) -> Iterator[tuple[KindWorld, FakeWarmDesk]]:
    clock = FixedClock(T0)
    fake = FakeWarmDesk(clock=clock)
    fake.add_card(fake.add_project("Web", "web"), "Landing page")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("desk", "warmdesk", fake.base_url, SignIn(username="alice", password="hunter2-correct-horse"))
    yield w, fake
    w.accounts.close()


def test_entry_calls_create_find_update_and_delete(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    backend = _backend(w.engine, w.accounts)
    w.tracker.start("Landing page")
    w.clock.advance(minutes=45)
    entry = w.tracker.stop()
    rid = w.entries()[0].task.remote_id or ""
    create = CreateEntry(key=entry.id, task_remote_id=rid, entry_id=entry.id, started_at=entry.started_at,
                         ended_at=entry.ended_at)
    assert create.probe(backend) is None  # no key the server honours: its entries are looked at
    written = create.send(backend)
    assert create.probe(backend) == written  # a lost reply: found by task, start and end
    seq = _op(w.engine, "stop").seq
    with transaction(w.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        create.record(s, op, written, AccountReport("desk"), w.clock.now())
        stored = s.get(Entry, entry.id)
        assert stored is not None and stored.remote_id == written.remote_id
        assert stored.sync == "pending"  # the stop op itself is still open

    assert entry.ended_at is not None
    later = entry.ended_at + timedelta(minutes=15)
    update = UpdateEntry(key="u", task_remote_id=rid, entry_id=entry.id, entry_remote_id=written.remote_id,
                         started_at=entry.started_at, ended_at=later, note="done")
    assert update.probe(backend) is None  # absolute: a replay is harmless
    assert update.send(backend).ended_at == later
    assert fake.entries[int(written.remote_id)].description == "done"
    delete = DeleteEntry(key="d", task_remote_id=rid, entry_id=entry.id, entry_remote_id=written.remote_id)
    delete.send(backend)
    assert fake.entries == {}
    seq = _op(w.engine, "stop").seq
    with transaction(w.engine) as s:
        op = s.get(Op, seq)
        assert op is not None
        assert update.on_gone(s, op, AccountReport("desk")) == Settled(OpState.DONE, GONE_ENTRY, (entry.id,))
        assert delete.on_gone(s, op, AccountReport("desk")) == Settled(OpState.DONE, GONE_ENTRY)
        assert create.on_gone(s, op, AccountReport("desk")) == Settled(OpState.LOCAL_ONLY, GONE_TASK, (entry.id,))
        assert not update.gone_is_task and not delete.gone_is_task and create.gone_is_task
        delete.on_refused(s, op)
    assert _entry(w.engine, entry.id).sync == "pending"  # deleted here whatever the server says
    with transaction(w.engine) as s:
        op = s.get(Op, op.seq)
        assert op is not None
        create.on_refused(s, op)
    assert _entry(w.engine, entry.id).sync == "failed"


# -- a server holding one total per task (the Wekan fake) -------------------------------

def test_set_task_total_marks_the_task_time_synced(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    fake = FakeWekan(clock=clock)
    card = fake.add_card(fake.add_board("Team"), "Fix login")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("wk", "wekan", fake.base_url, SignIn(username="myusername", password="my$up3erP@ssw0rd"))
    try:
        w.tracker.start("Fix login")
        w.clock.advance(minutes=30)
        w.tracker.stop()
        op = _op(w.engine, "stop")
        backend = _backend(w.engine, w.accounts)
        with transaction(w.engine) as s:
            stored = s.get(Op, op.seq)
            assert stored is not None
            step = plan.plan(s, stored, backend.capabilities, False)
        assert isinstance(step, SetTaskTotal) and step.seconds == 1800
        step.send(backend)
        assert card.spent_time == 0.5
        (entry,) = w.entries()
        with transaction(w.engine) as s:
            stored = s.get(Op, op.seq)
            assert stored is not None
            gone = step.on_gone(s, stored, AccountReport("wk"))
            assert gone == Settled(OpState.LOCAL_ONLY, GONE_TASK, (entry.id,))
            step.record(s, stored, 1800, AccountReport("wk"), w.clock.now())
        assert [e.sync for e in w.entries()] == ["pending"]  # its start is still queued
        start = _op(w.engine, "start").seq
        with transaction(w.engine) as s:
            start_op, stored = s.get(Op, start), s.get(Op, op.seq)
            assert start_op is not None and stored is not None
            outbox.settle(start_op, OpState.DONE, "the total is sent when the timer stops")
            step.record(s, stored, 1800, AccountReport("wk"), w.clock.now())
        assert [e.sync for e in w.entries()] == ["synced"]

    finally:
        w.accounts.close()
