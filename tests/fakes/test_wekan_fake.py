"""The fake Wekan against the API document, with plain httpx (not our adapter)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from stint.domain.clock import FixedClock
from tests.fakes.wekan import START, FakeWekan


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWekan:
    return FakeWekan(clock)


@pytest.fixture
def http(fake: FakeWekan) -> Iterator[httpx.Client]:
    with httpx.Client(transport=fake.transport(), base_url=fake.base_url) as client:
        yield client


@pytest.mark.parametrize("as_json", [True, False])
@pytest.mark.parametrize("field", ["username", "email"])
def test_the_four_documented_logins(fake: FakeWekan, http: httpx.Client, as_json: bool,
                                    field: str) -> None:
    who = fake.user.username if field == "username" else fake.user.email
    payload = {field: who, "password": fake.user.password}
    reply = http.post("/users/login", json=payload) if as_json else http.post(
        "/users/login", data=payload)
    assert reply.status_code == 200
    assert set(reply.json()) == {"id", "token", "tokenExpires"}
    assert reply.json()["id"] == fake.user.id


def test_the_token_expires_on_the_clock(
    fake: FakeWekan, http: httpx.Client, clock: FixedClock
) -> None:
    token = http.post("/users/login", json={"username": fake.user.username,
                                            "password": fake.user.password}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert http.get("/api/user", headers=auth).status_code == 200
    clock.advance(days=90)
    assert http.get("/api/user", headers=auth).status_code == 401
    assert http.get("/api/user").status_code == 401


def test_the_documented_card_writes(fake: FakeWekan, http: httpx.Client) -> None:
    board = fake.add_board("B")
    token = http.post("/users/login", json={"username": fake.user.username,
                                            "password": fake.user.password}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    todo, done = board.lists[0], board.lists[-1]
    created = http.post(f"/api/boards/{board.id}/lists/{todo}/cards", headers=auth, json={
        "authorId": fake.user.id, "title": "T", "description": "D",
        "swimlaneId": board.swimlanes[0]})
    card = created.json()["_id"]
    moved = http.put(f"/api/boards/{board.id}/lists/{todo}/cards/{card}", headers=auth,
                     json={"listId": done, "spentTime": 1.5})
    assert moved.json() == {"_id": card}
    assert (fake.cards[card].list_id, fake.cards[card].spent_time) == (done, 1.5)
    stale = http.put(f"/api/boards/{board.id}/lists/{todo}/cards/{card}", headers=auth, json={})
    assert stale.status_code == 404
    gone = http.delete(f"/api/boards/{board.id}/lists/{done}/cards/{card}", headers=auth)
    assert gone.json() == {"_id": card} and fake.cards == {}
