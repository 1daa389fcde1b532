"""stint account/sync/reconcile against the fake Wapify on a real loopback socket,
and the token's secrecy: never in the DB file, settings, logs, --json or errors."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from stint.domain.clock import FixedClock
from tests.conftest import CLI
from tests.fakes.wapify import FakeWapify


class MemoryKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    mem = MemoryKeyring()
    keyring.set_keyring(mem)
    yield mem
    keyring.set_keyring(before)


@pytest.fixture
def served(clock: FixedClock) -> Iterator[tuple[FakeWapify, str]]:
    fake = FakeWapify(clock=clock)
    fake.web_create_task("Website")
    with fake.serve() as url:
        yield fake, url


def _every_file(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())


def test_add_with_keyring_then_track_sync_remove(cli: CLI, home: Path, served: tuple[FakeWapify, str],
                                                 ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    fake, url = served
    caplog.set_level(logging.DEBUG)
    monkeypatch.setattr("sys.stdin", io.StringIO(fake.token + "\n"))
    out = cli.ok("account", "add", "work", "--kind", "wapify", "--url", url, "--token-stdin").out
    assert "added work" in out and fake.token not in out
    assert ring.store[("stint", "work")] == fake.token
    assert "Website" in cli.ok("tasks").out  # usable at once
    cli.ok("start", "Website")
    result = cli("sync", "--json")
    assert result.code == 0 and result.json()["ok"] is True
    assert fake.user_timer(fake.user.id) is not None
    listing = cli.ok("account", "list", "--json")
    assert listing.json()[0]["credential"] == "keyring"
    for text in (out, result.out, listing.out, cli.ok("status", "--json").out, caplog.text):
        assert fake.token not in text
    assert fake.token.encode() not in _every_file(home)
    removed = cli.ok("account", "remove", "work").out
    assert "removed work: 1 tasks, 1 entries" in removed
    assert ("stint", "work") not in ring.store


def test_token_env_is_never_stored(cli: CLI, home: Path, served: tuple[FakeWapify, str]) -> None:
    fake, url = served
    cli.env["WAPIFY_TOKEN"] = fake.token
    cli.ok("account", "add", "w", "--kind", "wapify", "--url", url, "--token-env", "WAPIFY_TOKEN")
    cli.ok("start", "Website")
    fake.revoke_token(fake.token)
    result = cli("sync")
    assert result.code == 1 and "refused the credential" in result.out
    assert fake.token not in result.out + result.err
    assert fake.token.encode() not in _every_file(home)


def test_headless_keyring_points_to_token_env(cli: CLI, served: tuple[FakeWapify, str]) -> None:
    fake, url = served
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = cli("account", "add", "w", "--kind", "wapify", "--url", url, "--token-stdin")
    finally:
        keyring.set_keyring(before)
    assert result.code == 1 and "--token-env" in result.err and result.err.count("\n") == 1


def test_failing_check_stores_nothing(cli: CLI, home: Path, served: tuple[FakeWapify, str]) -> None:
    fake, url = served
    cli.env["BAD"] = "wrong-token-value-123"
    result = cli("account", "add", "w", "--kind", "wapify", "--url", url, "--token-env", "BAD")
    assert result.code == 1 and "wrong-token-value-123" not in result.err
    assert cli.ok("account", "list", "--json").json() == []


def test_plain_http_to_remote_host_refused(cli: CLI) -> None:
    cli.env["T"] = "some-token-1234"
    result = cli("account", "add", "w", "--kind", "wapify", "--url", "http://tasks.example.com/api/tasks",
                 "--token-env", "T")
    assert result.code == 2 and "https" in result.err


def test_reconcile_per_day(cli: CLI, served: tuple[FakeWapify, str]) -> None:
    fake, url = served
    cli.env["T"] = fake.token
    cli.ok("account", "add", "w", "--kind", "wapify", "--url", url, "--token-env", "T")
    cli.ok("start", "Website")
    cli.clock.advance(minutes=30)
    cli.ok("stop")  # start+stop before any sync: stays local only
    cli.ok("sync")
    rows = cli.ok("reconcile", "--json").json()["rows"]
    assert rows == [{**rows[0], "local_seconds": 1800, "server_seconds": 0, "difference": 1800,
                     "why": "local only"}]


def test_after_a_401_sync_and_status_say_how_to_sign_in_again(cli: CLI, served: tuple[FakeWapify, str],
                                                              ring: MemoryKeyring,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fake, url = served
    monkeypatch.setattr("sys.stdin", io.StringIO(fake.token + "\n"))
    cli.ok("account", "add", "work", "--kind", "wapify", "--url", url, "--token-stdin")
    cli.ok("start", "Website")
    fake.revoke_token(fake.token)
    result = cli("sync")
    assert result.code == 1
    assert "  sign in again: `stint account signin work --token-stdin`\n" in result.out, result.out
    status = cli.ok("status").out
    assert "Account work: sign in again (`stint account signin work --token-stdin`) — " in status
    assert fake.token not in result.out + status
