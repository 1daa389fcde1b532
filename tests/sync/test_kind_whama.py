"""Whama end to end (fake): tasks and statuses sync, time stays local (Whama has
no time API) and the week says so, a task created offline is probed after a lost
reply (no Idempotency-Key in Whama), a task moved or completed on the web is
pulled, and the OAuth sign-in — run through the Accounts service with an injected
browser — is kept and refreshed in the keyring, and asked for again once revoked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from stint.backends.kinds import SignIn
from stint.accounts import Accounts
from stint.backends.whama_credential import WhamaCredential
from stint.domain.clock import FixedClock
from stint.domain.model import SYNC_LOCAL_ONLY
from stint.store.actions import Tracker
from stint.store.database import open_database
from stint.store.db import open_engine, transaction
from stint.store.models import Task
from stint.sync.compare import NO_TIME_API
from stint.sync.engine import SyncEngine
from tests.backends.test_whama_oauth import browser
from tests.fakes.whama import FakeWhama
from tests.sync.kinds import T0, KindWorld, MemorySecrets, make


@pytest.fixture
def fake() -> FakeWhama:
    fake = FakeWhama(clock=FixedClock(T0))
    board = fake.add_board("Main")
    fake.add_task(board, "Landing page")
    return fake


@pytest.fixture
def wh(tmp_path: Path, fake: FakeWhama) -> Iterator[KindWorld]:
    w = make(tmp_path, fake.clock, fake.transport())  # type: ignore[arg-type]
    w.accounts.add("wh", "whama", fake.base_url, SignIn(token=fake.live_key))
    yield w
    w.accounts.close()


def oauth_world(tmp_path: Path, fake: FakeWhama) -> KindWorld:
    """An account signed in in the (test's) browser: the opener is given to the
    Accounts service, as the CLI and the settings dialog would."""
    engine = open_engine(tmp_path / "stint.sqlite3")
    secrets = MemorySecrets()
    clock = fake.clock
    accounts = Accounts(engine, clock, secrets=secrets, transport=fake.transport(),  # type: ignore[arg-type]
                        open_browser=browser(fake))
    accounts.add("wh", "whama", fake.base_url, SignIn(oauth=True), options={"client_id": "stint-desktop"})
    return KindWorld(clock, accounts, Tracker(open_database(engine.url.database), clock),
                     SyncEngine(engine, accounts.backend_for, clock),  # type: ignore[arg-type]
                     secrets, tmp_path)


def _track(w: KindWorld, minutes: int = 30, title: str = "Landing page") -> None:
    w.tracker.start(title)
    w.clock.advance(minutes=minutes)
    w.tracker.stop()


def _status(w: KindWorld, title: str) -> str:
    with transaction(w.engine) as s:
        return s.scalars(select(Task).where(Task.title == title)).one().status.name


def test_time_stays_local_and_reconcile_says_so(wh: KindWorld, fake: FakeWhama) -> None:
    _track(wh)
    report = wh.run()
    assert report.ok and not report.failed, report.lines()
    assert [lo["seconds"] for lo in report.local_only] == [1800]
    assert wh.entries()[0].sync == SYNC_LOCAL_ONLY
    assert {op.state for op in wh.ops()} <= {"done", "local-only"}
    rows = wh.compare().rows
    assert [(r.local_seconds, r.server_seconds, r.why) for r in rows] == [(1800, None, NO_TIME_API)]
    assert fake.count("POST") == 0  # nothing about time was sent
    assert fake.live_key.encode() not in wh.every_byte()


def test_a_task_created_offline_is_probed_after_a_lost_reply(wh: KindWorld, fake: FakeWhama) -> None:
    wh.tracker.create_task("Write the docs", account="wh")
    fake.fail("drop", method="POST", path="*/tasks")
    assert not wh.run().ok
    assert "in_flight" in {op.state for op in wh.ops()}
    wh.clock.advance(minutes=5)
    report = wh.run()
    titles = [t["title"] for t in fake.state.tasks.values()]
    assert titles.count("Write the docs") == 1 and fake.count("POST", "*/tasks") == 1
    # Whama's tasks say neither who made them nor (in its document) when: the new
    # "Write the docs" could be a colleague's. The person is asked; nothing is guessed.
    (failed,) = report.failed
    assert failed["kind"] == "create_task" and "cannot be shown to be the one made here" in failed["message"]
    with transaction(wh.engine) as s:
        mine = s.scalars(select(Task).where(Task.title == "Write the docs", Task.remote_id.is_(None))).one()
        assert mine.account_id is not None


def test_a_task_moved_then_completed_on_the_server_is_pulled(wh: KindWorld, fake: FakeWhama) -> None:
    task = next(iter(fake.state.tasks.values()))
    board = fake.state.boards[task["boardId"]]
    assert _status(wh, "Landing page") == "To do"
    task["columnId"] = board["columns"][1]["id"]
    wh.clock.advance(minutes=1)
    assert wh.run().ok
    assert _status(wh, "Landing page") == "In progress"
    task["completed"] = True  # left out of the pending list: read by id
    wh.clock.advance(minutes=1)
    assert wh.run().ok
    assert _status(wh, "Landing page") == "Complete"


def test_a_status_set_here_reaches_the_server(wh: KindWorld, fake: FakeWhama) -> None:
    wh.tracker.set_status("Landing page", "Complete")
    assert wh.run().ok
    assert next(iter(fake.state.tasks.values()))["completed"] is True


def test_a_status_change_on_a_task_deleted_on_the_server_is_settled(wh: KindWorld, fake: FakeWhama) -> None:
    fake.state.tasks.clear()
    wh.tracker.set_status("Landing page", "Done")
    report = wh.run()
    assert report.ok and not report.failed, report.lines()
    assert [op.state for op in wh.ops()] == ["done"] and fake.count("PATCH") == 1
    assert any("no longer on the server" in n for n in report.notes)


def test_oauth_sign_in_is_kept_and_refreshed_in_the_keyring(tmp_path: Path, fake: FakeWhama) -> None:
    w = oauth_world(tmp_path, fake)
    try:
        first = WhamaCredential.from_secret(w.secrets.store["wh"])
        assert first.client_id == "stint-desktop" and first.access_token and first.refresh_token
        assert w.account().options == {"client_id": "stint-desktop"}
        w.tracker.set_status("Landing page", "In progress")
        w.clock.advance(hours=2)  # the access token has expired: refreshed before use
        assert w.run().ok
        renewed = WhamaCredential.from_secret(w.secrets.store["wh"])
        assert renewed.access_token and first.access_token
        assert renewed.access_token.reveal() != first.access_token.reveal()
        assert renewed.access_token.reveal() in fake.access
        for secret in (*first.secrets(), *renewed.secrets()):
            assert secret.encode() not in w.every_byte()
    finally:
        w.accounts.close()


def test_revoked_oauth_keeps_ops_until_a_new_browser_sign_in(tmp_path: Path, fake: FakeWhama) -> None:
    w = oauth_world(tmp_path, fake)
    try:
        fake.access.clear()
        fake.refresh.clear()
        w.tracker.set_status("Landing page", "In progress")
        report = w.run()
        assert w.account().state == "needs_signin" and not report.ok
        assert [op.state for op in w.ops()] == ["pending"]  # kept
        assert w.accounts.sign_in("wh", SignIn(oauth=True)) == "Alice Smith <alice@example.com>"
        assert w.run().ok
        task = next(iter(fake.state.tasks.values()))
        assert task["columnId"] == fake.state.boards[task["boardId"]]["columns"][1]["id"]
        assert [op.state for op in w.ops()] == ["done"]
    finally:
        w.accounts.close()
