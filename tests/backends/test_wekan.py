"""WekanBackend against the fake Wekan: sign-in and expiry, cards and lists, spentTime,
faults, loopback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import timedelta
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
from stint.backends.wekan import WekanBackend
from stint.backends.wekan_auth import WekanCredential
from stint.domain.clock import FixedClock
from tests.backends.spoiled import SPOILED_RECORDS, assert_records_skipped
from tests.fakes.httpfake import FaultKind
from tests.fakes.wekan import START, FakeBoard, FakeCard, FakeWekan


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWekan:
    return FakeWekan(clock, token_lifetime=timedelta(hours=1))


@pytest.fixture
def board(fake: FakeWekan) -> FakeBoard:
    return fake.add_board("Team")


@pytest.fixture
def card(fake: FakeWekan, board: FakeBoard) -> FakeCard:
    return fake.add_card(board, "Write docs", spent_time=1.25, description="The API")


def credential(fake: FakeWekan, login: str = "myusername") -> WekanCredential:
    return WekanCredential(login, Secret(fake.user.password))


def backend_for(fake: FakeWekan, clock: FixedClock, source: Any = None,
                **options: Any) -> WekanBackend:
    return WekanBackend(make_client(transport=fake.transport()), fake.base_url,
                        source or credential(fake), clock=clock, **options)


@pytest.fixture
def backend(fake: FakeWekan, clock: FixedClock) -> WekanBackend:
    return backend_for(fake, clock)


def rid(card: FakeCard) -> str:
    return f"{card.board_id}:{card.id}"


def status(fake: FakeWekan, board: FakeBoard, title: str) -> str:
    return f"{board.id}:{fake.list_id(board, title)}"


def logins(fake: FakeWekan) -> int:
    return fake.count("POST", "/users/login")


# --- signing in --------------------------------------------------------------------


def test_capabilities_say_a_card_total_and_no_intervals(backend: WekanBackend) -> None:
    caps = backend.capabilities
    assert caps.entry_unit == "task_total" and caps.create_task and caps.set_status
    assert not (caps.explicit_entries or caps.live_timer or caps.pull_entries
                or caps.server_timesheet or caps.idempotency_keys)
    with pytest.raises(Unsupported):
        backend.create_entry("a:b", START, START, "", "k")


def test_sign_in_by_username_or_email(fake: FakeWekan, clock: FixedClock) -> None:
    assert backend_for(fake, clock).check() == "myusername <myusername@email.com>"
    by_mail = backend_for(fake, clock, credential(fake, "myusername@email.com"))
    assert by_mail.check().startswith("myusername")
    assert logins(fake) == 2


def test_the_token_is_renewed_before_it_expires_without_a_401(
    fake: FakeWekan, backend: WekanBackend, clock: FixedClock, card: FakeCard
) -> None:
    backend.check()
    clock.advance(minutes=58)
    backend.get_task(rid(card))
    assert logins(fake) == 1
    clock.advance(minutes=1, seconds=30)  # inside the last minute: sign in first
    before = len(fake.requests)
    backend.get_task(rid(card))
    # The sign-in came before any request with the old token, so none met a 401.
    assert fake.requests[before] == ("POST", "/users/login") and logins(fake) == 2


def test_a_token_revoked_early_means_one_sign_in_and_a_retry(
    fake: FakeWekan, backend: WekanBackend, card: FakeCard
) -> None:
    backend.check()
    fake.revoke_tokens()
    assert backend.set_task_total(rid(card), 3600) == 3600
    assert logins(fake) == 2 and fake.cards[card.id].spent_time == 1.0


def test_a_401_right_after_signing_in_is_auth_rejected_without_a_loop(
    fake: FakeWekan, backend: WekanBackend
) -> None:
    backend.check()
    fake.fail("error", status=401, path="/api/user", times=5)
    with pytest.raises(AuthRejected):
        backend.check()
    assert logins(fake) == 2 and fake.count("GET", "/api/user") == 3


def test_wrong_password_and_unknown_user_are_auth_rejected(
    fake: FakeWekan, clock: FixedClock
) -> None:
    wrong = WekanCredential("myusername", Secret("guess"))
    with pytest.raises(AuthRejected, match=r"Incorrect password \[403\]"):
        backend_for(fake, clock, wrong).check()
    nobody = WekanCredential("nobody", Secret("guess"))
    with pytest.raises(AuthRejected, match="User not found"):
        backend_for(fake, clock, nobody).check()
    with pytest.raises(AuthRejected, match="no Wekan username"):
        backend_for(fake, clock, WekanCredential("", Secret(""))).check()


def test_the_password_is_read_from_the_source_at_each_sign_in(
    fake: FakeWekan, clock: FixedClock
) -> None:
    reads: list[int] = []

    def keyring() -> WekanCredential:
        reads.append(1)
        return credential(fake)

    backend = backend_for(fake, clock, keyring)
    backend.check()
    backend.check()
    clock.advance(hours=2)
    backend.check()
    assert len(reads) == logins(fake) == 2


def test_the_keyring_string_round_trips_or_is_a_bare_password() -> None:
    cred = WekanCredential("me@x.org", Secret("p4ss"))
    back = WekanCredential.from_secret(cred.to_secret())
    assert (back.login, back.password.reveal()) == ("me@x.org", "p4ss")
    bare = WekanCredential.from_secret("p4ss", login="me")
    assert (bare.login, bare.password.reveal()) == ("me", "p4ss")
    assert "p4ss" not in repr(cred)


# --- boards, lists and cards ----------------------------------------------------------


def test_statuses_are_lists_named_by_board_when_there_are_several(
    fake: FakeWekan, clock: FixedClock, backend: WekanBackend, board: FakeBoard
) -> None:
    alone = backend.list_statuses()
    assert [(s.name, s.label, s.position, s.is_done) for s in alone] == [
        ("To Do", "To Do", 1, False), ("Doing", "Doing", 2, False), ("Done", "Done", 3, True)
    ]
    assert alone[0].remote_id == status(fake, board, "To Do")
    ops = fake.add_board("Ops", lists=("Inbox", "Closed"))
    fake.add_board("Not mine", members={"someone"})
    several = backend.list_statuses()
    assert [s.label for s in several][-2:] == ["Ops / Inbox", "Ops / Closed"]
    assert [s.is_done for s in several] == [False, False, True, False, True]
    only = backend_for(fake, clock, boards=[ops.id]).list_statuses()
    assert [s.name for s in only] == ["Inbox", "Closed"]


def test_cards_on_every_board_and_list_are_tasks(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard, card: FakeCard
) -> None:
    doing = fake.add_card(board, "Review", "Doing")
    done = fake.add_card(board, "Ship", "Done")
    ops = fake.add_board("Ops")
    fix = fake.add_card(ops, "Fix backup")
    fake.add_card(ops, "Old", "Doing").archived = True
    tasks = backend.list_tasks()
    assert [t.remote_id for t in tasks] == [rid(card), rid(doing), rid(done), rid(fix)]
    first = tasks[0]
    assert (first.title, first.description, first.status_name, first.project) == (
        "Write docs", "The API", "To Do", "Team"
    )
    assert [t.title for t in backend.list_tasks(pending_only=True)] == [
        "Write docs", "Review", "Fix backup"
    ]
    assert [t.title for t in backend.list_tasks(status_remote_id=status(fake, board, "Doing"))] == [
        "Review"
    ]


def test_get_task_follows_a_card_moved_on_the_web(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard, card: FakeCard
) -> None:
    backend.list_tasks()
    fake.web_move(card, "Done")
    task = backend.get_task(rid(card))
    assert (task.status_remote_id, task.status_name) == (status(fake, board, "Done"), "Done")
    assert task.updated_at == START


def test_status_change_is_an_update_of_the_cards_list(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard, card: FakeCard
) -> None:
    done = status(fake, board, "Done")
    assert backend.set_status(rid(card), done) == done
    assert fake.cards[card.id].list_id == fake.list_id(board, "Done")
    fake.web_move(card, "Doing")  # moved on the web: the URL's list is stale
    todo = status(fake, board, "To Do")
    assert backend.set_status(rid(card), todo) == todo
    assert fake.cards[card.id].list_id == fake.list_id(board, "To Do")
    with pytest.raises(Rejected) as info:
        backend.set_status(rid(card), f"{board.id}:NoSuchList")
    assert (info.value.status, info.value.message) == (404, "List not found [404]")
    with pytest.raises(Rejected, match="cannot move to a list of"):
        backend.set_status(rid(card), "OtherBoard:x")


def test_spent_time_follows_our_total(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard, card: FakeCard
) -> None:
    assert backend.task_time(rid(card)).total_seconds == 4500  # 1.25 h
    assert backend.set_task_total(rid(card), 5417) == 5400  # to 0.01 h
    assert fake.cards[card.id].spent_time == 1.5
    assert backend.task_time(rid(card)).total_seconds == 5400
    fresh = fake.add_card(board, "No time yet")
    assert backend.task_time(rid(fresh)).total_seconds == 0
    with pytest.raises(Rejected, match="negative"):
        backend.set_task_total(rid(card), -1)


def test_create_task_goes_on_the_first_list_and_swimlane(
    fake: FakeWekan, clock: FixedClock, backend: WekanBackend, board: FakeBoard
) -> None:
    created = backend.create_task("New", "Body", False, "op")
    card = fake.cards[created.remote_id.split(":")[1]]
    assert (card.title, card.description, card.author_id) == ("New", "Body", fake.user.id)
    assert (card.list_id, card.swimlane_id) == (board.lists[0], board.swimlanes[0])
    assert created.status_remote_id == status(fake, board, "To Do") and created.timer is None
    ops = fake.add_board("Ops", lists=("Inbox",))
    with pytest.raises(Rejected, match="board option"):
        backend.create_task("Where?", "", False, "op")
    chosen = backend_for(fake, clock, default_board=ops.id).create_task("Here", "", False, "op")
    assert chosen.status_remote_id == status(fake, ops, "Inbox")
    with pytest.raises(Rejected) as info:
        backend_for(fake, clock, default_board=ops.id).create_task(" ", "", False, "op")
    assert info.value.status == 400


def test_forbidden_and_missing_are_rejected_with_the_servers_words(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard
) -> None:
    theirs = fake.add_board("Private", members={"someone"})
    with pytest.raises(Rejected) as forbidden:
        backend.get_task(f"{theirs.id}:abc")
    assert (forbidden.value.status, forbidden.value.message) == (403, "Forbidden [403]")
    with pytest.raises(Rejected) as missing:
        backend.get_task(f"{board.id}:NoSuchCard")
    assert missing.value.status == 404


def test_an_error_with_only_error_and_reason_shows_the_reason(
    fake: FakeWekan, clock: FixedClock, backend: WekanBackend, board: FakeBoard
) -> None:
    """{"error": 400, "reason": "..."}, as JsonRoutes answers: the reason is the
    server's own words, not "HTTP 400 Bad Request"."""
    fake.terse_errors = True
    theirs = fake.add_board("Private", members={"someone"})
    with pytest.raises(Rejected) as forbidden:
        backend.get_task(f"{theirs.id}:abc")
    assert (forbidden.value.status, forbidden.value.message) == (403, "Forbidden")
    with pytest.raises(Rejected) as refused:
        backend_for(fake, clock, default_board=board.id).create_task(" ", "", False, "op")
    assert (refused.value.status, refused.value.message) == (400, "title and description must be strings")


