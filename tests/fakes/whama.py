"""A fake Whama API, written from Whama's API Documentation.

It follows the document, not our adapter: the reference table's /api/v1 paths,
X-API-Key (sk_live_ keys rate limited, sk_test_ keys not) or an OAuth bearer
token with scopes, OAuth 2.0 Authorization Code + PKCE (S256) at /oauth/authorize
and POST /oauth/token, the {"success", "data", "meta"} envelope, page/limit paging
(max 100) with meta.totalPages, errors as {"success": false, "error": {"code",
"message", "details"}} with the documented statuses, and X-RateLimit-Limit,
-Remaining and -Reset (a Unix time) on rate-limited replies. Time is the injected
clock's: tokens expire and rate windows reset when it is advanced.

Where the document is silent the fake chooses:
- the authorize page grants at once (the person said yes) and redirects with
  302 to redirect_uri?code=&state=; `deny = True` redirects with
  error=access_denied. A loopback redirect_uri may use any port (RFC 8252 §7.3);
- tokens: access 1 hour, refresh rotated on use; token replies are the envelope
  around RFC 6749 fields; a bad code, verifier or refresh token is 400
  INVALID_GRANT; a confidential client must send its client_secret;
- a board carries its columns; a task has completed (bool) beside columnId;
- rate windows are 60 seconds per credential, `rate_limit` requests each.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit

from stint.domain.clock import Clock, FixedClock
from tests.fakes.httpfake import FakeRequest, FakeResponse, FakeServer

START = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)
ACCESS_LIFETIME = timedelta(hours=1)
WINDOW = timedelta(seconds=60)
ALL_SCOPES = frozenset({"tasks:read", "tasks:write", "boards:read", "boards:write", "user:read"})


def stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def error(status: int, code: str, message: str, details: list[dict[str, str]] | None = None,
          headers: dict[str, str] | None = None) -> FakeResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return FakeResponse.json(status, {"success": False, "error": body}, headers)


def ok(status: int, data: Any, meta: dict[str, int] | None = None) -> FakeResponse:
    payload: dict[str, Any] = {"success": True, "data": data}
    if meta is not None:
        payload["meta"] = meta
    return FakeResponse.json(status, payload)


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    scopes: frozenset[str]


@dataclass
class Window:
    started: datetime
    used: int = 0


@dataclass
class FakeWhamaState:
    boards: dict[str, dict[str, Any]] = field(default_factory=dict)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)


class FakeWhama(FakeServer):
    base_path = "/api/v1"
    base_url = "https://api.whama.test/api/v1"
    required_keys = frozenset({"id", "title", "name", "boardId", "columnId", "completed",
                               "columns", "totalPages", "access_token"})

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self.clock: Clock = clock or FixedClock(START)
        self.state = FakeWhamaState()
        self.user = {"id": "usr_alice", "name": "Alice Smith", "email": "alice@example.com"}
        self.live_key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
        self.test_key = "sk_test_BQokikJOvBiI2HlWgH4olfQ2"
        self.clients: dict[str, str | None] = {"stint-desktop": None,
                                               "server-app": "cs_confidential_s3cr3t"}
        self.codes: dict[str, Grant] = {}
        self.access: dict[str, tuple[frozenset[str], datetime]] = {}
        self.refresh: dict[str, tuple[str, frozenset[str]]] = {}
        self.windows: dict[str, Window] = {}
        self.rate_limit = 100
        self.max_limit = 100
        self.deny = False
        self._ids = itertools.count(1)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):04d}"

    # --- the web app -------------------------------------------------------------

    def add_board(self, name: str, columns: tuple[str, ...] = ("To do", "In progress", "Done")
                  ) -> dict[str, Any]:
        with self.lock:
            board = {"id": self.new_id("board"), "name": name,
                     "columns": [{"id": self.new_id("column"), "name": c} for c in columns],
                     "createdAt": stamp(self.clock.now())}
            self.state.boards[board["id"]] = board
            return board

    def add_task(self, board: dict[str, Any], title: str, column: int = 0,
                 **fields: Any) -> dict[str, Any]:
        with self.lock:
            now = stamp(self.clock.now())
            task = {"id": self.new_id("task"), "title": title, "description": "",
                    "boardId": board["id"], "columnId": board["columns"][column]["id"],
                    "completed": False, "priority": "medium", "dueDate": None, "labels": [],
                    "createdAt": now, "updatedAt": now, **fields}
            self.state.tasks[task["id"]] = task
            return task

    def _issue(self, client_id: str, scopes: frozenset[str]) -> dict[str, Any]:
        n = next(self._ids)
        access, refresh = f"wat_{n}_AcCeSsT0ken", f"wrt_{n}_ReFrEsHT0ken"
        self.access[access] = (scopes, self.clock.now() + ACCESS_LIFETIME)
        self.refresh[refresh] = (client_id, scopes)
        return {"access_token": access, "token_type": "Bearer",
                "expires_in": int(ACCESS_LIFETIME.total_seconds()), "refresh_token": refresh,
                "scope": " ".join(sorted(scopes))}

    # --- the API -------------------------------------------------------------------

    def fault_payload(self, status: int) -> Any:
        if status == 429:
            return {"success": False, "error": {"code": "RATE_LIMIT_EXCEEDED",
                                                "message": "Rate limit exceeded"}}
        return {"success": False, "error": {"code": "INTERNAL_ERROR",
                                            "message": "Internal server error"}}

    def handle(self, request: FakeRequest) -> FakeResponse:
        if request.path == "/oauth/authorize" and request.method == "GET":
            return self._authorize(request.query)
        if request.path == "/oauth/token" and request.method == "POST":
            body = request.json()
            return self._token(body if isinstance(body, dict) else {})
        who = self._caller(request)
        if who is None:
            return error(401, "UNAUTHORIZED", "Invalid or missing authentication")
        credential, scopes, limited = who
        headers: dict[str, str] = {}
        if limited:
            window = self.windows.get(credential)
            now = self.clock.now()
            if window is None or now >= window.started + WINDOW:
                window = self.windows[credential] = Window(now)
            window.used += 1
            reset = int((window.started + WINDOW).timestamp())
            headers = {"X-RateLimit-Limit": str(self.rate_limit),
                       "X-RateLimit-Remaining": str(max(0, self.rate_limit - window.used)),
                       "X-RateLimit-Reset": str(reset)}
            if window.used > self.rate_limit:
                return error(429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded", headers=headers)
        response = self.route(request, scopes)
        response.headers.update(headers)
        return response

    def _caller(self, request: FakeRequest) -> tuple[str, frozenset[str], bool] | None:
        key = request.headers.get("x-api-key")
        if key is not None:
            if key == self.live_key:
                return key, ALL_SCOPES, True
            return (key, ALL_SCOPES, False) if key == self.test_key else None
        auth = request.headers.get("authorization", "")
        held = self.access.get(auth[7:]) if auth.startswith("Bearer ") else None
        if held is None or self.clock.now() >= held[1]:
            return None
        return auth[7:], held[0], True

    def _authorize(self, q: dict[str, str]) -> FakeResponse:
        redirect = q.get("redirect_uri", "")
        parts = urlsplit(redirect)
        if q.get("client_id") not in self.clients or parts.scheme != "http" \
                or parts.hostname != "127.0.0.1" or parts.path != "/callback":
            return error(400, "INVALID_REQUEST", "unknown client or redirect_uri")
        if self.deny:
            answer = {"error": "access_denied", "state": q.get("state", "")}
        elif q.get("response_type") != "code" or q.get("code_challenge_method") != "S256" \
                or not q.get("code_challenge"):
            answer = {"error": "invalid_request", "state": q.get("state", "")}
        else:
            code = f"code_{next(self._ids)}_x7"
            scopes = frozenset(q.get("scope", "").split()) & ALL_SCOPES
            self.codes[code] = Grant(q["client_id"], redirect, q["code_challenge"], scopes)
            answer = {"code": code, "state": q.get("state", "")}
        return FakeResponse(302, b"", {"Location": f"{redirect}?{urlencode(answer)}"})

    def _token(self, body: dict[str, Any]) -> FakeResponse:
        client_id = body.get("client_id")
        if client_id not in self.clients:
            return error(401, "INVALID_CLIENT", "unknown client")
        secret = self.clients[client_id]
        if secret is not None and body.get("client_secret") != secret:
            return error(401, "INVALID_CLIENT", "client authentication failed")
        grant = body.get("grant_type")
        if grant == "authorization_code":
            held = self.codes.pop(str(body.get("code")), None)  # single use
            verifier = body.get("code_verifier")
            if held is None or held.client_id != client_id \
                    or held.redirect_uri != body.get("redirect_uri") \
                    or not isinstance(verifier, str):
                return error(400, "INVALID_GRANT", "invalid authorization code")
            digest = hashlib.sha256(verifier.encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != held.challenge:
                return error(400, "INVALID_GRANT", "PKCE verification failed")
            return ok(200, self._issue(client_id, held.scopes))
        if grant == "refresh_token":
            held_refresh = self.refresh.pop(str(body.get("refresh_token")), None)
            if held_refresh is None or held_refresh[0] != client_id:
                return error(400, "INVALID_GRANT", "invalid refresh token")
            return ok(200, self._issue(client_id, held_refresh[1]))
        return error(400, "UNSUPPORTED_GRANT_TYPE", "unsupported grant_type")

    def route(self, request: FakeRequest, scopes: frozenset[str]) -> FakeResponse:
        if not request.path.startswith(self.base_path + "/"):
            return error(404, "NOT_FOUND", "Resource does not exist")
        parts = [p for p in request.path[len(self.base_path):].split("/") if p]
        m = request.method
        need = {"tasks": "tasks", "boards": "boards", "user": "user"}.get(parts[0], "")
        scope = f"{need}:{'read' if m == 'GET' else 'write'}"
        if scope not in scopes:
            return error(403, "FORBIDDEN", f"Insufficient permissions: {scope} required")
        if parts == ["user"] and m == "GET":
            return ok(200, self.user)
        store = {"tasks": self.state.tasks, "boards": self.state.boards}.get(parts[0])
        if store is None:
            return error(404, "NOT_FOUND", "Resource does not exist")
        if len(parts) == 1 and m == "GET":
            return self._page(list(store.values()), request.query)
        if parts == ["tasks"] and m == "POST":
            return self._create(request.json())
        thing = store.get(parts[1]) if len(parts) == 2 else None
        if thing is None:
            return error(404, "NOT_FOUND", "Resource does not exist")
        if m == "GET":
            return ok(200, thing)
        if m == "DELETE":
            del store[parts[1]]
            return ok(200, {"id": parts[1], "deleted": True})
        if m == "PATCH" and parts[0] == "tasks":
            return self._update(thing, request.json())
        return error(404, "NOT_FOUND", "Resource does not exist")

    def _page(self, items: list[dict[str, Any]], q: dict[str, str]) -> FakeResponse:
        page, limit = q.get("page", "1"), q.get("limit", "20")
        if not (page.isdigit() and limit.isdigit()) or int(page) < 1 or int(limit) < 1:
            return error(400, "VALIDATION_ERROR", "Invalid request parameters",
                         [{"field": "page", "message": "page and limit must be positive"}])
        size = min(int(limit), self.max_limit)
        start = (int(page) - 1) * size
        pages = max(1, -(-len(items) // size))
        return ok(200, items[start:start + size],
                  {"page": int(page), "limit": size, "total": len(items), "totalPages": pages})

    def _create(self, body: Any) -> FakeResponse:
        body = body if isinstance(body, dict) else {}
        details = []
        if not isinstance(body.get("title"), str) or not body["title"].strip():
            details.append({"field": "title", "message": "Title is required"})
        board = self.state.boards.get(str(body.get("boardId")))
        if board is None:
            details.append({"field": "boardId", "message": "Board not found"})
        if details:
            return error(400, "VALIDATION_ERROR", "Invalid request parameters", details)
        assert board is not None
        ids = [c["id"] for c in board["columns"]]
        column = body.get("columnId", ids[0])
        if column not in ids:
            return error(400, "VALIDATION_ERROR", "Invalid request parameters",
                         [{"field": "columnId", "message": "Column not on this board"}])
        task = self.add_task(board, body["title"], ids.index(column),
                             description=str(body.get("description") or ""))
        return ok(201, task)

    def _update(self, task: dict[str, Any], body: Any) -> FakeResponse:
        body = body if isinstance(body, dict) else {}
        board = self.state.boards[task["boardId"]]
        if "columnId" in body and body["columnId"] not in [c["id"] for c in board["columns"]]:
            return error(400, "VALIDATION_ERROR", "Invalid request parameters",
                         [{"field": "columnId", "message": "Column not on this board"}])
        if "completed" in body and not isinstance(body["completed"], bool):
            return error(400, "VALIDATION_ERROR", "Invalid request parameters",
                         [{"field": "completed", "message": "Must be a boolean"}])
        for name in ("title", "description", "columnId", "completed", "dueDate", "priority"):
            if name in body:
                task[name] = body[name]
        task["updatedAt"] = stamp(self.clock.now())
        return ok(200, task)
