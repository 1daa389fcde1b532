"""WarmDesk end to end (fake): intervals pushed at stop, a lost reply probed, the
server's edits and deletions pulled, a revoked sign-in, the timesheet compared."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from tests.fakes.warmdesk import FakeWarmDesk
from tests.sync.kinds import T0, KindWorld, make


@pytest.fixture
def wd(tmp_path: Path) -> Iterator[tuple[KindWorld, FakeWarmDesk]]:
    clock = FixedClock(T0)
    fake = FakeWarmDesk(clock=clock)
    web = fake.add_project("Web", "web")
    fake.add_card(web, "Landing page")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("desk", "warmdesk", fake.base_url, SignIn(username="alice", password="hunter2-correct-horse"))
    yield w, fake
    w.accounts.close()


def _track(w: KindWorld, minutes: int = 30) -> None:
    w.tracker.start("Landing page")
    w.clock.advance(minutes=minutes)
    w.tracker.stop()


def test_offline_then_sync_then_reconcile(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    _track(w)
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    (entry,) = fake.entries.values()
    assert (entry.started_at, entry.ended_at) == (T0, T0 + timedelta(minutes=30))
    (local,) = w.entries()
    assert local.sync == "synced" and local.remote_id == str(entry.id)
    rows = w.compare().rows
    assert [(r.local_seconds, r.server_seconds) for r in rows] == [(1800, 1800)]
    # Tokens from the sign-in were kept with the password, in the keyring only.
    assert "refresh_token" in w.secrets.store["desk"]
    assert b"hunter2" not in w.every_byte() and b"refresh" not in w.every_byte()


def test_a_lost_reply_is_probed_not_replayed(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    _track(w, minutes=10)  # the access token from `add` still works: the drop hits the write
    fake.fail("drop", method="POST", path="*/time-entries")
    assert not w.run().ok
    assert len(fake.entries) == 1 and "in_flight" in {op.state for op in w.ops()}
    w.clock.advance(minutes=5)
    assert w.run().ok
    assert len(fake.entries) == 1
    assert {op.state for op in w.ops()} == {"done"}
    assert w.entries()[0].remote_id == str(next(iter(fake.entries)))


def test_server_edit_and_deletion_are_pulled(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    _track(w)
    w.run()
    (entry,) = fake.entries.values()
    entry.ended_at = T0 + timedelta(minutes=45)
    w.clock.advance(minutes=1)
    report = w.run()
    assert report.updated == 1
    assert w.entries()[0].ended_at == T0 + timedelta(minutes=45)
    web = fake.add_entry(next(iter(fake.cards.values())), T0 + timedelta(hours=2), 600)
    assert w.run().imported == 1
    del fake.entries[entry.id]
    report = w.run()
    assert report.removed == 1
    assert [e.remote_id for e in w.entries()] == [str(web.id)]


def test_revoked_sign_in_keeps_ops_until_signin(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    fake.user.password = "changed-on-the-web"
    fake.access.clear()
    fake.refresh.clear()
    _track(w)
    report = w.run()
    assert w.account().state == "needs_signin" and not report.ok
    assert [op.state for op in w.ops()] == ["pending", "pending"]  # kept
    w.accounts.sign_in("desk", SignIn(username="alice", password="changed-on-the-web"))
    assert w.run().ok
    assert len(fake.entries) == 1


def test_writes_answered_with_the_id_only_are_done(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    """The document promises "201 Created — id in response" and no more: a new card,
    an entry and a move answered so are applied, the ops done, the account fine."""
    w, fake = wd
    fake.id_only = True
    w.tracker.create_task("Write report", account="desk")
    w.tracker.start("Write report")
    w.clock.advance(minutes=20)
    w.tracker.stop()
    w.tracker.set_status("Write report", "Done")
    report = w.run()
    assert report.ok and not report.failed and not report.errors, report.lines()
    assert {op.state for op in w.ops()} == {"done"} and w.account().state == "ok"
    (card,) = [c for c in fake.cards.values() if c.title == "Write report"]
    (entry,) = fake.entries.values()
    (local,) = w.entries()
    assert local.remote_id == str(entry.id) and local.sync == "synced"
    assert entry.card_id == card.id and fake.columns[card.column_id].name == "Done"
    assert w.task_titled("Write report").remote_id == f"web:{card.id}"


def test_a_timesheet_in_another_shape_fails_no_push(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    """The timesheet is optional in the document (no shape given): one this adapter
    cannot read leaves entries unpulled for the cycle, and stops nothing else."""
    w, fake = wd
    _track(w, minutes=25)
    w.tracker.set_status("Landing page", "In progress")
    fake.fail("invalid_json", method="GET", path="*/reports/timesheet", times=3)  # e.g. a web page
    report = w.run()
    assert report.ok and not report.errors and w.account().state == "ok", report.lines()
    assert {op.state for op in w.ops()} == {"done"} and len(fake.entries) == 1
    assert any("could not be read" in n for n in report.notes), report.notes


def test_a_lost_reply_whose_check_cannot_be_read_is_asked_and_stops_nothing(wd: tuple[KindWorld, FakeWarmDesk]) -> None:
    w, fake = wd
    _track(w, minutes=10)
    fake.fail("drop", method="POST", path="*/time-entries")
    assert not w.run().ok  # the entry's op is in flight: the next run looks first
    w.tracker.set_status("Landing page", "In progress")
    fake.fail("invalid_json", method="GET", path="*/reports/timesheet", times=99)  # a web page now
    for _ in range(3):  # a hotspot's page goes away: looked at again, a few cycles
        w.clock.advance(minutes=5)
        report = w.run()
        assert report.ok and not report.failed and len(fake.entries) == 1, report.lines()
    w.clock.advance(minutes=5)
    report = w.run()
    (failed,) = report.failed  # it does not: the person is asked, nothing replayed blind
    assert failed["kind"] == "start" and "check the server, then retry or discard" in failed["message"]
    assert len(fake.entries) == 1  # never sent twice
    card = next(iter(fake.cards.values()))
    assert fake.columns[card.column_id].name == "In progress"  # the other op went on
