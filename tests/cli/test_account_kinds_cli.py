"""`stint account add` for every kind and every way to sign in, against each
server's fake through httpx.MockTransport (given to the CLI through
the Services' collaborators, nothing patched): success stores the account with its
statuses and tasks; a bad credential is one line, exit 1, and nothing stored; no
secret ever reaches stdout, stderr, --json, the database, a log, or any file under
STINT_HOME. TimeTagger and Redmine have no in-process fake, so a small handler
here answers the few requests a sign-in makes."""

from __future__ import annotations

import base64
import io
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from stint.services import Services
from stint.cli.main import run
from stint.domain.clock import FixedClock
from tests.backends.test_whama_oauth import browser
from tests.fakes.gipo import FakeGipo
from tests.fakes.warmdesk import FakeWarmDesk
from tests.fakes.wekan import FakeWekan
from tests.fakes.whama import FakeWhama
from tests.sync.kinds import T0, MemorySecrets


class NoKeyring(MemorySecrets):
    def available(self) -> bool:
        return False


@dataclass
class Out:
    code: int
    out: str
    err: str


@dataclass
class KindCLI:
    """`stint` in-process, its Services given the fake's transport, an
    in-memory keyring, and (for OAuth) a browser that follows the redirect."""

    home: Path
    transport: Any
    monkeypatch: Any
    secrets: MemorySecrets = field(default_factory=MemorySecrets)
    open_browser: Callable[[str], Any] | None = None
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    env: dict[str, str] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)  # everything printed, for the leak check

    def __call__(self, *argv: str, stdin: str = "") -> Out:
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        out, err = io.StringIO(), io.StringIO()
        env = {"STINT_HOME": str(self.home), "TZ": "Europe/Madrid", **self.env}
        ctx = Services(out=out, err=err, env=env, clock=self.clock, secrets=self.secrets,
                       transport=self.transport, open_browser=self.open_browser)
        try:
            code = run(list(argv), ctx)
        finally:
            ctx.close()
        self.said += [out.getvalue(), err.getvalue()]
        return Out(code, out.getvalue(), err.getvalue())

    def listed(self) -> list[dict[str, Any]]:
        result = self("account", "list", "--json")
        assert result.code == 0, result.err
        return json.loads(result.out)  # type: ignore[no-any-return]

    def assert_never_shown(self, *secrets: str, log: str = "") -> None:
        files = b"".join(p.read_bytes() for p in self.home.rglob("*") if p.is_file())
        for secret in secrets:
            assert secret not in "".join(self.said) and secret not in log
            assert secret.encode() not in files


# --- TimeTagger and Redmine: just the requests a sign-in makes ---------------------

TT_USER, TT_PASSWORD = "alice", "c0rrect-h0rse-tt"


def _jwt(claims: dict[str, str], signature: str) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"eyJhbGciOiJIUzI1NiJ9.{payload}.{signature}"


TT_API_TOKEN = _jwt({"username": TT_USER}, "apiSIGNATUREx9")
TT_WEB_TOKEN = _jwt({"username": TT_USER}, "webSIGNATUREq7")


def timetagger(request: httpx.Request) -> httpx.Response:
    path, token = request.url.path, request.headers.get("authtoken")
    if path.endswith("/bootstrap_authentication"):
        method = json.loads(base64.b64decode(request.content))
        if (method.get("username"), method.get("password")) != (TT_USER, TT_PASSWORD):
            return httpx.Response(403, text="Incorrect password")
        return httpx.Response(200, json={"token": TT_WEB_TOKEN})
    if path.endswith("/apitoken"):
        return httpx.Response(200, json={"token": TT_API_TOKEN}) if token == TT_WEB_TOKEN \
            else httpx.Response(401, text="unauthorized")
    if token != TT_API_TOKEN:
        return httpx.Response(401, text="unauthorized")
    now = int(T0.timestamp())
    record = {"key": "rec1", "t1": now - 3600, "t2": now - 1800, "mt": now, "st": now, "ds": "#website"}
    if path.endswith("/updates"):
        return httpx.Response(200, json={"server_time": now, "reset": True, "records": [record], "settings": []})
    if path.endswith("/records"):
        return httpx.Response(200, json={"records": [record]})
    return httpx.Response(404, text="not found")


REDMINE_KEY = "0123456789abcdef0123456789abcdef01234567"


