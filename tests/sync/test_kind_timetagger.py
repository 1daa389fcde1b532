"""TimeTagger end to end against the REAL server (tests/servers/timetagger.py, one per
session, a user per test), through Accounts and SyncEngine: a timer started offline
keeps its true start on the server, a lost reply makes no duplicate, the web app's
edits, deletions and records are pulled, a revoked token waits for a new sign-in,
and the week compares equal.

The test acts "as the web app" with plain httpx (TimeTaggerServer's helpers), so
what the server holds is checked independently of the adapter under test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from tests.servers.network import Network
from tests.servers.timetagger import TimeTaggerServer
from tests.sync.every_kind import last_monday
from tests.sync.kinds import KindWorld, make

TASK = "#website"


@dataclass
class TT:
    w: KindWorld
    server: TimeTaggerServer
    net: Network
    user: str
    token: str = field(repr=False)

    def records(self) -> list[dict[str, Any]]:
        return [r for r in self.server.all_records(self.token) if not r["ds"].startswith("HIDDEN")]

    def web_put(self, record: dict[str, Any]) -> None:
        """A write from TimeTagger's web app: its own mt, a minute newer than ours."""
        mt = int(self.w.clock.now().timestamp()) + 60
        reply = self.server.put_records(self.token, [{**record, "mt": mt}])
        assert reply["accepted"] == [record["key"]], reply


@pytest.fixture
def tt(timetagger_server: TimeTaggerServer, tmp_path: Path) -> Iterator[TT]:
    # The web app's mt (ours + a minute) is newer than ours.
    clock = FixedClock(last_monday(hour=9))
    net = Network()
    user = timetagger_server.user()
    token = timetagger_server.api_token(user)
    w = make(tmp_path, clock, net)
    w.accounts.add("tt", "timetagger", timetagger_server.root, SignIn(token=token))
    w.tracker.create_task(TASK)
    yield TT(w, timetagger_server, net, user, token)
    w.accounts.close()
    w.engine.dispose()


def epoch(at: datetime) -> int:
    return int(at.timestamp())


def test_a_timer_started_offline_keeps_its_true_start_then_reconciles(tt: TT) -> None:
    w, start = tt.w, tt.w.clock.now()
    tt.net.offline = True
    w.tracker.start(TASK)
    w.clock.advance(minutes=10)
    report = w.run()
    assert not report.ok and w.account().state == "error"
    # The task needed no call (a TimeTagger task is its tags); the start was never sent.
    assert [(op.kind, op.state) for op in w.ops()] == [("create_task", "done"), ("start", "pending")]

    tt.net.offline = False
    report = w.run()
    assert report.ok, report.lines()
    (record,) = tt.records()
    assert record["t1"] == record["t2"] == epoch(start)  # running, from our start
    assert record["ds"].startswith(TASK)

    w.clock.advance(minutes=20)
    w.tracker.stop()
    assert w.run().ok
    (record,) = tt.records()
    assert (record["t1"], record["t2"]) == (epoch(start), epoch(start + timedelta(minutes=30)))
    (entry,) = w.entries()
    assert entry.sync == "synced" and entry.remote_id == record["key"]
    assert {op.state for op in w.ops()} == {"done"}

    rows = w.compare().rows
    assert [(r.local_seconds, r.server_seconds, r.why) for r in rows] == [(1800, 1800, "same")]
    assert tt.token.encode() not in w.every_byte()


def test_a_lost_reply_makes_no_duplicate(tt: TT) -> None:
    w = tt.w
    w.tracker.start(TASK)
    w.clock.advance(minutes=25)
    w.tracker.stop()
    tt.net.lose("PUT", "/records")
    report = w.run()
    assert not report.ok and tt.net.lost == ["PUT /timetagger/api/v2/records"]
    assert len(tt.records()) == 1  # the server applied it
    assert "in_flight" in {op.state for op in w.ops()}

    w.clock.advance(minutes=5)
    report = w.run()
    assert report.ok, report.lines()
    (record,) = tt.records()  # replayed under the same key: overwritten, not doubled
    (entry,) = w.entries()
    assert entry.remote_id == record["key"] and entry.sync == "synced"
    assert record["t2"] - record["t1"] == 25 * 60
    assert {op.state for op in w.ops()} == {"done"}


