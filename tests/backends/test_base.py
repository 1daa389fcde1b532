"""The shared border: URL policy, error translation, capped reads, strict parsing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timezone

import httpx
import pytest

from stint.backends.base import (
    AuthRejected,
    Backend,
    BackendError,
    BadResponse,
    Capabilities,
    InvalidURL,
    NotTheServer,
    Offline,
    RateLimited,
    Rejected,
    RemoteStatus,
    RemoteTask,
    Secret,
    ServerError,
    Unsupported,
)
from stint.backends.http import (
    USER_AGENT,
    check_url,
    error_for_status,
    make_client,
    parse_rate_limit_reset,
    parse_retry_after,
    send,
)
from stint.backends.parse import Obj
from stint.domain.clock import FixedClock

NOW = datetime(2026, 2, 2, 14, 0, tzinfo=timezone.utc)
SECRET = "sk_live_do-not-leak-0123456789"


# --- URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://wapify.me/api/tasks/", "http://127.0.0.1:8000/api", "http://localhost/x",
     "http://[::1]:9000", "http://127.8.9.1"],
)
def test_check_url_accepts_https_and_plain_http_on_loopback(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


def test_check_url_refuses_plain_http_to_a_remote_host() -> None:
    with pytest.raises(InvalidURL, match="refusing plain http to tasks.example.org"):
        check_url("http://tasks.example.org/api")
    assert check_url("http://tasks.example.org/api", allow_insecure=True)


@pytest.mark.parametrize("url", ["ftp://example.org", "example.org/api", "https://", ""])
def test_check_url_refuses_what_is_not_http(url: str) -> None:
    with pytest.raises(InvalidURL):
        check_url(url)


def test_check_url_refuses_credentials_without_echoing_them() -> None:
    with pytest.raises(InvalidURL) as info:
        check_url(f"https://juan:{SECRET}@wapify.me/api")
    assert SECRET not in str(info.value)


# --- Retry-After and rate-limit headers -----------------------------------------


def test_retry_after_in_seconds_and_as_http_date() -> None:
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after("Mon, 02 Feb 2026 14:01:30 GMT", NOW) == 90.0
    assert parse_retry_after("Mon, 02 Feb 2026 13:00:00 GMT", NOW) == 0.0  # already past
    assert parse_retry_after("soon", NOW) is None


def test_rate_limit_reset_as_epoch_or_seconds() -> None:
    assert parse_rate_limit_reset(str(int(NOW.timestamp()) + 45), NOW) == 45.0
    assert parse_rate_limit_reset("45", NOW) == 45.0
    assert parse_rate_limit_reset("never", NOW) is None


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "Mon, 02 Feb 2026 14:02:00 GMT"}, 120.0),
        ({"X-RateLimit-Reset": str(int(NOW.timestamp()) + 60)}, 60.0),
        ({"X-RateLimit-Reset": "15"}, 15.0),
        ({}, 30.0),  # nothing said: a sane default, never zero
    ],
)
def test_429_is_rate_limited_with_the_delay_the_server_asked(
    headers: dict[str, str], expected: float
) -> None:
    error = error_for_status(429, httpx.Headers(headers), b"", now=NOW)
    assert isinstance(error, RateLimited) and error.retry_after == expected
    assert error.transient and not error.maybe_applied


# --- status codes ------------------------------------------------------------------


def _error(status: int, body: bytes = b"", **headers: str) -> BackendError:
    return error_for_status(status, httpx.Headers(headers), body, now=NOW, secrets=[SECRET])


def test_401_is_auth_rejected() -> None:
    error = _error(401, b'{"message": "Unauthenticated."}')
    assert isinstance(error, AuthRejected) and not error.transient


@pytest.mark.parametrize("status", [400, 403, 404, 409, 422])
def test_permanent_4xx_is_rejected_with_the_servers_message(status: int) -> None:
    error = _error(status, '{"success": false, "message": "No tienes permiso."}'.encode())
    assert type(error) is Rejected
    assert (error.message, error.status) == ("No tienes permiso.", status)
    assert not error.transient


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b'{"error": {"code": "X", "message": "Title is required"}}', "application/json",
         "Title is required"),
        (b'{"errors": ["Subject cannot be blank", "Tracker is invalid"]}', "application/json",
         "Subject cannot be blank; Tracker is invalid"),
        (b'{"errors": {"title": ["too long"]}}', "application/json", "too long"),
        (b'{"error": "invalid_grant"}', "application/json", "invalid_grant"),
        (b"card not found", "text/plain", "card not found"),
        (b"<html>nope</html>", "text/html", "HTTP 404 Not Found"),
        (b"", "", "HTTP 404 Not Found"),
        # Not in a documented shape: the server's own text, on one line.
        (b'{"error": 400, "reason": "Title is required"}', "application/json", "Title is required"),
        (b'{"title": "Invalid card", "status": 404}', "application/problem+json", "Invalid card"),
        (b'{"message": "first line\\nsecond  line"}', "application/json", "first line second line"),
        (b'"card is archived"', "application/json", "card is archived"),
        (b"\n  Card not found\nTraceback (most recent call last):\n  File x\n", "text/plain",
         "Card not found"),
        (b"upstream said no\nand more", "", "upstream said no"),
        (b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>",
         "text/html; charset=utf-8", "404 Not Found"),
        (b"<html><title>Caf&eacute; &amp; co</title></html>", "", "Caf\u00e9 & co"),
        (b"\x00\x01\x02binary", "application/octet-stream", "HTTP 404 Not Found"),
        (b"PK\x03\x04\x00\x00", "text/plain", "HTTP 404 Not Found"),
    ],
)
def test_message_is_read_from_the_usual_error_shapes(
    body: bytes, content_type: str, message: str
) -> None:
    error = error_for_status(404, httpx.Headers({"content-type": content_type}), body, now=NOW)
    assert error.message == message


def test_5xx_is_a_server_error_that_may_have_applied() -> None:
    error = _error(503, b"<html>down</html>", **{"Retry-After": "20"})
    assert isinstance(error, ServerError) and error.status == 503 and error.retry_after == 20.0
    assert error.transient and error.maybe_applied


def test_a_redirect_is_refused_not_followed() -> None:
    assert isinstance(_error(302, Location="https://login.example.org"), Rejected)


def test_a_server_echoing_the_secret_does_not_leak_it() -> None:
    error = _error(401, f'{{"message": "token {SECRET} is revoked"}}'.encode())
    assert SECRET not in str(error) and SECRET not in repr(error)
    assert "token *** is revoked" in str(error)


# --- send(): transport failures and capped reads ---------------------------------


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return make_client(transport=httpx.MockTransport(handler))


def _raising(exc_type: type[httpx.TransportError]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type(f"failed carrying {SECRET}", request=request)

    return _client(handler)


@pytest.mark.parametrize(
    ("exc_type", "maybe_applied"),
    [
        (httpx.ConnectError, False),
        (httpx.ConnectTimeout, False),
        (httpx.PoolTimeout, False),
        (httpx.ReadTimeout, True),
        (httpx.WriteTimeout, True),
        (httpx.ReadError, True),
        (httpx.RemoteProtocolError, True),
    ],
)
def test_transport_failures_are_offline_and_say_if_the_request_may_have_landed(
    exc_type: type[httpx.TransportError], maybe_applied: bool
) -> None:
    with pytest.raises(Offline) as info:
        send(_raising(exc_type), "POST", "https://h.test/x", secrets=[SECRET])
    assert info.value.maybe_applied is maybe_applied and info.value.transient
    assert "h.test" in str(info.value) and SECRET not in str(info.value)


def test_send_identifies_itself_and_returns_a_2xx_reply() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"ok": True})

    reply = send(_client(handler), "POST", "https://h.test/x", json_body={"a": 1})
    assert reply.status == 201 and reply.json() == {"ok": True}
    assert seen[0].headers["user-agent"] == USER_AGENT
    assert seen[0].content == b'{"a":1}'


def test_send_raises_the_translated_error_with_the_clock_for_http_dates() -> None:
    client = _client(
        lambda r: httpx.Response(429, headers={"Retry-After": "Mon, 02 Feb 2026 14:00:10 GMT"})
    )
    with pytest.raises(RateLimited) as info:
        send(client, "GET", "https://h.test/x", clock=FixedClock(NOW))
    assert info.value.retry_after == 10.0


def _chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 65536):
        yield b"x" * 65536


def test_a_body_over_the_cap_is_refused_whether_declared_or_streamed() -> None:
    declared = _client(lambda r: httpx.Response(200, content=b"x" * 2048))
    with pytest.raises(BadResponse, match="over 1 KiB"):
        send(declared, "GET", "https://h.test/x", max_bytes=1024)
    streamed = _client(lambda r: httpx.Response(200, content=_chunks(6 * 1024 * 1024)))
    with pytest.raises(BadResponse, match="over 5120 KiB"):
        send(streamed, "GET", "https://h.test/x")


def test_a_huge_error_page_is_cut_not_refused() -> None:
    client = _client(lambda r: httpx.Response(500, content=_chunks(6 * 1024 * 1024)))
    with pytest.raises(ServerError):
        send(client, "GET", "https://h.test/x")


def test_invalid_json_is_a_bad_response() -> None:
    reply = send(_client(lambda r: httpx.Response(200, content=b"<html>")), "GET", "https://h.test")
    with pytest.raises(BadResponse, match="not valid JSON"):
        reply.json()


@pytest.mark.parametrize(("body", "what"), [
    (b"<!DOCTYPE html><html><body>Welcome</body></html>", "an HTML page"),
    (b"", "an empty reply"),
    (b"OK", "something that is not JSON"),
])
def test_a_reply_that_is_not_json_says_it_is_not_the_server_asked(body: bytes, what: str) -> None:
    client = _client(lambda r: httpx.Response(200, content=body))
    reply = send(client, "GET", "https://h.test/users/current.json", server="Redmine")
    with pytest.raises(NotTheServer) as info:
        reply.json()
    assert info.value.message == f"this is not a Redmine server, or not its API address: it answered with {what}"
    assert isinstance(info.value, BadResponse) and info.value.maybe_applied


# --- strict parsing --------------------------------------------------------------


def test_obj_reads_strictly_and_names_the_path() -> None:
    o = Obj({"id": 3, "flag": True, "at": "2026-02-02T15:30:00+01:00", "sub": {"n": "x"}})
    assert o.int_id("id") == "3" and o.flag("flag") is True
    assert o.instant("at") == datetime(2026, 2, 2, 14, 30, tzinfo=timezone.utc)
    assert o.obj("sub").text("n") == "x" and o.opt_text("absent") is None
    with pytest.raises(BadResponse, match=r"reply\.flag: expected an integer, got bool"):
        o.integer("flag")
    with pytest.raises(BadResponse, match=r"reply\.sub\.missing: missing"):
        o.obj("sub").text("missing")
    with pytest.raises(BadResponse, match="no UTC offset"):
        Obj({"at": "2026-02-02T14:30:00"}).instant("at")
    with pytest.raises(BadResponse, match="expected an object, got list"):
        Obj([])


# --- protocol defaults and secrets -----------------------------------------------


class _ReadOnly(Backend):
    capabilities = Capabilities(
        create_task=False, set_status=False, live_timer=False, running_entry=False,
        explicit_entries=False, entry_unit="none", server_timesheet=False,
        idempotency_keys=False, pull_entries=False, incremental_entries=False,
        day_totals=False, timers_in_tasks=False,
    )

    def check(self) -> str:
        return "me"

    def list_statuses(self) -> list[RemoteStatus]:
        return []

    def list_tasks(
        self, pending_only: bool = False, status_remote_id: str | None = None
    ) -> list[RemoteTask]:
        return []

    def get_task(self, remote_id: str) -> RemoteTask:
        raise Rejected("none", 404)


def test_methods_a_backend_lacks_raise_unsupported_a_permanent_rejection() -> None:
    backend = _ReadOnly()
    with pytest.raises(Unsupported, match="_ReadOnly cannot store time entries"):
        backend.create_entry("1", NOW, None, "", "key")
    for call in (lambda: backend.start_timer("1"), lambda: backend.delete_entry("1"),
                 lambda: backend.create_task("t", "", False, "k"), backend.active_timer):
        with pytest.raises(Rejected):
            call()


def test_secret_stays_out_of_repr_and_str() -> None:
    secret = Secret(SECRET)
    assert SECRET not in repr(secret) and SECRET not in str(secret) and secret.reveal() == SECRET
