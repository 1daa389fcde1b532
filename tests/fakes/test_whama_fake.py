"""The fake Whama against its API document, with plain httpx (not our adapter)."""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import parse_qs, urlsplit

import httpx

from tests.fakes.whama import FakeWhama


def test_envelope_paging_and_rate_headers() -> None:
    fake = FakeWhama()
    board = fake.add_board("Main")
    for n in range(5):
        fake.add_task(board, f"T{n}")
    with httpx.Client(transport=fake.transport(), base_url="https://api.whama.test") as http:
        reply = http.get("/api/v1/tasks", params={"page": "2", "limit": "2"},
                         headers={"X-API-Key": fake.live_key})
        body = reply.json()
        assert body["success"] is True and [t["title"] for t in body["data"]] == ["T2", "T3"]
        assert body["meta"] == {"page": 2, "limit": 2, "total": 5, "totalPages": 3}
        assert {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} <= set(reply.headers)
        test = http.get("/api/v1/tasks", headers={"X-API-Key": fake.test_key})
        assert "x-ratelimit-remaining" not in test.headers
        bad = http.post("/api/v1/tasks", json={}, headers={"X-API-Key": fake.test_key}).json()
        assert bad["error"]["code"] == "VALIDATION_ERROR"
        assert {"field": "title", "message": "Title is required"} in bad["error"]["details"]


def test_authorization_code_with_pkce() -> None:
    fake = FakeWhama()
    verifier = "v" * 64
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    redirect = "http://127.0.0.1:5555/callback"
    with httpx.Client(transport=fake.transport(), base_url="https://api.whama.test") as http:
        page = http.get("/oauth/authorize", params={
            "client_id": "stint-desktop", "redirect_uri": redirect, "response_type": "code",
            "scope": "tasks:read", "state": "s1", "code_challenge": challenge.decode(),
            "code_challenge_method": "S256"})
        query = parse_qs(urlsplit(page.headers["location"]).query)
        assert query["state"] == ["s1"]
        exchange = {"grant_type": "authorization_code", "client_id": "stint-desktop",
                    "code": query["code"][0], "redirect_uri": redirect}
        wrong = http.post("/oauth/token", json={**exchange, "code_verifier": "w" * 64})
        assert wrong.status_code == 400  # and the code is spent
        assert http.post("/oauth/token", json={**exchange, "code_verifier": verifier}).status_code == 400
