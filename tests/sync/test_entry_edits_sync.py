"""Move, split and continue through the sync engine, on each kind of server capability
(store/entry_edits.py says which ops each action queues; sync/plan.py what each op
means for a server):

- a server that holds entries (Gipo, fake): a move deletes the entry from one task
  and creates it on the other; a split updates one and creates the other; a
  continued timer goes out with its note;
- a server holding one total per task (Wekan, fake): a move sets both tasks' totals;
- a live-timer server (Wapify, fake): a split of the running timer stops it and starts
  it again; a move of tracked time cannot be told to it and stays local only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stint.backends.kinds import SignIn
from stint.domain.clock import FixedClock
from stint.domain.model import SYNC_LOCAL_ONLY, SYNC_SYNCED
from tests.fakes.gipo import FakeGipo, Thing, parse
from tests.fakes.wekan import FakeCard, FakeWekan
from tests.sync.conftest import T0 as T0_WAPIFY  # the Wapify world's clock
from tests.sync.conftest import World
from tests.sync.kinds import T0, KindWorld, make

H = timedelta(hours=1)
Gipo = tuple[KindWorld, FakeGipo, Thing, Thing]  # the world, the server, two tasks on it
Wekan = tuple[KindWorld, FakeCard, FakeCard]  # the world and two cards


@pytest.fixture
def gp(tmp_path: Path) -> Iterator[Gipo]:
    clock = FixedClock(T0)
    fake = FakeGipo(clock=clock)
    board = fake.add_board("Web")
    landing, checkout = fake.add_task(board, "Landing page"), fake.add_task(board, "Checkout")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("gp", "gipo", fake.base_url, SignIn(token=fake.key))
    yield w, fake, landing, checkout
    w.accounts.close()


def _server_entries(fake: FakeGipo) -> list[tuple[str, object, object, str]]:
    return sorted((e.fields["taskId"], parse(e.fields["startedAt"]), parse(e.fields["endedAt"]), e.fields["note"])
                  for e in fake.things["entry"].values())


def test_on_a_server_holding_entries_a_move_deletes_there_and_creates_here(gp: Gipo) -> None:
    w, fake, landing, checkout = gp
    entry = w.tracker.log("Landing page", T0 - 2 * H, T0 - H, "hero copy")
    assert w.run().ok
    assert _server_entries(fake) == [(landing.id, T0 - 2 * H, T0 - H, "hero copy")]

    moved = w.tracker.edit_entry(entry.id, task="Checkout")
    report = w.run()
    assert report.ok and not report.failed, report.lines()
    assert _server_entries(fake) == [(checkout.id, T0 - 2 * H, T0 - H, "hero copy")]
    (local,) = w.entries()
    assert local.id == moved.id and local.sync == SYNC_SYNCED
    assert {op.state for op in w.ops()} == {"done"}


def test_on_a_server_holding_entries_a_split_is_an_update_and_a_create(gp: Gipo) -> None:
    w, fake, landing, _ = gp
    entry = w.tracker.log("Landing page", T0 - 2 * H, T0 - H, "hero copy")
    assert w.run().ok
    w.tracker.split_entry(entry.id, T0 - 2 * H + timedelta(minutes=20))
    assert w.run().ok
    assert _server_entries(fake) == [
        (landing.id, T0 - 2 * H, T0 - 2 * H + timedelta(minutes=20), "hero copy"),
        (landing.id, T0 - 2 * H + timedelta(minutes=20), T0 - H, "hero copy"),
    ]
    assert [e.sync for e in w.entries()] == [SYNC_SYNCED, SYNC_SYNCED]


def test_a_continued_timer_goes_out_with_its_note(gp: Gipo) -> None:
    w, fake, landing, _ = gp
    entry = w.tracker.log("Landing page", T0 - 2 * H, T0 - H, "hero copy")
    w.tracker.continue_entry(entry.id)
    w.clock.advance(minutes=25)
    w.tracker.stop()
    assert w.run().ok
    assert _server_entries(fake)[-1] == (landing.id, T0, T0 + timedelta(minutes=25), "hero copy")


@pytest.fixture
def wk(tmp_path: Path) -> Iterator[Wekan]:
    clock = FixedClock(T0)
    fake = FakeWekan(clock=clock)
    board = fake.add_board("Team")
    login, signup = fake.add_card(board, "Fix login"), fake.add_card(board, "Fix signup")
    w = make(tmp_path, clock, fake.transport())
    w.accounts.add("wk", "wekan", fake.base_url, SignIn(username="myusername", password="my$up3erP@ssw0rd"))
    yield w, login, signup
    w.accounts.close()


def test_on_a_server_holding_task_totals_a_move_sets_both(wk: Wekan) -> None:
    w, login, signup = wk
    entry = w.tracker.log("Fix login", T0 - H, T0 - H / 2)
    assert w.run().ok
    assert (login.spent_time, signup.spent_time) == (0.5, None)
    w.tracker.edit_entry(entry.id, task="Fix signup")
    assert w.run().ok
    assert (login.spent_time, signup.spent_time) == (0, 0.5)


def test_on_a_live_timer_server_a_running_split_stops_and_starts_it(world: World) -> None:
    started = world.tracker.start("Website").entry
    assert world.run().ok
    world.tick(minutes=40)
    world.tracker.split_entry(started.id, world.clock.now() - timedelta(minutes=10))
    report = world.run().accounts[0]
    assert report.ok and not report.failed, report.lines()
    website = world.task("Website").remote_id
    times = sorted((t.started_at, t.ended_at) for t in world.fake.times.values() if str(t.task_id) == website)
    assert times == [(T0_WAPIFY, T0_WAPIFY + timedelta(minutes=40)), (T0_WAPIFY + timedelta(minutes=40), None)]
    assert [e.ended_at is None for e in world.entries()] == [False, True]


def test_on_a_live_timer_server_moved_time_stays_local_only(world: World) -> None:
    started = world.tracker.start("Website").entry
    assert world.run().ok  # the server runs the timer …
    world.tick(minutes=30)
    world.tracker.stop()
    assert world.run().ok  # … and stops it
    moved = world.tracker.edit_entry(started.id, task="Backend API")
    report = world.run().accounts[0]
    assert not report.failed, report.lines()
    (local,) = world.entries()
    assert local.id == moved.id and local.sync == SYNC_LOCAL_ONLY
    assert [str(t.task_id) for t in world.fake.times.values()] == [world.task("Website").remote_id]

