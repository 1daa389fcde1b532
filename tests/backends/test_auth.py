"""RenewingAuth through `http.send`, against an httpx.MockTransport server that
takes one token at a time: renew once on a 401, AuthRejected on a second, the
renewal kept, one renewal for threads that met the same 401, nothing secret in a
message."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

import httpx
import pytest

from stint.backends.auth import RenewingAuth
from stint.backends.base import AuthRejected, Offline
from stint.backends.http import make_client, send
from stint.domain.clock import FixedClock
from stint.logs import RedactSecrets

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
URL = "https://api.example.com/v1/things"


class TokenAuth(RenewingAuth[str]):
    """A bearer token; each renewal takes the next one of `fresh` (none left:
    AuthRejected, as a refused refresh token would be)."""

    def __init__(self, token: str, fresh: list[str], keep: Callable[[str], None] | None = None) -> None:
        self.fresh = fresh
        self.renewals = 0
        super().__init__(token, keep_secret=keep)

    def bearer(self, held: str) -> str:
        return held

    def expired(self, held: str) -> bool:
        return held == ""

    def renew(self, stale: str) -> str:
        self.renewals += 1
        if not self.fresh:
            raise AuthRejected("the refresh token was refused; sign in again")
        return self.fresh.pop(0)

    def secrets_of(self, held: str) -> Iterable[str]:
        return (held,)

    def to_secret(self, held: str) -> str:
        return f'{{"access_token": "{held}"}}'


class Server:
    """Takes `valid` only; a 401 says which token it refused, as careless servers do."""

    def __init__(self, valid: str) -> None:
        self.valid = valid
        self.seen: list[str] = []
        self.gate: threading.Barrier | None = None  # holds refused requests until all arrived

    def __call__(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        self.seen.append(token)
        if token != self.valid:
            if self.gate is not None:
                self.gate.wait(timeout=10)
            return httpx.Response(401, json={"message": f"token {token} is not valid"})
        return httpx.Response(200, json={"ok": True})

    def client(self) -> httpx.Client:
        return make_client(transport=httpx.MockTransport(self))


def get(server: Server, auth: TokenAuth) -> httpx.Response | object:
    return send(server.client(), "GET", URL, auth=auth, clock=FixedClock(NOW)).json()


def test_a_401_renews_once_and_sends_the_same_request_again() -> None:
    server, kept = Server("tok-NEW-2"), []
    auth = TokenAuth("tok-OLD-1", ["tok-NEW-2"], kept.append)
    assert send(server.client(), "POST", URL, json_body={"n": 1}, auth=auth).json() == {"ok": True}
    assert server.seen == ["tok-OLD-1", "tok-NEW-2"] and auth.renewals == 1
    assert kept == ['{"access_token": "tok-NEW-2"}']  # the renewal goes to the keyring
    assert get(server, auth) == {"ok": True}
    assert server.seen[-1] == "tok-NEW-2" and auth.renewals == 1  # kept using the new one


def test_a_second_401_is_auth_rejected_with_no_third_try() -> None:
    server = Server("tok-NEVER-0")
    auth = TokenAuth("tok-OLD-1", ["tok-NEW-2", "tok-NEW-3"])
    with pytest.raises(AuthRejected) as info:
        get(server, auth)
    assert server.seen == ["tok-OLD-1", "tok-NEW-2"] and auth.renewals == 1
    assert "is not valid" in info.value.message
    assert "tok-OLD-1" not in info.value.message and "tok-NEW-2" not in info.value.message


def test_a_refused_renewal_is_auth_rejected_and_nothing_is_kept() -> None:
    server, kept = Server("tok-NEW-2"), []
    auth = TokenAuth("tok-OLD-1", [], kept.append)
    with pytest.raises(AuthRejected, match="sign in again"):
        get(server, auth)
    assert server.seen == ["tok-OLD-1"] and kept == []


def test_a_credential_known_to_be_expired_is_renewed_before_sending() -> None:
    server = Server("tok-NEW-2")
    auth = TokenAuth("", ["tok-NEW-2"])
    assert get(server, auth) == {"ok": True}
    assert server.seen == ["tok-NEW-2"]  # no request spent on a certain 401


def test_threads_that_met_the_same_401_renew_once() -> None:
    server = Server("tok-NEW-2")
    server.gate = threading.Barrier(2)  # both requests are out with the old token
    auth = TokenAuth("tok-OLD-1", ["tok-NEW-2", "tok-NEW-3"])
    answers: list[object] = []
    threads = [threading.Thread(target=lambda: answers.append(get(server, auth))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert answers == [{"ok": True}, {"ok": True}]
    assert auth.renewals == 1 and sorted(server.seen) == ["tok-NEW-2", "tok-NEW-2", "tok-OLD-1", "tok-OLD-1"]


def test_every_secret_held_is_kept_out_of_messages_and_logs() -> None:
    def dropped(request: httpx.Request) -> httpx.Response:
        token = request.headers["authorization"]
        raise httpx.ConnectError(f"connection to {URL} with {token} failed", request=request)

    auth = TokenAuth("tok-OLD-1", ["tok-NEW-2"])
    client = make_client(transport=httpx.MockTransport(dropped))
    with pytest.raises(Offline) as info:
        send(client, "GET", URL, auth=auth)
    assert "tok-OLD-1" not in str(info.value) and "***" in str(info.value)
    get(Server("tok-NEW-2"), auth)  # renewed: the new token is hidden from the log too
    record = logging.LogRecord("stint", logging.INFO, __file__, 1, "sent with %s", ("tok-NEW-2",), None)
    RedactSecrets().filter(record)
    assert record.getMessage() == "sent with ***"
    assert auth.secrets() == ("tok-OLD-1", "tok-NEW-2")


def test_an_async_client_is_refused_rather_than_sent_without_a_credential() -> None:
    import asyncio

    async def attempt() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(Server("x"))) as client:
            await client.get(URL, auth=TokenAuth("tok-OLD-1", []))

    with pytest.raises(RuntimeError, match="httpx.Client only"):
        asyncio.run(attempt())