def test_the_web_apps_edit_deletion_and_new_record_are_pulled(tt: TT) -> None:
    w = tt.w
    start = w.clock.now()
    for minutes in (30, 15):
        w.tracker.start(TASK)
        w.clock.advance(minutes=minutes)
        w.tracker.stop()
        w.clock.advance(minutes=5)
    assert w.run().ok
    first, second = w.entries()
    by_key = {r["key"]: r for r in tt.records()}

    edited = by_key[first.remote_id]
    tt.web_put({**edited, "t2": epoch(start + timedelta(minutes=45))})
    gone = by_key[second.remote_id]
    tt.web_put({**gone, "ds": "HIDDEN " + gone["ds"]})
    web_start = start + timedelta(hours=3)
    tt.web_put({"key": "webApp01", "t1": epoch(web_start), "t2": epoch(web_start + timedelta(minutes=20)),
                "ds": "#meeting weekly planning"})
    w.clock.advance(minutes=2)

    report = w.run()
    assert report.ok, report.lines()
    assert (report.updated, report.removed, report.imported) == (1, 1, 1)
    kept, web = w.entries()
    assert (kept.id, kept.ended_at) == (first.id, start + timedelta(minutes=45))
    assert (web.remote_id, web.origin, web.task.title, web.note) == (
        "webApp01", "remote", "#meeting", "weekly planning")
    rows = w.compare().rows
    assert sorted((r.task, r.local_seconds, r.server_seconds) for r in rows) == [
        ("#meeting", 1200, 1200), (TASK, 2700, 2700)]
    assert w.run().ok and not w.run().imported  # nothing pulled twice


def test_a_revoked_token_waits_for_sign_in_and_keeps_the_ops(tt: TT) -> None:
    w = tt.w
    new = tt.server.api_token(tt.user, reset=True)  # revoked on the web: the old one gets 401
    tt.token = new  # for the test's own look at the server
    w.tracker.start(TASK)
    w.clock.advance(minutes=30)
    w.tracker.stop()
    report = w.run()
    assert not report.ok and w.account().state == "needs_signin"
    assert [op.state for op in w.ops()] == ["done", "pending", "pending"]  # the task needs no call
    assert tt.records() == []
    w.sync.run_once()  # without force, an account that needs sign-in is left alone
    assert tt.records() == []

    w.accounts.sign_in("tt", SignIn(token=new))
    assert w.account().state == "ok"
    report = w.run()
    assert report.ok, report.lines()
    (record,) = tt.records()
    assert record["t2"] - record["t1"] == 1800
    assert w.secrets.store["tt"] == new


def test_a_task_made_here_keeps_the_title_the_person_typed(tt: TT) -> None:
    """The server knows the task only by its tag (#write-report): after syncs both
    ways the title is still the typed one, and finding the task by it still works."""
    w = tt.w
    w.tracker.create_task("Write report", account="tt")
    w.tracker.start("Write report")
    w.clock.advance(minutes=40)
    w.tracker.stop()
    assert w.run().ok
    w.clock.advance(minutes=1)
    assert w.run().ok
    (record,) = tt.records()
    assert record["ds"].startswith("#write-report")
    task = w.task_titled("Write report")
    assert task.remote_id == "#write-report"
    started = w.tracker.start("write report")  # as `stint start "write report"` asks
    assert started.task.id == task.id
    rows = w.compare().rows
    assert [(r.task, r.local_seconds, r.server_seconds) for r in rows if r.server_seconds] == [
        ("Write report", 2400, 2400)]


def test_a_task_made_here_whose_tag_the_server_already_has_becomes_that_task(tt: TT) -> None:
    """The web app already tracked #write-report (pulled as a task of that name);
    "Write report" made here is the same TimeTagger task: one task, the typed title,
    both entries — not a sync that fails on the second holder of one id."""
    w = tt.w
    start = w.clock.now() - timedelta(hours=3)
    tt.web_put({"key": "webRep01", "t1": epoch(start), "t2": epoch(start + timedelta(minutes=30)),
                "ds": "#write-report"})
    assert w.run().ok
    w.tracker.create_task("Write report", account="tt")
    w.tracker.start("Write report")
    w.clock.advance(minutes=15)
    w.tracker.stop()
    report = w.run()
    assert report.ok and not report.errors, report.lines()
    task = w.task_titled("Write report")
    assert task.remote_id == "#write-report"
    assert sorted(e.task_id for e in w.entries()) == [task.id, task.id]
    assert {op.state for op in w.ops()} == {"done"}
    assert sorted(r["ds"] for r in tt.records()) == ["#write-report", "#write-report"]
