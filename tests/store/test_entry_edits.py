"""Move, split and continue: each one transaction with the outbox ops a server needs,
against hand-computed times; a refused one changes nothing. The clock: Monday
23 November 2026, 10:00 in Madrid (09:00 UTC)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from stint.domain.errors import Refused
from stint.store.db import transaction
from stint.store.models import Entry, Op

from ..conftest import db_snapshot
from .test_actions import account  # noqa: F401 - the fixture


def utc(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=timezone.utc)


def entries(engine) -> list[tuple[str, datetime, datetime | None, str, bool]]:  # noqa: ANN001
    with transaction(engine) as s:
        return [(e.task.title, e.started_at, e.ended_at, e.note, e.deleted)
                for e in s.scalars(select(Entry).order_by(Entry.started_at, Entry.deleted.desc()))]


def ops(engine) -> list[tuple[str, str | None, dict]]:  # noqa: ANN001
    with transaction(engine) as s:
        return [(o.kind, o.entry_id, o.payload) for o in s.scalars(select(Op).order_by(Op.seq))]


@pytest.fixture
def two(tracker, engine, account):  # noqa: ANN001,F811
    """'Site' on the account, 'Notes' local; one entry on Site 07:00–08:00 with a note."""
    tracker.create_task("Site", account="work")
    tracker.create_task("Notes", local=True)
    entry = tracker.log("Site", utc(7), utc(8), "copy")
    return entry


def test_a_move_is_a_delete_on_the_old_task_and_a_create_on_the_new(tracker, engine, two) -> None:
    tracker.create_task("Shop", account="work")
    before = len(ops(engine))
    moved = tracker.edit_entry(two.id, task="Shop", note="copy v2")
    assert moved.id != two.id and moved.task.title == "Shop"
    assert entries(engine) == [("Site", utc(7), utc(8), "copy", True), ("Shop", utc(7), utc(8), "copy v2", False)]
    assert ops(engine)[before:] == [("delete_entry", two.id, {"remote_id": None}), ("create_entry", moved.id, {})]


def test_a_move_to_a_local_task_tells_only_the_old_server(tracker, engine, two) -> None:
    before = len(ops(engine))
    moved = tracker.edit_entry(two.id, task="Notes", start=utc(7, 15))
    assert entries(engine)[-1] == ("Notes", utc(7, 15), utc(8), "copy", False)
    assert moved.sync == "local"
    assert ops(engine)[before:] == [("delete_entry", two.id, {"remote_id": None})]


def test_a_move_between_local_tasks_queues_nothing(tracker, engine) -> None:
    tracker.create_task("A", local=True)
    tracker.create_task("B", local=True)
    entry = tracker.log("A", utc(7), utc(8))
    tracker.edit_entry(entry.id, task="B")
    assert entries(engine) == [("B", utc(7), utc(8), "", False)]  # the local one is simply gone
    assert ops(engine) == []


def test_moving_a_running_timer_keeps_its_start(tracker, engine, clock, two) -> None:
    started = tracker.start("Site").entry  # 09:00 UTC
    clock.advance(minutes=20)
    before = len(ops(engine))
    moved = tracker.edit_entry(started.id, task="Notes")
    assert moved.ended_at is None and moved.started_at == utc(9) and moved.task.title == "Notes"
    assert ops(engine)[before:] == [("stop", started.id, {"at": utc(9).isoformat()}),
                                    ("delete_entry", started.id, {"remote_id": None})]
    with transaction(engine) as s:
        running = s.scalars(select(Entry).where(Entry.ended_at.is_(None), Entry.deleted.is_(False))).all()
        assert [e.task.title for e in running] == ["Notes"]


def test_a_refused_move_changes_nothing(tracker, engine, home, two) -> None:
    tracker.log("Notes", utc(8), utc(9))
    before = db_snapshot(home / "stint.sqlite3")
    with pytest.raises(Refused, match="overlaps"):
        tracker.edit_entry(two.id, task="Notes", end=utc(8, 30))
    assert db_snapshot(home / "stint.sqlite3") == before


def test_split_keeps_the_first_half_and_creates_the_second(tracker, engine, two) -> None:
    before = len(ops(engine))
    first, second = tracker.split_entry(two.id, utc(7, 40))
    assert first.id == two.id and second.id != two.id
    assert entries(engine) == [("Site", utc(7), utc(7, 40), "copy", False), ("Site", utc(7, 40), utc(8), "copy", False)]
    assert ops(engine)[before:] == [("update_entry", two.id, {"end": utc(7, 40).isoformat()}),
                                    ("create_entry", second.id, {})]


def test_split_of_a_running_timer_stops_and_starts_at_that_time(tracker, engine, clock, two) -> None:
    started = tracker.start("Site").entry  # 09:00
    clock.advance(minutes=50)
    before = len(ops(engine))
    first, second = tracker.split_entry(started.id, utc(9, 30) + timedelta(microseconds=400))
    assert (first.started_at, first.ended_at) == (utc(9), utc(9, 30))
    assert (second.started_at, second.ended_at) == (utc(9, 30), None)
    assert ops(engine)[before:] == [("stop", started.id, {"at": utc(9, 30).isoformat()}),
                                    ("start", second.id, {"at": utc(9, 30).isoformat()})]


@pytest.mark.parametrize("at", [utc(7), utc(8), utc(6), utc(8, 30)])
def test_split_only_inside_the_entry(tracker, home, two, at) -> None:
    before = db_snapshot(home / "stint.sqlite3")
    with pytest.raises(Refused, match="split at a time inside the entry: after 08:00 and before 09:00"):
        tracker.split_entry(two.id, at)  # (Madrid times in the message)
    assert db_snapshot(home / "stint.sqlite3") == before


def test_continue_starts_the_entrys_task_with_its_note(tracker, engine, clock, two) -> None:
    tracker.create_task("Other", local=True, start=True)  # running since 09:00
    clock.advance(minutes=5)
    result = tracker.continue_entry(two.id)
    assert result.task.title == "Site" and result.entry.note == "copy" and result.entry.started_at == utc(9, 5)
    assert result.stopped is not None and result.stopped.ended_at == utc(9, 5)
    assert ops(engine)[-1] == ("start", result.entry.id, {"at": utc(9, 5).isoformat()})
