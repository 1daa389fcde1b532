"""Wekan end to end (fake): the card's spentTime kept to our total, a lost reply
replayed harmlessly (the write is absolute), a revoked password, the totals compared.

Wekan's spentTime is one number per card, shared by everyone on it: Stint sets it
to this person's total for the card (the adapter's documented choice), so a
colleague's time on the same card shows in `stint reconcile` as a difference."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from tests.fakes.wekan import FakeCard, FakeWekan
from tests.sync.kinds import T0, KindWorld, make

PASSWORD = "my$up3erP@ssw0rd"


@pytest.fixture
def wk(tmp_path: Path) -> Iterator[tuple[KindWorld, FakeWekan, FakeCard]]:
    clock = FixedClock(T0)
    fake = FakeWekan(clock=clock)
    board = fake.add_board("Team")
    card = fake.add_card(board, "Fix login")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("wk", "wekan", fake.base_url, SignIn(username="myusername", password=PASSWORD))
    yield w, fake, card
    w.accounts.close()


def _track(w: KindWorld, minutes: int) -> None:
    w.tracker.start("Fix login")
    w.clock.advance(minutes=minutes)
    w.tracker.stop()


def test_offline_then_sync_sets_the_total_then_reconcile(wk: tuple[KindWorld, FakeWekan, FakeCard]) -> None:
    w, fake, card = wk
    _track(w, 30)
    _track(w, 15)
    report = w.run()
    assert report.ok, report.lines()
    assert card.spent_time == 0.75
    assert fake.count("PUT", "*/cards/*") == 1  # the later total replaces the earlier one
    assert {e.sync for e in w.entries()} == {"synced"}
    rows = w.compare().rows
    assert [(r.day, r.local_seconds, r.server_seconds) for r in rows] == [(None, 2700, 2700)]
    assert PASSWORD.encode() not in w.every_byte()


def test_a_lost_reply_is_replayed_harmlessly(wk: tuple[KindWorld, FakeWekan, FakeCard]) -> None:
    w, fake, card = wk
    _track(w, 30)
    fake.fail("drop", method="PUT", path="*/cards/*")
    assert not w.run().ok
    w.clock.advance(minutes=5)
    assert w.run().ok
    assert card.spent_time == 0.5


def test_revoked_password_then_signin(wk: tuple[KindWorld, FakeWekan, FakeCard]) -> None:
    w, fake, card = wk
    fake.user.password = "new-password-1"
    fake.revoke_tokens()
    _track(w, 30)
    w.run()
    assert w.account().state == "needs_signin"
    assert [op.state for op in w.ops()] == ["done", "pending"]  # the start needs no request
    w.accounts.sign_in("wk", SignIn(password="new-password-1"))
    assert w.run().ok and card.spent_time == 0.5
