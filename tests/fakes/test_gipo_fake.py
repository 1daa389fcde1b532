"""The fake Gipo against its API document, with plain httpx (not our adapter)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.fakes.gipo import FakeGipo


@pytest.fixture
def fake() -> FakeGipo:
    fake = FakeGipo()
    board = fake.add_board("Website")
    for n in range(3):
        fake.add_task(board, f"T{n}")
    return fake


@pytest.fixture
def http(fake: FakeGipo) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {fake.key}"}
    with httpx.Client(transport=fake.transport(), base_url=fake.base_url, headers=headers) as c:
        yield c


def test_the_documents_curl_and_list_shapes(fake: FakeGipo, http: httpx.Client) -> None:
    assert fake.key.startswith("ba_")
    workspaces = http.get("/workspaces").json()
    assert set(workspaces) == {"data", "total"} and workspaces["total"] == 1
    tasks = http.get("/tasks", params={"limit": "2"}).json()
    assert set(tasks) == {"data", "pagination"} and len(tasks["data"]) == 2
    rest = http.get("/tasks", params={"cursor": tasks["pagination"]["nextCursor"]}).json()
    assert [t["title"] for t in rest["data"]] == ["T2"] and rest["pagination"]["nextCursor"] is None
    one = http.get(f"/tasks/{tasks['data'][0]['id']}").json()
    assert set(one) == {"data"} and one["data"]["updatedAt"].endswith(".000Z")


def test_keys_are_per_organisation_and_cross_org_ids_are_404(fake: FakeGipo,
                                                              http: httpx.Client) -> None:
    assert http.get("/workspaces", headers={"Authorization": "Bearer ba_nope"}).status_code == 401
    other = fake.add_task(fake.add_board("Theirs", org="globex"), "Secret")
    assert http.get(f"/tasks/{other.id}").status_code == 404
    assert all(t["title"] != "Secret" for t in http.get("/tasks").json()["data"])


def test_idempotency_key_answers_the_first_reply(fake: FakeGipo, http: httpx.Client) -> None:
    board = next(iter(fake.things["board"]))
    body = {"title": "Once", "boardId": board}
    first = http.post("/tasks", json=body, headers={"Idempotency-Key": "k1"})
    again = http.post("/tasks", json=body, headers={"Idempotency-Key": "k1"})
    assert first.status_code == again.status_code == 201 and first.json() == again.json()
    assert sum(t.fields["title"] == "Once" for t in fake.things["task"].values()) == 1
    other = http.post("/tasks", json={**body, "title": "x"}, headers={"Idempotency-Key": "k1"})
    assert other.status_code == 422 and other.json()["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
