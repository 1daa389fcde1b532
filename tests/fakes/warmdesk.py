"""A fake WarmDesk REST API, written from WarmDesk's API Reference.

It follows the document, not our adapter: everything under /api/v1, JWT sign-in
with a 15-minute access token and a 7-day refresh token (or an API key in
X-API-Key or ?api_key=), projects by slug, columns, cards, a move to another
column, /time-entries and /reports/timesheet, errors as {"error": "..."} with the
documented codes (400 validation, 401 missing or expired token, 403 insufficient
role, 404 missing or not accessible, 422 semantic validation). Time is the
injected clock's: advance it 15 minutes and the access token has expired.

Where the document is silent the fake chooses, as a Go server of this kind would:
- login takes {"username", "password"} and answers {"access_token",
  "refresh_token"}; refresh takes {"refresh_token"} and rotates both (the old
  refresh token stops working); a deactivated account gets 403 at login;
- lists are whole JSON arrays (the document names paging for chat only);
- a project someone is not a member of is "not accessible": 404; a viewer's
  write is 403 "insufficient role";
- a time entry is an interval on a card: {"id", "card_id", "project",
  "user_id", "started_at", "ended_at", "minutes", "description", ...};
- /reports/timesheet?from=&to= (UTC days, inclusive; default the current ISO
  week) groups the caller's entries by card, each entry on the day it starts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from stint.domain.clock import Clock, FixedClock
from tests.fakes.httpfake import FakeRequest, FakeResponse, FakeServer
from tests.fakes.warmdesk_resources import (
    FakeCard,
    FakeColumn,
    FakeEntry,
    FakeProject,
    FakeUser,
    Resources,
    error,
)

START = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)  # a Monday
ACCESS_LIFETIME = timedelta(minutes=15)
REFRESH_LIFETIME = timedelta(days=7)
COLUMNS = (("Backlog", "#6c757d"), ("In progress", "#0d6efd"), ("Done", "#198754"))


class FakeWarmDesk(Resources, FakeServer):
    base_path = "/api/v1"
    base_url = "https://warmdesk.test/api/v1"
    required_keys = frozenset({
        "id", "slug", "name", "position", "column_id", "card_id", "project", "title",
        "username", "access_token", "refresh_token", "started_at", "ended_at",
        "cards", "days", "date", "minutes", "entries",
    })

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self.clock: Clock = clock or FixedClock(START)
        self.users: dict[int, FakeUser] = {}
        self.api_keys: dict[str, int] = {}
        self.access: dict[str, tuple[int, datetime]] = {}   # token -> user, expires
        self.refresh: dict[str, tuple[int, datetime]] = {}
        self.projects: dict[int, FakeProject] = {}
        self.columns: dict[int, FakeColumn] = {}
        self.cards: dict[int, FakeCard] = {}
        self.entries: dict[int, FakeEntry] = {}
        self._next: dict[str, int] = {}
        self.user = self.add_user("alice", "hunter2-correct-horse", "Alice Smith")
        self.api_key = self.add_api_key(self.user)

    def new_id(self, kind: str) -> int:
        self._next[kind] = self._next.get(kind, 0) + 1
        return self._next[kind]

    # --- the web UI ------------------------------------------------------------

    def add_user(self, username: str, password: str, display_name: str = "") -> FakeUser:
        with self.lock:
            user = FakeUser(self.new_id("user"), username, password,
                            f"{username}@example.com", display_name)
            self.users[user.id] = user
            return user

    def add_api_key(self, user: FakeUser) -> str:
        with self.lock:
            key = f"wd_{user.id}_apikey-{self.new_id('key')}-s3cr3tValue"
            self.api_keys[key] = user.id
            return key

    def add_project(self, name: str, slug: str, *, members: dict[int, str] | None = None,
                    columns: tuple[tuple[str, str | None], ...] = COLUMNS) -> FakeProject:
        with self.lock:
            project = FakeProject(self.new_id("project"), slug, name,
                                  dict(members or {self.user.id: "member"}))
            self.projects[project.id] = project
            for position, (column, color) in enumerate(columns, 1):
                col = FakeColumn(self.new_id("column"), project.id, column, position * 1000, color)
                self.columns[col.id] = col
            return project

    def column(self, project: FakeProject, name: str) -> FakeColumn:
        return next(c for c in self.columns.values()
                    if c.project_id == project.id and c.name == name)

    def add_card(self, project: FakeProject, title: str, column: str = "Backlog", *,
                 description: str = "", due_date: date | None = None) -> FakeCard:
        with self.lock:
            now = self.clock.now()
            card = FakeCard(self.new_id("card"), project.id, self.column(project, column).id,
                            title, description, now, now, due_date)
            self.cards[card.id] = card
            return card

    def add_entry(self, card: FakeCard, started_at: datetime, seconds: int,
                  user: FakeUser | None = None, description: str = "") -> FakeEntry:
        with self.lock:
            now = self.clock.now()
            entry = FakeEntry(self.new_id("entry"), (user or self.user).id, card.id, started_at,
                              started_at + timedelta(seconds=seconds), description, now, now)
            self.entries[entry.id] = entry
            return entry

    def expire_refresh_tokens(self) -> None:
        with self.lock:
            self.refresh.clear()

    def _issue(self, user_id: int) -> dict[str, str]:
        now, n = self.clock.now(), self.new_id("token")
        access = f"eyJhbGciOiJIUzI1NiJ9.access-{user_id}-{n}.sig-{n}xQ9"
        refresh = f"eyJhbGciOiJIUzI1NiJ9.refresh-{user_id}-{n}.sig-{n}zR7"
        self.access[access] = (user_id, now + ACCESS_LIFETIME)
        self.refresh[refresh] = (user_id, now + REFRESH_LIFETIME)
        return {"access_token": access, "refresh_token": refresh}

    # --- the API -------------------------------------------------------------------

    def fault_payload(self, status: int) -> Any:
        return {"error": "too many requests" if status == 429 else "internal server error"}

    def handle(self, request: FakeRequest) -> FakeResponse:
        if not request.path.startswith(self.base_path + "/"):
            return error(404, "not found")
        parts = [p for p in request.path[len(self.base_path):].split("/") if p]
        body = request.json()
        if parts[:1] == ["auth"] and request.method == "POST":
            return self._auth(parts[1:], body if isinstance(body, dict) else {})
        user = self._caller(request)
        if user is None:
            return error(401, "missing or expired token")
        return self.route(user, request.method, parts, request.query, body)

    def _caller(self, request: FakeRequest) -> FakeUser | None:
        now = self.clock.now()
        key = request.headers.get("x-api-key") or request.query.get("api_key")
        if key is not None:
            user_id = self.api_keys.get(key)
        else:
            auth = request.headers.get("authorization", "")
            held = self.access.get(auth[7:]) if auth.startswith("Bearer ") else None
            user_id = held[0] if held is not None and now < held[1] else None
        user = self.users.get(user_id) if user_id is not None else None
        return user if user is not None and user.active else None

    def _auth(self, parts: list[str], body: dict[str, Any]) -> FakeResponse:
        now = self.clock.now()
        if parts == ["login"]:
            name, password = body.get("username"), body.get("password")
            if not isinstance(name, str) or not name or not isinstance(password, str):
                return error(400, "username and password are required")
            user = next((u for u in self.users.values() if name in (u.username, u.email)), None)
            if user is None or user.password != password:
                return error(401, "invalid credentials")
            if not user.active:
                return error(403, "account deactivated")
            return FakeResponse.json(200, self._issue(user.id))
        if parts in (["refresh"], ["logout"]):
            token = body.get("refresh_token")
            if not isinstance(token, str) or not token:
                return error(400, "refresh_token is required")
            held = self.refresh.pop(token, None)
            if parts == ["logout"]:
                return FakeResponse(204)
            if held is None or now >= held[1] or not self.users[held[0]].active:
                return error(401, "invalid refresh token")
            return FakeResponse.json(200, self._issue(held[0]))
        return error(404, "not found")
