"""User actions: one transaction each, with their outbox rows, and the timer rules."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from stint.domain.errors import Ambiguous, NotFound, Refused, UsageError
from stint.store.db import transaction
from stint.store.models import Account, Entry, Op, Status, Task

from ..conftest import db_snapshot


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def account(engine, clock) -> int:
    """An account with the Wapify statuses, as a sync would leave it."""
    with transaction(engine) as s:
        acc = Account(name="work", kind="wapify", base_url="https://tasks.example.com/api/tasks",
                      options={}, credential="env:TOKEN", state="ok", cursors={}, created_at=clock.now())
        s.add(acc)
        s.flush()
        for pos, (name, label, done) in enumerate(
            [("TO_DO", "Por hacer", False), ("IN_PROGRESS", "En progreso", False),
             ("REVIEW", "Revisión", False), ("DONE", "Completado", True)], start=1):
            s.add(Status(account_id=acc.id, remote_id=str(pos), name=name, label=label, position=pos, is_done=done))
        return acc.id


def ops(engine) -> list[tuple[str, int | None, str | None]]:
    with transaction(engine) as s:
        return [(o.kind, o.task_id, o.entry_id) for o in s.scalars(select(Op).order_by(Op.seq))]


def test_local_task_starts_to_do_and_queues_nothing(tracker, engine) -> None:
    task = tracker.create_task("  Write   the report ", description="quarterly")
    assert task.title == "Write the report"
    assert task.status.name == "TO_DO"
    assert task.account_id is None
    assert ops(engine) == []


def test_start_moves_task_in_progress_and_stop_ends_entry(tracker, clock) -> None:
    task = tracker.create_task("A")
    result = tracker.start(str(task.id))
    assert result.task.status.name == "IN_PROGRESS"
    assert result.entry.ended_at is None and result.stopped is None
    clock.advance(minutes=25)
    stopped = tracker.stop()
    assert stopped.id == result.entry.id
    assert stopped.ended_at - stopped.started_at == timedelta(minutes=25)


def test_starting_another_stops_the_running_one_at_the_same_instant(tracker, clock, engine) -> None:
    tracker.create_task("A", start=True)
    clock.advance(minutes=10)
    b = tracker.create_task("B")
    result = tracker.start("B")
    assert result.stopped is not None
    assert result.stopped.ended_at == result.entry.started_at == clock.now()
    with transaction(engine) as s:
        running = s.scalars(select(Entry).where(Entry.ended_at.is_(None))).all()
        assert [e.task_id for e in running] == [b.id]


def test_starting_the_running_task_again_changes_nothing(tracker, home) -> None:
    tracker.create_task("A", start=True)
    before = db_snapshot(home / "stint.sqlite3")
    result = tracker.start("A")
    assert result.already_running
    assert db_snapshot(home / "stint.sqlite3") == before


def test_stop_with_nothing_running_is_refused(tracker) -> None:
    with pytest.raises(Refused, match="no timer is running"):
        tracker.stop()


def test_account_task_actions_append_outbox_ops_in_order(tracker, engine, clock, account) -> None:
    task = tracker.create_task("Remote one", start=True)  # the only account is used
    assert task.task.account_id == account
    clock.advance(minutes=5)
    tracker.stop()
    tracker.set_status(str(task.task.id), "revisión")
    entry = tracker.log(str(task.task.id), utc(2026, 11, 20, 8), utc(2026, 11, 20, 9), "by hand")
    tracker.edit_entry(entry.id, note="changed")
    tracker.delete_entry(entry.id[:8])
    tid = task.task.id
    assert ops(engine) == [
        ("create_task", tid, None),
        ("start", tid, task.entry.id),
        ("stop", tid, task.entry.id),
        ("set_status", tid, None),
        ("create_entry", tid, entry.id),
        ("update_entry", tid, entry.id),
        ("delete_entry", tid, entry.id),
    ]
    with transaction(engine) as s:
        deleted = s.get(Entry, entry.id)
        assert deleted.deleted  # kept until the server confirms the delete
        assert s.get(Task, tid).status.label == "Revisión"


def test_local_flag_and_several_accounts(tracker, engine, clock, account) -> None:
    assert tracker.create_task("Mine", local=True).account_id is None
    with transaction(engine) as s:
        s.add(Account(name="home", kind="wapify", base_url="https://h.example/api/tasks", options={},
                      credential="env:X", state="ok", cursors={}, created_at=clock.now()))
    with pytest.raises(UsageError, match="several accounts"):
        tracker.create_task("Where?")
    assert tracker.create_task("There", account="work").account_id == account
    with pytest.raises(NotFound):
        tracker.create_task("Nowhere", account="nope")


def test_a_failed_action_leaves_no_outbox_row(tracker, engine, account, home) -> None:
    task = tracker.create_task("T")
    before = db_snapshot(home / "stint.sqlite3")
    with pytest.raises(NotFound):
        tracker.set_status(str(task.id), "no such status")
    assert db_snapshot(home / "stint.sqlite3") == before


@pytest.mark.parametrize("title", ["", "   ", "x" * 256])
def test_bad_titles(tracker, title: str) -> None:
    with pytest.raises(UsageError):
        tracker.create_task(title)


def test_task_references(tracker, engine, account) -> None:
    a = tracker.create_task("Fix login bug", local=True)
    tracker.create_task("Fix logout bug", local=True)
    remote = tracker.create_task("Deploy", account="work")
    with transaction(engine) as s:
        s.get(Task, remote.id).remote_id = "42"
    assert tracker.start("login").task.id == a.id
    assert tracker.start("work:42").task.id == remote.id
    assert tracker.start(str(a.id)).task.id == a.id
    with pytest.raises(Ambiguous, match="2 tasks match 'fix'"):
        tracker.start("fix")
    with pytest.raises(NotFound):
        tracker.start("work:999")
    with pytest.raises(NotFound):
        tracker.start("9999")


def test_exact_title_wins_over_fragments(tracker) -> None:
    tracker.create_task("Review")
    exact = tracker.create_task("review")  # same words, differs only in case: both exact
    tracker.create_task("Review PR 12")
    with pytest.raises(Ambiguous):
        tracker.start("REVIEW")
    assert tracker.start("pr 12").task.title == "Review PR 12"
    assert exact.id


def test_log_refuses_overlap_and_bad_order(tracker, clock, home) -> None:
    task = tracker.create_task("T")
    tracker.log(str(task.id), utc(2026, 11, 20, 8), utc(2026, 11, 20, 9))
    before = db_snapshot(home / "stint.sqlite3")
    with pytest.raises(Refused, match="overlaps entry .* 09:00–10:00"):  # shown in Madrid time
        tracker.log(str(task.id), utc(2026, 11, 20, 8, 30), utc(2026, 11, 20, 9, 30))
    with pytest.raises(Refused, match="end must be after the start"):
        tracker.log(str(task.id), utc(2026, 11, 20, 10), utc(2026, 11, 20, 10))
    with pytest.raises(Refused, match="week or longer"):
        tracker.log(str(task.id), utc(2026, 11, 1), utc(2026, 11, 9))
    assert db_snapshot(home / "stint.sqlite3") == before
    # Touching intervals do not overlap.
    tracker.log(str(task.id), utc(2026, 11, 20, 9), utc(2026, 11, 20, 10))


def test_dates_outside_the_sane_range_are_never_stored(tracker, clock, home) -> None:
    # The app's dialogs and the hand-off reach the Tracker without the CLI's parsing.
    task = tracker.create_task("T")
    entry = tracker.log(str(task.id), utc(2026, 11, 20, 8), utc(2026, 11, 20, 9))
    before = db_snapshot(home / "stint.sqlite3")
    for start, end in ((utc(1970, 1, 1), utc(1970, 1, 1, 1)), (utc(2099, 1, 1), utc(2099, 1, 1, 1)),
                       (utc(1999, 12, 31, 22), utc(1999, 12, 31, 23))):  # still 1999 in Madrid
        with pytest.raises(UsageError, match="out of range"):
            tracker.log(str(task.id), start, end)
    with pytest.raises(UsageError, match="the year 2099 is out of range"):
        tracker.edit_entry(entry.id, end=utc(2099, 1, 1))
    with pytest.raises(UsageError, match="the year 1970 is out of range"):
        tracker.edit_entry(entry.id, start=utc(1970, 1, 1))
    assert db_snapshot(home / "stint.sqlite3") == before


def test_log_cannot_overlap_the_running_timer(tracker, clock) -> None:
    tracker.create_task("T", start=True)  # running since 09:00 UTC
    with pytest.raises(Refused, match="running"):
        tracker.log("T", clock.now() - timedelta(minutes=30), clock.now() + timedelta(minutes=30))
    # Before the timer started is fine.
    tracker.log("T", clock.now() - timedelta(hours=2), clock.now() - timedelta(hours=1))


def test_edit_entry_rules(tracker, clock) -> None:
    task = tracker.create_task("T")
    first = tracker.log(str(task.id), utc(2026, 11, 20, 8), utc(2026, 11, 20, 9))
    second = tracker.log(str(task.id), utc(2026, 11, 20, 10), utc(2026, 11, 20, 11))
    edited = tracker.edit_entry(first.id, end=utc(2026, 11, 20, 9, 30), note="longer")
    assert edited.ended_at == utc(2026, 11, 20, 9, 30) and edited.note == "longer"
    with pytest.raises(Refused, match="overlaps"):
        tracker.edit_entry(second.id, start=utc(2026, 11, 20, 9, 15))
    with pytest.raises(Refused, match="end must be after"):
        tracker.edit_entry(second.id, end=utc(2026, 11, 20, 9, 59))
    with pytest.raises(UsageError, match="nothing to change"):
        tracker.edit_entry(second.id)
    running = tracker.start(str(task.id)).entry
    with pytest.raises(Refused, match="still running"):
        tracker.edit_entry(running.id, end=clock.now())
    moved = tracker.edit_entry(running.id, start=clock.now() - timedelta(minutes=5))
    assert moved.started_at == clock.now() - timedelta(minutes=5)
    with pytest.raises(Refused, match="future"):
        tracker.edit_entry(running.id, start=clock.now() + timedelta(minutes=5))


def test_entry_references(tracker) -> None:
    task = tracker.create_task("T")
    entry = tracker.log(str(task.id), utc(2026, 11, 20, 8), utc(2026, 11, 20, 9))
    with pytest.raises(UsageError, match="at least 4"):
        tracker.delete_entry(entry.id[:3])
    with pytest.raises(NotFound):
        tracker.delete_entry("ffffffff-nope")
    tracker.delete_entry(entry.id[:6])
    with pytest.raises(NotFound):
        tracker.delete_entry(entry.id)


def test_on_change_is_told_after_commit(db, clock) -> None:
    from stint.store.actions import Tracker

    seen: list[str] = []
    tracker = Tracker(db, clock, on_change=seen.append)
    tracker.create_task("T", start=True)
    tracker.stop()
    assert seen == ["tasks", "timer"]


def test_running_timer_survives_a_new_connection(db, clock, home) -> None:
    from stint.store import lookup
    from stint.store.actions import Tracker
    from stint.store.database import open_database

    Tracker(db, clock).create_task("T", start=True)
    db.close()
    fresh = open_database(home / "stint.sqlite3")
    with fresh.read() as conn:
        assert lookup.running_entry(conn).task.title == "T"
    fresh.close()


def test_statuses_are_per_account(tracker, engine, account) -> None:
    local = tracker.create_task("L", local=True)
    with pytest.raises(NotFound, match="Cancelled"):  # message names the local choices as shown
        tracker.set_status(str(local.id), "Completado")
    tracker.set_status(str(local.id), "cancelled")
    with transaction(engine) as s:
        assert s.scalar(select(Status.name).join(Task).where(Task.id == local.id)) == "CANCELLED"


def test_discard_idle_time_and_continue(tracker, clock, engine, account) -> None:
    started = tracker.create_task("T", account="work", start=True).entry
    clock.advance(minutes=30)
    idle_since = clock.now()
    clock.advance(minutes=20)
    result = tracker.discard_idle(started.id, idle_since, restart=True)
    with transaction(engine) as s:
        first = s.get(Entry, started.id)
        assert first.ended_at == idle_since
        assert result.entry.started_at == clock.now() and result.entry.ended_at is None
    assert [k for k, _, _ in ops(engine)][-2:] == ["stop", "start"]


def test_discard_idle_that_began_before_the_timer_drops_it(tracker, clock, engine) -> None:
    started = tracker.create_task("T", start=True).entry
    clock.advance(minutes=5)
    assert tracker.discard_idle(started.id, started.started_at - timedelta(minutes=1), restart=False) is None
    with transaction(engine) as s:
        assert s.get(Entry, started.id) is None


def test_discard_idle_refuses_when_the_timer_changed(tracker, clock) -> None:
    first = tracker.create_task("A", start=True).entry
    tracker.create_task("B", start=True)
    with pytest.raises(Refused, match="timer changed"):
        tracker.discard_idle(first.id, clock.now(), restart=False)


def test_a_timer_stopped_within_its_first_second_leaves_no_entry(tracker, engine, account) -> None:
    local = tracker.create_task("Local", local=True, start=True)
    stopped = tracker.stop()  # the clock has not moved: nothing was tracked
    assert stopped.id == local.entry.id and stopped.deleted
    remote = tracker.create_task("Remote", account="work", start=True)
    switched = tracker.create_task("Other", account="work", start=True)  # same second again
    assert switched.stopped is not None and switched.stopped.deleted
    with transaction(engine) as s:
        live = s.scalars(select(Entry).where(Entry.deleted.is_(False))).all()
        assert [e.task_id for e in live] == [switched.task.id]  # no zero-length entry anywhere
        assert s.get(Entry, local.entry.id) is None
        gone = s.get(Entry, remote.entry.id)  # kept for the server until it confirms
        assert gone.deleted and gone.ended_at == gone.started_at
    # The server heard of the remote timer: it is stopped, then deleted there.
    assert [k for k, _, e in ops(engine) if e == remote.entry.id] == ["start", "stop", "delete_entry"]


def test_a_start_is_refused_when_a_logged_entry_lies_ahead(tracker, clock, home) -> None:
    tracker.create_task("T")
    later = tracker.log("T", clock.now() + timedelta(hours=1), clock.now() + timedelta(hours=2))
    before = db_snapshot(home / "stint.sqlite3")
    with pytest.raises(Refused, match=f"entry {later.id[:8]} .* lies ahead"):
        tracker.start("T")
    assert db_snapshot(home / "stint.sqlite3") == before
    clock.advance(hours=2)
    assert tracker.start("T").entry.started_at == clock.now()


def test_actions_read_the_clock_after_taking_the_write_lock(db, engine) -> None:
    """A command that waits for another writer records when it ran, not when it was
    typed: the clock is read inside BEGIN IMMEDIATE."""
    from stint.store.actions import Tracker

    class LockProbe:
        """A clock that reports whether the write lock is held when it is read."""

        def __init__(self) -> None:
            self.locked: list[bool] = []

        def now(self) -> datetime:
            import sqlite3

            probe = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                self.locked.append(False)
            except sqlite3.OperationalError:
                self.locked.append(True)
            finally:
                probe.close()
            return utc(2026, 11, 23, 9) + timedelta(minutes=len(self.locked))

    clock = LockProbe()
    tracker = Tracker(db, clock)
    first = tracker.create_task("T", start=True)
    tracker.stop()
    again = tracker.start(str(first.task.id))
    tracker.log("T", utc(2026, 11, 22, 8), utc(2026, 11, 22, 9))
    tracker.edit_entry(first.entry.id, note="n")
    tracker.set_status("T", "review")
    tracker.delete_entry(first.entry.id)
    tracker.discard_idle(again.entry.id, again.entry.started_at, restart=True)
    assert len(clock.locked) == 8 and all(clock.locked), clock.locked
