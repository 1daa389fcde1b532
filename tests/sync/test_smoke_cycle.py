from __future__ import annotations

from tests.sync.conftest import World


def test_online_start_stop_reaches_server(world: World) -> None:
    world.tracker.start("Website")
    report = world.run()
    assert report.ok, report.lines()
    assert world.fake.user_timer(world.fake.user.id) is not None
    world.tick(minutes=30)
    world.tracker.stop()
    report = world.run()
    assert report.ok, report.lines()
    assert world.fake.user_timer(world.fake.user.id) is None
    (entry,) = world.entries()
    assert entry.sync == "synced" and entry.remote_id
    assert [op.state for op in world.ops()] == ["done", "done"]
