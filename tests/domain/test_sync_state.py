"""One classification of an account's sync, and its words (the same for the tray,
the status bar and `stint status`)."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from stint.domain.sync_state import AccountSync, Badge, Health, badge, describe, describe_refused, summary, waiting

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)        # 10:00 in Madrid
SOON = datetime(2026, 11, 23, 9, 5, tzinfo=timezone.utc)       # 10:05
TOMORROW = datetime(2026, 11, 24, 7, 30, tzinfo=timezone.utc)  # 08:30 the next day


@pytest.mark.parametrize("facts, health, says", [
    (AccountSync("work", "ok", last_sync=NOW), Health.UP_TO_DATE, "work: up to date (last sync 10:00)"),
    (AccountSync("work", "ok", last_sync=NOW, pending=1), Health.WAITING, "work: 1 change waiting to sync"),
    (AccountSync("work", "ok", last_sync=NOW, pending=3), Health.WAITING, "work: 3 changes waiting to sync"),
    (AccountSync("work", "ok"), Health.NEVER, "work: not synced yet"),
    (AccountSync("work", "offline", "connection refused", next_try=SOON), Health.OFFLINE,
     "work: offline — the server cannot be reached; next try at 10:05"),
    (AccountSync("work", "offline", "timed out"), Health.OFFLINE, "work: offline — the server cannot be reached"),
    (AccountSync("work", "server_trouble", "HTTP 503: down for maintenance", next_try=TOMORROW),
     Health.SERVER_TROUBLE, "work: server trouble — HTTP 503: down for maintenance; next try at 2026-11-24 08:30"),
    (AccountSync("work", "needs_signin", "HTTP 401"), Health.NEEDS_SIGNIN,
     "work: needs sign-in — the server refused the saved credentials"),
    (AccountSync("work", "needs_secret", credential="env:WORK_TOKEN"), Health.NEEDS_SECRET,
     "work: needs its secret — the variable WORK_TOKEN is not set for the app"),
    (AccountSync("work", "needs_secret", credential="keyring"), Health.NEEDS_SECRET,
     "work: needs its secret — the system keyring has none for it"),
    (AccountSync("work", "error", "this version cannot sync 'x' servers"), Health.ERROR,
     "work: sync error — this version cannot sync 'x' servers"),
])
def test_each_state_in_its_words(facts: AccountSync, health: Health, says: str) -> None:
    assert facts.health is health
    assert describe(facts, MADRID, NOW).english() == says


def test_refused_changes_are_counted_beside_the_state() -> None:
    assert describe_refused(AccountSync("work", "ok", failed=0)) is None
    assert describe_refused(AccountSync("work", "ok", failed=1)).english() == "work: 1 change refused by the server"
    assert describe_refused(AccountSync("w", "offline", failed=2)).english() == "w: 2 changes refused by the server"
    assert waiting(1).english() == "1 change waiting to sync" and waiting(4).english() == "4 changes waiting to sync"


def test_the_badge_is_the_worst_that_needs_the_person_first() -> None:
    ok = AccountSync("a", "ok", last_sync=NOW, pending=2)
    assert badge([]) is None and badge([ok]) is None  # waiting is no trouble
    assert badge([ok, AccountSync("b", "offline")]) is Badge.TROUBLE
    assert badge([ok, AccountSync("b", "server_trouble")]) is Badge.TROUBLE
    assert badge([AccountSync("b", "offline"), AccountSync("c", "ok", failed=1)]) is Badge.REFUSED
    assert badge([AccountSync("c", "ok", failed=1), AccountSync("d", "needs_secret")]) is Badge.SIGN_IN
    assert badge([AccountSync("d", "needs_signin")]) is Badge.SIGN_IN


def test_the_summary_for_all_accounts() -> None:
    said = lambda *accounts: summary(list(accounts)).english()  # noqa: E731
    assert said() == "Local only"
    assert said(AccountSync("a", "ok", last_sync=NOW)) == "Up to date"
    assert said(AccountSync("a", "ok", last_sync=NOW, pending=1)) == "Waiting to sync"
    assert said(AccountSync("a", "offline"), AccountSync("b", "ok", last_sync=NOW)) == "Offline"
    assert said(AccountSync("a", "offline"), AccountSync("b", "server_trouble")) == "Server trouble"
    assert said(AccountSync("a", "ok", failed=3)) == "3 changes refused"
    assert said(AccountSync("a", "needs_signin"), AccountSync("b", "ok", failed=1)) == "Needs sign-in"
    assert said(AccountSync("a", "needs_secret")) == "Needs its secret"
