"""Server data Stint does not control, end to end for every kind (the fakes, and the
real TimeTagger and Redmine): a record that cannot be understood is skipped, named
once in the sync report and in `stint status`, and stops nothing else — and the
warning clears when the server drops or fixes it; a status the server names but
does not list is read again, then kept as given."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from stint.store.db import transaction
from stint.store.models import Status, Task
from tests.sync.every_kind import KINDS, Served, served  # noqa: F401  (the fixture)


def negative_id(record: dict[str, Any]) -> None:
    for key in ("id", "_id", "key"):
        if key in record:
            record[key] = -5


def first_task(s: Served) -> str:
    """The local task of the server's first one, as `stint start` would find it."""
    return "fix-login" if s.kind == "timetagger" else "Fix login"


def skipped_in_status(s: Served) -> list[str]:
    from stint.cli.tracking import _skipped

    with transaction(s.world.engine) as session:
        return [f"{name}: {len(items)}" for name, items in _skipped(session).items()]


@pytest.mark.parametrize("kind", KINDS)
def test_a_record_it_cannot_read_is_named_once_stops_nothing_and_clears(served: Served) -> None:
    w = served.world
    w.tracker.start(first_task(served))  # a push this cycle must still make
    w.clock.advance(minutes=20)
    w.tracker.stop()
    spoiled = served.spoil(negative_id)
    report = w.run()
    assert report.ok and not report.errors and not report.failed, report.lines()
    (told,) = report.unreadable
    assert told["new"] and told["id"] == "-5" and told["title"] == served.second
    named = [line for line in report.lines() if line.startswith("  skipped: ")]
    assert len(named) == 1 and "-5" in named[0] and served.second in named[0]
    assert {op.state for op in w.ops()} <= {"done", "local-only"}  # the push went on
    # (Wapify cannot take an interval tracked offline, Whama holds no time: local only)
    assert report.pushed >= 1 or served.kind in ("wapify", "whama")
    assert w.account().state == "ok"
    assert skipped_in_status(served) == ["work: 1"]

    w.clock.advance(minutes=1)
    again = w.run()
    assert again.ok and [u["new"] for u in again.unreadable] == [False]
    assert not [line for line in again.lines() if line.startswith("  skipped: ")]  # named once
    assert any(line.startswith("  still skipped: 1 record") for line in again.lines())

    served.net.unalter(spoiled)  # the server fixed (or dropped) it
    w.clock.advance(minutes=1)
    fixed = w.run()
    assert fixed.ok and fixed.unreadable == [] and skipped_in_status(served) == []
    assert "unreadable" not in (w.account().cursors or {})


UNKNOWN_STATUS = {
    "wapify": lambda r: r.update(status={"id": 99, "name": "BLOCKED", "translated_name": "Bloqueada"}),
    "warmdesk": lambda r: r.update(column_id=9999),
    "gipo": lambda r: r.update(stageId="stg_9999"),
    "whama": lambda r: r.update(columnId="column_9999"),
    "redmine": lambda r: r.update(status={"id": 99, "name": "Blocked"}),
}


@pytest.mark.parametrize("kind", list(UNKNOWN_STATUS))
def test_a_status_the_server_does_not_list_is_kept_as_given(served: Served) -> None:
    w = served.world
    served.spoil(UNKNOWN_STATUS[served.kind])
    report = w.run()
    assert report.ok and not report.errors, report.lines()
    with transaction(w.engine) as s:
        task = s.scalars(select(Task).where(Task.title == served.second)).one()
        assert task.status.remote_id is not None and "99" in task.status.remote_id
        shown = task.status.label
    assert shown in ("BLOCKED", "Blocked") or "9999" in shown  # the server's own name, or its id
    assert any("is not one the server lists" in n for n in report.notes)
    w.clock.advance(minutes=1)
    assert w.run().ok  # and every cycle after: no refusal, no traceback


def test_a_status_added_on_the_server_is_read_again_first(request: pytest.FixtureRequest,
                                                         tmp_path: Any) -> None:
    from tests.sync.every_kind import serve

    s = serve("wapify", tmp_path, request)  # its statuses were read when the account was added
    blocked = {"id": 6, "name": "BLOCKED", "translated_name": "Bloqueada", "color": "#000000"}
    s.net.alter(lambda p: {**p, "data": [*p["data"], blocked]}, method="GET", path="/api/tasks/statuses")
    s.spoil(lambda r: r.update(status={"id": 6, "name": "BLOCKED", "translated_name": "Bloqueada"}))
    report = s.world.run()
    assert report.ok, report.lines()
    with transaction(s.world.engine) as session:
        task = session.scalars(select(Task).where(Task.title == "Write report")).one()
        assert (task.status.remote_id, task.status.label, task.status.color) == ("6", "Bloqueada", "#000000")
        assert session.scalar(select(Status).where(Status.remote_id == "6")).position == 6
    assert not any("is not one the server lists" in n for n in report.notes)
    s.world.accounts.close()


@pytest.mark.parametrize("kind", ["wapify"])
def test_an_id_an_older_version_stored_is_no_longer_asked_for(served: Served) -> None:
    """Before, a task with id -5 was stored, and every sync after failed on it ("not a
    Wapify task id") even once the server had dropped it."""
    w = served.world
    with transaction(w.engine) as s:
        task = s.scalars(select(Task).where(Task.title == "Write report")).one()
        task.remote_id = "-5"
    report = w.run()
    assert report.ok and not report.errors, report.lines()
    assert any("task -5 is no longer asked for" in n for n in report.notes)
    w.clock.advance(minutes=1)
    again = w.run()
    assert again.ok and not any("-5" in n for n in again.notes)
