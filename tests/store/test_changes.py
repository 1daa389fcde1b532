"""The person's answers to a refused change: retry, discard, and "use this server
task" for a task creation whose reply was lost — each one transaction, each refusal
one line that changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from stint.domain.errors import NotFound, Refused
from stint.store import changes, outbox
from stint.store.db import transaction
from stint.store.models import Account, Entry, Op, Status, Task

from ..conftest import db_snapshot


def add_account(engine, clock, name: str) -> int:
    with transaction(engine) as s:
        acc = Account(name=name, kind="wapify", base_url=f"https://{name}.example/api/tasks", options={},
                      credential="env:TOKEN", state="ok", cursors={}, created_at=clock.now())
        s.add(acc)
        s.flush()
        for pos, (sname, done) in enumerate([("TO_DO", False), ("IN_PROGRESS", False), ("DONE", True)], start=1):
            s.add(Status(account_id=acc.id, remote_id=str(pos), name=sname, label=sname, position=pos, is_done=done))
        return acc.id


def pulled(engine, clock, account_id: int, remote_id: str, title: str) -> int:
    """A task as a pull leaves it: with its server id."""
    with transaction(engine) as s:
        status = s.scalars(select(Status).where(Status.account_id == account_id)).first()
        task = Task(account_id=account_id, remote_id=remote_id, title=title, status_id=status.id,
                    created_at=clock.now(), updated_at=clock.now())
        s.add(task)
        s.flush()
        return task.id


def fail(engine, seq: int, message: str = "cannot tell") -> None:
    with transaction(engine) as s:
        op = s.get(Op, seq)
        op.state, op.last_error, op.attempts = "failed", message, 1


def ops(engine) -> dict[int, tuple[str, str, int | None, str | None]]:
    with transaction(engine) as s:
        return {o.seq: (o.kind, o.state, o.task_id, o.last_error) for o in s.scalars(select(Op).order_by(Op.seq))}


@pytest.fixture
def work(engine, clock) -> int:
    return add_account(engine, clock, "work")


@pytest.fixture
def lost(tracker, engine, clock, work) -> tuple[int, int, str]:
    """Task "Report" made here, tracked 25 minutes; its create failed (the reply lost)."""
    local = tracker.create_task("Report", account="work")
    tracker.start(str(local.id))
    clock.advance(minutes=25)
    entry = tracker.stop()
    create = min(ops(engine))
    fail(engine, create)
    return create, local.id, entry.id


def waiting_for(engine, blocker: int, seqs: list[int]) -> None:
    """Ops `seqs` as a sync leaves them behind failed op `blocker`."""
    with transaction(engine) as s:
        for seq in seqs:
            s.get(Op, seq).last_error = outbox.waits_for(blocker, "which failed")


def test_use_moves_the_local_tasks_time_and_ops_to_the_server_task(tracker, engine, clock, work, lost) -> None:
    create, local_id, entry_id = lost
    server_id = pulled(engine, clock, work, "41", "Report")
    waiting_for(engine, create, [create + 1, create + 2])
    clock.advance(minutes=5)
    used = tracker.use_server_task(create, "work:41")
    assert (used.local.id, used.server.id) == (local_id, server_id)
    after = ops(engine)
    assert after[create][:3] == ("create_task", "done", server_id)
    assert "41" in after[create][3]  # why it is done: the person's choice
    assert {(kind, task, why) for kind, state, task, why in after.values() if state == "pending"} == {
        ("start", server_id, None), ("stop", server_id, None)}  # no longer said to wait for it
    with transaction(engine) as s:
        assert s.get(Task, local_id) is None
        assert s.get(Entry, entry_id).task_id == server_id
        server = s.get(Task, server_id)
        assert server.title == "Report" and server.last_started_at == clock.now() - timedelta(minutes=30)


def test_use_gives_a_title_that_only_spells_its_id_the_local_title(tracker, engine, clock, work, lost) -> None:
    create, _, _ = lost
    server_id = pulled(engine, clock, work, "41", "41")
    used = tracker.use_server_task(create, str(server_id))
    assert used.server.title == "Report"
    with transaction(engine) as s:
        assert s.get(Task, server_id).title == "Report"


def test_a_server_task_with_its_own_title_keeps_it(tracker, engine, clock, work, lost) -> None:
    create, _, _ = lost
    server_id = pulled(engine, clock, work, "41", "Quarterly report (Q3)")
    tracker.use_server_task(create, str(server_id))
    with transaction(engine) as s:
        assert s.get(Task, server_id).title == "Quarterly report (Q3)"


def test_use_refuses_in_one_line_and_changes_nothing(tracker, engine, clock, work, lost, home) -> None:
    create, local_id, _ = lost
    other_account = add_account(engine, clock, "home")
    elsewhere = pulled(engine, clock, other_account, "41", "Report elsewhere")
    unsent = tracker.create_task("Unsent", account="work")
    start = next(seq for seq, (kind, *_rest) in ops(engine).items() if kind == "start")
    fail(engine, start)
    server_id = pulled(engine, clock, work, "41", "Report on the server")
    pending = max(ops(engine))  # Unsent's create, still pending
    before = db_snapshot(home / "stint.sqlite3")
    refusals = [
        (999, str(server_id), NotFound, "no queued change #999"),
        (pending, str(server_id), Refused, f"change #{pending} is pending, not failed"),
        (start, str(server_id), Refused, "not a task creation"),
        (create, str(elsewhere), Refused, "is not of account work"),
        (create, str(unsent.id), Refused, "is not on the server yet"),
        (create, str(local_id), Refused, "is the one change"),
        (create, "no such task", NotFound, "no task matches"),
    ]
    for seq, ref, error, words in refusals:
        with pytest.raises(error, match=words) as raised:
            tracker.use_server_task(seq, ref)
        assert "\n" not in str(raised.value)
    assert db_snapshot(home / "stint.sqlite3") == before


def test_a_resolved_change_cannot_be_used_again(tracker, engine, clock, work, lost) -> None:
    create, _, _ = lost
    pulled(engine, clock, work, "41", "Report")
    tracker.use_server_task(create, "work:41")
    with pytest.raises(Refused, match=f"change #{create} is done, not failed"):
        tracker.use_server_task(create, "work:41")


def test_retry_and_discard_all_or_none(tracker, engine, clock, work) -> None:
    one = tracker.create_task("One", account="work")
    tracker.create_task("Two", account="work")
    first, second = sorted(ops(engine))
    fail(engine, first, "422: one")
    with pytest.raises(Refused, match=f"change #{second} is pending"):
        tracker.retry_changes([first, second])
    assert ops(engine)[first][1] == "failed"  # the refusal undid the first retry too
    fail(engine, second, "422: two")
    third = tracker.create_task("Three", account="work")
    waiting_for(engine, first + 10, [max(ops(engine))])  # waits for another op: stays so
    tracker.retry_changes([first])
    tracker.discard_changes([second])
    after = ops(engine)
    assert after[first] == ("create_task", "pending", one.id, None)
    assert after[second][1] == "discarded"
    assert after[max(after)] == ("create_task", "pending", third.id, outbox.waits_for(first + 10, "which failed"))
    with pytest.raises(NotFound, match="no queued change #77"):
        tracker.discard_changes([77])


def test_the_lists_of_failed_and_waiting_changes(tracker, db, engine, clock, work) -> None:
    tracker.create_task("One", account="work")
    tracker.create_task("Two", account="work")
    first, second = sorted(ops(engine))
    fail(engine, first, "422: title taken")
    with transaction(engine) as s:
        s.get(Op, second).last_error = "waiting for change #1"
    with db.read() as conn:
        failed, waiting = changes.failed(conn), changes.waiting(conn)
    assert [(c.seq, c.account, c.kind, c.task, c.error, c.created_at) for c in failed] == [
        (first, "work", "create_task", "One", "422: title taken", clock.now())]
    assert [(c.seq, c.task, c.error) for c in waiting] == [(second, "Two", "waiting for change #1")]