def test_ids_that_are_not_ours_never_reach_the_server(
    fake: FakeWekan, backend: WekanBackend
) -> None:
    for bad in ("abc", "a:../b", "../a:b", "a:", ":b", "a:b/c", "a:b?x=1"):
        with pytest.raises(Rejected, match="not a Wekan task id"):
            backend.get_task(bad)
    with pytest.raises(Rejected):
        WekanBackend(make_client(), "https://w.test", credential(fake), boards=["../x"])
    assert fake.requests == []


def test_plain_http_is_refused_and_the_password_stays_out_of_repr(fake: FakeWekan) -> None:
    with pytest.raises(InvalidURL):
        WekanBackend(make_client(), "http://wekan.example.com", credential(fake))
    backend = WekanBackend(make_client(), "https://wekan.example.com/", credential(fake))
    assert backend.base_url == "https://wekan.example.com"
    assert fake.user.password not in repr(backend) + repr(backend._session)


# --- faults, every call ------------------------------------------------------------

Call = Callable[[WekanBackend, FakeWekan, FakeBoard, FakeCard], Any]
CALLS: dict[str, Call] = {
    "check": lambda b, f, bd, c: b.check(),
    "list_statuses": lambda b, f, bd, c: b.list_statuses(),
    "list_tasks": lambda b, f, bd, c: b.list_tasks(pending_only=True),
    "get_task": lambda b, f, bd, c: b.get_task(rid(c)),
    "create_task": lambda b, f, bd, c: b.create_task("N", "d", False, "op"),
    "set_status": lambda b, f, bd, c: b.set_status(rid(c), status(f, bd, "Done")),
    "task_time": lambda b, f, bd, c: b.task_time(rid(c)),
    "set_task_total": lambda b, f, bd, c: b.set_task_total(rid(c), 7200),
}
LIST_READS = {"list_statuses", "list_tasks"}
EXPECTED: dict[FaultKind, type[BackendError]] = {
    "down": Offline, "slow": Offline, "drop": Offline, "error": ServerError,
    "rate_limit": RateLimited, "invalid_json": BadResponse, "wrong_types": BadResponse,
    "missing_fields": BadResponse, "huge": BadResponse,
}


