"""Applying a pull: timers and entries from elsewhere adopted, stopped, imported,
or in conflict."""

from __future__ import annotations

from sqlalchemy import update

from stint.store.db import transaction
from stint.store.models import Entry
from tests.sync.conftest import World


def test_timer_started_on_the_web_is_adopted(world: World) -> None:
    world.tick(minutes=5)
    world.fake.web_start(2)
    report = world.run()
    assert report.accounts[0].adopted == 1
    (entry,) = world.entries()
    assert entry.ended_at is None and entry.origin == "remote" and entry.task.title == "Backend API"
    assert entry.started_at == world.clock.now()
    assert world.run().accounts[0].adopted == 0  # once


def test_web_timer_newer_than_ours_stops_ours(world: World) -> None:
    world.tracker.start("Website")
    assert world.run().ok
    world.tick(minutes=20)
    world.fake.web_start(2)  # the server stops our Website timer at this instant
    web_start = world.clock.now()
    world.tick(minutes=1)
    report = world.run()
    first, second = world.entries()
    assert first.task.title == "Website" and first.ended_at == web_start
    assert second.task.title == "Backend API" and second.ended_at is None
    assert report.accounts[0].adopted == 1 and report.accounts[0].stopped == 1


def test_our_timer_stopped_on_the_web_ends_at_the_server_end(world: World) -> None:
    world.tracker.start("Website")
    world.run()
    world.tick(minutes=40)
    world.fake.web_stop(1)
    stop = world.clock.now()
    world.tick(minutes=10)
    report = world.run()
    (entry,) = world.entries()
    assert entry.ended_at == stop and report.accounts[0].stopped == 1
    assert not [op for op in world.ops() if op.state != "done"]


def test_remote_entries_imported_and_web_edits_followed(world: World) -> None:
    world.fake.web_start(1)
    world.tick(hours=1)
    world.fake.web_stop(1)
    world.tracker.start("Website")  # makes Website "in view"
    world.tick(minutes=1)
    report = world.run()
    assert report.accounts[0].imported == 1
    imported = [e for e in world.entries() if e.origin == "remote"]
    assert len(imported) == 1 and imported[0].ended_at is not None
    # edited on the web: followed, since ours has no local change
    remote = next(t for t in world.fake.times.values() if t.ended_at is not None)
    remote.ended_at = remote.ended_at.replace(minute=remote.ended_at.minute) - __import__("datetime").timedelta(minutes=15)
    world.tick(minutes=1)
    report = world.run()
    assert report.accounts[0].updated == 1
    assert [e for e in world.entries() if e.origin == "remote"][0].ended_at == remote.ended_at


def test_both_changed_is_a_conflict_never_overwritten(world: World) -> None:
    from dataclasses import replace
    from datetime import timedelta

    world.fake.web_start(1)
    world.run()  # adopted
    world.tick(hours=1)
    world.fake.web_stop(1)
    world.run()  # stopped at the server's end
    (entry,) = world.entries()
    assert entry.ended_at is not None and entry.remote_ended_at == entry.ended_at
    world.tracker.edit_entry(entry.id, note="mine")  # a local change
    remote = world.fake.times[int(entry.remote_id)]
    remote.ended_at = remote.ended_at - timedelta(minutes=10)  # and one on the web
    world.tick(minutes=20)
    world.sync.settings = replace(world.sync.settings, entries_refresh_seconds=0)
    report = world.run()
    assert [c["entry"] for c in report.accounts[0].conflicts] == [entry.id]
    (kept,) = world.entries()
    assert kept.sync == "conflict" and kept.ended_at == entry.ended_at != remote.ended_at


def test_our_timer_on_a_task_marked_done_on_the_web_keeps_running(world: World) -> None:
    # The pending list leaves the task out once it is DONE; the task is fetched on its
    # own because we hold it, and its running timer must still count as running.
    world.tracker.start("Website")
    assert world.run().ok
    world.tick(minutes=15)
    world.fake.web_set_status(1, "DONE")
    world.tick(minutes=1)
    report = world.run()
    assert report.ok and report.accounts[0].stopped == 0
    (entry,) = world.entries()
    assert entry.ended_at is None


def test_an_idle_cycle_reads_the_task_list_once(world: World) -> None:
    world.run()
    before = len(world.fake.requests)
    world.tick(minutes=2)
    assert world.run().ok
    lists = [r for r in world.fake.requests[before:] if r == ("GET", "/api/tasks")]
    assert len(lists) == 1
