"""Gipo end to end (fake): intervals pushed at stop, a lost reply replayed under
the same Idempotency-Key (no duplicate), the server's edits and deletions pulled,
a revoked key waiting for `signin`, the week compared — and what a Gone (404 on
the op's own task or entry) does: the op is settled, the time stays here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from stint.domain.model import SYNC_LOCAL_ONLY, SYNC_SYNCED
from tests.fakes.gipo import FakeGipo, Thing, parse
from tests.sync.kinds import T0, KindWorld, make


@pytest.fixture
def gp(tmp_path: Path) -> Iterator[tuple[KindWorld, FakeGipo, Thing]]:
    clock = FixedClock(T0)
    fake = FakeGipo(clock=clock)
    board = fake.add_board("Web")
    task = fake.add_task(board, "Landing page")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("gp", "gipo", fake.base_url, SignIn(token=fake.key))
    yield w, fake, task
    w.accounts.close()


def _track(w: KindWorld, minutes: int = 30, title: str = "Landing page") -> None:
    w.tracker.start(title)
    w.clock.advance(minutes=minutes)
    w.tracker.stop()


def _entries(fake: FakeGipo) -> list[Thing]:
    return list(fake.things["entry"].values())


def test_offline_then_sync_then_reconcile(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, task = gp
    _track(w)
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    (entry,) = _entries(fake)
    assert entry.fields["taskId"] == task.id
    assert (parse(entry.fields["startedAt"]), parse(entry.fields["endedAt"])) == (T0, T0 + timedelta(minutes=30))
    (local,) = w.entries()
    assert local.sync == SYNC_SYNCED and local.remote_id == entry.id
    rows = w.compare().rows
    assert [(r.local_seconds, r.server_seconds, r.why) for r in rows] == [(1800, 1800, "same")]
    assert fake.key.encode() not in w.every_byte()
    assert w.secrets.store["gp"] == fake.key


def test_a_lost_reply_is_replayed_under_its_idempotency_key(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, _ = gp
    _track(w, minutes=10)
    fake.fail("drop", method="POST", path="*/time-entries")
    assert not w.run().ok
    assert len(_entries(fake)) == 1 and "in_flight" in {op.state for op in w.ops()}
    w.clock.advance(minutes=5)
    assert w.run().ok
    assert len(_entries(fake)) == 1 and fake.count("POST", "*/time-entries") == 2
    assert {op.state for op in w.ops()} == {"done"}
    assert w.entries()[0].remote_id == _entries(fake)[0].id


def test_a_task_created_offline_is_not_duplicated_by_a_lost_reply(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, _ = gp
    w.tracker.create_task("Write the docs", account="gp")
    fake.fail("drop", method="POST", path="*/tasks")
    assert not w.run().ok
    w.clock.advance(minutes=5)
    assert w.run().ok
    titles = [t.fields["title"] for t in fake.things["task"].values()]
    # Our marker is the Idempotency-Key the server keeps: the create is sent again
    # with the same key, and the server answers the task it made, making none more.
    assert titles.count("Write the docs") == 1 and fake.count("POST", "*/tasks") == 2
    _track(w, 20, "Write the docs")
    assert w.run().ok
    (entry,) = _entries(fake)
    created = next(t for t in fake.things["task"].values() if t.fields["title"] == "Write the docs")
    assert entry.fields["taskId"] == created.id


def test_server_edit_and_deletion_are_pulled(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, task = gp
    _track(w)
    w.run()
    (entry,) = _entries(fake)
    entry.fields["endedAt"] = (T0 + timedelta(minutes=45)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    w.clock.advance(minutes=1)
    report = w.run()
    assert report.updated == 1, report.lines()
    assert w.entries()[0].ended_at == T0 + timedelta(minutes=45)
    web = fake.add_entry(task, T0 + timedelta(hours=2), T0 + timedelta(hours=2, minutes=10))
    assert w.run().imported == 1
    del fake.things["entry"][entry.id]
    assert w.run().removed == 1
    assert [e.remote_id for e in w.entries()] == [web.id]


def test_revoked_key_keeps_ops_until_signin(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, _ = gp
    del fake.keys[fake.key]
    _track(w)
    report = w.run()
    assert w.account().state == "needs_signin" and not report.ok
    assert {op.state for op in w.ops()} == {"pending"}  # kept
    new_key = fake.add_key("acme")
    w.accounts.sign_in("gp", SignIn(token=new_key))
    assert w.run().ok
    assert len(_entries(fake)) == 1 and w.secrets.store["gp"] == new_key


# --- Gone: the op's task or entry is no longer on the server ------------------


def test_time_for_a_task_deleted_on_the_server_stays_local(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, task = gp
    del fake.things["task"][task.id]
    _track(w)
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    assert [lo["why"] for lo in report.local_only] == ["its task is no longer on the server"]
    assert w.entries()[0].sync == SYNC_LOCAL_ONLY
    assert {op.state for op in w.ops()} <= {"done", "local-only"}
    assert task.id in w.account().cursors["gone"]
    assert w.run().ok and fake.count("POST", "*/time-entries") == 1  # not sent again


def test_a_status_change_on_a_deleted_task_is_settled(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, task = gp
    del fake.things["task"][task.id]
    w.tracker.set_status("Landing page", "Doing")
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    assert [op.state for op in w.ops()] == ["done"] and fake.count("POST", "*/move") == 1
    assert any("no longer on the server" in n for n in report.notes)


def test_an_edit_of_an_entry_deleted_on_the_server_stays_local(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, _ = gp
    _track(w)
    w.run()
    (entry,) = _entries(fake)
    del fake.things["entry"][entry.id]
    local = w.entries()[0]
    w.tracker.edit_entry(local.id, note="wrote the hero section")
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    assert [lo["why"] for lo in report.local_only] == ["deleted on the server"]
    (kept,) = w.entries()  # not removed by the pull: the person's edit is kept
    assert kept.sync == SYNC_LOCAL_ONLY and kept.note == "wrote the hero section"
    assert {op.state for op in w.ops()} == {"done"} and fake.count("PATCH", "*/time-entries/*") == 1
    assert "stays local only: Landing page (0:30:00): deleted on the server" in "\n".join(report.lines())


def test_deleting_an_entry_already_deleted_on_the_server_is_done(gp: tuple[KindWorld, FakeGipo, Thing]) -> None:
    w, fake, _ = gp
    _track(w)
    w.run()
    (entry,) = _entries(fake)
    del fake.things["entry"][entry.id]
    w.tracker.delete_entry(w.entries()[0].id)
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    assert {op.state for op in w.ops()} == {"done"} and w.entries() == []
    assert fake.count("DELETE", "*/time-entries/*") == 1
