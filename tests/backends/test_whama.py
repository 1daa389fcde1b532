"""WhamaBackend with an API key against the fake Whama: boards, tasks, paging,
the error envelope, rate limits obeyed in advance, faults, loopback."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from stint.backends.base import (
    AuthRejected,
    BadResponse,
    Gone,
    Offline,
    RateLimited,
    Rejected,
    ServerError,
    Unsupported,
)
from stint.backends.http import make_client
from stint.backends.whama import WhamaBackend
from stint.backends.whama_credential import WhamaCredential
from stint.domain.clock import FixedClock
from tests.backends.spoiled import SPOILED_RECORDS, assert_records_skipped
from tests.fakes.httpfake import FaultKind
from tests.fakes.whama import START, FakeWhama


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWhama:
    return FakeWhama(clock)


@pytest.fixture
def board(fake: FakeWhama) -> dict[str, Any]:
    return fake.add_board("Main")


def backend_for(fake: FakeWhama, clock: FixedClock, key: str | None = None,
                **options: Any) -> WhamaBackend:
    credential = WhamaCredential.from_secret(key or fake.test_key)
    return WhamaBackend(make_client(transport=fake.transport()), fake.base_url, credential,
                        clock=clock, **options)


@pytest.fixture
def backend(fake: FakeWhama, clock: FixedClock) -> WhamaBackend:
    return backend_for(fake, clock)


def col(board: dict[str, Any], n: int) -> str:
    return f"{board['id']}:{board['columns'][n]['id']}"


def test_no_time_api_so_time_stays_local(backend: WhamaBackend) -> None:
    caps = backend.capabilities
    assert not (caps.explicit_entries or caps.live_timer or caps.pull_entries
                or caps.server_timesheet or caps.idempotency_keys)
    assert caps.entry_unit == "none" and caps.create_task and caps.set_status
    for call in (lambda: backend.create_entry("t", START, START, "", "k"),
                 lambda: backend.start_timer("t"), lambda: backend.list_entries(START, START)):
        with pytest.raises(Unsupported):
            call()


def test_columns_are_statuses_plus_complete(fake: FakeWhama, backend: WhamaBackend,
                                            board: dict[str, Any]) -> None:
    statuses = backend.list_statuses()
    assert [(s.name, s.is_done) for s in statuses] == [
        ("To do", False), ("In progress", False), ("Done", False), ("Complete", True)]
    assert statuses[-1].remote_id == f"{board['id']}:complete"
    fake.add_board("Other", ("Inbox",))
    assert [s.label for s in backend.list_statuses()][-2:] == ["Other / Inbox", "Other / Complete"]


def test_tasks_over_several_pages(fake: FakeWhama, backend: WhamaBackend,
                                  board: dict[str, Any]) -> None:
    fake.max_limit = 3
    for n in range(8):
        fake.add_task(board, f"T{n}", n % 2, dueDate="2026-02-06" if n == 0 else None)
    fake.add_task(board, "Finished", completed=True)
    tasks = backend.list_tasks()
    assert [t.title for t in tasks] == [f"T{n}" for n in range(8)] + ["Finished"]
    assert fake.count("GET", "*/tasks") == 3  # 9 tasks, 3 a page
    assert str(tasks[0].due_date) == "2026-02-06" and tasks[0].project == "Main"
    assert tasks[-1].status_remote_id == f"{board['id']}:complete"
    assert len(backend.list_tasks(pending_only=True)) == 8
    assert [t.title for t in backend.list_tasks(status_remote_id=col(board, 1))] == \
        ["T1", "T3", "T5", "T7"]


def test_create_move_complete_and_reopen(fake: FakeWhama, backend: WhamaBackend,
                                         board: dict[str, Any]) -> None:
    created = backend.create_task("New", "Body", False, "op-1")
    task = fake.state.tasks[created.remote_id]
    assert (task["title"], task["description"], created.status_remote_id) == (
        "New", "Body", col(board, 0))
    assert backend.set_status(created.remote_id, col(board, 2)) == col(board, 2)
    assert backend.set_status(created.remote_id, f"{board['id']}:complete") == \
        f"{board['id']}:complete"
    assert task["completed"] is True
    assert backend.set_status(created.remote_id, col(board, 0)) == col(board, 0)
    assert task["completed"] is False


def test_the_error_envelope_reaches_the_person(backend: WhamaBackend,
                                               board: dict[str, Any]) -> None:
    with pytest.raises(Rejected) as info:
        backend.create_task("  ", "", False, "op")
    assert info.value.status == 400
    assert info.value.message == \
        "Invalid request parameters (VALIDATION_ERROR: title: Title is required)"


def test_missing_tasks_are_gone(fake: FakeWhama, backend: WhamaBackend,
                                board: dict[str, Any]) -> None:
    for call in (lambda: backend.get_task("task_9999"),
                 lambda: backend.set_status("task_9999", col(board, 1))):
        with pytest.raises(Gone) as info:
            call()
        assert info.value.status == 404 and "Resource does not exist" in info.value.message


def test_forbidden_and_unauthorized(fake: FakeWhama, clock: FixedClock,
                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "sk_live_wrongwrongwrong"
    with pytest.raises(AuthRejected) as info:
        backend_for(fake, clock, key=wrong).check()
    assert wrong not in info.value.message and wrong not in caplog.text
    fake.access["wat_readonly"] = (frozenset({"tasks:read"}), START.replace(year=2027))
    reader = WhamaBackend(make_client(transport=fake.transport()), fake.base_url,
                          WhamaCredential(access_token=None, refresh_token=None,
                                          api_key=None).with_tokens("wat_readonly", None, None),
                          clock=clock)
    with pytest.raises(Rejected) as forbidden:
        reader.check()
    assert forbidden.value.status == 403 and "FORBIDDEN" in forbidden.value.message
    assert "wat_readonly" not in caplog.text


def test_rate_limit_is_obeyed_before_the_server_says_429(
    fake: FakeWhama, clock: FixedClock, board: dict[str, Any]
) -> None:
    fake.rate_limit = 2
    backend = backend_for(fake, clock, key=fake.live_key)
    backend.check()
    backend.check()  # remaining now 0, resets at START + 60 s
    clock.advance(seconds=15)
    with pytest.raises(RateLimited) as info:
        backend.check()
    assert info.value.retry_after == 45
    assert fake.count() == 2  # not sent
    clock.advance(seconds=45)
    assert backend.check()  # a new window
    assert fake.count() == 3


def test_a_429_anyway_carries_the_reset(fake: FakeWhama, backend: WhamaBackend) -> None:
    reset = str(int(START.timestamp()) + 30)
    fake.fail("rate_limit", headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset})
    with pytest.raises(RateLimited) as info:
        backend.check()
    assert info.value.retry_after == 30 and "RATE_LIMIT_EXCEEDED" not in info.value.message


def test_test_keys_have_no_limits(fake: FakeWhama, backend: WhamaBackend) -> None:
    fake.rate_limit = 1
    for _ in range(3):
        backend.check()


@pytest.mark.parametrize("kind", ["invalid_json", "huge"])
def test_garbage_is_a_bad_response(fake: FakeWhama, backend: WhamaBackend,
                                   board: dict[str, Any], kind: FaultKind) -> None:
    fake.add_task(board, "T")
    fake.fail(kind, path="*/tasks")
    with pytest.raises(BadResponse):
        backend.list_tasks()


@pytest.mark.parametrize("kind", SPOILED_RECORDS)
def test_spoiled_records_are_skipped_and_named(fake: FakeWhama, backend: WhamaBackend,
                                               board: dict[str, Any], kind: FaultKind) -> None:
    fake.add_task(board, "T")
    fake.fail(kind, path="*/tasks")
    assert_records_skipped(backend.list_tasks)


def test_transport_faults(fake: FakeWhama, backend: WhamaBackend, board: dict[str, Any]) -> None:
    fake.fail("error", status=500)
    with pytest.raises(ServerError):
        backend.check()
    fake.fail("down")
    with pytest.raises(Offline) as down:
        backend.check()
    assert not down.value.maybe_applied
    fake.fail("drop", method="POST")
    with pytest.raises(Offline) as dropped:
        backend.create_task("Lost reply", "", False, "op")
    assert dropped.value.maybe_applied  # no idempotency key: the engine probes by title
    assert [t.title for t in backend.list_tasks()] == ["Lost reply"]


def test_over_a_real_loopback_server(fake: FakeWhama, clock: FixedClock,
                                     board: dict[str, Any]) -> None:
    fake.max_limit = 2
    fake.rate_limit = 3
    for n in range(3):
        fake.add_task(board, f"T{n}")
    with fake.serve() as url, make_client() as client:
        backend = WhamaBackend(client, url, WhamaCredential.from_secret(fake.live_key),
                               clock=clock)
        assert len(backend.list_tasks()) == 3  # 1 boards request + 2 pages
        with pytest.raises(RateLimited):
            backend.check()
        clock.advance(seconds=60)
        assert backend.check().startswith("Alice")
