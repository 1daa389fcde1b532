"""WarmDesk sign-in against the fake: password, refresh on expiry, API key, secrecy."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest

from stint.backends.base import AuthRejected, BadResponse, Secret
from stint.backends.http import make_client
from stint.backends.warmdesk import WarmDeskBackend
from stint.backends.warmdesk_auth import WarmDeskCredential
from stint.domain.clock import FixedClock
from tests.fakes.httpfake import FaultKind
from tests.fakes.warmdesk import START, FakeWarmDesk

Tokens = list[tuple[str, str]]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWarmDesk:
    fake = FakeWarmDesk(clock)
    fake.add_card(fake.add_project("Website", "web"), "Fix login")
    return fake


def password(fake: FakeWarmDesk) -> WarmDeskCredential:
    return WarmDeskCredential("alice", Secret(fake.user.password))


def connect(
    fake: FakeWarmDesk,
    clock: FixedClock,
    credential: WarmDeskCredential | Callable[[], WarmDeskCredential],
    tokens: Tokens | None = None,
) -> WarmDeskBackend:
    def keep(secret: str) -> None:  # the keyring string: the credential with its new tokens
        kept = WarmDeskCredential.from_secret(secret)
        assert kept.access_token is not None and kept.refresh_token is not None
        if tokens is not None:
            tokens.append((kept.access_token.reveal(), kept.refresh_token.reveal()))

    client = make_client(transport=fake.transport())
    return WarmDeskBackend(client, fake.base_url, credential, clock=clock, keep_secret=keep)


def test_a_password_signs_in_once_and_hands_the_tokens_back(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    tokens: Tokens = []
    backend = connect(fake, clock, password(fake), tokens)
    assert backend.check() == "Alice Smith <alice@example.com>"
    backend.list_tasks()
    assert fake.count("POST", "*/auth/login") == 1
    [(access, refresh)] = tokens
    assert fake.access[access][0] == fake.refresh[refresh][0] == fake.user.id


def test_an_expired_access_token_is_refreshed_silently_and_the_request_retried(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    tokens: Tokens = []
    backend = connect(fake, clock, password(fake), tokens)
    backend.check()
    clock.advance(minutes=15)
    assert [t.title for t in backend.list_tasks()] == ["Fix login"]
    assert fake.count("POST", "*/auth/refresh") == 1
    assert fake.count("POST", "*/auth/login") == 1
    assert len(tokens) == 2 and tokens[0] != tokens[1]
    # The server rotated the refresh token; the next expiry uses the new one.
    clock.advance(minutes=15)
    backend.check()
    assert fake.count("POST", "*/auth/refresh") == 2 and len(tokens) == 3


def test_stored_tokens_are_used_without_a_password(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    tokens: Tokens = []
    connect(fake, clock, password(fake), tokens).check()
    access, refresh = tokens[0]
    stored = WarmDeskCredential("alice", access_token=Secret(access), refresh_token=Secret(refresh))
    backend = connect(fake, clock, stored, tokens)
    clock.advance(hours=2)
    assert backend.check().startswith("Alice Smith")
    assert fake.count("POST", "*/auth/login") == 1  # only the first backend's


def test_a_refused_refresh_without_a_password_means_sign_in_again(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    tokens: Tokens = []
    connect(fake, clock, password(fake), tokens).check()
    access, refresh = tokens[0]
    stored = WarmDeskCredential("alice", access_token=Secret(access), refresh_token=Secret(refresh))
    backend = connect(fake, clock, stored)
    clock.advance(days=8)  # past the refresh token's seven days
    with pytest.raises(AuthRejected, match="sign in to WarmDesk again") as info:
        backend.list_statuses()
    assert "invalid refresh token" in info.value.message
    assert refresh not in str(info.value) and access not in str(info.value)


def test_a_refused_refresh_with_a_password_signs_in_again(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    backend = connect(fake, clock, password(fake))
    backend.check()
    fake.expire_refresh_tokens()
    clock.advance(minutes=20)
    backend.check()
    assert fake.count("POST", "*/auth/login") == 2


def test_a_401_after_a_refresh_is_auth_rejected_without_a_loop(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    backend = connect(fake, clock, password(fake))
    backend.check()
    fake.fail("error", status=401, path="*/projects", times=5)
    with pytest.raises(AuthRejected):
        backend.list_statuses()
    assert fake.count("POST", "*/auth/refresh") == 1
    assert fake.count("GET", "*/projects") == 2


def test_wrong_password_and_deactivated_account_are_auth_rejected(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    wrong = WarmDeskCredential("alice", Secret("not-the-password"))
    with pytest.raises(AuthRejected, match="invalid credentials"):
        connect(fake, clock, wrong).check()
    fake.user.active = False
    with pytest.raises(AuthRejected, match="account deactivated"):
        connect(fake, clock, password(fake)).check()


def test_an_api_key_is_sent_as_x_api_key_and_never_refreshed(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    seen: list[str] = []
    transport = fake.transport()

    def spy(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("x-api-key", ""))
        return transport.handle_request(request)

    client = make_client(transport=httpx.MockTransport(spy))
    credential = WarmDeskCredential.from_secret(fake.api_key)
    backend = WarmDeskBackend(client, fake.base_url, credential, clock=clock)
    clock.advance(days=30)
    assert len(backend.list_tasks()) == 1
    assert set(seen) == {fake.api_key}
    assert fake.count("POST", "*/auth/*") == 0
    del fake.api_keys[fake.api_key]
    with pytest.raises(AuthRejected):
        backend.check()
    assert fake.count("POST", "*/auth/*") == 0


def test_the_credential_source_is_read_only_when_a_password_is_needed(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    reads: list[int] = []

    def source() -> WarmDeskCredential:
        reads.append(1)
        return password(fake)

    backend = connect(fake, clock, source)
    backend.check()
    clock.advance(minutes=16)
    backend.check()  # refreshed: the keyring is not read again
    assert len(reads) == 2  # at start and at the first sign-in


def test_the_keyring_string_round_trips_and_a_bare_string_is_an_api_key() -> None:
    full = WarmDeskCredential("bob", Secret("p4ss")).with_tokens("t0kA", "t0kR")
    back = WarmDeskCredential.from_secret(full.to_secret())
    assert back.username == "bob" and back.secrets() == ("p4ss", "t0kA", "t0kR")
    assert WarmDeskCredential.from_secret("wd_key ").api_key is not None
    assert all(s not in repr(full) for s in ("p4ss", "t0kA", "t0kR"))


def test_a_sign_in_reply_without_tokens_is_a_bad_response(
    fake: FakeWarmDesk, clock: FixedClock
) -> None:
    fake.fail("missing_fields", path="*/auth/login")
    with pytest.raises(BadResponse, match="access_token"):
        connect(fake, clock, password(fake)).check()


def test_no_secret_reaches_a_message_a_repr_or_the_log(
    fake: FakeWarmDesk, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    tokens: Tokens = []
    backend = connect(fake, clock, password(fake), tokens)
    backend.check()
    clock.advance(minutes=20)
    backend.check()
    errors = []
    kinds: tuple[FaultKind, ...] = ("down", "slow", "drop", "error", "invalid_json")
    for kind in kinds:
        fake.fail(kind)
        with pytest.raises(Exception) as info:
            backend.list_statuses()
        errors.append(f"{info.value} {info.value!r} {info.value.__cause__}")
    fake.expire_refresh_tokens()
    clock.advance(minutes=20)
    fake.user.password = "changed"
    with pytest.raises(AuthRejected) as refused:
        backend.check()
    errors.append(str(refused.value))
    secrets = {fake.user.password, "hunter2-correct-horse", *(t for pair in tokens for t in pair)}
    text = " ".join(errors) + caplog.text + repr(backend) + repr(backend._session)
    assert not [s for s in secrets if s in text]
