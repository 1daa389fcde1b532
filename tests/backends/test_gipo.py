"""GipoBackend against the fake Gipo: stages, tasks, entries, paging, keys, faults."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from stint.backends.base import (
    AuthRejected,
    BackendError,
    BadResponse,
    Gone,
    Offline,
    RateLimited,
    Rejected,
    ServerError,
    Unsupported,
)
from stint.backends.gipo import GipoBackend
from stint.backends.gipo_api import idempotency_key
from stint.backends.http import make_client
from stint.domain.clock import FixedClock
from tests.backends.spoiled import SPOILED_RECORDS, assert_records_skipped
from tests.fakes.gipo import START, FakeGipo, Thing
from tests.fakes.httpfake import FaultKind

T0 = START
HOUR = timedelta(hours=1)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def fake(clock: FixedClock) -> FakeGipo:
    return FakeGipo(clock)


@pytest.fixture
def board(fake: FakeGipo) -> Thing:
    return fake.add_board("Website")


def backend_for(fake: FakeGipo, clock: FixedClock, key: str | None = None,
                **options: Any) -> GipoBackend:
    return GipoBackend(make_client(transport=fake.transport()), fake.base_url,
                       key or fake.key, clock=clock, **options)


@pytest.fixture
def backend(fake: FakeGipo, clock: FixedClock) -> GipoBackend:
    return backend_for(fake, clock)


def stage_ids(fake: FakeGipo, board: Thing) -> list[str]:
    return [f"{board.id}:{s.id}" for s in fake.stages_of(board)]


# --- keys ------------------------------------------------------------------------


def test_capabilities_say_manual_intervals_with_idempotency_keys(backend: GipoBackend) -> None:
    caps = backend.capabilities
    assert caps.explicit_entries and caps.idempotency_keys and caps.pull_entries
    assert caps.entry_unit == "interval" and caps.create_task and caps.set_status
    assert not (caps.live_timer or caps.running_entry or caps.server_timesheet)
    with pytest.raises(Unsupported):
        backend.start_timer("tas_1")


def test_a_key_without_ba_is_refused_before_any_request(fake: FakeGipo, clock: FixedClock) -> None:
    for bad in ("sk_live_abcdef", "", "ba_", "Bearer ba_x"):
        with pytest.raises(Rejected, match="start with ba_") as info:
            backend_for(fake, clock, key=bad or " ")
        assert "sk_live_abcdef" not in info.value.message
    assert fake.requests == []


def test_a_wrong_key_is_auth_rejected_without_echoing_it(
    fake: FakeGipo, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "ba_revoked_9f8e7d6c5b4a"
    with pytest.raises(AuthRejected, match="Missing or invalid API key") as info:
        backend_for(fake, clock, key=wrong).check()
    assert wrong not in str(info.value) and wrong not in caplog.text
    assert fake.key not in caplog.text


def test_check_names_the_organisations_workspaces(backend: GipoBackend, board: Thing) -> None:
    assert backend.check() == "Gipo organisation with 1 workspace(s): acme HQ"


# --- statuses and tasks ----------------------------------------------------------


def test_stages_are_statuses_with_a_finalized_done_status_per_board(
    fake: FakeGipo, backend: GipoBackend, board: Thing
) -> None:
    statuses = backend.list_statuses()
    assert [(s.remote_id, s.name, s.is_done) for s in statuses] == [
        *[(rid, name, False) for rid, name in zip(stage_ids(fake, board), ("To do", "Doing", "Review"))],
        (f"{board.id}:finalized", "Finalized", True),
    ]
    fake.add_board("Ops", ("Inbox",))
    assert [s.label for s in backend.list_statuses()][-2:] == ["Ops / Inbox", "Ops / Finalized"]


def test_offset_and_cursor_paging_over_several_pages(
    fake: FakeGipo, backend: GipoBackend, board: Thing
) -> None:
    fake.max_limit = 2  # the server caps every page at two items
    for n in range(4):
        fake.add_board(f"Extra {n}", ("A", "B", "C", "D", "E"))
    titles = [f"Task {n}" for n in range(7)]
    for title in titles:
        fake.add_task(board, title)
    assert len(backend.list_statuses()) == 3 + 1 + 4 * 6  # boards and stages, offset paged
    assert [t.title for t in backend.list_tasks(status_remote_id=stage_ids(fake, board)[0])] == titles
    assert fake.count("GET", "*/tasks") == 4  # 2+2+2+1, cursor paged
    assert fake.count("GET", "*/workspaces/*/boards") == 3  # five boards, two a page
    assert fake.count("GET", "*/boards/*/stages") == 2 + 4 * 3  # 3 stages, then 5 each


def test_a_cursor_that_goes_round_is_a_bad_response(
    fake: FakeGipo, backend: GipoBackend, board: Thing
) -> None:
    fake.max_limit = 1
    for title in ("a", "b", "c"):
        fake.add_task(board, title)

    original = fake._cursor

    def circular(items: list[Thing], q: dict[str, str]) -> Any:
        response = original(items[:2], {**q, "cursor": ""})
        return response
    fake._cursor = circular  # type: ignore[method-assign]
    with pytest.raises(BadResponse, match="circle"):
        backend.list_tasks()


def test_tasks_carry_their_stage_and_board(
    fake: FakeGipo, backend: GipoBackend, board: Thing
) -> None:
    task = fake.add_task(board, "Fix login", 1, )
    task.fields.update(description="Users cannot sign in", dueDate="2026-02-06", estimatedHours=2.5)
    done = fake.add_task(board, "Old")
    done.fields["finalizedAt"] = "2026-02-01T10:00:00.000Z"
    got = backend.get_task(task.id)
    assert (got.title, got.description, got.project, got.estimated_hours) == (
        "Fix login", "Users cannot sign in", "Website", 2.5)
    assert (got.status_remote_id, got.status_name) == (stage_ids(fake, board)[1], "Doing")
    assert got.updated_at == T0 and str(got.due_date) == "2026-02-06"
    assert [t.title for t in backend.list_tasks(pending_only=True)] == ["Fix login"]
    assert backend.get_task(done.id).status_remote_id == f"{board.id}:finalized"


def test_create_move_finalize_and_reopen(fake: FakeGipo, backend: GipoBackend, board: Thing) -> None:
    created = backend.create_task("New", "Body", False, "op-1")
    task = fake.things["task"][created.remote_id]
    assert (task.fields["title"], task.fields["description"]) == ("New", "Body")
    assert created.status_remote_id == stage_ids(fake, board)[0] and created.timer is None
    review = stage_ids(fake, board)[2]
    assert backend.set_status(created.remote_id, review) == review
    assert backend.set_status(created.remote_id, f"{board.id}:finalized") == f"{board.id}:finalized"
    assert task.fields["finalizedAt"] is not None
    assert backend.set_status(created.remote_id, review) == review  # a move reopens
    assert task.fields["finalizedAt"] is None
    with pytest.raises(Rejected, match="does not belong") as info:
        backend.set_status(created.remote_id, f"{fake.add_board('Ops').id}:stg_9999")
    assert info.value.status == 400


def test_new_tasks_need_a_board_when_there_are_several(
    fake: FakeGipo, clock: FixedClock, backend: GipoBackend, board: Thing
) -> None:
    other = fake.add_board("Ops", ("Inbox",))
    with pytest.raises(Rejected, match="board option"):
        backend.create_task("Where?", "", False, "op-2")
    chosen = backend_for(fake, clock, default_board=other.id).create_task("Here", "", False, "op-3")
    assert chosen.status_remote_id == stage_ids(fake, other)[0]


def test_validation_error_is_rejected_with_the_servers_words(
    backend: GipoBackend, board: Thing
) -> None:
    with pytest.raises(Rejected) as info:
        backend.create_task("  ", "", False, "op")
    assert (info.value.status, info.value.message) == (400, "title is required")
    assert not isinstance(info.value, Gone)


# --- idempotency and Gone ---------------------------------------------------------


def test_every_post_carries_an_idempotency_key(
    fake: FakeGipo, clock: FixedClock, board: Thing
) -> None:
    seen: list[tuple[str, str | None]] = []
    handle = fake.handle

    def spy(request: Any) -> Any:
        seen.append((request.method, request.headers.get("idempotency-key")))
        return handle(request)
    fake.handle = spy  # type: ignore[method-assign]
    backend = backend_for(fake, clock)
    created = backend.create_task("T", "", False, "op-1")
    backend.set_status(created.remote_id, f"{board.id}:finalized")
    backend.create_entry(created.remote_id, T0, T0 + HOUR, "", "op-2")
    posts = [key for method, key in seen if method == "POST"]
    assert len(posts) == 3 and all(posts) and len(set(posts)) == 3
    assert posts[0] == idempotency_key("task", "op-1") and posts[2] == idempotency_key("entry", "op-2")


@pytest.mark.parametrize("path", ["*/tasks", "*/time-entries"])
def test_replay_after_a_lost_reply_creates_no_duplicate(
    fake: FakeGipo, backend: GipoBackend, board: Thing, path: str
) -> None:
    task = fake.add_task(board, "Existing")
    fake.fail("drop", method="POST", path=path)

    def write() -> str:
        if path.endswith("tasks"):
            return backend.create_task("Once", "", False, "op-7").remote_id
        return backend.create_entry(task.id, T0, T0 + HOUR, "n", "op-7").remote_id
    with pytest.raises(Offline) as lost:
        write()
    assert lost.value.maybe_applied
    first = write()  # the engine's replay, same op key
    second = write()
    assert first == second
    kind = "task" if path.endswith("tasks") else "entry"
    assert len(fake.things[kind]) == (2 if kind == "task" else 1)


def test_a_reused_key_with_another_body_is_rejected(fake: FakeGipo, backend: GipoBackend,
                                                    board: Thing) -> None:
    backend.create_task("One", "", False, "op-1")
    with pytest.raises(Rejected, match="Idempotency-Key") as info:
        backend.create_task("Other", "", False, "op-1")
    assert info.value.status == 422


def test_another_organisations_ids_are_gone(fake: FakeGipo, backend: GipoBackend) -> None:
    theirs = fake.add_board("Theirs", org="globex")
    task = fake.add_task(theirs, "Secret")
    entry = fake.add_entry(task, T0, T0 + HOUR)
    for call in (lambda: backend.get_task(task.id),
                 lambda: backend.set_status(task.id, f"{theirs.id}:finalized"),
                 lambda: backend.create_entry(task.id, T0, T0 + HOUR, "", "k"),
                 lambda: backend.update_entry(entry.id, T0, T0 + HOUR, "")):
        with pytest.raises(Gone) as info:
            call()
        assert info.value.status == 404 and getattr(info.value, "gone") is True
        assert isinstance(info.value, Rejected)
    backend.delete_entry(entry.id)  # gone is what a delete wants
    assert entry.id in fake.things["entry"]
    assert backend.list_tasks() == []


# --- time entries ------------------------------------------------------------------


def test_entries_round_trip(fake: FakeGipo, backend: GipoBackend, board: Thing) -> None:
    task = fake.add_task(board, "Work")
    made = backend.create_entry(task.id, T0, T0 + HOUR, "first", "op-1")
    assert (made.task_remote_id, made.seconds, made.note) == (task.id, 3600, "first")
    assert made.user_remote_id == "mem_alice"
    moved = backend.update_entry(made.remote_id, T0 + HOUR, T0 + 3 * HOUR, "moved")
    assert (moved.started_at, moved.seconds, moved.note) == (T0 + HOUR, 7200, "moved")
    fake.max_limit = 1
    fake.add_entry(task, T0 - 24 * HOUR, T0 - 23 * HOUR)
    fake.add_entry(task, T0 + 4 * HOUR, T0 + 5 * HOUR)
    window = backend.list_entries(T0, T0 + 24 * HOUR)
    assert [e.started_at for e in window] == [T0 + HOUR, T0 + 4 * HOUR]
    backend.delete_entry(made.remote_id)
    backend.delete_entry(made.remote_id)  # again, as after a lost reply: still fine
    assert made.remote_id not in fake.things["entry"]
    with pytest.raises(Unsupported):
        backend.create_entry(task.id, T0, None, "", "op-9")
    with pytest.raises(Rejected) as info:
        backend.create_entry(task.id, T0, T0 - HOUR, "", "op-10")
    assert info.value.status == 400


def test_ids_that_are_not_ids_never_reach_the_server(fake: FakeGipo, backend: GipoBackend) -> None:
    for bad in ("../x", "a/b", "", "tsk 1", "٣"):
        with pytest.raises(Rejected, match="not a Gipo"):
            backend.get_task(bad)
    with pytest.raises(Rejected, match="board:stage"):
        backend.set_status("tas_1", "stage-only")
    assert fake.requests == []


# --- faults ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["invalid_json", "huge"])
def test_garbage_is_a_bad_response(fake: FakeGipo, backend: GipoBackend, board: Thing,
                                   kind: FaultKind) -> None:
    fake.add_task(board, "T")
    fake.fail(kind, path="*/tasks")
    with pytest.raises(BadResponse):
        backend.list_tasks()


@pytest.mark.parametrize("kind", SPOILED_RECORDS)
def test_spoiled_records_are_skipped_and_named(fake: FakeGipo, backend: GipoBackend, board: Thing,
                                               kind: FaultKind) -> None:
    fake.add_task(board, "T")
    fake.fail(kind, path="*/tasks")
    assert_records_skipped(backend.list_tasks)


def test_faults_map_to_the_error_tree(fake: FakeGipo, backend: GipoBackend, board: Thing) -> None:
    fake.fail("rate_limit", headers={"Retry-After": "17"})
    with pytest.raises(RateLimited) as limited:
        backend.check()
    assert limited.value.retry_after == 17
    fake.fail("rate_limit", headers={"X-RateLimit-Reset": str(int(T0.timestamp()) + 42)})
    with pytest.raises(RateLimited) as reset:
        backend.check()
    assert reset.value.retry_after == 42
    fake.fail("error", status=503)
    with pytest.raises(ServerError):
        backend.check()
    fake.fail("down")
    with pytest.raises(Offline) as down:
        backend.check()
    assert not down.value.maybe_applied
    fake.fail("slow", method="POST")
    with pytest.raises(Offline) as slow:
        backend.create_task("x", "", False, "op-s")
    assert slow.value.maybe_applied


def test_over_a_real_loopback_server(fake: FakeGipo, clock: FixedClock, board: Thing) -> None:
    fake.max_limit = 2
    for n in range(5):
        fake.add_task(board, f"T{n}")
    with fake.serve() as url, make_client() as client:
        backend = GipoBackend(client, url, fake.key, clock=clock)
        assert len(backend.list_tasks()) == 5
        fake.fail("drop", method="POST", path="*/tasks")
        with pytest.raises(Offline):
            backend.create_task("Once", "", False, "op-x")
        assert backend.create_task("Once", "", False, "op-x").remote_id
        assert sum(t.fields["title"] == "Once" for t in fake.things["task"].values()) == 1
        with pytest.raises(BackendError):
            GipoBackend(client, url, "ba_wrong", clock=clock).check()
