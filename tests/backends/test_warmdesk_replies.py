"""WarmDesk's writes answered as tersely as its document allows: "201 Created —
resource created; id in response", "200 OK — resource returned or updated". A reply
with the id alone is a write that happened, read from what was sent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stint.backends.base import BadResponse
from stint.domain.clock import FixedClock
from tests.backends.test_warmdesk import HOUR, T0, backend_for
from tests.fakes.warmdesk import FakeWarmDesk


@pytest.fixture
def fake() -> FakeWarmDesk:
    fake = FakeWarmDesk(FixedClock(T0))
    fake.add_card(fake.add_project("Website", "web"), "Fix login")
    fake.id_only = True
    return fake


def test_a_card_created_with_an_id_only_reply_is_in_the_first_column(fake: FakeWarmDesk) -> None:
    backend = backend_for(fake, FixedClock(T0))
    created = backend.create_task("Write report", "", False, "op-1")
    (card,) = [c for c in fake.cards.values() if c.title == "Write report"]
    assert created.remote_id == f"web:{card.id}"
    assert created.status_remote_id == f"web:{card.column_id}"


def test_an_entry_created_with_an_id_only_reply_is_what_was_sent(fake: FakeWarmDesk) -> None:
    backend = backend_for(fake, FixedClock(T0))
    card = next(iter(fake.cards.values()))
    entry = backend.create_entry(f"web:{card.id}", T0, T0 + HOUR, "login form", "key-1")
    (stored,) = fake.entries.values()
    assert (entry.remote_id, entry.task_remote_id) == (str(stored.id), f"web:{card.id}")
    assert (entry.started_at, entry.ended_at, entry.seconds, entry.note) == (T0, T0 + HOUR, 3600, "login form")


def test_an_update_and_a_move_answered_with_the_id_only(fake: FakeWarmDesk) -> None:
    backend = backend_for(fake, FixedClock(T0))
    card = next(iter(fake.cards.values()))
    created = backend.create_entry(f"web:{card.id}", T0, T0 + HOUR, "", "key-1")
    later = T0 + timedelta(minutes=30)
    updated = backend.update_entry(created.remote_id, later, later + HOUR, "moved")
    assert (updated.remote_id, updated.task_remote_id) == (created.remote_id, f"web:{card.id}")
    assert (updated.started_at, updated.ended_at, updated.note) == (later, later + HOUR, "moved")
    done = next(c for c in fake.columns.values() if c.name == "Done")
    assert backend.set_status(f"web:{card.id}", f"web:{done.id}") == f"web:{done.id}"
    assert card.column_id == done.id


def test_a_create_reply_without_even_the_id_is_still_a_bad_response(fake: FakeWarmDesk) -> None:
    backend = backend_for(fake, FixedClock(T0))
    card = next(iter(fake.cards.values()))
    fake.fail("missing_fields", method="POST", path="*/time-entries")
    with pytest.raises(BadResponse, match="id: missing"):
        backend.create_entry(f"web:{card.id}", T0, T0 + HOUR, "", "key-1")
