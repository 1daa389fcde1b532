"""The resources of the fake WarmDesk (see tests/fakes/warmdesk.py): its records and
the routes under /api/v1 that need a signed-in caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from stint.domain.clock import Clock
from tests.fakes.httpfake import FakeResponse


@dataclass
class FakeUser:
    id: int
    username: str
    password: str
    email: str
    display_name: str
    active: bool = True


@dataclass
class FakeProject:
    id: int
    slug: str
    name: str
    roles: dict[int, str] = field(default_factory=dict)  # user id -> viewer | member


@dataclass
class FakeColumn:
    id: int
    project_id: int
    name: str
    position: int
    color: str | None


@dataclass
class FakeCard:
    id: int
    project_id: int
    column_id: int
    title: str
    description: str
    created_at: datetime
    updated_at: datetime
    due_date: date | None = None
    deleted: bool = False


@dataclass
class FakeEntry:
    id: int
    user_id: int
    card_id: int
    started_at: datetime
    ended_at: datetime
    description: str
    created_at: datetime
    updated_at: datetime

    @property
    def seconds(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds())


class Resources:
    """Projects, columns, cards, time entries and the timesheet, as the caller sees them."""

    clock: Clock
    users: dict[int, FakeUser]
    projects: dict[int, FakeProject]
    columns: dict[int, FakeColumn]
    cards: dict[int, FakeCard]
    entries: dict[int, FakeEntry]

    def new_id(self, kind: str) -> int:
        raise NotImplementedError

    def route(self, user: FakeUser, method: str, parts: list[str], query: dict[str, str],
              body: Any) -> FakeResponse:
        body = body if isinstance(body, dict) else {}
        n = len(parts)
        if parts == ["users", "me"] and method == "GET":
            return FakeResponse.json(200, {
                "id": user.id, "username": user.username, "email": user.email,
                "display_name": user.display_name, "global_role": "user",
            })
        if parts[:1] == ["time-entries"]:
            return self._time_entries(user, method, parts[1:], body)
        if parts == ["reports", "timesheet"] and method == "GET":
            return self._timesheet(user, query)
        if parts == ["projects"] and method == "GET":
            mine = [p for p in self.projects.values() if user.id in p.roles]
            return FakeResponse.json(200, [self.project_json(p) for p in mine])
        if parts[:1] != ["projects"] or n < 2:
            return error(404, "not found")
        project = next((p for p in self.projects.values() if p.slug == parts[1]), None)
        if project is None or user.id not in project.roles:
            return error(404, "project not found")
        writer = project.roles[user.id] != "viewer"
        if n == 2 and method == "GET":
            return FakeResponse.json(200, self.project_json(project))
        if n == 3 and parts[2] == "columns" and method == "GET":
            return FakeResponse.json(200, [self.column_json(c) for c in self._columns(project)])
        if n == 5 and parts[2] == "columns" and parts[4] == "cards":
            column = self._find_column(project, parts[3])
            if column is None:
                return error(404, "column not found")
            if method == "GET":
                cards = [c for c in self.cards.values()
                         if c.column_id == column.id and not c.deleted]
                return FakeResponse.json(200, [self.card_json(c) for c in cards])
            if method == "POST":
                return self._create_card(project, column, body) if writer else _role()
        if n >= 4 and parts[2] == "cards":
            card = self.cards.get(int(parts[3])) if parts[3].isdigit() else None
            if card is None or card.deleted or card.project_id != project.id:
                return error(404, "card not found")
            if n == 4 and method == "GET":
                return FakeResponse.json(200, self.card_json(card))
            if n == 5 and parts[4] == "move" and method == "PATCH":
                return self._move(project, card, body) if writer else _role()
        return error(404, "not found")

    # The document promises no more than "201 Created — resource created; id in
    # response" and "200 OK — resource returned or updated": with `id_only` set, a
    # write answers just that, {"id": n}.
    id_only = False

    def written(self, status: int, ident: int, resource: dict[str, Any]) -> FakeResponse:
        return FakeResponse.json(status, {"id": ident} if self.id_only else resource)

    def _columns(self, project: FakeProject) -> list[FakeColumn]:
        found = [c for c in self.columns.values() if c.project_id == project.id]
        return sorted(found, key=lambda c: c.position)

    def _find_column(self, project: FakeProject, ident: Any) -> FakeColumn | None:
        column = self.columns.get(int(ident)) if str(ident).isdigit() else None
        return column if column is not None and column.project_id == project.id else None

    def _create_card(self, project: FakeProject, column: FakeColumn, body: dict[str, Any]
                     ) -> FakeResponse:
        title, description = body.get("title"), body.get("description", "")
        if not isinstance(title, str) or not title.strip():
            return error(400, "title is required")
        if not isinstance(description, str):
            return error(400, "description must be a string")
        now = self.clock.now()
        card = FakeCard(self.new_id("card"), project.id, column.id, title, description, now, now)
        self.cards[card.id] = card
        return self.written(201, card.id, self.card_json(card))

    def _move(self, project: FakeProject, card: FakeCard, body: dict[str, Any]) -> FakeResponse:
        column_id = body.get("column_id")
        if not isinstance(column_id, int) or isinstance(column_id, bool):
            return error(400, "column_id is required")
        column = self._find_column(project, column_id)
        if column is None:
            return error(422, "column does not belong to this project")
        card.column_id, card.updated_at = column.id, self.clock.now()
        return self.written(200, card.id, self.card_json(card))

    def _time_entries(self, user: FakeUser, method: str, rest: list[str], body: dict[str, Any]
                      ) -> FakeResponse:
        if rest == [] and method == "POST":
            card_id = body.get("card_id")
            if not isinstance(card_id, int) or isinstance(card_id, bool):
                return error(400, "card_id is required")
            card = self.cards.get(card_id)
            project = self.projects[card.project_id] if card else None
            if card is None or card.deleted or project is None or user.id not in project.roles:
                return error(404, "card not found")
            if project.roles[user.id] == "viewer":
                return _role()
            now = self.clock.now()
            new = FakeEntry(self.new_id("entry"), user.id, card.id, now, now, "", now, now)
            refused = self._apply(new, body, required=True)
            if refused is not None:
                return refused
            self.entries[new.id] = new
            return self.written(201, new.id, self.entry_json(new))
        if len(rest) != 1 or method not in ("PUT", "DELETE"):
            return error(404, "not found")
        entry = self.entries.get(int(rest[0])) if rest[0].isdigit() else None
        if entry is None:
            return error(404, "time entry not found")
        if entry.user_id != user.id:
            return error(403, "you can only change your own time entries")
        if method == "DELETE":
            del self.entries[entry.id]
            return FakeResponse(204)
        refused = self._apply(entry, body, required=False)
        if refused is not None:
            return refused
        entry.updated_at = self.clock.now()
        return self.written(200, entry.id, self.entry_json(entry))

    def _apply(self, entry: FakeEntry, body: dict[str, Any], required: bool
               ) -> FakeResponse | None:
        """Validate the whole body first, so a refused write changes nothing."""
        changes: dict[str, Any] = {}
        for key in ("started_at", "ended_at"):
            if key in body or required:
                when = parse_instant(body.get(key))
                if when is None:
                    return error(400, f"{key} must be an ISO 8601 time with an offset")
                changes[key] = when
        note = body.get("description", entry.description)
        if not isinstance(note, str):
            return error(400, "description must be a string")
        started = changes.get("started_at", entry.started_at)
        if changes.get("ended_at", entry.ended_at) <= started:
            return error(422, "ended_at must be after started_at")
        for key, value in changes.items():
            setattr(entry, key, value)
        entry.description = note
        return None

    def _timesheet(self, user: FakeUser, query: dict[str, str]) -> FakeResponse:
        today = self.clock.now().date()
        monday = today - timedelta(days=today.weekday())
        try:
            first = date.fromisoformat(query["from"]) if "from" in query else monday
            last = date.fromisoformat(query["to"]) if "to" in query else monday + timedelta(6)
        except ValueError:
            return error(400, "from and to must be dates (YYYY-MM-DD)")
        if last < first:
            return error(422, "from must not be after to")
        mine = sorted((e for e in self.entries.values() if e.user_id == user.id
                       and first <= e.started_at.date() <= last), key=lambda e: e.started_at)
        rows: dict[int, dict[str, Any]] = {}
        for entry in mine:
            card = self.cards[entry.card_id]
            row = rows.setdefault(card.id, {
                "card_id": card.id, "project": self.projects[card.project_id].slug,
                "title": card.title, "seconds": {}, "entries": [],
            })
            day = entry.started_at.date().isoformat()
            row["seconds"][day] = row["seconds"].get(day, 0) + entry.seconds
            row["entries"].append(self.entry_json(entry))
        cards = []
        for row in rows.values():
            days = [{"date": d, "minutes": round(s / 60)} for d, s in sorted(row.pop("seconds").items())]
            cards.append({**row, "days": days, "total_minutes": sum(d["minutes"] for d in days)})
        return FakeResponse.json(200, {
            "from": first.isoformat(), "to": last.isoformat(), "cards": cards,
            "total_minutes": sum(c["total_minutes"] for c in cards),
        })

    # --- JSON shapes -----------------------------------------------------------------

    def project_json(self, p: FakeProject) -> dict[str, Any]:
        return {"id": p.id, "slug": p.slug, "name": p.name, "key_prefix": p.slug.upper()[:4]}

    def column_json(self, c: FakeColumn) -> dict[str, Any]:
        return {"id": c.id, "project_id": c.project_id, "name": c.name, "position": c.position,
                "color": c.color}

    def card_json(self, c: FakeCard) -> dict[str, Any]:
        return {
            "id": c.id, "project_id": c.project_id, "column_id": c.column_id,
            "card_number": c.id, "title": c.title, "description": c.description,
            "priority": "none", "due_date": c.due_date.isoformat() if c.due_date else None,
            "created_at": stamp(c.created_at), "updated_at": stamp(c.updated_at),
        }

    def entry_json(self, e: FakeEntry) -> dict[str, Any]:
        card = self.cards[e.card_id]
        return {
            "id": e.id, "card_id": e.card_id, "project": self.projects[card.project_id].slug,
            "user_id": e.user_id, "started_at": stamp(e.started_at), "ended_at": stamp(e.ended_at),
            "minutes": round(e.seconds / 60), "description": e.description,
            "created_at": stamp(e.created_at), "updated_at": stamp(e.updated_at),
        }


def stamp(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def error(status: int, message: str) -> FakeResponse:
    return FakeResponse.json(status, {"error": message})


def _role() -> FakeResponse:
    return error(403, "insufficient role")


def parse_instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.astimezone(timezone.utc) if when.tzinfo is not None else None
