"""The account's state after a cycle tells offline, server trouble, sign-in and a
missing secret apart (domain/sync_state.py words them), with the server's message
and the next try."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from stint.backends.kinds import SignIn
from stint.domain.sync_state import AccountSync, Health, describe
from stint.store.db import transaction
from stint.store.models import Account
from tests.sync.conftest import World, make_world


def _account(world: World) -> Account:
    with transaction(world.engine) as s:
        return s.scalars(select(Account)).one()


def _said(world: World) -> str:
    a = _account(world)
    facts = AccountSync(a.name, a.state, a.last_error, a.last_sync_at, a.next_sync_at, a.credential)
    return describe(facts, timezone.utc, world.clock.now()).english()


@pytest.mark.parametrize("fault, state, says", [
    (dict(kind="down"), "offline", "work: offline — the server cannot be reached; next try at "),
    (dict(kind="error", status=503), "server_trouble", "work: server trouble — "),
    (dict(kind="rate_limit", headers={"Retry-After": "120"}), "server_trouble",
     "work: server trouble — "),
])
def test_offline_and_server_trouble_are_told_apart(world: World, fault: dict, state: str, says: str) -> None:
    world.tracker.start("Website")
    world.fake.fail(times=50, **fault)
    report = world.run()
    account = _account(world)
    assert not report.ok and account.state == state and report.accounts[0].state == state
    assert account.next_sync_at is not None and account.next_sync_at > world.clock.now()
    assert _said(world).startswith(says) and "next try at " in _said(world)
    if fault["kind"] == "rate_limit":
        assert account.next_sync_at == world.clock.now() + timedelta(seconds=120)
    if state == "server_trouble":
        assert account.last_error and account.last_error in _said(world)  # the server's own words
    world.fake.clear_faults()
    world.tick(hours=1)
    assert world.run().ok and _account(world).state == "ok"


def test_a_variable_not_set_for_this_process_needs_the_secret(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.fake.web_create_task("Website")
    world.accounts.add("work", "wapify", world.fake.base_url,
                       SignIn(token=world.fake.token, credential="env:WAPIFY_TOKEN"))
    try:
        world.accounts.env.pop("WAPIFY_TOKEN")  # type: ignore[attr-defined]  # the app, started from a menu
        world.tracker.start("Website")
        report = world.sync.run_once()
        account = _account(world)
        assert account.state == "needs_secret" and account.next_sync_at is None and not report.ok
        assert _said(world) == "work: needs its secret — the variable WAPIFY_TOKEN is not set for the app"
        assert AccountSync("work", account.state).health is Health.NEEDS_SECRET
        world.tick(minutes=10)
        assert world.sync.run_once().accounts[0].skipped == "needs its secret"  # no retries by the clock
    finally:
        world.accounts.close()
        world.engine.dispose()


def test_a_keyring_without_the_secret_needs_it_too(tmp_path: Path) -> None:
    from tests.sync.kinds import MemorySecrets

    world = make_world(tmp_path)
    world.accounts.secrets = MemorySecrets()
    world.accounts.add("work", "wapify", world.fake.base_url, SignIn(token=world.fake.token))
    try:
        world.accounts.secrets.delete("work")  # e.g. a new login keyring
        world.run()
        assert _account(world).state == "needs_secret"
        assert _said(world) == "work: needs its secret — the system keyring has none for it"
    finally:
        world.accounts.close()
        world.engine.dispose()
