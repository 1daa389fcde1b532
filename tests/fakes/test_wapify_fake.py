"""The fake Wapify against the API document, with plain httpx (not our adapter)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from stint.domain.clock import FixedClock
from tests.fakes.wapify import START, FakeWapify

URL = FakeWapify.base_url


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def fake(clock: FixedClock) -> FakeWapify:
    return FakeWapify(clock)


@pytest.fixture
def http(fake: FakeWapify) -> Iterator[httpx.Client]:
    with httpx.Client(
        transport=fake.transport(), headers={"Authorization": f"Bearer {fake.token}"}
    ) as client:
        yield client


def body(response: httpx.Response) -> Any:
    return response.json()


def test_every_request_needs_a_known_bearer_token(fake: FakeWapify) -> None:
    client = httpx.Client(transport=fake.transport())
    assert client.get(URL).status_code == 401
    assert client.get(URL, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(URL, headers={"Authorization": fake.token}).status_code == 401
    fake.revoke_token(fake.token)
    assert client.get(URL, headers={"Authorization": f"Bearer {fake.token}"}).status_code == 401


def test_statuses_include_cancelled(http: httpx.Client) -> None:
    data = body(http.get(f"{URL}/statuses"))["data"]
    assert [s["name"] for s in data] == ["TO_DO", "IN_PROGRESS", "REVIEW", "DONE", "CANCELLED"]
    assert data[0] == {"id": 1, "name": "TO_DO", "translated_name": "Por hacer", "color": "#6c757d"}


def test_list_shows_my_tasks_filtered_by_pending_and_status(
    fake: FakeWapify, http: httpx.Client
) -> None:
    mine = fake.web_create_task("Mía", project="Web", estimated_hours=5.5)
    done = fake.web_create_task("Hecha", status="DONE")
    cancelled = fake.web_create_task("Cancelada", status="CANCELLED")
    other, _ = fake.add_user("Ana", "ana@example.com")
    fake.web_create_task("De Ana", user=other)

    def ids(params: dict[str, str]) -> list[int]:
        return [t["id"] for t in body(http.get(URL, params=params))["data"]]

    assert ids({}) == [mine, done, cancelled]
    assert ids({"pending_only": "1"}) == ids({"pending_only": "true"}) == [mine]
    assert ids({"status_id": "4"}) == [done]
    assert http.get(URL, params={"status_id": "x"}).status_code == 422
    task = body(http.get(URL))["data"][0]
    assert task["project"] == {"id": 1, "name": "Web"} and task["estimated_hours"] == 5.5
    assert task["responsible"]["email"] == "juan@example.com" and task["active_time"] is None


def test_create_with_start_timer_moves_to_in_progress_and_stops_the_other_timer(
    fake: FakeWapify, http: httpx.Client, clock: FixedClock
) -> None:
    first = fake.web_create_task("Primera", start_timer=True)
    clock.advance(600)
    response = http.post(URL, json={"title": "Nueva", "description": "d", "start_timer": True})
    assert response.status_code == 201
    payload = body(response)
    assert payload["message"] == "Tarea creada correctamente."
    data = payload["data"]
    assert data["status"]["name"] == "IN_PROGRESS" and data["timer_started"] is True
    running = fake.user_timer(fake.user.id)
    assert fake.running_time(first) is None and running and running.id == data["time_id"]
    plain = body(http.post(URL, json={"title": "Sin timer"}))["data"]
    assert plain["status"]["name"] == "TO_DO" and plain["time_id"] is None


@pytest.mark.parametrize(
    "payload",
    [{}, {"title": ""}, {"title": "x" * 256}, {"title": 5}, {"title": "t", "start_timer": "y"}],
)
def test_create_validates_its_input(http: httpx.Client, payload: dict[str, Any]) -> None:
    response = http.post(URL, json=payload)
    assert response.status_code == 422 and body(response)["success"] is False


def test_status_update(fake: FakeWapify, http: httpx.Client) -> None:
    task = fake.web_create_task("T")
    response = http.put(f"{URL}/{task}/status", json={"status_id": 4})
    assert body(response)["message"] == "Estado actualizado correctamente."
    assert body(response)["data"] == {
        "task_id": task, "status": {"id": 4, "name": "DONE", "translated_name": "Completado"}
    }
    assert http.put(f"{URL}/{task}/status", json={"status_id": 99}).status_code == 422
    assert http.put(f"{URL}/{task}/status", json={}).status_code == 422


def test_start_and_stop_follow_the_one_timer_rule(
    fake: FakeWapify, http: httpx.Client, clock: FixedClock
) -> None:
    a, b = fake.web_create_task("A"), fake.web_create_task("B")
    started = body(http.post(f"{URL}/{a}/start"))
    assert started["message"] == "Tarea iniciada correctamente."
    assert started["data"]["started_at"] == "2026-02-02T14:00:00Z"
    again = http.post(f"{URL}/{a}/start")
    assert again.status_code == 400 and body(again)["success"] is False
    clock.advance(1800)
    http.post(f"{URL}/{b}/start")
    assert fake.running_time(a) is None and fake.tasks[b].status_id == 2
    clock.advance(900)
    stopped = body(http.post(f"{URL}/{b}/stop"))
    assert stopped["message"] == "Tarea detenida correctamente."
    assert stopped["data"]["duration_seconds"] == 900
    assert stopped["data"]["duration_formatted"] == "00:15:00"
    assert http.post(f"{URL}/{b}/stop").status_code == 400


def test_other_users_tasks_are_forbidden_and_missing_ones_not_found(
    fake: FakeWapify, http: httpx.Client
) -> None:
    other, _ = fake.add_user("Ana", "ana@example.com")
    theirs = fake.web_create_task("De Ana", user=other)
    response = http.post(f"{URL}/{theirs}/start")
    assert response.status_code == 403
    assert body(response) == {
        "success": False, "message": "No tienes permiso para iniciar esta tarea."
    }
    assert http.get(f"{URL}/{theirs}").status_code == 403
    assert http.get(f"{URL}/999").status_code == 404
    assert http.get(f"{URL}/999/time").status_code == 404


def test_time_counts_the_running_timer_in_the_total(
    fake: FakeWapify, http: httpx.Client, clock: FixedClock
) -> None:
    task = fake.web_create_task("T", project="Web")
    fake.web_start(task)
    clock.advance(8100)
    fake.web_stop(task)
    clock.advance(60)
    fake.web_start(task)
    clock.advance(4200)
    data = body(http.get(f"{URL}/{task}/time"))["data"]
    assert data["total_seconds"] == 12300 and data["total_formatted"] == "03:25:00"
    assert data["total_hours"] == 3.42
    assert data["active_time"]["started_at"] == "2026-02-02T16:16:00Z"
    assert [e["duration_seconds"] for e in data["entries"]] == [8100]
    assert data["task"]["project"]["name"] == "Web"
    listed = body(http.get(f"{URL}/{task}"))["data"]
    assert listed["active_time"]["elapsed_seconds"] == 4200


# --- faults in process ------------------------------------------------------------


def test_faults_hit_only_matching_requests_for_n_times(
    fake: FakeWapify, http: httpx.Client
) -> None:
    fake.fail("error", method="POST", path="*/start", times=2, status=503)
    task = fake.web_create_task("T")
    assert http.get(URL).status_code == 200
    assert [http.post(f"{URL}/{task}/start").status_code for _ in range(3)] == [503, 503, 200]
    assert fake.count("POST", "*/start") == 3 and fake.count() == 4


def test_transport_faults_raise_what_httpx_raises(fake: FakeWapify, http: httpx.Client) -> None:
    task = fake.web_create_task("T")
    fake.fail("down")
    with pytest.raises(httpx.ConnectError):
        http.post(f"{URL}/{task}/start")
    assert fake.running_time(task) is None
    fake.fail("drop")
    with pytest.raises(httpx.RemoteProtocolError):
        http.post(f"{URL}/{task}/start")
    assert fake.running_time(task) is not None  # applied, then the reply was lost
    fake.fail("slow")
    with pytest.raises(httpx.ReadTimeout):
        http.post(f"{URL}/{task}/stop")
    assert fake.running_time(task) is None


def test_rate_limit_carries_the_given_headers(fake: FakeWapify, http: httpx.Client) -> None:
    fake.fail("rate_limit", headers={"Retry-After": "120"})
    response = http.get(URL)
    assert response.status_code == 429 and response.headers["retry-after"] == "120"


def test_garbage_kinds(fake: FakeWapify, http: httpx.Client) -> None:
    fake.web_create_task("T")
    fake.fail("invalid_json")
    with pytest.raises(json.JSONDecodeError):
        http.get(URL).json()
    fake.fail("wrong_types")
    assert body(http.get(URL))["data"][0]["id"] == "1"
    fake.fail("missing_fields")
    assert "id" not in body(http.get(URL))["data"][0]
    fake.fail("huge")
    response = http.get(URL)
    assert "content-length" not in response.headers and len(response.content) > 5 * 1024 * 1024


# --- over a real socket -----------------------------------------------------------


def test_served_on_loopback_with_the_same_state_and_faults(fake: FakeWapify) -> None:
    task = fake.web_create_task("T")
    with fake.serve() as url, httpx.Client(
        headers={"Authorization": f"Bearer {fake.token}"}, timeout=httpx.Timeout(2.0, read=0.2)
    ) as client:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/api/tasks")
        assert [t["id"] for t in client.get(url).json()["data"]] == [task]
        fake.fail("drop", path="*/start")
        with pytest.raises(httpx.RemoteProtocolError):
            client.post(f"{url}/{task}/start")
        assert fake.running_time(task) is not None
        fake.fail("slow", path="*/stop")
        with pytest.raises(httpx.ReadTimeout):
            client.post(f"{url}/{task}/stop")
        fake.fail("down")
        with pytest.raises(httpx.TransportError):
            client.get(url)
        fake.fail("huge")
        assert len(client.get(url).content) > 5 * 1024 * 1024
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, timeout=1.0)
