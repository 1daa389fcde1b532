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


@pytest.mark.parametrize("kind", ["invalid_json", "wrong_types", "missing_fields", "huge"])
@pytest.mark.parametrize("path", ["/api/tasks", "/api/tasks/statuses", "*/time"])
def test_garbage_fails_the_cycle_and_changes_nothing(world: World, kind: str, path: str) -> None:
    world.tracker.start("Website")
    assert world.run().ok
    world.tick(hours=2)  # statuses and entries due again
    world.fake.web_set_status(2, "REVIEW")
    before = db_snapshot(world.path / "stint.sqlite3")
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


def test_garbage_reply_to_a_write_is_probed_not_replayed(world: World) -> None:
    world.tracker.create_task("Once only", start=True)
    world.fake.fail("missing_fields", method="POST", path="/api/tasks")
    assert not world.run().ok
    world.tick(minutes=5)
    assert world.run().ok
    assert [t.title for t in world.fake.tasks.values()].count("Once only") == 1
    assert len(world.fake.times) == 1
