"""The fake WarmDesk against the API document, with plain httpx (not our adapter)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from stint.domain.clock import FixedClock
from tests.fakes.warmdesk import START, FakeWarmDesk

URL = FakeWarmDesk.base_url


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWarmDesk:
    fake = FakeWarmDesk(clock)
    fake.add_card(fake.add_project("My project", "myproject"), "First")
    return fake


@pytest.fixture
def http(fake: FakeWarmDesk) -> Iterator[httpx.Client]:
    with httpx.Client(transport=fake.transport(), base_url=URL) as client:
        yield client


def login(http: httpx.Client, fake: FakeWarmDesk) -> dict[str, str]:
    reply = http.post("/auth/login", json={"username": "alice", "password": fake.user.password})
    assert reply.status_code == 200
    tokens: dict[str, str] = reply.json()
    return tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_documents_login_and_a_15_minute_access_token(
    fake: FakeWarmDesk, http: httpx.Client, clock: FixedClock
) -> None:
    tokens = login(http, fake)
    assert set(tokens) == {"access_token", "refresh_token"}
    assert http.get("/projects", headers=bearer(tokens["access_token"])).status_code == 200
    clock.advance(minutes=15)
    expired = http.get("/projects", headers=bearer(tokens["access_token"]))
    assert expired.status_code == 401 and expired.json() == {"error": "missing or expired token"}
    fresh = http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).json()
    assert http.get("/projects", headers=bearer(fresh["access_token"])).status_code == 200
    # Rotated: the old refresh token is spent; logout spends the new one.
    assert http.post("/auth/refresh", json=tokens).status_code == 401
    assert http.post("/auth/logout", json={"refresh_token": fresh["refresh_token"]}).status_code == 204
    assert http.post("/auth/refresh", json=fresh).status_code == 401


def test_refresh_tokens_last_seven_days(
    fake: FakeWarmDesk, http: httpx.Client, clock: FixedClock
) -> None:
    tokens = login(http, fake)
    clock.advance(days=7)
    assert http.post("/auth/refresh", json=tokens).status_code == 401


def test_an_api_key_in_the_header_or_the_query(fake: FakeWarmDesk, http: httpx.Client) -> None:
    assert http.get("/projects", headers={"X-API-Key": fake.api_key}).status_code == 200
    assert http.get("/projects", params={"api_key": fake.api_key}).status_code == 200
    assert http.get("/projects", headers={"X-API-Key": "wd_wrong"}).status_code == 401


def test_documented_codes_and_error_shape(fake: FakeWarmDesk, http: httpx.Client) -> None:
    key = {"X-API-Key": fake.api_key}
    assert http.post("/auth/login", json={}).json() == {"error": "username and password are required"}
    assert http.post("/auth/login", json={"username": "alice", "password": "x"}).status_code == 401
    columns = http.get("/projects/myproject/columns", headers=key).json()
    create = http.post(f"/projects/myproject/columns/{columns[0]['id']}/cards", headers=key,
                       json={"title": "Second"})
    assert create.status_code == 201 and isinstance(create.json()["id"], int)
    assert http.post(f"/projects/myproject/columns/{columns[0]['id']}/cards", headers=key,
                     json={}).status_code == 400
    assert http.get("/projects/nope/columns", headers=key).status_code == 404
    card = create.json()["id"]
    move = http.patch(f"/projects/myproject/cards/{card}/move", headers=key,
                      json={"column_id": columns[-1]["id"]})
    assert move.status_code == 200 and move.json()["column_id"] == columns[-1]["id"]
    entry = http.post("/time-entries", headers=key, json={
        "card_id": card, "started_at": "2026-02-02T09:00:00Z", "ended_at": "2026-02-02T08:00:00Z"})
    assert entry.status_code == 422
    entry = http.post("/time-entries", headers=key, json={
        "card_id": card, "started_at": "2026-02-02T09:00:00Z", "ended_at": "2026-02-02T10:00:00Z"})
    assert entry.status_code == 201 and entry.json()["minutes"] == 60
    assert http.delete(f"/time-entries/{entry.json()['id']}", headers=key).status_code == 204
    viewer = fake.add_project("Read only", "ro", members={fake.user.id: "viewer"})
    ro = fake.column(viewer, "Backlog").id
    assert http.post(f"/projects/ro/columns/{ro}/cards", headers=key,
                     json={"title": "x"}).json() == {"error": "insufficient role"}


def test_the_weekly_timesheet_defaults_to_the_current_week(
    fake: FakeWarmDesk, http: httpx.Client, clock: FixedClock
) -> None:
    card = next(iter(fake.cards.values()))
    fake.add_entry(card, START, 5400)
    clock.advance(days=2)
    sheet = http.get("/reports/timesheet", headers={"X-API-Key": fake.api_key}).json()
    assert (sheet["from"], sheet["to"], sheet["total_minutes"]) == ("2026-02-02", "2026-02-08", 90)
    assert sheet["cards"][0]["days"] == [{"date": "2026-02-02", "minutes": 90}]