def redmine(request: httpx.Request) -> httpx.Response:
    if request.headers.get("x-redmine-api-key") != REDMINE_KEY:
        return httpx.Response(401)
    path = request.url.path
    if path.endswith("/users/current.json"):
        return httpx.Response(200, json={"user": {"id": 5, "login": "alice", "firstname": "Alice",
                                                  "lastname": "Smith"}})
    if path.endswith("/issue_statuses.json"):
        return httpx.Response(200, json={"issue_statuses": [
            {"id": 1, "name": "New", "is_closed": False}, {"id": 5, "name": "Closed", "is_closed": True}]})
    if path.endswith("/issues.json"):
        issue = {"id": 42, "subject": "Fix login", "status": {"id": 1, "name": "New"},
                 "project": {"id": 1, "name": "Web"}, "updated_on": "2026-02-01T10:00:00Z"}
        return httpx.Response(200, json={"issues": [issue], "total_count": 1, "offset": 0, "limit": 100})
    return httpx.Response(404)


# --- one row per kind and way to sign in ------------------------------------------


@dataclass
class Case:
    kind: str
    url: str
    transport: Any
    flags: tuple[str, ...]
    stdin: str = ""
    env: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()        # must never be shown or written outside the keyring
    statuses: int = 0
    tasks: int = 1
    open_browser: Callable[[str], Any] | None = None


def _case(name: str) -> Case:
    if name.startswith("warmdesk"):
        wd = FakeWarmDesk(clock=FixedClock(T0))
        wd.add_card(wd.add_project("Web", "web"), "Landing page")
        if name == "warmdesk-password":
            password = wd.user.password
            return Case("warmdesk", wd.base_url, wd.transport(), ("--username", "alice", "--password-stdin"),
                        password + "\n", secrets=(password,), statuses=-1)
        return Case("warmdesk", wd.base_url, wd.transport(), ("--token-stdin",), wd.api_key + "\n",
                    secrets=(wd.api_key,), statuses=-1)
    if name == "wekan":
        wk = FakeWekan(clock=FixedClock(T0))
        wk.add_card(wk.add_board("Team"), "Fix login")
        return Case("wekan", wk.base_url, wk.transport(), ("--username", "myusername", "--password-stdin"),
                    wk.user.password + "\n", secrets=(wk.user.password,), statuses=-1)
    if name.startswith("gipo"):
        gp = FakeGipo(clock=FixedClock(T0))
        gp.add_task(gp.add_board("Web"), "Landing page")
        if name == "gipo-env":
            return Case("gipo", gp.base_url, gp.transport(), ("--token-env", "GIPO_KEY"),
                        env={"GIPO_KEY": gp.key}, secrets=(gp.key,), statuses=4)
        return Case("gipo", gp.base_url, gp.transport(), ("--token-stdin",), gp.key + "\n",
                    secrets=(gp.key,), statuses=4)
    if name.startswith("whama"):
        wh = FakeWhama(clock=FixedClock(T0))
        wh.add_task(wh.add_board("Main"), "Landing page")
        if name == "whama-oauth":
            return Case("whama", wh.base_url, wh.transport(), ("--oauth", "--option", "client_id=stint-desktop"),
                        statuses=4, open_browser=browser(wh))
        return Case("whama", wh.base_url, wh.transport(), ("--token-stdin",), wh.live_key + "\n",
                    secrets=(wh.live_key,), statuses=4)
    if name == "timetagger-token":
        return Case("timetagger", "https://tt.test/timetagger", httpx.MockTransport(timetagger),
                    ("--token-stdin",), TT_API_TOKEN + "\n", secrets=(TT_API_TOKEN,), statuses=1)
    if name == "timetagger-password":
        return Case("timetagger", "https://tt.test/timetagger", httpx.MockTransport(timetagger),
                    ("--username", TT_USER, "--password-stdin"), TT_PASSWORD + "\n",
                    secrets=(TT_PASSWORD, TT_API_TOKEN, TT_WEB_TOKEN), statuses=1)
    assert name == "redmine"
    return Case("redmine", "https://redmine.test", httpx.MockTransport(redmine),
                ("--token-stdin", "--option", "activity=9"), REDMINE_KEY + "\n",
                secrets=(REDMINE_KEY,), statuses=2)


CASES = ["warmdesk-password", "warmdesk-key", "wekan", "gipo", "gipo-env", "whama", "whama-oauth",
         "timetagger-token", "timetagger-password", "redmine"]


def _cli(case: Case, home: Path, monkeypatch: Any, **kw: Any) -> KindCLI:
    return KindCLI(home, case.transport, monkeypatch, open_browser=case.open_browser, env=case.env, **kw)


