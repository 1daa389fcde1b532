"""A fake Gipo REST API v1, written from Gipo's REST API v1 reference.

It follows the document, not our adapter: everything under /api/v1, per-organisation
`ba_` keys as Bearer tokens, every endpoint filtered by the key's organisation with
cross-org ids answering 404, list replies {"data": [...], "total": n} (offset
paging) or {"data": [...], "pagination": {"nextCursor": id|null}} (cursor paging),
single resources {"data": {...}}, ISO-8601 UTC timestamps with milliseconds.

Where the document is silent the fake chooses, as a Next.js-style server would:
- workspaces, boards, stages and time entries page by offset (limit/offset);
  tasks page by cursor (limit/cursor; the cursor is the last task's id). A
  server-side cap `max_limit` lets tests force many pages;
- errors are {"error": {"code", "message"}}: 400 VALIDATION_ERROR, 401
  UNAUTHORIZED, 404 NOT_FOUND, 422 IDEMPOTENCY_KEY_REUSED, 429 RATE_LIMITED;
- an Idempotency-Key on a POST is remembered per organisation: the same key
  with the same body answers the first reply again and acts once; with another
  body, 422;
- tasks move with POST /tasks/{id}/move {"stageId"} (which reopens a finalized
  task) and finalize with POST /tasks/{id}/finalize (sets finalizedAt);
- time entries are finished intervals {"id", "taskId", "memberId", "startedAt",
  "endedAt", "note"}; GET /time-entries?from=&to= lists those that overlap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from stint.domain.clock import Clock, FixedClock
from tests.fakes.httpfake import FakeRequest, FakeResponse, FakeServer

START = datetime(2026, 2, 2, 9, 0, tzinfo=timezone.utc)


def stamp(when: datetime | None) -> str | None:
    if when is None:
        return None
    utc = when.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else None


def error(status: int, code: str, message: str) -> FakeResponse:
    return FakeResponse.json(status, {"error": {"code": code, "message": message}})


@dataclass
class Thing:
    """Any stored resource: its organisation, its parent and its JSON fields."""

    id: str
    org: str
    parent: str | None
    fields: dict[str, Any] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        return {"id": self.id, **self.fields}


class FakeGipo(FakeServer):
    base_path = "/api/v1"
    base_url = "https://gipo.test/api/v1"
    required_keys = frozenset({"id", "title", "name", "boardId", "stageId", "taskId",
                               "startedAt", "endedAt", "position"})

    def __init__(self, clock: Clock | None = None) -> None:
        super().__init__()
        self.clock: Clock = clock or FixedClock(START)
        self.keys: dict[str, str] = {}  # key -> org
        self.things: dict[str, dict[str, Thing]] = {
            k: {} for k in ("workspace", "board", "stage", "task", "entry")}
        self.idempotent: dict[tuple[str, str], tuple[str, FakeResponse]] = {}
        self.max_limit = 100
        self._n = 0
        self.key = self.add_key("acme")

    def new_id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}_{self._n:04d}"

    # --- the web app -------------------------------------------------------------

    def add_key(self, org: str) -> str:
        key = f"ba_{org}_{len(self.keys) + 1}Zx9LiveSecretValue"
        self.keys[key] = org
        return key

    def add(self, kind: str, org: str, parent: str | None, **fields: Any) -> Thing:
        with self.lock:
            thing = Thing(self.new_id(kind[:3]), org, parent, fields)
            self.things[kind][thing.id] = thing
            return thing

    def add_board(self, name: str, stages: tuple[str, ...] = ("To do", "Doing", "Review"),
                  org: str = "acme", workspace: Thing | None = None) -> Thing:
        ws = workspace or next((w for w in self.things["workspace"].values() if w.org == org),
                               None) or self.add("workspace", org, None, name=f"{org} HQ")
        board = self.add("board", org, ws.id, name=name, workspaceId=ws.id)
        for position, stage in enumerate(stages):
            self.add("stage", org, board.id, name=stage, position=position, boardId=board.id,
                     color=None)
        return board

    def stages_of(self, board: Thing) -> list[Thing]:
        return [s for s in self.things["stage"].values() if s.parent == board.id]

    def add_task(self, board: Thing, title: str, stage: int = 0, **fields: Any) -> Thing:
        now = stamp(self.clock.now())
        return self.add("task", board.org, board.id, title=title, description="",
                        boardId=board.id, stageId=self.stages_of(board)[stage].id,
                        finalizedAt=None, dueDate=None, estimatedHours=None,
                        createdAt=now, updatedAt=now, **fields)

    def add_entry(self, task: Thing, started: datetime, ended: datetime, note: str = "",
                  member: str = "mem_alice") -> Thing:
        return self.add("entry", task.org, task.id, taskId=task.id, memberId=member,
                        startedAt=stamp(started), endedAt=stamp(ended), note=note)

    # --- the API -------------------------------------------------------------------

    def fault_payload(self, status: int) -> Any:
        if status == 429:
            return {"error": {"code": "RATE_LIMITED", "message": "Too many requests"}}
        return {"error": {"code": "INTERNAL", "message": "Internal server error"}}

    def handle(self, request: FakeRequest) -> FakeResponse:
        auth = request.headers.get("authorization", "")
        org = self.keys.get(auth[7:]) if auth.startswith("Bearer ") else None
        if org is None:
            return error(401, "UNAUTHORIZED", "Missing or invalid API key")
        if not request.path.startswith(self.base_path + "/"):
            return error(404, "NOT_FOUND", "Not found")
        parts = [p for p in request.path[len(self.base_path):].split("/") if p]
        key = request.headers.get("idempotency-key")
        if request.method != "POST" or not key:
            return self.route(org, request, parts)
        fingerprint = json.dumps([request.path, request.json()], sort_keys=True)
        held = self.idempotent.get((org, key))
        if held is not None:
            if held[0] != fingerprint:
                return error(422, "IDEMPOTENCY_KEY_REUSED",
                             "Idempotency-Key was used with another request")
            return held[1]
        response = self.route(org, request, parts)
        if response.status < 500:
            self.idempotent[(org, key)] = (fingerprint, response)
        return response

    def _mine(self, kind: str, org: str, thing_id: str) -> Thing | None:
        thing = self.things[kind].get(thing_id)
        return thing if thing is not None and thing.org == org else None

    def route(self, org: str, request: FakeRequest, parts: list[str]) -> FakeResponse:
        m, q, body = request.method, request.query, request.json()
        body = body if isinstance(body, dict) else {}
        mine = lambda kind: [t for t in self.things[kind].values() if t.org == org]  # noqa: E731
        if m == "GET" and parts == ["workspaces"]:
            return self._offset(mine("workspace"), q)
        if m == "GET" and len(parts) == 3 and parts[::2] == ["workspaces", "boards"]:
            if self._mine("workspace", org, parts[1]) is None:
                return error(404, "NOT_FOUND", "Workspace not found")
            return self._offset([b for b in mine("board") if b.parent == parts[1]], q)
        if m == "GET" and len(parts) == 3 and parts[::2] == ["boards", "stages"]:
            if self._mine("board", org, parts[1]) is None:
                return error(404, "NOT_FOUND", "Board not found")
            return self._offset([s for s in mine("stage") if s.parent == parts[1]], q)
        if parts[:1] == ["tasks"]:
            return self._tasks(org, m, parts[1:], q, body, mine("task"))
        if parts[:1] == ["time-entries"]:
            return self._entries(org, m, parts[1:], q, body, mine("entry"))
        return error(404, "NOT_FOUND", "Not found")

    def _limit(self, q: dict[str, str]) -> int | None:
        try:
            limit = int(q.get("limit", "50"))
        except ValueError:
            return None
        return min(limit, self.max_limit) if limit > 0 else None

    def _offset(self, items: list[Thing], q: dict[str, str]) -> FakeResponse:
        limit = self._limit(q)
        offset = q.get("offset", "0")
        if limit is None or not offset.isdigit():
            return error(400, "VALIDATION_ERROR", "limit and offset must be positive integers")
        page = items[int(offset):int(offset) + limit]
        return FakeResponse.json(200, {"data": [t.view() for t in page], "total": len(items)})

    def _cursor(self, items: list[Thing], q: dict[str, str]) -> FakeResponse:
        limit = self._limit(q)
        if limit is None:
            return error(400, "VALIDATION_ERROR", "limit must be a positive integer")
        ids = [t.id for t in items]
        start = ids.index(q["cursor"]) + 1 if q.get("cursor") in ids else 0
        page = items[start:start + limit]
        more = start + limit < len(items)
        return FakeResponse.json(200, {"data": [t.view() for t in page],
                                       "pagination": {"nextCursor": page[-1].id if more else None}})

    def _tasks(self, org: str, m: str, rest: list[str], q: dict[str, str],
               body: dict[str, Any], tasks: list[Thing]) -> FakeResponse:
        now = stamp(self.clock.now())
        if m == "GET" and not rest:
            board = q.get("boardId")
            return self._cursor([t for t in tasks if board in (None, t.parent)], q)
        if m == "POST" and not rest:
            board = self._mine("board", org, str(body.get("boardId")))
            if not isinstance(body.get("title"), str) or not body["title"].strip():
                return error(400, "VALIDATION_ERROR", "title is required")
            if board is None:
                return error(404, "NOT_FOUND", "Board not found")
            stages = self.stages_of(board)
            stage = body.get("stageId", stages[0].id if stages else None)
            if stage not in [s.id for s in stages]:
                return error(400, "VALIDATION_ERROR", "stageId does not belong to the board")
            task = self.add_task(board, body["title"], [s.id for s in stages].index(stage))
            task.fields["description"] = str(body.get("description") or "")
            return FakeResponse.json(201, {"data": task.view()})
        task = self._mine("task", org, rest[0]) if rest else None
        if task is None:
            return error(404, "NOT_FOUND", "Task not found")
        if m == "GET" and len(rest) == 1:
            return FakeResponse.json(200, {"data": task.view()})
        if m == "PATCH" and len(rest) == 1:
            for name in ("title", "description", "dueDate", "estimatedHours"):
                if name in body:
                    task.fields[name] = body[name]
        elif m == "POST" and rest[1:] == ["move"]:
            stage = self._mine("stage", org, str(body.get("stageId")))
            if stage is None or stage.parent != task.parent:
                return error(400, "VALIDATION_ERROR", "stageId does not belong to the task's board")
            task.fields.update(stageId=stage.id, finalizedAt=None)
        elif m == "POST" and rest[1:] == ["finalize"]:
            task.fields["finalizedAt"] = task.fields["finalizedAt"] or now
        else:
            return error(404, "NOT_FOUND", "Not found")
        task.fields["updatedAt"] = now
        return FakeResponse.json(200, {"data": task.view()})

    def _entries(self, org: str, m: str, rest: list[str], q: dict[str, str],
                 body: dict[str, Any], entries: list[Thing]) -> FakeResponse:
        if m == "GET" and not rest:
            start, end = parse(q.get("from")), parse(q.get("to"))
            if start is None or end is None:
                return error(400, "VALIDATION_ERROR", "from and to are required ISO-8601 dates")
            hits = [e for e in entries if parse(e.fields["startedAt"]) < end  # type: ignore[operator]
                    and parse(e.fields["endedAt"]) > start]  # type: ignore[operator]
            return self._offset(hits, q)
        entry = None
        if m == "POST" and not rest:
            task = self._mine("task", org, str(body.get("taskId")))
            if task is None:
                return error(404, "NOT_FOUND", "Task not found")
        elif len(rest) == 1:
            entry = self._mine("entry", org, rest[0])
            if entry is None:
                return error(404, "NOT_FOUND", "Time entry not found")
            if m == "DELETE":
                del self.things["entry"][entry.id]
                return FakeResponse(204)
        else:
            return error(404, "NOT_FOUND", "Not found")
        fields = dict(entry.fields) if entry else {}
        fields.update({k: body[k] for k in ("startedAt", "endedAt", "note") if k in body})
        started, ended = parse(fields.get("startedAt")), parse(fields.get("endedAt"))
        if started is None or ended is None or ended <= started:
            return error(400, "VALIDATION_ERROR", "startedAt and endedAt must be ordered ISO-8601 timestamps")
        fields.update(startedAt=stamp(started), endedAt=stamp(ended))
        if entry is None:
            entry = self.add_entry(task, started, ended, str(fields.get("note") or ""))
            return FakeResponse.json(201, {"data": entry.view()})
        entry.fields = fields
        return FakeResponse.json(200, {"data": entry.view()})


__all__ = ["START", "FakeGipo", "Thing"]
