"""TimeTaggerBackend against the real TimeTagger server (one per session, a user per test),
and garbage replies through httpx.MockTransport. The record mapping's own tests are in
test_timetagger_records.py."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from stint.backends.base import (
    AuthRejected,
    BackendError,
    BadResponse,
    InvalidURL,
    Offline,
    Rejected,
    ServerError,
)
from stint.backends.http import make_client
from stint.backends.timetagger import (
    Superseded,
    TimeTaggerBackend,
    obtain_token,
    obtain_token_localhost,
)
from stint.backends.timetagger_records import DS_MAX, record_key
from stint.domain.clock import FixedClock
from tests.servers.timetagger import PASSWORD, TimeTaggerServer


@pytest.fixture
def server(timetagger_server: TimeTaggerServer) -> TimeTaggerServer:
    return timetagger_server  # the session's one server (tests/servers/fixtures.py)


@pytest.fixture
def clock() -> FixedClock:
    # Near the real time, so records look like today's; the server compares mt only
    # with other mt (and with a reset's real time, which one test uses on purpose).
    return FixedClock(datetime.now(timezone.utc).replace(microsecond=0))


@pytest.fixture
def user(server: TimeTaggerServer) -> str:
    return server.user()


@pytest.fixture
def token(server: TimeTaggerServer, user: str) -> str:
    return server.api_token(user)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(timeout=5.0) as c:
        yield c


@pytest.fixture
def backend(server: TimeTaggerServer, token: str, client: httpx.Client,
            clock: FixedClock) -> TimeTaggerBackend:
    return TimeTaggerBackend(client, server.root, token, clock=clock)


def entry_id() -> str:
    return str(uuid.uuid4())


def web_record(
    key: str, t1: datetime, t2: datetime | None, ds: str, mt: datetime
) -> dict[str, Any]:
    """A record as TimeTagger's web app PUTs it."""
    start = int(t1.timestamp())
    return {"key": key, "t1": start, "t2": int(t2.timestamp()) if t2 else start,
            "ds": ds, "mt": int(mt.timestamp())}


# --- signing in ----------------------------------------------------------------------


def test_username_and_password_give_a_token_that_names_its_user(
    server: TimeTaggerServer, user: str, client: httpx.Client, clock: FixedClock
) -> None:
    token = obtain_token(client, server.root, user, PASSWORD)
    backend = TimeTaggerBackend(client, server.root + "/", token, clock=clock)
    assert backend.check() == f"{user} on 127.0.0.1"
    assert backend.list_entries(clock.now() - timedelta(days=1), clock.now()) == []
    assert token not in repr(backend)


@pytest.mark.parametrize("who", ["wrong password", "unknown user"])
def test_a_wrong_password_or_user_is_auth_rejected_without_echoing_it(
    server: TimeTaggerServer, user: str, client: httpx.Client, who: str
) -> None:
    name, password = (user, "hunter2-wrong") if who == "wrong password" else ("nobody", PASSWORD)
    with pytest.raises(AuthRejected) as info:
        obtain_token(client, server.root, name, password)
    assert "Invalid credentials" in info.value.message
    assert password not in f"{info.value} {info.value!r}"


def test_the_localhost_sign_in_is_timetaggers_default_user(
    server: TimeTaggerServer, client: httpx.Client, clock: FixedClock
) -> None:
    token = obtain_token_localhost(client, server.root)
    assert TimeTaggerBackend(client, server.root, token, clock=clock).check() == (
        "defaultuser on 127.0.0.1"
    )


