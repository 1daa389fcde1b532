"""The server-kind registry: light to import, complete for every kind, and each
kind's factory builds a backend that states all its capabilities."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import MISSING, fields
from datetime import datetime, timezone

import httpx
import pytest

from stint.backends.base import Capabilities
from stint.backends.kinds import KINDS, SignIn, Wiring, kind_named
from stint.domain.clock import FixedClock
from stint.domain.errors import UsageError

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
# A secret each factory accepts; no request is made while building a backend.
SECRETS = {
    "wapify": "wap-token-123", "timetagger": "tt-token-123", "warmdesk": "wd_key_123",
    "wekan": '{"login": "me", "password": "pw"}', "redmine": "0123456789abcdef",
    "gipo": "ba_acme_123456", "whama": "sk_live_123456",
}


@pytest.mark.parametrize("module", ["stint.backends.base", "stint.backends.kinds"])
def test_importing_the_protocol_or_the_registry_loads_no_httpx(module: str) -> None:
    code = f"import {module}, sys; assert 'httpx' not in sys.modules, 'httpx loaded'"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_kind_tells_the_person_how_to_set_it_up() -> None:
    assert set(KINDS) == set(SECRETS)
    for name, spec in KINDS.items():
        assert spec.label and spec.url_hint.startswith("https://"), name
        assert spec.sign_ins and set(spec.sign_ins) <= {"token", "password", "browser"}, name
        assert spec.token_name in ("API key", "API token"), name
        for option, facts in spec.option_fields.items():
            assert facts.hint, (name, option)
    assert KINDS["whama"].browser_sign_in and not KINDS["gipo"].browser_sign_in
    assert KINDS["wekan"].sign_ins == ("password",)  # Wekan has no API tokens
    assert KINDS["redmine"].options == {"project", "activity", "activity_id", "tracker_id"}


def test_an_unknown_kind_is_a_usage_error_naming_the_kinds() -> None:
    assert kind_named(KINDS, "gipo") is KINDS["gipo"]
    with pytest.raises(UsageError, match=r"unknown kind 'jira' \(choose from gipo, redmine, "):
        kind_named(KINDS, "jira")


@pytest.mark.parametrize("kind", sorted(SECRETS))
def test_each_factory_builds_a_backend_that_states_every_capability(kind: str) -> None:
    # ...and holds its client as `_client`, where the accounts service closes it.
    asked: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: asked.append(request) or httpx.Response(500))
    wiring = Wiring("https://server.example.com", SECRETS[kind], {}, FixedClock(T0), transport)
    backend = KINDS[kind].make(wiring)
    try:
        assert isinstance(backend.capabilities, Capabilities)
        assert asked == []
    finally:
        client = getattr(backend, "_client", None)
        assert isinstance(client, httpx.Client)
        client.close()


def test_capabilities_have_no_defaults() -> None:
    # A backend that forgot one cannot be built: nothing is true or false by accident.
    assert all(f.default is MISSING and f.default_factory is MISSING for f in fields(Capabilities))
    with pytest.raises(TypeError, match="timers_in_tasks"):
        Capabilities(create_task=True, set_status=True, live_timer=False, running_entry=False,  # type: ignore[call-arg]
                     explicit_entries=True, entry_unit="interval", server_timesheet=False,
                     idempotency_keys=False, pull_entries=True, incremental_entries=False,
                     day_totals=False)


def test_a_token_kind_without_a_token_says_how_to_give_one() -> None:
    wiring = Wiring("https://server.example.com", "", {}, FixedClock(T0))
    with pytest.raises(UsageError, match="gipo: give the token"):
        KINDS["gipo"].secret(SignIn(), wiring)
    with pytest.raises(UsageError, match="Wekan has no API tokens"):
        KINDS["wekan"].secret(SignIn(token="t"), wiring)
