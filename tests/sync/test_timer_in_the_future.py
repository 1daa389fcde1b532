"""A timer the server shows started after our "now" (one of the two clocks is off):
adopted, starting now, with a note saying by how much; stopping it makes an entry
of the time it ran here — never one of no length, or less. The live-timer server
(Wapify's fake, its clock ten minutes ahead) and a server of running entries (the
real TimeTagger, a record started ten minutes from now)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from tests.fakes.wapify import FakeWapify
from tests.sync.every_kind import Served, last_monday, served  # noqa: F401  (the fixture)
from tests.sync.kinds import make

AHEAD = timedelta(minutes=10)


def test_a_live_timer_started_ahead_of_our_clock(tmp_path: Path) -> None:
    ours = FixedClock(last_monday())
    theirs = FixedClock(ours.now() + AHEAD)  # the server's clock runs ten minutes ahead
    fake = FakeWapify(clock=theirs)
    task = fake.web_create_task("Deploy")
    w = make(tmp_path, ours, fake.transport(), env={"T": fake.token})
    w.accounts.add("work", "wapify", fake.base_url, SignIn(token=fake.token, credential="env:T"))
    fake.web_start(task)  # on the web, at the server's 10:10, which is our 10:00
    report = w.run()
    assert report.ok and report.adopted == 1, report.lines()
    assert any("starts 10 min 0 s after this computer's time" in n for n in report.notes), report.notes
    (entry,) = w.entries()
    assert entry.started_at == ours.now() and entry.ended_at is None
    for clock in (ours, theirs):
        clock.advance(minutes=5)
    w.tracker.stop()
    (entry,) = w.entries()
    assert entry.ended_at is not None and (entry.ended_at - entry.started_at) == timedelta(minutes=5)
    assert w.run().ok
    assert fake.user_timer(fake.user.id) is None  # the server's timer stopped too


def test_a_stop_right_away_is_still_no_negative_entry(tmp_path: Path) -> None:
    ours = FixedClock(last_monday())
    fake = FakeWapify(clock=FixedClock(ours.now() + AHEAD))
    task = fake.web_create_task("Deploy")
    w = make(tmp_path, ours, fake.transport(), env={"T": fake.token})
    w.accounts.add("work", "wapify", fake.base_url, SignIn(token=fake.token, credential="env:T"))
    fake.web_start(task)
    assert w.run().adopted == 1
    ours.advance(seconds=30)
    w.tracker.stop()
    (entry,) = w.entries()
    assert entry.ended_at is not None and entry.ended_at - entry.started_at == timedelta(seconds=30)


@pytest.mark.parametrize("kind", ["timetagger"])
def test_a_running_record_started_in_the_future(served: Served) -> None:
    w, server = served.world, served.server
    token = served.server_token  # type: ignore[attr-defined]
    soon = int((w.clock.now() + AHEAD).timestamp())
    server.put_records(token, [{"key": "webRun01", "t1": soon, "t2": soon, "mt": soon, "ds": "#deploy"}])
    report = w.run()
    assert report.ok and report.adopted == 1, report.lines()
    assert any("starts 10 min 0 s after" in n for n in report.notes), report.notes
    (running,) = [e for e in w.entries() if e.ended_at is None]
    assert running.started_at == w.clock.now()
    w.clock.advance(minutes=25)
    w.tracker.stop()
    assert w.run().ok
    record = server.record(token, "webRun01")
    assert record["t2"] - record["t1"] == 25 * 60  # on the server too: the time it ran here
