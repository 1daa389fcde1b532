"""`stint account add` against an address that answers, but is not the server the
kind names: a web page, or another product's JSON. The person is told "this is
not a Redmine server" (for every kind), one line, nothing stored; and the advice
for a machine without a keyring names the flag that fits what was given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from stint.backends.kinds import KINDS
from tests.cli.test_account_kinds_cli import CASES, KindCLI, NoKeyring, _case, _cli

WEB_PAGE = b"<!DOCTYPE html><html><head><title>Acme Corp</title></head><body>Welcome</body></html>"


def website(request: httpx.Request) -> httpx.Response:
    """A plain web site: every path is a page, every POST is answered with one too."""
    return httpx.Response(200, content=WEB_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.parametrize("name", [c for c in CASES if c != "whama-oauth"])
def test_a_web_page_is_not_the_server(name: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case(name)
    cli = KindCLI(home, httpx.MockTransport(website), monkeypatch, env=case.env)
    result = cli("account", "add", "srv", "--kind", case.kind, "--url", case.url, *case.flags, stdin=case.stdin)
    label = KINDS[case.kind].label
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert f"this is not a {label} server" in result.err and "HTML page" in result.err, result.err
    assert "not valid JSON" not in result.err
    assert cli.listed() == [] and cli.secrets.store == {}


def json_api(status: int) -> Any:
    """Some other product's JSON API: the same small object for every path."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"name": "Inventory API", "version": "2.1"})
    return handler


@pytest.mark.parametrize("status", [200, 404])
@pytest.mark.parametrize("name", [c for c in CASES if c != "whama-oauth"])
def test_another_products_api_is_not_the_server(name: str, status: int, home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case(name)
    cli = KindCLI(home, httpx.MockTransport(json_api(status)), monkeypatch, env=case.env)
    result = cli("account", "add", "srv", "--kind", case.kind, "--url", case.url, *case.flags, stdin=case.stdin)
    label = KINDS[case.kind].label
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert f"this is not a {label} server" in result.err, result.err
    assert cli.listed() == []


def test_password_stdin_without_a_keyring_suggests_password_env(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case("wekan")
    cli = _cli(case, home, monkeypatch, secrets=NoKeyring())
    result = cli("account", "add", "srv", "--kind", "wekan", "--url", case.url,
                 "--username", "myusername", "--password-stdin", stdin=case.stdin)
    assert result.code == 1 and result.err.count("\n") == 1
    assert "no OS keyring" in result.err and "--password-env" in result.err
    assert "--token-env" not in result.err
    token = _case("gipo")
    cli = _cli(token, home, monkeypatch, secrets=NoKeyring())
    result = cli("account", "add", "srv", "--kind", "gipo", "--url", token.url, "--token-stdin", stdin=token.stdin)
    assert result.code == 1 and "--token-env" in result.err and "--password-env" not in result.err


def test_testing_an_account_whose_address_now_serves_a_web_page(tmp_path: Path) -> None:
    """The settings' Test of an account (Accounts.test) words it as `add` does."""
    from stint.backends.kinds import SignIn
    from stint.domain.clock import FixedClock
    from stint.domain.errors import Refused
    from tests.fakes.gipo import FakeGipo
    from tests.sync.kinds import T0, make

    fake = FakeGipo(clock=FixedClock(T0))
    real = fake.transport()
    moved = {"away": False}

    def handler(request: httpx.Request) -> httpx.Response:
        return website(request) if moved["away"] else real.handle_request(request)

    w = make(tmp_path, FixedClock(T0), httpx.MockTransport(handler))
    w.accounts.add("work", "gipo", fake.base_url, SignIn(token=fake.key))
    assert "workspace" in w.accounts.test("work")
    moved["away"] = True
    w.accounts.close()  # a new connection, as a new Test makes
    with pytest.raises(Refused, match="this is not a Gipo server, or not its API address: it answered with an HTML"):
        w.accounts.test("work")
