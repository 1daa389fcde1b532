"""A day offline, then a sync: finished intervals stay local only (no fake start/stop
pairs on a live-timer server), the timer still running is started on the server."""

from __future__ import annotations

from tests.sync.conftest import World


def test_day_offline_then_sync(world: World) -> None:
    world.fake.fail("down", times=10_000)
    for title in ["Website", "Backend API"] * 4:
        world.tracker.start(title)
        world.tick(minutes=25)
        report = world.run()
        assert not report.ok
    world.tracker.start("Website")  # still running at the end of the day
    world.tick(minutes=10)
    world.fake.clear_faults()
    before = len(world.fake.requests)
    report = world.run()
    assert report.ok, report.lines()
    account = report.accounts[0]
    # Only one start reached the server: the running one.
    starts = [r for r in world.fake.requests[before:] if r[0] == "POST"]
    assert len(starts) == 1 and starts[0][1].endswith("/start")
    (server,) = world.fake.times.values()
    assert server.ended_at is None and server.started_at == world.clock.now()
    entries = world.entries()
    assert [e.sync for e in entries] == ["local-only"] * 8 + ["synced"]
    assert entries[-1].started_at < server.started_at  # local start kept
    late = [lo for lo in account.local_only if "later" in lo["why"]]
    assert late and late[0]["seconds"] == 600
    assert {op.state for op in world.ops()} == {"local-only", "done"}
    # A second sync changes nothing and sends nothing.
    before = len(world.fake.requests)
    report = world.run()
    assert report.ok and report.accounts[0].pushed == 0
    assert all(m == "GET" for m, _ in world.fake.requests[before:])
    assert len(world.fake.times) == 1


def test_manual_entries_stay_local_only(world: World) -> None:
    from datetime import timedelta

    start = world.clock.now() - timedelta(hours=3)
    entry = world.tracker.log("Website", start, start + timedelta(hours=1))
    world.tracker.edit_entry(entry.id, note="notes")
    report = world.run()
    assert report.ok and not report.accounts[0].failed
    assert world.entries()[0].sync == "local-only"
    assert any("live timer" in lo["why"] for lo in report.accounts[0].local_only)
    assert not world.fake.times
