"""A revoked token, and a server that answers garbage."""

from __future__ import annotations

import pytest

from stint.backends.kinds import SignIn
from tests.conftest import db_snapshot
from tests.sync.conftest import World


def test_revoked_token_needs_signin_keeps_ops_then_continues(world: World) -> None:
    world.tracker.start("Website")
    world.fake.revoke_token(world.fake.token)
    report = world.run()
    assert not report.ok and report.accounts[0].state == "needs_signin"
    (op,) = world.ops()
    assert op.state == "pending"
    assert world.sync.run_once().accounts[0].skipped == "needs sign-in"
    _, token = world.fake.add_user("Juan Pérez", "juan@example.com", token="wap_new_token_0123456789")
    world.fake.users.pop(max(world.fake.users))  # same person, new token
    world.fake.tokens[token] = world.fake.user.id
    world.accounts.env["NEW_TOKEN"] = token  # type: ignore[index]
    world.accounts.sign_in("work", SignIn(token=token, credential="env:NEW_TOKEN"))
    report = world.sync.run_once()
    assert report.ok, report.lines()
    assert world.ops()[0].state == "done" and world.fake.user_timer(world.fake.user.id) is not None


def _due_again(world: World) -> dict[str, object]:
    world.tracker.start("Website")
    assert world.run().ok
    world.tick(hours=2)  # statuses and entries due again
    world.fake.web_set_status(2, "REVIEW")
    return db_snapshot(world.path / "stint.sqlite3")


def _unchanged(world: World, before: dict[str, object], *tables: str) -> None:
    after = db_snapshot(world.path / "stint.sqlite3")
    assert {k: after[k] for k in tables} == {k: before[k] for k in tables}


@pytest.mark.parametrize("kind", ["invalid_json", "huge"])
@pytest.mark.parametrize("path", ["/api/tasks", "/api/tasks/statuses"])
def test_a_reply_that_is_not_json_fails_the_cycle_and_changes_nothing(world: World, kind: str, path: str) -> None:
    before = _due_again(world)
    world.fake.fail(kind, method="GET", path=path)  # type: ignore[arg-type]
    report = world.run()
    assert not report.ok
    error = report.accounts[0].errors[0]
    assert error and "Traceback" not in error
    after = db_snapshot(world.path / "stint.sqlite3")
    assert {k: v for k, v in after.items() if k != "account"} == \
        {k: v for k, v in before.items() if k != "account"}
    with world.engine.connect() as c:
        (last_error,) = c.exec_driver_sql("select last_error from account").one()
    assert last_error == error
    world.tick(hours=1)
    assert world.run().ok
    assert world.task("Backend API").status.name == "REVIEW"


@pytest.mark.parametrize("kind", ["wrong_types", "missing_fields"])
@pytest.mark.parametrize("path", ["/api/tasks", "/api/tasks/statuses"])
def test_records_that_cannot_be_read_are_skipped_named_and_left_as_they_were(
        world: World, kind: str, path: str) -> None:
    before = _due_again(world)
    world.fake.fail(kind, method="GET", path=path)  # type: ignore[arg-type]
    report = world.run()
    assert report.ok, report.lines()
    account = report.accounts[0]
    assert account.unreadable and all(u["new"] for u in account.unreadable)
    assert any(line.startswith("  skipped: ") for line in account.lines())
    _unchanged(world, before, "status", "entry")
    if (path, kind) == ("/api/tasks", "wrong_types"):  # every task skipped: each kept as it was
        _unchanged(world, before, "task")
    # (without their ids, the tasks we hold are asked for one by one, and read)
    world.tick(hours=1)  # the server answers right again: the warning clears
    report = world.run()
    assert report.ok and report.accounts[0].unreadable == []
    assert world.task("Backend API").status.name == "REVIEW"
    with world.engine.connect() as c:
        (cursors,) = c.exec_driver_sql("select cursors from account").one()
    assert "unreadable" not in cursors


@pytest.mark.parametrize("kind", ["invalid_json", "wrong_types", "missing_fields", "huge", "error"])
def test_time_that_cannot_be_read_stops_nothing_else(world: World, kind: str) -> None:
    before = _due_again(world)
    world.fake.fail(kind, method="GET", path="*/time", times=5)  # type: ignore[arg-type]
    report = world.run()
    if kind == "error":  # a 5xx: the server is in trouble, back off
        assert not report.ok
        return
    assert report.ok, report.lines()
    assert world.task("Backend API").status.name == "REVIEW"  # the tasks were read
    _unchanged(world, before, "entry")


def test_garbage_reply_to_a_write_is_probed_not_replayed(world: World) -> None:
    world.tracker.create_task("Once only", start=True)
    world.fake.fail("missing_fields", method="POST", path="/api/tasks")
    assert not world.run().ok
    world.tick(minutes=5)
    report = world.run().accounts[0]
    assert [t.title for t in world.fake.tasks.values()].count("Once only") == 1  # never sent twice
    # Wapify shows neither who made a task nor when: the one titled so may be a
    # colleague's, so the person is asked instead of it being taken as ours.
    (failed,) = report.failed
    assert failed["kind"] == "create_task" and "cannot be shown to be the one made here" in failed["message"]
    assert [op.state for op in world.ops()] == ["failed", "pending"]  # the start waits for it
    assert world.fake.times == {}
