"""WapifyBackend against the fake Wapify: in process, on loopback, and under faults."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from typing import Any

import httpx
import pytest

from stint.backends.base import (
    AlreadyRunning,
    AuthRejected,
    BackendError,
    BadResponse,
    InvalidURL,
    NotRunning,
    Offline,
    RateLimited,
    Rejected,
    ServerError,
    Unsupported,
)
from stint.backends.http import make_client
from stint.backends.wapify import WapifyBackend
from stint.domain.clock import FixedClock
from tests.backends.spoiled import SPOILED_RECORDS, assert_records_skipped
from tests.fakes.httpfake import FaultKind
from tests.fakes.wapify import FakeWapify

T0 = datetime(2026, 2, 2, 14, 0, tzinfo=timezone.utc)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWapify:
    return FakeWapify(clock)


def backend_for(fake: FakeWapify, clock: FixedClock, token: str | None = None) -> WapifyBackend:
    client = make_client(transport=fake.transport())
    return WapifyBackend(client, fake.base_url, token or fake.token, clock=clock)


@pytest.fixture
def backend(fake: FakeWapify, clock: FixedClock) -> WapifyBackend:
    return backend_for(fake, clock)


# --- reading -----------------------------------------------------------------------


def test_capabilities_say_live_timer_and_no_explicit_entries(backend: WapifyBackend) -> None:
    caps = backend.capabilities
    assert caps.live_timer and caps.create_task and caps.set_status and caps.server_timesheet
    assert not (caps.explicit_entries or caps.running_entry or caps.idempotency_keys)
    with pytest.raises(Unsupported):
        backend.create_entry("1", T0, None, "", "key")


def test_check_names_the_user_or_at_least_the_host(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    assert backend.check() == "token accepted by wapify.test"
    fake.web_create_task("T")
    assert backend.check() == "Juan Pérez <juan@example.com>"


def test_a_bad_or_revoked_token_is_auth_rejected(fake: FakeWapify, clock: FixedClock) -> None:
    with pytest.raises(AuthRejected):
        backend_for(fake, clock, token="wrong").check()
    fake.revoke_token(fake.token)
    with pytest.raises(AuthRejected):
        backend_for(fake, clock).list_statuses()


def test_statuses_use_the_translated_name_and_mark_done_and_cancelled(
    backend: WapifyBackend,
) -> None:
    statuses = backend.list_statuses()
    assert [(s.remote_id, s.label, s.position) for s in statuses[:2]] == [
        ("1", "Por hacer", 1), ("2", "En progreso", 2)
    ]
    assert statuses[2].color == "#ffc107"
    assert [s.name for s in statuses if s.is_done] == ["DONE", "CANCELLED"]


def test_tasks_map_every_documented_field(
    fake: FakeWapify, backend: WapifyBackend, clock: FixedClock
) -> None:
    task = fake.web_create_task(
        "Actualizar sitio web", description="Contenido", project="Sitio", category="Desarrollo",
        due_date=date(2026, 2, 8), estimated_hours=5.5, start_timer=True,
    )
    clock.advance(1250)
    [remote] = backend.list_tasks()
    assert remote == backend.get_task(str(task))
    assert (remote.remote_id, remote.title, remote.description) == (
        str(task), "Actualizar sitio web", "Contenido"
    )
    assert (remote.status_remote_id, remote.status_name) == ("2", "IN_PROGRESS")
    assert (remote.project, remote.category) == ("Sitio", "Desarrollo")
    assert (remote.due_date, remote.estimated_hours, remote.updated_at) == (
        date(2026, 2, 8), 5.5, None
    )
    assert remote.active_timer is not None and remote.active_timer.started_at == T0


def test_list_filters_are_sent_to_the_server(fake: FakeWapify, backend: WapifyBackend) -> None:
    todo = fake.web_create_task("A")
    done = fake.web_create_task("B", status="DONE")
    fake.web_create_task("C", status="CANCELLED")
    assert [t.remote_id for t in backend.list_tasks(pending_only=True)] == [str(todo)]
    assert [t.remote_id for t in backend.list_tasks(status_remote_id="4")] == [str(done)]
    assert len(backend.list_tasks()) == 3


def test_missing_and_forbidden_tasks_are_rejected_with_the_servers_words(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    other, _ = fake.add_user("Ana", "ana@example.com")
    theirs = fake.web_create_task("De Ana", user=other)
    with pytest.raises(Rejected) as info:
        backend.start_timer(str(theirs))
    assert (info.value.status, info.value.message) == (
        403, "No tienes permiso para iniciar esta tarea."
    )
    with pytest.raises(Rejected, match="Tarea no encontrada.") as missing:
        backend.get_task("999")
    assert missing.value.status == 404


def test_ids_that_are_not_integers_never_reach_the_server(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    for bad in ("../statuses", "1/stop", "", "١"):
        with pytest.raises(Rejected, match="not a Wapify task id"):
            backend.get_task(bad)
    assert fake.requests == []


# --- timers --------------------------------------------------------------------------


def test_start_stop_and_time(fake: FakeWapify, backend: WapifyBackend, clock: FixedClock) -> None:
    task = str(fake.web_create_task("T"))
    timer = backend.start_timer(task)
    assert (timer.task_remote_id, timer.started_at) == (task, T0)
    assert backend.active_timer() == timer
    clock.advance(900)
    entry = backend.stop_timer(task)
    assert (entry.remote_id, entry.seconds, entry.ended_at) == (
        timer.remote_entry_id, 900, datetime(2026, 2, 2, 14, 15, tzinfo=timezone.utc)
    )
    assert backend.active_timer() is None
    backend.start_timer(task)
    clock.advance(100)
    time = backend.task_time(task)
    assert time.total_seconds == 1000  # the running 100 s included
    assert time.active is not None and time.active.started_at == entry.ended_at
    assert [(e.remote_id, e.seconds, e.user_remote_id) for e in time.entries] == [
        (timer.remote_entry_id, 900, str(fake.user.id))
    ]


def test_starting_another_task_stops_the_first_on_the_server(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    a, b = str(fake.web_create_task("A")), str(fake.web_create_task("B"))
    backend.start_timer(a)
    timer = backend.start_timer(b)
    assert backend.active_timer() == timer
    assert fake.running_time(int(a)) is None


def test_a_timer_started_on_the_web_is_seen_as_the_active_timer(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    task = fake.web_create_task("Desde la web")
    time_id = fake.web_start(task)
    active = backend.active_timer()
    assert active is not None and (active.remote_entry_id, active.task_remote_id) == (
        str(time_id), str(task)
    )


def test_lost_replies_replay_as_already_running_and_not_running(
    fake: FakeWapify, backend: WapifyBackend
) -> None:
    task = str(fake.web_create_task("T"))
    fake.fail("drop", path="*/start")
    with pytest.raises(Offline) as lost:
        backend.start_timer(task)
    assert lost.value.maybe_applied
    with pytest.raises(AlreadyRunning) as replay:
        backend.start_timer(task)
    assert replay.value.message == "La tarea ya tiene un temporizador activo."
    fake.fail("slow", path="*/stop")
    with pytest.raises(Offline):
        backend.stop_timer(task)
    with pytest.raises(NotRunning):
        backend.stop_timer(task)


# --- writing tasks and statuses ----------------------------------------------------


def test_create_task_with_and_without_a_timer(
    fake: FakeWapify, backend: WapifyBackend, clock: FixedClock
) -> None:
    plain = backend.create_task("Plain", "", False, "op-1")
    assert (plain.status_remote_id, plain.timer) == ("1", None)
    assert fake.tasks[int(plain.remote_id)].description is None
    clock.advance(60)
    started = backend.create_task("Con timer", "Desc", True, "op-2")
    assert started.status_remote_id == "2" and started.timer is not None
    assert (started.timer.task_remote_id, started.timer.started_at) == (
        started.remote_id, clock.now()
    )
    assert backend.active_timer() == started.timer


def test_create_with_timer_survives_a_failed_read_back(
    fake: FakeWapify, backend: WapifyBackend, clock: FixedClock
) -> None:
    fake.fail("down", method="GET")
    created = backend.create_task("T", "", True, "op")
    assert created.timer is not None and created.timer.started_at == clock.now()
    assert len(fake.tasks) == 1


def test_create_validation_errors_are_rejected(backend: WapifyBackend) -> None:
    with pytest.raises(Rejected) as info:
        backend.create_task("x" * 256, "", False, "op")
    assert info.value.status == 422 and "255" in info.value.message


def test_set_status(fake: FakeWapify, backend: WapifyBackend) -> None:
    task = str(fake.web_create_task("T"))
    assert backend.set_status(task, "4") == "4"
    assert fake.tasks[int(task)].status_id == 4
    with pytest.raises(Rejected) as info:
        backend.set_status(task, "99")
    assert info.value.status == 422


def test_success_false_in_a_2xx_is_a_rejection() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"success": False, "message": "No se pudo."})

    backend = WapifyBackend(make_client(transport=httpx.MockTransport(handler)),
                            "https://w.test/api/tasks", "tok")
    with pytest.raises(Rejected, match="No se pudo."):
        backend.list_statuses()


# --- faults, every method ----------------------------------------------------------

Call = Callable[[WapifyBackend, str, str], Any]
CALLS: dict[str, Call] = {
    "check": lambda b, running, idle: b.check(),
    "list_statuses": lambda b, running, idle: b.list_statuses(),
    "list_tasks": lambda b, running, idle: b.list_tasks(pending_only=True),
    "get_task": lambda b, running, idle: b.get_task(idle),
    "create_task": lambda b, running, idle: b.create_task("N", "d", True, "op"),
    "set_status": lambda b, running, idle: b.set_status(idle, "3"),
    "start_timer": lambda b, running, idle: b.start_timer(idle),
    "stop_timer": lambda b, running, idle: b.stop_timer(running),
    "active_timer": lambda b, running, idle: b.active_timer(),
    "task_time": lambda b, running, idle: b.task_time(running),
}
EXPECTED: dict[FaultKind, type[BackendError]] = {
    "down": Offline, "slow": Offline, "drop": Offline, "error": ServerError,
    "rate_limit": RateLimited, "invalid_json": BadResponse, "wrong_types": BadResponse,
    "missing_fields": BadResponse, "huge": BadResponse,
}


LIST_READS = {"check", "list_statuses", "list_tasks", "active_timer", "task_time"}


def _two_tasks(fake: FakeWapify, clock: FixedClock) -> tuple[str, str]:
    running = fake.web_create_task("Corriendo", project="P", category="C")
    fake.web_start(running)
    clock.advance(300)
    fake.web_stop(running)
    fake.web_start(running)
    clock.advance(60)
    return str(running), str(fake.web_create_task("Quieta"))


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("call", list(CALLS))
def test_every_fault_becomes_the_right_error_without_leaking_the_token(
    fake: FakeWapify, backend: WapifyBackend, clock: FixedClock,
    caplog: pytest.LogCaptureFixture, call: str, kind: FaultKind,
) -> None:
    caplog.set_level(logging.DEBUG)
    running, idle = _two_tasks(fake, clock)
    fake.fail(kind, headers={"Retry-After": "12"})
    if kind in SPOILED_RECORDS and call in LIST_READS:
        assert_records_skipped(lambda: CALLS[call](backend, running, idle))
        return
    with pytest.raises(EXPECTED[kind]) as info:
        CALLS[call](backend, running, idle)
    error = info.value
    if kind == "down":
        assert not error.maybe_applied
    if kind in ("slow", "drop"):
        assert error.maybe_applied
    if kind == "rate_limit":
        assert isinstance(error, RateLimited) and error.retry_after == 12.0
    assert fake.token not in f"{error} {error!r} {error.__cause__}"
    assert fake.token not in caplog.text


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "90"}, 90.0),
        ({"Retry-After": "Mon, 02 Feb 2026 14:05:00 GMT"}, 300.0),
        ({"X-RateLimit-Reset": str(int(T0.timestamp()) + 40)}, 40.0),
    ],
)
def test_rate_limit_delay_uses_the_backends_clock(
    fake: FakeWapify, backend: WapifyBackend, headers: dict[str, str], expected: float
) -> None:
    fake.fail("rate_limit", headers=headers)
    with pytest.raises(RateLimited) as info:
        backend.list_tasks()
    assert info.value.retry_after == expected


def test_the_token_stays_out_of_repr_and_plain_http_is_refused(fake: FakeWapify) -> None:
    backend = WapifyBackend(make_client(), "https://wapify.me/api/tasks/", fake.token)
    assert fake.token not in repr(backend) and backend.base_url == "https://wapify.me/api/tasks"
    with pytest.raises(InvalidURL):
        WapifyBackend(make_client(), "http://wapify.me/api/tasks", fake.token)


# --- on a real loopback server -------------------------------------------------------


@pytest.fixture
def served(fake: FakeWapify, clock: FixedClock) -> Iterator[WapifyBackend]:
    with fake.serve() as url, make_client(timeout=httpx.Timeout(2.0, read=0.25)) as client:
        yield WapifyBackend(client, url, fake.token, clock=clock)


def test_the_whole_round_on_a_real_socket(
    fake: FakeWapify, served: WapifyBackend, clock: FixedClock
) -> None:
    assert len(served.list_statuses()) == 5
    created = served.create_task("Por red", "", True, "op")
    clock.advance(120)
    assert served.active_timer() == created.timer
    assert served.stop_timer(created.remote_id).seconds == 120
    assert served.task_time(created.remote_id).total_seconds == 120
    assert served.check() == "Juan Pérez <juan@example.com>"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("drop", Offline), ("slow", Offline), ("down", Offline), ("error", ServerError),
     ("huge", BadResponse), ("invalid_json", BadResponse), ("rate_limit", RateLimited)],
)
def test_real_socket_faults(
    fake: FakeWapify, served: WapifyBackend, caplog: pytest.LogCaptureFixture,
    kind: FaultKind, expected: type[BackendError],
) -> None:
    caplog.set_level(logging.DEBUG)
    task = str(fake.web_create_task("T"))
    fake.fail(kind, path="*/start")
    with pytest.raises(expected) as info:
        served.start_timer(task)
    assert (fake.running_time(int(task)) is not None) == (kind not in ("down", "error",
                                                                       "rate_limit"))
    if kind in ("drop", "slow"):
        assert info.value.maybe_applied
    assert fake.token not in f"{info.value} {info.value.__cause__}" + caplog.text


def test_a_stopped_server_is_offline_and_nothing_was_sent(
    fake: FakeWapify, clock: FixedClock
) -> None:
    with fake.serve() as url:
        pass
    backend = WapifyBackend(make_client(timeout=1.0), url, fake.token, clock=clock)
    with pytest.raises(Offline) as info:
        backend.list_tasks()
    assert not info.value.maybe_applied and "127.0.0.1" in str(info.value)
