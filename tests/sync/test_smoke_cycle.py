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


def test_done_while_the_timer_runs_sends_the_stop_then_the_status(world: World) -> None:
    world.tracker.start("Website")
    assert world.run().ok
    world.tick(minutes=40)
    change = world.tracker.set_status("Website", "Completado")  # the server's own label
    assert change.stopped is not None
    report = world.run()
    assert report.ok, report.lines()
    assert world.fake.user_timer(world.fake.user.id) is None  # stopped there too, the time kept
    (entry,) = world.entries()
    assert entry.sync == "synced" and (entry.ended_at - entry.started_at).total_seconds() == 40 * 60
    task = world.fake.tasks[int(world.task("Website").remote_id)]
    assert task.status_id == 4  # DONE
    assert [op.kind for op in world.ops()] == ["start", "stop", "set_status"]
    assert {op.state for op in world.ops()} == {"done"}
