"""Whama's OAuth 2.0 + PKCE sign-in through the real loopback listener, against the
fake's authorize and token endpoints; the "browser" is httpx following the redirect."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from stint.backends.base import AuthRejected
from stint.backends.http import make_client
from stint.backends.whama import WhamaBackend
from stint.backends.whama_credential import WhamaCredential
from stint.backends.whama_oauth import authorize_endpoint, pkce_pair, sign_in
from stint.domain.clock import FixedClock
from tests.fakes.whama import START, FakeWhama


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWhama:
    fake = FakeWhama(clock)
    fake.add_task(fake.add_board("Main"), "First")
    return fake


def browser(fake: FakeWhama, seen: list[str] | None = None,
            tamper: Callable[[str], str] = lambda url: url) -> Callable[[str], None]:
    """Plays the person's browser: the authorize page, then its redirect to us."""

    def open_url(url: str) -> None:
        if seen is not None:
            seen.append(url)
        with httpx.Client(transport=fake.transport()) as web:
            page = web.get(url)
        assert page.status_code == 302
        with httpx.Client() as local:  # a real request to the loopback listener
            assert local.get(tamper(page.headers["location"])).status_code == 200
    return open_url


def do_sign_in(fake: FakeWhama, clock: FixedClock, **kw: object) -> WhamaCredential:
    client = make_client(transport=fake.transport())
    options: dict[str, object] = {"open_browser": browser(fake), "timeout": 10.0, **kw}
    return sign_in(client, fake.base_url, "stint-desktop", clock=clock, **options)  # type: ignore[arg-type]


def test_pkce_pair_is_s256() -> None:
    verifier, challenge = pkce_pair()
    assert 43 <= len(verifier) <= 128 and len(challenge) == 43 and "=" not in challenge
    assert pkce_pair()[0] != verifier


def test_authorize_page_is_on_the_web_host() -> None:
    assert authorize_endpoint("https://api.whama.co/api/v1") == "https://whama.co/oauth/authorize"


def test_sign_in_gets_tokens_through_the_loopback_redirect(
    fake: FakeWhama, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    credential = do_sign_in(fake, clock, open_browser=browser(fake, seen))
    query = parse_qs(urlsplit(seen[0]).query)
    assert query["code_challenge_method"] == ["S256"] and query["response_type"] == ["code"]
    assert urlsplit(query["redirect_uri"][0]).hostname == "127.0.0.1"
    assert len(query["state"][0]) >= 24
    assert credential.access_token and credential.refresh_token
    assert credential.expires_at == START + timedelta(hours=1)
    assert credential.access_token.reveal() in fake.access
    assert credential.access_token.reveal() not in caplog.text
    assert credential.refresh_token.reveal() not in caplog.text
    backend = WhamaBackend(make_client(transport=fake.transport()), fake.base_url, credential,
                           clock=clock)
    assert backend.check() == "Alice Smith <alice@example.com>"


def test_a_state_mismatch_is_refused_and_no_code_is_traded(fake: FakeWhama,
                                                           clock: FixedClock) -> None:
    def forge(url: str) -> str:
        return url.replace("state=", "state=forged")
    with pytest.raises(AuthRejected, match="state mismatch"):
        do_sign_in(fake, clock, open_browser=browser(fake, tamper=forge))
    assert fake.count("POST", "/oauth/token") == 0


def test_the_fake_checks_the_pkce_verifier(fake: FakeWhama, clock: FixedClock) -> None:
    # A challenge for another verifier: a stolen code alone is worth nothing.
    def wrong_challenge(url: str) -> None:
        challenge = parse_qs(urlsplit(url).query)["code_challenge"][0]
        browser(fake)(url.replace(challenge, pkce_pair()[1]))
    with pytest.raises(AuthRejected, match="PKCE verification failed"):
        do_sign_in(fake, clock, open_browser=wrong_challenge)
    assert fake.count("POST", "/oauth/token") == 1


def test_a_denied_sign_in_is_auth_rejected(fake: FakeWhama, clock: FixedClock) -> None:
    fake.deny = True
    with pytest.raises(AuthRejected, match="access_denied"):
        do_sign_in(fake, clock)


def test_no_browser_answer_times_out_without_sleeping(fake: FakeWhama, clock: FixedClock) -> None:
    with pytest.raises(AuthRejected, match="in time"):
        do_sign_in(fake, clock, open_browser=lambda url: None, timeout=0.01)


def test_expiry_refreshes_first_and_hands_the_tokens_over(
    fake: FakeWhama, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    credential = do_sign_in(fake, clock)
    stored: list[WhamaCredential] = []
    backend = WhamaBackend(make_client(transport=fake.transport()), fake.base_url, credential,
                           clock=clock, keep_secret=lambda s: stored.append(WhamaCredential.from_secret(s)))
    backend.check()
    assert stored == []
    clock.advance(minutes=59, seconds=30)  # inside the margin: refreshed before use
    backend.check()
    assert len(stored) == 1 and stored[0].access_token != credential.access_token
    assert fake.count("GET", "*/user") == 2  # no 401 was needed
    restored = WhamaCredential.from_secret(stored[0].to_secret())
    assert restored.to_secret() == stored[0].to_secret()
    assert restored.expires_at == START + timedelta(minutes=59, seconds=30, hours=1)
    for s in stored[0].secrets():
        assert s not in caplog.text


def test_a_revoked_access_token_is_refreshed_once_then_sign_in_again(
    fake: FakeWhama, clock: FixedClock
) -> None:
    credential = do_sign_in(fake, clock)
    backend = WhamaBackend(make_client(transport=fake.transport()), fake.base_url, credential,
                           clock=clock)
    fake.access.clear()
    assert backend.list_tasks()[0].title == "First"
    fake.access.clear()
    fake.refresh.clear()
    with pytest.raises(AuthRejected, match="invalid refresh token") as info:
        backend.list_tasks()
    assert all(s not in info.value.message for s in credential.secrets())