def test_a_revoked_or_forged_token_is_auth_rejected(
    server: TimeTaggerServer, user: str, client: httpx.Client, clock: FixedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    old = obtain_token(client, server.root, user, PASSWORD)
    new = obtain_token(client, server.root, user, PASSWORD, reset=True)
    with pytest.raises(AuthRejected, match="revoked") as info:
        TimeTaggerBackend(client, server.root, old, clock=clock).list_tasks()
    assert old not in f"{info.value} {info.value.__cause__}" + caplog.text
    assert TimeTaggerBackend(client, server.root, new, clock=clock).check().startswith(user)
    with pytest.raises(AuthRejected):
        TimeTaggerBackend(client, server.root, "not.a-token", clock=clock).check()


# --- entries -------------------------------------------------------------------------


def test_a_running_entry_keeps_its_own_earlier_start_then_stops(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    started = now - timedelta(hours=2)  # started while the server was out of reach
    created = backend.create_entry("#acme #website", started, None, "offline start", entry_id())
    assert (created.started_at, created.ended_at, created.seconds) == (started, None, 7200)
    raw = server.record(token, created.remote_id)
    assert raw is not None and raw["t1"] == raw["t2"] == int(started.timestamp())
    [listed] = backend.list_entries(now - timedelta(hours=1), now)  # running: started before
    assert (listed.remote_id, listed.ended_at, listed.note) == (created.remote_id, None,
                                                                "offline start")
    timer = backend.active_timer()
    assert timer is not None and (timer.task_remote_id, timer.started_at) == (
        "#acme #website", started)
    [task] = backend.list_tasks()
    assert task.active_timer == timer

    clock.advance(60)
    stopped = backend.update_entry(created.remote_id, started, clock.now(), "offline start")
    assert (stopped.ended_at, stopped.seconds) == (clock.now(), 7260)
    assert backend.active_timer() is None
    [listed] = backend.list_entries(now - timedelta(hours=3), clock.now())
    assert listed.ended_at == clock.now()


def test_update_moves_renotes_and_retasks_an_entry(
    backend: TimeTaggerBackend, clock: FixedClock
) -> None:
    now = clock.now()
    entry = backend.create_entry("#a1", now - timedelta(hours=3), now - timedelta(hours=2),
                                 "first", entry_id())
    clock.advance(5)
    moved = backend.update_entry(entry.remote_id, now - timedelta(hours=1), now, "second",
                                 task_remote_id="#b2")
    assert (moved.task_remote_id, moved.note, moved.seconds) == ("#b2", "second", 3600)
    [listed] = backend.list_entries(now - timedelta(hours=4), now)
    assert listed == moved
    # Without the task the record keeps its tags (read from the server if need be).
    clock.advance(5)
    kept = backend.update_entry(entry.remote_id, now - timedelta(hours=1), now, "third")
    assert (kept.task_remote_id, kept.note) == ("#b2", "third")


def test_an_update_without_the_task_looks_the_record_up_in_a_fresh_process(
    server: TimeTaggerServer, token: str, client: httpx.Client, clock: FixedClock,
    backend: TimeTaggerBackend,
) -> None:
    now = clock.now()
    entry = backend.create_entry("#c3", now - timedelta(hours=1), now, "n", entry_id())
    fresh = TimeTaggerBackend(client, server.root, token, clock=clock)  # an empty cache
    clock.advance(1)
    assert fresh.update_entry(entry.remote_id, entry.started_at, now, "m").task_remote_id == "#c3"
    with pytest.raises(Rejected, match="no entry") as info:
        TimeTaggerBackend(client, server.root, token, clock=clock).update_entry(
            "NoSuchKy", now, None, "")
    assert info.value.status == 404


def test_delete_hides_the_record_and_a_second_delete_is_harmless(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    entry = backend.create_entry("#d4", now - timedelta(hours=1), now, "gone soon", entry_id())
    clock.advance(1)
    backend.delete_entry(entry.remote_id)
    raw = server.record(token, entry.remote_id)
    assert raw is not None and raw["ds"] == "HIDDEN #d4 gone soon"
    assert raw["t1"] == int(entry.started_at.timestamp())  # the times are kept
    assert backend.list_entries(now - timedelta(hours=2), now) == []
    [seen] = backend.changes_since(None).entries
    assert (seen.remote_id, seen.deleted, seen.task_remote_id, seen.note) == (
        entry.remote_id, True, "#d4", "gone soon")
    backend.delete_entry(entry.remote_id)
    backend.delete_entry("NeverWas")
    assert len(server.all_records(token)) == 1


def test_replaying_the_same_push_makes_no_duplicate(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now, key = clock.now(), entry_id()
    first = backend.create_entry("#e5", now - timedelta(minutes=30), None, "", key)
    clock.advance(10)
    again = backend.create_entry("#e5", now - timedelta(minutes=30), None, "", key.upper())
    assert again.remote_id == first.remote_id == record_key(key)
    assert [r["key"] for r in server.all_records(token)] == [first.remote_id]


class LoseRepliesToPuts(httpx.BaseTransport):
    """The real server gets every request; the first `n` PUT replies are lost on the
    way back, as when a connection drops after the server applied the write."""

    def __init__(self, n: int = 1) -> None:
        self.inner = httpx.HTTPTransport()
        self.left = n

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.method == "PUT" and self.left > 0:
            self.left -= 1
            response.read()
            response.close()
            raise httpx.ReadError("connection reset by peer", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


def test_a_lost_reply_then_a_replay_makes_no_duplicate(
    server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    with make_client(transport=LoseRepliesToPuts()) as client:
        backend = TimeTaggerBackend(client, server.root, token, clock=clock)
        now, key = clock.now(), entry_id()
        with pytest.raises(Offline) as lost:
            backend.create_entry("#f6", now - timedelta(hours=1), now, "once", key)
        assert lost.value.maybe_applied
        assert server.record(token, record_key(key)) is not None  # it did arrive
        clock.advance(30)
        replay = backend.create_entry("#f6", now - timedelta(hours=1), now, "once", key)
    assert replay.remote_id == record_key(key) and replay.seconds == 3600
    assert len(server.all_records(token)) == 1


# --- the other side: the web app and other devices -------------------------------------


def test_edits_and_deletions_made_on_the_server_reach_the_next_pull(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    a = backend.create_entry("#g7", now - timedelta(hours=2), now - timedelta(hours=1), "a",
                             entry_id())
    b = backend.create_entry("#g7", now - timedelta(hours=1), now, "b", entry_id())
    first = backend.changes_since(None)
    assert first.reset and {e.remote_id for e in first.entries} == {a.remote_id, b.remote_id}
    quiet = backend.changes_since(first.cursor)
    assert (quiet.entries, quiet.reset) == ([], False)

    later = now + timedelta(minutes=5)  # the web app's clock, after our writes
    server.put_records(token, [
        web_record(a.remote_id, a.started_at, now - timedelta(minutes=70), "#g7 #review a, longer",
                   later),
        web_record(b.remote_id, b.started_at, b.ended_at, "HIDDEN #g7 b", later),
    ])
    changes = backend.changes_since(quiet.cursor)
    assert not changes.reset
    seen = {e.remote_id: e for e in changes.entries}
    assert (seen[a.remote_id].task_remote_id, seen[a.remote_id].note) == (
        "#g7 #review", "a, longer")
    assert seen[a.remote_id].ended_at == now - timedelta(minutes=70)
    assert seen[b.remote_id].deleted
    assert backend.changes_since(changes.cursor).entries == []


def test_records_made_by_the_web_app_are_imported_with_their_tags(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    server.put_records(token, [
        web_record("AbCdEfGh", now - timedelta(hours=2), now - timedelta(hours=1),
                   "#client meeting about #Budget", now),
        web_record("ZyXwVuTs", now - timedelta(minutes=20), None, "no tags at all", now),
        web_record("HiddenOn", now - timedelta(hours=3), now, "HIDDEN #client old", now),
    ])
    entries = {e.remote_id: e for e in backend.list_entries(now - timedelta(hours=3), now)}
    assert set(entries) == {"AbCdEfGh", "ZyXwVuTs"}
    meeting = entries["AbCdEfGh"]
    assert (meeting.task_remote_id, meeting.note, meeting.seconds) == (
        "#budget #client", "meeting about #Budget", 3600)
    assert (entries["ZyXwVuTs"].task_remote_id, entries["ZyXwVuTs"].ended_at) == (
        "#untagged", None)
    tasks = backend.list_tasks()
    assert [t.remote_id for t in tasks] == ["#untagged", "#budget #client"]  # latest first
    assert tasks[0].active_timer is not None and tasks[0].status_remote_id == "open"
    # Written back, a web record keeps its description as the web app wrote it.
    clock.advance(1)
    backend.update_entry("AbCdEfGh", meeting.started_at, meeting.ended_at,
                         meeting.note)
    raw = server.record(token, "AbCdEfGh")
    assert raw is not None and raw["ds"] == "#client meeting about #Budget"


def test_a_write_the_server_ignores_for_an_older_mt_is_noticed(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now, key = clock.now(), entry_id()
    entry = backend.create_entry("#h8", now - timedelta(hours=1), None, "mine", key)
    edited_on_web = now + timedelta(hours=1)  # a newer mt than any write of ours below
    server.put_records(token, [web_record(entry.remote_id, entry.started_at, now,
                                          "#h8 stopped on the web", edited_on_web)])
    with pytest.raises(Superseded) as info:
        backend.update_entry(entry.remote_id, entry.started_at, now - timedelta(minutes=5),
                             "mine")
    assert info.value.current is not None and info.value.current.note == "stopped on the web"
    assert "newer copy" in info.value.message and info.value.status == 409
    with pytest.raises(Superseded):
        backend.delete_entry(entry.remote_id)
    # Moved elsewhere in time: not even in the range we wrote, still noticed.
    server.put_records(token, [web_record(entry.remote_id, now - timedelta(days=3),
                                          now - timedelta(days=3, minutes=-5), "#h8 moved",
                                          edited_on_web + timedelta(seconds=1))])
    with pytest.raises(Superseded) as moved:
        backend.update_entry(entry.remote_id, entry.started_at, now, "mine")
    assert moved.value.current is None
    # A replayed create returns what the server holds: the create did happen.
    replay = backend.create_entry("#h8", now - timedelta(hours=1), None, "mine", key)
    assert replay.remote_id == entry.remote_id
    raw = server.record(token, entry.remote_id)
    assert raw is not None and raw["ds"] == "#h8 moved"


def test_items_the_server_refuses_are_rejected_and_a_reset_is_reported(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    backend.create_entry("#i9", now - timedelta(hours=1), now, "before", entry_id())
    cursor = backend.changes_since(None).cursor
    server.force_reset(token)
    changes = backend.changes_since(cursor)
    assert changes.reset and [e.note for e in changes.entries] == ["before"]
    # Our clock is behind the reset, so the server refuses the write, in its words.
    clock.advance(-3600)
    with pytest.raises(Rejected, match="modified after a reset"):
        backend.create_entry("#i9", now - timedelta(hours=3), now, "late", entry_id())


# --- tasks, descriptions, limits ---------------------------------------------------------


def test_a_task_is_its_tags_and_is_created_without_a_request(
    server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    requests: list[httpx.Request] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(500)

    offline = TimeTaggerBackend(make_client(transport=httpx.MockTransport(refuse)),
                                server.root, token, clock=clock)
    created = offline.create_task("Fix login", "", True, "op-1")
    assert (created.remote_id, created.status_remote_id, created.timer) == (
        "#fix-login", "open", None)
    assert offline.create_task("#Acme #website", "", False, "op-2").remote_id == "#acme #website"
    task = offline.get_task("#acme #website")
    assert (task.title, task.status_name, task.active_timer) == ("#acme #website", "open", None)
    assert [s.remote_id for s in offline.list_statuses()] == ["open"]
    assert requests == []
    for bad in ("Fix login", "#b #a", ""):
        with pytest.raises(Rejected):
            offline.get_task(bad)
    with pytest.raises(Rejected, match="cannot make a TimeTagger tag"):
        offline.create_task("!", "", False, "op-3")


def test_long_notes_are_cut_to_fit_and_the_entry_can_still_be_deleted(
    backend: TimeTaggerBackend, server: TimeTaggerServer, token: str, clock: FixedClock
) -> None:
    now = clock.now()
    note = " ".join(["word"] * 120)  # 599 characters
    entry = backend.create_entry("#j10", now - timedelta(hours=1), now, note, entry_id())
    assert entry.note.endswith("word…") and len("#j10 " + entry.note) <= DS_MAX - 7
    clock.advance(1)
    backend.delete_entry(entry.remote_id)
    raw = server.record(token, entry.remote_id)
    assert raw is not None and raw["ds"].startswith("HIDDEN #j10 word") and len(raw["ds"]) < 256


def test_a_note_with_other_tags_keeps_the_entry_on_its_task(
    backend: TimeTaggerBackend, clock: FixedClock
) -> None:
    now = clock.now()
    note = "talked about #billing with #k11"
    entry = backend.create_entry("#k11", now - timedelta(hours=1), now, note, entry_id())
    [listed] = backend.list_entries(now - timedelta(hours=1), now)
    assert (listed.task_remote_id, listed.note) == ("#k11", note) == (
        entry.task_remote_id, entry.note)


def test_short_and_backwards_intervals(backend: TimeTaggerBackend, clock: FixedClock) -> None:
    now = clock.now()
    blink = backend.create_entry("#l12", now, now, "", entry_id())
    assert (blink.ended_at, blink.seconds) == (now + timedelta(seconds=1), 1)  # not running
    with pytest.raises(Rejected, match="ends before it starts"):
        backend.create_entry("#l12", now, now - timedelta(seconds=5), "", entry_id())


def test_a_server_that_is_not_there_is_offline_and_nothing_was_sent(
    clock: FixedClock, client: httpx.Client
) -> None:
    from tests.servers.timetagger import free_port

    root = f"http://127.0.0.1:{free_port()}/timetagger"
    with pytest.raises(Offline) as info:
        TimeTaggerBackend(client, root, "t", clock=clock).create_entry(
            "#m13", clock.now(), None, "", entry_id())
    assert not info.value.maybe_applied
    with pytest.raises(Offline):
        obtain_token(client, root, "u", "p")


# --- garbage and errors, through MockTransport ---------------------------------------

TOKEN = "eyJ.secret-token.sig"
GOOD_UPDATES = {"server_time": 1.5, "reset": False, "records": [], "settings": []}
Reply = Callable[[httpx.Request], httpx.Response]
GARBAGE: dict[str, Reply] = {
    "not json": lambda r: httpx.Response(200, text="<html>portal</html>"),
    "records not a list": lambda r: httpx.Response(200, json={**GOOD_UPDATES, "records": {}}),
    "t1 a string": lambda r: httpx.Response(200, json={**GOOD_UPDATES, "records": [
        {"key": "k", "t1": "1", "t2": 2, "mt": 1, "ds": ""}]}),
    "no key": lambda r: httpx.Response(200, json={**GOOD_UPDATES, "records": [
        {"t1": 1, "t2": 2, "mt": 1}]}),
    "reset a string": lambda r: httpx.Response(200, json={**GOOD_UPDATES, "reset": "yes"}),
    "accepted missing": lambda r: httpx.Response(200, json={"failed": [], "errors": []}),
    "neither": lambda r: httpx.Response(200, json={"accepted": [], "failed": [], "errors": []}),
}


def _mock(handler: Reply, clock: FixedClock) -> TimeTaggerBackend:
    return TimeTaggerBackend(make_client(transport=httpx.MockTransport(handler)),
                             "https://tt.example/timetagger", TOKEN, clock=clock)


@pytest.mark.parametrize("garbage", list(GARBAGE))
def test_garbage_replies_are_bad_responses_without_the_token(
    garbage: str, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = _mock(GARBAGE[garbage], clock)
    calls: list[Callable[[], Any]] = [
        lambda: backend.changes_since(None),
        lambda: backend.create_entry("#a1", clock.now(), None, "", "k"),
    ]
    errors = []
    for call in calls:
        try:
            call()
        except BackendError as exc:
            errors.append(exc)
    assert errors and all(isinstance(e, BadResponse) for e in errors)
    assert TOKEN not in " ".join(f"{e} {e!r}" for e in errors) + caplog.text


@pytest.mark.parametrize(
    ("status", "error"), [(401, AuthRejected), (403, Rejected), (500, ServerError),
                          (503, ServerError), (404, Rejected)],
)
def test_http_errors_become_the_shared_error_tree(
    status: int, error: type[BackendError], clock: FixedClock
) -> None:
    backend = _mock(lambda r: httpx.Response(status, text=f"says {TOKEN}",
                                             headers={"content-type": "text/plain"}), clock)
    with pytest.raises(error) as info:
        backend.list_entries(clock.now(), clock.now())
    assert TOKEN not in str(info.value) and "says ***" in str(info.value)


def test_the_token_travels_in_the_authtoken_header_and_plain_http_is_refused(
    clock: FixedClock,
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=GOOD_UPDATES)

    _mock(handler, clock).changes_since("12.5")
    assert seen[0].headers["authtoken"] == TOKEN and "authorization" not in seen[0].headers
    assert seen[0].url.path == "/timetagger/api/v2/updates"
    assert seen[0].url.params["since"] == "12.5"
    with pytest.raises(InvalidURL):
        TimeTaggerBackend(make_client(), "http://tt.example/timetagger", TOKEN)