@pytest.mark.parametrize("name", CASES)
def test_add_stores_the_account_its_statuses_and_tasks(name: str, home: Path, monkeypatch: pytest.MonkeyPatch,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    case = _case(name)
    cli = _cli(case, home, monkeypatch)
    added = cli("account", "add", "srv", "--kind", case.kind, "--url", case.url, *case.flags, stdin=case.stdin)
    assert added.code == 0, added.err
    assert added.out.startswith("added srv (") and f", {case.tasks} tasks;" in added.out
    if case.statuses > 0:
        assert f": {case.statuses} statuses," in added.out
    (account,) = cli.listed()
    assert (account["name"], account["kind"], account["state"]) == ("srv", case.kind, "ok")
    tasks = cli("tasks", "--json")
    assert tasks.code == 0 and len(json.loads(tasks.out)) == case.tasks
    if "--token-env" in case.flags:
        assert account["credential"] == "env:GIPO_KEY" and cli.secrets.store == {}
    else:
        assert account["credential"] == "keyring" and set(cli.secrets.store) == {"srv"}
    held = tuple(cli.secrets.store.values())
    if name == "whama-oauth":
        assert "sign in at this address" in added.err and "/oauth/authorize?" in added.err
        assert "browser sign-in in the OS keyring" in added.out
        held = tuple(json.loads(held[0])[k] for k in ("access_token", "refresh_token"))
    cli.assert_never_shown(*case.secrets, *held, log=caplog.text)


BAD = {
    "warmdesk-password": ("--username", "alice", "--password-stdin"),
    "warmdesk-key": ("--token-stdin",),
    "wekan": ("--username", "myusername", "--password-stdin"),
    "gipo": ("--token-stdin",),
    "whama": ("--token-stdin",),
    "timetagger-token": ("--token-stdin",),
    "timetagger-password": ("--username", TT_USER, "--password-stdin"),
    "redmine": ("--token-stdin", "--option", "activity=9"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_credential_is_one_line_and_stores_nothing(name: str, home: Path, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    case = _case(name)
    cli = _cli(case, home, monkeypatch)
    wrong = {"gipo": "ba_acme_9WrongWrongWrong"}.get(name, "wr0ng-s3cret-value-123")
    result = cli("account", "add", "srv", "--kind", case.kind, "--url", case.url, *BAD[name], stdin=wrong + "\n")
    assert result.code == 1 and result.out == ""
    assert result.err.startswith("stint: cannot add srv: ") and result.err.count("\n") == 1, result.err
    assert cli.listed() == [] and cli.secrets.store == {}
    cli.assert_never_shown(wrong, log=caplog.text)


def test_a_key_that_is_not_a_gipo_key_is_refused_before_any_request(home: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    gp = FakeGipo(clock=FixedClock(T0))
    cli = KindCLI(home, gp.transport(), monkeypatch)
    result = cli("account", "add", "srv", "--kind", "gipo", "--url", gp.base_url, "--token-stdin",
                 stdin="sk_live_notAGipoKey123\n")
    assert result.code == 1 and "not a Gipo API key: Gipo keys start with ba_" in result.err
    assert "sk_live_notAGipoKey123" not in result.err
    assert gp.count() == 0 and cli.listed() == [] and cli.secrets.store == {}


def test_oauth_without_a_keyring_is_refused_before_the_browser(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wh = FakeWhama(clock=FixedClock(T0))
    opened: list[str] = []
    cli = KindCLI(home, wh.transport(), monkeypatch, secrets=NoKeyring(), open_browser=opened.append)
    result = cli("account", "add", "srv", "--kind", "whama", "--url", wh.base_url, "--oauth",
                 "--option", "client_id=stint-desktop")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "no OS keyring" in result.err and "--oauth" in result.err
    assert opened == [] and cli.listed() == []


def test_oauth_is_only_for_kinds_with_a_browser_sign_in(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gp = FakeGipo(clock=FixedClock(T0))
    cli = KindCLI(home, gp.transport(), monkeypatch)
    result = cli("account", "add", "srv", "--kind", "gipo", "--url", gp.base_url, "--oauth")
    assert result.code == 2 and "gipo has no browser sign-in" in result.err
    missing = cli("account", "add", "srv", "--kind", "whama", "--url", gp.base_url, "--oauth")
    assert missing.code == 2 and "--option client_id=ID" in missing.err


def test_no_credential_flag_is_a_usage_error_naming_the_kinds_ways(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = KindCLI(home, None, monkeypatch)
    result = cli("account", "add", "srv", "--kind", "gipo", "--url", "https://gipo.test/api/v1")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "its API key (--token-stdin | --token-env VAR)" in result.err and "--oauth" not in result.err
    whama = cli("account", "add", "srv", "--kind", "whama", "--url", "https://whama.test/api/v1")
    assert whama.code == 2 and "--token-stdin" in whama.err and "the browser (--oauth)" in whama.err


def test_a_way_the_kind_does_not_offer_is_refused_before_stdin_is_read(home: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    wk = FakeWekan(clock=FixedClock(T0))
    cli = KindCLI(home, wk.transport(), monkeypatch)
    token = cli("account", "add", "srv", "--kind", "wekan", "--url", wk.base_url, "--token-stdin",
                stdin="unread\n")
    assert token.code == 2 and "wekan takes no token" in token.err and "--username NAME" in token.err
    assert sys.stdin.read() == "unread\n"  # nothing was read, nothing asked of the server
    password = cli("account", "add", "srv", "--kind", "wapify", "--url", wk.base_url, "--username", "me",
                   "--password-env", "PW")
    assert password.code == 2 and "wapify takes no username and password" in password.err
    unknown = cli("account", "add", "srv", "--kind", "jira", "--url", wk.base_url, "--token-env", "T")
    assert unknown.code == 2 and "unknown kind 'jira' (choose from gipo, redmine," in unknown.err
    assert wk.count() == 0 and cli.listed() == []


def test_add_help_lists_every_kind_from_the_registry(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stint.backends.kinds import KINDS

    result = KindCLI(home, None, monkeypatch)("account", "add", "--help")
    assert result.code == 0 and "\nkinds:\n" in result.out
    for name, spec in KINDS.items():
        assert f"  {name:<12}{spec.label}, e.g. --url {spec.url_hint}\n" in result.out
    told = result.out.split("\n  whama ")[1].split("\n  wekan ")[0]
    assert "sign in with its API key: --token-stdin | --token-env VAR" in told
    assert "or with the browser: --oauth" in told and "--option client_id=" in told
    assert "--option username=" not in result.out and "--option activity_id=" not in result.out


def test_whama_time_stays_local_and_reconcile_says_so(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case("whama")
    cli = _cli(case, home, monkeypatch)
    assert cli("account", "add", "wh", "--kind", "whama", "--url", case.url, *case.flags, stdin=case.stdin).code == 0
    assert cli("start", "Landing page").code == 0
    cli.clock.advance(minutes=30)
    assert cli("stop").code == 0
    synced = cli("sync")
    assert synced.code == 0 and "stays local only: Landing page (0:30:00)" in synced.out, synced.out
    reconciled = cli("reconcile")
    assert reconciled.code == 0 and "time stays local: server has no time API" in reconciled.out


def test_whama_signin_again_in_the_browser(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case("whama-oauth")
    cli = _cli(case, home, monkeypatch)
    assert cli("account", "add", "wh", "--kind", "whama", "--url", case.url, *case.flags).code == 0
    first = cli.secrets.store["wh"]
    again = cli("account", "signin", "wh", "--oauth")
    assert again.code == 0 and "wh: signed in as Alice Smith" in again.out, again.err
    assert cli.secrets.store["wh"] != first


def test_a_denied_browser_sign_in_stores_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wh = FakeWhama(clock=FixedClock(T0))
    wh.deny = True
    cli = KindCLI(home, wh.transport(), monkeypatch, open_browser=browser(wh))
    result = cli("account", "add", "wh", "--kind", "whama", "--url", wh.base_url, "--oauth",
                 "--option", "client_id=stint-desktop")
    assert result.code == 1 and "stint: cannot add wh: Whama sign-in refused: access_denied" in result.err
    assert cli.listed() == [] and cli.secrets.store == {}


def test_a_confidential_client_gives_its_secret_on_stdin(home: Path, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    wh = FakeWhama(clock=FixedClock(T0))
    wh.add_task(wh.add_board("Main"), "Landing page")
    secret = wh.clients["server-app"]
    assert secret is not None
    cli = KindCLI(home, wh.transport(), monkeypatch, open_browser=browser(wh))
    result = cli("account", "add", "wh", "--kind", "whama", "--url", wh.base_url, "--oauth",
                 "--password-stdin", "--option", "client_id=server-app", stdin=secret + "\n")
    assert result.code == 0, result.err
    assert json.loads(cli.secrets.store["wh"])["client_secret"] == secret  # refreshes need it
    cli.assert_never_shown(secret, log=caplog.text)
