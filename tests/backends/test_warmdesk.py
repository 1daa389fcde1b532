"""WarmDeskBackend against the fake WarmDesk: cards, moves, time, faults, loopback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from stint.backends.base import (
    AuthRejected,
    BackendError,
    BadResponse,
    InvalidURL,
    Offline,
    RateLimited,
    Rejected,
    Secret,
    ServerError,
    Unsupported,
)
from stint.backends.http import make_client
from stint.backends.warmdesk import TaskDay, WarmDeskBackend
from stint.backends.warmdesk_auth import WarmDeskCredential
from stint.domain.clock import FixedClock
from tests.backends.spoiled import SPOILED_RECORDS, assert_records_skipped
from tests.fakes.httpfake import FaultKind
from tests.fakes.warmdesk import START, FakeWarmDesk
from tests.fakes.warmdesk_resources import FakeCard, FakeProject

T0 = START
HOUR = timedelta(hours=1)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWarmDesk:
    return FakeWarmDesk(clock)


@pytest.fixture
def web(fake: FakeWarmDesk) -> FakeProject:
    return fake.add_project("Website", "web")


@pytest.fixture
def card(fake: FakeWarmDesk, web: FakeProject) -> FakeCard:
    return fake.add_card(web, "Fix login", description="Users cannot sign in",
                         due_date=date(2026, 2, 6))


def backend_for(fake: FakeWarmDesk, clock: FixedClock, **options: Any) -> WarmDeskBackend:
    credential = WarmDeskCredential("alice", Secret(fake.user.password))
    return WarmDeskBackend(make_client(transport=fake.transport()), fake.base_url, credential,
                           clock=clock, **options)


@pytest.fixture
def backend(fake: FakeWarmDesk, clock: FixedClock) -> WarmDeskBackend:
    return backend_for(fake, clock)


def rid(card: FakeCard, slug: str = "web") -> str:
    return f"{slug}:{card.id}"


# --- reading -----------------------------------------------------------------------


def test_capabilities_say_intervals_and_a_server_timesheet(backend: WarmDeskBackend) -> None:
    caps = backend.capabilities
    assert caps.explicit_entries and caps.entry_unit == "interval" and caps.pull_entries
    assert caps.server_timesheet and caps.create_task and caps.set_status
    assert not (caps.live_timer or caps.running_entry or caps.idempotency_keys)
    with pytest.raises(Unsupported):
        backend.start_timer("web:1")


def test_statuses_are_columns_named_by_project_when_there_are_several(
    fake: FakeWarmDesk, backend: WarmDeskBackend, web: FakeProject
) -> None:
    alone = backend.list_statuses()
    assert [(s.remote_id, s.label, s.position, s.is_done) for s in alone] == [
        ("web:1", "Backlog", 1, False), ("web:2", "In progress", 2, False), ("web:3", "Done", 3, True)
    ]
    assert alone[0].color == "#6c757d"
    fake.add_project("Ops", "ops", columns=(("Closed", None), ("Todo", None)))
    several = backend.list_statuses()
    assert [s.label for s in several] == [
        "Website / Backlog", "Website / In progress", "Website / Done", "Ops / Closed", "Ops / Todo"
    ]
    assert [s.remote_id for s in several if s.is_done] == ["web:3", "ops:4"]
    assert [s.position for s in several] == [1, 2, 3, 4, 5]


def test_cards_of_every_project_and_column_are_tasks(
    fake: FakeWarmDesk, backend: WarmDeskBackend, web: FakeProject, card: FakeCard
) -> None:
    ops = fake.add_project("Ops", "ops")
    other = fake.add_project("Not mine", "secret", members={99: "member"})
    fake.add_card(other, "Hidden")
    moving = fake.add_card(web, "Deploy", "In progress")
    done = fake.add_card(ops, "Rotate keys", "Done")
    backup = fake.add_card(ops, "Backups")
    tasks = backend.list_tasks()
    assert [t.remote_id for t in tasks] == [
        rid(card), rid(moving), f"ops:{backup.id}", f"ops:{done.id}"
    ]
    first = tasks[0]
    assert (first.title, first.description, first.project) == (
        "Fix login", "Users cannot sign in", "Website"
    )
    assert (first.status_remote_id, first.status_name) == ("web:1", "Backlog")
    assert (first.due_date, first.updated_at) == (date(2026, 2, 6), T0)
    assert [t.remote_id for t in backend.list_tasks(pending_only=True)] == [
        rid(card), rid(moving), f"ops:{backup.id}"
    ]
    assert [t.title for t in backend.list_tasks(status_remote_id="web:2")] == ["Deploy"]
    assert backend.get_task(f"ops:{done.id}").status_name == "Done"


def test_missing_and_inaccessible_things_are_rejected_with_the_servers_words(
    fake: FakeWarmDesk, backend: WarmDeskBackend, web: FakeProject, card: FakeCard
) -> None:
    with pytest.raises(Rejected) as missing:
        backend.get_task("web:999")
    assert (missing.value.status, missing.value.message) == (404, "card not found")
    other = fake.add_project("Not mine", "secret", members={99: "member"})
    hidden = fake.add_card(other, "Hidden")
    with pytest.raises(Rejected, match="project not found"):
        backend.get_task(rid(hidden, "secret"))


def test_ids_that_are_not_ours_never_reach_the_server(
    fake: FakeWarmDesk, backend: WarmDeskBackend
) -> None:
    for bad in ("42", "web:../x", "../web:1", "web:", "web:١", ":1", "web/1:2"):
        with pytest.raises(Rejected, match="not a WarmDesk task id"):
            backend.get_task(bad)
    with pytest.raises(Rejected, match="not a WarmDesk entry id"):
        backend.delete_entry("1/../2")
    assert fake.requests == []


# --- writing -----------------------------------------------------------------------


def test_create_task_puts_a_card_in_the_first_column_of_the_project(
    fake: FakeWarmDesk, clock: FixedClock, web: FakeProject
) -> None:
    backend = backend_for(fake, clock)
    created = backend.create_task("New card", "Body", False, "op-1")
    card = fake.cards[int(created.remote_id.split(":")[1])]
    assert (card.title, card.description, card.column_id) == ("New card", "Body", 1)
    assert (created.status_remote_id, created.timer) == ("web:1", None)
    fake.add_project("Ops", "ops", columns=(("Inbox", None), ("Done", None)))
    with pytest.raises(Rejected, match="project option"):
        backend.create_task("Where?", "", False, "op-2")
    chosen = backend_for(fake, clock, default_project="ops").create_task("Here", "", False, "op-3")
    assert chosen.status_remote_id == "ops:4" and chosen.remote_id.startswith("ops:")


def test_create_validation_error_is_rejected(backend: WarmDeskBackend, web: FakeProject) -> None:
    with pytest.raises(Rejected) as info:
        backend.create_task("   ", "", False, "op")
    assert (info.value.status, info.value.message) == (400, "title is required")


def test_status_change_is_a_card_move(
    fake: FakeWarmDesk, backend: WarmDeskBackend, card: FakeCard
) -> None:
    assert backend.set_status(rid(card), "web:3") == "web:3"
    assert fake.cards[card.id].column_id == 3
    assert backend.get_task(rid(card)).status_name == "Done"
    assert fake.count("PATCH", f"*/cards/{card.id}/move") == 1
    with pytest.raises(Rejected) as info:
        backend.set_status(rid(card), "web:999")
    assert (info.value.status, info.value.message) == (422, "column does not belong to this project")
    with pytest.raises(Rejected, match="cannot move to a column of ops"):
        backend.set_status(rid(card), "ops:4")


def test_a_viewer_cannot_write(fake: FakeWarmDesk, backend: WarmDeskBackend) -> None:
    docs = fake.add_project("Docs", "docs", members={fake.user.id: "viewer"})
    page = fake.add_card(docs, "Read me")
    assert backend.get_task(rid(page, "docs")).title == "Read me"
    for write in (lambda: backend.set_status(rid(page, "docs"), "docs:3"),
                  lambda: backend.create_entry(rid(page, "docs"), T0, T0 + HOUR, "", "k")):
        with pytest.raises(Rejected) as info:
            write()
        assert (info.value.status, info.value.message) == (403, "insufficient role")


# --- time ------------------------------------------------------------------------


def test_entries_round_trip_create_update_list_delete(
    fake: FakeWarmDesk, backend: WarmDeskBackend, card: FakeCard
) -> None:
    created = backend.create_entry(rid(card), T0, T0 + HOUR, "first pass", "op-1")
    assert (created.task_remote_id, created.seconds, created.note) == (rid(card), 3600, "first pass")
    assert created.user_remote_id == str(fake.user.id)
    updated = backend.update_entry(created.remote_id, T0, T0 + 2 * HOUR, "longer")
    assert (updated.remote_id, updated.seconds, updated.note) == (created.remote_id, 7200, "longer")
    assert backend.list_entries(T0, T0 + timedelta(days=1)) == [updated]
    assert backend.list_entries(T0 + 3 * HOUR, T0 + timedelta(days=1)) == []
    backend.delete_entry(created.remote_id)
    assert fake.entries == {}
    backend.delete_entry(created.remote_id)  # already gone: what the op asked for
    with pytest.raises(Rejected, match="time entry not found"):
        backend.update_entry(created.remote_id, T0, T0 + HOUR, "")


def test_entry_refusals(fake: FakeWarmDesk, backend: WarmDeskBackend, card: FakeCard) -> None:
    with pytest.raises(Rejected) as backwards:
        backend.create_entry(rid(card), T0, T0 - HOUR, "", "op")
    assert (backwards.value.status, backwards.value.message) == (
        422, "ended_at must be after started_at"
    )
    with pytest.raises(Unsupported):
        backend.create_entry(rid(card), T0, None, "", "op")
    bob = fake.add_user("bob", "bobs-password")
    theirs = fake.add_entry(card, T0, 600, user=bob)
    with pytest.raises(Rejected) as info:
        backend.update_entry(str(theirs.id), T0, T0 + HOUR, "")
    assert info.value.status == 403
    with pytest.raises(Rejected, match="card not found"):
        backend.create_entry("web:999", T0, T0 + HOUR, "", "op")
    assert len(fake.entries) == 1


def test_the_servers_timesheet_per_task_per_day(
    fake: FakeWarmDesk, backend: WarmDeskBackend, web: FakeProject, card: FakeCard
) -> None:
    other = fake.add_card(web, "Deploy")
    fake.add_entry(card, T0, 1800)
    fake.add_entry(card, T0 + 2 * HOUR, 1200)
    fake.add_entry(card, T0 + timedelta(days=1), 3600)
    fake.add_entry(other, T0 + timedelta(days=2), 90)
    fake.add_entry(card, T0 + timedelta(days=8), 600)  # next week
    fake.add_entry(card, T0, 999, user=fake.add_user("bob", "x"))  # not mine
    sheet = backend.timesheet(date(2026, 2, 2), date(2026, 2, 8))
    assert sheet == [
        TaskDay(rid(card), date(2026, 2, 2), 3000),
        TaskDay(rid(card), date(2026, 2, 3), 3600),
        TaskDay(rid(other), date(2026, 2, 4), 120),  # the server's minutes, rounded
    ]
    assert len(backend.list_entries(T0, T0 + timedelta(days=7))) == 4


def test_task_time_reads_the_recent_timesheet_of_the_card(
    fake: FakeWarmDesk, clock: FixedClock, card: FakeCard
) -> None:
    fake.add_entry(card, T0, 1800)
    fake.add_entry(card, T0 - timedelta(days=20), 600)  # outside the window
    clock.advance(days=3)
    time = backend_for(fake, clock).task_time(rid(card))
    assert (time.total_seconds, len(time.entries), time.active) == (1800, 1, None)


# --- faults, every call ------------------------------------------------------------

Call = Callable[[WarmDeskBackend, str], Any]
CALLS: dict[str, Call] = {
    "check": lambda b, t: b.check(),
    "list_statuses": lambda b, t: b.list_statuses(),
    "list_tasks": lambda b, t: b.list_tasks(pending_only=True),
    "get_task": lambda b, t: b.get_task(t),
    "create_task": lambda b, t: b.create_task("N", "d", False, "op"),
    "set_status": lambda b, t: b.set_status(t, "web:2"),
    "create_entry": lambda b, t: b.create_entry(t, T0, T0 + HOUR, "", "op"),
    "list_entries": lambda b, t: b.list_entries(T0, T0 + HOUR),
    "timesheet": lambda b, t: b.timesheet(date(2026, 2, 2), date(2026, 2, 8)),
}
LIST_READS = {"list_statuses", "list_tasks", "list_entries", "timesheet"}
EXPECTED: dict[FaultKind, type[BackendError]] = {
    "down": Offline, "slow": Offline, "drop": Offline, "error": ServerError,
    "rate_limit": RateLimited, "invalid_json": BadResponse, "wrong_types": BadResponse,
    "missing_fields": BadResponse, "huge": BadResponse,
}


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("call", list(CALLS))
def test_every_fault_becomes_the_right_error_without_leaking_a_secret(
    fake: FakeWarmDesk, backend: WarmDeskBackend, card: FakeCard,
    caplog: pytest.LogCaptureFixture, call: str, kind: FaultKind,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.add_entry(card, T0, 600)
    backend.check()  # signed in: the fault hits the call itself
    fake.fail(kind, headers={"Retry-After": "12"})
    if kind in SPOILED_RECORDS and call in LIST_READS:
        assert_records_skipped(lambda: CALLS[call](backend, rid(card)))
        return
    if (call, kind) == ("set_status", "missing_fields"):
        # "200 OK — resource returned or updated": a move's reply needs no field.
        assert CALLS[call](backend, rid(card)) == "web:2"
        return
    with pytest.raises(EXPECTED[kind]) as info:
        CALLS[call](backend, rid(card))
    error = info.value
    if kind == "down":
        assert not error.maybe_applied
    if kind in ("slow", "drop"):
        assert error.maybe_applied
    if kind == "rate_limit":
        assert isinstance(error, RateLimited) and error.retry_after == 12.0
    secrets = [fake.user.password, *fake.access, *fake.refresh]
    text = f"{error} {error!r} {error.__cause__}" + caplog.text
    assert not [s for s in secrets if s in text]


def test_plain_http_is_refused_and_the_api_path_is_added_once(fake: FakeWarmDesk) -> None:
    credential = WarmDeskCredential.from_secret(fake.api_key)
    with pytest.raises(InvalidURL):
        WarmDeskBackend(make_client(), "http://warmdesk.example.com", credential)
    for url in ("https://wd.example.com", "https://wd.example.com/api/v1/"):
        backend = WarmDeskBackend(make_client(), url, credential)
        assert backend.base_url == "https://wd.example.com/api/v1"
        assert fake.api_key not in repr(backend)


# --- on a real loopback server -------------------------------------------------------


@pytest.fixture
def served(fake: FakeWarmDesk, clock: FixedClock) -> Iterator[WarmDeskBackend]:
    credential = WarmDeskCredential("alice", Secret(fake.user.password))
    with fake.serve() as url, make_client(timeout=httpx.Timeout(2.0, read=0.25)) as client:
        yield WarmDeskBackend(client, url, credential, clock=clock)


def test_the_whole_round_on_a_real_socket(
    fake: FakeWarmDesk, served: WarmDeskBackend, clock: FixedClock, web: FakeProject
) -> None:
    assert served.check() == "Alice Smith <alice@example.com>"
    created = served.create_task("Over the wire", "", False, "op")
    clock.advance(minutes=30)  # the access token expired meanwhile
    assert served.set_status(created.remote_id, "web:2") == "web:2"
    entry = served.create_entry(created.remote_id, T0, T0 + HOUR, "net", "op")
    assert served.timesheet(date(2026, 2, 2), date(2026, 2, 2)) == [
        TaskDay(created.remote_id, date(2026, 2, 2), 3600)
    ]
    served.delete_entry(entry.remote_id)
    assert fake.count("POST", "*/auth/refresh") == 1 and fake.entries == {}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("drop", Offline), ("slow", Offline), ("down", Offline), ("error", ServerError),
     ("huge", BadResponse), ("invalid_json", BadResponse), ("rate_limit", RateLimited)],
)
def test_real_socket_faults(
    fake: FakeWarmDesk, served: WarmDeskBackend, card: FakeCard,
    caplog: pytest.LogCaptureFixture, kind: FaultKind, expected: type[BackendError],
) -> None:
    caplog.set_level(logging.DEBUG)
    served.check()
    fake.fail(kind, path="*/time-entries")
    with pytest.raises(expected) as info:
        served.create_entry(rid(card), T0, T0 + HOUR, "", "op")
    assert bool(fake.entries) == (kind not in ("down", "error", "rate_limit"))
    if kind in ("drop", "slow"):
        assert info.value.maybe_applied
    secrets = [fake.user.password, *fake.access, *fake.refresh]
    assert not [s for s in secrets if s in f"{info.value} {info.value.__cause__}" + caplog.text]


def test_a_stopped_server_is_offline_and_a_refused_password_over_the_wire(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    with fake.serve() as url, make_client(timeout=1.0) as client:
        wrong = WarmDeskCredential("alice", Secret("wrong-password"))
        with pytest.raises(AuthRejected, match="invalid credentials"):
            WarmDeskBackend(client, url, wrong, clock=clock).check()
    credential = WarmDeskCredential.from_secret(fake.api_key)
    backend = WarmDeskBackend(make_client(timeout=1.0), url, credential, clock=clock)
    with pytest.raises(Offline) as info:
        backend.list_tasks()
    assert not info.value.maybe_applied and "127.0.0.1" in str(info.value)