@pytest.mark.parametrize("kind", list(EXPECTED))
@pytest.mark.parametrize("call", list(CALLS))
def test_every_fault_becomes_the_right_error_without_leaking_a_secret(
    fake: FakeWekan, backend: WekanBackend, board: FakeBoard, card: FakeCard,
    caplog: pytest.LogCaptureFixture, call: str, kind: FaultKind,
) -> None:
    caplog.set_level(logging.DEBUG)
    backend.list_tasks()  # signed in, lists known: the fault hits the call itself
    fake.fail(kind, headers={"Retry-After": "12"})
    if kind in SPOILED_RECORDS and call in LIST_READS:
        assert_records_skipped(lambda: CALLS[call](backend, fake, board, card))
        return
    with pytest.raises(EXPECTED[kind]) as info:
        CALLS[call](backend, fake, board, card)
    error = info.value
    if kind == "down":
        assert not error.maybe_applied
    if kind in ("slow", "drop"):
        assert error.maybe_applied
    if kind == "rate_limit":
        assert isinstance(error, RateLimited) and error.retry_after == 12.0
    secrets = [fake.user.password, *fake.tokens]
    text = f"{error} {error!r} {error.__cause__}" + caplog.text
    assert not [s for s in secrets if s in text]


@pytest.mark.parametrize("kind", ["wrong_types", "missing_fields", "invalid_json", "error"])
def test_a_spoiled_sign_in_is_an_error_that_names_no_secret(
    fake: FakeWekan, backend: WekanBackend, caplog: pytest.LogCaptureFixture, kind: FaultKind
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.fail(kind, path="/users/login")
    with pytest.raises((BadResponse, ServerError)) as info:
        backend.check()
    secrets = [fake.user.password, *fake.tokens]
    assert not [s for s in secrets if s in f"{info.value} {info.value!r}" + caplog.text]


# --- on a real loopback server -------------------------------------------------------


@pytest.fixture
def served(fake: FakeWekan, clock: FixedClock) -> Iterator[WekanBackend]:
    with fake.serve() as url, make_client(timeout=httpx.Timeout(2.0, read=0.25)) as client:
        yield WekanBackend(client, url, credential(fake), clock=clock)


def test_the_whole_round_on_a_real_socket(
    fake: FakeWekan, served: WekanBackend, clock: FixedClock, board: FakeBoard
) -> None:
    assert served.check() == "myusername <myusername@email.com>"
    created = served.create_task("Over the wire", "", False, "op")
    clock.advance(hours=2)  # the token expired meanwhile
    assert served.set_status(created.remote_id, status(fake, board, "Doing")).endswith(
        fake.list_id(board, "Doing"))
    assert served.set_task_total(created.remote_id, 1800) == 1800
    assert served.task_time(created.remote_id).total_seconds == 1800
    assert logins(fake) == 2


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("drop", Offline), ("slow", Offline), ("down", Offline), ("error", ServerError),
     ("huge", BadResponse), ("invalid_json", BadResponse), ("rate_limit", RateLimited)],
)
def test_real_socket_faults(
    fake: FakeWekan, served: WekanBackend, card: FakeCard, caplog: pytest.LogCaptureFixture,
    kind: FaultKind, expected: type[BackendError],
) -> None:
    caplog.set_level(logging.DEBUG)
    served.get_task(rid(card))
    fake.fail(kind, method="PUT")
    with pytest.raises(expected) as info:
        served.set_task_total(rid(card), 7200)
    assert (fake.cards[card.id].spent_time == 2.0) == (kind not in ("down", "error", "rate_limit"))
    if kind in ("drop", "slow"):
        assert info.value.maybe_applied
    secrets = [fake.user.password, *fake.tokens]
    assert not [s for s in secrets if s in f"{info.value} {info.value.__cause__}" + caplog.text]


def test_a_stopped_server_is_offline_before_anything_was_sent(
    fake: FakeWekan, clock: FixedClock
) -> None:
    with fake.serve() as url:
        pass
    backend = WekanBackend(make_client(timeout=1.0), url, credential(fake), clock=clock)
    with pytest.raises(Offline) as info:
        backend.list_tasks()
    assert not info.value.maybe_applied and "127.0.0.1" in str(info.value)


def test_the_fake_takes_the_documents_form_data_login(fake: FakeWekan) -> None:
    with httpx.Client(transport=fake.transport(), base_url=fake.base_url) as http:
        form = http.post("/users/login", data={"email": fake.user.email,
                                               "password": fake.user.password})
        assert form.status_code == 200 and set(form.json()) == {"id", "token", "tokenExpires"}
        assert form.json()["tokenExpires"] == "2026-02-02T10:00:00.000Z"
        assert http.post("/users/login", data={"username": "x"}).status_code == 400
