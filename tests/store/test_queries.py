"""store.queries: the recent tasks the tray offers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from stint.domain.clock import FixedClock
from stint.store import queries
from stint.store.db import transaction
from stint.store.models import Entry


def _recent(db, limit: int = 8) -> list[str]:
    with db.read() as conn:
        return [t.title for t in queries.recent_tasks(conn, limit)]


def test_recent_tasks_are_those_of_the_latest_entries_however_made(tracker, db, engine, clock: FixedClock) -> None:
    week_start = clock.now() - timedelta(days=3)
    big = tracker.create_task("The week's big task", local=True)
    timer = tracker.create_task("Started with the timer", local=True)
    pulled = tracker.create_task("Pulled from a server", local=True)
    finished = tracker.create_task("Finished", local=True)
    tracker.create_task("Never tracked", local=True)
    # The big task only ever logged by hand (the Day view, `stint log`): its timer never ran.
    for day in range(3):
        start = week_start + timedelta(days=day)
        tracker.log(str(big.id), start, start + timedelta(hours=6))
    tracker.start(str(timer.id))
    clock.advance(minutes=30)
    tracker.stop()
    # An entry a server's pull wrote (origin remote), the latest of all.
    with transaction(engine) as s:
        s.add(Entry(id="pulled-1", task_id=pulled.id, started_at=clock.now() - timedelta(minutes=5),
                    ended_at=clock.now(), note="", origin="remote", sync="synced", deleted=False,
                    created_at=clock.now(), updated_at=clock.now()))
    tracker.log(str(finished.id), week_start - timedelta(hours=2), week_start - timedelta(hours=1))
    tracker.set_status(str(finished.id), "done")
    # Newest first; the done task left out; a task never tracked after every tracked one.
    assert _recent(db) == ["Pulled from a server", "Started with the timer", "The week's big task",
                           "Never tracked"]
    assert _recent(db, 2) == ["Pulled from a server", "Started with the timer"]
    # A deleted entry does not count: its task, tracked no more, goes among the untracked.
    with db.read() as conn:
        latest = [e for e in queries.entries_between(conn, week_start, clock.now() + timedelta(hours=1))
                  if e.task.id == timer.id]
    tracker.delete_entry(latest[0].id)
    assert _recent(db) == ["Pulled from a server", "The week's big task", "Never tracked",
                           "Started with the timer"]


def test_recent_tasks_in_an_empty_store(db) -> None:
    assert _recent(db) == []
